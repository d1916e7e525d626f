"""Structural rule kinds (occurrence, repetition, consistency, conditional, capitalization,
required, pattern) over ../shared/corpus/md_marketing and md_docs.

Documents are parsed once; then each rule is timed alone over the same documents, so the
table shows what each kind costs next to parsing itself (words/s, and % of parse time).

    python bench/bench_structure.py [--limit N]
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

from brandlint.config.settings import load_settings
from brandlint.documents.base import SourceFile
from brandlint.engine import Engine

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

RULES = {
    "occurrence-bang": 'kind = "occurrence"\ntokens = ["!"]\nmax = 1\n',
    "occurrence-emdash": 'kind = "occurrence"\ntokens = ["—"]\nnonword = true\ndensity = 5\nmin-words = 150\n',
    "occurrence-sentence": 'kind = "occurrence"\ntokens = ["very", "really"]\nper = "sentence"\nmax = 1\n',
    "repetition": 'kind = "repetition"\n',
    "consistency": (
        'kind = "consistency"\n[either]\n"color|colors" = "colour|colours"\n'
        '"analyze|analyzed" = "analyse|analysed"\n"email" = "e-mail"\n"setup" = "set-up"\n'
    ),
    "conditional": 'kind = "conditional"\n',
    "capitalization": 'kind = "capitalization"\nexceptions = ["GitHub", "Chrome", "Linkerd", "Kubernetes"]\n',
    "required": (
        'kind = "required"\ntrigger-patterns = [\'\\$\\d\']\ntrigger = ["guaranteed"]\n'
        'disclaimer = ["Prices may change"]\n'
    ),
    "pattern": "kind = \"pattern\"\npattern = '(\\d+)\\s?percent'\nreplacement = '\\1%'\nignorecase = true\n",
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="only the first N files of each corpus")
    args = ap.parse_args()
    files: list[Path] = []
    for name in ("md_marketing", "md_docs"):
        d = SHARED / "corpus" / name
        if not d.is_dir():
            print(f"corpus not found at {d}", file=sys.stderr)
            return 2
        found = sorted(d.rglob("*.md"))
        files += found[: args.limit] if args.limit else found
    with tempfile.TemporaryDirectory() as tmp:
        pack = Path(tmp) / "structure"
        pack.mkdir()
        for name, body in RULES.items():
            (pack / f"{name}.toml").write_text(body, encoding="utf-8")
        cfg = Path(tmp) / "brandlint.toml"
        cfg.write_text(f'packs = ["{pack}"]\n', encoding="utf-8")
        settings = load_settings(cfg)
        rules = settings.ruleset_for(Path("x.md")).rules
        fmt = settings.registry.format_for("x.md")
        options = settings.format_options(fmt.name)
        sources = [SourceFile(str(f), f.read_text("utf-8", "replace")) for f in files]
        t0 = time.perf_counter()
        docs = [doc for src in sources for doc in fmt.parse(src, options)]
        parse_s = time.perf_counter() - t0
        gc.collect()
        gc.freeze()  # thousands of parsed documents stay alive: keep the collector off them
        words = sum(d.words() for d in docs)
        print(f"{len(files)} files, {words:,} words; parse {parse_s:.2f} s ({words / parse_s:,.0f} words/s)")
        print(f"{'rule':<22}{'seconds':>9}{'words/s':>14}{'% of parse':>12}{'findings':>10}")
        total = 0.0
        for rule in rules:
            eng = Engine([rule])
            t0 = time.perf_counter()
            n = sum(len(eng.check(d)) for d in docs)
            dt = time.perf_counter() - t0
            total += dt
            print(f"{rule.id.split('/')[-1]:<22}{dt:>9.2f}{words / dt:>14,.0f}{100 * dt / parse_s:>11.0f}%{n:>10}")
        eng = Engine(rules)
        t0 = time.perf_counter()
        n = sum(len(eng.check(d)) for d in docs)
        dt = time.perf_counter() - t0
        print(f"{'all together':<22}{dt:>9.2f}{words / dt:>14,.0f}{100 * dt / parse_s:>11.0f}%{n:>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
