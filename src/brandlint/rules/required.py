"""The ``required`` kind: when a trigger appears, a disclaimer must appear in the same document.

Pricing, medical or financial claims that need a disclaimer: the finding is placed at the first
trigger; a disclaimer anywhere in the document (a footer, a table) satisfies the rule.
"""

from __future__ import annotations

from typing import Any

from .base import FixAvailability, Option, Rule, RuleMeta
from .literals import Finder


class RequiredRule(Rule):
    """When a trigger appears, a disclaimer must appear somewhere in the same document."""

    kind = "required"
    summary = "When a trigger (pricing, medical or financial claims...) appears, require a disclaimer."
    default_message = "'{match}' needs a disclaimer in this document, e.g. \"{disclaimer}\"."
    fix_availability = FixAvailability.NEVER
    segment_local = False  # the disclaimer may be anywhere in the document
    options = {
        "trigger": Option("str-list", [], "literal words or phrases that require the disclaimer"),
        "trigger-patterns": Option("regex-list", [], "RE2 patterns that require the disclaimer"),
        "disclaimer": Option("str-list", [], "accepted disclaimer phrases (any one is enough)"),
        "disclaimer-patterns": Option("regex-list", [], "RE2 patterns of accepted disclaimers"),
        "ignorecase": Option("bool", True, "match regardless of case"),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        o = self.opts
        if not o["trigger"] and not o["trigger-patterns"]:
            raise self.config_error("required rules need 'trigger' or 'trigger-patterns'", "trigger")
        if not o["disclaimer"] and not o["disclaimer-patterns"]:
            raise self.config_error("required rules need 'disclaimer' or 'disclaimer-patterns'", "disclaimer")
        self.trigger = Finder(o["trigger"], o["trigger-patterns"], o["ignorecase"])
        self.disclaimer = Finder(o["disclaimer"], o["disclaimer-patterns"], o["ignorecase"])
        self.shown = o["disclaimer"][0] if o["disclaimer"] else o["disclaimer-patterns"][0]

    def check(self, doc, ctx):
        first = None
        for seg in self.segments(doc):
            for s, e in self.trigger.spans(seg.text):
                if self.usable(seg, s, e):
                    first = (seg, s, e)
                    break
            if first:
                break
        if first is None:
            return
        for seg in doc.segments:  # the disclaimer may be anywhere (a footer, a table...)
            for s, e in self.disclaimer.spans(seg.text):
                if not (seg.masked and seg.is_masked(s, e)):
                    return
        seg, s, e = first
        yield self.finding(
            doc, seg, s, e, suggestions=(self.shown,), message=self.message(match=seg.text[s:e], disclaimer=self.shown)
        )
