"""``brandlint approvals [--stale]``: what was approved, by whom, and what changed since."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..approvals import file_approval
from ..errors import BrandlintError
from ..plugins.commands import Command
from .approval_gate import ledger_for
from .common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, add_config_option, settings_here


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--stale", action="store_true", help="list only files changed (or gone) since their approval; exit 1 if any"
    )
    p.add_argument("--output-format", choices=["text", "json"], default="text")
    add_config_option(p)


def run(args: argparse.Namespace) -> int:
    settings = settings_here(args)
    ledger = ledger_for(settings)
    for problem in ledger.problems:  # never dropped silently
        print(f"error: {problem}", file=sys.stderr)
    rows: list[dict[str, Any]] = []
    for rel in sorted({a.path for a in ledger.entries}):
        path = ledger.root / rel
        latest = ledger.for_path(rel)[0]
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            status, detail = "missing", "the file is gone"
        except OSError as exc:
            raise BrandlintError(f"cannot read {path}: {exc.strerror or exc}") from None
        else:
            st = file_approval(ledger, path, raw, [], [])
            status, detail = ("approved" if st.status != "stale" else "stale"), st.detail
        if args.stale and status == "approved":
            continue
        rows.append(
            {
                "path": rel,
                "status": status,
                "detail": detail,
                "by": latest.by,
                "time": latest.time,
                "note": latest.note,
                "findings": list(latest.findings),
                "approvals": len(ledger.for_path(rel)),
            }
        )
    if args.output_format == "json":
        print(json.dumps(rows, indent=2))
    else:
        for r in rows:
            extra = f" ({r['detail']})" if r["detail"] else ""
            print(f"{r['path']}: {r['status']}{extra}; last approved {r['time']} by {r['by']}: {r['note']}")
            if r["findings"]:
                print(f"  accepted: {', '.join(r['findings'])}")
        if not rows:
            print("No stale approvals." if args.stale else f"No approvals in {ledger.path}.")
    if ledger.problems:
        return EXIT_ERROR
    if args.stale and rows:
        return EXIT_FINDINGS
    return EXIT_CLEAN


COMMAND = Command("approvals", "list approvals and what changed since (--stale)", run=run, add_arguments=add_arguments)
