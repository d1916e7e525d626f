"""Accuracy report: the general packs on held-out cases, per category, dev and test side by side.

Sets scored (every one split into a dev half and a test half by ``bench/evalsplit.py``):

* **peer cases** in ../shared/eval (write-good 1.0.8, alex 11.0.1, proselint 0.16.0), pooled per
  category. write-good and alex are scored on spans (a finding of one of the category's rules that
  overlaps an expected span finds it; a finding that overlaps none is a false positive), proselint
  per case (flagged or not). Cases with peer options are mapped to the brandlint equivalent where
  one exists (write-good ``by`` -> passive-voice ``agent-only``) and skipped otherwise; alex's HTML
  case is skipped (no HTML format).
* **own cases** in bench/data/phrase_cases.jsonl (eight phrase categories, span scoring).
* **own passive set** in bench/data/passive_labels.jsonl (462 real sentences; a finding must
  overlap a passive participle; stative participles are negatives, ambiguous ones are not scored),
  next to a plain spaCy ``auxpass`` baseline on the same sentences (given the raw Markdown
  source, as a tool without a Markdown parser would see it). Own sentences are linted as
  Markdown: they come from Markdown files and model answers written in Markdown.

Each category maps to the brandlint rules that address the problem (``CATEGORIES``). A row fails
(``FAIL``) when a set with expected findings gets recall 0 or no finding at all: precision with no
finding is printed ``n/a``, never 1.00. Misses and false positives are listed for the dev halves
only; the test halves are reported as numbers and never case by case.

Also printed: the ai-tells lift, findings of the ``ai-tells`` pack per 1,000 prose words on 2,000
model answers (alpaca_eval, seeded sample) against 400 human-written md_docs files.

    python bench/accuracy.py [--eval-dir DIR] [--corpus DIR] [--show-fp] [--no-lift] [--json FILE]
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import corpus_sentences as cs  # noqa: E402
import evalsplit  # noqa: E402

from brandlint import lint_text  # noqa: E402
from brandlint.config.settings import load_settings  # noqa: E402
from brandlint.pipeline import lint_file  # noqa: E402

PACKS = ["ai-tells", "inclusive", "plain-language"]
DATA = ROOT / "bench" / "data"
SETS = ("dev", "test", "own-dev", "own-test")

# stock phrases and buzzwords are reported by several rules: a cliché or a buzzword counts as found
# when any rule that lists such phrases reports it
CLICHES = [
    "plain-language/cliches*",
    "plain-language/jargon",
    "ai-tells/opening-cliches",
    "ai-tells/closing-cliches",
    "ai-tells/overused-vocabulary",
]

# category -> rules (fnmatch patterns; a trailing "/" selects a whole pack), the peer categories
# pooled into it, and the own phrase-case category scored against it
CATEGORIES: dict[str, dict] = {
    "passive": {"rules": ["plain-language/passive-voice"], "peers": {"write-good": ["passive"]}},
    "weasel": {
        "rules": ["plain-language/weasel-words*"],
        "peers": {"write-good": ["weasel"], "proselint": ["weasel_words"]},
        "own": "weasel",
    },
    "wordy": {
        "rules": ["plain-language/wordy-phrases*", "plain-language/simpler-words*", "plain-language/vague-quantities"],
        "peers": {"write-good": ["tooWordy"]},
        "own": "wordy",
    },
    "cliches": {
        "rules": CLICHES,
        "peers": {"write-good": ["cliches"], "proselint": ["cliches", "misc.debased"]},
        "own": "cliches",
    },
    "illusions": {
        "rules": ["plain-language/repeated-*"],
        "peers": {"write-good": ["illusion"], "proselint": ["lexical_illusions"]},
        "own": "illusions",
    },
    "there-is": {"rules": ["plain-language/there-is"], "peers": {"write-good": ["thereIs"]}},
    "hedging": {
        "rules": ["plain-language/hedging*", "ai-tells/hedging-stacks"],
        "peers": {"proselint": ["hedging", "misc.apologizing"]},
        "own": "hedging",
    },
    "uncomparables": {
        "rules": ["plain-language/uncomparables*"],
        "peers": {"proselint": ["uncomparables"]},
        "own": "uncomparables",
    },
    "redundancy": {
        "rules": ["plain-language/redundancy*"],
        "peers": {"proselint": ["redundancy"]},
        "own": "redundancy",
    },
    "jargon": {
        "rules": [
            "plain-language/jargon",
            "plain-language/officialese",
            "ai-tells/leverage",
            "ai-tells/overused-vocabulary",
        ],
        "peers": {
            "proselint": [
                "industrial_language.corporate_speak",
                "industrial_language.jargon",
                "industrial_language.bureaucratese",
                "industrial_language.commercialese",
            ]
        },
        "own": "jargon",
    },
    "greylist": {
        "rules": ["plain-language/simpler-words*", "inclusive/condescending"],
        "peers": {"proselint": ["misc.greylist"]},
    },
    "inconsiderate": {
        "rules": ["inclusive/"],
        "peers": {
            "alex": ["inconsiderate"],
            "proselint": ["social_awareness.lgbtq", "social_awareness.sexism", "misc.professions"],
        },
    },
    "negative (all checks)": {
        "rules": ["ai-tells/", "inclusive/", "plain-language/"],
        "peers": {"proselint": ["negative (all checks)"]},
    },
}

# Spans missing from a peer's answer key, checked by hand: (case id, category, start, end, why).
_ADVERB_PASSIVE = (
    "a passive with an adverb between the auxiliary and the participle, and an agent "
    "('by ...'); write-good's regex only sees the auxiliary next to the participle"
)
ADJUDICATED = [
    ("wg-022", "passive", 18, 39, _ADVERB_PASSIVE),
    ("wg-058", "passive", 382, 403, _ADVERB_PASSIVE),
]

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

OPTION_MAP = {
    ("write-good", '{"by": true}'): ("plain-language/passive-voice", {"agent-only": True}),
}


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


def rule_selected(rule_id: str, selectors: list[str]) -> bool:
    return any(rule_id.startswith(s) if s.endswith("/") else fnmatch.fnmatchcase(rule_id, s) for s in selectors)


def peer_key(peer: str, raw: str) -> tuple[str, str] | None:
    """(our category, the peer key) for a peer's case category ("cliches.misc" -> cliches)."""
    for cat, spec in CATEGORIES.items():
        for key in spec.get("peers", {}).get(peer, ()):
            if raw == key or raw.startswith(key + ".") or raw.startswith(key + ":"):
                return cat, key
    return None


def peer_category(peer: str, raw: str) -> str | None:
    hit = peer_key(peer, raw)
    return hit[0] if hit else None


@dataclass
class Span:
    start: int
    end: int
    text: str = ""
    category: str = ""

    def overlaps(self, other: Span) -> bool:
        if self.start == self.end or other.start == other.end:
            return self.start == other.start
        return self.start < other.end and other.start < self.end


@dataclass
class Stats:
    cases: int = 0
    expected: int = 0  # expected units: spans, or positive cases
    found: int = 0  # expected units that were found
    tp: int = 0  # findings that hit an expected unit
    fp: int = 0  # findings that hit none
    exact: int = 0
    negatives: int = 0  # cases with nothing expected
    flagged_negatives: int = 0

    def add(self, o: Stats) -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(o, k))

    @property
    def flagged(self) -> int:
        return self.tp + self.fp

    def prf(self) -> tuple[float | None, float | None, float | None]:
        """Recall (None: nothing expected), precision (None: nothing flagged), F1."""
        recall = self.found / self.expected if self.expected else None
        precision = self.tp / self.flagged if self.flagged else None
        if recall is None:
            f1 = None
        elif precision is None or recall + precision == 0:
            f1 = 0.0
        else:
            f1 = 2 * recall * precision / (recall + precision)
        return recall, precision, f1

    @property
    def failed(self) -> bool:
        return self.expected > 0 and (self.found == 0 or self.flagged == 0)


@dataclass
class Report:
    sets: dict = field(default_factory=dict)  # (category, set) -> Stats
    peer: dict = field(default_factory=dict)  # (peer, category, half) -> (ours Stats, peer Stats)
    misses: list = field(default_factory=list)  # (category, set, case id, text) -- dev sets only
    false_positives: list = field(default_factory=list)
    skipped: dict = field(default_factory=dict)
    uncovered: dict = field(default_factory=dict)
    passive: dict = field(default_factory=dict)  # set -> {"rule": Stats, "baseline": Stats}
    lift: dict = field(default_factory=dict)
    calls: int = 0
    seconds: float = 0.0

    def stats(self, category: str, name: str) -> Stats:
        return self.sets.setdefault((category, name), Stats())

    def peer_stats(self, peer: str, category: str, half: str) -> tuple[Stats, Stats]:
        return self.peer.setdefault((peer, category, half), (Stats(), Stats()))


def score_spans(st: Stats, expected: list[Span], found: list[Span], log=None) -> None:
    st.cases += 1
    st.expected += len(expected)
    if not expected:
        st.negatives += 1
        st.flagged_negatives += bool(found)
    for e in expected:
        if any(f.overlaps(e) for f in found):
            st.found += 1
        elif log is not None:
            log("miss", e)
    for f in found:
        if any(f.overlaps(e) for e in expected):
            st.tp += 1
            st.exact += any(f.start == e.start and f.end == e.end for e in expected)
        else:
            st.fp += 1
            if log is not None:
                log("fp", f)


def score_case(st: Stats, positive: bool, flagged: bool) -> None:
    st.cases += 1
    if positive:
        st.expected += 1
        st.found += flagged
        st.tp += flagged
    else:
        st.negatives += 1
        st.flagged_negatives += flagged
        st.fp += flagged


class Linter:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.loaded = {r.id for r in load_settings(None, cwd=ROOT, overrides={"packs": PACKS}).all_rules}
        # every rule, opt-in ones included (they are enabled by id)
        self.settings = {"packs": PACKS, "select": sorted(self.loaded)}
        self._variants: dict[str, tuple[dict, str]] = {}
        self._tmp = tempfile.TemporaryDirectory(prefix="brandlint-accuracy-")

    def variant(self, rule_id: str, extra: dict) -> tuple[dict, str]:
        key = json.dumps([rule_id, extra], sort_keys=True)
        if key not in self._variants:
            pack, stem = rule_id.split("/")
            folder = Path(self._tmp.name) / f"variant{len(self._variants)}"
            folder.mkdir()
            body = (ROOT / "rules" / pack / f"{stem}.toml").read_text("utf-8")
            body += "".join(f"\n{k} = {json.dumps(v)}" for k, v in extra.items()) + "\n"
            (folder / f"{stem}.toml").write_text(body, encoding="utf-8")
            self._variants[key] = (
                {"packs": [str(folder)], "select": [f"{folder.name}/{stem}"]},
                f"{folder.name}/{stem}",
            )
        return self._variants[key]

    def lint(self, text: str, fmt: str, variant: tuple[str, dict] | None = None) -> list[tuple[str, Span]]:
        settings, rename = self.settings, None
        if variant is not None:
            settings, temp_id = self.variant(*variant)
            rename = (temp_id, variant[0])
        t0 = time.perf_counter()
        findings = lint_text(text, format=fmt, settings=settings)
        self.report.seconds += time.perf_counter() - t0
        self.report.calls += 1
        return [
            (
                rename[1] if rename and f.rule_id == rename[0] else f.rule_id,
                Span(f.span.start.offset, f.span.end.offset, f.matched or ""),
            )
            for f in findings
            if f.suppression is None
        ]


def _logger(report: Report, category: str, name: str, cid: str, text: str):
    if name not in ("dev", "own-dev"):
        return None  # the test halves are never listed case by case

    def log(kind: str, span: Span) -> None:
        target = report.misses if kind == "miss" else report.false_positives
        target.append((category, name, cid, text[span.start : span.end] or span.text))

    return log


def run_peers(report: Report, linter: Linter, eval_dir: Path, adjudicate: bool = True) -> None:
    halves = evalsplit.peer_split(eval_dir)

    # write-good: span scoring per category of the expected span
    for case in evalsplit.load_jsonl(eval_dir / "write_good_cases.jsonl"):
        half = halves["write-good"][case["id"]]
        variant = None
        if case.get("options"):
            variant = OPTION_MAP.get(("write-good", json.dumps(case["options"], sort_keys=True)))
            if variant is None:
                report.skipped["write-good"] = report.skipped.get("write-good", 0) + 1
                continue
        text = case["text"]
        exp_all = [
            Span(
                utf16_to_cp(text, e["index"]),
                utf16_to_cp(text, e["index"] + e["offset"]),
                e["span"],
                wg_category(e["reason"]),
            )
            for e in case["expected"]
        ]
        peer_all = [
            Span(
                utf16_to_cp(text, r["index"]),
                utf16_to_cp(text, r["index"] + r["offset"]),
                r["span"],
                wg_category(r["reason"]),
            )
            for r in case["peer_output"]["results"]
        ]
        if adjudicate:
            exp_all += [Span(st, en, text[st:en], cat) for cid, cat, st, en, _ in ADJUDICATED if cid == case["id"]]
        ours_all = linter.lint(text, "text", variant) if text.strip() else []
        only = case["category"] if str(case.get("scope", "")).startswith("category-only") else None
        checks = {cat for _, cat in WG_REASONS}
        present = {only} if only else {e.category for e in exp_all} | ({case["category"]} & checks)
        for raw in sorted(present):
            if peer_category("write-good", raw) is None:
                report.uncovered.setdefault("write-good", {}).setdefault(raw, 0)
                report.uncovered["write-good"][raw] += 1
        raws = [only] if only else list(CATEGORIES_WG)
        for raw in raws:
            cat = peer_category("write-good", raw)
            if cat is None:
                continue
            rules = CATEGORIES[cat]["rules"]
            exp = [e for e in exp_all if e.category == raw]
            ours = [s for rid, s in ours_all if rule_selected(rid, rules)]
            peer = [p for p in peer_all if p.category == raw]
            if raw in present or ours or peer:
                own_st, peer_st = report.peer_stats("write-good", raw, half)
                for st, found, log in (
                    (own_st, ours, None),
                    (peer_st, peer, None),
                    (report.stats(cat, half), ours, _logger(report, cat, half, case["id"], text)),
                ):
                    score_spans(st, exp, found, log)
                    st.cases -= raw not in present  # counted as a case of its own category only

    # alex: span scoring over the inclusive pack
    fmt_for_mode = {"text": "text", "markdown": "markdown", "mdx": "markdown"}
    for case in evalsplit.load_jsonl(eval_dir / "alex_cases.jsonl"):
        half = halves["alex"][case["id"]]
        if case.get("options"):
            report.skipped["alex"] = report.skipped.get("alex", 0) + 1
            continue
        fmt = fmt_for_mode.get(case.get("mode", "text"))
        if fmt is None:
            report.skipped["alex (html)"] = report.skipped.get("alex (html)", 0) + 1
            continue
        text = case["text"]
        cat = "inconsiderate"
        exp = [Span(utf16_to_cp(text, e["start"]), utf16_to_cp(text, e["end"]), e["span"]) for e in case["expected"]]
        peer = [
            Span(utf16_to_cp(text, r["start"]), utf16_to_cp(text, r["end"]), r["span"])
            for r in case["peer_output"]["results"]
        ]
        ours = [s for rid, s in linter.lint(text, fmt) if rule_selected(rid, CATEGORIES[cat]["rules"])]
        own_st, peer_st = report.peer_stats("alex", "inconsiderate", half)
        score_spans(own_st, exp, ours)
        score_spans(peer_st, exp, peer)
        score_spans(report.stats(cat, half), exp, ours, _logger(report, cat, half, case["id"], text))

    # proselint: flag / no-flag per case
    for case in evalsplit.load_jsonl(eval_dir / "proselint_cases.jsonl"):
        half = halves["proselint"][case["id"]]
        if case.get("options"):
            report.skipped["proselint"] = report.skipped.get("proselint", 0) + 1
            continue
        cat = peer_category("proselint", case["category"])
        if cat is None:
            report.uncovered.setdefault("proselint", {}).setdefault(case["category"], 0)
            report.uncovered["proselint"][case["category"]] += 1
            continue
        hits = [
            (rid, s) for rid, s in linter.lint(case["text"], "text") if rule_selected(rid, CATEGORIES[cat]["rules"])
        ]
        positive = bool(case["expected"])
        own_st, peer_st = report.peer_stats("proselint", peer_key("proselint", case["category"])[1], half)
        score_case(own_st, positive, bool(hits))
        score_case(peer_st, positive, bool(case["peer_output"]["results"]))
        score_case(report.stats(cat, half), positive, bool(hits))
        if half == "dev":
            if positive and not hits:
                report.misses.append((cat, half, case["id"], case["expected"][0].get("span", "")))
            if hits and not positive:
                report.false_positives.append((cat, half, case["id"], ", ".join(f"{r}: {s.text!r}" for r, s in hits)))


CATEGORIES_WG = [raw for spec in CATEGORIES.values() for raw in spec.get("peers", {}).get("write-good", ())]


def load_own_cases(path: Path) -> list[dict]:
    """Own phrase cases with the text of model-answer rows read back from the corpus."""
    rows = evalsplit.load_jsonl(path)
    for r in rows:
        if r.get("text") is None:
            r["text"] = cs.resolve(r)
    return rows


def run_own(report: Report, linter: Linter, path: Path = DATA / "phrase_cases.jsonl") -> None:
    rows = load_own_cases(path)
    halves = evalsplit.split_cases(rows, "own-phrases", lambda r: r["category"], lambda r: r["id"])
    own_to_cat = {spec["own"]: cat for cat, spec in CATEGORIES.items() if "own" in spec}
    for r in rows:
        cat = own_to_cat[r["category"]]
        name = "own-" + halves[r["id"]]
        text = r["text"]
        exp = [Span(e["start"], e["end"], e["span"]) for e in r["expected"]]
        # corpus sentences are Markdown source (escapes such as "\\.", inline code, links): lint them
        # as Markdown, the written cases are plain prose either way
        ours = [s for rid, s in linter.lint(text, "markdown") if rule_selected(rid, CATEGORIES[cat]["rules"])]
        score_spans(report.stats(cat, name), exp, ours, _logger(report, cat, name, r["id"], text))


def load_passive(path: Path = DATA / "passive_labels.jsonl") -> list[dict]:
    rows = evalsplit.load_jsonl(path)
    for r in rows:
        if r.get("text") is None:
            r["text"] = cs.resolve(r)
    return rows


def passive_baseline(texts: list[str]) -> list[list[Span]]:
    """A plain spaCy baseline: every ``auxpass`` token, from it to its head (the participle)."""
    import spacy  # noqa: PLC0415 (spaCy only when scoring passives)

    from brandlint.nlp import resolve_model  # noqa: PLC0415

    nlp = spacy.load(resolve_model())
    out = []
    for doc in nlp.pipe(texts):
        spans = []
        for tok in doc:
            if tok.dep_ == "auxpass" and tok.head.i > tok.i:
                spans.append(Span(tok.idx, tok.head.idx + len(tok.head.text)))
        out.append(spans)
    return out


def run_passive(
    report: Report, linter: Linter, path: Path = DATA / "passive_labels.jsonl", dev_only: bool = False
) -> None:
    rows = load_passive(path)
    halves = evalsplit.split_cases(rows, "own-passive", lambda r: r["stratum"], lambda r: r["id"])
    if dev_only:  # the test rows are not even linted while the rule is being changed
        rows = [r for r in rows if halves[r["id"]] == "dev"]
    try:
        base = passive_baseline([r["text"] for r in rows])
    except Exception as exc:  # noqa: BLE001 (no model installed: the rule row still prints)
        print(f"note: spaCy baseline skipped ({exc})", file=sys.stderr)
        base = None
    for i, r in enumerate(rows):
        name = halves[r["id"]]
        text = r["text"]
        passives = [Span(it["start"], it["end"], it["word"]) for it in r["items"] if it["type"] == "passive"]
        ambiguous = [Span(it["start"], it["end"], it["word"]) for it in r["items"] if it["type"] == "ambiguous"]
        found = [s for rid, s in linter.lint(text, "markdown") if rid == "plain-language/passive-voice"]
        entry = report.passive.setdefault(name, {"rule": Stats(), "baseline": Stats()})
        for who, spans in (("rule", found), ("baseline", base[i] if base is not None else None)):
            if spans is None:
                continue
            spans = [
                s for s in spans if not any(s.overlaps(a) for a in ambiguous) or any(s.overlaps(p) for p in passives)
            ]
            log = None
            if who == "rule" and name == "dev":
                log = _logger(report, "passive (own set)", "own-dev", r["id"], text)
            score_spans(entry[who], passives, spans, log)


# ------------------------------------------------------------------------------ ai-tells lift

LIFT_SEED = 20261211


def ai_tells_lift(corpus: Path = cs.CORPUS, answers: int = 2000, docs: int = 400) -> dict:
    """ai-tells findings per 1,000 prose words on model answers and on human-written docs."""
    st = load_settings(None, cwd=ROOT, overrides={"packs": ["ai-tells"]})
    rng = random.Random(LIFT_SEED)
    out: dict = {}
    records = [r for r in cs.alpaca_records() if (r.get("output") or "").strip()]
    picked = rng.sample(records, min(answers, len(records)))
    doc_files = rng.sample(cs.md_files("md_docs"), min(docs, len(cs.md_files("md_docs"))))
    for name, items in (
        ("model answers", [(f"answer{i}.md", r["output"]) for i, r in enumerate(picked)]),
        ("md_docs", [(p, (corpus / p).read_text("utf-8", errors="replace")) for p in doc_files]),
    ):
        words = findings = 0
        per_rule: dict[str, int] = {}
        for fname, text in items:
            res = lint_file(Path(fname), st, content=text.encode("utf-8"), display_path=fname)
            words += res.words
            for f in res.findings:
                if f.suppression is None and f.rule_id.startswith("ai-tells/"):
                    findings += 1
                    per_rule[f.rule_id] = per_rule.get(f.rule_id, 0) + 1
        out[name] = {
            "items": len(items),
            "words": words,
            "findings": findings,
            "per_1000": 1000 * findings / words if words else 0.0,
            "per_rule": per_rule,
            "items_flagged": None,
        }
    human = out["md_docs"]["per_1000"]
    out["lift"] = out["model answers"]["per_1000"] / human if human else float("inf")
    return out


# ------------------------------------------------------------------------------ printing


def _num(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def _cells(st: Stats | None) -> list[str]:
    if st is None or st.cases == 0:
        return ["-", "-", "-"]
    r, p, f = st.prf()
    if st.expected == 0:  # negatives only
        return ["-", f"{st.flagged_negatives}/{st.negatives} flagged", "-"]
    return [f"{_num(r)} ({st.found}/{st.expected})", f"{_num(p)} ({st.tp}/{st.flagged})", _num(f)]


def _gap(a: Stats | None, b: Stats | None) -> str:
    if not a or not b or not a.expected or not b.expected:
        return "-"
    return f"{a.prf()[2] - b.prf()[2]:+.2f}"


def main_table(report: Report, dev_only: bool = False) -> list[str]:
    sets = ("dev", "own-dev") if dev_only else SETS
    head = "| category | "
    for n in sets:
        head += f"{n} R | {n} P | {n} F1 | "
        if n == "test":
            head += "dev-test gap | "
        if n == "own-test":
            head += "own gap | "
    ncols = head.count("|") - 2
    out = [head + "status |", "|---|" + "---:|" * ncols + "---|"]
    for cat in CATEGORIES:
        sts = {n: report.sets.get((cat, n)) for n in sets}
        if not any(sts.values()):
            continue
        failed = [n for n, s in sts.items() if s is not None and s.failed]
        status = "FAIL: " + ", ".join(failed) if failed else "ok"
        cells = []
        for n in sets:
            cells += _cells(sts[n])
            if n == "test":
                cells.append(_gap(sts["dev"], sts["test"]))
            if n == "own-test":
                cells.append(_gap(sts["own-dev"], sts["own-test"]))
        out.append(f"| {cat} | " + " | ".join(cells) + f" | {status} |")
    return out


def peer_table(report: Report, dev_only: bool = False) -> list[str]:
    out = [
        "| peer | category | half | cases | expected | brandlint R | P | F1 | peer R | P | F1 |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for (peer, cat, half), (ours, theirs) in sorted(report.peer.items()):
        if dev_only and half != "dev":
            continue
        r, p, f = ours.prf()
        pr, pp, pf = theirs.prf()
        out.append(
            f"| {peer} | {cat} | {half} | {ours.cases} | {ours.expected} | {_num(r)} | {_num(p)} | {_num(f)} "
            f"| {_num(pr)} | {_num(pp)} | {_num(pf)} |"
        )
    return out


def passive_table(report: Report, dev_only: bool = False) -> list[str]:
    out = [
        "| passive voice, own set | sentences | passive participles | R | P | F1 |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name in ("dev",) if dev_only else ("dev", "test"):
        entry = report.passive.get(name)
        if not entry:
            continue
        for who, label in (("rule", "plain-language/passive-voice"), ("baseline", "baseline: spaCy auxpass")):
            st = entry[who]
            if not st.cases:
                continue
            r, p, f = st.prf()
            out.append(
                f"| {name}: {label} | {st.cases} | {st.expected} | {_num(r)} ({st.found}/{st.expected}) "
                f"| {_num(p)} ({st.tp}/{st.flagged}) | {_num(f)} |"
            )
    return out


def lift_lines(lift: dict) -> list[str]:
    a, h = lift["model answers"], lift["md_docs"]
    lines = [
        f"ai-tells lift: {a['per_1000']:.2f} findings per 1,000 prose words on {a['items']:,} model answers "
        f"({a['findings']:,} findings in {a['words']:,} words) vs {h['per_1000']:.3f} on {h['items']:,} "
        f"md_docs files ({h['findings']:,} in {h['words']:,} words): {lift['lift']:.0f}x",
        "",
        "| rule | model answers | md_docs |",
        "|---|---:|---:|",
    ]
    for rid in sorted(set(a["per_rule"]) | set(h["per_rule"])):
        lines.append(f"| `{rid}` | {a['per_rule'].get(rid, 0)} | {h['per_rule'].get(rid, 0)} |")
    return lines


def run_all(eval_dir: Path, *, with_lift: bool = True, with_passive: bool = True, with_own: bool = True) -> Report:
    report = Report()
    linter = Linter(report)
    run_peers(report, linter, eval_dir)
    if with_own:
        run_own(report, linter)
    if with_passive:
        run_passive(report, linter)
    if with_lift:
        report.lift = ai_tells_lift()
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--show-fp", action="store_true", help="also list false positives (dev halves only)")
    ap.add_argument("--no-lift", action="store_true", help="skip the ai-tells lift (the slowest part)")
    ap.add_argument(
        "--dev-only",
        action="store_true",
        help="print the dev halves only (use while changing rules; the test halves are run once at the end)",
    )
    ap.add_argument("--json", type=Path, help="write the figures as JSON to this file")
    args = ap.parse_args(argv)
    if not (args.eval_dir / "write_good_cases.jsonl").is_file():
        print(
            f"error: no peer test cases in {args.eval_dir} (expected write_good_cases.jsonl, alex_cases.jsonl, "
            "proselint_cases.jsonl); pass --eval-dir",
            file=sys.stderr,
        )
        return 2
    report = run_all(args.eval_dir, with_lift=not args.no_lift)
    print(
        f"brandlint packs {', '.join(PACKS)} on held-out cases. R = recall (found/expected), P = precision "
        "(correct/flagged; n/a = nothing flagged), F1; gap = dev F1 - test F1. dev/test: peer cases of "
        "../shared/eval pooled per category; own-dev/own-test: bench/data/phrase_cases.jsonl. Halves: "
        "bench/evalsplit.py.\n"
    )
    print("\n".join(main_table(report, args.dev_only)))
    print()
    print("\n".join(passive_table(report, args.dev_only)))
    if report.lift:
        print()
        print("\n".join(lift_lines(report.lift)))
    print("\nPer peer (brandlint next to the peer's recorded output on the same cases):\n")
    print("\n".join(peer_table(report, args.dev_only)))
    print(
        f"\nAdjudicated: {len(ADJUDICATED)} write-good passive spans its answer key lacks (a passive with an adverb "
        "between auxiliary and participle and an agent), scored as expected for both tools."
    )
    print(
        "Skipped: "
        + ", ".join(f"{k}: {v}" for k, v in sorted(report.skipped.items()))
        + " (peer-specific options; alex HTML input)."
    )
    for peer, cats in report.uncovered.items():
        print(f"Not covered by the shipped packs ({peer}): " + ", ".join(f"{c} ({n})" for c, n in sorted(cats.items())))
    print(f"{report.calls} texts linted in {report.seconds:.1f} s.")
    print("\nMissed (dev halves only):")
    for cat, name, cid, span in report.misses or [("-", "-", "(none)", "")]:
        print(f"  {cat} [{name}] {cid} {span!r}")
    if args.show_fp:
        print("\nFalse positives (dev halves only):")
        for cat, name, cid, span in report.false_positives or [("-", "-", "(none)", "")]:
            print(f"  {cat} [{name}] {cid} {span!r}")
    if args.json:
        data = {
            "sets": [
                {"category": c, "set": n, **s.__dict__, "r": s.prf()[0], "p": s.prf()[1], "f1": s.prf()[2]}
                for (c, n), s in report.sets.items()
            ],
            "passive": {
                n: {w: {**s.__dict__, "prf": s.prf()} for w, s in e.items()} for n, e in report.passive.items()
            },
            "lift": report.lift,
        }
        args.json.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
