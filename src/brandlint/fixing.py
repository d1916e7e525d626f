"""Applying fixes: edit application, the lint → fix → re-lint fixpoint, atomic writes, diffs.

Findings only *describe* fixes (:class:`~brandlint.findings.Fix`: a tuple of
:class:`~brandlint.findings.Edit` in code-point offsets of the decoded file, BOM excluded).
This module applies them:

* :func:`apply_edits` applies a set of fixes to a text. A fix is atomic (all of its edits or
  none). Fixes are taken in a deterministic order (by start offset, then rule id, then input
  order); a fix overlapping one already taken is skipped and waits for the next pass, where it
  is re-linted against the new text (it may be gone, or moved).
* :func:`fix_text` / :func:`fix_file` lint, apply, re-lint, until nothing applicable is left,
  the text repeats (a cycle between two rules) or ``max_passes`` is reached.
* :func:`atomic_write` writes the result next to the file and renames it over the original,
  keeping encoding, BOM, line endings, trailing newline and permissions, and refuses when the
  file changed on disk since it was read.

Nothing outside the fixed spans ever changes: edits are applied by slicing the decoded text,
which keeps every original character (CRLF included) as it was.
"""
from __future__ import annotations

import difflib
import hashlib
import os
import re
import stat
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence, TextIO

from .errors import BrandlintError
from .findings import Applicability, Edit, Finding, Fix, Severity

__all__ = [
    "FileChangedError", "FixOutcome", "SourceInfo", "TextFixResult", "apply_edits", "atomic_write",
    "fix_file", "fix_paths", "fix_text", "read_source", "unified_diff",
]

_BOM = b"\xef\xbb\xbf"
_BARE_LF = re.compile(r"(?<!\r)\n")
DEFAULT_MAX_PASSES = 10


class FileChangedError(BrandlintError):
    """The file changed on disk between reading it and writing the fixed text: not written."""


# --------------------------------------------------------------------------------------------
# Applying edits


def _fix_of(item: Any) -> Fix | None:
    return item if isinstance(item, Fix) else getattr(item, "fix", None)


def _edits_valid(edits: Sequence[Edit], n: int) -> bool:
    prev_end = -1
    prev_start = -1
    for e in edits:
        if not (0 <= e.start <= e.end <= n):
            return False
        if e.start < prev_end or e.start == prev_start:  # a fix's own edits must not collide
            return False
        prev_start, prev_end = e.start, e.end
    return True


def _conflicts(a: Edit, b: Edit) -> bool:
    """Whether two edits cannot both be applied unambiguously.

    They conflict when their ranges overlap, or when they start at the same offset (two
    insertions there, or an insertion and a replacement: their order would be arbitrary).
    Touching ranges (one ends where the other starts) do not conflict.
    """
    if a.start == b.start:
        return True
    return a.start < b.end and b.start < a.end


def apply_edits(text: str, fixes: Iterable[Any]) -> tuple[str, list[Any], list[Any]]:
    """Apply non-overlapping fixes to ``text``; return ``(new_text, applied, skipped)``.

    ``fixes`` holds :class:`Fix` objects (or findings carrying one in ``.fix``; the returned
    lists then hold those findings). Edit offsets are code-point offsets into ``text``.

    Order is deterministic: by the fix's first edit start, then rule id (for findings), then
    input order. A fix is applied whole or not at all. A fix that overlaps one already taken, or
    whose edits are out of range or collide with each other, is returned in ``skipped`` (an
    overlapping one waits for the next pass). A fix whose edits equal those of a fix already
    taken counts as applied (two rules proposing the same change). A fix that would change
    nothing (each replacement equals the text it replaces) is in neither list.
    """
    n = len(text)
    items: list[tuple[tuple, Any, tuple[Edit, ...]]] = []
    skipped: list[Any] = []
    for i, item in enumerate(fixes):
        fix = _fix_of(item)
        if fix is None:
            continue
        edits = tuple(sorted(fix.edits, key=lambda e: (e.start, e.end)))
        if not edits or not _edits_valid(edits, n):
            skipped.append(item)
            continue
        if all(text[e.start:e.end] == e.replacement for e in edits):
            continue  # a no-op: nothing to apply, and applying it again would never end
        items.append(((edits[0].start, getattr(item, "rule_id", ""), i), item, edits))
    items.sort(key=lambda t: t[0])

    taken: list[Edit] = []  # accepted edits, in start order (kept sorted)
    taken_sets: set[tuple[Edit, ...]] = set()
    applied: list[Any] = []
    for _, item, edits in items:
        if edits in taken_sets:
            applied.append(item)
            continue
        if any(_conflicts(e, t) for e in edits for t in taken):
            skipped.append(item)
            continue
        taken.extend(edits)
        taken_sets.add(edits)
        applied.append(item)
    if not taken:
        return text, applied, skipped
    taken.sort(key=lambda e: (e.start, e.end))
    parts: list[str] = []
    pos = 0
    for e in taken:
        parts.append(text[pos:e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts), applied, skipped


# --------------------------------------------------------------------------------------------
# Reading and writing files


def _newline_style(text: str) -> str:
    """``"\\r\\n"``, ``"\\n"`` or ``"\\r"`` when the text uses one style only, else ``""``."""
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    styles = [s for s, k in (("\r\n", crlf), ("\n", lf), ("\r", cr)) if k]
    return styles[0] if len(styles) == 1 else ""


@dataclass(frozen=True)
class SourceInfo:
    """What was read from disk: enough to write back the same way, and to notice changes."""

    path: Path
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"  # the file's only line-break style, or "" (none, or mixed)
    trailing_newline: bool = False
    size: int = 0
    mtime_ns: int = 0
    sha256: str = ""
    mode: int = 0o644

    @classmethod
    def from_bytes(cls, path: Path, raw: bytes, st: os.stat_result | None = None,
                   encoding: str = "utf-8") -> "SourceInfo":
        body = raw[3:] if raw.startswith(_BOM) else raw
        # line-break style and trailing newline, judged on the bytes (ASCII-compatible encodings)
        crlf = body.count(b"\r\n")
        lf = body.count(b"\n") - crlf
        cr = body.count(b"\r") - crlf
        styles = [s for s, k in (("\r\n", crlf), ("\n", lf), ("\r", cr)) if k]
        return cls(path=path, encoding=encoding, bom=raw.startswith(_BOM),
                   newline=styles[0] if len(styles) == 1 else ("\n" if not styles else ""),
                   trailing_newline=body.endswith((b"\n", b"\r")),
                   size=len(raw), mtime_ns=st.st_mtime_ns if st else 0,
                   sha256=hashlib.sha256(raw).hexdigest(),
                   mode=stat.S_IMODE(st.st_mode) if st else 0o644)


def read_source(path: Path) -> tuple[bytes, SourceInfo]:
    """Read a file's bytes and the facts :func:`atomic_write` needs to write it back safely."""
    real = Path(os.path.realpath(path))
    with open(real, "rb") as fh:
        st = os.fstat(fh.fileno())
        raw = fh.read()
    return raw, SourceInfo.from_bytes(Path(path), raw, st)


def match_line_endings(new_text: str, original: SourceInfo) -> str:
    """Keep a file's line-break style: in a CRLF-only file, bare ``\\n`` become ``\\r\\n``.

    Only a file that used one style throughout is normalised; a mixed file is left as is.
    """
    if original.newline == "\r\n" and "\n" in new_text:
        return _BARE_LF.sub("\r\n", new_text)
    if original.newline == "\r" and "\n" in new_text:
        return new_text.replace("\r\n", "\r").replace("\n", "\r")
    return new_text


def _changed_since(real: Path, original: SourceInfo) -> str:
    """Why the file on disk differs from what was read, or ``""`` when it does not."""
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return "it was deleted"
    if st.st_size != original.size or st.st_mtime_ns != original.mtime_ns:
        return "its size or modification time changed"
    with open(real, "rb") as fh:
        if hashlib.sha256(fh.read()).hexdigest() != original.sha256:
            return "its content changed"
    return ""


def atomic_write(path: Path, new_text: str, *, original: SourceInfo) -> None:
    """Write ``new_text`` (decoded, BOM excluded) over ``path`` atomically and faithfully.

    Encodes with the original encoding, restores the BOM, keeps the line-break style of a file
    that had only one (see :func:`match_line_endings`), keeps a trailing newline the original
    had, and keeps the permission bits (and owner where allowed). The text goes to a temporary
    file in the same directory, which is flushed and renamed over the target (a symlink's
    target is written, the link is kept). Raises :class:`FileChangedError`, writing nothing,
    when the file changed on disk since it was read (size, mtime or SHA-256 of its bytes).
    """
    path = Path(path)
    real = Path(os.path.realpath(path))
    text = match_line_endings(new_text, original)
    if original.trailing_newline and not text.endswith(("\n", "\r")):
        text += original.newline or "\n"
    data = (_BOM if original.bom else b"") + text.encode(original.encoding)
    why = _changed_since(real, original)
    if why:
        raise FileChangedError(f"{path}: not written: {why} since it was read; run brandlint again")
    fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".brandlint-tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, original.mode)
        try:
            st = os.stat(real)
            if hasattr(os, "chown") and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
                os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            pass  # not allowed to give the file away: it stays ours, with the same mode
        why = _changed_since(real, original)  # last check, as close to the rename as possible
        if why:
            raise FileChangedError(f"{path}: not written: {why} since it was read; run brandlint again")
        os.replace(tmp, real)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# --------------------------------------------------------------------------------------------
# Diffs


def _lines(text: str) -> list[str]:
    # split on "\n" only (str.splitlines also splits on \x0c, U+2028...), keeping endings
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


def unified_diff(path: str, old: str, new: str) -> str:
    """A unified diff (``patch -p0`` / ``git apply -p0`` applicable); ``""`` when equal.

    Lines keep their own endings (a CRLF file's diff lines end in CRLF); a last line without
    a line break is followed by ``\\ No newline at end of file``, as ``diff`` prints it.
    """
    if old == new:
        return ""
    out: list[str] = []
    for line in difflib.unified_diff(_lines(old), _lines(new), fromfile=path, tofile=path, lineterm="\n"):
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


# --------------------------------------------------------------------------------------------
# The fixpoint


def _allowed(f: Finding, unsafe: bool) -> bool:
    return (f.fix is not None and f.suppression is None
            and (unsafe or f.fix.applicability is Applicability.SAFE))


def _adapt_newlines(f: Finding, newline: str) -> Finding:
    """Give a fix's replacements the file's line-break style (CRLF files stay CRLF)."""
    fix = f.fix
    if fix is None or newline not in ("\r\n", "\r") or not any("\n" in e.replacement for e in fix.edits):
        return f
    conv = (lambda s: _BARE_LF.sub("\r\n", s)) if newline == "\r\n" else (
        lambda s: s.replace("\r\n", "\r").replace("\n", "\r"))
    edits = tuple(Edit(e.start, e.end, conv(e.replacement)) for e in fix.edits)
    from dataclasses import replace
    return replace(f, fix=Fix(edits, fix.applicability, fix.description))


@dataclass
class TextFixResult:
    text: str
    applied: list[Finding]
    result: Any  # the runner's FileResult for the final text (findings incl. suppressed)
    passes: int
    initial: Any  # the FileResult of the text as given

    @property
    def remaining(self) -> list[Finding]:
        return self.result.active


def fix_text(path: Path | str, text: str, settings, *, unsafe: bool = False,
             max_passes: int = DEFAULT_MAX_PASSES, display_path: str | None = None,
             bom: bool = False, encoding: str = "utf-8") -> TextFixResult:
    """Lint ``text`` (the content of ``path``, decoded), fix, re-lint, until stable.

    Stops when no applicable fix is left, when a pass would produce a text seen before (two
    rules undoing each other), or after ``max_passes`` passes. Suppressed findings are never
    fixed; unsafe fixes only with ``unsafe=True``.
    """
    from .runner import lint_file

    path = Path(path)
    shown = display_path or str(path)
    prefix = _BOM if bom else b""

    def lint(t: str):
        return lint_file(path, settings, content=prefix + t.encode(encoding), display_path=shown)

    newline = _newline_style(text)
    result = initial = lint(text)
    seen = {hashlib.sha256(text.encode(encoding, "surrogatepass")).digest()}
    applied: list[Finding] = []
    passes = 0
    while passes < max_passes:
        candidates = [_adapt_newlines(f, newline) for f in result.findings if _allowed(f, unsafe)]
        if not candidates:
            break
        new, done, _skipped = apply_edits(text, candidates)
        if new == text:
            break
        digest = hashlib.sha256(new.encode(encoding, "surrogatepass")).digest()
        if digest in seen:  # a cycle: stop at the current text
            break
        seen.add(digest)
        passes += 1
        applied.extend(done)
        text = new
        result = lint(text)
    return TextFixResult(text=text, applied=applied, result=result, passes=passes, initial=initial)


@dataclass
class FixOutcome:
    """What fixing one file did (or, with ``diff_only``, would do)."""

    path: Path
    original_text: str
    new_text: str
    applied: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)  # active findings left after fixing
    diff: str = ""
    written: bool = False
    error: str | None = None
    result: Any = None  # the runner's FileResult for the final text (for reporters)
    passes: int = 0

    @property
    def changed(self) -> bool:
        return self.new_text != self.original_text


def _syntax_errors(result) -> int:
    from .engine import SYNTAX_ERROR
    return sum(1 for f in result.findings if f.rule_id == SYNTAX_ERROR)


def load_for_fix(path: Path, settings, shown: str) -> "FixOutcome | tuple[str, SourceInfo]":
    """Read and decode a file to fix: ``(text, SourceInfo)``, or a finished FixOutcome when
    there is nothing to fix (unknown format, unreadable or undecodable file: reported, untouched).
    Every fixer (deterministic or model rewrites) starts here."""
    from .runner import IO_ERROR, FileResult, _point, decode, lint_file

    if settings.registry.format_for(str(path)) is None:
        return FixOutcome(path, "", "", result=lint_file(path, settings, display_path=shown))
    try:
        raw, info = read_source(path)
    except OSError as exc:
        f = Finding(IO_ERROR, Severity.ERROR, f"cannot read file: {exc.strerror}", shown,
                    _point(1, 1, 0, 0), scope="document")
        return FixOutcome(path, "", "", remaining=[f], result=FileResult(shown, [f]),
                          error=f"{shown}: cannot read file: {exc.strerror}")
    source, problem = decode(shown, raw)
    if problem is not None:
        return FixOutcome(path, "", "", remaining=[problem], result=FileResult(shown, [problem]))
    return source.text, info


def fix_file(path: Path, settings, *, unsafe: bool = False, max_passes: int = DEFAULT_MAX_PASSES,
             diff_only: bool = False, display_path: str | None = None) -> FixOutcome:
    """Fix one file: lint → apply → re-lint until stable, then write it atomically.

    With ``diff_only`` nothing is written (``diff`` says what would change). Problems that stop
    the write (unreadable file, a fix that would break the file's syntax, a file changed on
    disk meanwhile) are returned in ``error``; undecodable files come back with their
    encoding finding in ``remaining`` and are not touched.
    """
    path = Path(path)
    shown = display_path or str(path)
    loaded = load_for_fix(path, settings, shown)
    if isinstance(loaded, FixOutcome):
        return loaded
    original, info = loaded
    res = fix_text(path, original, settings, unsafe=unsafe, max_passes=max_passes,
                   display_path=shown, bom=info.bom, encoding=info.encoding)
    outcome = FixOutcome(path, original, res.text, applied=res.applied, remaining=res.remaining,
                         result=res.result, passes=res.passes)
    return finish_outcome(outcome, info, res.initial, shown=shown, diff_only=diff_only)


def finish_outcome(outcome: FixOutcome, info: SourceInfo, initial, *, shown: str,
                   diff_only: bool) -> FixOutcome:
    """The common end of every fixer (deterministic or model rewrites): refuse a change that
    adds syntax errors, compute the diff, then write atomically unless only a diff is wanted.

    ``initial`` is the FileResult of the text before any fix.
    """
    if not outcome.changed:
        return outcome
    if _syntax_errors(outcome.result) > _syntax_errors(initial):
        outcome.error = (f"{shown}: fixes would break the file's syntax; nothing written "
                         "(please report the rule: its fix is wrong)")
        outcome.new_text, outcome.applied = outcome.original_text, []
        outcome.result = initial
        outcome.remaining = initial.active
        return outcome
    outcome.diff = unified_diff(shown, outcome.original_text, outcome.new_text)
    if diff_only:
        return outcome
    try:
        atomic_write(Path(outcome.path), outcome.new_text, original=info)
        outcome.written = True
    except FileChangedError as exc:
        outcome.error = str(exc)
    except (OSError, UnicodeEncodeError) as exc:
        outcome.error = f"{shown}: cannot write the fixed file: {getattr(exc, 'strerror', None) or exc}"
    return outcome


def fix_paths(paths: Iterable[str | Path], options=None, *, unsafe: bool = False,
              max_passes: int = DEFAULT_MAX_PASSES, diff_only: bool = False) -> Iterator[FixOutcome]:
    """Fix every file :func:`brandlint.runner.discover` finds under ``paths``, in order.

    With ``options.jobs`` > 1, files are fixed in worker processes (:mod:`brandlint.parallel`);
    the outcomes come back in the same order.
    """
    from .runner import RunOptions, discover, effective_jobs

    opts = options or RunOptions()
    jobs = effective_jobs(opts.jobs)
    if jobs > 1:
        from .parallel import fix_many
        yield from fix_many(discover(paths, opts), opts, jobs, unsafe=unsafe, max_passes=max_passes,
                            diff_only=diff_only)
        return
    for f, settings, explicit in discover(paths, opts):
        yield fix_discovered(f, settings, explicit, unsafe=unsafe, max_passes=max_passes, diff_only=diff_only)


def fix_discovered(f: Path, settings, explicit: bool, *, unsafe: bool = False,
                   max_passes: int = DEFAULT_MAX_PASSES, diff_only: bool = False) -> FixOutcome:
    """Fix one file found by :func:`brandlint.runner.discover` (missing or unknown: no fix)."""
    from .runner import IO_ERROR, FileResult, _point
    if not f.exists():
        miss = Finding(IO_ERROR, Severity.ERROR, "file not found", str(f), _point(1, 1, 0, 0), scope="document")
        return FixOutcome(f, "", "", remaining=[miss], result=FileResult(str(f), [miss]))
    if explicit and settings.registry.format_for(str(f)) is None:
        note = f"skipped: no format for extension {f.suffix or '(none)'!r}"
        return FixOutcome(f, "", "", result=FileResult(str(f), note=note))
    return fix_file(f, settings, unsafe=unsafe, max_passes=max_passes, diff_only=diff_only)


# --------------------------------------------------------------------------------------------
# Command-line glue (``brandlint fix`` and ``brandlint check --fix``)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def show_fixes_text(outcomes: Sequence[FixOutcome], *, would: bool = False) -> str:
    """Ruff-style listing of what was fixed: per file, a count per rule id."""
    rows = [(o, Counter(f.rule_id for f in o.applied)) for o in outcomes if o.applied]
    if not rows:
        return "No findings fixed.\n" if not would else "No findings would be fixed.\n"
    total = sum(len(o.applied) for o, _ in rows)
    out = [f"{'Would fix' if would else 'Fixed'} {_plural(total, 'finding')}:"]
    for o, counts in rows:
        out.append(f"- {o.result.path if o.result is not None else o.path}:")
        width = max(len(str(n)) for n in counts.values())
        for rule_id, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"    {n:>{width}} × {rule_id}")
    return "\n".join(out) + "\n"


def summary_line(outcomes: Sequence[FixOutcome], *, would: bool = False, unsafe: bool = False) -> str:
    """``Fixed N findings (M remaining).``, plus a hint when unsafe fixes were held back."""
    fixed = sum(len(o.applied) for o in outcomes)
    remaining = sum(len(o.remaining) for o in outcomes)
    if would:
        files = sum(1 for o in outcomes if o.changed)
        text = (f"Would fix {_plural(fixed, 'finding')} in {_plural(files, 'file')} "
                f"({remaining} remaining).")
    else:
        text = f"Fixed {_plural(fixed, 'finding')} ({remaining} remaining)."
    hidden = 0 if unsafe else sum(1 for o in outcomes for f in o.remaining
                                  if f.fix is not None and f.fix.applicability is Applicability.UNSAFE)
    if hidden:
        text += f"\n{hidden} more fixable with --unsafe-fixes."
    return text


def read_stdin_for_fix(args, opts, out: TextIO, err: TextIO):
    """The shared start of every stdin fixer: ``(name, settings, source)``, or an exit code when
    there is nothing to fix (an excluded name passes the content through untouched; undecodable
    content is an error naming the position)."""
    from .config.settings import find_config, load_settings
    from .runner import decode, is_excluded
    name = args.stdin_filename
    cfg = opts.config or find_config(Path(name).resolve())
    settings = load_settings(cfg, cwd=opts.cwd, select=opts.select, ignore=opts.ignore,
                             extend_select=opts.extend_select)
    raw = sys.stdin.buffer.read()
    if getattr(opts, "force_exclude", False) and is_excluded(Path(name), settings):
        if not args.diff:  # excluded: the content passes through untouched
            out.flush()
            (out.buffer.write(raw) if hasattr(out, "buffer") else out.write(raw.decode("utf-8", "replace")))
            getattr(out, "buffer", out).flush()
        return 0
    source, problem = decode(name, raw)
    if problem is not None:
        err.write(f"error: {name}:{problem.span.start.line}:{problem.span.start.column}: {problem.message}\n")
        return 2
    if settings.registry.format_for(name) is None:
        raise BrandlintError(f"{name}: no format for extension {Path(name).suffix or '(none)'!r}; "
                             "name the content with a known extension (.md, .json, .jsonl, .txt)")
    return name, settings, source


def write_stdin_result(out: TextIO, name: str, source, new_text: str, *, diff: bool) -> None:
    """Print the fixed content (bytes as they were: BOM and line breaks untouched) or its diff."""
    if diff:
        out.write(unified_diff(name, source.text, new_text))
    elif hasattr(out, "buffer"):
        out.flush()
        out.buffer.write((_BOM if source.bom else b"") + new_text.encode("utf-8"))
        out.buffer.flush()
    else:
        out.write(new_text)


def stdin_exit_code(args, settings, outcome: "FixOutcome") -> int:
    if args.diff:
        return 1 if outcome.changed else 0
    fail_on = Severity.parse(args.fail_on) if getattr(args, "fail_on", None) else settings.fail_on
    if any(f.severity >= fail_on for f in outcome.remaining) and not getattr(args, "exit_zero", False):
        return 1
    return 0


def _stdin_fix(args, opts, out: TextIO, err: TextIO) -> int:
    """Fix content read from stdin: the fixed text goes to stdout, the summary to stderr."""
    read = read_stdin_for_fix(args, opts, out, err)
    if isinstance(read, int):
        return read
    name, settings, source = read
    res = fix_text(Path(name), source.text, settings, unsafe=getattr(args, "unsafe_fixes", False),
                   display_path=name, bom=source.bom)
    write_stdin_result(out, name, source, res.text, diff=args.diff)
    o = FixOutcome(Path(name), source.text, res.text, applied=res.applied, remaining=res.remaining,
                   result=res.result)
    if args.show_fixes:
        err.write(show_fixes_text([o], would=args.diff))
    err.write(summary_line([o], would=args.diff, unsafe=getattr(args, "unsafe_fixes", False)) + "\n")
    return stdin_exit_code(args, settings, o)


def apply_fixes_for_cli(args, opts, *, out: TextIO | None = None, err: TextIO | None = None) -> tuple[int | None, list[FixOutcome]]:
    """Fix (or diff) the files named on the command line, printing diffs, errors and summary.

    Returns ``(exit_code, outcomes)``; ``exit_code`` is set when the command is complete
    (``--diff``, stdin), ``None`` when the caller goes on to report the remaining findings.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    if getattr(args, "stdin_filename", None):
        return _stdin_fix(args, opts, out, err), []
    outcomes = list(fix_paths(args.paths or ["."], opts, unsafe=args.unsafe_fixes, diff_only=args.diff))
    errors = [o.error for o in outcomes if o.error]
    if args.diff:
        for o in outcomes:
            if o.diff:
                out.write(o.diff)
    for e in errors:
        err.write(f"error: {e}\n")
    if args.show_fixes:
        err.write(show_fixes_text(outcomes, would=args.diff))
    err.write(summary_line(outcomes, would=args.diff, unsafe=args.unsafe_fixes) + "\n")
    if args.diff:
        return (2 if errors else 1 if any(o.changed for o in outcomes) else 0), outcomes
    return (2 if errors else None), outcomes


def run_fix_command(args, opts) -> int:
    """``brandlint fix``: fix, report what is left (stdout), summary on stderr; Ruff's exit codes.

    0: nothing at or above ``fail-on`` remains; 1: something does (or, with ``--diff``, there
    are changes to make; with ``--exit-non-zero-on-fix``, something was fixed); 2: an error.
    """
    from . import __version__
    from .config.settings import find_config, load_settings
    from .reporters.base import ReportContext
    if args.diff or getattr(args, "stdin_filename", None):
        return apply_fixes_for_cli(args, opts)[0]  # type: ignore[return-value]
    cwd = opts.cwd or Path.cwd()
    settings = load_settings(opts.config or find_config(cwd), cwd=cwd, select=opts.select,
                             ignore=opts.ignore, extend_select=opts.extend_select)
    fmt_name = args.output_format or settings.get("output-format", "text")
    reporter = settings.registry.reporters.get(fmt_name)
    if reporter is None:  # checked before anything is written
        raise BrandlintError(f"unknown output format {fmt_name!r}: choose from {', '.join(sorted(settings.registry.reporters))}")
    code, outcomes = apply_fixes_for_cli(args, opts)
    if code is not None:
        return code
    fail_on = Severity.parse(args.fail_on) if args.fail_on else settings.fail_on
    results = [o.result for o in outcomes if o.result is not None]
    if not args.quiet or any(o.remaining for o in outcomes):
        ctx = ReportContext(version=__version__, rules={r.id: r for r in settings.all_rules},
                            color=sys.stdout.isatty() and "NO_COLOR" not in os.environ
                            and fmt_name in ("text", "full", "concise"), fail_on=fail_on,
                            root=str(settings.root))
        if hasattr(ctx, "quiet"):
            ctx.quiet = args.quiet
        text = reporter.report(results, ctx)
        if args.quiet and fmt_name in ("text", "full", "concise"):
            text = "\n".join(l for l in text.splitlines() if not l.startswith(("Found ", "All checks passed", "[*] "))
                             and not l.endswith(" suppressed.")) + "\n"
            text = text if text.strip() else ""
        sys.stdout.write(text)
    if any(f.severity >= fail_on for o in outcomes for f in o.remaining) and not args.exit_zero:
        return 1
    if args.exit_non_zero_on_fix and any(o.applied for o in outcomes):
        return 1
    return 0
