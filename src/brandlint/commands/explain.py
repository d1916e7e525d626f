"""``brandlint explain RULE``: a rule's documentation (``explain score``: the content score)."""

from __future__ import annotations

import argparse
import difflib

from ..errors import BrandlintError
from ..plugins.commands import Command
from ..score import EXPLANATION
from .common import EXIT_CLEAN, add_selection_options, settings_here
from .rules import fixability


def add_arguments(explain: argparse.ArgumentParser) -> None:
    explain.add_argument("rule")
    add_selection_options(explain)


def run(args: argparse.Namespace) -> int:
    if args.rule == "score":  # not a rule id (those are pack/rule): the content score's formula
        print(EXPLANATION.rstrip())
        return EXIT_CLEAN
    settings = settings_here(args)
    rule = next((r for r in settings.all_rules if r.id == args.rule), None)
    if rule is None:
        close = difflib.get_close_matches(args.rule, [r.id for r in settings.all_rules], n=1)
        hint = f"; did you mean {close[0]!r}?" if close else "; see `brandlint rules --all`"
        raise BrandlintError(f"unknown rule {args.rule!r}{hint}")
    m = rule.meta
    print(rule.meta.docs.markdown(m.id).rstrip())
    print(f"\nKind: {m.kind}   Severity: {m.severity}   Pack: {m.pack}   Fix: {fixability(rule)}")
    if m.scope:
        print(f"Scope: {', '.join(m.scope)}")
    print(f"Message: {m.message}")
    print(f"Defined in: {m.source}")
    return EXIT_CLEAN


COMMAND = Command(
    "explain",
    "show a rule's documentation (or `explain score`: the content score)",
    run=run,
    add_arguments=add_arguments,
)
