"""brandlint and its peers, run live on the same files in the same run: speed, CPU, memory.

    python bench/bench_peers.py [--files N] [--rounds R] [--write-doc docs/performance.md]

Peers are installed on first use into a cache directory (never committed; default
``~/.cache/brandlint-bench``, ``--peer-dir``): write-good from npm, proselint from PyPI (its own
virtual environment). Every tool lints the same Markdown files (``--files`` spread evenly over
../shared/corpus/md_docs, or all of them) once per round; rounds are interleaved (tool A, B, C,
then again) so that the load of a shared machine hits every tool alike. Each run is timed by
GNU time: wall, CPU (user + system of the process and every worker it waited for) and the peak
RSS of its largest process. The machine's load average is printed before and after each round.
Figures: min and median over rounds; words per CPU-second use the median CPU time; ratios are
taken within this one run. ``--write-doc`` replaces the generated section of the given file
(between the ``bench_peers`` markers) with this run's tables: no figure is typed in by hand.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "md_docs"
BRANDLINT = [sys.executable, "-m", "brandlint"]
WRITE_GOOD = "write-good@1.0.8"
PROSELINT = "proselint==0.16.0"
START, END = "<!-- bench_peers:start -->", "<!-- bench_peers:end -->"
#: brandlint rules closest to write-good's default checks (weasel words, wordy phrases, cliches,
#: "there is", repeated words; write-good's regex passive has no lexical counterpart here)
WRITE_GOOD_LIKE = ",".join(
    f"plain-language/{r}" for r in ("weasel-words", "wordy-phrases", "cliches", "there-is", "repeated-words")
)
#: opt-in rules that load spaCy (passive voice) and textstat (readability)
NLP_RULES = "plain-language/passive-voice,plain-language/readability"


def install_peers(peer_dir: Path) -> dict[str, list[str]]:
    peers: dict[str, list[str]] = {}
    wg = peer_dir / "write-good" / "node_modules" / ".bin" / "write-good"
    if not wg.exists() and shutil.which("npm"):
        (peer_dir / "write-good").mkdir(parents=True, exist_ok=True)
        print(f"installing {WRITE_GOOD} from npm into {peer_dir / 'write-good'}", flush=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent", WRITE_GOOD],
            cwd=peer_dir / "write-good",
            check=True,
        )
    if wg.exists():
        peers["write-good 1.0.8 (default checks)"] = [str(wg)]
    venv = peer_dir / "proselint-venv"
    if not (venv / "bin" / "proselint").exists():
        print(f"installing {PROSELINT} from PyPI into {venv}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", PROSELINT], check=True)
    peers["proselint 0.16.0"] = [str(venv / "bin" / "proselint"), "check"]
    return peers


def tools(peers: dict[str, list[str]], jobs: tuple[int, ...]) -> dict[str, list[str]]:
    out = dict(peers)
    base = [*BRANDLINT, "check", "--no-cache", "--exit-zero", "-q", "--no-progress", "--output-format", "concise"]
    sels = {
        "write-good-like (5 rules)": ["--select", WRITE_GOOD_LIKE],
        "default packs (lexical)": [],
        "default packs + passive, readability (spaCy)": ["--extend-select", NLP_RULES],
    }
    for name, sel in sels.items():
        for j in jobs:
            out[f"brandlint {name}, -j {j}"] = [*base, *sel, "-j", str(j)]
    return out


def timed(cmd: list[str], files: list[str], cwd: Path) -> tuple[float, float, int]:
    """(wall s, CPU s, peak RSS MB) of one run, measured by GNU time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        t0 = time.perf_counter()
        subprocess.run(
            ["/usr/bin/time", "-q", "-o", tf.name, "-f", "%U %S %M", *cmd, *files],
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        wall = time.perf_counter() - t0
        user, system, rss = tf.read().split()[-3:]
    return wall, float(user) + float(system), int(rss) // 1024


def pick(n: int) -> list[Path]:
    files = sorted(CORPUS.rglob("*.md"))
    if n and n < len(files):
        step = len(files) / n
        files = [files[int(i * step)] for i in range(n)]
    return files


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def startup(cmds: dict[str, list[str]], small: Path, rounds: int) -> dict[str, float]:
    out: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(rounds):
        for name, cmd in cmds.items():
            out[name].append(timed(cmd, [str(small)], ROOT)[0])
    return {k: statistics.median(v) for k, v in out.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=300, help="files spread over md_docs (0: all 2,167)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jobs", default="1,2", help="brandlint -j values to run")
    ap.add_argument("--peer-dir", type=Path, default=Path.home() / ".cache" / "brandlint-bench")
    ap.add_argument("--write-doc", type=Path, help="replace the generated section of this Markdown file")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    files = [str(p) for p in pick(args.files)]
    words = sum(len(Path(f).read_text("utf-8", "replace").split()) for f in files)
    size = sum(Path(f).stat().st_size for f in files)
    peers = install_peers(args.peer_dir)
    runs = tools(peers, tuple(int(j) for j in args.jobs.split(",")))
    cpus = len(os.sched_getaffinity(0))
    head = (
        f"{len(files):,} files of md_docs ({words:,} words, {size / 1e6:.1f} MB), {args.rounds} interleaved rounds; "
        f"{cpus} CPUs ({platform.processor() or platform.machine()}), Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
    print(head, flush=True)
    res: dict[str, list[tuple[float, float, int]]] = {k: [] for k in runs}
    loads = []
    for r in range(args.rounds):
        before = load()
        for name, cmd in runs.items():
            res[name].append(timed(cmd, files, ROOT))
            w, c, m = res[name][-1]
            print(f"  round {r + 1}: {name}: {w:.1f} s wall, {c:.1f} s CPU, {m} MB", flush=True)
        loads.append(f"round {r + 1}: {before} -> {load()}")
        print(f"load average (1/5/15 min) {loads[-1]}", flush=True)
    small = Path(files[0])
    st = startup(
        {
            "brandlint (default packs)": [*BRANDLINT, "check", "--no-cache", "--exit-zero", "-q"],
            **{k: v for k, v in peers.items()},
        },
        small,
        5,
    )
    md = report(head, loads, res, words, st, small)
    print("\n" + md)
    if args.write_doc:
        text = args.write_doc.read_text("utf-8")
        a, b = text.index(START), text.index(END)
        args.write_doc.write_text(text[: a + len(START)] + "\n" + md + "\n" + text[b:], "utf-8")
        print(f"wrote {args.write_doc}")
    return 0


def report(head, loads, res, words, st, small) -> str:
    med = {k: (statistics.median(w for w, _, _ in v), statistics.median(c for _, c, _ in v)) for k, v in res.items()}
    wg = next((k for k in res if k.startswith("write-good")), None)
    lines = [
        "Generated by `python bench/bench_peers.py` (do not edit by hand): " + head + ".",
        "",
        "| run | wall min / median | CPU median | words per CPU-second | vs write-good (per CPU-s) | peak RSS |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for k, v in res.items():
        wmin = min(w for w, _, _ in v)
        wmed, cmed = med[k]
        rate = words / cmed if cmed else 0
        ratio = f"{rate / (words / med[wg][1]):.2f}x" if wg and med[wg][1] else "n/a"
        rss = max(m for _, _, m in v)
        lines.append(f"| {k} | {wmin:.1f} / {wmed:.1f} s | {cmed:.1f} s | {rate:,.0f} | {ratio} | {rss} MB |")
    lines += ["", "Speed-up of `-j 2` over `-j 1` (median wall time, same run):", ""]
    for k in res:
        if k.endswith("-j 1") and k[:-1] + "2" in res:
            j2 = k[:-1] + "2"
            lines.append(f"- {k[len('brandlint ') : -len(', -j 1')]}: {med[k][0] / med[j2][0]:.2f}x")
    lines += ["", "Machine load average (1/5/15 min) before -> after each round:", ""]
    lines += [f"- {x}" for x in loads]
    lines += ["", f"Start-up, one small file ({small.stat().st_size:,} bytes), median of 5 (wall):", ""]
    lines += [f"- {k}: {v * 1000:.0f} ms" for k, v in st.items()]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
