"""The transformer input style: a tiny graph built with onnx.helper and a WordPiece tokenizer."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
from onnx_support import expected_transformer_probability, sha256, write

from brandlint.config.settings import load_settings
from brandlint.pipeline import lint_file

NEUTRAL = "The importer reads CSV files and writes one error file per run."
HYPE = "An amazing, revolutionary editor with incredible, magical speed!"


def _project(tmp_path: Path, model: Path, tokenizer: Path, extra: str = "", tok_name: str = "tokenizer.json") -> Path:
    d = tmp_path / "rules" / "tiny"
    d.mkdir(parents=True)
    shutil.copy(model, d / "model.onnx")
    shutil.copy(tokenizer, d / tok_name)
    write(
        d / "tone.toml",
        'kind = "classifier"\nmodel = "model.onnx"\n'
        f'sha256 = "{sha256(model)}"\nflag = ["hype"]\nthreshold = 0.8\ngranularity = "sentence"\n'
        'max-length = 32\nmessage = "Reads as {label} ({probability:.4f})"\n' + extra,
    )
    write(tmp_path / "brandlint.toml", 'packs = ["rules/tiny"]\n')
    return tmp_path / "brandlint.toml"


def _check(tmp_path: Path, cfg: Path):
    doc = write(tmp_path / "doc.txt", f"Intro line.\n\n{NEUTRAL} {HYPE}\n")
    return lint_file(doc, load_settings(cfg)).findings


def test_transformer_model_flags_the_hype_sentence(tmp_path, tiny_transformer):
    cfg = _project(tmp_path, tiny_transformer["model"], tiny_transformer["tokenizer"])
    (f,) = _check(tmp_path, cfg)
    p = expected_transformer_probability(tiny_transformer["tokenizer"], HYPE, 32)
    assert p > 0.8
    assert f.rule_id == "tiny/tone"
    assert (f.span.start.line, f.span.start.column) == (3, len(NEUTRAL) + 2)
    assert (f.span.end.line, f.span.end.column) == (3, len(NEUTRAL) + 2 + len(HYPE))
    assert f.matched == HYPE
    assert f.message == f"Reads as hype ({p:.4f})"


def test_token_type_ids_and_explicit_tokenizer_option(tmp_path, tiny_transformer):
    cfg = _project(
        tmp_path,
        tiny_transformer["typed"],
        tiny_transformer["tokenizer"],
        extra='tokenizer = "vocab/wp.json"\n',
        tok_name="unused.json",
    )
    (tmp_path / "rules" / "tiny" / "vocab").mkdir()
    shutil.copy(tiny_transformer["tokenizer"], tmp_path / "rules" / "tiny" / "vocab" / "wp.json")
    (f,) = _check(tmp_path, cfg)
    assert f.matched == HYPE


def test_sorted_batches_give_the_same_probabilities_as_one_by_one(tmp_path, tiny_transformer):
    cfg = _project(tmp_path, tiny_transformer["model"], tiny_transformer["tokenizer"])
    rule = load_settings(cfg).all_rules[0]
    texts = [HYPE, NEUTRAL, "Amazing!", NEUTRAL + " " + NEUTRAL, "Open the settings page.", HYPE + " " + NEUTRAL]
    rule.model.clear_cache()
    single = np.vstack([rule.model.predict([t], batch_size=1) for t in texts])
    rule.model.clear_cache()
    batched = rule.model.predict(texts, batch_size=4)
    np.testing.assert_allclose(single, batched, atol=1e-6)
    for t, row in zip(texts, batched):
        assert abs(row[0] - expected_transformer_probability(tiny_transformer["tokenizer"], t, 32)) < 1e-5


def test_missing_tokenizer_is_a_config_error(tmp_path, tiny_transformer):
    import pytest

    from brandlint.errors import ConfigError

    cfg = _project(tmp_path, tiny_transformer["model"], tiny_transformer["tokenizer"], tok_name="other.json")
    with pytest.raises(ConfigError) as info:
        load_settings(cfg)
    assert "tokenizer file not found" in info.value.message
    assert "tokenizer.json" in info.value.hint
