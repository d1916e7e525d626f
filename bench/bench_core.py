"""Core lexical benchmark: ~2,000 banned/substitution terms over ../shared/corpus/md_docs.

Prints files/s, words/s, peak memory, and start-up time of `brandlint check` on one small file,
of our own only (two synthetic term rules, in process); bench/bench_peers.py compares with peers.

    python bench/bench_core.py [--limit N]
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "md_docs"


def build_terms(files: list[Path], n: int = 2000) -> list[str]:
    """Deterministic realistic terms: corpus words of mid frequency (ranks 1000..1000+n)."""
    counts: collections.Counter = collections.Counter()
    for f in files[:300]:
        counts.update(w.lower() for w in re.findall(r"[A-Za-z][a-z]{3,}", f.read_text("utf-8", "replace")))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [w for w, _ in ranked[1000 : 1000 + n]]


def write_project(tmp: Path, terms: list[str]) -> Path:
    pack = tmp / "bench-pack"
    pack.mkdir()
    half = len(terms) // 2
    banned = terms[:half]
    (pack / "banned.toml").write_text(
        'kind = "existence"\ntokens = [' + ", ".join(json.dumps(t) for t in banned) + "]\n"
    )
    swaps = "\n".join(f"{json.dumps(t)} = {json.dumps(t.upper())}" for t in terms[half:])
    (pack / "preferred.toml").write_text('kind = "substitution"\npreserve-case = false\n[swap]\n' + swaps + "\n")
    cfg = tmp / "brandlint.toml"
    cfg.write_text(f"packs = [{json.dumps(str(pack))}]\nrespect-gitignore = false\n")
    return cfg


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="lint only the first N files")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    files = sorted(CORPUS.rglob("*.md"))
    if args.limit:
        files = files[: args.limit]
    words = sum(len(f.read_text("utf-8", "replace").split()) for f in files)
    size = sum(f.stat().st_size for f in files)
    terms = build_terms(files)
    with tempfile.TemporaryDirectory() as td:
        tmp = Path(td)
        cfg = write_project(tmp, terms)
        listing = tmp / "files.txt"
        code = (
            "import sys, time, resource\n"
            "from pathlib import Path\n"
            "from brandlint.pipeline import lint_file\n"
            "from brandlint.config.settings import load_settings\n"
            f"s = load_settings(Path({str(cfg)!r}))\n"
            f"files = Path({str(listing)!r}).read_text().splitlines()\n"
            "t = time.perf_counter(); n = 0\n"
            "for f in files:\n"
            "    n += len(lint_file(Path(f), s).findings)\n"
            "el = time.perf_counter() - t\n"
            "print(el, n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        )
        listing.write_text("\n".join(str(f) for f in files))
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        elapsed, findings, rss_kb = float(out[0]), int(out[1]), int(out[2])

        small = tmp / "small.md"
        small.write_text("# Hello\n\nA short file to time start-up.\n")
        times = []
        for _ in range(7):
            t = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "brandlint", "check", str(small), "--config", str(cfg)],
                capture_output=True,
                check=False,
            )
            times.append(time.perf_counter() - t)
        imported = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "brandlint", "check", str(small), "--config", str(cfg)],
            capture_output=True,
            text=True,
        ).stderr
        spacy_loaded = "spacy" in imported

    wps = words / elapsed
    print(f"corpus: {len(files)} files, {size / 1e6:.1f} MB, {words:,} words; {len(terms)} terms in 2 rules")
    print(
        f"brandlint lexical (1 process): {elapsed:.2f} s, {len(files) / elapsed:,.0f} files/s, "
        f"{wps:,.0f} words/s, {findings:,} findings, peak RSS {rss_kb / 1024:.0f} MB"
    )
    print(
        f"start-up, `brandlint check` one small file: median {statistics.median(times) * 1000:.0f} ms "
        f"(min {min(times) * 1000:.0f} ms); spaCy imported: {spacy_loaded}"
    )
    print("peers are not run here: bench/bench_peers.py runs them live on the same files")
    print("targets: >= 150,000 words/s per core; start-up < 300 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
