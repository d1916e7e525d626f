"""``brandlint lsp``: the language server (pygls 2.x over stdio).

The event loop only receives messages, keeps the open documents' text and sends results;
linting runs in one worker thread, so a slow rule (a spaCy parse, a model) never blocks the
message loop. Changes are debounced per document; a lint whose document changed again before
it started is skipped, and results for a version that is no longer current are dropped.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..config.settings import CONFIG_NAMES
from ..errors import BrandlintError, ConfigError
from .actions import (
    CONFIG_ERROR,
    FIX_ALL_KIND,
    FIX_FINDING_COMMAND,
    INTERNAL_ERROR,
    SOURCE,
    Snapshot,
    code_actions,
    hover,
)
from .fixers import fixer_edit, offered
from .linting import DocumentLinter
from .options import Options
from .positions import ENCODINGS, UTF16, TextIndex

log = logging.getLogger("brandlint.lsp")

WATCH_ID = "brandlint-config-watch"


@dataclass
class OpenDocument:
    uri: str
    path: Path
    language_id: str
    version: int
    text: str
    task: asyncio.Task | None = None
    sleeping: bool = False  # the pending task is still in its debounce wait
    published: bool = False  # diagnostics were sent for it (to clear when it stops being linted)
    snapshot: Snapshot | None = None


@dataclass
class _ConfigProblem:
    config: str  # the config being loaded when it failed
    uri: str  # the file the error is in
    diagnostic: types.Diagnostic


class BrandlintLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("brandlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.options = Options()
        self.linter = DocumentLinter()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="brandlint-lint")
        self.fixer_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="brandlint-fixer")
        self.docs: dict[str, OpenDocument] = {}
        self.shown: set[str] = set()  # error messages already shown with window/showMessage
        self.config_problems: dict[str, _ConfigProblem] = {}  # by uri of the broken file
        self.root: Path = Path.cwd()
        self.init_problems: list[str] = []

    # -- helpers ---------------------------------------------------------------------------
    @property
    def encoding(self) -> str:
        enc = self.workspace.position_encoding
        enc = getattr(enc, "value", enc) or UTF16
        return enc if enc in ENCODINGS else UTF16

    def client_resolves_edits(self) -> bool:
        try:
            rs = self.client_capabilities.text_document.code_action.resolve_support  # type: ignore[union-attr]
        except AttributeError:
            return False
        return bool(rs and "edit" in rs.properties)

    def show_once(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        if message not in self.shown:
            self.shown.add(message)
            self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def publish(self, uri: str, diagnostics: list[types.Diagnostic], version: int | None = None) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    # -- documents -------------------------------------------------------------------------
    def open(self, item: types.TextDocumentItem) -> OpenDocument:
        path = Path(to_fs_path(item.uri) or "") if item.uri.startswith("file:") else self.root / "untitled"
        doc = OpenDocument(item.uri, path, item.language_id, item.version, item.text)
        old = self.docs.get(item.uri)
        if old is not None and old.task is not None:
            old.task.cancel()
        self.docs[item.uri] = doc
        return doc

    def change(self, params: types.DidChangeTextDocumentParams) -> OpenDocument | None:
        doc = self.docs.get(params.text_document.uri)
        if doc is None:
            return None
        text = doc.text
        for ch in params.content_changes:
            rng = getattr(ch, "range", None)
            if rng is None:
                text = ch.text
                continue
            idx = TextIndex(text)
            s = idx.offset(rng.start.line, rng.start.character, self.encoding)
            e = idx.offset(rng.end.line, rng.end.character, self.encoding)
            text = text[:s] + ch.text + text[max(s, e) :]
        doc.text = text
        doc.version = params.text_document.version
        return doc

    def close(self, uri: str) -> None:
        doc = self.docs.pop(uri, None)
        if doc is not None and doc.task is not None:
            doc.task.cancel()
        self.publish(uri, [])

    # -- linting ---------------------------------------------------------------------------
    def schedule(self, doc: OpenDocument, delay_ms: int | None = None) -> None:
        """Lint ``doc`` after the debounce delay; a newer change restarts the wait."""
        if doc.task is not None and not doc.task.done():
            doc.task.cancel()
        delay = self.options.debounce_ms if delay_ms is None else delay_ms
        doc.task = asyncio.ensure_future(self._debounced(doc, delay / 1000))

    async def _debounced(self, doc: OpenDocument, delay: float) -> None:
        try:
            if delay > 0:
                doc.sleeping = True
                await asyncio.sleep(delay)
            doc.sleeping = False
            await self.lint(doc)
        except asyncio.CancelledError:
            pass
        finally:
            doc.sleeping = False

    async def lint(self, doc: OpenDocument) -> Snapshot | None:
        version, text = doc.version, doc.text
        loop = asyncio.get_running_loop()
        snap = await loop.run_in_executor(self.executor, self._lint_sync, doc, text, version, self.encoding)
        if snap is None or self.docs.get(doc.uri) is not doc or doc.version != version:
            return None  # stale: a newer version is on its way
        doc.snapshot = snap
        self._report(doc, snap)
        return snap

    async def fresh(self, doc: OpenDocument) -> Snapshot | None:
        """The snapshot of the document's current version, linting it now if needed."""
        for _ in range(5):
            snap = doc.snapshot
            if snap is not None and snap.version == doc.version and snap.text == doc.text:
                return snap
            task = doc.task
            if task is not None and not task.done() and not doc.sleeping:
                await asyncio.wait({task})  # a lint of the latest version is running: wait for it
                continue
            if task is not None and not task.done():
                task.cancel()
            await self.lint(doc)
        return doc.snapshot

    def _lint_sync(self, doc: OpenDocument, text: str, version: int, encoding: str) -> Snapshot | None:
        """Runs in the worker thread."""
        if self.docs.get(doc.uri) is not doc or doc.version != version:
            return None  # superseded while it waited in the queue
        snap = Snapshot(uri=doc.uri, version=version, text=text, encoding=encoding)
        path = self.linter.lint_path(doc.path, doc.language_id)
        snap.lint_path = path
        try:
            settings = self.linter.settings_for(path, self.root)
        except BrandlintError as exc:
            snap.error, snap.error_code = f"brandlint configuration error: {exc}", CONFIG_ERROR
            snap.exception = exc
            return snap
        except Exception as exc:  # a plugin or config bug: keep serving
            log.error("loading settings for %s failed:\n%s", path, traceback.format_exc())
            snap.error, snap.error_code = f"brandlint internal error: {type(exc).__name__}: {exc}", INTERNAL_ERROR
            return snap
        snap.settings = settings
        try:
            result = self.linter.lint(path, text, settings, display_path=str(doc.path))
        except Exception as exc:
            log.error("linting %s failed:\n%s", path, traceback.format_exc())
            snap.error = (
                f"brandlint internal error while linting: {type(exc).__name__}: {exc} "
                "(see the server log; please report it)"
            )
            snap.error_code = INTERNAL_ERROR
            return snap
        snap.format = result.format
        snap.shift = 1 if result.bom else 0
        snap.findings = [f for f in result.findings if f.suppression is None]
        snap.segments = [(s + snap.shift, e + snap.shift, scope) for s, e, scope in result.segments]
        snap.rules = {r.id: r for r in settings.all_rules}
        return snap

    def _report(self, doc: OpenDocument, snap: Snapshot) -> None:
        exc = snap.exception
        config = str(self.linter.config_for(snap.lint_path or doc.path) or "")
        if snap.error:
            self.show_once(snap.error)
            if isinstance(exc, ConfigError) and exc.path and Path(exc.path).is_file():
                self._config_problem(config, exc)
            self.publish(doc.uri, snap.diagnostics(), snap.version)
            doc.published = True
            return
        # this config loads now: clear what an earlier failure showed
        for uri, prob in list(self.config_problems.items()):
            if prob.config == config:
                del self.config_problems[uri]
                self.publish(uri, [])
        self.shown = {m for m in self.shown if not m.startswith("brandlint configuration error")}
        if snap.format or doc.published:  # a file brandlint does not lint gets nothing (or a clear)
            self.publish(doc.uri, snap.diagnostics(), snap.version)
            doc.published = bool(snap.format)

    def _config_problem(self, config: str, exc: ConfigError) -> None:
        """Show a broken config (or rule file) as a diagnostic on the line at fault."""
        uri = from_fs_path(str(Path(exc.path).resolve())) or exc.path
        try:
            text = Path(exc.path).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        idx = TextIndex(text)
        line = max(exc.line - 1, 0)
        s, e = idx.line_range(line)
        rng = types.Range(
            start=types.Position(line=line, character=0),
            end=types.Position(line=line, character=idx.position(e, self.encoding)[1]),
        )
        msg = (f"{exc.key}: " if exc.key else "") + exc.message + (f" ({exc.hint})" if exc.hint else "")
        diag = types.Diagnostic(
            range=rng, message=msg, severity=types.DiagnosticSeverity.Error, code=CONFIG_ERROR, source=SOURCE
        )
        self.config_problems[uri] = _ConfigProblem(config, uri, diag)
        self.publish(uri, [diag])

    async def reload(self) -> None:
        """A config or rule file changed: forget loaded settings and lint every open document."""
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self.executor, self.linter.reload)
        for doc in list(self.docs.values()):
            self.schedule(doc, 0)

    # -- plugins' per-finding fixers ------------------------------------------------------
    async def fixer_edit(self, data: Any) -> tuple[types.WorkspaceEdit, str] | None:
        """A plugin fixer's edit for the finding an action's data names, and the fixer's title."""
        if not isinstance(data, dict) or not isinstance(data.get("finding"), list):
            return None
        doc = self.docs.get(data.get("uri", ""))
        if doc is None:
            return None
        snap = await self.fresh(doc)
        return await fixer_edit(self, snap, data, self.fixer_executor, lambda: doc.version)


def create_server() -> BrandlintLanguageServer:
    server = BrandlintLanguageServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: BrandlintLanguageServer, params: types.InitializeParams) -> None:
        ls.options, problems = Options.parse(params.initialization_options)
        root = ls.workspace.root_path
        if root:
            ls.root = Path(root)
        if ls.options.config is not None and not ls.options.config.is_absolute():
            ls.options.config = ls.root / ls.options.config
        ls.linter = DocumentLinter(incremental=ls.options.incremental, config=ls.options.config)
        for p in problems:
            log.warning("%s", p)
        ls.init_problems = problems

    @server.feature(types.INITIALIZED)
    def initialized(ls: BrandlintLanguageServer, params: types.InitializedParams) -> None:
        for p in ls.init_problems:
            ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=f"brandlint: {p}"))
        if ls.options.config is not None and not ls.options.config.is_file():
            ls.show_once(f"brandlint: config file not found: {ls.options.config}")
        try:
            dyn = ls.client_capabilities.workspace.did_change_watched_files.dynamic_registration  # type: ignore[union-attr]
        except AttributeError:
            dyn = False
        if dyn:
            watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
            watchers.append(types.FileSystemWatcher(glob_pattern="**/*.toml"))
            ls.client_register_capability(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id=WATCH_ID,
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
                        )
                    ]
                )
            )

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: BrandlintLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(ls.open(params.text_document), 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: BrandlintLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        doc = ls.change(params)
        if doc is not None:
            ls.schedule(doc)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: BrandlintLanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        name = Path(to_fs_path(params.text_document.uri) or "").name
        if name in CONFIG_NAMES or name.endswith(".toml"):
            await ls.reload()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: BrandlintLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(ls: BrandlintLanguageServer, params: types.DidChangeWatchedFilesParams) -> None:
        await ls.reload()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND], resolve_provider=True),
    )
    async def code_action(ls: BrandlintLanguageServer, params: types.CodeActionParams):
        doc = ls.docs.get(params.text_document.uri)
        if doc is None:
            return None
        snap = await ls.fresh(doc)
        if snap is None:
            return None
        return (
            code_actions(snap, params.range, params.context.only, fixers=offered(snap), lazy=ls.client_resolves_edits())
            or None
        )

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def resolve(ls: BrandlintLanguageServer, action: types.CodeAction) -> types.CodeAction:
        if action.edit is None and isinstance(action.data, dict) and "finding" in action.data:
            found = await ls.fixer_edit(action.data)
            if found is not None:
                action.edit = found[0]
        return action

    @server.command(FIX_FINDING_COMMAND)
    async def fix_finding_command(ls: BrandlintLanguageServer, *args: Any) -> None:
        found = await ls.fixer_edit(args[0] if args else None)
        if found is not None:
            edit, title = found
            await ls.workspace_apply_edit_async(types.ApplyWorkspaceEditParams(edit=edit, label=title))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: BrandlintLanguageServer, params: types.HoverParams) -> types.Hover | None:
        doc = ls.docs.get(params.text_document.uri)
        if doc is None:
            return None
        snap = await ls.fresh(doc)
        return hover(snap, params.position) if snap is not None and not snap.error else None

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: BrandlintLanguageServer, params: Any = None) -> None:
        for doc in ls.docs.values():
            if doc.task is not None:
                doc.task.cancel()
        ls.executor.shutdown(wait=False, cancel_futures=True)
        ls.fixer_executor.shutdown(wait=False, cancel_futures=True)

    return server


def start_io() -> None:
    """Serve one client over stdin/stdout until it exits."""
    logging.basicConfig(level=logging.WARNING, format="brandlint-lsp %(levelname)s %(name)s: %(message)s")
    create_server().start_io()
