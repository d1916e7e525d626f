"""Where a worker pool starts to pay: ``-j 1`` against a forced pool of 2 workers, by size.

    python bench/bench_jobs.py [--rounds 3] [--counts 4,8,16,32,64,128]

For each number of md_docs files (spread evenly over the corpus) and each selection (the
default packs, lexical; the same with the opt-in passive voice and readability rules, which
load spaCy and textstat), a fresh process lints the files through
the Python API in this process (``jobs=1``) and in a pool of two workers
(``jobs=2, runner="process"``, which skips the size rule of ``choose_runner``). Rounds are
interleaved; the median wall time is printed with the ratio and the load average, and the line
``crossover`` says from which size on the pool won in this run. Use it to check
``POOL_MIN_FILES`` / ``POOL_MIN_BYTES_*`` in ``brandlint.pipeline.runners`` on a machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "md_docs"
SCRIPT = """
import sys
from brandlint.pipeline import RunOptions, lint_paths
jobs, runner, extra = int(sys.argv[1]), sys.argv[2] or None, tuple(filter(None, sys.argv[3].split(",")))
files = sys.argv[4:]
opts = RunOptions(jobs=jobs, runner=runner, extend_select=extra)
sum(len(r.findings) for r in lint_paths(files, options=opts))
"""
SELECTIONS = {"default packs": "", "+ passive, readability": "plain-language/passive-voice,plain-language/readability"}


def pick(n: int) -> list[str]:
    files = sorted(CORPUS.rglob("*.md"))
    step = len(files) / n
    return [str(files[int(i * step)]) for i in range(n)]


def wall(jobs: int, runner: str, extra: str, files: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", SCRIPT, str(jobs), runner, extra, *files], check=True, cwd=ROOT)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--counts", default="4,8,16,32,64,128")
    args = ap.parse_args()
    counts = [int(c) for c in args.counts.split(",")]
    print(f"{len(os.sched_getaffinity(0))} CPUs; load average before: {os.getloadavg()}")
    res: dict[tuple[str, int, int], list[float]] = {}
    for _ in range(args.rounds):
        for name, extra in SELECTIONS.items():
            for n in counts:
                files = pick(n)
                for jobs, runner in ((1, ""), (2, "process")):
                    res.setdefault((name, n, jobs), []).append(wall(jobs, runner, extra, files))
    print(f"load average after: {os.getloadavg()}")
    for name in SELECTIONS:
        won = None
        for n in counts:
            files = pick(n)
            kb = sum(Path(f).stat().st_size for f in files) / 1024
            one, two = (statistics.median(res[(name, n, j)]) for j in (1, 2))
            print(f"{name:14} {n:5} files {kb:8.0f} KB  -j 1 {one:6.2f} s  pool of 2 {two:6.2f} s  {one / two:5.2f}x")
            if won is None and two < one:
                won = (n, kb)
            elif two >= one:
                won = None
        print(f"crossover {name}: " + (f"from {won[0]} files / {won[1]:.0f} KB" if won else "the pool never won"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
