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
        "ignorecase": Option("bool", True, "match triggers and disclaimers regardless of case"),
        "trigger-ignorecase": Option("bool", None, "match triggers regardless of case (default: ignorecase)"),
        "disclaimer-ignorecase": Option("bool", None, "match disclaimers regardless of case (default: ignorecase)"),
        "suggestion": Option(
            "str",
            "",
            "the disclaimer text shown in the message and as the suggestion (default: the first "
            "'disclaimer' phrase; with only patterns, none is shown)",
        ),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        o = self.opts
        if not o["trigger"] and not o["trigger-patterns"]:
            raise self.config_error("required rules need 'trigger' or 'trigger-patterns'", "trigger")
        if not o["disclaimer"] and not o["disclaimer-patterns"]:
            raise self.config_error("required rules need 'disclaimer' or 'disclaimer-patterns'", "disclaimer")
        t_ic = o["ignorecase"] if o["trigger-ignorecase"] is None else o["trigger-ignorecase"]
        d_ic = o["ignorecase"] if o["disclaimer-ignorecase"] is None else o["disclaimer-ignorecase"]
        for key, ic in (("trigger-patterns", t_ic), ("disclaimer-patterns", d_ic)):
            for i, p in enumerate(o[key]):
                self.compile_option(p, key, i, ignorecase=ic)
        self.trigger = Finder(o["trigger"], o["trigger-patterns"], t_ic)
        self.disclaimer = Finder(o["disclaimer"], o["disclaimer-patterns"], d_ic)
        self.shown = o["suggestion"] or (o["disclaimer"][0] if o["disclaimer"] else "")

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
        default = self.default_message if self.shown else "'{match}' needs a disclaimer in this document."
        yield self.finding(
            doc,
            seg,
            s,
            e,
            suggestions=(self.shown,) if self.shown else (),
            message=self.message(default, match=seg.text[s:e], disclaimer=self.shown),
        )
