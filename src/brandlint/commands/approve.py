"""``brandlint approve PATH [--finding ID] --note TEXT [--by NAME]``: record a human approval.

The entry ties the approval to the file's content hash (of its text; of the JSON value; of each
JSONL record), names the findings accepted (all active ones, or those given with ``--finding``)
and the versions of their rules. See :mod:`brandlint.approvals`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__
from ..approvals import Approval, content_hash, relative_to_root, rule_versions
from ..errors import BrandlintError
from ..plugins.commands import Command
from ..textutil import plural
from .approval_gate import git_reviewer, ledger_for, lint_for_approval
from .common import EXIT_CLEAN, add_selection_options, run_options


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="the files to approve, as they are now")
    p.add_argument(
        "--finding",
        action="append",
        metavar="ID",
        help="accept only this finding (its id from `brandlint review` or `approvals`); repeatable",
    )
    p.add_argument("--note", required=True, help="why this content is approved (kept in the ledger)")
    p.add_argument("--by", metavar="NAME", help="the reviewer (default: git config user.name <user.email>)")
    add_selection_options(p)


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def run(args: argparse.Namespace) -> int:
    if not args.note.strip():
        raise BrandlintError("--note must say why the content is approved")
    opts = run_options(args)
    cwd = opts.cwd or Path.cwd()
    by = args.by.strip() if args.by and args.by.strip() else git_reviewer(cwd)
    wanted = set(args.finding or ())
    for name in args.paths:
        path = Path(name)
        if not path.is_file():
            raise BrandlintError(f"{name}: not a file (approve names files, as they are now)")
        settings = opts.settings_for(path)
        linted = lint_for_approval(path, settings, name)
        active = linted.result.active
        if wanted:
            unknown = sorted(wanted - set(linted.ids))
            if unknown and len(args.paths) == 1:
                have = ", ".join(linted.ids) or "none"
                raise BrandlintError(f"{name}: no current finding has the id {', '.join(unknown)} (ids now: {have})")
            accepted = [i for i, fid in enumerate(linted.ids) if fid in wanted]
        else:
            accepted = list(range(len(active)))
        ch = content_hash(path, linted.raw)
        rules = {r.id: r for r in settings.all_rules}
        used = [rules[active[i].rule_id] for i in accepted if active[i].rule_id in rules]
        ledger = ledger_for(settings)
        entry = Approval(
            path=relative_to_root(path, ledger.root),
            hash=ch.value,
            by=by,
            time=_now(),
            note=args.note.strip(),
            kind=ch.kind,
            records=tuple(h for _, h in ch.records),
            findings=tuple(linted.ids[i] for i in accepted),
            rules=rule_versions(used),
            brandlint=__version__,
        )
        ledger.add(entry)
        print(
            f"Approved {name} ({ch.value[:19]}...) by {by}: {plural(len(accepted), 'finding')} accepted"
            f"{f' of {len(active)}' if len(accepted) != len(active) else ''}; recorded in {ledger.path}.",
            file=sys.stderr,
        )
    return EXIT_CLEAN


COMMAND = Command("approve", "record a human approval of files as they are now", run=run, add_arguments=add_arguments)
