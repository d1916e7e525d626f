"""``brandlint lsp`` set-up paths: negotiated position encodings, broken and reloaded
configuration, options, and the lazily resolved "rewrite with local model" action."""

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
    ranges,
    rng,
    uri_of,
    wait_for,
)
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="function")

CONFIG = ClientServerConfig(server_command=SERVER, client_factory=make_client)
# the user opts in to the workspace's plugin-paths outside the workspace (docs/security.md)
TRUSTED = ClientServerConfig(server_command=[*SERVER, "--trust"], client_factory=make_client)
LINE = "Intro 😀 we leverage the API, ünd delve.\n"


@pytest_lsp.fixture(config=CONFIG, params=["utf-8", "utf-32"])
async def encoded(lsp_client: LanguageClient, request, tmp_path: Path):
    ws = make_workspace(tmp_path)
    caps = client_capabilities("visual-studio-code")
    caps.general = types.GeneralClientCapabilities(position_encodings=[request.param, "utf-16"])
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=caps, root_uri=uri_of(ws)))
    lsp_client.ws = ws
    lsp_client.encoding = request.param
    lsp_client.result = result
    yield
    await lsp_client.shutdown_session()


async def test_negotiated_position_encoding(encoded: LanguageClient):
    assert encoded.result.capabilities.position_encoding == encoded.encoding
    uri = uri_of(encoded.ws / "enc.md")
    open_doc(encoded, uri, LINE)
    got = await wait_for(encoded, uri, 1)
    if encoded.encoding == "utf-8":  # "Intro " 6 + 😀 4 + " we " 4 bytes; ü is 2 bytes
        assert ranges(got.diagnostics) == [(0, 14, 0, 22, "brand/leverage"), (0, 37, 0, 42, "brand/delve")]
    else:  # code points
        assert ranges(got.diagnostics) == [(0, 11, 0, 19, "brand/leverage"), (0, 33, 0, 38, "brand/delve")]
    # an incremental change in the same units: replace "the API" after the emoji
    start = 23 if encoded.encoding == "utf-8" else 20
    change_doc(encoded, uri, 2, "delve", rng(0, start, 0, start + 7))
    got = await wait_for(encoded, uri, 2)
    if encoded.encoding == "utf-8":
        assert ranges(got.diagnostics) == [
            (0, 14, 0, 22, "brand/leverage"),
            (0, 23, 0, 28, "brand/delve"),
            (0, 35, 0, 40, "brand/delve"),
        ]
    else:
        assert ranges(got.diagnostics) == [
            (0, 11, 0, 19, "brand/leverage"),
            (0, 20, 0, 25, "brand/delve"),
            (0, 31, 0, 36, "brand/delve"),
        ]


@pytest_lsp.fixture(config=CONFIG)
async def broken(lsp_client: LanguageClient, tmp_path: Path):
    ws = make_workspace(tmp_path)
    (ws / "brandlint.toml").write_text('packs = ["./brand"]\ncolour = "red"\n', encoding="utf-8")
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=uri_of(ws),
            initialization_options={"debounceMs": 0},
        )
    )
    lsp_client.ws = ws
    yield
    await lsp_client.shutdown_session()


async def test_broken_config_is_reported_and_reloaded(broken: LanguageClient):
    ws = broken.ws
    uri = uri_of(ws / "doc.md")
    open_doc(broken, uri, "We delve.\n")
    got = await wait_for(broken, uri, 1)
    [diag] = got.diagnostics
    assert (diag.range, diag.code, diag.severity) == (
        rng(0, 0, 0, 0),
        "brandlint/config-error",
        types.DiagnosticSeverity.Error,
    )
    cfg = ws / "brandlint.toml"
    assert diag.message.startswith(f"brandlint configuration error: {cfg.resolve()}:2: colour: unknown key")
    [shown] = broken.messages
    assert shown.type == types.MessageType.Error and shown.message == diag.message
    # the config file itself gets the error on the line at fault
    at_cfg = await wait_for(broken, uri_of(cfg))
    assert [(d.range.start.line, d.code) for d in at_cfg.diagnostics] == [(1, "brandlint/config-error")]
    assert at_cfg.diagnostics[0].message.startswith("colour: unknown key 'colour'")

    # the server is alive: fix the file, tell the server, and the findings come back
    cfg.write_text('packs = ["./brand"]\n', encoding="utf-8")
    mark = len(broken.published)
    broken.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=uri_of(cfg), type=types.FileChangeType.Changed)])
    )
    got = await wait_for(broken, uri, 1, after=mark)
    assert ranges(got.diagnostics) == [(0, 3, 0, 8, "brand/delve")]
    cleared = await wait_for(broken, uri_of(cfg), after=mark)
    assert list(cleared.diagnostics) == []


async def test_rule_file_change_is_picked_up_without_watchers(broken: LanguageClient):
    """Clients without file watching (Neovim 0.7): rule files are checked by mtime at each lint."""
    ws = broken.ws
    (ws / "brandlint.toml").write_text('packs = ["./brand"]\n', encoding="utf-8")
    uri = uri_of(ws / "doc.md")
    open_doc(broken, uri, "We delve and leverage.\n")
    got = await wait_for(broken, uri, 1)
    assert ranges(got.diagnostics) == [(0, 3, 0, 8, "brand/delve"), (0, 13, 0, 21, "brand/leverage")]
    rule = ws / "brand" / "delve.toml"
    rule.write_text(rule.read_text("utf-8").replace('["delve"]', '["delve", "leverage"]'), encoding="utf-8")
    change_doc(broken, uri, 2, "We delve and leverage.\n\n")
    got = await wait_for(broken, uri, 2)
    assert ranges(got.diagnostics) == [
        (0, 3, 0, 8, "brand/delve"),
        (0, 13, 0, 21, "brand/delve"),
        (0, 13, 0, 21, "brand/leverage"),
    ]


PLUGIN = '''"""A per-finding fixer with the contract a model backend implements (deterministic here)."""
from brandlint.findings import Edit
from brandlint.plugins import hookimpl


class Rewriter:
    name = "rewrite"
    title = "Rewrite with local model"
    nothing_message = "the local model proposed no rewrite for this finding"

    def can_fix(self, finding, settings):
        return finding.fix is None  # findings with a fix of their own need no model

    def fix_finding(self, text, finding, settings):
        if finding.matched == "Delve":
            return None  # the "model" found nothing it could verify
        s, e = finding.span.start.offset, finding.span.end.offset
        return [Edit(s, e, "look")]


@hookimpl
def brandlint_fixers():
    return {"rewrite": Rewriter()}
'''


@pytest_lsp.fixture(config=TRUSTED, params=["resolve", "command"])
async def rewriting(lsp_client: LanguageClient, tmp_path: Path, request):
    ws = make_workspace(tmp_path)
    (ws / "plugins").mkdir()
    # named to load after any installed model plugin (registrations of the same name: last wins)
    (ws / "plugins" / "zz_rewriter.py").write_text(PLUGIN, encoding="utf-8")
    (ws / "brandlint.toml").write_text('packs = ["./brand"]\nplugin-paths = ["plugins"]\n', encoding="utf-8")
    # VS Code resolves code actions lazily; a client without resolve support gets a command
    caps = client_capabilities("visual-studio-code")
    if request.param == "command":
        caps.text_document.code_action.resolve_support = None
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=caps, root_uri=uri_of(ws), initialization_options={"debounceMs": 0, "incremental": False}
        )
    )
    lsp_client.ws = ws
    lsp_client.mode = request.param
    yield
    await lsp_client.shutdown_session()


async def test_rewrite_action_is_resolved_lazily(rewriting: LanguageClient):
    uri = uri_of(rewriting.ws / "doc.md")
    text = "😀 We delve and leverage. Delve on.\n"
    open_doc(rewriting, uri, text)
    got = await wait_for(rewriting, uri, 1)
    assert ranges(got.diagnostics) == [
        (0, 6, 0, 11, "brand/delve"),
        (0, 16, 0, 24, "brand/leverage"),
        (0, 26, 0, 31, "brand/delve"),
    ]

    async def actions_at(character: int) -> list[types.CodeAction]:
        return await rewriting.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=rng(0, character, 0, character),
                context=types.CodeActionContext(diagnostics=[]),
            )
        )

    actions = await actions_at(7)
    assert [a.title for a in actions] == [
        "Rewrite with local model (brand/delve)",
        "Disable brand/delve for this line",
        "Fix all auto-fixable brandlint findings",
    ]
    lazy = actions[0]
    assert lazy.edit is None  # computed only when the user picks it
    if rewriting.mode == "command":
        assert lazy.command.command == "brandlint.fixFinding"
        await rewriting.workspace_execute_command_async(
            types.ExecuteCommandParams(command=lazy.command.command, arguments=lazy.command.arguments)
        )
        [applied] = rewriting.applied
        assert applied.label == "Rewrite with local model"
        assert apply_text_edits(text, applied.edit.changes[uri]) == "😀 We look and leverage. Delve on.\n"
        return
    assert lazy.command is None
    resolved = await rewriting.code_action_resolve_async(lazy)
    assert apply_text_edits(text, resolved.edit.changes[uri]) == "😀 We look and leverage. Delve on.\n"

    # the fixer's can_fix() leaves out findings that have a fix of their own
    assert [a.title for a in await actions_at(18)] == [
        "Replace 'leverage' with 'use' (brand/leverage)",
        "Disable brand/leverage for this line",
        "Fix all auto-fixable brandlint findings",
    ]

    # a finding the model has no rewrite for: no edit, and the user is told why
    lazy = (await actions_at(28))[0]
    assert lazy.title == "Rewrite with local model (brand/delve)"
    resolved = await rewriting.code_action_resolve_async(lazy)
    assert resolved.edit is None
    await asyncio.sleep(0.1)
    assert rewriting.messages[-1].message == "brandlint: the local model proposed no rewrite for this finding"


@pytest_lsp.fixture(config=CONFIG)
async def options_client(lsp_client: LanguageClient, tmp_path: Path):
    ws = make_workspace(tmp_path)
    (ws / "alt").mkdir()
    (ws / "alt" / "only-leverage.toml").write_text('packs = ["../brand"]\nignore = ["brand/delve"]\n', encoding="utf-8")
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("neovim@v0.7.0"),
            root_uri=uri_of(ws),
            initialization_options={"debounceMs": "fast", "colour": 1, "config": "alt/only-leverage.toml"},
        )
    )
    lsp_client.ws = ws
    yield
    await lsp_client.shutdown_session()


async def test_initialization_options(options_client: LanguageClient):
    uri = uri_of(options_client.ws / "doc.md")
    open_doc(options_client, uri, "We delve and leverage.\n")
    got = await wait_for(options_client, uri, 1)
    # "config" (relative to the workspace root) replaces the nearest brandlint.toml
    assert ranges(got.diagnostics) == [(0, 13, 0, 21, "brand/leverage")]
    assert [m.message for m in options_client.messages] == [
        "brandlint: debounceMs must be an integer from 0 to 10000, got 'fast'",
        "brandlint: unknown initialization option 'colour' (known: debounceMs, incremental, config)",
    ]
