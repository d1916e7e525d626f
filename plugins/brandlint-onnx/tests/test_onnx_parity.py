"""The shipped model equals what training/train.py produces, and ONNX equals scikit-learn."""

from __future__ import annotations

import hashlib
import sys

import numpy as np
import pytest
from onnx_support import PLUGIN, SHIPPED_MODEL, sha256

pytest.importorskip("sklearn")
pytest.importorskip("skl2onnx")
sys.path.insert(0, str(PLUGIN / "training"))
import train  # noqa: E402


@pytest.fixture(scope="module")
def trained():
    return train.train()


def test_onnx_probabilities_equal_sklearn_on_the_held_out_set(trained):
    import onnxruntime as ort

    pipe, _, held = trained
    edge = [
        "",
        "!!!",
        "AMAZING REVOLUTIONARY EDITOR",
        "\u00dcnleash the \u00dcberfast na\u00efve caf\u00e9 \u2014 \u6771\u4eac!",
        "Blazing-fast, world-class & best-in-class!!!",
        "tab\there\nnewline amazing",
    ]
    texts = [r.text for r in held] + edge
    expected = pipe.predict_proba(texts)
    sess = ort.InferenceSession(str(SHIPPED_MODEL), providers=["CPUExecutionProvider"])
    got = sess.run(["probabilities"], {"text": np.array(texts, dtype=object).reshape(-1, 1)})[0]
    assert got.shape == expected.shape == (len(texts), 2)
    assert np.abs(got - expected).max() < 1e-5


def test_retraining_reproduces_the_shipped_file(trained):
    import onnxruntime as ort

    meta = ort.InferenceSession(str(SHIPPED_MODEL), providers=["CPUExecutionProvider"]).get_modelmeta()
    recorded = meta.custom_metadata_map.get("brandlint.trained-with")
    if recorded != train.trained_with():
        pytest.skip(f"shipped model built with {recorded}; here: {train.trained_with()}")
    blob = train.to_onnx_bytes(trained[0], train.data_digest())
    assert hashlib.sha256(blob).hexdigest() == sha256(SHIPPED_MODEL)


def test_pack_pins_the_shipped_model_hash():
    text = train.PACK_RULE.read_text(encoding="utf-8")
    assert f'sha256 = "{sha256(SHIPPED_MODEL)}"' in text
    assert SHIPPED_MODEL.stat().st_size < 5 * 1024 * 1024
