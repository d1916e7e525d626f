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
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported lazily, where the model is trained
    import numpy

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
        held_groups.update(groups[: max(1, round(len(groups) * HELDOUT_GROUP_SHARE))])
    held_hand: set[int] = set()
    for label in LABELS:
        idx = [i for i, r in enumerate(rows) if r.label == label and not r.group.startswith("gen-")]
        rng.shuffle(idx)
        held_hand.update(idx[: round(len(idx) * HELDOUT_HAND_SHARE)])
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


# Words that carry no tone on their own. Features made only of these get a zero weight: with a
# few thousand templated sentences, "the", "in" or "your" otherwise become strong (and spurious)
# cues, since sentence shapes differ between the two classes. They stay in the vocabulary (and
# in the l2 norm): dropping them from it would drop bigrams such as "the most" in the ONNX
# TfIdfVectorizer, which finds a bigram only through its first word.
FUNCTION_WORDS = frozenset(
    """
a an the this that these those it its it's there here
in on of to for as at by from into onto over under with within without about after before
and or but if when while because so than then also not
is are was were be been being am do does did done has have had can could should would may might must will shall
who whom whose what which how where why all some any each other others such
i me my we us our ours you your yours he him his she her they them their
re ll ve
""".split()
)


def neutral_columns(vectorizer) -> numpy.ndarray:
    """Boolean mask of the vocabulary columns made only of FUNCTION_WORDS."""
    import numpy as np

    names = vectorizer.get_feature_names_out()
    return np.array([all(w in FUNCTION_WORDS for w in t.split()) for t in names])


def build_pipeline():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(
                    lowercase=True,
                    token_pattern=TOKEN_PATTERN,
                    ngram_range=(1, 2),
                    min_df=2,
                    sublinear_tf=False,
                    norm="l2",
                ),
            ),
            ("clf", LogisticRegression(C=8.0, max_iter=2000, solver="liblinear", random_state=SEED)),
        ]
    )


def train(rows: list[Example] | None = None):
    """Fit on the training split; returns (pipeline, train rows, held-out rows)."""
    rows = rows if rows is not None else load_rows()
    tr, held = split(rows)
    tr_all = tr + paragraphs(tr, PARAGRAPHS_PER_CLASS, SEED + 1)
    pipe = build_pipeline()
    vec, clf = pipe.named_steps["tfidf"], pipe.named_steps["clf"]
    X = vec.fit_transform([r.text for r in tr_all])
    mask = neutral_columns(vec)
    from scipy import sparse

    X = (X @ sparse.diags((~mask).astype(X.dtype))).tocsr()  # the classifier never sees them...
    X.eliminate_zeros()
    clf.fit(X, [r.label for r in tr_all])
    clf.coef_[:, mask] = 0.0  # ...and gives them no weight
    assert tuple(pipe.classes_) == LABELS, pipe.classes_
    return pipe, tr, held


def trained_with() -> str:
    """Library versions the bytes depend on (the reproducibility test compares them)."""
    import numpy
    import onnx
    import skl2onnx
    import sklearn

    return (
        f"scikit-learn {sklearn.__version__}, skl2onnx {skl2onnx.__version__}, "
        f"onnx {onnx.__version__}, numpy {numpy.__version__}"
    )


def to_onnx_bytes(pipe, digest: str) -> bytes:
    from skl2onnx import convert_sklearn
    from skl2onnx.common.data_types import StringTensorType
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    onx = convert_sklearn(
        pipe,
        name="brandlint-tone-hype",
        initial_types=[("text", StringTensorType([None, 1]))],
        options={
            TfidfVectorizer: {"tokenexp": ONNX_TOKENEXP, "locale": ONNX_LOCALE},
            LogisticRegression: {"zipmap": False},
        },
        target_opset=TARGET_OPSET,
    )
    meta = {
        "labels": json.dumps(list(LABELS)),
        "brandlint.model": "tone-hype",
        "brandlint.description": "Promotional hype vs neutral product prose (TF-IDF + logistic regression).",
        "brandlint.training-data-sha256": digest,
        "brandlint.seed": str(SEED),
        "brandlint.trained-with": trained_with(),
    }
    _fast_tail(onx, pipe)
    # skl2onnx collects opset domains in a set: sort them, or the bytes depend on PYTHONHASHSEED
    opsets = sorted((o.domain, o.version) for o in onx.opset_import)
    del onx.opset_import[:]
    for domain, version in opsets:
        o = onx.opset_import.add()
        o.domain, o.version = domain, version
    del onx.metadata_props[:]
    for k, v in meta.items():
        p = onx.metadata_props.add()
        p.key, p.value = k, v
    onx.doc_string = "Trained by plugins/brandlint-onnx/training/train.py"
    return onx.SerializeToString()


def _fast_tail(onx, pipe) -> None:
    """Replace the slow tail of the converted graph with an equivalent, cheaper one.

    skl2onnx emits ``TfIdfVectorizer(TF) -> Mul(idf) -> Normalizer(L2) -> LinearClassifier``;
    on paragraphs the dense ``Normalizer`` alone took ~60% of the run time. Since
    ``w . (x / |x|) + b == (w . x) / |x| + b``, the new tail is::

        x = TfIdfVectorizer(TFIDF, weights=idf)          # idf folded in: no Mul
        z = MatMul(x, w) / max(sqrt(ReduceSumSquare(x)), 1e-12) + b
        probabilities = [1 - sigmoid(z), sigmoid(z)]     # LogisticRegression's binary case

    An all-zero row gives z = b, like scikit-learn. The ``label`` output is dropped (the rule
    reads ``probabilities``). The parity test checks the result equals scikit-learn within 1e-5.
    """
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    clf = pipe.named_steps["clf"]
    assert len(clf.classes_) == 2 and clf.coef_.shape[0] == 1, "binary LogisticRegression only"
    g = onx.graph
    inits = {i.name: i for i in g.initializer}
    tfidf = next(n for n in g.node if n.op_type == "TfIdfVectorizer")
    mul = next(n for n in g.node if n.op_type == "Mul" and tfidf.output[0] in n.input)
    idf_name = next(i for i in mul.input if i in inits)
    idf = numpy_helper.to_array(inits[idf_name]).astype(np.float32)
    attrs = {a.name: a for a in tfidf.attribute}
    index = list(helper.get_attribute_value(attrs["ngram_indexes"]))
    for name in ("mode", "weights"):
        if name in attrs:
            tfidf.attribute.remove(attrs[name])
    tfidf.attribute.extend(
        [helper.make_attribute("mode", "TFIDF"), helper.make_attribute("weights", [float(idf[j]) for j in index])]
    )
    keep = list(g.node)[: list(g.node).index(tfidf) + 1]
    del g.node[:]
    g.node.extend(keep)
    g.initializer.remove(inits[idf_name])
    x = tfidf.output[0]
    w = clf.coef_[0].astype(np.float32).reshape(-1, 1)
    b = np.array([[clf.intercept_[0]]], dtype=np.float32)
    g.initializer.extend(
        [
            numpy_helper.from_array(w, "lr_w"),
            numpy_helper.from_array(b, "lr_b"),
            numpy_helper.from_array(np.array([[1e-12]], dtype=np.float32), "l2_eps"),
            numpy_helper.from_array(np.array([[1.0]], dtype=np.float32), "one"),
        ]
    )
    g.node.extend(
        [
            helper.make_node("MatMul", [x, "lr_w"], ["lr_dot"], name="lr_dot"),
            helper.make_node("ReduceSumSquare", [x], ["l2_ss"], axes=[1], keepdims=1, name="l2_ss"),
            helper.make_node("Sqrt", ["l2_ss"], ["l2_n"], name="l2_sqrt"),
            helper.make_node("Max", ["l2_n", "l2_eps"], ["l2_nz"], name="l2_max"),
            helper.make_node("Div", ["lr_dot", "l2_nz"], ["lr_scaled"], name="lr_scale"),
            helper.make_node("Add", ["lr_scaled", "lr_b"], ["lr_z"], name="lr_bias"),
            helper.make_node("Sigmoid", ["lr_z"], ["p_second"], name="lr_sigmoid"),
            helper.make_node("Sub", ["one", "p_second"], ["p_first"], name="lr_complement"),
            helper.make_node("Concat", ["p_first", "p_second"], ["probabilities"], axis=1, name="lr_probs"),
        ]
    )
    del g.output[:]
    g.output.append(helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2]))
    # drop opset domains no node uses any more (ai.onnx.ml served the removed nodes)
    used = {n.domain for n in g.node}
    for o in [o for o in onx.opset_import if o.domain not in used and o.domain != ""]:
        onx.opset_import.remove(o)


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
