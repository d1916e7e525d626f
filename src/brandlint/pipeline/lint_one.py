"""Linting one file: its format, its engine (built once per rule set), its findings.

:class:`LintJob` is "lint one file" as a run's :class:`~brandlint.plugins.protocols.FileJob`;
the result cache (:class:`brandlint.pipeline.cache.CachedLintJob`) decorates it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from ..config.packs import clear_pack_cache
from ..config.settings import Settings, clear_settings_cache, load_settings
from ..documents.base import LineIndex, SourceFile
from ..engine import Engine
from ..errors import BrandlintError
from ..findings import Finding
from ..limits import cap_lines, limit_finding
from ..plugins.protocols import DocumentFormat, StreamingFormat
from ..results import IO_ERROR, FileResult, file_finding, internal_error, missing_file, no_format_note
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
    "bounded_source",
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


def too_big(size: int, limit: int, shown: str) -> Finding:
    msg = (
        f"file is {size} bytes, over the limit of {limit} ([limits] file-size): not linted; raise the limit to lint it"
    )
    return limit_finding(msg, shown)


def bounded_source(
    fmt: DocumentFormat, content: bytes, settings: Settings, shown: str
) -> tuple[SourceFile | None, list[Finding]]:
    """Decode ``content`` and apply the size and line limits: the source to parse (None: none)
    and the findings so far (over a limit, undecodable). Shared with the language server."""
    if len(content) > settings.limits["file-size"]:
        return None, [too_big(len(content), settings.limits["file-size"], shown)]
    source = decode(shown, content)
    if isinstance(source, Finding):
        return None, [source]
    if fmt.name == "json":  # minified JSON is one long line: JSON has its own limits
        return source, []
    return cap_source(source, settings.limits["line-length"])


def cap_source(source: SourceFile, limit: int) -> tuple[SourceFile, list[Finding]]:
    """Blank the lines longer than ``limit`` (offsets stay), with a finding for each."""
    text, over = cap_lines(source.text, limit)
    if not over:
        return source, []
    index = LineIndex(source.text, byte_base=3 if source.bom else 0)
    found = []
    for _line, offset in over:
        pos = index.position(offset)
        msg = f"line longer than {limit} characters ([limits] line-length): this line is not linted"
        found.append(limit_finding(msg, source.path, pos.line, pos.column, pos.offset, pos.byte_offset))
    return dataclasses.replace(source, text=text), found


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
        except BrandlintError:
            raise  # a problem of the whole run (config, missing model): exit 2
        except Exception as exc:  # a bug must not end the run: a finding for this file
            result.findings.append(internal_error(f"the {fmt.name} format", exc, shown, skipped="file not linted"))
        return result
    limit = settings.limits["file-size"]
    try:
        size = len(content) if content is not None else path.stat().st_size
    except OSError as exc:
        result.findings.append(_cannot_read(shown, exc))
        return result
    if size > limit:  # never read into memory
        result.findings.append(too_big(size, limit, shown))
        return result
    if content is None:
        try:
            content = path.read_bytes()
        except OSError as exc:
            result.findings.append(_cannot_read(shown, exc))
            return result
    source, capped = bounded_source(fmt, content, settings, shown)
    result.findings.extend(capped)
    if source is None:
        return result
    try:
        for doc in fmt.parse(source, options):  # formats count a BOM in byte offsets themselves
            doc.path = shown
            result.words += doc.words()
            result.findings.extend(engine.check(doc, settings))
    except BrandlintError:
        raise  # a problem of the whole run (config, missing model): exit 2
    except Exception as exc:  # a bug must not end the run: a finding for this file
        result.findings.append(internal_error(f"the {fmt.name} format", exc, shown, skipped="file not linted"))
    if capped:
        result.findings.sort(key=Finding.sort_key)
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
        if path.stat().st_size > settings.limits["file-size"]:
            return lint_file(path, settings), None  # reports the limit without reading the file
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
