"""Evaluate the shipped tone model: held-out accuracy, then flag rates on real corpora.

    python training/evaluate.py                       # both parts, whole corpora
    python training/evaluate.py --limit 100           # first 100 files per corpus (sorted)
    python training/evaluate.py --granularity sentence

1. Held-out accuracy: the split of ``train.py`` (whole templates and 20% of the hand-written
   sentences never seen in training), scored with the shipped ONNX model through onnxruntime,
   at argmax and at the pack's threshold.
2. Flag rates on ``../shared/corpus/md_marketing`` (launch and product blog posts) and
   ``md_docs`` (product documentation), through the ``tone-ml/hype`` rule exactly as
   ``brandlint check`` runs it (Markdown parsing, scopes, ``min-words``). No labels exist for
   these corpora: the rates only show whether marketing prose is flagged more often than
   documentation, and the printed top paragraphs let a person judge the hits.

Needs only the plugin's runtime dependencies (onnxruntime, numpy) and brandlint.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import train  # noqa: E402  (pure-Python data loading and split; no scikit-learn needed)

CORPUS = HERE.parents[2].parent / "shared" / "corpus"


def load_rule(granularity: str | None = None):
    from brandlint.config.packs import load_pack
    from brandlint.plugins.manager import get_registry
    from brandlint_onnx.plugin import PACKS

    reg = get_registry()
    (rule,) = load_pack(PACKS / "tone-ml", "tone-ml", reg.kinds)
    if granularity and granularity != rule.opts["granularity"]:
        rule = type(rule)(rule.meta, {**rule.opts, "granularity": granularity})
    return reg, rule


def heldout_report(rule) -> None:
    rows = train.load_rows()
    _, held = train.split(rows)
    groups = {
        "all held-out sentences": held,
        "  unseen templates": [r for r in held if r.group.startswith("gen-")],
        "  hand-written": [r for r in held if not r.group.startswith("gen-")],
        "held-out paragraphs (2-4 sentences)": train.paragraphs(held, 100, train.SEED + 2),
    }
    hype = rule.labels.index("hype")
    print(f"Held-out evaluation of {rule.model.path.name} (sha256 {rule.model.sha256[:12]}...)")
    print(f"{'set':40} {'n':>5} {'acc@argmax':>10} {'P(hype)@thr':>11} {'R(hype)@thr':>11}")
    for name, part in groups.items():
        rule.model.clear_cache()
        probs = rule.model.predict([r.text for r in part], 256, rule.labels)[:, hype]
        gold = np.array([r.label == "hype" for r in part])
        acc = float(((probs >= 0.5) == gold).mean())
        flagged = probs >= rule.threshold
        prec = float((flagged & gold).sum() / max(1, flagged.sum()))
        rec = float((flagged & gold).sum() / max(1, gold.sum()))
        print(f"{name:40} {len(part):5d} {acc:10.3f} {prec:11.3f} {rec:11.3f}")
    print(f"(threshold {rule.threshold}; 'P'/'R' = precision/recall of the hype label at that threshold)\n")


def corpus_report(reg, rule, name: str, limit: int | None, show: int) -> dict:
    from brandlint.documents.base import SourceFile

    root = CORPUS / name
    files = sorted(root.rglob("*.md"))[:limit] if limit else sorted(root.rglob("*.md"))
    n_units = n_flagged = n_files_flagged = 0
    scored: list[tuple[float, str, str]] = []
    hype = rule.labels.index("hype")
    t0 = time.perf_counter()
    for f in files:
        fmt = reg.format_for(str(f))
        text = f.read_text(encoding="utf-8", errors="replace")
        file_hit = False
        for doc in fmt.parse(SourceFile(str(f), text), {}):
            units = rule.units(doc)
            if not units:
                continue
            probs = rule.model.predict([u.text for u in units], rule.batch_size, rule.labels)[:, hype]
            n_units += len(units)
            hits = probs >= rule.threshold
            n_flagged += int(hits.sum())
            file_hit |= bool(hits.any())
            for u, p in zip(units, probs):
                if p >= 0.5:
                    scored.append((float(p), str(f.relative_to(root)), u.text))
        n_files_flagged += file_hit
    dt = time.perf_counter() - t0
    rate = n_flagged / max(1, n_units)
    print(
        f"{name}: {len(files)} files, {n_units} {rule.granularity}s classified, {n_flagged} flagged "
        f"= {rate:.2%} of {rule.granularity}s; files with a finding: {n_files_flagged} "
        f"({n_files_flagged / max(1, len(files)):.1%}) [{dt:.1f}s]"
    )
    for p, path, text in sorted(scored, reverse=True)[:show]:
        print(f"    {p:.2f}  {path}: {' '.join(text.split())[:110]}")
    return {"files": len(files), "units": n_units, "flagged": n_flagged, "rate": rate, "files_flagged": n_files_flagged}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="files per corpus (default: all)")
    ap.add_argument("--granularity", choices=("sentence", "paragraph", "section", "document"), default=None)
    ap.add_argument("--show", type=int, default=5, help="top-scoring units to print per corpus")
    ap.add_argument("--no-corpus", action="store_true", help="held-out accuracy only")
    args = ap.parse_args(argv)
    reg, rule = load_rule(args.granularity)
    heldout_report(rule)
    if args.no_corpus:
        return 0
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}: skipping flag rates")
        return 0
    print(
        f"Flag rates of tone-ml/hype (threshold {rule.threshold}, granularity {rule.granularity}, "
        f"min-words {rule.min_words}):"
    )
    m = corpus_report(reg, rule, "md_marketing", args.limit, args.show)
    d = corpus_report(reg, rule, "md_docs", args.limit, args.show)
    ratio = m["rate"] / d["rate"] if d["rate"] else float("inf")
    print(
        f"\nmarketing {m['rate']:.2%} vs docs {d['rate']:.2%} of {rule.granularity}s flagged "
        f"(x{ratio:.1f}); files with a finding: {m['files_flagged'] / max(1, m['files']):.1%} vs "
        f"{d['files_flagged'] / max(1, d['files']):.1%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
