"""End to end through `python -m brandlint check` with the shipped tone model."""

from __future__ import annotations

import json
from pathlib import Path

from onnx_support import run_cli, write

DOC = """Release notes for 2.4

The importer now accepts UTF-8 CSV files with a header row. Rows that fail
validation are written to a separate error file.

Get ready to supercharge your workflow! Our revolutionary, blazing-fast editor
will completely transform the way you write, and nothing on the market comes close.

Ok.
"""


def _project(tmp_path: Path, packs: str = '["tone-ml"]') -> Path:
    write(tmp_path / "brandlint.toml", f"packs = {packs}\n")
    write(tmp_path / "doc.txt", DOC)
    return tmp_path


def test_shipped_model_flags_the_hype_paragraph(tmp_path):
    _project(tmp_path)
    r = run_cli("check", "doc.txt", "--output-format", "concise", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert r.stdout.splitlines()[0] == (
        "doc.txt:6:1: tone-ml/hype Reads as promotional hype (99%); state the concrete benefit plainly. [warning]"
    )
    assert sum(1 for line in r.stdout.splitlines() if line.startswith("doc.txt:")) == 1

    r = run_cli("check", "doc.txt", "--output-format", "json", cwd=tmp_path)
    findings = json.loads(r.stdout)["findings"]
    assert len(findings) == 1
    f = findings[0]
    assert (f["span"]["start"]["line"], f["span"]["start"]["column"]) == (6, 1)
    assert (f["span"]["end"]["line"], f["span"]["end"]["column"]) == (7, 84)
    assert f["matched"].startswith("Get ready to supercharge") and f["matched"].endswith("comes close.")
    assert f["data"]["label"] == "hype" and f["data"]["probability"] > 0.95
    assert f["fix"] is None  # the kind declares fix_availability = never


def test_rules_command_shows_the_classifier_as_not_fixable(tmp_path):
    _project(tmp_path)
    r = run_cli("rules", "--output-format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    (row,) = [x for x in json.loads(r.stdout) if x["kind"] == "classifier"]
    assert (row["id"], row["fix"], row["fixable"]) == ("tone-ml/hype", "never", False)


def test_plugins_command_lists_the_plugin(tmp_path):
    r = run_cli("plugins", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith("onnx  (brandlint-onnx "))
    assert "rule kinds: classifier" in lines[i + 1] + lines[i + 2]
    assert "rule packs: tone-ml" in lines[i + 1] + lines[i + 2]


# `python -X importtime` does not see modules loaded with importlib.import_module (entry points
# are), so a wrapper runs `python -m brandlint check` and records sys.modules when it exits.
PROBE = """
import atexit, json, runpy, sys
out = sys.argv.pop(1)
atexit.register(lambda: open(out, "w").write(json.dumps(sorted(sys.modules))))
sys.argv = ["brandlint", *sys.argv[1:]]
runpy.run_module("brandlint", run_name="__main__", alter_sys=True)
"""


def _modules_after_check(tmp_path: Path) -> set[str]:
    out = tmp_path / "modules.json"
    r = run_cli(str(out), "check", "doc.txt", cwd=tmp_path, extra=("-c", PROBE))
    assert r.returncode in (0, 1), r.stderr[-2000:]
    return set(json.loads(out.read_text()))


def test_onnxruntime_not_imported_without_a_classifier_rule(tmp_path):
    _project(tmp_path, packs='["ai-tells"]')
    mods = _modules_after_check(tmp_path)
    assert "brandlint_onnx.plugin" in mods  # the plugin was loaded...
    heavy = {m for m in mods if m.split(".")[0] in ("onnxruntime", "numpy", "tokenizers")}
    assert heavy == set()  # ...but nothing heavy came with it
    assert "brandlint_onnx.runtime" not in mods


def test_onnxruntime_imported_when_a_classifier_rule_is_enabled(tmp_path):
    _project(tmp_path)
    mods = _modules_after_check(tmp_path)
    assert {"onnxruntime", "brandlint_onnx.runtime"} <= mods
