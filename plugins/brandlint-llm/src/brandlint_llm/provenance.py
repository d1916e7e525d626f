"""Provenance of generated text (``brandlint generate``, ``fix --rewrite``) and
``brandlint prompts validate``: each prompt's validated model configuration against the list
in ``[provenance] models`` (the core's :mod:`brandlint.provenance` stores and checks it)."""

from __future__ import annotations

import hashlib
from typing import Any, TextIO

from brandlint import __version__
from brandlint.commands.common import EXIT_CLEAN, EXIT_FINDINGS
from brandlint.config.settings import Settings
from brandlint.errors import BrandlintError
from brandlint.provenance import record

from .config import LLMConfig
from .prompts import Prompt, load_prompt, prompts_dir

__all__ = ["generation_record", "options_of", "rewrite_record", "validate_library"]


def options_of(cfg: LLMConfig) -> dict[str, Any]:
    """The generation options that shape the output."""
    return {"temperature": cfg.temperature, "seed": cfg.seed, "max-tokens": cfg.max_tokens}


def _file_hash(prompt: Prompt) -> str:
    try:
        return "sha256:" + hashlib.sha256(prompt.path.read_bytes()).hexdigest()
    except OSError:
        return ""


def generation_record(prompt: Prompt, cfg: LLMConfig) -> dict[str, Any]:
    return record(
        prompt=prompt.name,
        prompt_hash=_file_hash(prompt),
        backend=cfg.backend,
        model=cfg.model,
        options=options_of(cfg),
        version=__version__,
    )


def rewrite_record(cfg: LLMConfig) -> dict[str, Any]:
    """One ``fix --rewrite`` step (kept in the provenance's ``rewrites`` list)."""
    rec = record(
        prompt="",
        prompt_hash="",
        backend=cfg.backend,
        model=cfg.model,
        options=options_of(cfg),
        version=__version__,
        step="rewrite",
    )
    del rec["prompt"], rec["prompt-hash"]
    return rec


def validate_library(settings: Settings, cfg: LLMConfig, out: TextIO) -> int:
    """Check every prompt of the team's library (``prompts-dir``): it loads, and its ``[model]`` is on
    the validated list (``check --require-provenance`` accepts only prompts found there)."""
    validated = set((settings.get("provenance") or {}).get("models", ()))
    # the team's own prompts: a prompt shipped with the plugin is validated by copying it there
    folder = prompts_dir(cfg)
    files = sorted(p for p in folder.glob("*.toml") if p.is_file()) if folder.is_dir() else []
    if not files:
        out.write(f"No prompts in {prompts_dir(cfg)}.\n")
        return EXIT_CLEAN
    bad = 0
    for path in files:
        try:
            prompt = load_prompt(path)
        except BrandlintError as exc:
            out.write(f"{path.stem}: invalid: {exc}\n")
            bad += 1
            continue
        backend, model = prompt.model.get("backend"), prompt.model.get("model")
        if not backend or not model:
            out.write(f"{prompt.name}: not validated: its [model] table must name backend and model ({path})\n")
            bad += 1
        elif f"{backend}:{model}" not in validated:
            out.write(
                f"{prompt.name}: not validated: {backend}:{model} is not in [provenance] models of "
                f"{settings.path or 'the config'}\n"
            )
            bad += 1
        else:
            out.write(f"{prompt.name}: ok ({backend}:{model})\n")
    out.write(f"{len(files) - bad} of {len(files)} prompts validated.\n")
    return EXIT_FINDINGS if bad else EXIT_CLEAN
