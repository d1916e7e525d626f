"""Ray benchmark: the alpaca_eval model answers (JSONL, 20k records) with the default packs,
locally and on a local Ray cluster, in one run so the ratios compare like with like.

    python bench/bench_ray.py [--records N] [--workers 2] [--chunk-bytes BYTES]

Rows (all lint ``$.output`` and ``$.instruction`` of every record with the default packs):

* ``local -j 1``: one process lints the file record by record (:class:`brandlint.pipeline.RecordLinter`,
  the code path of ``check`` on a JSONL file), timed in parts: start (settings, rules, spaCy and
  ONNX models loaded), parse (JSON to documents), rules, and the rest (reading, results);
* ``local -j 2``: ``brandlint check -j 2`` on the same records cut into two JSONL files (the
  process pool works file by file: one large file would use one worker);
* ``ray``: ``brandlint check --engine ray --workers N`` on the one file: a local Ray runtime is
  started, ranges are counted and linted on an actor pool; its summary.json gives the parts.

Prints records/s, words/s, wall time, peak memory per worker process, and where the time goes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALPACA = ROOT.parent / "shared/corpus/json_content/alpaca_eval/alpaca_eval_model_outputs_25models.jsonl"
CONFIG = 'respect-gitignore = false\n[formats.jsonl]\nprose = ["$.output", "$.instruction"]\n'

LOCAL = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from brandlint.pipeline import RecordLinter, RunOptions
from pathlib import Path
path = Path(sys.argv[1])
linter = RecordLinter(RunOptions(cwd=path.parent).settings_for(path), path)
linter.warm_up()
load = time.perf_counter() - t0
t1 = time.perf_counter()
records = findings = 0
with open(path, "rb") as fh:
    for r in linter.lint_lines(fh):
        records += 1
        findings += len(r.active)
wall = time.perf_counter() - t1
t = linter.timings
print(json.dumps({"load_s": load, "work_s": wall, "parse_s": t.parse, "rules_s": t.rules, "records": records,
                  "words": t.words, "findings": findings,
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _child_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def run_local_j1(path: Path) -> dict:
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", LOCAL, str(path)], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    d = json.loads(out.stdout)
    d["wall_s"] = time.perf_counter() - t0
    d["other_s"] = d["work_s"] - d["parse_s"] - d["rules_s"]
    d["start_s"] = d["wall_s"] - d["work_s"]  # interpreter, imports, settings, models
    return d


def run_local_j2(folder: Path, records: int) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "brandlint", "check", str(folder), "-j", "2", "--no-cache", "--no-progress",
         "--exit-zero", "--output-format", "json"],
        capture_output=True, text=True, cwd=folder.parent,
    )  # fmt: skip
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    report = json.loads(proc.stdout)
    return {"wall_s": wall, "records": records, "findings": len(report["findings"]), "rss_mib": _child_rss_mib()}


def run_ray(path: Path, workers: int, chunk: int) -> dict:
    out = path.parent / "ray-findings"
    t0 = time.perf_counter()
    env = dict(os.environ, RAY_USAGE_STATS_ENABLED="0")
    chunk_args = ["--chunk-bytes", str(chunk)] if chunk else []
    proc = subprocess.run(
        [sys.executable, "-m", "brandlint", "check", str(path), "--engine", "ray", "--workers", str(workers),
         *chunk_args, "--findings-dir", str(out), "--exit-zero", "-v"],
        capture_output=True, text=True, cwd=path.parent, env=env,
    )  # fmt: skip
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    s = json.loads((out / "summary.json").read_text())
    s["cli_wall_s"] = wall
    return s


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=20_000, help="first N records of the file (default: all 20k)")
    ap.add_argument("--workers", type=int, default=2, help="Ray actors (default 2: this machine's cores)")
    ap.add_argument("--extend-select", default="", help="rules to add to the default packs (comma-separated)")
    ap.add_argument("--runs", default="j1,j2,ray", help="which rows to run (comma-separated: j1, j2, ray)")
    ap.add_argument("--chunk-bytes", type=int, default=0, help="bytes per Ray range (default: the engine's choice)")
    args = ap.parse_args()
    if not ALPACA.is_file():
        print(f"corpus not found at {ALPACA}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-ray-") as tmp:
        d = Path(tmp)
        extra = [x.strip() for x in args.extend_select.split(",") if x.strip()]
        (d / "brandlint.toml").write_text((f"extend-select = {json.dumps(extra)}\n" if extra else "") + CONFIG)
        with open(ALPACA, "rb") as f:
            lines = [line for _, line in zip(range(args.records), f)]
        n = len(lines)
        data = b"".join(lines)
        path = d / "alpaca.jsonl"
        path.write_bytes(data)
        shards = d / "shards"
        shards.mkdir()
        half = n // 2
        (shards / "part-0.jsonl").write_bytes(b"".join(lines[:half]))
        (shards / "part-1.jsonl").write_bytes(b"".join(lines[half:]))
        print(f"{n} records, {len(data) / 1e6:.1f} MB, default packs; machine: {os.cpu_count()} CPUs", flush=True)

        runs = set(args.runs.split(","))
        j1 = j2 = r = None
        if "j1" in runs:
            j1 = run_local_j1(path)
            print(f"local -j 1 done in {j1['wall_s']:.0f} s", file=sys.stderr, flush=True)
        if "j2" in runs:
            j2 = run_local_j2(shards, n)
            print(f"local -j 2 done in {j2['wall_s']:.0f} s", file=sys.stderr, flush=True)
        if "ray" in runs:
            r = run_ray(path, args.workers, args.chunk_bytes)
            print(f"ray done in {r['cli_wall_s']:.0f} s", file=sys.stderr, flush=True)

    rows = []
    if j1:
        rows.append(("local -j 1 (1 process)", j1["wall_s"], j1["rss_mib"]))
    if j2:
        rows.append(("local -j 2 (2 files, pool)", j2["wall_s"], j2["rss_mib"]))
    if r:
        rss = max(r["peak_rss_kb"].values()) / 1024
        rows.append((f"ray, local cluster, {r['workers']} actors", r["cli_wall_s"], rss))
    words = j1["words"] if j1 else (r["words"] if r else 0)
    base = n / rows[0][1]
    print(f"\n{'run':34} {'wall s':>8} {'records/s':>10} {'words/s':>9} {'vs first':>8} {'peak MiB/worker':>16}")
    for name, wall, rss in rows:
        print(f"{name:34} {wall:8.1f} {n / wall:10.1f} {words / wall:9.0f} {n / wall / base:7.2f}x {rss:16.0f}")
    if j1:
        print(
            f"\nlocal -j 1 parts: start (interpreter, imports, rules, spaCy/ONNX load) {j1['start_s']:.1f} s, "
            f"parse {j1['parse_s']:.1f} s, rules {j1['rules_s']:.1f} s, reading and other {j1['other_s']:.1f} s"
        )
    if r:
        print(
            f"ray parts: CLI start, Ray start, planning and counting {r['startup_s']:.1f} s; actor start and model "
            f"load {', '.join(f'{x:.1f}' for x in r['worker_load_s'])} s (per actor, in parallel); in actors: parse "
            f"{r['parse_s']:.1f} s, rules {r['rules_s']:.1f} s, I/O and other {r['io_s']:.1f} s (CPU-seconds summed "
            f"over actors); ranges {r['ranges']}; wall {r['wall_s']:.1f} s inside the engine, "
            f"{r['cli_wall_s']:.1f} s for the CLI"
        )
    counts = {name: x["findings"] for name, x in (("-j 1", j1), ("-j 2", j2), ("ray", r)) if x}
    same = len(set(counts.values())) == 1
    print(f"findings: {', '.join(f'{k} {v}' for k, v in counts.items())} ({'same' if same else 'DIFFER'})")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
