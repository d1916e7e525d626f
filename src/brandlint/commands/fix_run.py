"""Running fixes from the command line (``fix``, ``check --fix``): files or stdin, with any
fixer, printing diffs, the fixer's notes, errors and the summary (stdout: diffs and fixed
stdin content; stderr: everything else)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from ..errors import BrandlintError
from ..fileio import BOM
from ..findings import Applicability, Finding, Severity
from ..fixing import Fixer, FixOutcome, fix_paths, fixer_for, unified_diff
from ..pipeline import RunOptions, decode, effective_jobs, is_excluded
from ..textutil import plural

__all__ = ["FixRequest", "run_fixes", "show_fixes_text", "summary_line"]


@dataclass
class FixRequest:
    """What the command line asked of a fix run."""

    paths: list[str]
    fixer: str | None = None  # a plugin's fixer by name; None: the deterministic one
    unsafe: bool = False
    diff: bool = False
    show_fixes: bool = False
    stdin_filename: str | None = None
    fail_on: Severity | None = None
    exit_zero: bool = False

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> FixRequest:
        ns = vars(args)
        return cls(
            paths=ns.get("paths") or ["."],
            fixer=ns.get("fixer"),
            unsafe=bool(ns.get("unsafe_fixes")),
            diff=bool(ns.get("diff")),
            show_fixes=bool(ns.get("show_fixes")),
            stdin_filename=ns.get("stdin_filename"),
            fail_on=Severity.parse(ns["fail_on"]) if ns.get("fail_on") else None,
            exit_zero=bool(ns.get("exit_zero")),
        )


def show_fixes_text(outcomes: Sequence[FixOutcome], *, would: bool = False) -> str:
    """Ruff-style listing of what was fixed: per file, a count per rule id."""
    rows = [(o, Counter(f.rule_id for f in o.applied)) for o in outcomes if o.applied]
    if not rows:
        return "No findings fixed.\n" if not would else "No findings would be fixed.\n"
    total = sum(len(o.applied) for o, _ in rows)
    out = [f"{'Would fix' if would else 'Fixed'} {plural(total, 'finding')}:"]
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
        text = f"Would fix {plural(fixed, 'finding')} in {plural(files, 'file')} ({remaining} remaining)."
    else:
        text = f"Fixed {plural(fixed, 'finding')} ({remaining} remaining)."
    hidden = (
        0
        if unsafe
        else sum(
            1
            for o in outcomes
            for f in o.remaining
            if f.fix is not None and f.fix.applicability is Applicability.UNSAFE
        )
    )
    if hidden:
        text += f"\n{hidden} more fixable with --unsafe-fixes."
    return text


def _closing(outcomes: Sequence[FixOutcome], fixer: Fixer, req: FixRequest, err: TextIO) -> None:
    if req.show_fixes:
        err.write(show_fixes_text(outcomes, would=req.diff))
    extra = fixer.summary([o.fix for o in outcomes if o.fix is not None], would=req.diff)
    if extra:
        err.write(extra + "\n")
    err.write(summary_line(outcomes, would=req.diff, unsafe=req.unsafe) + "\n")


def _write_bytes(out: TextIO, data: bytes) -> None:
    """Write bytes as they are (BOM and line breaks untouched) where the stream allows it."""
    out.flush()
    buffer = getattr(out, "buffer", None)  # a text stream over bytes (stdout), or a StringIO in tests
    if buffer is not None:
        buffer.write(data)
        buffer.flush()
    else:
        out.write(data.decode("utf-8", "replace"))


def _fix_stdin(req: FixRequest, opts: RunOptions, out: TextIO, err: TextIO) -> int:
    """Fix content read from stdin: the fixed text (or its diff) to ``out``, the rest to ``err``."""
    name = req.stdin_filename
    assert name is not None
    settings = opts.settings_for(Path(name).resolve())
    fixer = fixer_for(settings.registry, req.fixer)
    raw = sys.stdin.buffer.read()
    if opts.force_exclude and is_excluded(Path(name), settings):
        if not req.diff:  # excluded: the content passes through untouched
            _write_bytes(out, raw)
        return 0
    source = decode(name, raw)
    if isinstance(source, Finding):
        err.write(f"error: {name}:{source.span.start.line}:{source.span.start.column}: {source.message}\n")
        return 2
    if settings.registry.format_for(name) is None:
        raise BrandlintError(
            f"{name}: no format for extension {Path(name).suffix or '(none)'!r}; "
            "name the content with a known extension (.md, .json, .jsonl, .txt)"
        )
    res = fixer.fix_text(
        Path(name),
        source.text,
        settings,
        unsafe=req.unsafe,
        display_path=name,
        bom=source.bom,
        encoding="utf-8",
        show_fixes=req.show_fixes,
    )
    for line in res.notes or ():
        err.write(line + "\n")
    if req.diff:
        out.write(unified_diff(name, source.text, res.text))
    else:
        _write_bytes(out, (BOM if source.bom else b"") + res.text.encode("utf-8"))
    o = FixOutcome(
        Path(name),
        source.text,
        res.text,
        applied=res.applied,
        remaining=res.remaining,
        result=res.result,
        notes=list(res.notes or ()),
        fix=res,
    )
    _closing([o], fixer, req, err)
    if req.diff:
        return 1 if o.changed else 0
    fail_on = req.fail_on or settings.fail_on
    return 1 if any(f.severity >= fail_on for f in o.remaining) and not req.exit_zero else 0


def run_fixes(
    req: FixRequest, opts: RunOptions, *, out: TextIO | None = None, err: TextIO | None = None
) -> tuple[int | None, list[FixOutcome]]:
    """Fix (or diff) what the command line names, printing diffs, notes, errors and summary.

    Returns ``(exit_code, outcomes)``; ``exit_code`` is set when the command is complete
    (``--diff``, stdin, an error), ``None`` when the caller goes on to report what remains.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    if req.stdin_filename:
        return _fix_stdin(req, opts, out, err), []
    settings = opts.settings_for(opts.cwd or Path.cwd())
    fixer = fixer_for(settings.registry, req.fixer)
    if fixer.max_jobs is not None and effective_jobs(opts.jobs) > fixer.max_jobs:
        opts = replace(opts, jobs=fixer.max_jobs)
    outcomes: list[FixOutcome] = []
    for o in fix_paths(
        req.paths, opts, unsafe=req.unsafe, diff_only=req.diff, fixer=req.fixer, show_fixes=req.show_fixes
    ):
        outcomes.append(o)
        for line in o.notes:
            err.write(line + "\n")
        if req.diff and o.diff:
            out.write(o.diff)
    errors = [o.error for o in outcomes if o.error]
    for e in errors:
        err.write(f"error: {e}\n")
    _closing(outcomes, fixer, req, err)
    if req.diff:
        return (2 if errors else 1 if any(o.changed for o in outcomes) else 0), outcomes
    return (2 if errors else None), outcomes
