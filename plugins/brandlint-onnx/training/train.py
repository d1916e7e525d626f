"""Train the shipped tone model (``hype`` vs ``neutral``) and export it to ONNX.

    python training/train.py            # writes src/brandlint_onnx/models/tone-hype.onnx
    python training/train.py --check    # train and compare with the shipped file, write nothing

Data: every ``training/data/*.tsv`` (``label<TAB>group<TAB>text``). The split is fixed by a
seed and is done by *template*: every sentence of a held-out template group (``gen-*``) and a
fixed 20% of the hand-written sentences are never seen in training, so the held-out accuracy
measures sentences built from patterns the model did not see.

Model: scikit-learn ``TfidfVectorizer`` (word 1-2 grams) + ``LogisticRegression``, converted
with skl2onnx so that it takes raw strings. Deterministic: same data, same library versions ->
same bytes (``train.py`` prints the sha256; run it twice to check). Needs the ``training``
extra (scikit-learn, skl2onnx); the plugin itself only needs onnxruntime.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
PLUGIN = HERE.parent
MODEL_PATH = PLUGIN / "src" / "brandlint_onnx" / "models" / "tone-hype.onnx"
PACK_RULE = PLUGIN / "src" / "brandlint_onnx" / "packs" / "tone-ml" / "hype.toml"
METRICS_PATH = HERE / "metrics.json"

SEED = 1729
LABELS = ("hype", "neutral")  # LogisticRegression orders classes this way (sorted)
HELDOUT_GROUP_SHARE = 0.2
HELDOUT_HAND_SHARE = 0.2
PARAGRAPHS_PER_CLASS = 400  # extra 2-4 sentence examples, so paragraphs look familiar too
# sklearn tokenises with token_pattern; the ONNX TfIdfVectorizer op with this tokenexp gives the
# same tokens ((?u)\b\w\w+\b == runs of 2+ letters/digits/underscores).
TOKEN_PATTERN = r"(?u)\b\w\w+\b"
ONNX_TOKENEXP = r"[\pL\pN_]{2,}"
ONNX_LOCALE = "C.UTF-8"  # the converter's default en_US.UTF-8 locale is often missing
TARGET_OPSET = {"": 17, "ai.onnx.ml": 3}


@dataclass(frozen=True)
class Example:
    label: str
    group: str
    text: str


def load_rows(data_dir: Path = DATA) -> list[Example]:
    rows: list[Example] = []
    for path in sorted(data_dir.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for rec in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                label, text = rec["label"].strip(), rec["text"].strip()
                if label not in LABELS:
                    raise SystemExit(f"{path}: unknown label {label!r}")
                if text:
                    rows.append(Example(label, rec["group"].strip(), text))
    return rows


def data_digest(data_dir: Path = DATA) -> str:
    h = hashlib.sha256()
    for path in sorted(data_dir.glob("*.tsv")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def split(rows: list[Example], seed: int = SEED) -> tuple[list[Example], list[Example]]:
    """(train, held-out): whole template groups and a share of hand-written rows held out."""
    rng = random.Random(seed)
    held_groups: set[str] = set()
    for label in LABELS:
        groups = sorted({r.group for r in rows if r.label == label and r.group.startswith("gen-")})
        rng.shuffle(groups)
        held_groups.update(groups[:max(1, round(len(groups) * HELDOUT_GROUP_SHARE))])
    held_hand: set[int] = set()
    for label in LABELS:
        idx = [i for i, r in enumerate(rows) if r.label == label and not r.group.startswith("gen-")]
        rng.shuffle(idx)
        held_hand.update(idx[:round(len(idx) * HELDOUT_HAND_SHARE)])
    train, held = [], []
    for i, r in enumerate(rows):
        (held if r.group in held_groups or i in held_hand else train).append(r)
    return train, held


def paragraphs(rows: list[Example], n_per_class: int, seed: int) -> list[Example]:
    """Same-class runs of 2-4 sentences, so the model also sees paragraph-length inputs."""
    rng = random.Random(seed)
    out: list[Example] = []
    for label in LABELS:
        pool = [r.text for r in rows if r.label == label]
        for _ in range(n_per_class if len(pool) >= 4 else 0):
            out.append(Example(label, "paragraph", " ".join(rng.sample(pool, rng.randint(2, 4)))))
    return out


# Words that carry no tone on their own. N-grams made only of these are dropped from the
# vocabulary: with a few thousand templated sentences, "the", "in" or "your" otherwise become
# strong (and spurious) cues, since sentence shapes differ between the two classes.
FUNCTION_WORDS = frozenset("""
a an the this that these those it its it's there here
in on of to for as at by from into onto over under with within without about after before
and or but if when while because so than then also not
is are was were be been being am do does did done has have had can could should would may might must will shall
who whom whose what which how where why all some any each other others such
i me my we us our ours you your yours he him his she her they them their
re ll ve
""".split())


def _tone_vocabulary(texts: list[str]) -> dict[str, int]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    probe = TfidfVectorizer(lowercase=True, token_pattern=TOKEN_PATTERN, ngram_range=(1, 2), min_df=2)
    probe.fit(texts)
    kept = sorted(t for t in probe.vocabulary_ if not all(w in FUNCTION_WORDS for w in t.split()))
    return {t: i for i, t in enumerate(kept)}


def build_pipeline(vocabulary: dict[str, int] | None = None):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    return Pipeline([
        ("tfidf", TfidfVectorizer(lowercase=True, token_pattern=TOKEN_PATTERN, ngram_range=(1, 2),
                                  vocabulary=vocabulary, sublinear_tf=False, norm="l2")),
        ("clf", LogisticRegression(C=8.0, max_iter=2000, solver="liblinear", random_state=SEED)),
    ])


def train(rows: list[Example] | None = None):
    """Fit on the training split; returns (pipeline, train rows, held-out rows)."""
    rows = rows if rows is not None else load_rows()
    tr, held = split(rows)
    tr_all = tr + paragraphs(tr, PARAGRAPHS_PER_CLASS, SEED + 1)
    texts = [r.text for r in tr_all]
    pipe = build_pipeline(_tone_vocabulary(texts))
    pipe.fit([r.text for r in tr_all], [r.label for r in tr_all])
    assert tuple(pipe.classes_) == LABELS, pipe.classes_
    return pipe, tr, held


def to_onnx_bytes(pipe, digest: str) -> bytes:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from skl2onnx import convert_sklearn
    from skl2onnx.common.data_types import StringTensorType
    onx = convert_sklearn(
        pipe, name="brandlint-tone-hype",
        initial_types=[("text", StringTensorType([None, 1]))],
        options={TfidfVectorizer: {"tokenexp": ONNX_TOKENEXP, "locale": ONNX_LOCALE},
                 LogisticRegression: {"zipmap": False}},
        target_opset=TARGET_OPSET,
    )
    meta = {
        "labels": json.dumps(list(LABELS)),
        "brandlint.model": "tone-hype",
        "brandlint.description": "Promotional hype vs neutral product prose (TF-IDF + logistic regression).",
        "brandlint.training-data-sha256": digest,
        "brandlint.seed": str(SEED),
    }
    del onx.metadata_props[:]
    for k, v in meta.items():
        p = onx.metadata_props.add()
        p.key, p.value = k, v
    onx.doc_string = "Trained by plugins/brandlint-onnx/training/train.py"
    return onx.SerializeToString()


def accuracy(pipe, rows: list[Example]) -> float:
    if not rows:
        return float("nan")
    pred = pipe.predict([r.text for r in rows])
    return sum(p == r.label for p, r in zip(pred, rows)) / len(rows)


def metrics(pipe, train_rows: list[Example], held: list[Example]) -> dict:
    gen = [r for r in held if r.group.startswith("gen-")]
    hand = [r for r in held if not r.group.startswith("gen-")]
    held_par = paragraphs(held, 100, SEED + 2)
    return {
        "train_sentences": len(train_rows),
        "heldout_sentences": len(held),
        "heldout_accuracy": round(accuracy(pipe, held), 4),
        "heldout_accuracy_unseen_templates": round(accuracy(pipe, gen), 4),
        "heldout_accuracy_handwritten": round(accuracy(pipe, hand), 4),
        "heldout_accuracy_paragraphs": round(accuracy(pipe, held_par), 4),
        "heldout_counts": {lab: sum(r.label == lab for r in held) for lab in LABELS},
    }


def update_pack_hash(sha: str) -> bool:
    text = PACK_RULE.read_text(encoding="utf-8")
    new = re.sub(r'(?m)^sha256\s*=\s*"[0-9a-f]*"', f'sha256 = "{sha}"', text)
    if new != text:
        PACK_RULE.write_text(new, encoding="utf-8")
        return True
    return False


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="train and compare with the shipped model; write nothing")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args(argv)
    pipe, tr, held = train()
    blob = to_onnx_bytes(pipe, data_digest())
    sha = hashlib.sha256(blob).hexdigest()
    m = metrics(pipe, tr, held)
    print(json.dumps(m, indent=2))
    print(f"model: {len(blob):,} bytes, sha256 {sha}")
    if args.check:
        shipped = hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest() if MODEL_PATH.exists() else "(missing)"
        same = shipped == sha
        print(f"shipped: {shipped} -> {'identical' if same else 'DIFFERENT'}")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(blob)
    if args.out.resolve() == MODEL_PATH.resolve():
        m["model_sha256"] = sha
        m["model_bytes"] = len(blob)
        METRICS_PATH.write_text(json.dumps(m, indent=2) + "\n", encoding="utf-8")
        if PACK_RULE.exists() and update_pack_hash(sha):
            print(f"updated sha256 in {PACK_RULE}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
