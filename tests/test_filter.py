"""`brandlint filter`: records split by severity, every byte kept, input order kept; `--fix`
writes records as `brandlint fix` would fix them. Expected outputs are built from `check`'s
findings (by line) and from `fix` on a copy of the file, never from filter itself."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import SHARED, run_cli, write

ALPACA = SHARED / "corpus/json_content/alpaca_eval/alpaca_eval_model_outputs_25models.jsonl"
CONFIG = '[formats.jsonl]\nprose = ["$.output", "$.instruction"]\n'
EXTRA = [
    b"\n",
    b'{"id": "crlf", "output": "We utilize synergy to leverage the data."}\r\n',
    b'{"id": "caf\xc3\xa9", "output": "Le caf\xc3\xa9 \xe2\x80\x94 fine words only."}\n',
    b'{"id": "bad", "output": "broken \xff here"}\n',
    b'{"id": "json", "output": "unclosed" \n',
    b"   \n",
    b'{"id": "last", "output": "Please utilize the API in order to succeed."}',
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    if not ALPACA.is_file():
        pytest.skip("../shared/ (corpus) is not present next to the repository")
    d = tmp_path_factory.mktemp("filter")
    write(d / "brandlint.toml", CONFIG)
    with open(ALPACA, "rb") as f:
        lines = [next(f) for _ in range(40)]
    (d / "in.jsonl").write_bytes(b"".join(lines + EXTRA))
    return d


def _lines(data: bytes) -> list[bytes]:
    parts = data.split(b"\n")
    return [p + b"\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


_CHECKED: dict[Path, list[dict]] = {}


def _expected_split(d: Path, src: Path, severity: str) -> tuple[bytes, bytes]:
    """Passed and failed bytes from `check`'s findings: a line fails with an active finding of
    at least ``severity`` on it (records here are one line each)."""
    if src not in _CHECKED:
        proc = run_cli("check", str(src), "--output-format", "json", "-j", "1", "--no-cache", "--exit-zero", cwd=d)
        assert proc.returncode == 0, proc.stderr
        _CHECKED[src] = json.loads(proc.stdout)["findings"]
    order = ["info", "warning", "error"]
    bad = {f["span"]["start"]["line"] for f in _CHECKED[src] if order.index(f["severity"]) >= order.index(severity)}
    passed, failed = b"", b""
    for n, line in enumerate(_lines(src.read_bytes()), start=1):
        if not line.strip(b" \t\r\n"):
            continue  # blank lines are no records
        if n == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if n in bad:
            failed += line
        else:
            passed += line
    return passed, failed


@pytest.mark.parametrize("severity", ["warning", "error"])
def test_filter_split_is_byte_exact(corpus: Path, severity: str) -> None:
    passed, failed = _expected_split(corpus, corpus / "in.jsonl", severity)
    assert passed and failed
    proc = run_cli(
        "filter", "in.jsonl", "--passed", "out/passed.jsonl", "--failed", "out/failed.jsonl", "--severity", severity,
        cwd=corpus,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert (corpus / "out/passed.jsonl").read_bytes() == passed
    assert (corpus / "out/failed.jsonl").read_bytes() == failed
    n_pass, n_fail = len(_lines(passed)), len(_lines(failed))
    assert n_pass + n_fail == 45  # 40 answers + 5 non-blank extra lines
    assert proc.stderr.strip() == (f"{n_pass} of 45 records passed, {n_fail} failed at severity {severity} (1 file).")
    assert sorted(p.name for p in (corpus / "out").iterdir()) == ["failed.jsonl", "passed.jsonl"]  # no temp files


def test_filter_fix_writes_what_fix_writes(corpus: Path, tmp_path: Path) -> None:
    shutil.copy(corpus / "brandlint.toml", tmp_path / "brandlint.toml")
    # `fix` refuses a file that is not all UTF-8: leave the invalid line out here
    src = tmp_path / "in.jsonl"
    src.write_bytes((corpus / "in.jsonl").read_bytes().replace(EXTRA[3], b""))
    fixed = tmp_path / "fixed.jsonl"
    shutil.copy(src, fixed)
    proc = run_cli("fix", "fixed.jsonl", "-j", "1", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert fixed.read_bytes() != src.read_bytes()
    passed, failed = _expected_split(tmp_path, fixed, "warning")
    proc = run_cli(
        "filter", "in.jsonl", "--passed", "p.jsonl", "--failed", "f.jsonl", "--severity", "warning",
        "--fix", cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "p.jsonl").read_bytes() == passed
    assert (tmp_path / "f.jsonl").read_bytes() == failed
    assert "; fixed " in proc.stderr


def test_filter_errors(corpus: Path) -> None:
    proc = run_cli("filter", "in.jsonl", cwd=corpus)
    assert proc.returncode == 2 and "nothing to write: give --passed FILE, --failed FILE or both" in proc.stderr
    proc = run_cli("filter", "brandlint.toml", "--passed", "x.jsonl", cwd=corpus)
    assert proc.returncode == 2
    assert "brandlint.toml: not a JSONL file (.jsonl, .ndjson): filter and --engine work on records of JSONL files" in (
        proc.stderr
    )
    proc = run_cli("filter", "in.jsonl", "--passed", "in.jsonl", cwd=corpus)
    assert proc.returncode == 2 and "an output may not be an input" in proc.stderr
    proc = run_cli("filter", "in.jsonl", "--passed", "x.jsonl", "--engine", "nosuch", cwd=corpus)
    assert proc.returncode == 2 and "unknown engine 'nosuch'" in proc.stderr
    assert not (corpus / "x.jsonl").exists()
    # shards of a previous run in an output folder are never inputs; a named one is refused
    write(corpus / "shards/part-00000-000000.jsonl", '{"output": "old"}\n')
    proc = run_cli("filter", "shards/part-00000-000000.jsonl", "--engine", "ray", "--passed", "shards", cwd=corpus)
    assert proc.returncode == 2 and f"is in the output folder {corpus / 'shards'}; choose another" in proc.stderr
    proc = run_cli("filter", "shards", "--engine", "ray", "--passed", "shards", cwd=corpus)
    assert proc.returncode == 2 and "error: no JSONL files in shards" in proc.stderr


def test_engine_without_ray_says_how_to_install(corpus: Path) -> None:
    code = (
        "import sys; sys.modules['ray'] = None; from brandlint.cli import main; "
        "sys.exit(main(['check', 'in.jsonl', '--engine', 'ray']))"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=corpus, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        "error: the Ray engine needs Ray Data (ray is not installed): pip install 'brandlint[ray]'"
    )
