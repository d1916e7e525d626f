"""``brandlint generate``: render a library prompt, generate, lint, fix, verify-rewrite, write if it passes.

The system message carries the brand guidelines of the rule packs the prompt's output must
pass (what each rule checks, banned and preferred terms, the brand voice). The model answers
``{"text": "..."}``; the text is linted with those packs, deterministic safe fixes are applied,
then the verified-rewrite loop repairs what is left. The output is written only when no finding
at or above ``fail-on`` remains, or with ``--allow-findings`` (the remaining findings reported).
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from brandlint.errors import BrandlintError

from .backends import ModelError, build_backend
from .config import LLMConfig, from_settings
from .prompts import Prompt, find_prompt, list_prompts, load_prompt
from .rewrite import Rewriter, TextRewrite, banned_terms, parse_answer, preferred_terms, rule_guidance

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
    applied: list = field(default_factory=list)  # deterministic fixes applied
    rewrite: TextRewrite | None = None
    remaining: list = field(default_factory=list)
    passed: bool = False
    attempts: int = 0
    seconds: float = 0.0
    settings: Any = None  # the settings the output was linted with


def guidelines(rules: list[Any], voice: str = "") -> str:
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


def output_settings(settings: Any, prompt: Prompt) -> Any:
    """Settings whose rules are the packs the prompt's output must pass (or the config's)."""
    if not prompt.packs:
        return settings
    from brandlint.config.settings import load_settings
    return load_settings(settings.path, cwd=settings.root, overrides={"packs": list(prompt.packs), "select": ["ALL"]})


class Generator:
    """``registry.fixers["generate"]``: the prompt library and generation."""

    name = "generate"

    def generate(self, prompt: Prompt, values: dict[str, str], settings: Any, *,
                 output: Path | None = None) -> Generation:
        rendered = prompt.render(values)
        base = from_settings(settings)
        text = ""
        try:
            text = prompt.path.read_text("utf-8")
        except OSError:
            pass
        cfg = prompt.config(base, text)
        out_settings = output_settings(settings, prompt)
        path = output or (Path(out_settings.root) / f"{prompt.name}{prompt.extension}")
        shown = str(output) if output else f"{prompt.name}{prompt.extension}"
        gen = Generation(prompt, cfg, rendered)
        rules = out_settings.ruleset_for(path).rules
        system = "You write content for a brand.\n" + guidelines(rules, cfg.voice)
        if prompt.system.strip():
            system += "\n" + prompt.system.strip()
        fmt = "Markdown" if prompt.format == "markdown" else "plain text"
        system += f'\nWrite {fmt}. Answer with a JSON object only: {{"text": "<the content>"}}'
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
            messages = messages + [{"role": "assistant", "content": answer},
                                   {"role": "user", "content": f"That answer was rejected: {detail}. "
                                                               "Answer again with the JSON object only."}]
        if generated is None:
            raise BrandlintError(f"generation failed: the model gave no usable answer in {cfg.max_attempts} "
                                 f"attempts (last: {detail})")
        generated = generated.strip() + "\n"
        gen.generated = generated
        from brandlint.fixing import fix_text
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

    # -- command line ----------------------------------------------------------------------
    def run_generate_command(self, args: Any, settings: Any, *, out: TextIO | None = None,
                             err: TextIO | None = None) -> int:
        out = out or sys.stdout
        err = err or sys.stderr
        values: dict[str, str] = {}
        for item in args.var or ():
            if "=" not in item:
                raise BrandlintError(f"--var {item!r}: expected NAME=VALUE")
            k, v = item.split("=", 1)
            values[k.strip()] = v
        prompt = find_prompt(args.prompt, from_settings(settings))
        output = Path(args.output) if args.output else None
        gen = self.generate(prompt, values, settings, output=output)
        rw = gen.rewrite
        if rw is not None:
            for line in rw.lines(show_accepted=True):
                err.write(line + "\n")
        shown = str(output) if output else f"{prompt.name}{prompt.extension}"
        if gen.remaining:
            from brandlint import __version__
            from brandlint.reporters.base import ReportContext
            s = gen.settings
            reporter = s.registry.reporters.get("text")
            for f in gen.remaining:
                f.path = shown
            ctx = ReportContext(version=__version__, rules={r.id: r for r in s.all_rules}, fail_on=s.fail_on)
            from brandlint.runner import FileResult
            err.write(reporter.report([FileResult(shown, gen.remaining)], ctx))
        fixed = len(gen.applied) + (len(rw.rewritten) if rw else 0)
        summary = (f"Generated {len(gen.generated.split())} words with {gen.config.backend} "
                   f"{gen.config.model} ({gen.attempts} {'attempt' if gen.attempts == 1 else 'attempts'}); "
                   f"fixed {fixed}, {len(gen.remaining)} remaining.")
        if not gen.passed and not args.allow_findings:
            err.write(summary + "\n")
            err.write(f"not written: the output does not pass {', '.join(prompt.packs or ['the config’s rules'])}"
                      " (use --allow-findings to write it anyway)\n")
            return 1
        if output is None:
            out.write(gen.text)
        else:
            _write_new(output, gen.text)
            summary += f" Wrote {output}."
        err.write(summary + "\n")
        return 0

    def run_prompts_command(self, args: Any, settings: Any, *, out: TextIO | None = None) -> int:
        out = out or sys.stdout
        cfg = from_settings(settings)
        prompts = [load_prompt(p) for p in list_prompts(cfg)]
        if getattr(args, "output_format", "text") == "json":
            rows = [{"name": p.name, "path": str(p.path), "description": p.description, "format": p.format,
                     "packs": p.packs, "model": p.model,
                     "variables": {v.name: {"required": v.required, "default": v.default,
                                            "description": v.description} for v in p.variables.values()}}
                    for p in prompts]
            out.write(json.dumps(rows, indent=2) + "\n")
            return 0
        if not prompts:
            from .prompts import prompts_dir
            out.write(f"No prompts in {prompts_dir(cfg)} (add NAME.toml files there; see the brandlint-llm README).\n")
            return 0
        for p in prompts:
            out.write(f"{p.name}  {p.description}\n")
            vars_ = ", ".join(v.name + (" (required)" if v.required else f" = {v.default!r}")
                              for v in p.variables.values())
            out.write(f"    variables: {vars_ or 'none'}\n")
            m = p.model
            if m:
                model = " ".join(str(m[k]) for k in ("backend", "model") if k in m)
                opts = ", ".join(f"{k} {m[k]}" for k in ("temperature", "seed", "max-tokens") if k in m)
                out.write(f"    model: {model}{' (' + opts + ')' if opts else ''}\n")
            out.write(f"    must pass: {', '.join(p.packs) if p.packs else 'the config’s rules'}\n")
        return 0


def _write_new(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (temporary file in the same folder, then rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".brandlint-tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
