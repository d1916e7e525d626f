"""Helpers for the brandlint-onnx tests: a CLI runner and tiny models built on the spot."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PLUGIN = Path(__file__).resolve().parents[1]
SHIPPED_MODEL = PLUGIN / "src" / "brandlint_onnx" / "models" / "tone-hype.onnx"
HYPE_WORDS = ("amazing", "revolutionary", "incredible", "unleash", "magical")


def run_cli(*args: str, cwd: Path, extra: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("BRANDLINT_CACHE_DIR", None)
    env["NO_COLOR"] = "1"
    cmd = [sys.executable, *extra, *args] if "-c" in extra else [sys.executable, *extra, "-m", "brandlint", *args]
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


CORPUS = """
The importer reads CSV files and writes one error file per run.
Open the settings page and select a region for your data.
An amazing, revolutionary, incredible editor that will unleash magical speed!
The scheduler retries a failed job three times before it gives up.
Unleash amazing power with our incredible and revolutionary new dashboard.
Each workspace has its own members, keys and billing settings.
""".strip().splitlines()


def build_wordpiece(path: Path) -> Path:
    """A WordPiece tokenizer.json trained on a few sentences (offline, deterministic)."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers

    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    trainer = trainers.WordPieceTrainer(
        vocab_size=300, min_frequency=1, special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
    )
    tok.train_from_iterator(CORPUS * 3, trainer=trainer)
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        special_tokens=[("[CLS]", tok.token_to_id("[CLS]")), ("[SEP]", tok.token_to_id("[SEP]"))],
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    tok.save(str(path))
    return path


def tiny_weights(tokenizer_path: Path, vocab_size: int | None = None):
    """Embedding [V, 2] = (is a hype word, 1); W maps (hype share, 1) to (hype, neutral) logits."""
    import numpy as np
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer_path))
    vocab = tok.get_vocab()
    v = vocab_size or (max(vocab.values()) + 1)  # a smaller size makes Gather fail at run time
    emb = np.zeros((v, 2), dtype=np.float32)
    emb[:, 1] = 1.0
    for word in HYPE_WORDS:
        if word in vocab and vocab[word] < emb.shape[0]:
            emb[vocab[word], 0] = 1.0
    w = np.array([[10.0, -10.0], [-2.0, 2.0]], dtype=np.float32)
    b = np.zeros(2, dtype=np.float32)
    return emb, w, b


def build_transformer_model(
    path: Path,
    tokenizer_path: Path,
    *,
    token_type_ids: bool = False,
    vocab_size: int | None = None,
    labels=("hype", "neutral"),
    output_name: str = "logits",
) -> Path:
    """input_ids / attention_mask (/ token_type_ids) -> Gather embedding -> masked mean -> MatMul -> logits."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    emb, w, b = tiny_weights(tokenizer_path, vocab_size)
    inputs = [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"]),
        helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"]),
    ]
    inits = [
        numpy_helper.from_array(emb, "emb"),
        numpy_helper.from_array(w, "W"),
        numpy_helper.from_array(b, "B"),
        numpy_helper.from_array(__import__("numpy").array([1], dtype="int64"), "axis1"),
        numpy_helper.from_array(__import__("numpy").array([2], dtype="int64"), "axis2"),
    ]
    nodes = [helper.make_node("Gather", ["emb", "input_ids"], ["tok"], axis=0)]
    tok_out = "tok"
    if token_type_ids:
        import numpy as np

        inputs.append(helper.make_tensor_value_info("token_type_ids", TensorProto.INT64, ["batch", "seq"]))
        inits.append(numpy_helper.from_array(np.zeros((2, 2), dtype=np.float32), "type_emb"))
        nodes += [
            helper.make_node("Gather", ["type_emb", "token_type_ids"], ["typ"], axis=0),
            helper.make_node("Add", ["tok", "typ"], ["tok2"]),
        ]
        tok_out = "tok2"
    nodes += [
        helper.make_node("Cast", ["attention_mask"], ["maskf"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["maskf", "axis2"], ["mask3"]),
        helper.make_node("Mul", [tok_out, "mask3"], ["masked"]),
        helper.make_node("ReduceSum", ["masked", "axis1"], ["summed"], keepdims=0),
        helper.make_node("ReduceSum", ["maskf", "axis1"], ["count"], keepdims=1),
        helper.make_node("Div", ["summed", "count"], ["pooled"]),
        helper.make_node("MatMul", ["pooled", "W"], ["mm"]),
        helper.make_node("Add", ["mm", "B"], [output_name]),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny-classifier",
        inputs,
        [helper.make_tensor_value_info(output_name, TensorProto.FLOAT, ["batch", 2])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    if labels:
        helper.set_model_props(model, {"labels": json.dumps(list(labels))})
    onnx.checker.check_model(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(path))
    return path


def build_wrong_inputs_model(path: Path) -> Path:
    """A valid ONNX model whose input is a float tensor named 'features' (not a text model)."""
    import onnx
    from onnx import TensorProto, helper

    graph = helper.make_graph(
        [helper.make_node("Identity", ["features"], ["probabilities"])],
        "wrong",
        [helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", 2])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", 2])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(path))
    return path


def expected_transformer_probability(tokenizer_path: Path, text: str, max_length: int = 256) -> float:
    """P(hype) for ``text`` computed with numpy, independently of the plugin."""
    import numpy as np
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer_path))
    tok.enable_truncation(max_length=max_length)
    emb, w, b = tiny_weights(tokenizer_path)
    ids = tok.encode(text).ids
    pooled = emb[ids].mean(axis=0)
    z = pooled @ w + b
    e = np.exp(z - z.max())
    return float((e / e.sum())[0])


@pytest.fixture(scope="session")
def tiny_transformer(tmp_path_factory) -> dict[str, Path]:
    pytest.importorskip("tokenizers")
    pytest.importorskip("onnx")
    d = tmp_path_factory.mktemp("tiny")
    tok = build_wordpiece(d / "models" / "tokenizer.json")
    model = build_transformer_model(d / "models" / "tiny.onnx", tok)
    typed = build_transformer_model(d / "typed" / "tiny-typed.onnx", tok, token_type_ids=True)
    write(d / "typed" / "tokenizer.json", tok.read_text(encoding="utf-8"))
    broken = build_transformer_model(d / "broken" / "tiny-broken.onnx", tok, vocab_size=8)
    write(d / "broken" / "tokenizer.json", tok.read_text(encoding="utf-8"))
    wrong = build_wrong_inputs_model(d / "wrong" / "features.onnx")
    return {"dir": d, "tokenizer": tok, "model": model, "typed": typed, "broken": broken, "wrong": wrong}
