"""``brandlint fix --rewrite``: deterministic fixes, then verified model rewrites, one atomic write.

Per file: lint → safe (or, with ``--unsafe-fixes``, all) deterministic fixes to a fixpoint →
verified rewrites of what is left → one write through :func:`brandlint.fixing.atomic_write`
(or, with ``--diff``, a unified diff and no write). Each finding the model could not rewrite gets
a line on stderr saying why; the run always goes on.
"""
from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from brandlint.errors import BrandlintError
from brandlint.findings import Finding, Severity


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def rewrite_summary(rewrites: list[Any], *, would: bool = False) -> str:
    accepted = sum(len(r.rewritten) for r in rewrites)
    units = sum(len(r.accepted) for r in rewrites)
    failed = Counter()
    for r in rewrites:
        for o in r.rejected:
            failed[o.reason] += len(o.unit.findings)
        if r.skipped:
            failed["no-passage"] += len(r.skipped)
    verb = "Would rewrite" if would else "Rewrote"
    line = f"{verb} {_plural(accepted, 'finding')} in {_plural(units, 'passage')}"
    if failed:
        n = sum(failed.values())
        why = ", ".join(f"{k} {v}" for k, v in sorted(failed.items(), key=lambda kv: (-kv[1], kv[0])))
        line += f"; {_plural(n, 'finding')} not rewritten ({why})"
    return line + "."


def _fix_one(fixer: Any, path: Path, settings: Any, args: Any, err: TextIO):
    """Fix one file; returns (FixOutcome, TextRewrite | None)."""
    from brandlint.fixing import FixOutcome, fix_text, load_for_fix

    shown = str(path)
    loaded = load_for_fix(path, settings, shown)
    if isinstance(loaded, FixOutcome):
        return loaded, None
    original, info = loaded
    det = fix_text(path, original, settings, unsafe=args.unsafe_fixes, display_path=shown, bom=info.bom)
    rw = fixer.rewriter(settings).rewrite_text(path, det.text, display_path=shown, bom=info.bom, result=det.result)
    for line in rw.lines(show_accepted=args.show_fixes):
        err.write(line + "\n")
    out = FixOutcome(path, original, rw.text, applied=list(det.applied) + rw.rewritten,
                     remaining=rw.result.active, result=rw.result, passes=det.passes)
    from brandlint.fixing import finish_outcome
    finish_outcome(out, info, det.initial, shown=shown, diff_only=args.diff)
    return out, rw


def _stdin(fixer: Any, args: Any, opts: Any, out: TextIO, err: TextIO) -> int:
    from brandlint.fixing import FixOutcome, fix_text, read_stdin_for_fix, stdin_exit_code, summary_line, write_stdin_result

    read = read_stdin_for_fix(args, opts, out, err)
    if isinstance(read, int):
        return read
    name, settings, source = read
    det = fix_text(Path(name), source.text, settings, unsafe=args.unsafe_fixes, display_path=name, bom=source.bom)
    rw = fixer.rewriter(settings).rewrite_text(Path(name), det.text, display_path=name, bom=source.bom,
                                               result=det.result)
    for line in rw.lines(show_accepted=args.show_fixes):
        err.write(line + "\n")
    write_stdin_result(out, name, source, rw.text, diff=args.diff)
    o = FixOutcome(Path(name), source.text, rw.text, applied=list(det.applied) + rw.rewritten,
                   remaining=rw.result.active, result=rw.result)
    err.write(rewrite_summary([rw], would=args.diff) + "\n")
    err.write(summary_line([o], would=args.diff) + "\n")
    return stdin_exit_code(args, settings, o)


def run_rewrite_fix(fixer: Any, args: Any, opts: Any, *, out: TextIO | None = None,
                    err: TextIO | None = None) -> int:
    """``brandlint fix --rewrite``: Ruff's exit codes (0 clean, 1 findings remain / diff, 2 error)."""
    from brandlint import __version__
    from brandlint.config.settings import find_config, load_settings
    from brandlint.fixing import show_fixes_text, summary_line
    from brandlint.reporters.base import ReportContext
    from brandlint.runner import IO_ERROR, FileResult, _point, discover
    from brandlint.fixing import FixOutcome

    out = out or sys.stdout
    err = err or sys.stderr
    if getattr(args, "stdin_filename", None):
        return _stdin(fixer, args, opts, out, err)
    outcomes = []
    rewrites = []
    for f, settings, explicit in discover(args.paths or ["."], opts):
        if not f.exists():
            miss = Finding(IO_ERROR, Severity.ERROR, "file not found", str(f), _point(1, 1, 0, 0), scope="document")
            outcomes.append(FixOutcome(f, "", "", remaining=[miss], result=FileResult(str(f), [miss])))
            continue
        if explicit and settings.registry.format_for(str(f)) is None:
            note = f"skipped: no format for extension {f.suffix or '(none)'!r}"
            outcomes.append(FixOutcome(f, "", "", result=FileResult(str(f), note=note)))
            continue
        o, rw = _fix_one(fixer, f, settings, args, err)
        outcomes.append(o)
        if rw is not None:
            rewrites.append(rw)
        if args.diff and o.diff:
            out.write(o.diff)
    errors = [o.error for o in outcomes if o.error]
    for e in errors:
        err.write(f"error: {e}\n")
    if args.show_fixes:
        err.write(show_fixes_text(outcomes, would=args.diff))
    err.write(rewrite_summary(rewrites, would=args.diff) + "\n")
    err.write(summary_line(outcomes, would=args.diff) + "\n")
    if errors:
        return 2
    if args.diff:
        return 1 if any(o.changed for o in outcomes) else 0
    cwd = opts.cwd or Path.cwd()
    settings = load_settings(opts.config or find_config(cwd), cwd=cwd, select=opts.select,
                             ignore=opts.ignore, extend_select=opts.extend_select)
    fmt_name = args.output_format or settings.get("output-format", "text")
    reporter = settings.registry.reporters.get(fmt_name)
    if reporter is None:
        raise BrandlintError(f"unknown output format {fmt_name!r}: choose from "
                             f"{', '.join(sorted(settings.registry.reporters))}")
    fail_on = Severity.parse(args.fail_on) if args.fail_on else settings.fail_on
    results = [o.result for o in outcomes if o.result is not None]
    if not args.quiet or any(o.remaining for o in outcomes):
        ctx = ReportContext(version=__version__, rules={r.id: r for r in settings.all_rules},
                            color=sys.stdout.isatty() and "NO_COLOR" not in os.environ
                            and fmt_name in ("text", "full", "concise"), fail_on=fail_on)
        text = reporter.report(results, ctx)
        if args.quiet and fmt_name in ("text", "full", "concise"):
            text = "\n".join(l for l in text.splitlines() if not l.startswith(("Found ", "All checks passed", "[*] "))
                             and not l.endswith(" suppressed.")) + "\n"
            text = text if text.strip() else ""
        out.write(text)
    if any(f.severity >= fail_on for o in outcomes for f in o.remaining) and not args.exit_zero:
        return 1
    if getattr(args, "exit_non_zero_on_fix", False) and any(o.applied for o in outcomes):
        return 1
    return 0
