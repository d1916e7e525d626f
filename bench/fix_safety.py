"""Fix safety on real text: every SAFE fix of every shipped pack, applied to corpus sentences.

Lints a seeded sample of ../shared/corpus (md_docs and md_marketing Markdown files, alpaca_eval
model answers) with all four shipped packs, keeps every finding whose fix is ``safe`` (what
``brandlint fix`` and the pre-commit fix hook apply without asking), applies that one fix, and
writes the sentence before and after:

* ``pairs.jsonl``: one object per distinct (rule, sentence, edit) with the corpus address;
* ``pairs.txt``: the same, readable, grouped by rule and matched text (``--per-entry`` pairs per
  entry first, so a reader sees every entry; then the rest).

With ``--judged FILE`` (bench/data/fix_safety_judged.jsonl: pairs read by hand, each with a
verdict ``ok`` or ``broken``), it also reports how many of the judged pairs the packs still
produce as safe fixes: "broken after" counts the broken ones that are still produced. A broken
pair is matched on its address and its before/after text, so a pack change that stops the fix
(entry made unsafe, or constrained to a context) removes it.

    python bench/fix_safety.py [--out-dir bench/out/fix_safety] [--judged bench/data/fix_safety_judged.jsonl]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import corpus_sentences as cs  # noqa: E402

from brandlint.config.settings import load_settings  # noqa: E402
from brandlint.findings import Applicability  # noqa: E402
from brandlint.pipeline import lint_file  # noqa: E402
from brandlint.rules.text import sentences  # noqa: E402

PACKS = ["ai-tells", "inclusive", "plain-language", "example-brand"]
SEED = 20261211
SAMPLE = {"md_docs": 600, "md_marketing": 300, "alpaca": 3000}
FIX_KINDS = {"substitution", "repetition", "pattern", "terminology", "contractions", "exclamation"}


def fix_rules(settings) -> list[str]:
    """Rules that can produce a safe fix: a rule with ``unsafe = true`` only for the kinds where
    some findings may still carry safe fixes (repetition ``safe-tokens``, substitution entries with
    conditions); only safe fixes are collected."""
    mixed = ("repetition", "substitution")
    return sorted(
        r.id
        for r in settings.all_rules
        if r.meta.kind in FIX_KINDS and (r.meta.kind in mixed or not r.opts.get("unsafe"))
    )


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Source range of the sentence holding [start, end): the paragraph split by brandlint's splitter."""
    a = text.rfind("\n\n", 0, start)
    a = 0 if a == -1 else a + 2
    b = text.find("\n\n", end)
    b = len(text) if b == -1 else b
    for s, e in sentences(text, a, b):
        if s <= start and end <= e:
            return s, e
    return max(a, start - 120), min(b, end + 120)


def flat(text: str) -> str:
    return " ".join(text.split())


def documents(sample: dict[str, int]) -> list[tuple[str, int, str]]:
    """(source, record line or 0, text) for a seeded sample of each corpus."""
    rng = random.Random(SEED)
    out: list[tuple[str, int, str]] = []
    for kind in ("md_docs", "md_marketing"):
        files = cs.md_files(kind)
        for rel in sorted(rng.sample(files, min(sample[kind], len(files)))):
            out.append((rel, 0, (cs.CORPUS / rel).read_text("utf-8", errors="replace")))
    recs = cs.alpaca_records()
    for i in sorted(rng.sample(range(len(recs)), min(sample["alpaca"], len(recs)))):
        out.append((cs.ALPACA, i + 1, recs[i].get("output") or ""))
    return out


def collect(settings, docs: list[tuple[str, int, str]]) -> list[dict]:
    pairs: list[dict] = []
    seen: set[tuple] = set()
    for source, record, text in docs:
        name = f"doc{record}.md" if record else source
        res = lint_file(Path(name), settings, content=text.encode("utf-8"), display_path=name)
        for f in res.findings:
            if f.suppression is not None or f.fix is None or f.fix.applicability != Applicability.SAFE:
                continue
            edits = sorted(f.fix.edits, key=lambda e: e.start)
            lo, hi = edits[0].start, edits[-1].end
            s, e = sentence_around(text, lo, hi)
            new = text[s:lo]
            pos = lo
            for ed in edits:
                new += text[pos : ed.start] + ed.replacement
                pos = ed.end
            new += text[pos:e]
            before, after = flat(text[s:e]), flat(new)
            key = (f.rule_id, before, after)
            if key in seen:
                continue
            seen.add(key)
            line = text.count("\n", 0, lo) + 1
            pairs.append(
                {
                    "rule": f.rule_id,
                    "match": f.matched,
                    "replacement": "".join(x.replacement for x in edits),
                    "source": source,
                    "record": record,
                    "line": line,
                    "offset": lo,
                    "before": before,
                    "after": after,
                }
            )
    return pairs


def write_outputs(pairs: list[dict], out_dir: Path, per_entry: int) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / "pairs.jsonl").open("w", encoding="utf-8") as fh:
        for p in pairs:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for p in pairs:
        groups[(p["rule"], p["match"].lower(), p["replacement"].lower())].append(p)
    first, rest = [], []
    for key in sorted(groups):
        first += groups[key][:per_entry]
        rest += groups[key][per_entry:]
    with (out_dir / "pairs.txt").open("w", encoding="utf-8") as fh:
        for n, p in enumerate(first + rest, 1):
            where = f"{p['source']}:{p['line']}" if not p["record"] else f"{p['source']} record {p['record']}"
            fh.write(
                f"#{n} {p['rule']}  {p['match']!r} -> {p['replacement']!r}  ({where})\n"
                f"  before: {p['before']}\n  after:  {p['after']}\n\n"
            )


def judged_key(p: dict) -> tuple:
    return (p["rule"], p["source"], p["record"], p["offset"], p["match"].lower(), p["replacement"].lower())


def check_judged(pairs: list[dict], judged: list[dict]) -> dict:
    """How many judged pairs (and judged-broken ones) the packs still produce as safe fixes."""
    produced = {(p["source"], p["record"], p["offset"], p["match"].lower(), p["replacement"].lower()): p for p in pairs}
    out = {
        "read": len(judged),
        "broken_before": 0,
        "broken_after": 0,
        "ok_before": 0,
        "ok_after": 0,
        "still_broken": [],
    }
    for j in judged:
        key = (j["source"], j["record"], j["offset"], j["match"].lower(), j["replacement"].lower())
        still = key in produced
        if j["verdict"] == "broken":
            out["broken_before"] += 1
            if still:
                out["broken_after"] += 1
                out["still_broken"].append(j)
        else:
            out["ok_before"] += 1
            out["ok_after"] += still
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out-dir", type=Path, default=ROOT / "bench" / "out" / "fix_safety")
    ap.add_argument("--judged", type=Path, help="hand-judged pairs (JSONL with verdict ok/broken)")
    ap.add_argument("--per-entry", type=int, default=3, help="pairs per rule entry listed first in pairs.txt")
    ap.add_argument("--md-docs", type=int, default=SAMPLE["md_docs"])
    ap.add_argument("--md-marketing", type=int, default=SAMPLE["md_marketing"])
    ap.add_argument("--alpaca", type=int, default=SAMPLE["alpaca"])
    args = ap.parse_args(argv)
    if not (cs.CORPUS / "md_docs").is_dir():
        print(f"error: no corpus at {cs.CORPUS}", file=sys.stderr)
        return 2
    settings = load_settings(None, cwd=ROOT, overrides={"packs": PACKS})
    rules = fix_rules(settings)
    settings = load_settings(None, cwd=ROOT, overrides={"packs": PACKS}, select=tuple(rules))
    t0 = time.perf_counter()
    docs = documents({"md_docs": args.md_docs, "md_marketing": args.md_marketing, "alpaca": args.alpaca})
    pairs = collect(settings, docs)
    write_outputs(pairs, args.out_dir, args.per_entry)
    per_rule = Counter(p["rule"] for p in pairs)
    entries = len({(p["rule"], p["match"].lower(), p["replacement"].lower()) for p in pairs})
    print(
        f"Safe fixes of {len(rules)} fix-capable rules on {len(docs):,} documents "
        f"(md_docs {args.md_docs}, md_marketing {args.md_marketing}, model answers {args.alpaca}; seed {SEED}): "
        f"{len(pairs):,} distinct before/after pairs from {entries} entries ({time.perf_counter() - t0:.0f} s)\n"
    )
    print("| rule | safe-fix pairs |\n|---|---:|")
    for rid, n in per_rule.most_common():
        print(f"| `{rid}` | {n} |")
    print(f"\nPairs: {args.out_dir / 'pairs.jsonl'} and {args.out_dir / 'pairs.txt'}")
    if args.judged:
        judged = [json.loads(x) for x in args.judged.read_text("utf-8").splitlines() if x.strip()]
        res = check_judged(pairs, judged)
        print(
            f"\nJudged by hand ({args.judged.name}): {res['read']} pairs read, {res['broken_before']} broke the "
            f"sentence when judged; the packs now produce {res['broken_after']} of those as safe fixes "
            f"(and {res['ok_after']} of the {res['ok_before']} judged ok)."
        )
        for j in res["still_broken"]:
            print(f"- still broken: {j['rule']} {j['match']!r} -> {j['replacement']!r} in {j['source']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
