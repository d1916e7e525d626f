"""The brandlint plugin: the ``classifier`` rule kind and the ``tone-ml`` rule pack.

Registered through the ``brandlint`` entry-point group. Nothing heavy is imported here: the
rule module imports onnxruntime only when a classifier rule is built.
"""
from __future__ import annotations

from pathlib import Path

from brandlint.plugins import hookimpl

from . import __version__  # noqa: F401  (shown by `brandlint plugins`)

PACKS = Path(__file__).resolve().parent / "packs"


@hookimpl
def brandlint_rule_kinds():
    from .rule import ClassifierRule
    return [ClassifierRule]


def onnx_service(settings):
    """The ``onnx`` service: the per-process model registry (sessions, tokenizers, caches)."""
    from . import runtime
    return runtime


def _service_token(settings) -> str:
    """Library versions that can change a model's scores, for brandlint's result cache."""
    from importlib.metadata import PackageNotFoundError, version
    parts = []
    for dist in ("onnxruntime", "tokenizers"):
        try:
            parts.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            pass
    return ", ".join(parts)


onnx_service.cache_token = _service_token


@hookimpl
def brandlint_services():
    return {"onnx": onnx_service}


@hookimpl
def brandlint_rule_packs():
    return {p.name: str(p) for p in sorted(PACKS.iterdir()) if p.is_dir() and any(p.glob("*.toml"))}
