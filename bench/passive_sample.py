"""Draw the sentences of the hand-labelled passive-voice set (bench/data/passive_labels.jsonl).

Sampling procedure (seed 20261211, run once before labelling; rerunning gives the same draw):

1. Eligible sentences (``corpus_sentences.eligible``: 6-45 words, capital start, final . ! or ?)
   of md_docs, md_marketing and the alpaca_eval model answers.
2. ``random``: a uniform sample per source (md_docs 70, md_marketing 60, alpaca 70).
3. ``be-participle``: a uniform sample, per source (70 / 60 / 70), of the sentences that contain a
   form of "be" or "get", an optional adverb, then a participle-shaped word (``BE_PART``).
4. ``hard``: from all three sources together, sentences matching each hard pattern in ``HARD``
   (stative "based in/on", "used to", "get started", participles sharing one auxiliary,
   "can be used"-type modal passives, get-passives).

Each stratum is its own category for the dev/test split (``bench/evalsplit.py``).

    python bench/passive_sample.py --out /tmp/passive_candidates.jsonl      # the draw, to read and label
    python bench/passive_sample.py --build                                  # draw + labels -> JSONL

Labels are written by hand in ``bench/data/passive_labels.tsv`` (format in its header). ``--build``
joins them with the draw into ``bench/data/passive_labels.jsonl``: one object per sentence with its
corpus address (``source``, ``line``, ``field_line``, ``col``, ``sha1``), its ``text`` (``null`` for
model answers, which are read back from the corpus at run time), and ``items``: every labelled
participle with its type (``passive``, ``stative``, ``ambiguous``) and offsets in the sentence.
A sentence drawn twice (the same text in two files) is kept once.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus_sentences as cs  # noqa: E402

SEED = 20261211
RANDOM = {"md_docs": 70, "md_marketing": 60, "alpaca": 70}
ENRICHED = {"md_docs": 70, "md_marketing": 60, "alpaca": 70}

IRREGULAR = (
    "made built found given taken shown known written done seen sent set put run read held kept left "
    "lost paid said sold told thought brought bought caught taught understood meant cut hit let shut "
    "spread split led fed hidden chosen driven frozen spoken stolen broken beaten begun drawn grown "
    "thrown worn torn born borne sworn hung stuck struck spun won dug bound wound ground shot lit laid "
    "sought fought sung rung forgotten gotten given overridden rewritten undone withdrawn"
).split()
BE = r"(?:am|is|are|was|were|be|been|being|['’]s|['’]re|isn['’]t|aren['’]t|wasn['’]t|weren['’]t|get|gets|got|gotten|getting)"
PART = r"(?:[a-z]+ed|" + "|".join(sorted(set(IRREGULAR))) + ")"
BE_PART = re.compile(rf"\b{BE}\s+(?:[a-z]+ly\s+|not\s+|also\s+|only\s+|still\s+|then\s+|now\s+)?{PART}\b", re.I)

HARD = {
    "based": (re.compile(r"\b(?:is|are|was|were|be|been)\s+based\s+(?:in|on|at|out\s+of)\b", re.I), 10),
    "used-to": (re.compile(r"\bused\s+to\s+[a-z]+", re.I), 12),
    "get-started": (re.compile(r"\b(?:get|gets|got|getting)\s+started\b", re.I), 6),
    "conjoined": (
        re.compile(rf"\b{BE}\s+(?:[a-z]+ly\s+)?{PART}\b[^.;:]{{0,50}}?\b(?:and|or)\s+(?:[a-z]+ly\s+)?{PART}\b", re.I),
        15,
    ),
    "modal-used": (
        re.compile(
            r"\b(?:can|may|might|should|must|will|could|would|is|are)\s+(?:also\s+|commonly\s+|often\s+|typically\s+|only\s+)?(?:be\s+)?used\b",
            re.I,
        ),
        12,
    ),
    "get-passive": (re.compile(rf"\b(?:get|gets|got|gotten|getting)\s+(?:[a-z]+ly\s+)?{PART}\b", re.I), 8),
}


def draw() -> list[dict]:
    pools = {k: [s for s in cs.all_sentences(k) if cs.eligible(s)] for k in cs.SOURCES}
    rng = random.Random(SEED)
    chosen: list[tuple[str, cs.Sentence]] = []
    seen: set[str] = set()

    def take(stratum: str, pool: list, n: int) -> None:
        pool = [s for s in pool if s.text not in seen]
        for s in rng.sample(pool, min(n, len(pool))):
            seen.add(s.text)
            chosen.append((stratum, s))

    for k in cs.SOURCES:
        take("random", pools[k], RANDOM[k])
    for k in cs.SOURCES:
        take("be-participle", [s for s in pools[k] if BE_PART.search(s.text)], ENRICHED[k])
    everything = [s for k in cs.SOURCES for s in pools[k]]
    for name, (rx, n) in HARD.items():
        take(f"hard-{name}", [s for s in everything if rx.search(s.text)], n)
    out = []
    for i, (stratum, s) in enumerate(chosen, 1):
        out.append({"id": f"ps-{i:04d}", "stratum": stratum, **s.pointer(), "text": s.text})
    return out


DATA = Path(__file__).resolve().parent / "data"
TYPES = {"P": "passive", "S": "stative", "A": "ambiguous"}


def parse_labels(path: Path) -> dict[str, list[tuple[str, str, int]]]:
    """``{id: [(type, word, occurrence), ...]}`` from the hand-written TSV."""
    out: dict[str, list[tuple[str, str, int]]] = {}
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cid, _, spec = line.partition("\t")
        items = []
        if spec.strip() != "-":
            for part in spec.split(","):
                kind, _, word = part.strip().partition(":")
                word, _, occ = word.partition("#")
                if kind not in TYPES or not word:
                    raise ValueError(f"{path}:{n}: bad label {part!r}")
                items.append((TYPES[kind], word, int(occ or 1)))
        out[cid] = items
    return out


def locate_word(text: str, word: str, occurrence: int) -> tuple[int, int]:
    hits = [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.I)]
    if len(hits) < occurrence:
        raise ValueError(f"{word!r} #{occurrence} not in {text!r}")
    return hits[occurrence - 1]


def build(rows: list[dict], labels: dict) -> list[dict]:
    out, seen = [], set()
    for r in rows:
        if r["id"] not in labels:
            raise ValueError(f"{r['id']} has no label in passive_labels.tsv")
        if r["text"] in seen:
            continue
        seen.add(r["text"])
        items = []
        for kind, word, occ in labels[r["id"]]:
            a, b = locate_word(r["text"], word, occ)
            items.append({"type": kind, "start": a, "end": b, "word": r["text"][a:b]})
        row = dict(r)
        if row["source"] == cs.ALPACA:
            row["text"] = None  # model output: internal test data only, read back from the corpus
        row["items"] = items
        out.append(row)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path)
    ap.add_argument("--build", action="store_true", help="write bench/data/passive_labels.jsonl")
    args = ap.parse_args(argv)
    rows = draw()
    if args.build:
        built = build(rows, parse_labels(DATA / "passive_labels.tsv"))
        target = DATA / "passive_labels.jsonl"
        with target.open("w", encoding="utf-8") as fh:
            for r in built:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        n_p = sum(1 for r in built for i in r["items"] if i["type"] == "passive")
        print(f"{len(built)} sentences, {n_p} passive participles -> {target}")
        return 0
    if args.out is None:
        ap.error("give --out FILE or --build")
    with args.out.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} sentences -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
