"""``brandlint explain RULE``: a rule's documentation (``explain KIND``: a rule kind's options with
their types and defaults; ``explain score``: the content score)."""

from __future__ import annotations

import argparse
import difflib

from ..config.reference import kind_text
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
    kinds = settings.registry.kinds
    if rule is None and args.rule in kinds:  # a rule kind: its options, types and defaults
        print(kind_text(kinds[args.rule]))
        return EXIT_CLEAN
    if rule is None:
        names = [r.id for r in settings.all_rules] + list(kinds)
        close = difflib.get_close_matches(args.rule, names, n=1)
        hint = (
            f"; did you mean {close[0]!r}?"
            if close
            else "; see `brandlint rules --all` (rules) or `brandlint plugins` (kinds)"
        )
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
    "show a rule's documentation, a rule kind's options (`explain existence`) or `explain score`",
    run=run,
    add_arguments=add_arguments,
)
