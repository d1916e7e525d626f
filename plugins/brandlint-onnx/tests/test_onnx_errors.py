"""Bad models and bad rule files: clear errors at build time, no crash at check time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from onnx_support import SHIPPED_MODEL, run_cli, sha256, write

from brandlint.config.settings import load_settings
from brandlint.documents.base import Document, LineIndex, Segment
from brandlint.errors import ConfigError
from brandlint.findings import Severity
from brandlint.pipeline import lint_file
from brandlint.rules.base import RuleContext

GOOD = 'kind = "classifier"\nmodel = "{model}"\nsha256 = "{sha}"\nflag = ["hype"]\nthreshold = 0.8\n'


def _project(tmp_path: Path, rule: str, model: Path | None = SHIPPED_MODEL, name: str = "m.onnx") -> Path:
    house = tmp_path / "rules" / "house"
    house.mkdir(parents=True, exist_ok=True)
    if model is not None:
        shutil.copy(model, house / name)
    write(house / "tone.toml", rule)
    write(tmp_path / "brandlint.toml", 'packs = ["rules/house"]\n')
    return tmp_path / "brandlint.toml"


def _error(cfg: Path) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_settings(cfg)
    err = info.value
    assert err.path.endswith(str(Path("rules", "house", "tone.toml")))
    return err


def test_missing_model_file(tmp_path):
    err = _error(_project(tmp_path, GOOD.format(model="models/nope.onnx", sha="0" * 64), model=None))
    assert err.key == "model" and err.line == 2
    assert "model file not found" in err.message and "nope.onnx" in err.message
    assert "relative to the rule file" in err.hint


def test_wrong_hash(tmp_path):
    err = _error(_project(tmp_path, GOOD.format(model="m.onnx", sha="ab" * 32)))
    assert err.key == "sha256" and err.line == 3
    assert "sha256 mismatch" in err.message
    assert "ab" * 32 in err.message and sha256(SHIPPED_MODEL) in err.message


def test_missing_hash_suggests_the_actual_one(tmp_path):
    err = _error(_project(tmp_path, 'kind = "classifier"\nmodel = "m.onnx"\nflag = ["hype"]\n'))
    assert err.key == "sha256"
    assert f'sha256 = "{sha256(SHIPPED_MODEL)}"' in err.hint


def test_wrong_input_names(tmp_path, tiny_transformer):
    model = tiny_transformer["wrong"]
    err = _error(_project(tmp_path, GOOD.format(model="m.onnx", sha=sha256(model)), model=model))
    assert err.key == "model"
    assert "unsupported model inputs: features (tensor(float))" in err.message
    assert "input_ids + attention_mask" in err.hint


def test_label_the_model_does_not_have(tmp_path):
    rule = GOOD.format(model="m.onnx", sha=sha256(SHIPPED_MODEL)) + 'labels = ["hype", "calm"]\n'
    err = _error(_project(tmp_path, rule))
    assert err.key == "labels" and err.line == 6
    assert "'calm' is not a label of the model (it has: hype, neutral)" in err.message


def test_flag_label_the_model_does_not_have(tmp_path):
    rule = GOOD.format(model="m.onnx", sha=sha256(SHIPPED_MODEL)).replace('flag = ["hype"]', 'flag = ["spam"]')
    err = _error(_project(tmp_path, rule))
    assert err.key == "flag" and "'spam'" in err.message


def test_bad_threshold_and_message(tmp_path):
    rule = GOOD.format(model="m.onnx", sha=sha256(SHIPPED_MODEL)).replace("0.8", "1.5")
    assert _error(_project(tmp_path, rule)).key == "threshold"
    rule = GOOD.format(model="m.onnx", sha=sha256(SHIPPED_MODEL)) + 'message = "{probability:.0q}"\n'
    assert _error(_project(tmp_path / "b", rule)).key == "message"


def test_cli_reports_the_rule_file_and_exits_2(tmp_path):
    _project(tmp_path, GOOD.format(model="m.onnx", sha="cd" * 32))
    write(tmp_path / "doc.txt", "Some text.\n")
    r = run_cli("check", "doc.txt", cwd=tmp_path)
    assert r.returncode == 2
    assert "rules/house/tone.toml:3: sha256: sha256 mismatch" in r.stderr.replace("\\", "/")
    assert "Traceback" not in r.stderr


def test_empty_segments_are_skipped(tmp_path):
    cfg = _project(tmp_path, GOOD.format(model="m.onnx", sha=sha256(SHIPPED_MODEL)))
    rule = load_settings(cfg).all_rules[0]
    source = "\n   \n"
    doc = Document("x.txt", "text", source, [Segment("", ()), Segment("   \n ", ((0, 5, 0, 5),))], LineIndex(source))
    assert list(rule.check(doc, RuleContext())) == []
    empty = Document("y.txt", "text", "", [], LineIndex(""))
    assert list(rule.check(empty, RuleContext())) == []


def test_inference_failure_is_one_finding_and_other_rules_still_run(tmp_path, tiny_transformer):
    model = tiny_transformer["broken"]  # its embedding is too small: Gather fails at run time
    cfg = _project(tmp_path, GOOD.format(model="m.onnx", sha=sha256(model)), model=model)
    shutil.copy(tiny_transformer["tokenizer"], tmp_path / "rules" / "house" / "tokenizer.json")
    write(tmp_path / "rules" / "house" / "shout.toml", 'kind = "existence"\ntokens = ["editor"]\n')
    doc = write(tmp_path / "doc.txt", "An amazing, revolutionary editor.\n\nThe importer reads CSV files.\n")
    findings = lint_file(doc, load_settings(cfg)).findings
    by_rule = {}
    for f in findings:
        by_rule.setdefault(f.rule_id, []).append(f)
    assert [f.matched for f in by_rule["house/shout"]] == ["editor"]
    (err,) = by_rule["house/tone"]
    assert err.severity == Severity.ERROR
    assert err.message.startswith("classifier model m.onnx failed: ")
    assert (err.span.start.line, err.span.start.column) == (1, 1)
