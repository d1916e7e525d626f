"""``brandlint rules``: the rules the config enables (or every loaded rule), with fixability."""

from __future__ import annotations

import argparse
import json

from ..plugins.commands import Command
from ..rules.base import Rule
from .common import EXIT_CLEAN, add_selection_options, settings_here


def add_arguments(rules: argparse.ArgumentParser) -> None:
    add_selection_options(rules)
    rules.add_argument("--all", action="store_true", help="list every loaded rule, enabled or not")
    rules.add_argument("--output-format", choices=["text", "json"], default="text")


def fixability(rule: Rule) -> str:
    """``always``, ``sometimes`` or ``never``: whether the rule's findings carry fixes.

    Rule kinds declare ``fix_availability`` (see :mod:`brandlint.rules.base`)."""
    return rule.fix_availability.value


def run(args: argparse.Namespace) -> int:
    settings = settings_here(args)
    enabled = set(settings.ruleset_for(settings.root / "_").ids)
    rows = [r for r in settings.all_rules if args.all or r.id in enabled]
    if args.output_format == "json":
        print(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "kind": r.meta.kind,
                        "pack": r.meta.pack,
                        "severity": str(r.meta.severity),
                        "enabled": r.id in enabled,
                        "opt_in": r.meta.opt_in,
                        "fixable": fixability(r) != "never",
                        "fix": fixability(r),
                        "summary": r.meta.docs.what,
                    }
                    for r in rows
                ],
                indent=2,
            )
        )
        return EXIT_CLEAN
    if not rows:
        print("No rules enabled: add packs to brandlint.toml (see `brandlint init`).")
        return EXIT_CLEAN
    w = max(len(r.id) for r in rows)
    for r in rows:
        mark = "" if r.id in enabled else "  (opt-in)" if r.meta.opt_in else "  (disabled)"
        what = (r.meta.docs.what.strip().splitlines() or [""])[0]
        fix = "" if fixability(r) == "never" else f"fix:{fixability(r)}"
        print(f"{r.id:<{w}}  {r.meta.kind:<15} {str(r.meta.severity):<8} {fix:<14}{what}{mark}")
    return EXIT_CLEAN


COMMAND = Command("rules", "list the rules enabled by the config", run=run, add_arguments=add_arguments)
