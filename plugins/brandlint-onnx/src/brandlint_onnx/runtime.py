"""Loading ONNX classifiers once per process and running them in sorted batches.

Two input styles are detected from the model's inputs:

``text``
    one ``tensor(string)`` input (e.g. a scikit-learn TF-IDF + LogisticRegression pipeline
    converted with skl2onnx): raw strings go in.
``transformer``
    ``input_ids`` and ``attention_mask`` (and optionally ``token_type_ids``) integer inputs,
    fed by a Hugging Face ``tokenizers`` ``tokenizer.json``.

The output used is the ``output`` option, else one named ``probabilities``/``probs``/``logits``
(``logits`` get a softmax), else the first 2-D float output (also the skl2onnx ZipMap
``output_probability`` sequence of maps is understood).

This module imports onnxruntime and numpy at the top: it is imported only when a classifier
rule is built (see ``rule.py``), never when brandlint starts.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort

TRANSFORMER_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
_PROB_NAMES = ("probabilities", "probability", "probs", "output_probability")
_LOGIT_NAMES = ("logits",)
CACHE_SIZE = 20_000  # unit texts whose probabilities are kept per model (LRU)


class ModelError(Exception):
    """A model that cannot be used: the rule turns it into a ConfigError naming the key."""

    def __init__(self, message: str, *, key: str = "model", hint: str = "") -> None:
        super().__init__(message)
        self.message, self.key, self.hint = message, key, hint


# --------------------------------------------------------------------------- hashing
_HASHES: dict[tuple, str] = {}


def file_sha256(path: Path) -> str:
    """sha256 of a file, cached per (path, size, mtime) so rebuilt rules do not re-read it."""
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    digest = _HASHES.get(key)
    if digest is None:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        digest = _HASHES[key] = h.hexdigest()
    return digest


# --------------------------------------------------------------------------- sessions
_LOCK = threading.Lock()
_SESSIONS: dict[tuple[str, str], ort.InferenceSession] = {}
_MODELS: dict[tuple, LoadedModel] = {}
_TOKENIZERS: dict[tuple, Any] = {}


def session_for(path: Path, sha256: str, threads: int = 1) -> ort.InferenceSession:
    """One InferenceSession per process per model file (keyed by path and sha256).

    ``threads`` is onnxruntime's intra-op thread count (0: its default, one per core); the
    first rule to load a model decides it.
    """
    key = (str(path), sha256)
    with _LOCK:
        sess = _SESSIONS.get(key)
        if sess is None:
            so = ort.SessionOptions()
            so.intra_op_num_threads = max(0, int(threads))
            so.inter_op_num_threads = 1
            so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
            so.log_severity_level = 3  # errors only; warnings would clutter lint output
            try:
                sess = ort.InferenceSession(str(path), sess_options=so, providers=["CPUExecutionProvider"])
            except Exception as exc:  # onnxruntime raises its own exception types
                raise ModelError(
                    f"onnxruntime cannot load {path.name}: {_short(exc)}",
                    hint="is it an ONNX model file? re-export it, then update sha256",
                ) from None
            _SESSIONS[key] = sess
        return sess


def _short(exc: BaseException, limit: int = 300) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[:limit] + "..."


def metadata_labels(sess: ort.InferenceSession) -> list[str] | None:
    """Labels stored in the model: metadata_props ``labels`` (JSON list or comma-separated)
    or ``id2label`` (JSON object, Hugging Face style)."""
    meta = sess.get_modelmeta().custom_metadata_map
    raw = meta.get("labels")
    if raw:
        try:
            value = json.loads(raw)
        except ValueError:
            value = [p.strip() for p in raw.split(",") if p.strip()]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
    raw = meta.get("id2label")
    if raw:
        try:
            mapping = json.loads(raw)
            return [str(mapping[k]) for k in sorted(mapping, key=lambda k: int(k))]
        except (ValueError, KeyError, TypeError):
            pass
    return None


# --------------------------------------------------------------------------- model wrapper
@dataclass
class LoadedModel:
    """A session plus how to feed it and read it; predicts with a per-model LRU cache."""

    path: Path
    sha256: str
    session: ort.InferenceSession
    style: str  # "text" | "transformer"
    output: str
    output_kind: str  # "probabilities" | "logits" | "zipmap"
    labels: list[str] | None  # from the model's metadata, if it has them
    n_classes: int | None
    text_input: str = ""
    text_rank: int = 2
    tokenizer: Any = None
    pad_id: int = 0
    int_dtype: Any = np.int64
    has_token_types: bool = False
    cache_key: tuple = ()
    _cache: OrderedDict = field(default_factory=OrderedDict, repr=False)

    # -- inference -------------------------------------------------------------------
    def predict(self, texts: Sequence[str], batch_size: int = 64, labels: Sequence[str] | None = None) -> np.ndarray:
        """Class probabilities, shape (len(texts), n_classes), in the model's label order.

        Texts are deduplicated and looked up in the cache; the rest run sorted by length in
        batches of ``batch_size`` (short with short, so a transformer pads little). A row is
        NaN when the text produced no tokens.
        """
        n = len(texts)
        rows: list[np.ndarray | None] = [None] * n
        todo: dict[str, list[int]] = {}
        for i, t in enumerate(texts):
            hit = self._cache.get(t)
            if hit is not None:
                self._cache.move_to_end(t)
                rows[i] = hit
            else:
                todo.setdefault(t, []).append(i)
        if todo:
            pending = sorted(todo, key=len)
            size = max(1, int(batch_size))
            for b in range(0, len(pending), size):
                chunk = pending[b : b + size]
                probs = self._run(chunk, labels)
                for t, row in zip(chunk, probs):
                    self._remember(t, row)
                    for i in todo[t]:
                        rows[i] = row
        if not rows:
            return np.zeros((0, self.n_classes or 0), dtype=np.float32)
        return np.vstack(rows)

    def _remember(self, text: str, row: np.ndarray) -> None:
        self._cache[text] = row
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)

    def clear_cache(self) -> None:
        self._cache.clear()

    def _run(self, texts: list[str], labels: Sequence[str] | None) -> np.ndarray:
        if self.style == "text":
            arr = np.array(texts, dtype=object)
            feeds = {self.text_input: arr.reshape(-1, 1) if self.text_rank == 2 else arr}
            empty = np.zeros(len(texts), dtype=bool)
        else:
            feeds, empty = self._encode(texts)
        out = self.session.run([self.output], feeds)[0]
        if self.output_kind == "zipmap":
            names = list(labels or self.labels or sorted(out[0]))
            probs = np.array([[float(d[k]) for k in names] for d in out], dtype=np.float32)
        else:
            probs = np.asarray(out, dtype=np.float32)
            if probs.ndim == 1:  # a single score per row: P(second label)
                probs = np.stack([1.0 - probs, probs], axis=1)
            if probs.ndim != 2 or probs.shape[0] != len(texts):
                raise RuntimeError(
                    f"output {self.output!r} has shape {list(probs.shape)}, expected [{len(texts)}, n_labels]"
                )
            if self.output_kind == "logits":
                z = probs - probs.max(axis=1, keepdims=True)
                e = np.exp(z)
                probs = e / e.sum(axis=1, keepdims=True)
        want = len(labels) if labels else self.n_classes
        if want and probs.shape[1] != want:
            raise RuntimeError(f"the model returned {probs.shape[1]} scores per text but {want} labels are configured")
        if empty.any():
            probs = probs.copy()
            probs[empty] = np.nan
        return probs

    def _encode(self, texts: list[str]) -> tuple[dict[str, np.ndarray], np.ndarray]:
        encs = self.tokenizer.encode_batch(list(texts))
        width = max(1, max((len(e.ids) for e in encs), default=0))
        n = len(encs)
        ids = np.full((n, width), self.pad_id, dtype=self.int_dtype)
        mask = np.zeros((n, width), dtype=self.int_dtype)
        types = np.zeros((n, width), dtype=self.int_dtype) if self.has_token_types else None
        for i, e in enumerate(encs):
            k = len(e.ids)
            ids[i, :k] = e.ids
            mask[i, :k] = 1
            if types is not None and k:
                types[i, :k] = e.type_ids
        feeds = {"input_ids": ids, "attention_mask": mask}
        if types is not None:
            feeds["token_type_ids"] = types
        return feeds, mask.sum(axis=1) == 0


def load_model(
    path: Path, sha256: str, *, threads: int = 1, tokenizer: Path | None = None, max_length: int = 256, output: str = ""
) -> LoadedModel:
    """Load (once per process) and inspect a model; raises ModelError with a key and a hint."""
    key = (str(path), sha256, str(tokenizer) if tokenizer else "", int(max_length), output)
    with _LOCK:
        cached = _MODELS.get(key)
    if cached is not None:
        return cached
    sess = session_for(path, sha256, threads)
    inputs = sess.get_inputs()
    names = [i.name for i in inputs]
    kw: dict[str, Any] = {}
    if "input_ids" in names and "attention_mask" in names and set(names) <= set(TRANSFORMER_INPUTS):
        style = "transformer"
        itype = next(i.type for i in inputs if i.name == "input_ids")
        if itype not in ("tensor(int64)", "tensor(int32)"):
            raise ModelError(f"input 'input_ids' has type {itype}, expected tensor(int64) or tensor(int32)")
        kw["int_dtype"] = np.int32 if itype == "tensor(int32)" else np.int64
        kw["has_token_types"] = "token_type_ids" in names
        tok_path = tokenizer or path.with_name("tokenizer.json")
        kw["tokenizer"], kw["pad_id"] = _load_tokenizer(tok_path, max_length, explicit=tokenizer is not None)
    elif len(inputs) == 1 and inputs[0].type == "tensor(string)":
        style = "text"
        kw["text_input"] = inputs[0].name
        kw["text_rank"] = len(inputs[0].shape or [None, 1])
    else:
        shown = ", ".join(f"{i.name} ({i.type})" for i in inputs)
        raise ModelError(
            f"unsupported model inputs: {shown}",
            hint="a classifier model needs either one string input (a scikit-learn pipeline converted "
            "with skl2onnx) or the transformer inputs input_ids + attention_mask (+ token_type_ids); "
            "re-export the model with those input names",
        )
    out_name, out_kind, n_classes = _pick_output(sess, output)
    model = LoadedModel(
        path=path,
        sha256=sha256,
        session=sess,
        style=style,
        output=out_name,
        output_kind=out_kind,
        labels=metadata_labels(sess),
        n_classes=n_classes,
        cache_key=key,
        **kw,
    )
    with _LOCK:
        return _MODELS.setdefault(key, model)


def _pick_output(sess: ort.InferenceSession, wanted: str) -> tuple[str, str, int | None]:
    outs = sess.get_outputs()
    by_name = {o.name: o for o in outs}
    if wanted:
        if wanted not in by_name:
            raise ModelError(f"the model has no output {wanted!r} (outputs: {', '.join(by_name)})", key="output")
        chosen = by_name[wanted]
    else:
        chosen = next((by_name[n] for n in _PROB_NAMES + _LOGIT_NAMES if n in by_name), None)
        if chosen is None:
            chosen = next((o for o in outs if o.type == "tensor(float)" and len(o.shape or ()) == 2), None)
        if chosen is None:
            raise ModelError(
                f"cannot tell which output holds the scores (outputs: {', '.join(by_name)})",
                key="output",
                hint='set output = "<name>" in the rule file',
            )
    if chosen.type.startswith("seq(map("):
        return chosen.name, "zipmap", None
    if chosen.type not in ("tensor(float)", "tensor(double)", "tensor(float16)"):
        raise ModelError(f"output {chosen.name!r} has type {chosen.type}, expected float scores", key="output")
    kind = "logits" if "logit" in chosen.name.lower() else "probabilities"
    shape = chosen.shape or []
    n = shape[1] if len(shape) == 2 and isinstance(shape[1], int) else None
    return chosen.name, kind, n


def _load_tokenizer(path: Path, max_length: int, *, explicit: bool) -> tuple[Any, int]:
    if not path.is_file():
        raise ModelError(
            f"tokenizer file not found: {path}",
            key="tokenizer" if explicit else "model",
            hint="transformer-style models need a Hugging Face tokenizer.json: put it next to "
            'the model or set tokenizer = "path/to/tokenizer.json"',
        )
    try:
        from tokenizers import Tokenizer  # lazy: only transformer-style models need it
    except ImportError:
        raise ModelError(
            "the tokenizers package is needed for transformer-style models",
            key="tokenizer",
            hint="pip install 'brandlint-onnx[transformer]'",
        ) from None
    key = (str(path), file_sha256(path), int(max_length))
    hit = _TOKENIZERS.get(key)
    if hit is None:
        try:
            tok = Tokenizer.from_file(str(path))
        except Exception as exc:
            raise ModelError(f"cannot read tokenizer {path}: {_short(exc)}", key="tokenizer") from None
        tok.no_padding()
        tok.enable_truncation(max_length=int(max_length))
        pad = None
        for name in ("[PAD]", "<pad>", "<PAD>", "[pad]"):
            pad = tok.token_to_id(name)
            if pad is not None:
                break
        hit = _TOKENIZERS[key] = (tok, int(pad or 0))
    return hit


def clear_caches() -> None:
    """Forget every model's cached probabilities (benchmarks; sessions are kept)."""
    for m in _MODELS.values():
        m.clear_cache()


def default_threads() -> int:
    return int(os.environ.get("BRANDLINT_ONNX_THREADS", "1"))
