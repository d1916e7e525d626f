"""The brandlint plugin: the ``classifier`` rule kind and the ``tone-ml`` rule pack.

Registered through the ``brandlint`` entry-point group. Nothing heavy is imported here: the
rule module imports onnxruntime only when a classifier rule is built.
"""

from __future__ import annotations

import importlib.metadata as md
from pathlib import Path
from types import ModuleType

from brandlint.config.settings import Settings
from brandlint.plugins import hookimpl

from .rule import ClassifierRule

PACKS = Path(__file__).resolve().parent / "packs"


class OnnxService:
    """The ``onnx`` service (:class:`~brandlint.plugins.protocols.ServiceFactory`): the
    per-process model registry (sessions, tokenizers, caches)."""

    def __call__(self, settings: Settings) -> ModuleType:
        from . import runtime  # lazy: onnxruntime and numpy load only when a classifier rule runs

        return runtime

    def cache_token(self, settings: Settings) -> str:
        """Library versions that can change a model's scores, for brandlint's result cache."""
        parts = []
        for dist in ("onnxruntime", "tokenizers"):
            try:
                parts.append(f"{dist} {md.version(dist)}")
            except md.PackageNotFoundError:
                pass
        return ", ".join(parts)


@hookimpl
def brandlint_rule_kinds() -> list[type[ClassifierRule]]:
    return [ClassifierRule]


@hookimpl
def brandlint_services() -> dict[str, OnnxService]:
    return {"onnx": OnnxService()}


@hookimpl
def brandlint_rule_packs() -> dict[str, str]:
    return {p.name: str(p) for p in sorted(PACKS.iterdir()) if p.is_dir() and any(p.glob("*.toml"))}
