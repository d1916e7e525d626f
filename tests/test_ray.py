"""The Ray engine on a real local Ray cluster (two worker CPUs, started once for the module):
`check --engine ray` and `filter --engine ray` against `-j 1` on a slice of the alpaca_eval
model answers; one actor killed mid-run loses and duplicates nothing. Skipped without Ray
(`pip install 'brandlint[ray]'`, which `make setup` installs)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import ROOT, SHARED, run_cli, write

ray = pytest.importorskip("ray", reason="Ray is not installed: pip install 'brandlint[ray]'")
pytest.importorskip("ray.data", reason="Ray Data is not installed: pip install 'brandlint[ray]'")

ALPACA = SHARED / "corpus/json_content/alpaca_eval/alpaca_eval_model_outputs_25models.jsonl"
CONFIG = (  # the default packs, plus opt-in rules: passive voice parses with spaCy in every actor
    'extend-select = ["plain-language/simpler-words", "plain-language/wordy-phrases", "plain-language/passive-voice"]\n'
    '[formats.jsonl]\nprose = ["$.output", "$.instruction"]\n'
)
RECORDS = 50
TOTAL = RECORDS + 2  # and a broken record, a fixable one (and a blank line)
CHUNK = 12_000  # bytes per range: ~7 answers, 7 ranges for 2 workers
ACTOR_TITLE = b"MapWorker(MapBatches(RangeWorker))"


@pytest.fixture(scope="module")
def cluster():
    """A local Ray cluster with 2 CPUs, started here and stopped after the module; the
    commands under test join it with --address."""
    env_before = os.environ.get("RAY_USAGE_STATS_ENABLED")
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield ray.get_runtime_context().gcs_address
    finally:
        ray.shutdown()
        if env_before is None:
            os.environ.pop("RAY_USAGE_STATS_ENABLED", None)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    if not ALPACA.is_file():
        pytest.skip("../shared/ (corpus) is not present next to the repository")
    d = tmp_path_factory.mktemp("raycorpus")
    write(d / "brandlint.toml", CONFIG)
    with open(ALPACA, "rb") as f:
        lines = [next(f) for _ in range(RECORDS)]
    lines[5] = lines[5].replace(b"\n", b"\r\n")
    lines.insert(30, b"\n")  # a blank line: no record
    lines.insert(31, b'{"id": "broken", "output": "We utilize it in order to win." \n')
    lines.insert(45, b'{"id": "fixable", "output": "Read the guide in order to learn the API."}\n')
    (d / "in.jsonl").write_bytes(b"".join(lines))
    return d


@pytest.fixture(scope="module")
def local(corpus: Path) -> list[tuple]:
    """`check -j 1` findings (active), in the order the JSON report lists them."""
    proc = run_cli("check", "in.jsonl", "--output-format", "json", "-j", "1", "--no-cache", "--exit-zero", cwd=corpus)
    assert proc.returncode == 0, proc.stderr
    return [
        (f["path"], f["span"]["start"]["line"], f["json_pointer"], f["rule_id"], f["span"], f["message"], f["severity"])
        for f in json.loads(proc.stdout)["findings"]
    ]


def _shards(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern))


def _ray_findings(folder: Path) -> list[tuple]:
    rows = [json.loads(line) for p in _shards(folder, "findings-*.jsonl") for line in p.read_text("utf-8").splitlines()]
    return [(r["path"], r["line"], r["pointer"], r["rule"], r["span"], r["message"], r["severity"]) for r in rows]


def _engine_cli(corpus: Path, address: str, *args: str) -> subprocess.Popen:
    env = dict(os.environ, NO_COLOR="1", RAY_USAGE_STATS_ENABLED="0")
    cmd = [sys.executable, "-m", "brandlint", *args, "--engine", "ray", "--address", address]
    cmd += ["--chunk-bytes", str(CHUNK)]
    return subprocess.Popen(cmd, cwd=corpus, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_check_on_ray_equals_local(cluster: str, corpus: Path, local: list[tuple]) -> None:
    proc = _engine_cli(corpus, cluster, "check", "in.jsonl", "--findings-dir", "out", "-v")
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err  # the slice has warnings and errors
    got = _ray_findings(corpus / "out")
    assert len(got) > 100
    assert got == local  # same findings, same order (shards in name order = records in file order)
    summary = json.loads((corpus / "out/summary.json").read_text())
    assert summary["records"] == TOTAL and summary["ranges"] == len(_shards(corpus / "out", "findings-*"))
    assert summary["ranges"] >= 6 and summary["workers"] == 2
    assert summary["findings"] == len(local)
    n_err = sum(1 for f in local if f[3] == "brandlint/syntax-error")
    assert n_err == 1 and summary["by_rule"]["brandlint/syntax-error"] == 1
    assert out.strip().splitlines()[0].startswith(f"Found {len(local)} findings (")
    assert f"in {TOTAL} records of 1 file; findings in {corpus / 'out'}/." in out
    assert "engine: 2 workers" in err and "peak memory per worker" in err


def test_filter_on_ray_equals_local(cluster: str, corpus: Path) -> None:
    """A folder of two JSONL files (the halves of in.jsonl) on Ray, fixing records first: its
    passed and failed shards, in name order, are byte for byte what a local filter writes."""
    proc = run_cli("filter", "in.jsonl", "--passed", "lp.jsonl", "--failed", "lf.jsonl", "--fix", cwd=corpus)
    assert proc.returncode == 0, proc.stderr
    lines = (corpus / "in.jsonl").read_bytes().split(b"\n")
    write(corpus / "halves/a.jsonl", "")
    (corpus / "halves/a.jsonl").write_bytes(b"\n".join(lines[:26]) + b"\n")
    (corpus / "halves/b.jsonl").write_bytes(b"\n".join(lines[26:]))
    p = _engine_cli(corpus, cluster, "filter", "halves", "--passed", "rp", "--failed", "rf", "--fix")
    _, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    passed = b"".join(s.read_bytes() for s in _shards(corpus / "rp", "part-*.jsonl"))
    failed = b"".join(s.read_bytes() for s in _shards(corpus / "rf", "part-*.jsonl"))
    assert passed == (corpus / "lp.jsonl").read_bytes() and passed
    assert failed == (corpus / "lf.jsonl").read_bytes() and failed
    names = [s.name for s in _shards(corpus / "rp", "part-*.jsonl")]
    assert names == [s.name for s in _shards(corpus / "rf", "part-*.jsonl")]
    assert {n[:10] for n in names} == {"part-00000", "part-00001"} and len(names) >= 6  # 2 files, ranges of each
    assert "; fixed " in proc.stderr
    local_line = proc.stderr.strip().removesuffix(" (1 file).")
    assert err.strip().splitlines()[-1] == f"{local_line} (2 files, {len(names)} shards)."


def _parent(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    return int(stat.rsplit(")", 1)[1].split()[1])


def _ours(pid: int) -> bool:
    """Whether ``pid`` descends from this process (the cluster this module started)."""
    me = os.getpid()
    while pid > 1:
        pid = _parent(pid)
        if pid == me:
            return True
    return False


def _actor_pids() -> list[int]:
    """PIDs of live range-worker actors of this module's cluster (Ray titles actor processes
    `ray::<actor name>`; other Ray clusters on the machine are left alone)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if cmdline.startswith(b"ray::") and ACTOR_TITLE in cmdline and _ours(int(entry.name)):
                pids.append(int(entry.name))
    return pids


def test_killed_worker_loses_and_duplicates_nothing(cluster: str, corpus: Path, local: list[tuple]) -> None:
    out = corpus / "killed"
    proc = _engine_cli(corpus, cluster, "check", "in.jsonl", "--findings-dir", str(out), "-v")
    killed = None
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        done = _shards(out, "findings-*.jsonl") if out.is_dir() else []
        # a shard being written is `.findings-F-R.jsonl.<pid>.<random>.tmp`: its writer is mid-range
        writing = {int(t.name.split(".")[-3]) for t in out.glob(".findings-*.tmp")} if out.is_dir() else set()
        busy = sorted(writing & set(_actor_pids()))
        if done and busy:  # mid-run: a range is done, and this actor is inside another one
            killed = busy[0]
            os.kill(killed, signal.SIGKILL)
            break
        time.sleep(0.02)
    assert killed is not None, "the run ended before a worker could be killed"
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err
    assert killed not in _actor_pids()
    assert _ray_findings(out) == local  # nothing lost, nothing twice, same order
    summary = json.loads((out / "summary.json").read_text())
    assert summary["records"] == TOTAL and summary["ranges"] == len(_shards(out, "findings-*.jsonl"))
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith("findings-")) == ["summary.json"]


def test_ray_runner_lints_files_like_serial(cluster: str, tmp_path: Path) -> None:
    """The runner interface: any run, file by file, on the cluster this process joined."""
    from brandlint import RunOptions, lint_paths

    for i in range(4):
        write(tmp_path / f"docs/p{i}.md", f"# Page {i}\n\nWe utilize synergy {i} times in order to win.\n")
    on_ray = lint_paths([tmp_path / "docs"], options=RunOptions(cwd=tmp_path, runner="ray", jobs=2))
    results = list(on_ray)
    assert (on_ray.stats.runner, on_ray.stats.workers, on_ray.stats.in_workers) == ("ray", 2, 4)
    assert results == list(lint_paths([tmp_path / "docs"], options=RunOptions(cwd=tmp_path, runner="serial")))
    assert all(r.findings for r in results)


def test_python_api_equals_local(cluster: str, corpus: Path, local: list[tuple], monkeypatch) -> None:
    """`brandlint.corpus.check_corpus` / `filter_corpus`: the command line's runs from Python
    (this process already joined the cluster: the engine uses it and leaves it running)."""
    from brandlint.corpus import check_corpus, filter_corpus

    monkeypatch.chdir(corpus)
    report = check_corpus(["in.jsonl"], findings_dir="py-out", chunk_bytes=CHUNK)
    assert _ray_findings(corpus / "py-out") == local
    assert (report.records, report.findings, report.workers) == (TOTAL, len(local), 2)
    assert json.loads((corpus / "py-out/summary.json").read_text())["findings"] == len(local)
    report = filter_corpus(["in.jsonl"], failed="py-failed", severity="error", chunk_bytes=CHUNK)
    failed = b"".join(s.read_bytes() for s in _shards(corpus / "py-failed", "part-*.jsonl"))
    bad_lines = {f[1] for f in local if f[6] == "error"}  # records are one line each here
    expected = b"".join(
        line for n, line in enumerate((corpus / "in.jsonl").read_bytes().splitlines(keepends=True), 1) if n in bad_lines
    )
    assert failed == expected and report.failed == len(bad_lines) and report.passed == TOTAL - len(bad_lines)
    assert ray.is_initialized()


def test_core_never_imports_ray() -> None:
    code = (
        "import sys, brandlint, brandlint.cli, brandlint.corpus, brandlint.pipeline, brandlint.commands.filter;"
        "from brandlint.plugins.manager import get_registry; get_registry();"
        "print(sorted(m for m in sys.modules if m == 'ray' or m.startswith('ray.')))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
