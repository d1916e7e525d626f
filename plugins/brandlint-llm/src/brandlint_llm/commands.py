"""The plugin's command line (``brandlint_add_commands``): ``brandlint generate``,
``brandlint prompts`` and ``brandlint fix --rewrite`` (which picks the ``rewrite`` fixer)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from brandlint.commands.common import EXIT_CLEAN, EXIT_FINDINGS, add_config_option, settings_here
from brandlint.commands.remaining import ReportRequest, print_report
from brandlint.errors import BrandlintError
from brandlint.fileio import write_atomic
from brandlint.plugins import Command, CommandSet
from brandlint.provenance import sidecar_path, sidecar_text, stamp
from brandlint.results import FileResult
from brandlint.textutil import plural

__all__ = ["add_commands"]


# -------------------------------------------------------------------------------------------
# brandlint generate


def _generate_arguments(gen: argparse.ArgumentParser) -> None:
    gen.add_argument(
        "prompt",
        help="a prompt name (the team's prompts-dir, then the plugin's library: `brandlint prompts`) or a .toml path",
    )
    gen.add_argument("--var", action="append", metavar="NAME=VALUE", help="a template variable (repeatable)")
    gen.add_argument("-o", "--output", metavar="FILE", help="write the content here (default: stdout)")
    gen.add_argument("--allow-findings", action="store_true", help="write the output even when findings remain")
    model = gen.add_argument_group("model (overrides the prompt's [model] and [plugins.llm])")
    model.add_argument("--backend", choices=["ollama", "openai"], help="the server's API")
    model.add_argument("--model", help="the model name the server serves")
    model.add_argument(
        "--base-url", metavar="URL", help="the server, e.g. http://127.0.0.1:8080 (loopback unless allow-remote)"
    )
    add_config_option(gen, help="use this config file")


def generation_provenance(gen) -> dict:
    """What made a generation's text: prompt id and hash, backend, model, options, time, version."""
    from .provenance import generation_record  # lazy: see run_generate

    return generation_record(gen.prompt, gen.config)


def run_generate(args: argparse.Namespace, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    # lazy (here and in run_prompts): every brandlint run loads the plugin, few generate
    from .config import from_settings
    from .generate import Generator
    from .prompts import find_prompt

    out = out or sys.stdout
    err = err or sys.stderr
    settings = settings_here(args)
    values: dict[str, str] = {}
    for item in args.var or ():
        if "=" not in item:
            raise BrandlintError(f"--var {item!r}: expected NAME=VALUE")
        k, v = item.split("=", 1)
        values[k.strip()] = v
    prompt = find_prompt(args.prompt, from_settings(settings))
    output = Path(args.output) if args.output else None
    overrides = {k: v for k, v in (("backend", args.backend), ("model", args.model), ("endpoint", args.base_url)) if v}
    gen = Generator().generate(prompt, values, settings, output=output, overrides=overrides, err=err)
    rw = gen.rewrite
    if rw is not None:
        for line in rw.lines(show_accepted=True):
            err.write(line + "\n")
    shown = str(output) if output else f"{prompt.name}{prompt.extension}"
    if gen.remaining and gen.settings is not None:
        for f in gen.remaining:
            f.path = shown
        print_report([FileResult(shown, gen.remaining)], gen.settings, ReportRequest(output_format="text"), out=err)
    fixed = len(gen.applied) + (len(rw.rewritten) if rw else 0)
    summary = (
        f"Generated {len(gen.generated.split())} words with {gen.config.backend} "
        f"{gen.config.model} ({plural(gen.attempts, 'attempt')}); "
        f"fixed {fixed}, {len(gen.remaining)} remaining."
    )
    if not gen.passed and not args.allow_findings:
        err.write(summary + "\n")
        err.write(
            f"not written: the output does not pass {', '.join(prompt.packs or ['the config’s rules'])}"
            " (use --allow-findings to write it anyway)\n"
        )
        return EXIT_FINDINGS
    target = output or Path(shown)
    text, prov = stamp(target, gen.text, generation_provenance(gen))
    if output is None:
        out.write(text)
    else:
        write_atomic(output, text.encode("utf-8"), mode=0o644, fsync=True, make_parents=True)
        if text == gen.text:  # not Markdown: the provenance goes to a side-car file
            side = sidecar_path(output)
            write_atomic(side, sidecar_text(prov).encode("utf-8"), mode=0o644, fsync=True, make_parents=True)
            summary += f" Wrote {output} (provenance in {side})."
        else:
            summary += f" Wrote {output}."
    err.write(summary + "\n")
    return EXIT_CLEAN


# -------------------------------------------------------------------------------------------
# brandlint prompts


def _prompts_arguments(prompts: argparse.ArgumentParser) -> None:
    prompts.add_argument(
        "action",
        nargs="?",
        choices=["list", "validate"],
        default="list",
        help="list the library (default), or validate each prompt's [model] against [provenance] models",
    )
    add_config_option(prompts, help="use this config file")
    prompts.add_argument("--output-format", choices=["text", "json"], default="text")


def run_prompts(args: argparse.Namespace, *, out: TextIO | None = None) -> int:
    from .config import from_settings  # lazy: see run_generate
    from .prompts import LIBRARY, list_prompts, load_prompt, prompts_dir

    out = out or sys.stdout
    settings = settings_here(args)
    cfg = from_settings(settings)
    if args.action == "validate":
        from .provenance import validate_library  # lazy: see run_generate

        return validate_library(settings, cfg, out)
    prompts = [load_prompt(p) for p in list_prompts(cfg)]
    if args.output_format == "json":
        rows = [
            {
                "name": p.name,
                "path": str(p.path),
                "source": "library" if p.path.parent == LIBRARY else "team",
                "description": p.description,
                "format": p.format,
                "packs": p.packs,
                "model": p.model,
                "variables": {
                    v.name: {"required": v.required, "default": v.default, "description": v.description}
                    for v in p.variables.values()
                },
            }
            for p in prompts
        ]
        out.write(json.dumps(rows, indent=2) + "\n")
        return EXIT_CLEAN
    if not prompts:
        out.write(
            f"No prompts in {prompts_dir(cfg)} or {LIBRARY} (add NAME.toml files; see the brandlint-llm README).\n"
        )
        return EXIT_CLEAN
    for p in prompts:
        where = "library" if p.path.parent == LIBRARY else str(p.path)
        out.write(f"{p.name}  {p.description}  [{where}]\n")
        vars_ = ", ".join(v.name + (" (required)" if v.required else f" = {v.default!r}") for v in p.variables.values())
        out.write(f"    variables: {vars_ or 'none'}\n")
        m = p.model
        if m:
            model = " ".join(str(m[k]) for k in ("backend", "model") if k in m)
            opts = ", ".join(f"{k} {m[k]}" for k in ("temperature", "seed", "max-tokens") if k in m)
            out.write(f"    model: {model}{' (' + opts + ')' if opts else ''}\n")
        out.write(f"    must pass: {', '.join(p.packs) if p.packs else 'the config’s rules'}\n")
    return EXIT_CLEAN


# -------------------------------------------------------------------------------------------
# brandlint fix --rewrite


def _rewrite_option(fix: argparse.ArgumentParser) -> None:
    fix.add_argument(
        "--rewrite",
        dest="fixer",
        action="store_const",
        const="rewrite",
        help="also rewrite what no fix repairs with a local model, verified by re-linting "
        "(brandlint-llm; [plugins.llm] in brandlint.toml); the same as --fixer rewrite",
    )


def add_commands(commands: CommandSet) -> None:
    commands.add(
        Command(
            "generate",
            "generate content from a library prompt, lint and fix it (brandlint-llm)",
            run=run_generate,
            add_arguments=_generate_arguments,
        )
    )
    commands.add(
        Command("prompts", "list the prompt library (brandlint-llm)", run=run_prompts, add_arguments=_prompts_arguments)
    )
    commands.add_options("fix", _rewrite_option)
