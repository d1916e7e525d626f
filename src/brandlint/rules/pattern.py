"""The ``pattern`` kind: an RE2 regular expression with a scope and an optional replacement.

The replacement may refer to groups (``\\1``, ``\\g<name>``); references to groups the pattern
lacks are config errors. A fix is offered only where the match maps verbatim to the source.

RE2 has no look-around, so two options give the context a pattern cannot: ``report-group`` (a group
number or name; a list: the first that took part in the match; ``group`` is Vale's number-only
form) is the span reported and replaced, the rest of the match is context
(``(?:the|is)\\s+(most\\s+optimal)`` reports "most optimal"); ``unless-followed-by`` (RE2, anchored
at the end of the match) drops a match that the text after it matches ("more unique visitors").
"""

from __future__ import annotations

import re
from typing import Any

from ..findings import Applicability
from .base import FixAvailability, Option, Rule, RuleMeta, contiguous_source_range
from .text import squash_space

_GROUP_REF = re.compile(r"\\(?:(\d+)|g<([^>]*)>)")


class PatternRule(Rule):
    """An RE2 regular expression with a scope and an optional replacement."""

    kind = "pattern"
    summary = "Report matches of an RE2 regular expression; optional replacement with \\1 group refs."
    fix_availability = FixAvailability.SOMETIMES  # with a replacement, where the match maps verbatim
    segment_local = True
    options = {
        "pattern": Option("regex", None, "the RE2 pattern", required=True),
        "ignorecase": Option("bool", False, "match regardless of case"),
        "replacement": Option("str", None, "fix: replacement text, \\1 or \\g<name> for groups"),
        "unsafe": Option("bool", False, "mark the fix unsafe (may change meaning)"),
        "exceptions": Option("str-list", [], "matches to allow"),
        "group": Option(
            "int",
            0,
            "report (and with replacement, replace) only this capture group of each match (0: the whole match)",
        ),
        "report-group": Option(
            "any",
            None,
            "the group (number or name, or a list: the first that took part) to report and replace; the rest is context",
        ),
        "unless-followed-by": Option("regex", None, "drop a match when this RE2 pattern matches right after it"),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        o = self.opts
        self._rx = self.compile_option(o["pattern"], "pattern", ignorecase=o["ignorecase"])
        rep = o["replacement"]
        self.require_at_least("group", 0)
        if o["group"] > self._rx.groups:
            raise self.config_error(
                f"'group' is {o['group']} but the pattern has {self._rx.groups} capture groups", "group"
            )
        if rep is not None:
            for m in _GROUP_REF.finditer(rep):
                num, name = m.groups()
                if num is not None and int(num) > self._rx.groups:
                    raise self.config_error(
                        f"\\{num} refers to a group the pattern does not have (it has {self._rx.groups})", "replacement"
                    )
                if (
                    name is not None
                    and name not in self._rx.groupindex
                    and not (name.isdigit() and int(name) <= self._rx.groups)
                ):
                    raise self.config_error(f"\\g<{name}> refers to a group the pattern does not have", "replacement")
        raw = o["report-group"]
        if raw is None:
            self._groups = [o["group"]]  # Vale's group (a number), 0: the whole match
        else:
            self._groups = [report_group(self, self._rx, g) for g in (raw if isinstance(raw, list) else [raw])]
        self._unless = None
        if o["unless-followed-by"] is not None:
            self._unless = self.compile_option(
                o["unless-followed-by"], "unless-followed-by", ignorecase=o["ignorecase"]
            )
        self._exc = frozenset(squash_space(e).lower() for e in o["exceptions"])
        self._default = "Use '{replacement}' instead of '{match}'." if rep is not None else "Avoid '{match}'."

    def set_patterns(self) -> tuple[Any, ...]:
        return (self._rx,)

    def check_segment(self, doc, seg, ctx):
        rep = self.opts["replacement"]
        applicability = Applicability.UNSAFE if self.opts["unsafe"] else Applicability.SAFE
        text = seg.text
        for m in self._rx.finditer(text):
            if self._unless is not None and self._unless.match(text, m.end()) is not None:
                continue
            s, e = next((sp for sp in map(m.span, self._groups) if sp[0] >= 0), (-1, -1))
            if s < 0 or e == s or not self.usable(seg, s, e):
                continue
            matched = text[s:e]
            if self._exc and (
                squash_space(matched).lower() in self._exc or squash_space(m.group()).lower() in self._exc
            ):
                continue  # the reported group or the whole match, context included ("a more perfect")
            if rep is None:
                yield self.finding(doc, seg, s, e, message=self.message(self._default, match=matched))
                continue
            new = m.expand(rep)
            if new == matched:
                continue
            fixable = contiguous_source_range(seg, s, e) is not None
            yield self.finding(
                doc,
                seg,
                s,
                e,
                replacement=new if fixable else None,
                applicability=applicability,
                suggestions=(new,),
                message=self.message(self._default, match=matched, replacement=new),
            )


def report_group(rule: Rule, rx: Any, value: Any) -> int:
    """The group number ``report-group`` names in ``rx`` (0: the whole match), or a config error."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise rule.config_error("'report-group' must be a group number or name", "report-group")
    if isinstance(value, str) and not value.isdigit():
        if value not in rx.groupindex:
            raise rule.config_error(f"the pattern has no group named {value!r}", "report-group")
        return int(rx.groupindex[value])
    n = int(value)
    if not 0 <= n <= rx.groups:
        raise rule.config_error(f"the pattern has no group {n} (it has {rx.groups})", "report-group")
    return n
