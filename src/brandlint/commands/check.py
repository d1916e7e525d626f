"""``brandlint check``: lint files (or stdin), optionally fix first, report what remains."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from .. import __version__
from ..baseline import apply_baseline, write_baseline
from ..errors import BrandlintError
from ..findings import Severity
from ..pipeline import RunOptions, RunStats, is_excluded, lint_file
from ..pipeline.cache import stats_line as cache_stats_line
from ..plugins.commands import Command
from ..results import FileResult, take_tracebacks
from ..score import format_score, overall_score
from ..textutil import plural
from .approval_gate import gate
from .changed import changes_since, keep_changed
from .common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    add_engine_options,
    add_fix_options,
    add_run_options,
    add_selection_options,
    corpus_request,
    record_files,
    run_options,
)
from .fix_run import FixRequest, run_fixes
from .progress import lint_with_progress
from .provenance_gate import provenance_gate
from .remaining import FORMATS_HELP, ReportRequest, print_report

#: What `brandlint check -` (stdin without --stdin-filename) lints the content as: Markdown.
STDIN_AS = "stdin.md"


def _score_arg(value: str) -> float:
    try:
        n = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a score from 0 to 100, got {value!r}") from None
    if not 0 <= n <= 100:
        raise argparse.ArgumentTypeError(f"expected a score from 0 to 100, got {value}")
    return n


def _severity_arg(value: str) -> str:
    if value != "fail-on" and value.strip().lower() not in ("error", "warning", "info"):
        raise argparse.ArgumentTypeError(f"expected error, warning or info, got {value!r}")
    return value


def add_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "paths", nargs="*", default=None, help="files or directories (default: .); `-` reads stdin (as Markdown)"
    )
    add_selection_options(check)
    check.add_argument("--output-format", default=None, metavar="FORMAT", help=FORMATS_HELP)
    check.add_argument("--stdin-filename", metavar="NAME", help="read content from stdin, linted as NAME")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings are reported")
    check.add_argument(
        "--statistics", action="store_true", help="print only the number of findings per rule ([*]: safe fixes)"
    )
    check.add_argument("--show-suppressed", action="store_true", help="also report suppressed findings")
    check.add_argument("--fail-on", choices=["error", "warning", "info"], help="lowest severity that fails the run")
    check.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary")
    check.add_argument("-v", "--verbose", action="store_true", help="also list skipped files and timings")
    add_fix_options(check, check=True)
    check.add_argument(
        "-o",
        "--output-file",
        metavar="FILE",
        help="write the report (in --output-format) to FILE; the console gets the text summary",
    )
    baseline = check.add_mutually_exclusive_group()
    baseline.add_argument("--baseline", metavar="FILE", help="report only findings that are not in this baseline file")
    baseline.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record the current findings in FILE as the baseline (they are then not reported)",
    )
    check.add_argument(
        "--fail-under",
        type=_score_arg,
        metavar="N",
        help="exit 1 when the overall content score (0-100) is below N; see `brandlint explain score`",
    )
    check.add_argument(
        "--require-approval",
        nargs="?",
        const="fail-on",
        type=_severity_arg,
        metavar="SEVERITY",
        help="fail when content changed after its approval, or has unapproved findings at or above SEVERITY "
        "(default: fail-on); approved findings do not fail the run (see `brandlint approve`)",
    )
    check.add_argument(
        "--changed-since",
        metavar="REF",
        help="lint only files changed since the git REF (merge base with HEAD) and report only findings on "
        "changed lines; document-level findings of changed files are kept",
    )
    check.add_argument(
        "--require-provenance",
        action="store_true",
        help="fail generated content ([provenance] require globs) whose provenance is missing, names a "
        "prompt or model not validated, or whose text changed since without an approval",
    )
    add_run_options(check, check=True)
    add_engine_options(check)
    check.add_argument(
        "--findings-dir",
        metavar="DIR",
        default="brandlint-findings",
        help="with --engine: write findings here as JSONL shards (default: brandlint-findings)",
    )


def _run_on_engine(args: argparse.Namespace, opts: RunOptions) -> int:
    """``check --engine NAME``: JSONL files linted on a cluster engine, findings as shards."""
    ns = vars(args)
    for flag, given in (("--fix", args.fix or args.diff), ("--stdin-filename", args.stdin_filename),
                        ("--baseline", args.baseline or args.write_baseline),
                        ("--changed-since", ns.get("changed_since")), ("--output-file", args.output_file),
                        ("--output-format", args.output_format), ("--fail-under", args.fail_under)):  # fmt: skip
        if given:
            raise BrandlintError(f"{flag} is not available with --engine (findings go to --findings-dir shards)")
    files = record_files(args.paths or ["."], args, outputs=(Path(args.findings_dir),))
    settings = opts.settings_for(Path.cwd())
    fail_on = Severity.parse(args.fail_on) if args.fail_on else settings.fail_on
    out_dir = Path(args.findings_dir).resolve()
    # lazy: the corpus machinery loads only for --engine runs
    from ..corpus import run_corpus

    report = run_corpus(corpus_request(args, opts, files, severity=fail_on, out_dir=out_dir))
    if not args.quiet:
        print(report.check_line())
        if args.statistics:
            for rule, n in report.by_rule.most_common():
                print(f"{n:>6}  {rule}")
    if args.verbose:
        print(report.timing_line(), file=sys.stderr)
    failing = sum(n for sev, n in report.by_severity.items() if Severity.parse(sev) >= fail_on)
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN


def run(args: argparse.Namespace) -> int:
    cwd = Path.cwd()
    opts = run_options(args, cwd)
    if args.engine:
        return _run_on_engine(args, opts)
    if args.fix or args.diff:  # fix first, then report what remains
        code, _ = run_fixes(FixRequest.from_args(args), opts)
        if code is not None:
            return code
    results: list[FileResult] = []
    stats: RunStats | None = None
    paths = args.paths or ["."]
    if args.stdin_filename or paths == ["-"]:  # reported with the settings that apply to the name given
        if "-" not in paths and args.paths:
            raise BrandlintError("--stdin-filename reads stdin: give no paths, or `-`")
        name = args.stdin_filename or "-"
        lint_as = Path(name if args.stdin_filename else STDIN_AS)  # `-` alone: Markdown, shown as `-`
        settings = opts.settings_for(lint_as.resolve())
        if not (opts.force_exclude and is_excluded(Path(name), settings)):  # excluded: lint nothing
            results.append(lint_file(lint_as, settings, content=sys.stdin.buffer.read(), display_path=name))
    elif "-" in paths:
        raise BrandlintError("`-` (stdin) cannot be mixed with other paths")
    elif args.changed_since:
        changes = changes_since(args.changed_since, cwd)
        files = [os.path.relpath(f, cwd) for f in changes.files_under(paths)]
        files = [f for f in files if opts.settings_for(Path(f)).registry.format_for(f) is not None]
        results, run_ = lint_with_progress(files, replace(opts, force_exclude=True), show=not args.no_progress)
        keep_changed(results, changes)
        stats = run_.stats
        settings = opts.settings_for(cwd)
    else:
        results, run_ = lint_with_progress(paths, opts, show=not args.no_progress)
        stats = run_.stats
        settings = opts.settings_for(cwd)
    tracebacks = take_tracebacks(results)  # reports never show them; -v prints them
    if args.verbose:
        for tb in tracebacks:
            print(tb, file=sys.stderr)
    fail_on = Severity.parse(args.fail_on) if args.fail_on else settings.fail_on
    baseline = args.baseline or args.write_baseline
    request = ReportRequest(
        output_format=args.output_format,
        fail_on=fail_on,
        quiet=args.quiet,
        show_suppressed=args.show_suppressed,
        statistics=args.statistics,
        output_file=Path(args.output_file) if args.output_file else None,
        baseline=baseline,
    )
    if baseline:  # findings in the baseline become suppressed (kind "baseline")
        if args.write_baseline:
            n = write_baseline(args.write_baseline, results, __version__)
            print(f"Wrote {plural(n, 'finding')} to the baseline {args.write_baseline}.", file=sys.stderr)
        apply_baseline(results, baseline)
    print_report(results, settings, request)
    vale = getattr(settings, "vale", None)
    if vale is not None and vale.untranslated and not args.quiet:  # never dropped silently
        for u in vale.untranslated:
            print(f"warning: Vale rule not loaded: {u.path}: {u.reason}", file=sys.stderr)
    if args.verbose:
        for r in results:
            if r.note:
                print(f"{r.path}: {r.note}", file=sys.stderr)
        if stats is not None:
            print(stats.line(), file=sys.stderr)
        if opts.cache:
            print(cache_stats_line(), file=sys.stderr)
    fail_under = args.fail_under if args.fail_under is not None else settings.get("fail-under")
    if fail_under is not None:  # the score gate applies even with --exit-zero
        score = overall_score(results)
        if score.value < fail_under:
            print(f"Score {score}/100 is below fail-under {format_score(fail_under)}.", file=sys.stderr)
            return EXIT_FINDINGS
    failing = [f for r in results for f in r.active if f.severity >= fail_on]
    blocked = bool(args.require_provenance) and provenance_gate(results, opts.settings_for) > 0
    if args.require_approval:
        limit = None if args.require_approval == "fail-on" else Severity.parse(args.require_approval)
        unapproved, accepted = gate(results, opts.settings_for, limit)
        blocked = blocked or unapproved > 0
        failing = [f for f in failing if id(f) not in accepted]
    if blocked:  # the gates' reasons are printed; --exit-zero does not open them
        return EXIT_FINDINGS
    if failing and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


COMMAND = Command("check", "lint files and directories", run=run, add_arguments=add_arguments)
