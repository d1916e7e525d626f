"""Passive voice on the own labelled set: the rule next to a plain spaCy ``auxpass`` baseline.

The set is bench/data/passive_labels.jsonl (462 hand-labelled corpus sentences; see
bench/data/README.md), split into dev and test halves by ``bench/evalsplit.py``. While changing the
rule, run with ``--dev-only`` (the default prints the dev misses and false positives, never test
cases); the test half is printed as numbers only.

    python bench/passive_eval.py [--dev-only] [--show] [--option KEY=JSON ...]

``--option`` overrides an option of ``plain-language/passive-voice`` for the run (e.g.
``--option auxiliaries='"be"'``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import accuracy as acc  # noqa: E402

RULE = "plain-language/passive-voice"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev-only", action="store_true", help="score the dev half only (use while changing the rule)")
    ap.add_argument("--show", action="store_true", help="list misses and false positives (dev half only)")
    ap.add_argument("--option", action="append", default=[], help="KEY=JSON: override a rule option")
    args = ap.parse_args(argv)
    report = acc.Report()
    linter = acc.Linter(report)
    if args.option:
        extra = {}
        for kv in args.option:
            key, _, value = kv.partition("=")
            extra[key] = json.loads(value)
        variant = (RULE, extra)
        orig = linter.lint
        linter.lint = lambda text, fmt, v=None: orig(text, fmt, variant)  # type: ignore[method-assign]
    acc.run_passive(report, linter, dev_only=args.dev_only)
    print("\n".join(acc.passive_table(report, args.dev_only)))
    if args.show:
        print("\nMissed (dev half):")
        for _cat, _name, cid, span in report.misses or [("-", "-", "(none)", "")]:
            print(f"  {cid} {span!r}")
        print("\nFalse positives (dev half):")
        for _cat, _name, cid, span in report.false_positives or [("-", "-", "(none)", "")]:
            print(f"  {cid} {span!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
