"""Curating record corpora (``brandlint filter``): split JSONL records by whether they pass at
a severity, keeping every byte of each record and their order; optionally fix them first.

:func:`curate_lines` works on any run of lines placed in a file (a whole file here, a byte
range on a cluster node), so a local run and a cluster run split records the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..documents.jsonl_lines import LineBases
from ..findings import Severity
from ..pipeline.records import RecordLinter, RecordResult
from ..textutil import plural
from .loop import fix_text

__all__ = ["CurateCounts", "curate_lines", "fix_record"]

Sink = Callable[[bytes], object]


@dataclass
class CurateCounts:
    """What a split did: records seen, passed and failed; records fixed and fixes applied."""

    records: int = 0
    passed: int = 0
    failed: int = 0
    fixed: int = 0
    fixes: int = 0

    def add(self, other: CurateCounts) -> None:
        self.records += other.records
        self.passed += other.passed
        self.failed += other.failed
        self.fixed += other.fixed
        self.fixes += other.fixes

    def line(self, severity: Severity) -> str:
        fixed = f"; fixed {plural(self.fixes, 'finding')} in {plural(self.fixed, 'record')}" if self.fixed else ""
        return f"{self.passed} of {self.records} records passed, {self.failed} failed at severity {severity}{fixed}"


def _line_break(raw: bytes) -> bytes:
    if raw.endswith(b"\r\n"):
        return b"\r\n"
    if raw.endswith((b"\n", b"\r")):
        return raw[-1:]
    return b""


def fix_record(linter: RecordLinter, result: RecordResult, *, unsafe: bool) -> tuple[bytes, bool, int]:
    """``(bytes, fails, fixes applied)`` of a record after fixing it like ``fix`` would (safe
    fixes unless ``unsafe``); a record with nothing to fix keeps its bytes and its result."""
    if not any(f.fix is not None and f.suppression is None for f in result.findings):
        return result.raw, False, 0
    brk = _line_break(result.raw)
    body = result.raw[: len(result.raw) - len(brk)]
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return result.raw, False, 0
    # the record alone, as a one-line JSONL file with the records' path (rule set, overrides)
    done = fix_text(Path(linter.path), text, linter.settings, unsafe=unsafe, display_path=linter.shown)
    if not done.applied or done.text == text:
        return result.raw, False, 0
    return done.text.encode("utf-8", "surrogatepass") + brk, True, len(done.applied)


def curate_lines(
    linter: RecordLinter,
    raw_lines: Iterable[bytes],
    *,
    severity: Severity,
    passed: Sink | None,
    failed: Sink | None,
    bases: LineBases | None = None,
    file_start: bool = True,
    fix: bool = False,
    unsafe: bool = False,
) -> CurateCounts:
    """Lint records and hand each one's bytes, in order, to ``passed`` or ``failed`` (None:
    drop). A record fails when an active finding is at least ``severity``; with ``fix`` it is
    fixed first and judged on what remains. Blank lines are no records and go nowhere."""
    counts = CurateCounts()
    for r in linter.lint_lines(raw_lines, bases, file_start=file_start):
        counts.records += 1
        raw, fails = r.raw, r.fails(severity)
        if fix:
            new, changed, n = fix_record(linter, r, unsafe=unsafe)
            if changed:
                counts.fixed += 1
                counts.fixes += n
                raw = new
                # judge the fixed record by its own lint (positions do not matter here)
                again = next(linter.lint_lines([new], file_start=False), None)
                fails = again is not None and again.fails(severity)
        if fails:
            counts.failed += 1
            if failed is not None:
                failed(raw)
        else:
            counts.passed += 1
            if passed is not None:
                passed(raw)
    return counts
