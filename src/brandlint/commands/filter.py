"""``brandlint filter``: curate JSONL corpora. Records that pass at a severity go to
``--passed``, the others to ``--failed``, each byte of each record kept and in input order;
``--fix`` fixes records first. ``--engine NAME`` runs on a plugin's engine (Ray: shards)."""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from pathlib import Path

from ..errors import BrandlintError
from ..fileio import atomic_stream
from ..findings import Severity
from ..fixing.curate import CurateCounts, curate_lines
from ..pipeline import RecordLinter
from ..plugins.commands import Command
from ..textutil import plural
from .common import EXIT_CLEAN, add_engine_options, add_selection_options, corpus_request, record_files, run_options

__all__ = ["COMMAND"]


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", help="JSONL files (or folders of them), read in the order given")
    p.add_argument("--passed", metavar="OUT", help="write records that pass here (with --engine: a folder of shards)")
    p.add_argument("--failed", metavar="OUT", help="write records that fail here (with --engine: a folder of shards)")
    p.add_argument(
        "--severity",
        choices=["error", "warning", "info"],
        help="a record fails with an active finding of at least this severity (default: the config's fail-on)",
    )
    p.add_argument("--fix", action="store_true", help="apply safe fixes to each record first; write fixed records")
    p.add_argument("--unsafe-fixes", action="store_true", help="with --fix: also apply unsafe fixes")
    add_selection_options(p)
    add_engine_options(p)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def run(args: argparse.Namespace) -> int:
    if not args.passed and not args.failed:
        raise BrandlintError("nothing to write: give --passed FILE, --failed FILE or both")
    if args.unsafe_fixes and not args.fix:
        raise BrandlintError("--unsafe-fixes applies with --fix only")
    shard_dirs = tuple(Path(o) for o in (args.passed, args.failed) if o) if args.engine else ()
    files = record_files(args.paths, args, outputs=shard_dirs)
    opts = run_options(args)
    cwd_settings = opts.settings_for(Path.cwd())
    severity = Severity.parse(args.severity) if args.severity else cwd_settings.fail_on
    outputs = [Path(o) for o in (args.passed, args.failed) if o]
    for f in files:
        for o in outputs:
            if _same_file(f, o):
                raise BrandlintError(f"{o}: an output may not be an input (it is replaced when the run ends)")
    if args.engine:
        # lazy: the corpus machinery loads only for --engine runs
        from ..corpus import run_corpus

        report = run_corpus(corpus_request(args, opts, files, severity=severity))
        print(report.filter_line(), file=sys.stderr)
        return EXIT_CLEAN
    total = CurateCounts()
    with ExitStack() as stack:
        passed = stack.enter_context(atomic_stream(args.passed, make_parents=True)) if args.passed else None
        failed = stack.enter_context(atomic_stream(args.failed, make_parents=True)) if args.failed else None
        for f in files:
            linter = RecordLinter(opts.settings_for(f), f)
            with open(f, "rb") as fh:
                counts = curate_lines(
                    linter,
                    fh,
                    severity=severity,
                    passed=passed.write if passed else None,
                    failed=failed.write if failed else None,
                    fix=args.fix,
                    unsafe=args.unsafe_fixes,
                )
            total.add(counts)
    print(f"{total.line(severity)} ({plural(len(files), 'file')}).", file=sys.stderr)
    return EXIT_CLEAN


COMMAND = Command("filter", "split JSONL records into passed and failed files", run=run, add_arguments=add_arguments)
