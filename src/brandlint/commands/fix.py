"""``brandlint fix``: fix files (or stdin) with the deterministic fixer or a plugin's, then
report what remains. Ruff's exit codes: 0 nothing at or above ``fail-on`` remains; 1 something
does (or, with ``--diff``, there are changes to make; with ``--exit-non-zero-on-fix``,
something was fixed); 2 an error."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..plugins.commands import Command
from ..results import take_tracebacks
from .common import EXIT_CLEAN, EXIT_FINDINGS, add_fix_options, add_run_options, add_selection_options, run_options
from .fix_run import FixRequest, run_fixes
from .remaining import FORMATS_HELP, ReportRequest, print_report, reporter_for


def add_arguments(fix: argparse.ArgumentParser) -> None:
    fix.add_argument("paths", nargs="*", default=None, help="files or directories (default: .)")
    add_selection_options(fix)
    add_fix_options(fix)
    fix.add_argument(
        "--stdin-filename", metavar="NAME", help="fix content from stdin, named NAME; fixed text to stdout"
    )
    fix.add_argument(
        "--output-format", default=None, metavar="FORMAT", help="format of the remaining findings: " + FORMATS_HELP
    )
    fix.add_argument(
        "--fail-on", choices=["error", "warning", "info"], help="lowest remaining severity that fails the run"
    )
    fix.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    fix.add_argument("--exit-non-zero-on-fix", action="store_true", help="exit 1 when anything was fixed")
    fix.add_argument("-q", "--quiet", action="store_true", help="print remaining findings only, no summary")
    fix.add_argument("-v", "--verbose", action="store_true", help="also print the traceback of internal errors")
    fix.add_argument(
        "--fixer",
        metavar="NAME",
        default=None,
        help="fix with a plugin's fixer (see `brandlint plugins`) instead of the rules' own fixes",
    )
    add_run_options(fix)


def run(args: argparse.Namespace) -> int:
    opts = run_options(args)
    req = FixRequest.from_args(args)
    if req.diff or req.stdin_filename:
        code, _ = run_fixes(req, opts)
        assert code is not None
        return code
    settings = opts.settings_for(opts.cwd or Path.cwd())
    reporter_for(settings, args.output_format)  # an unknown format fails before anything is written
    code, outcomes = run_fixes(req, opts)
    if code is not None:
        return code
    fail_on = req.fail_on or settings.fail_on
    results = [o.result for o in outcomes if o.result is not None]
    for tb in take_tracebacks(results):  # reports never show them
        if args.verbose:
            print(tb, file=sys.stderr)
    print_report(results, settings, ReportRequest(output_format=args.output_format, fail_on=fail_on, quiet=args.quiet))
    if any(f.severity >= fail_on for o in outcomes for f in o.remaining) and not req.exit_zero:
        return EXIT_FINDINGS
    if args.exit_non_zero_on_fix and any(o.applied for o in outcomes):
        return EXIT_FINDINGS
    return EXIT_CLEAN


COMMAND = Command("fix", "apply fixes to files (safe ones unless --unsafe-fixes)", run=run, add_arguments=add_arguments)
