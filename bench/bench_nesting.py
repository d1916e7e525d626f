"""Nesting benchmark: Markdown nested 1k, 10k and 100k levels deep must cost time linear in its size.

Four hostile one-line documents per depth N (issue 17): N nested lists (``- - - a``), N block
quotes (``> > > a``), N nested links (``[[[a](u)](u)]``) and N nested emphasis delimiters
(``*_*_a_*_*``). Each is linted with the default packs (NLP rules included) in this process,
after a warm-up that loads the model, so the figures are the lint only. Printed per document:
seconds for brandlint's lint, seconds for a bare markdown-it-py parse of the same text (the
reference: a parser alone), the ratio of the two, and microseconds per input character:
linear time means the last column stays flat as N grows tenfold.

    python bench/bench_nesting.py [--depths 1000,10000,100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from markdown_it import MarkdownIt

from brandlint import lint_text

KINDS = {
    "lists": lambda n: "- " * n + "a\n",
    "quotes": lambda n: "> " * n + "a\n",
    "links": lambda n: "[" * n + "a" + "](u)" * n + "\n",
    "emphasis": lambda n: "*_" * n + "a" + "_*" * n + "\n",
}


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--depths", default="1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    depths = [int(d) for d in args.depths.split(",")]
    lint_text("The cake was eaten by the dog.\n", format="markdown")  # warm-up: load the model
    md = MarkdownIt("commonmark")
    print(
        f"{'kind':<9} {'depth':>7} {'chars':>8} {'brandlint s':>12} {'markdown-it s':>14} {'ratio':>6} {'us/char':>8}"
    )
    for kind, make in KINDS.items():
        for n in depths:
            text = make(n)
            ours = best(lambda t=text: lint_text(t, format="markdown", path=str(Path("deep.md"))), args.repeat)
            ref = best(lambda t=text: md.parse(t), args.repeat)
            print(
                f"{kind:<9} {n:>7} {len(text):>8} {ours:>12.3f} {ref:>14.3f} {ours / max(ref, 1e-9):>6.1f} "
                f"{ours / len(text) * 1e6:>8.2f}"
            )


if __name__ == "__main__":
    main()
