"""From paths to findings: discovery, decoding, parsing, and linting each file.

Everything here streams (one file, one JSONL record at a time) and keeps no global state
besides per-process caches of settings and engines, so it fits worker pools.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .config.settings import Settings, compile_globs, find_config, glob_match, load_settings
from .documents.base import SourceFile
from .engine import Engine
from .findings import Finding, Position, Severity, Span
from .rules.base import RuleContext

ENCODING_ERROR = "brandlint/encoding-error"
BINARY_FILE = "brandlint/binary-file"
IO_ERROR = "brandlint/io-error"


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    words: int = 0
    format: str = ""
    note: str = ""  # e.g. "skipped: unknown extension"

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if f.suppression is None]


@dataclass
class RunOptions:
    config: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    cwd: Path | None = None
    overrides: dict[str, Any] | None = None
    #: worker processes for :func:`lint_paths`: 1 lints in this process; 0 or None: one per CPU
    jobs: int | None = 1
    #: reuse results from the result cache (:mod:`brandlint.cache`) and store new ones
    cache: bool = False
    #: cache directory; default ``$BRANDLINT_CACHE_DIR`` or ``<config root>/.brandlint_cache``
    cache_dir: Path | None = None
    #: apply exclude / extend-exclude / .gitignore to explicitly named files too (pre-commit)
    force_exclude: bool = False


def _settings_for(path: Path, opts: RunOptions) -> Settings:
    cfg = opts.config or find_config(path)
    return load_settings(cfg, cwd=opts.cwd, select=opts.select, ignore=opts.ignore,
                         extend_select=opts.extend_select, overrides=opts.overrides)


_ENGINES: dict[tuple, Engine] = {}


def engine_for(settings: Settings, path: Path | str) -> Engine:
    rs = settings.ruleset_for(path)
    key = (id(settings), rs.key)
    eng = _ENGINES.get(key)
    if eng is None:
        ctx = RuleContext(settings=settings, factories=dict(settings.registry.services))
        eng = _ENGINES[key] = Engine(rs.rules, ctx)
    return eng


def _point(line: int, col: int, offset: int, byte: int) -> Span:
    p = Position(line, col, offset, byte)
    return Span(p, p)


def decode(path: str, raw: bytes) -> tuple[SourceFile | None, Finding | None]:
    """Decode UTF-8 (BOM allowed); binary or invalid bytes give a located error finding."""
    nul = raw.find(b"\x00", 0, 8192)
    if nul != -1:
        line = raw.count(b"\n", 0, nul) + 1
        col = nul - (raw.rfind(b"\n", 0, nul) + 1) + 1
        msg = f"binary file (NUL byte at byte offset {nul}): not linted; exclude it or fix the file"
        return None, Finding(BINARY_FILE, Severity.ERROR, msg, path, _point(line, col, nul, nul), scope="document")
    bom = raw.startswith(b"\xef\xbb\xbf")
    body = raw[3:] if bom else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line_start = body.rfind(b"\n", 0, start) + 1
        line = body.count(b"\n", 0, start) + 1
        col = len(body[line_start:start].decode("utf-8", "replace")) + 1
        offset = len(body[:start].decode("utf-8", "replace"))
        bad = body[start:exc.end].hex(" ")
        msg = (f"invalid UTF-8 (byte {bad} at byte offset {start + (3 if bom else 0)}): "
               "file not linted; re-save it as UTF-8")
        return None, Finding(ENCODING_ERROR, Severity.ERROR, msg, path,
                             _point(line, col, offset, start + (3 if bom else 0)), scope="document")
    return SourceFile(path=path, text=text, bom=bom), None


def lint_file(path: str | Path, settings: Settings, *, content: bytes | None = None,
              display_path: str | None = None) -> FileResult:
    """Lint one file (or ``content`` given for it, e.g. from stdin)."""
    path = Path(path)
    shown = display_path or str(path)
    fmt = settings.registry.format_for(str(path))
    result = FileResult(shown)
    if fmt is None:
        result.note = f"skipped: no format for extension {path.suffix or '(none)'!r}"
        return result
    result.format = fmt.name
    engine = engine_for(settings, path)
    options = settings.format_options(fmt.name)
    if content is None and getattr(fmt, "streaming", False):
        try:
            docs = fmt.parse_path(str(path), options)
            for doc in docs:
                doc.path = shown
                result.words += doc.words()
                result.findings.extend(engine.check(doc, settings))
        except OSError as exc:
            result.findings.append(Finding(IO_ERROR, Severity.ERROR, f"cannot read file: {exc.strerror}", shown,
                                           _point(1, 1, 0, 0), scope="document"))
        return result
    if content is None:
        try:
            content = path.read_bytes()
        except OSError as exc:
            result.findings.append(Finding(IO_ERROR, Severity.ERROR, f"cannot read file: {exc.strerror}", shown,
                                           _point(1, 1, 0, 0), scope="document"))
            return result
    source, problem = decode(shown, content)
    if problem is not None:
        result.findings.append(problem)
        return result
    for doc in fmt.parse(source, options):  # formats count a BOM in byte offsets themselves
        doc.path = shown
        result.words += doc.words()
        result.findings.extend(engine.check(doc, settings))
    return result


def _gitignore_spec(root: Path):
    lines: list[str] = []
    for name in (".gitignore", ".git/info/exclude"):
        p = root / name
        if p.is_file():
            lines += p.read_text("utf-8", "replace").splitlines()
    return compile_globs(tuple(lines)) if lines else None


ALWAYS_SKIP = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".brandlint_cache",
               ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache"}


def discover(paths: Iterable[str | Path], opts: RunOptions) -> Iterator[tuple[Path, Settings, bool]]:
    """Yield (file, its settings, explicitly named) for every file to lint, in sorted order."""
    for raw in paths:
        p = Path(raw)
        if p.is_file():
            settings = _settings_for(p, opts)
            if opts.force_exclude and is_excluded(p, settings):
                continue
            yield p, settings, True
            continue
        if not p.exists():
            yield p, _settings_for(p.parent if p.parent.exists() else Path.cwd(), opts), True
            continue
        ignore_specs: dict[Path, Any] = {}
        for dirpath, dirnames, filenames in os.walk(p):
            d = Path(dirpath)
            dirnames[:] = sorted(n for n in dirnames if n not in ALWAYS_SKIP)
            for name in sorted(filenames):
                f = d / name
                settings = _settings_for(f, opts)
                if settings.registry.format_for(name) is None:
                    continue
                if _excluded(f, settings, ignore_specs):
                    continue
                yield f, settings, False
            # prune excluded directories early
            kept = []
            for n in dirnames:
                sub = d / n
                st = _settings_for(sub / "_", opts)
                if not _excluded(sub, st, ignore_specs, is_dir=True):
                    kept.append(n)
            dirnames[:] = kept


def is_excluded(path: str | Path, settings: Settings) -> bool:
    """Whether ``exclude`` / ``extend-exclude`` / ``.gitignore`` (or a folder always skipped,
    such as ``.git`` or ``node_modules``) excludes ``path`` or a folder above it.

    This is what ``--force-exclude`` applies to files named on the command line; ``include``
    is not applied to them (naming a file is the user's choice of what to lint).
    """
    f = Path(path)
    specs: dict = {}
    root = Path(settings.data.get("_exclude_root", settings.root))
    try:
        parents = f.resolve().parent.relative_to(root).parts
    except ValueError:
        parents = ()
    if any(part in ALWAYS_SKIP for part in parents):
        return True
    # a pattern for a folder ("drafts/") matches the folder, so test each folder on the way
    for i in range(1, len(parents) + 1):
        if _excluded(root.joinpath(*parents[:i]), settings, specs, is_dir=True):
            return True
    return _excluded(f, settings, specs, include=False)


def _excluded(f: Path, settings: Settings, specs: dict, is_dir: bool = False, include: bool = True) -> bool:
    root = Path(settings.data.get("_exclude_root", settings.root))
    try:
        rel = f.resolve().relative_to(root).as_posix()
    except ValueError:
        rel = f.as_posix()
    if is_dir:
        rel += "/"
    for pat in list(settings.get("exclude", ())) + list(settings.get("extend-exclude", ())):
        if glob_match(rel, pat):
            return True
    patterns = settings.get("include") if include else None
    if patterns and not is_dir and not any(glob_match(rel, pat) for pat in patterns):
        return True
    if settings.get("respect-gitignore", True):
        if settings.root not in specs:
            specs[settings.root] = _gitignore_spec(settings.root)
        spec = specs[settings.root]
        try:
            grel = f.resolve().relative_to(settings.root).as_posix() + ("/" if is_dir else "")
        except ValueError:
            grel = None
        if spec is not None and grel and spec.match_file(grel):
            return True
    return False


def _settled(f: Path, settings: Settings, explicit: bool) -> FileResult | None:
    """The result of a file that needs no linting (missing, or no format for it), else None."""
    if not f.exists():
        return FileResult(str(f), [Finding(IO_ERROR, Severity.ERROR, "file not found", str(f),
                                           _point(1, 1, 0, 0), scope="document")])
    if explicit and settings.registry.format_for(str(f)) is None:
        return FileResult(str(f), note=f"skipped: no format for extension {f.suffix or '(none)'!r}")
    return None


def lint_file_hashed(path: Path, settings: Settings) -> tuple[FileResult, str | None]:
    """Lint a file and return the SHA-256 of exactly the bytes linted (None: do not cache).

    Files of streaming formats (JSONL) are hashed in chunks and parsed from disk; when the
    file changed while it was linted, the digest is None.
    """
    from .cache import content_digest, file_digest
    fmt = settings.registry.format_for(str(path))
    if fmt is not None and getattr(fmt, "streaming", False):
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
    return lint_file(path, settings, content=raw), content_digest(raw)


def effective_jobs(jobs: int | None) -> int:
    """``jobs`` with 0 / None meaning one per CPU this process may use."""
    if jobs:
        return max(1, int(jobs))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def lint_paths(paths: Iterable[str | Path] = (".",), *, options: RunOptions | None = None,
               progress: Callable[[int, int], None] | None = None) -> Iterator[FileResult]:
    """Lint files and directories; yields one :class:`FileResult` per file, in a stable order.

    ``options.jobs`` > 1 lints in worker processes (see :mod:`brandlint.parallel`), with results
    identical to and in the same order as ``jobs=1``; ``options.cache`` reuses cached results
    (:mod:`brandlint.cache`). ``progress(done, total)`` is called after each file.
    """
    opts = options or RunOptions()
    jobs = effective_jobs(opts.jobs)
    from .parallel import lint_many
    yield from lint_many(discover(paths, opts), opts, jobs, progress)


def lint_text(text: str, *, format: str = "markdown", config: str | Path | None = None,
              path: str | None = None, select: Iterable[str] = (), ignore: Iterable[str] = (),
              settings: dict[str, Any] | None = None) -> list[Finding]:
    """Lint a string; returns active and suppressed findings (check ``finding.suppression``)."""
    cfg = Path(config) if config else None
    st = load_settings(cfg, select=tuple(select), ignore=tuple(ignore), overrides=settings)
    fmt = st.registry.formats.get(format)
    if fmt is None:
        raise ValueError(f"unknown format {format!r}: one of {', '.join(sorted(st.registry.formats))}")
    name = path or f"<text>{fmt.extensions[0]}"
    return lint_file(Path(name), st, content=text.encode("utf-8"), display_path=name).findings
