"""Deterministic dev / test split of every evaluation set (peer cases and our own labelled sets).

The rule, in code rather than a list of ids, so that adding a case never moves another one:

* cases are grouped by (set, category): e.g. ("write-good", "cliches"), ("own-phrases", "redundancy"),
  ("own-passive", "passive");
* inside a group, cases are ordered by ``sha256("brandlint-eval-split-v1:" + case id)``;
* the first half of that order is **dev** (looked at while writing rules), the rest is **test**
  (scored, never read case by case while writing rules). With an odd count the middle case goes
  to dev when the first byte of ``sha256(salt + group name)`` is even, else to test, so a group of
  one case is not always dev.

``python bench/evalsplit.py`` prints the group sizes; ``--show dev`` prints the dev cases of the
peer sets (there is deliberately no option to print the test half).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

SALT = "brandlint-eval-split-v1:"
ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT.parent / "shared" / "eval"
PEER_FILES = {"write-good": "write_good_cases.jsonl", "alex": "alex_cases.jsonl", "proselint": "proselint_cases.jsonl"}

T = TypeVar("T")


def _digest(text: str) -> bytes:
    return hashlib.sha256((SALT + text).encode("utf-8")).digest()


def split_group(ids: Iterable[str], group: str) -> dict[str, str]:
    """``{id: "dev" | "test"}`` for the ids of one group (see the module docstring)."""
    ordered = sorted(set(ids), key=_digest)
    n = len(ordered)
    n_dev = n // 2 + (n % 2 if _digest(group)[0] % 2 == 0 else 0)
    return {cid: ("dev" if i < n_dev else "test") for i, cid in enumerate(ordered)}


def split_cases(
    cases: Iterable[T], set_name: str, category: Callable[[T], str], case_id: Callable[[T], str]
) -> dict[str, str]:
    """Split ``cases`` of one set per category; returns ``{case id: "dev" | "test"}``."""
    groups: dict[str, list[str]] = defaultdict(list)
    for c in cases:
        groups[category(c)].append(case_id(c))
    out: dict[str, str] = {}
    for cat, ids in groups.items():
        out.update(split_group(ids, f"{set_name}/{cat}"))
    return out


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def peer_split(eval_dir: Path = EVAL_DIR) -> dict[str, dict[str, str]]:
    """``{peer: {case id: half}}`` for the three peer files in ``eval_dir``."""
    return {
        peer: split_cases(load_jsonl(eval_dir / name), peer, lambda c: c["category"], lambda c: c["id"])
        for peer, name in PEER_FILES.items()
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    ap.add_argument("--show", choices=["dev"], help="print the dev cases (the test half is never printed)")
    ap.add_argument("--peer", choices=list(PEER_FILES), help="only this peer")
    ap.add_argument("--category", help="only categories starting with this")
    args = ap.parse_args(argv)
    for peer, name in PEER_FILES.items():
        if args.peer and peer != args.peer:
            continue
        cases = load_jsonl(args.eval_dir / name)
        halves = split_cases(cases, peer, lambda c: c["category"], lambda c: c["id"])
        counts: dict[str, dict[str, int]] = defaultdict(lambda: {"dev": 0, "test": 0})
        for c in cases:
            counts[c["category"]][halves[c["id"]]] += 1
        if args.show:
            for c in cases:
                if halves[c["id"]] != "dev" or (args.category and not c["category"].startswith(args.category)):
                    continue
                exp = [e.get("span") for e in c["expected"]]
                print(
                    json.dumps(
                        {
                            "id": c["id"],
                            "category": c["category"],
                            "text": c["text"],
                            "expected": exp,
                            "options": c.get("options"),
                        },
                        ensure_ascii=False,
                    )
                )
        else:
            print(f"{peer}: " + ", ".join(f"{cat} {v['dev']}/{v['test']}" for cat, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
