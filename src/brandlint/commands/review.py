"""``brandlint review [PATHS] -o review.html``: the review page a person reads in a browser.

Lints the files (in this process, reading each file once), keeps the decoded text the findings'
offsets refer to, adds each file's provenance and approval status, and writes one self-contained
HTML page (:mod:`brandlint.reporters.review_html`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .. import __version__
from ..approvals import Ledger, approval_view, finding_ids
from ..documents.base import SourceFile
from ..errors import BrandlintError
from ..pipeline import decode, discover, lint_file, settled
from ..plugins.commands import Command
from ..provenance import SIDECAR_SUFFIX, read_provenance
from ..reporters.review_html import ReviewFile, render_review
from ..score import overall_score
from ..textutil import plural
from .changed import changes_since, keep_changed
from .common import EXIT_CLEAN, add_selection_options, run_options


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", default=None, help="files or directories (default: .)")
    add_selection_options(p)
    p.add_argument(
        "-o", "--output", metavar="FILE", default="review.html", help="the page to write (default: review.html)"
    )
    p.add_argument("--title", default="brandlint review", help="the page's title")
    p.add_argument(
        "--changed-since",
        metavar="REF",
        help="review only files changed since the git REF, with findings on changed lines (as `check`)",
    )


def review_files(paths: list[str], args: argparse.Namespace) -> list[ReviewFile]:
    """Lint ``paths`` and gather what the page shows about each file."""
    opts = run_options(args)
    out: list[ReviewFile] = []
    ledgers: dict[Path, Ledger] = {}
    for path, settings, explicit in discover(paths, opts):
        if path.name.endswith(SIDECAR_SUFFIX) and not explicit:  # shown with the file it describes
            continue
        done = settled(path, settings, explicit)
        if done is not None:
            out.append(ReviewFile(done))
            continue
        try:
            raw = path.read_bytes()
        except OSError:
            out.append(ReviewFile(lint_file(path, settings)))  # reports the read error
            continue
        result = lint_file(path, settings, content=raw)
        source = decode(str(path), raw)
        text = source.text if isinstance(source, SourceFile) else None
        root = Path(settings.root)
        ledger = ledgers.get(root)
        if ledger is None:
            ledger = ledgers[root] = Ledger.load(root)
        ids = finding_ids(result.active, text)
        rf = ReviewFile(result, text, provenance=read_provenance(path, text), ids=dict(enumerate(ids)))
        rf.approval = approval_view(ledger, path, raw, result.active, ids)
        out.append(rf)
    return out


def run(args: argparse.Namespace) -> int:
    paths = args.paths or ["."]
    changes = None
    if args.changed_since:
        cwd = Path.cwd()
        changes = changes_since(args.changed_since, cwd)
        paths = [os.path.relpath(f, cwd) for f in changes.files_under(paths)]
    files = review_files(paths, args) if paths else []
    if changes is not None:
        keep_changed([rf.result for rf in files], changes)
    page = render_review(files, title=args.title, version=__version__)
    target = Path(args.output)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise BrandlintError(f"cannot write the review page to {target}: {exc.strerror or exc}") from None
    n = sum(len(rf.result.active) for rf in files)
    score = overall_score([rf.result for rf in files])
    print(
        f"Wrote {target}: {plural(len(files), 'file')}, {plural(n, 'finding')}, score {score}/100.",
        file=sys.stderr,
    )
    return EXIT_CLEAN


COMMAND = Command("review", "write an HTML page to review findings in a browser", run=run, add_arguments=add_arguments)
