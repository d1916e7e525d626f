"""Accuracy report: brandlint's shipped packs against the peers' own test cases.

Scores the general packs (ai-tells, inclusive, plain-language) on ../shared/eval/ next to each
peer's recorded answer (``peer_output``) on the same cases, following the protocol of
../shared/eval/README.md:

* write-good and alex: span scoring. An expected span counts as found when a finding of one of
  the category's rules overlaps it; a finding counts as correct when it overlaps an expected span
  of that category. "exact" is the share of correct findings whose span equals an expected span.
* proselint: flag / no-flag per case (the span is advisory).
* cases with non-default peer ``options`` are mapped to the equivalent brandlint rule option where
  there is one (OPTION_MAP: write-good's ``by`` is passive-voice's ``agent-only``) and skipped
  otherwise (they test the peer's own switches); alex's HTML cases are skipped too (brandlint
  has no HTML format).

Each peer category is mapped to the brandlint rules that address the same problem (CATEGORY_MAP);
categories without a mapping are listed as not covered. Rows whose rules are not loaded (a rule
kind not installed) say so instead of scoring zero.

    python bench/accuracy.py [--eval-dir DIR] [--show-fp] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from brandlint import lint_text  # noqa: E402
from brandlint.config.settings import load_settings  # noqa: E402

PACKS = ["ai-tells", "inclusive", "plain-language"]

INCLUSIVE = ["inclusive/"]
CLICHES = ["plain-language/cliches", "plain-language/jargon", "ai-tells/opening-cliches", "ai-tells/closing-cliches"]

# peer -> category -> brandlint rule ids (a trailing "/" selects a whole pack)
CATEGORY_MAP: dict[str, dict[str, list[str]]] = {
    "write-good": {
        "passive": ["plain-language/passive-voice"],
        "weasel": ["plain-language/weasel-words"],
        "tooWordy": ["plain-language/wordy-phrases", "plain-language/simpler-words", "plain-language/vague-quantities"],
        "cliches": CLICHES,
        "illusion": ["plain-language/repeated-words"],
        "thereIs": ["plain-language/there-is"],
    },
    "alex": {
        "inconsiderate": INCLUSIVE,
    },
    "proselint": {
        "hedging": ["plain-language/hedging", "ai-tells/hedging-stacks"],
        "misc.apologizing": ["plain-language/hedging"],
        "weasel_words": ["plain-language/weasel-words"],
        "lexical_illusions": ["plain-language/repeated-words"],
        "uncomparables": ["plain-language/uncomparables"],
        "cliches": CLICHES,
        "misc.debased": CLICHES,
        "redundancy": ["plain-language/redundancy"],
        "misc.greylist": ["plain-language/simpler-words", "inclusive/condescending"],
        "industrial_language.corporate_speak": ["plain-language/jargon"],
        "industrial_language.jargon": ["plain-language/jargon", "plain-language/officialese"],
        "industrial_language.bureaucratese": ["plain-language/officialese"],
        "industrial_language.commercialese": ["plain-language/officialese"],
        "social_awareness.lgbtq": INCLUSIVE,
        "social_awareness.sexism": INCLUSIVE,
        "misc.professions": INCLUSIVE,
        "negative (all checks)": ["ai-tells/", "inclusive/", "plain-language/"],
    },
}

# Spans missing from a peer's answer key, checked by hand: (case id, category, start, end, why).
# Scored as expected (for brandlint and for the peer alike); the report also prints the raw scores.
_ADVERB_PASSIVE = ("a passive with an adverb between the auxiliary and the participle, and an agent "
                   "('by ...'); write-good's regex only sees the auxiliary next to the participle")
ADJUDICATED = [
    ("wg-022", "passive", 18, 39, _ADVERB_PASSIVE),
    ("wg-058", "passive", 382, 403, _ADVERB_PASSIVE),
]

# write-good reasons name their check; this recovers the category of an expected span
WG_REASONS = [
    (re.compile(r"passive voice"), "passive"),
    (re.compile(r"weasel word"), "weasel"),
    (re.compile(r"can weaken meaning"), "adverb"),
    (re.compile(r"is wordy or unneeded"), "tooWordy"),
    (re.compile(r"is a cliche"), "cliches"),
    (re.compile(r"is repeated"), "illusion"),
    (re.compile(r"adds no meaning|omit 'So'"), "so"),
    (re.compile(r"unnecessary verbiage"), "thereIs"),
    (re.compile(r"form of 'to be'"), "eprime"),
]


def wg_category(reason: str) -> str:
    for rx, cat in WG_REASONS:
        if rx.search(reason):
            return cat
    return "other"


def utf16_to_cp(text: str, index: int) -> int:
    """JavaScript string indices count UTF-16 code units; brandlint counts code points."""
    units = 0
    for i, ch in enumerate(text):
        if units >= index:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


@dataclass
class Span:
    start: int
    end: int
    text: str
    category: str = ""

    def overlaps(self, other: "Span") -> bool:
        if self.start == self.end or other.start == other.end:
            return self.start == other.start
        return self.start < other.end and other.start < self.end


@dataclass
class Row:
    peer: str
    category: str
    rules: list[str]
    mode: str  # "span" or "case"
    covered: bool = True
    missing_rules: list[str] = field(default_factory=list)
    cases: int = 0
    expected: int = 0
    ours: dict = field(default_factory=lambda: {"found": 0, "tp": 0, "fp": 0, "exact": 0, "tn": 0})
    peer_s: dict = field(default_factory=lambda: {"found": 0, "tp": 0, "fp": 0, "exact": 0, "tn": 0})
    misses: list[tuple] = field(default_factory=list)
    false_positives: list[tuple] = field(default_factory=list)

    @staticmethod
    def prf(s: dict, expected: int) -> tuple[float | None, float | None, float | None]:
        recall = s["found"] / expected if expected else None
        flagged = s["tp"] + s["fp"]
        precision = s["tp"] / flagged if flagged else (1.0 if expected == 0 or s["found"] == 0 else None)
        if recall is None or precision is None or recall + precision == 0:
            f1 = None if recall is None else 0.0
        else:
            f1 = 2 * recall * precision / (recall + precision)
        return recall, precision, f1


def rule_selected(rule_id: str, selectors: list[str]) -> bool:
    return any(rule_id == s or (s.endswith("/") and rule_id.startswith(s)) for s in selectors)


def category_key(peer: str, category: str) -> str | None:
    mapping = CATEGORY_MAP[peer]
    if category in mapping:
        return category
    for key in mapping:  # proselint "cliches.misc" -> "cliches"
        if category.startswith(key + "."):
            return key
    return None


def load_cases(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# Peer options with a brandlint equivalent: (peer, options as JSON) -> (rule id, extra rule keys).
# Other options cases are skipped.
OPTION_MAP = {
    ("write-good", '{"by": true}'): ("plain-language/passive-voice", {"agent-only": True}),
}


class Linter:
    def __init__(self) -> None:
        self.settings = {"packs": PACKS}
        self.loaded = {r.id for r in load_settings(None, cwd=ROOT, overrides=self.settings).all_rules}
        self.calls = 0
        self.seconds = 0.0
        self._variants: dict[str, tuple[dict, str]] = {}
        self._tmp = tempfile.TemporaryDirectory(prefix="brandlint-accuracy-")

    def variant(self, rule_id: str, extra: dict) -> tuple[dict, str]:
        """Settings with a copy of ``rule_id`` that has ``extra`` keys (a one-rule pack)."""
        key = json.dumps([rule_id, extra], sort_keys=True)
        if key not in self._variants:
            pack, stem = rule_id.split("/")
            folder = Path(self._tmp.name) / f"variant{len(self._variants)}"
            folder.mkdir()
            body = (ROOT / "rules" / pack / f"{stem}.toml").read_text("utf-8")
            body += "".join(f"\n{k} = {json.dumps(v)}" for k, v in extra.items()) + "\n"
            (folder / f"{stem}.toml").write_text(body, encoding="utf-8")
            self._variants[key] = ({"packs": [str(folder)]}, f"{folder.name}/{stem}")
        return self._variants[key]

    def lint(self, text: str, fmt: str, variant: tuple[str, dict] | None = None) -> list[tuple[str, Span, str]]:
        settings, rename = self.settings, None
        if variant is not None:
            settings, temp_id = self.variant(*variant)
            rename = (temp_id, variant[0])
        t0 = time.perf_counter()
        findings = lint_text(text, format=fmt, settings=settings)
        self.seconds += time.perf_counter() - t0
        self.calls += 1
        return [(rename[1] if rename and f.rule_id == rename[0] else f.rule_id,
                 Span(f.span.start.offset, f.span.end.offset, f.matched or ""), f.message)
                for f in findings if f.suppression is None]


def missing(rules: list[str], loaded: set[str]) -> list[str]:
    return [r for r in rules if not (r.endswith("/") and any(x.startswith(r) for x in loaded)) and r not in loaded]


def score_spans(row: Row, case: dict, expected: list[Span], ours: list[Span], peer: list[Span]) -> None:
    row.cases += 1
    row.expected += len(expected)
    for who, found, stats in (("ours", ours, row.ours), ("peer", peer, row.peer_s)):
        for e in expected:
            if any(f.overlaps(e) for f in found):
                stats["found"] += 1
            elif who == "ours":
                row.misses.append((case["id"], e.text, e.start))
        for f in found:
            if any(f.overlaps(e) for e in expected):
                stats["tp"] += 1
                stats["exact"] += any(f.start == e.start and f.end == e.end for e in expected)
            else:
                stats["fp"] += 1
                if who == "ours":
                    row.false_positives.append((case["id"], f.text, f.start))


def score_case(row: Row, case: dict, flagged: bool, peer_flagged: bool, what: str) -> None:
    row.cases += 1
    positive = bool(case["expected"])
    row.expected += positive
    for ok, stats in ((flagged, row.ours), (peer_flagged, row.peer_s)):
        if positive and ok:
            stats["found"] += 1
            stats["tp"] += 1
        elif ok:
            stats["fp"] += 1
        else:
            stats["tn"] += not positive
    if positive and not flagged:
        row.misses.append((case["id"], case["expected"][0].get("span", ""), None))
    if flagged and not positive:
        row.false_positives.append((case["id"], what, None))


def run(eval_dir: Path, adjudicate: bool = True) -> tuple[list[Row], dict]:
    linter = Linter()
    rows: dict[tuple[str, str], Row] = {}
    skipped: dict[str, int] = {}
    uncovered: dict[str, dict[str, int]] = {}

    def row_for(peer: str, key: str) -> Row:
        if (peer, key) not in rows:
            rules = CATEGORY_MAP[peer][key]
            miss = missing(rules, linter.loaded)
            rows[(peer, key)] = Row(peer, key, rules, "case" if peer == "proselint" else "span",
                                    covered=len(miss) < len(rules), missing_rules=miss)
        return rows[(peer, key)]

    # write-good: span scoring per category of the expected span
    for case in load_cases(eval_dir / "write_good_cases.jsonl"):
        variant = None
        if case.get("options"):
            variant = OPTION_MAP.get(("write-good", json.dumps(case["options"], sort_keys=True)))
            if variant is None:
                skipped["write-good"] = skipped.get("write-good", 0) + 1
                continue
        text = case["text"]
        exp_all = [Span(utf16_to_cp(text, e["index"]), utf16_to_cp(text, e["index"] + e["offset"]), e["span"],
                        wg_category(e["reason"])) for e in case["expected"]]
        peer_all = [Span(utf16_to_cp(text, r["index"]), utf16_to_cp(text, r["index"] + r["offset"]), r["span"],
                         wg_category(r["reason"])) for r in case["peer_output"]["results"]]
        if adjudicate:
            exp_all += [Span(st, en, text[st:en], cat) for cid, cat, st, en, _ in ADJUDICATED if cid == case["id"]]
        ours_all = linter.lint(text, "text", variant) if text.strip() else []
        only = case["category"] if str(case.get("scope", "")).startswith("category-only") else None
        # category-only cases test one check; the others list every default check's findings, so a
        # finding of any covered category that matches no expected span there is a false positive
        checks = {cat for _, cat in WG_REASONS}  # case categories such as "document" or "empty" are not checks
        present = {only} if only else {e.category for e in exp_all} | ({case["category"]} & checks)
        for cat in sorted(present):
            if category_key("write-good", cat) is None:
                uncovered.setdefault("write-good", {}).setdefault(cat, 0)
                uncovered["write-good"][cat] += 1
        keys = [category_key("write-good", only)] if only else list(CATEGORY_MAP["write-good"])
        for key in keys:
            if key is None:
                continue
            row = row_for("write-good", key)
            exp = [e for e in exp_all if e.category == key]
            ours = [s for rid, s, _ in ours_all if rule_selected(rid, row.rules)]
            peer = [p for p in peer_all if p.category == key]
            if key in present or ours or peer:
                score_spans(row, case, exp, ours, peer)
                row.cases -= key not in present  # counted as a case of its own category only

    # alex: span scoring over the inclusive pack
    fmt_for_mode = {"text": "text", "markdown": "markdown", "mdx": "markdown"}
    for case in load_cases(eval_dir / "alex_cases.jsonl"):
        if case.get("options"):
            skipped["alex"] = skipped.get("alex", 0) + 1
            continue
        fmt = fmt_for_mode.get(case.get("mode", "text"))
        if fmt is None:
            skipped["alex (html)"] = skipped.get("alex (html)", 0) + 1
            continue
        text = case["text"]
        row = row_for("alex", "inconsiderate")
        exp = [Span(utf16_to_cp(text, e["start"]), utf16_to_cp(text, e["end"]), e["span"]) for e in case["expected"]]
        peer = [Span(utf16_to_cp(text, r["start"]), utf16_to_cp(text, r["end"]), r["span"])
                for r in case["peer_output"]["results"]]
        ours = [s for rid, s, _ in linter.lint(text, fmt) if rule_selected(rid, row.rules)]
        score_spans(row, case, exp, ours, peer)

    # proselint: flag / no-flag per case
    for case in load_cases(eval_dir / "proselint_cases.jsonl"):
        if case.get("options"):
            skipped["proselint"] = skipped.get("proselint", 0) + 1
            continue
        key = category_key("proselint", case["category"])
        if key is None:
            uncovered.setdefault("proselint", {}).setdefault(case["category"], 0)
            uncovered["proselint"][case["category"]] += 1
            continue
        row = row_for("proselint", key)
        hits = [(rid, s) for rid, s, _ in linter.lint(case["text"], "text") if rule_selected(rid, row.rules)]
        what = ", ".join(f"{rid}: {s.text!r}" for rid, s in hits)
        score_case(row, case, bool(hits), bool(case["peer_output"]["results"]), what)

    meta = {"skipped": skipped, "uncovered": uncovered, "lint_calls": linter.calls,
            "lint_seconds": round(linter.seconds, 3), "loaded_rules": len(linter.loaded)}
    return list(rows.values()), meta


def fmt_num(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.2f}"


def table(rows: list[Row]) -> list[str]:
    head = ("| peer | category | cases | expected | brandlint R | P | F1 | exact | peer R | P | F1 | exact |\n"
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    out = [head]
    for row in rows:
        if not row.covered:
            out.append(f"| {row.peer} | {row.category} | - | - | rule not loaded: {', '.join(row.missing_rules)} "
                       "| | | | | | | |")
            continue
        r, p, f = Row.prf(row.ours, row.expected)
        pr, pp, pf = Row.prf(row.peer_s, row.expected)
        ex = f"{row.ours['exact'] / row.ours['tp']:.2f}" if row.mode == "span" and row.ours["tp"] else "  -  "
        pex = f"{row.peer_s['exact'] / row.peer_s['tp']:.2f}" if row.mode == "span" and row.peer_s["tp"] else "  -  "
        mark = " **<**" if r is not None and pr is not None and r + 1e-9 < pr else ""
        out.append(f"| {row.peer} | {row.category} | {row.cases} | {row.expected} | {fmt_num(r)}{mark} | {fmt_num(p)} "
                   f"| {fmt_num(f)} | {ex} | {fmt_num(pr)} | {fmt_num(pp)} | {fmt_num(pf)} | {pex} |")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--show-fp", action="store_true", help="also list brandlint's false positives")
    ap.add_argument("--json", type=Path, help="write the rows as JSON to this file")
    args = ap.parse_args(argv)
    if not (args.eval_dir / "write_good_cases.jsonl").is_file():
        print(f"error: no peer test cases in {args.eval_dir} (expected write_good_cases.jsonl, alex_cases.jsonl, "
              "proselint_cases.jsonl); pass --eval-dir", file=sys.stderr)
        return 2
    rows, meta = run(args.eval_dir)
    raw_rows, _ = run(args.eval_dir, adjudicate=False)
    order = {p: i for i, p in enumerate(CATEGORY_MAP)}
    for rs in (rows, raw_rows):
        rs.sort(key=lambda r: (order[r.peer], list(CATEGORY_MAP[r.peer]).index(r.category)))
    print(f"brandlint packs {', '.join(PACKS)} ({meta['loaded_rules']} rules) vs. peers' recorded output; "
          "R = recall, P = precision, span overlap (write-good, alex) or flag/no-flag per case (proselint)\n")
    print("\n".join(table(rows)))
    print("\n**<** marks a covered category where brandlint's recall is below the peer's.")
    changed = [r for r, a in zip(raw_rows, rows) if (r.expected, r.ours, r.peer_s) != (a.expected, a.ours, a.peer_s)]
    if changed:
        print(f"\nAdjudicated ({len(ADJUDICATED)} spans the peer's answer key lacks, scored as expected above):")
        for cid, cat, st, en, why in ADJUDICATED:
            print(f"  {cid} [{st}:{en}] {cat}: {why}")
        print("Raw scores against the peer's answer key alone:\n")
        print("\n".join(table(changed)))
    skipped = ", ".join(f"{k}: {v}" for k, v in meta["skipped"].items())
    print(f"Skipped: {skipped} (peer-specific options; alex HTML input).")
    for peer, cats in meta["uncovered"].items():
        print(f"Not covered by the shipped packs ({peer}): " + ", ".join(f"{c} ({n})" for c, n in sorted(cats.items())))
    print(f"{meta['lint_calls']} texts linted in {meta['lint_seconds']:.2f} s.")
    print("\nMissed by brandlint:")
    any_miss = False
    for row in rows:
        for cid, span, start in row.misses:
            any_miss = True
            where = f" at {start}" if start is not None else ""
            print(f"  {row.peer}/{row.category}: {cid} {span!r}{where}")
    if not any_miss:
        print("  (none)")
    if args.show_fp:
        print("\nbrandlint false positives:")
        for row in rows:
            for cid, span, start in row.false_positives:
                where = f" at {start}" if start is not None else ""
                print(f"  {row.peer}/{row.category}: {cid} {span}{where}")
    if args.json:
        data = [{"peer": r.peer, "category": r.category, "rules": r.rules, "covered": r.covered, "cases": r.cases,
                 "expected": r.expected, "brandlint": dict(zip("rpf", Row.prf(r.ours, r.expected))),
                 "peer_output": dict(zip("rpf", Row.prf(r.peer_s, r.expected))),
                 "misses": r.misses, "false_positives": r.false_positives} for r in rows]
        args.json.write_text(json.dumps({"rows": data, "meta": meta}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
