"""The ``classifier`` rule kind: flag text a local ONNX model labels as a violation.

A rule file (one TOML file in a rule pack)::

    kind = "classifier"
    model = "models/tone.onnx"          # relative to this file's directory
    sha256 = "..."                       # of the model file; a mismatch is an error
    labels = ["hype", "neutral"]         # optional when the model stores them (metadata_props)
    flag = ["hype"]                      # which labels are violations
    threshold = 0.8                      # probability needed to flag
    granularity = "paragraph"            # sentence | paragraph | section | document
    message = "Reads as {label} ({probability:.0%})."

This module imports nothing heavy at the top: onnxruntime and numpy come in with
``runtime`` when a rule is built.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata as md
import math
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from brandlint.documents.base import Document
from brandlint.findings import Finding, Severity
from brandlint.rules.base import FixAvailability, Option, Rule, RuleContext, RuleMeta

from .units import GRANULARITIES, Unit, units_for

DEFAULT_MESSAGE = "Reads as {label} ({probability:.0%})."


class ClassifierRule(Rule):
    kind = "classifier"
    needs = frozenset({"onnx"})  # tells the core this rule loads a model (worker pool sizing, cache key)
    fix_availability = FixAvailability.NEVER  # a label says what is wrong, not how to rewrite it
    segment_local = False  # sections and documents span segments; units are batched per document
    summary = "Flags sentences, paragraphs, sections or documents that a local ONNX classifier labels as a violation."
    options = {
        "model": Option("str", required=True, doc="ONNX model file, relative to the rule file's directory."),
        "sha256": Option("str", "", doc="Expected sha256 of the model file (hex); a mismatch is an error."),
        "labels": Option("str-list", [], doc="Label of each model output column; default: the model's metadata."),
        "flag": Option("str-list", required=True, doc="Labels that are violations."),
        "threshold": Option("float", 0.5, doc="Probability of a flagged label needed to report it."),
        "granularity": Option(
            "choice",
            "paragraph",
            choices=GRANULARITIES,
            doc="What is classified: each sentence, paragraph, heading-to-heading section, or the document.",
        ),
        "min-words": Option("int", 1, doc="Skip units with fewer words (short fragments classify poorly)."),
        "tokenizer": Option("str", "", doc="tokenizer.json for transformer-style models; default: next to the model."),
        "max-length": Option("int", 256, doc="Transformer models: truncate each unit to this many tokens."),
        "batch-size": Option("int", 64, doc="Units per inference call (sorted by length first)."),
        "threads": Option(
            "int", None, doc="onnxruntime intra-op threads (0: one per core; default 1, or $BRANDLINT_ONNX_THREADS)."
        ),
        "output": Option("str", "", doc="Model output holding the scores; default: detected."),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        if meta.message == type(self).summary:  # no message in the rule file
            meta = dataclasses.replace(meta, message=DEFAULT_MESSAGE)
        super().__init__(meta, opts)
        self._prefetched: dict[int, tuple[Document, list[Unit]]] = {}
        self._build()

    # -- building: every problem is a ConfigError naming the rule file and key ------------
    def _build(self) -> None:
        o = self.opts
        base = Path(self.meta.source).resolve().parent if self.meta.source else Path.cwd()
        self.threshold = float(o["threshold"])
        if not 0.0 <= self.threshold <= 1.0:
            raise self.config_error(f"threshold must be between 0 and 1, got {self.threshold}", "threshold")
        self.batch_size = int(o["batch-size"])
        if self.batch_size < 1:
            raise self.config_error("batch-size must be at least 1", "batch-size")
        if int(o["max-length"]) < 1:
            raise self.config_error("max-length must be at least 1", "max-length")
        self.min_words = max(0, int(o["min-words"]))
        self.granularity = o["granularity"]
        try:
            self.format_message(label="x", probability=0.5, threshold=0.5, match="x")
        except (ValueError, TypeError, IndexError, KeyError) as exc:
            raise self.config_error(
                f"message template does not format: {exc}",
                "message",
                hint="placeholders: {label}, {probability} (e.g. {probability:.0%}), {threshold}, {match}",
            ) from None

        path = Path(o["model"])
        path = path if path.is_absolute() else (base / path)
        if not path.is_file():
            raise self.config_error(
                f"model file not found: {path}",
                "model",
                hint="the path is relative to the rule file's directory; check it, or install "
                "the package that ships the model",
            )
        from . import runtime  # lazy: onnxruntime and numpy (~150 ms) load only when a classifier rule is built

        actual = runtime.file_sha256(path)
        expected = str(o["sha256"] or "").strip().lower()
        if not expected:
            raise self.config_error(
                "missing 'sha256' of the model file",
                "sha256",
                hint=f'if {path.name} is the file you expect, add sha256 = "{actual}"',
            )
        if expected != actual:
            raise self.config_error(
                f"sha256 mismatch for {path}: the rule expects {expected}, the file has {actual}",
                "sha256",
                hint="the model file changed: restore the expected file, or update sha256 if the new model is intended",
            )
        tok = Path(o["tokenizer"]) if o["tokenizer"] else None
        if tok is not None and not tok.is_absolute():
            tok = base / tok
        threads = runtime.default_threads() if o["threads"] is None else int(o["threads"])
        try:
            self.model = runtime.load_model(
                path, actual, threads=threads, tokenizer=tok, max_length=int(o["max-length"]), output=o["output"]
            )
        except runtime.ModelError as exc:
            raise self.config_error(exc.message, exc.key, hint=exc.hint) from None

        model_labels = self.model.labels
        labels = list(o["labels"] or [])
        if labels and model_labels:
            unknown = [lab for lab in labels if lab not in model_labels]
            if unknown:
                raise self.config_error(
                    f"label {unknown[0]!r} is not a label of the model (it has: {', '.join(model_labels)})",
                    "labels",
                    hint="fix the spelling, or remove 'labels' to use the model's own",
                )
            if labels != model_labels:
                raise self.config_error(
                    f"labels {labels} do not match the model's labels {model_labels}",
                    "labels",
                    hint="list every label in the model's order, or remove 'labels'",
                )
        labels = labels or list(model_labels or [])
        if not labels:
            raise self.config_error(
                f"{path.name} stores no labels",
                "labels",
                hint="add labels = [...] in the order of the model's output columns",
            )
        n = self.model.n_classes
        if n is not None and n != len(labels):
            raise self.config_error(f"{len(labels)} labels configured but the model outputs {n} scores", "labels")
        if len(set(labels)) != len(labels):
            raise self.config_error("labels must be unique", "labels")
        self.labels = labels
        flag = list(o["flag"])
        if not flag:
            raise self.config_error("'flag' is empty: name at least one label to report", "flag")
        for lab in flag:
            if lab not in labels:
                raise self.config_error(
                    f"flag label {lab!r} is not a label of the model (it has: {', '.join(labels)})",
                    "flag",
                    hint="use one of the model's labels",
                )
        self.flag_idx = [(labels.index(lab), lab) for lab in flag]

    def cache_token(self) -> str:
        """What the findings depend on besides the rule file, for brandlint's result cache:
        the model's verified sha256, the tokenizer's digest, the output read, and the
        onnxruntime version (the ``onnx`` service's token repeats the versions)."""
        try:
            ort_version = md.version("onnxruntime")
        except md.PackageNotFoundError:
            ort_version = "?"
        m = self.model
        tok = ""
        if m.tokenizer is not None:
            from . import runtime  # lazy: onnxruntime and numpy (see _load)

            tok_path = Path(m.cache_key[2]) if m.cache_key[2] else m.path.with_name("tokenizer.json")
            tok = runtime.file_sha256(tok_path)
        return f"model={m.sha256} tokenizer={tok} output={m.output} onnxruntime={ort_version}"

    # -- checking ------------------------------------------------------------------------
    def units(self, doc: Document) -> list[Unit]:
        segs = [s for s in doc.segments if s.text.strip() and self.in_scope(s, 0, len(s.text))]
        return units_for(segs, self.granularity, self.min_words)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        held = self._prefetched.pop(id(doc), None)
        units = held[1] if held is not None and held[0] is doc else self.units(doc)
        if not units:
            return
        try:
            probs = self.model.predict([u.text for u in units], self.batch_size, self.labels)
        except Exception as exc:  # a broken model must not stop the other rules
            yield self._failure(doc, exc)
            return
        for unit, row in zip(units, probs):
            best = None
            for idx, lab in self.flag_idx:
                p = float(row[idx])
                if not math.isnan(p) and p >= self.threshold and (best is None or p > best[1]):
                    best = (lab, p)
            if best is not None:
                yield self._finding(doc, unit, *best)

    def _finding(self, doc: Document, unit: Unit, label: str, p: float) -> Finding:
        values = dict(label=label, probability=p, threshold=self.threshold)
        if unit.seg is None:
            f = self.document_finding(doc, self.format_message(match=unit.text[:80], **values))
        else:
            f = self.finding(doc, unit.seg, unit.start, unit.end, **values)
        f.data = {"label": label, "probability": round(p, 6), "granularity": self.granularity}
        return f

    def _failure(self, doc: Document, exc: BaseException) -> Finding:
        reason = " ".join(str(exc).split())[:300] or type(exc).__name__
        f = self.document_finding(doc, f"classifier model {Path(self.model.path).name} failed: {reason}")
        f.severity = Severity.ERROR
        f.data = {"error": type(exc).__name__}
        return f

    # -- cross-document batching ---------------------------------------------------------
    def prefetch(self, docs: Iterable[Document]) -> int:
        """Classify the units of many documents in one sorted, batched pass.

        The results land in the model's cache, so the engine's per-document ``check`` calls
        that follow do no inference of their own. Returns the number of units. Errors are left
        for ``check`` to report per document.
        """
        texts = []
        for d in docs:
            units = self.units(d)
            self._prefetched[id(d)] = (d, units)  # check() reuses them (the doc is held, so its id stays unique)
            texts.extend(u.text for u in units)
        if texts:
            try:
                self.model.predict(texts, self.batch_size, self.labels)
            except Exception:
                pass
        return len(texts)


def prefetch(rules: Iterable[Rule], docs: Iterable[Document]) -> int:
    """Warm every classifier rule of ``rules`` with ``docs`` (see :meth:`ClassifierRule.prefetch`)."""
    docs = list(docs)
    return sum(r.prefetch(docs) for r in rules if isinstance(r, ClassifierRule))
