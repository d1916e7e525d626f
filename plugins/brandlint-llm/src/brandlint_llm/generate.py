"""``brandlint generate``: render a library prompt, generate, lint, fix, verify-rewrite, write if it passes.

The system message carries the brand guidelines of the rule packs the prompt's output must
pass — banned and preferred terms, what each rule checks, the brand voice — chosen for the task
within a token budget (:mod:`.budget`). The model answers
``{"text": "..."}``; the text is linted with those packs, deterministic safe fixes are applied,
then the verified-rewrite loop repairs what is left. The output is written only when no finding
at or above ``fail-on`` remains, or with ``--allow-findings`` (the remaining findings reported).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from brandlint.config.settings import Settings
from brandlint.errors import BrandlintError
from brandlint.findings import Finding
from brandlint.fixing import fix_text
from brandlint.pipeline import RunOptions
from brandlint.rules.base import Rule

from .backend_state import ModelError
from .backends import build_backend
from .budget import Guidelines, budgeted_guidelines, estimate_tokens
from .config import LLMConfig, from_settings, validate_table
from .guidance import banned_terms, parse_answer, preferred_terms, rule_guidance
from .outcomes import TextRewrite
from .prompts import Prompt
from .rewrite import Rewriter

TEXT_SCHEMA = {
    "type": "object",
    "properties": {"text": {"type": "string"}},
    "required": ["text"],
    "additionalProperties": False,
}


@dataclass
class Generation:
    prompt: Prompt
    config: LLMConfig
    rendered: str
    text: str = ""  # final text (after fixes and rewrites)
    generated: str = ""  # the model's first accepted answer
    applied: list[Finding] = field(default_factory=list)  # deterministic fixes applied
    rewrite: TextRewrite | None = None
    remaining: list[Finding] = field(default_factory=list)
    passed: bool = False
    attempts: int = 0
    seconds: float = 0.0
    settings: Settings | None = None  # the settings the output was linted with
    guidelines: Guidelines | None = None  # what the system message carried (and what did not fit)


def guidelines(rules: list[Rule], voice: str = "") -> str:
    """Every guideline of ``rules`` in full (no budget): what, why and examples of each rule."""
    lines = ["Follow the brand guidelines below."]
    if voice.strip():
        lines.append("Brand voice: " + voice.strip())
    for r in rules:
        lines.extend(rule_guidance(r))
    banned = banned_terms(rules)
    if banned:
        lines.append("Never use these words or phrases: " + ", ".join(banned[:80]))
    pref = preferred_terms(rules)
    if pref:
        lines.append("Preferred terms (write the one on the right): " + "; ".join(f"{a} -> {b}" for a, b in pref[:80]))
    return "\n".join(lines)


MARGIN_TOKENS = 64  # chat-template overhead of the messages


def guideline_budget(cfg: LLMConfig, fixed: str, task: str) -> int:
    """Tokens left for guidelines: ``guideline-tokens``, and what the context window leaves after
    the rest of the system message, the task, the answer (max-tokens) and the template."""
    room = cfg.context_tokens - cfg.max_tokens - estimate_tokens(fixed) - estimate_tokens(task) - MARGIN_TOKENS
    if room <= 0:
        raise BrandlintError(
            f"the prompt does not fit the model's context: context-tokens {cfg.context_tokens} leaves no room after "
            f"max-tokens {cfg.max_tokens} and the task (~{estimate_tokens(task)} tokens); raise context-tokens "
            "under [plugins.llm] (and the server's context size) or lower max-tokens"
        )
    return min(cfg.guideline_tokens, room)


def output_settings(settings: Settings, prompt: Prompt) -> Settings:
    """Settings whose rules are the packs the prompt's output must pass (or the config's)."""
    if not prompt.packs:
        return settings
    opts = RunOptions(
        config=settings.path, cwd=settings.root, overrides={"packs": list(prompt.packs), "select": ["ALL"]}
    )
    return opts.settings_for(settings.root)


class Generator:
    """Generation from the prompt library (``brandlint generate``)."""

    def generate(
        self,
        prompt: Prompt,
        values: dict[str, str],
        settings: Settings,
        *,
        output: Path | None = None,
        overrides: dict[str, str] | None = None,
        err: TextIO | None = None,
    ) -> Generation:
        """``overrides`` (``backend``, ``model``, ``endpoint``: the command line's) win over the
        prompt's ``[model]``, which wins over ``[plugins.llm]``; a prompt that changes the configured
        backend or model is said on ``err``."""
        rendered = prompt.render(values)
        base = from_settings(settings)
        text = ""
        try:
            text = prompt.path.read_text("utf-8")
        except OSError:
            pass
        cfg = prompt.config(base, text)
        changed = [k for k in ("backend", "model") if k in prompt.model and getattr(cfg, k) != getattr(base, k)]
        overrides = overrides or {}
        if overrides:
            cfg = validate_table(overrides, keys=("command line",), base=cfg)
        shadowed = [k for k in changed if k not in overrides]
        if shadowed and err is not None:
            said = ", ".join(f"{k} {getattr(cfg, k)!r} (config: {getattr(base, k) or 'none'!r})" for k in shadowed)
            err.write(f"using the prompt's [model]: {said}; override with --{' / --'.join(shadowed)}\n")
        out_settings = output_settings(settings, prompt)
        path = output or (Path(out_settings.root) / f"{prompt.name}{prompt.extension}")
        shown = str(output) if output else f"{prompt.name}{prompt.extension}"
        gen = Generation(prompt, cfg, rendered)
        rules = out_settings.ruleset_for(path).rules
        fmt = "Markdown" if prompt.format == "markdown" else "plain text"
        tail = ("\n" + prompt.system.strip() if prompt.system.strip() else "") + (
            f'\nWrite {fmt}. Answer with a JSON object only: {{"text": "<the content>"}}'
        )
        head = "You write content for a brand.\n"
        budget = guideline_budget(cfg, head + tail, rendered)
        gen.guidelines = budgeted_guidelines(rules, budget, voice=cfg.voice, task=rendered)
        system = head + gen.guidelines.text + tail
        messages = [{"role": "system", "content": system}, {"role": "user", "content": rendered}]
        try:
            backend = build_backend(cfg, out_settings.registry)
        except ModelError as exc:
            raise BrandlintError(exc.message) from None
        t0 = time.perf_counter()
        generated = None
        for attempt in range(cfg.max_attempts):
            gen.attempts = attempt + 1
            try:
                answer = backend.chat(messages, schema=TEXT_SCHEMA, schema_name="content")
            except ModelError as exc:
                raise BrandlintError(f"generation failed: {exc.message}") from None
            value, reason, detail = parse_answer(answer, "text")
            if reason is None and value.strip():
                generated = value
                break
            detail = detail or "the text is empty"
            messages = messages + [
                {"role": "assistant", "content": answer},
                {
                    "role": "user",
                    "content": f"That answer was rejected: {detail}. Answer again with the JSON object only.",
                },
            ]
        if generated is None:
            raise BrandlintError(
                f"generation failed: the model gave no usable answer in {cfg.max_attempts} attempts (last: {detail})"
            )
        generated = generated.strip() + "\n"
        gen.generated = generated
        det = fix_text(path, generated, out_settings, display_path=shown)
        gen.applied = list(det.applied)
        rewriter = Rewriter(out_settings, cfg, backend)
        gen.rewrite = rewriter.rewrite_text(path, det.text, display_path=shown, result=det.result)
        gen.text = gen.rewrite.text
        gen.remaining = gen.rewrite.result.active
        gen.passed = not any(f.severity >= out_settings.fail_on for f in gen.remaining)
        gen.seconds = time.perf_counter() - t0
        gen.settings = out_settings
        return gen
