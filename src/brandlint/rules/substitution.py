"""The ``substitution`` kind: listed terms with a preferred replacement, fixed case-preservingly.

Observed terms go through the shared :class:`~brandlint.rules.term_matcher.TermMatcher`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..documents.base import Document, Segment
from ..findings import Applicability, Finding
from ..patterns import compile_pattern
from .base import FixAvailability, Option, Rule, RuleContext, RuleMeta, contiguous_source_range
from .term_matcher import Term, TermRule
from .text import normalize_term, preserve_case


class SubstitutionRule(TermRule):
    """Flags a term that has a preferred replacement and offers a case-preserving fix."""

    kind = "substitution"
    summary = "Replace listed terms with the preferred form (safe, case-preserving fix)."
    fix_availability = FixAvailability.ALWAYS
    segment_local = True
    options = {
        "swap": Option("str-map", {}, "observed term → preferred term", required=True),
        "ignorecase": Option("bool", True, "match regardless of case"),
        "nonword": Option("bool", False, "Vale's nonword: do not require word boundaries around terms"),
        "preserve-case": Option("bool", True, "carry the match's capitalisation to the fix"),
        "exceptions": Option("str-list", [], "matches to allow"),
        "unsafe": Option("bool", False, "mark the fix unsafe (may change meaning)"),
        "regex": Option(
            "bool",
            False,
            "Vale's swap: keys are RE2 patterns (edge lookarounds allowed); a value 'a|b' offers "
            "either; a match the value's pattern matches entirely is not reported",
        ),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        if not opts.get("swap"):
            raise self.config_error("give at least one term", "swap", hint='e.g. [swap] "e-mail" = "email"')
        self._swaps: list[tuple[Any, str, Any]] = []
        if opts.get("regex"):
            ic = opts.get("ignorecase", True)
            wrap = "(?:{})" if opts.get("nonword") else r"\b(?:{})\b"
            # longest keys first: Vale joins them in one alternation, where the first that matches wins
            for key, value in sorted(opts["swap"].items(), key=lambda kv: -len(kv[0])):
                look = _EDGE_LOOK.fullmatch(key)
                body = wrap.format(look.group(2)) if look else wrap.format(key)
                if look:
                    body = (look.group(1) or "") + body + (look.group(3) or "")
                rx = self.compile_option(body, "swap", key, ignorecase=ic)
                try:
                    same = compile_pattern(value, ic)
                except ValueError:
                    same = None
                self._swaps.append((rx, value, same))

    def terms(self) -> list[Term]:
        if self.opts.get("regex"):
            return []  # regex keys: check_segment matches them
        ic = self.opts.get("ignorecase", True)
        bounded = not self.opts.get("nonword", False)
        out = []
        for observed, preferred in (self.opts.get("swap") or {}).items():
            for variant in observed.split("|"):
                out.append(Term(normalize_term(variant), ic, preferred, bounded))
        return out

    def on_match(self, doc: Document, seg: Segment, start: int, end: int, term: Term) -> Finding | None:
        matched = seg.text[start:end]
        if self.is_exception(seg, start, end):
            return None
        preferred = term.payload
        replacement = preserve_case(matched, preferred) if self.opts.get("preserve-case", True) else preferred
        if replacement == matched:
            return None
        applicability = Applicability.UNSAFE if self.opts.get("unsafe") else Applicability.SAFE
        return self.finding(
            doc,
            seg,
            start,
            end,
            replacement=replacement,
            applicability=applicability,
            suggestions=(replacement,),
            replacement_text=replacement,
            preferred=replacement,
        )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        if not self._swaps:
            return iter(())
        return Rule.check(self, doc, ctx)

    def check_segment(self, doc: Document, seg: Segment, ctx: RuleContext) -> Iterator[Finding]:
        """Regex swaps (Vale): leftmost match first, the longer key on a tie; no overlaps."""
        text = seg.text
        found = []
        for i, (rx, _value, _same) in enumerate(self._swaps):
            for m in rx.finditer(text):
                if m.end() > m.start():
                    found.append((m.start(), -m.end(), i))
        found.sort()
        last = -1
        for s, neg_e, i in found:
            e = -neg_e
            if s < last:
                continue
            observed = text[s:e].strip()
            rx, value, same = self._swaps[i]
            if observed == value or (same is not None and same.fullmatch(observed) is not None):
                continue
            if not self.usable(seg, s, e) or self.is_exception(seg, s, e):
                continue
            last = e
            options = [v.strip() for v in value.split("|") if v.strip()]
            if self.opts.get("preserve-case", True):
                options = [preserve_case(observed, v) for v in options]
            if observed in options:
                continue
            expected = _either(options)
            fixable = len(options) == 1 and contiguous_source_range(seg, s, e) is not None
            yield self.finding(
                doc,
                seg,
                s,
                e,
                replacement=options[0] if fixable else None,
                applicability=Applicability.UNSAFE if self.opts.get("unsafe") else Applicability.SAFE,
                suggestions=options,
                replacement_text=expected,
                preferred=expected,
            )


_EDGE_LOOK = re.compile(r"(\(\?<[=!](?:\\.|[^)])*\))?(.*?)(\(\?[=!](?:\\.|[^)])*\))?")


def _either(options: list[str]) -> str:
    """Vale's list of alternatives: 'a', 'a or b', 'a, b, or c'."""
    if len(options) <= 2:
        return " or ".join(options)
    return ", ".join(options[:-1]) + ", or " + options[-1]
