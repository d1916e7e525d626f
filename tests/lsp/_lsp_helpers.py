"""Helpers for the language-server tests: a workspace with its own rule pack, a real
LSP client (pytest-lsp) talking to ``python -m brandlint lsp`` over stdio, and helpers that
apply LSP text edits the way an editor does (UTF-16 code units), independently of the
server's own position code."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path
from typing import Any, Union

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SERVER = [sys.executable, "-m", "brandlint", "lsp"]

LEVERAGE = """kind = "substitution"
severity = "warning"
message = "Use '{preferred}' instead of '{match}'."
description = "Replaces corporate verbs with plain ones."
why = "Plain verbs are shorter and clearer."
example = "We leverage the API."
use-instead = "We use the API."
link = "https://example.com/style#leverage"
[swap]
"leverage" = "use"
"""

DELVE = """kind = "existence"
severity = "error"
message = "'{match}' sounds machine-written."
description = "Flags words that language models overuse."
why = "Readers spot them."
tokens = ["delve"]
"""

CONFIG = """packs = ["./brand"]

[formats.json]
prose = ["$..title"]
"""


def make_workspace(root: Path) -> Path:
    (root / "brand").mkdir(parents=True, exist_ok=True)
    (root / "brand" / "leverage.toml").write_text(LEVERAGE, encoding="utf-8")
    (root / "brand" / "delve.toml").write_text(DELVE, encoding="utf-8")
    (root / "brandlint.toml").write_text(CONFIG, encoding="utf-8")
    return root


def uri_of(path: Path) -> str:
    return path.resolve().as_uri()


def make_client() -> LanguageClient:
    """pytest-lsp's client, also recording every publishDiagnostics and registration."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]
    client.registrations = []  # type: ignore[attr-defined]
    client.applied = []  # type: ignore[attr-defined]

    def publish(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published.append(params)  # type: ignore[attr-defined]

    def register(ls: LanguageClient, params: types.RegistrationParams) -> None:
        ls.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    def apply_edit(ls: LanguageClient, params: types.ApplyWorkspaceEditParams) -> types.ApplyWorkspaceEditResult:
        ls.applied.append(params)  # type: ignore[attr-defined]
        return types.ApplyWorkspaceEditResult(applied=True)

    # lsprotocol's client-side hook reads every code action that carries a `command` as a bare
    # Command (it should check that `command` is a string, as LSP defines): decide correctly
    conv = client.protocol._converter

    def command_or_action(obj: Any, _: Any) -> Any:
        kind = types.Command if isinstance(obj.get("command"), str) else types.CodeAction
        return conv.structure(obj, kind)

    conv.register_structure_hook(Union[types.Command, types.CodeAction], command_or_action)

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    features[types.CLIENT_REGISTER_CAPABILITY] = register
    features[types.WORKSPACE_APPLY_EDIT] = apply_edit
    register_lsp_features(client, features)
    return client


async def wait_for(
    client: Any, uri: str, version: int | None = None, timeout: float = 20.0, after: int = 0
) -> types.PublishDiagnosticsParams:
    """The first diagnostics published for ``uri`` (and ``version``) after index ``after``."""
    deadline = time.monotonic() + timeout
    while True:
        for p in client.published[after:]:
            if p.uri == uri and (version is None or p.version == version):
                return p
        if time.monotonic() > deadline:
            seen = [(p.uri, p.version) for p in client.published]
            raise AssertionError(f"no diagnostics for {uri} version {version} within {timeout}s; got {seen}")
        await asyncio.sleep(0.01)


def ranges(diags) -> list[tuple]:
    return [
        (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.code) for d in diags
    ]


def _utf16_offset(text: str, line: int, character: int) -> int:
    """Code-point offset of an LSP UTF-16 position: an independent implementation for tests."""
    lines = text.split("\n")  # test documents use \n only
    start = sum(len(x) + 1 for x in lines[:line])
    units = 0
    for i, ch in enumerate(lines[line]):
        if units >= character:
            return start + i
        units += len(ch.encode("utf-16-le")) // 2
    return start + len(lines[line])


def apply_text_edits(text: str, edits) -> str:
    spans = []
    for e in edits:
        s = _utf16_offset(text, e.range.start.line, e.range.start.character)
        t = _utf16_offset(text, e.range.end.line, e.range.end.character)
        spans.append((s, t, e.new_text))
    for s, t, new in sorted(spans, reverse=True):
        text = text[:s] + new + text[t:]
    return text


def open_doc(client: Any, uri: str, text: str, language: str = "markdown", version: int = 1) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)
        )
    )


def change_doc(client: Any, uri: str, version: int, text: str, rng: types.Range | None = None) -> None:
    change: Any
    if rng is None:
        change = types.TextDocumentContentChangeWholeDocument(text=text)
    else:
        change = types.TextDocumentContentChangePartial(range=rng, text=text)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]
        )
    )


def own(actions) -> list:
    """Actions of the core server, without "rewrite with local model" (offered only when a
    model plugin such as brandlint-llm is installed; tested with a plugin of our own)."""
    return [a for a in actions or () if not a.title.startswith("Rewrite with local model")]


def rng(l1: int, c1: int, l2: int, c2: int) -> types.Range:
    return types.Range(start=types.Position(line=l1, character=c1), end=types.Position(line=l2, character=c2))
