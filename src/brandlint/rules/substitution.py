"""The ``substitution`` kind: listed terms with a preferred replacement, fixed case-preservingly.

Observed terms go through the shared :class:`~brandlint.rules.term_matcher.TermMatcher`.
"""

from __future__ import annotations

from typing import Any

from ..documents.base import Document, Segment
from ..findings import Applicability, Finding
from .base import FixAvailability, Option, RuleMeta
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
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        if not opts.get("swap"):
            raise self.config_error("give at least one term", "swap", hint='e.g. [swap] "e-mail" = "email"')

    def terms(self) -> list[Term]:
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
