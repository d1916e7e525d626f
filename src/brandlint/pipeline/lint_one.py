"""Linting one file: its format, its engine (built once per rule set), its findings.

:class:`LintJob` is "lint one file" as a run's :class:`~brandlint.plugins.protocols.FileJob`;
the result cache (:class:`brandlint.pipeline.cache.CachedLintJob`) decorates it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from ..config.packs import clear_pack_cache
from ..config.settings import Settings, clear_settings_cache, load_settings
from ..engine import Engine
from ..findings import Finding
from ..plugins.protocols import StreamingFormat
from ..results import IO_ERROR, FileResult, file_finding, missing_file, no_format_note
from ..rules.base import RuleContext
from .options import RunOptions
from .reading import decode

__all__ = [
    "LintJob",
    "clear_caches",
    "engine_for",
    "file_digest",
    "lint_file",
    "lint_file_hashed",
    "lint_text",
    "settled",
]

_ENGINES: dict[tuple, Engine] = {}


def clear_caches() -> None:
    """Forget loaded settings, packs and engines, as a fresh process would (benchmarks, editors)."""
    clear_settings_cache()
    clear_pack_cache()
    _ENGINES.clear()


def engine_for(settings: Settings, path: Path | str) -> Engine:
    """The engine for the rule set that applies to ``path`` (one per rule set and process)."""
    rs = settings.ruleset_for(path)
    key = (id(settings), rs.key)
    eng = _ENGINES.get(key)
    if eng is None:
        ctx = RuleContext(settings=settings, factories=dict(settings.registry.services))
        eng = _ENGINES[key] = Engine(rs.rules, ctx)
    return eng


def _cannot_read(shown: str, exc: OSError) -> Finding:
    return file_finding(IO_ERROR, f"cannot read file: {exc.strerror}", shown)


def lint_file(
    path: str | Path, settings: Settings, *, content: bytes | None = None, display_path: str | None = None
) -> FileResult:
    """Lint one file (or ``content`` given for it, e.g. from stdin)."""
    path = Path(path)
    shown = display_path or str(path)
    fmt = settings.registry.format_for(str(path))
    result = FileResult(shown)
    if fmt is None:
        result.note = no_format_note(path)
        return result
    result.format = fmt.name
    engine = engine_for(settings, path)
    options = settings.format_options(fmt.name, path)
    if content is None and fmt.streaming:
        try:  # the registry checked that a streaming format has parse_path
            for doc in cast(StreamingFormat, fmt).parse_path(str(path), options):
                doc.path = shown
                result.words += doc.words()
                result.findings.extend(engine.check(doc, settings))
        except OSError as exc:
            result.findings.append(_cannot_read(shown, exc))
        return result
    if content is None:
        try:
            content = path.read_bytes()
        except OSError as exc:
            result.findings.append(_cannot_read(shown, exc))
            return result
    source = decode(shown, content)
    if isinstance(source, Finding):
        result.findings.append(source)
        return result
    for doc in fmt.parse(source, options):  # formats count a BOM in byte offsets themselves
        doc.path = shown
        result.words += doc.words()
        result.findings.extend(engine.check(doc, settings))
    return result


def file_digest(path: Path | str) -> str:
    """SHA-256 of a file's bytes, read in chunks (for large streamed files)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def lint_file_hashed(path: Path, settings: Settings) -> tuple[FileResult, str | None]:
    """Lint a file and return the SHA-256 of exactly the bytes linted (None: do not cache).

    Files of streaming formats (JSONL) are hashed in chunks and parsed from disk; when the
    file changed while it was linted, the digest is None.
    """
    fmt = settings.registry.format_for(str(path))
    if fmt is not None and fmt.streaming:
        try:
            before = path.stat()
            digest = file_digest(path)
        except OSError:
            return lint_file(path, settings), None
        result = lint_file(path, settings)
        try:
            after = path.stat()
        except OSError:
            return result, None
        same = (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns)
        return result, digest if same else None
    try:
        raw = path.read_bytes()
    except OSError:
        return lint_file(path, settings), None  # reports the read error; never cached
    return lint_file(path, settings, content=raw), hashlib.sha256(raw).hexdigest()


def settled(path: Path, settings: Settings, explicit: bool) -> FileResult | None:
    """The result of a file that needs no linting (missing, or named but of no format), else None."""
    if not path.exists():
        return missing_file(path)
    if explicit and settings.registry.format_for(str(path)) is None:
        return FileResult(str(path), note=no_format_note(path))
    return None


@dataclass
class LintJob:
    """Lint each file of a run (picklable: it travels to worker processes)."""

    options: RunOptions

    def settle(self, path: Path, settings: Settings, explicit: bool) -> FileResult | None:
        return settled(path, settings, explicit)

    def work(self, path: Path, settings: Settings) -> FileResult:
        return lint_file(path, settings)

    def finish(self, path: Path, settings: Settings, output: FileResult) -> FileResult:
        return output


def lint_text(
    text: str,
    *,
    format: str = "markdown",
    config: str | Path | None = None,
    path: str | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    settings: dict[str, Any] | None = None,
) -> list[Finding]:
    """Lint a string; returns active and suppressed findings (check ``finding.suppression``).

    ``config``: a config file (default: none, the default packs); ``settings``: config keys
    that override it (``{"packs": [...]}``).
    """
    cfg = Path(config) if config else None
    st = load_settings(cfg, select=tuple(select), ignore=tuple(ignore), overrides=settings)
    fmt = st.registry.formats.get(format)
    if fmt is None:
        raise ValueError(f"unknown format {format!r}: one of {', '.join(sorted(st.registry.formats))}")
    name = path or f"<text>{fmt.extensions[0]}"
    return lint_file(Path(name), st, content=text.encode("utf-8"), display_path=name).findings
