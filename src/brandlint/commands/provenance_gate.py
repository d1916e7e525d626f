"""``check --require-provenance``: generated content must say what made it, with validated
prompts and models, and must not have changed since without a human approval.

Config (brandlint.toml)::

    [provenance]
    require = ["content/generated/**"]          # files that must carry provenance
    models = ["openai:llama-3.1-8b-instruct"]   # validated backend:model pairs
    prompts-dir = "prompts"                     # the prompt library (default: prompts)

A prompt is validated when its file in the library names, in its ``[model]`` table, a backend and
model on the validated list (``brandlint prompts validate`` checks the whole library).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..approvals import file_approval
from ..config.settings import Settings, glob_match
from ..config.toml import load_toml
from ..documents.base import SourceFile
from ..errors import BrandlintError
from ..pipeline import decode
from ..provenance import SIDECAR_SUFFIX, read_provenance, text_hash, without_provenance
from ..results import FileResult
from .approval_gate import ledger_for

__all__ = ["provenance_gate", "provenance_problems", "validated_models"]


def validated_models(settings: Settings) -> set[str]:
    return set((settings.get("provenance") or {}).get("models", ()))


def _prompt_problem(name: str, settings: Settings, models: set[str]) -> str | None:
    cfg = settings.get("provenance") or {}
    folder = Path(cfg.get("prompts-dir", "prompts"))
    folder = folder if folder.is_absolute() else Path(settings.root) / folder
    file = folder / f"{name}.toml"
    if not file.is_file():
        return f"its prompt {name!r} is not in the prompt library ({file} is missing)"
    try:
        data, _ = load_toml(file)
    except BrandlintError as exc:
        return f"its prompt {name!r} does not load: {exc}"
    model = data.get("model") or {}
    key = f"{model.get('backend', '')}:{model.get('model', '')}"
    if key not in models:
        return f"its prompt {name!r} is not validated: its [model] {key} is not in [provenance] models"
    return None


def provenance_problems(path: Path, raw: bytes, settings: Settings) -> list[str]:
    """Why ``path`` fails ``--require-provenance`` (empty: it passes)."""
    source = decode(str(path), raw)
    text = source.text if isinstance(source, SourceFile) else None
    prov: dict[str, Any] | None = read_provenance(path, text)
    if prov is None:
        return ["no provenance recorded (generated content carries it: `brandlint generate`)"]
    if "error" in prov:
        return [f"provenance unreadable: {prov['error']}"]
    models = validated_models(settings)
    why = []
    steps = [prov, *[r for r in prov.get("rewrites", ()) if isinstance(r, dict)]]
    for step in steps:
        key = f"{step.get('backend', '')}:{step.get('model', '')}"
        if key not in models:
            why.append(f"model {key} ({step.get('step', 'generate')}) is not in [provenance] models")
    if prov.get("prompt"):
        problem = _prompt_problem(str(prov["prompt"]), settings, models)
        if problem:
            why.append(problem)
    else:
        why.append("the provenance names no prompt")
    if text is not None and text_hash(without_provenance(path, text)) != prov.get("content-hash"):
        status = file_approval(ledger_for(settings), path, raw, [], []).status
        if status not in ("approved", "partial"):
            why.append("the text changed since generation and this content has no approval (`brandlint approve`)")
    return why


def provenance_gate(results: Sequence[FileResult], settings_for: Callable[[Path], Settings]) -> int:
    """Print why files fail; returns how many fail."""
    failing = 0
    configured = False
    for r in results:
        path = Path(r.path)
        if not r.format or not path.is_file() or path.name.endswith(SIDECAR_SUFFIX):
            continue
        settings = settings_for(path)
        globs = (settings.get("provenance") or {}).get("require", ())
        configured = configured or bool(globs)
        if not any(glob_match(settings.relpath(path), g) for g in globs):
            continue
        try:
            raw = path.read_bytes()
        except OSError:
            continue  # check reported the read error
        why = provenance_problems(path, raw, settings)
        if why:
            failing += 1
            print(f"{r.path}: provenance: {'; '.join(why)}", file=sys.stderr)
    if not configured and results:
        raise BrandlintError(
            "--require-provenance: no [provenance] require = [globs] in the config names the generated files"
        )
    return failing
