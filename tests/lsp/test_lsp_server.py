"""End to end: ``brandlint lsp`` as a subprocess, driven over stdio by pytest-lsp's client."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest.importorskip("pygls.lsp.server", reason="the language server needs pygls 2.x (pip install 'brandlint[lsp]')")
pytest.importorskip("pytest_lsp", reason="end-to-end LSP tests need pytest-lsp (the test extra)")

import pytest_lsp  # noqa: E402
from _lsp_helpers import (  # noqa: E402
    SERVER,
    apply_text_edits,
    change_doc,
    make_client,
    make_workspace,
    open_doc,
    own,
    ranges,
    rng,
    uri_of,
    wait_for,
)
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="module")

DOC = """# Launch notes

Intro 😀 we leverage the API.

We delve into 🎉 details and leverage it again.
"""
# "Intro " = 6 units, 😀 = 2, " we " = 4: leverage at UTF-16 12-20 on line 2
# "We delve into " = 14, 🎉 = 2, " details and " = 13: leverage at 29-37 on line 4
EXPECTED = [(2, 12, 2, 20, "brand/leverage"), (4, 3, 4, 8, "brand/delve"), (4, 29, 4, 37, "brand/leverage")]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    return make_workspace(tmp_path_factory.mktemp("ws"))


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER, client_factory=make_client))
async def client(lsp_client: LanguageClient, workspace: Path):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=uri_of(workspace),
            workspace_folders=[types.WorkspaceFolder(uri=uri_of(workspace), name="ws")],
        )
    )
    yield
    await lsp_client.shutdown_session()


async def test_diagnostics_are_exact_in_utf16(client: LanguageClient, workspace: Path):
    uri = uri_of(workspace / "notes.md")
    open_doc(client, uri, DOC)
    got = await wait_for(client, uri, 1)
    assert ranges(got.diagnostics) == EXPECTED
    lev, delve = got.diagnostics[0], got.diagnostics[1]
    assert lev.message == "Use 'use' instead of 'leverage'."
    assert lev.severity == types.DiagnosticSeverity.Warning
    assert lev.source == "brandlint"
    assert lev.code_description.href == "https://example.com/style#leverage"
    assert delve.message == "'delve' sounds machine-written."
    assert delve.severity == types.DiagnosticSeverity.Error
    assert delve.code_description is None


async def test_capabilities(client: LanguageClient):
    # the server agreed on UTF-16 (VS Code offers only that) and registered config watchers
    await asyncio.sleep(0.2)
    assert any(r.method == "workspace/didChangeWatchedFiles" for r in client.registrations)


async def test_incremental_edit_after_emoji_updates_diagnostics(client: LanguageClient, workspace: Path):
    uri = uri_of(workspace / "edit.md")
    open_doc(client, uri, DOC)
    await wait_for(client, uri, 1)
    # replace "the" (UTF-16 21-24, after the emoji) with "our delve"
    change_doc(client, uri, 2, "our delve", rng(2, 21, 2, 24))
    got = await wait_for(client, uri, 2)
    assert ranges(got.diagnostics) == [
        (2, 12, 2, 20, "brand/leverage"),
        (2, 25, 2, 30, "brand/delve"),
        (4, 3, 4, 8, "brand/delve"),
        (4, 29, 4, 37, "brand/leverage"),
    ]
    # then delete the first paragraph's line entirely: everything below moves up two lines
    change_doc(client, uri, 3, "", rng(2, 0, 4, 0))
    got = await wait_for(client, uri, 3)
    assert ranges(got.diagnostics) == [(2, 3, 2, 8, "brand/delve"), (2, 29, 2, 37, "brand/leverage")]


async def test_code_actions_quick_fix_disable_and_fix_all(client: LanguageClient, workspace: Path):
    uri = uri_of(workspace / "actions.md")
    open_doc(client, uri, DOC)
    got = await wait_for(client, uri, 1)
    actions = own(
        await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=rng(2, 14, 2, 14),
                context=types.CodeActionContext(diagnostics=[got.diagnostics[0]]),
            )
        )
    )
    assert [(a.title, a.kind, a.is_preferred) for a in actions] == [
        ("Replace 'leverage' with 'use' (brand/leverage)", "quickfix", True),
        ("Disable brand/leverage for this line", "quickfix", None),
        ("Fix all auto-fixable brandlint findings", "source.fixAll.brandlint", None),
    ]
    fix, disable, fix_all = actions
    assert fix.diagnostics[0].code == "brand/leverage"
    [edits] = fix.edit.changes.values()
    assert [(e.range, e.new_text) for e in edits] == [(rng(2, 12, 2, 20), "use")]
    [edits] = disable.edit.changes.values()
    assert [(e.range, e.new_text) for e in edits] == [
        (rng(2, 0, 2, 0), "<!-- brandlint-disable-next-line brand/leverage -->\n")
    ]
    [edits] = fix_all.edit.changes.values()
    fixed = apply_text_edits(DOC, edits)
    assert fixed == DOC.replace("leverage", "use")

    # the editor applies "fix all": only the delve finding is left
    change_doc(client, uri, 2, fixed)
    got = await wait_for(client, uri, 2)
    assert ranges(got.diagnostics) == [(4, 3, 4, 8, "brand/delve")]

    # only source actions when the client asks for them (e.g. fix on save)
    only = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=rng(4, 4, 4, 4),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
        )
    )
    assert only is None  # nothing safe left to fix, and no quick fixes when only source actions are asked

    # disable the rule on a line: the finding is suppressed after the edit
    disabled = apply_text_edits(DOC, disable.edit.changes[uri])
    change_doc(client, uri, 3, disabled)
    got = await wait_for(client, uri, 3)
    assert ranges(got.diagnostics) == [(5, 3, 5, 8, "brand/delve"), (5, 29, 5, 37, "brand/leverage")]


async def test_disable_inside_a_paragraph_keeps_it_whole(client: LanguageClient, workspace: Path):
    uri = uri_of(workspace / "para.md")
    text = "First line of the paragraph  \nand we leverage it.\n"
    open_doc(client, uri, text)
    got = await wait_for(client, uri, 1)
    assert ranges(got.diagnostics) == [(1, 7, 1, 15, "brand/leverage")]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=rng(1, 7, 1, 15),
            context=types.CodeActionContext(diagnostics=got.diagnostics),
        )
    )
    disable = next(a for a in actions if a.title.startswith("Disable"))
    new = apply_text_edits(text, disable.edit.changes[uri])
    # the comment goes before the trailing hard-break spaces of the previous line
    assert (
        new
        == "First line of the paragraph <!-- brandlint-disable-next-line brand/leverage -->  \nand we leverage it.\n"
    )
    change_doc(client, uri, 2, new)
    got = await wait_for(client, uri, 2)
    assert list(got.diagnostics) == []


async def test_hover_shows_rule_docs(client: LanguageClient, workspace: Path):
    uri = uri_of(workspace / "hover.md")
    open_doc(client, uri, DOC)
    await wait_for(client, uri, 1)
    h = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=2, character=15)
        )
    )
    assert h.range == rng(2, 12, 2, 20)
    assert h.contents.kind == types.MarkupKind.Markdown
    assert h.contents.value == (
        "**brand/leverage** (warning): Use 'use' instead of 'leverage'.\n\n"
        "## What it does\nReplaces corporate verbs with plain ones.\n\n"
        "## Why is this bad?\nPlain verbs are shorter and clearer.\n\n"
        "## Example\nWe leverage the API.\n\n"
        "## Use instead\nWe use the API.\n\n"
        "See also: https://example.com/style#leverage"
    )
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=3)
        )
    )
    assert nothing is None


async def test_json_document(client: LanguageClient, workspace: Path):
    uri = uri_of(workspace / "strings.json")
    text = '{\n  "title": "😀 We leverage \\"it\\"",\n  "id": "leverage"\n}\n'
    open_doc(client, uri, text, language="json")
    got = await wait_for(client, uri, 1)
    # '  "title": "' = 12, 😀 = 2, ' We ' = 4: the key "id"'s value is not prose
    assert ranges(got.diagnostics) == [(1, 18, 1, 26, "brand/leverage")]


async def test_rapid_changes_publish_only_the_latest_version(client: LanguageClient, workspace: Path):
    uri = uri_of(workspace / "burst.md")
    open_doc(client, uri, "Start.\n")
    await wait_for(client, uri, 1)
    mark = len(client.published)
    for v in range(2, 8):  # faster than the 150 ms debounce
        change_doc(client, uri, v, "We delve. " * v + "\n")
    # a request right away is answered for the latest text (its lint runs now, not after the wait)
    hov = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=64)
        )
    )
    assert hov.range == rng(0, 63, 0, 68)  # the 7th "delve", which exists only in version 7
    got = await wait_for(client, uri, 7, after=mark)
    assert len(got.diagnostics) == 7
    await asyncio.sleep(0.4)
    assert [p.version for p in client.published[mark:] if p.uri == uri] == [7]


async def test_close_clears_diagnostics(client: LanguageClient, workspace: Path):
    uri = uri_of(workspace / "close.md")
    open_doc(client, uri, "We delve.\n")
    got = await wait_for(client, uri, 1)
    assert len(got.diagnostics) == 1
    mark = len(client.published)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    got = await wait_for(client, uri, None, after=mark)
    assert list(got.diagnostics) == []


async def test_line_breaks_follow_lsp_not_python(client: LanguageClient, workspace: Path):
    # U+2028 is a line break for str.splitlines() but not for LSP: an edit on line 2 must land
    # on "We fine." (pygls's own document store would change "We ok." instead)
    uri = uri_of(workspace / "lines.md")
    open_doc(client, uri, "Intro\u2028more 😀\nWe ok.\nWe fine.\n")
    got = await wait_for(client, uri, 1)
    assert list(got.diagnostics) == []
    change_doc(client, uri, 2, "delve", rng(2, 3, 2, 7))
    got = await wait_for(client, uri, 2)
    assert ranges(got.diagnostics) == [(2, 3, 2, 8, "brand/delve")]


async def test_files_without_a_format_get_no_diagnostics(client: LanguageClient, workspace: Path):
    uri = uri_of(workspace / "script.py")
    mark = len(client.published)
    open_doc(client, uri, "# We delve here\n", language="python")
    h = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=6)
        )
    )
    assert h is None
    await asyncio.sleep(0.3)
    assert [p.uri for p in client.published[mark:]] == []
