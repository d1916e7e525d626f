"""Spelling benchmark: speed and noise of the `spelling` kind on ../shared/corpus/md_docs.

Parses every file once (Markdown → prose segments, not timed), then times (CPU time of this
process, so other load on the machine counts less) the spelling rule
alone over all segments in one process (one core) and prints:

* words/s of prose checked (words: whitespace-separated tokens of the prose segments), and the
  same figure for a peer on the same words when one is installed (spylls, pure-Python Hunspell,
  on a sample: it is far slower), as a ratio from this one run;
* flags per 1,000 words with the default filters, and the words flagged most;
* the dictionary's load time: expanding it (cold) and reading the cache (warm).

    python bench/bench_spelling.py [--limit N] [--top 30]
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

from brandlint.config.settings import load_settings
from brandlint.pipeline.reading import decode
from brandlint.rules import hunspell
from brandlint.rules.base import RuleContext
from brandlint.rules.spelling import DICTIONARY_DIR

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "md_docs"


def half(path: Path) -> str:
    """dev or test: the first byte of sha256(salt + path in the corpus), even or odd."""
    rel = path.relative_to(CORPUS).as_posix()
    return "dev" if hashlib.sha256(("brandlint-spelling-split-v1:" + rel).encode()).digest()[0] % 2 == 0 else "test"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="only the first N files")
    ap.add_argument(
        "--split",
        choices=("dev", "test", "all"),
        default="all",
        help="dev: the half of the files looked at while choosing the filters; test: the other half",
    )
    ap.add_argument("--top", type=int, default=30, help="how many most-flagged words to list")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    os.environ["BRANDLINT_DICT_CACHE"] = tempfile.mkdtemp(prefix="bl-spell-")
    dic, aff = DICTIONARY_DIR / "en_US-web.dic", DICTIONARY_DIR / "en_US-web.aff"
    t = time.process_time()
    hunspell.load(dic, aff)
    cold = time.process_time() - t
    hunspell._LOADED.clear()
    t = time.process_time()
    hunspell.load(dic, aff)
    warm = time.process_time() - t

    with tempfile.TemporaryDirectory() as td:
        pack = Path(td) / "spell"
        pack.mkdir()
        (pack / "spelling.toml").write_text('kind = "spelling"\n')
        cfg = Path(td) / "brandlint.toml"
        cfg.write_text(f'packs = ["{pack}"]\n')
        settings = load_settings(cfg)
        rule = settings.all_rules[0]
        files = [f for f in sorted(CORPUS.rglob("*.md")) if args.split in ("all", half(f))]
        if args.limit:
            files = files[: args.limit]
        segs = []
        docs = []
        for f in files:
            fmt = settings.registry.format_for(str(f))
            src = decode(str(f), f.read_bytes())
            for doc in fmt.parse(src, settings.format_options(fmt.name)):
                docs.append(doc)
                segs.extend((doc, seg) for seg in rule.segments(doc))
        words = sum(len(seg.text.split()) for _, seg in segs)
        ctx = RuleContext(settings=settings, factories={})
        flagged: collections.Counter = collections.Counter()
        t = time.process_time()
        n = 0
        for doc in docs:
            for f in rule.check(doc, ctx):
                n += 1
                flagged[f.matched] += 1
        el = time.process_time() - t
    ours = words / el
    print(f"split: {args.split}  files: {len(files)}  prose words: {words:,}  segments: {len(segs):,}")
    print(f"dictionary: expand (cold) {cold:.2f} s, from cache (warm) {warm:.2f} s")
    print(f"brandlint spelling: {el:.2f} s, {ours:,.0f} words/s (one core)")
    print(f"flags: {n:,} = {1000 * n / max(words, 1):.2f} per 1,000 words; distinct words: {len(flagged):,}")
    print("most flagged:", ", ".join(f"{w} {c}" for w, c in flagged.most_common(args.top)))
    try:
        from spylls.hunspell import Dictionary  # lazy: optional peer, pure-Python Hunspell
    except ImportError:
        print("peer spylls: not installed (pip install spylls) — no ratio")
        return 0
    d = Dictionary.from_files(str(DICTIONARY_DIR / "en_US-web"))
    sample = [w.strip(".,;:!?()\"'") for _, seg in segs[:2000] for w in seg.text.split()]
    sample = [w for w in sample if w.isalpha()]
    t = time.process_time()
    for w in sample:
        d.lookup(w)
    peer = len(sample) / (time.process_time() - t)
    print(f"peer spylls lookup: {peer:,.0f} words/s on {len(sample):,} words; brandlint/spylls = {ours / peer:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
