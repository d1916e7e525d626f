"""Lint ../shared/corpus/md_docs with each Vale style in ../shared/vale-styles, loaded at run time.

For each style: rules loaded / not loaded, CPU time of the lint (one process, no cache), findings
per 1,000 words (words: whitespace-separated tokens of the prose brandlint reads), the rules
that fire most, and a sample of findings drawn with a fixed seed for judging by hand
(``--sample N``, written with ``--sample-out FILE`` as JSON lines: style, rule, file, line,
column, matched text, message, the source line).

    python bench/vale_styles.py [--styles Microsoft,Google] [--limit N] [--sample 10 --sample-out FILE]
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from brandlint.config.settings import load_settings
from brandlint.pipeline import lint_file

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "md_docs"
STYLES = SHARED / "vale-styles"
FIVE = ("Microsoft", "Google", "write-good", "proselint", "Joblint")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--styles", default=",".join(FIVE))
    ap.add_argument("--limit", type=int, default=0, help="only the first N files")
    ap.add_argument("--sample", type=int, default=10, help="findings per style to sample for judging")
    ap.add_argument("--sample-out", default="", help="write the samples here (JSON lines)")
    ap.add_argument("--seed", type=int, default=20261202)
    args = ap.parse_args()
    files = sorted(CORPUS.rglob("*.md"))
    if args.limit:
        files = files[: args.limit]
    samples = []
    print(f"corpus: {CORPUS.relative_to(SHARED.parent)} ({len(files)} files)")
    print("| style | rules loaded | not loaded | CPU s | words | findings | per 1,000 words | top rules |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for style in args.styles.split(","):
        with tempfile.TemporaryDirectory() as td:
            cfg = Path(td) / "brandlint.toml"
            cfg.write_text(
                f'packs = []\nvale-styles = ["{STYLES / style}"]\n[vale]\nbased-on = ["{style}"]\n', encoding="utf-8"
            )
            settings = load_settings(cfg)
            t = time.process_time()
            words = 0
            found = []
            for f in files:
                r = lint_file(f, settings)
                words += r.words
                found.extend(x for x in r.findings if x.suppression is None)
            cpu = time.process_time() - t
        by_rule = collections.Counter(x.rule_id for x in found)
        top = ", ".join(f"{rid.split('/', 1)[1]} {n}" for rid, n in by_rule.most_common(4))
        print(
            f"| {style} | {len(settings.vale.rules)} | {len(settings.vale.untranslated)} | {cpu:.1f} | "
            f"{words:,} | {len(found):,} | {1000 * len(found) / max(words, 1):.1f} | {top} |"
        )
        rng = random.Random(f"{args.seed}:{style}")
        for x in rng.sample(found, min(args.sample, len(found))):
            line = Path(x.path).read_text("utf-8", "replace").splitlines()[x.span.start.line - 1]
            samples.append(
                {
                    "style": style,
                    "rule": x.rule_id,
                    "file": str(Path(x.path).relative_to(CORPUS)),
                    "line": x.span.start.line,
                    "column": x.span.start.column,
                    "matched": x.matched,
                    "message": x.message,
                    "source": line.strip()[:300],
                }
            )
    if args.sample_out:
        with open(args.sample_out, "w", encoding="utf-8") as fh:
            for s in samples:
                fh.write(json.dumps(s, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
