"""The ``substitution`` kind: listed terms with a preferred replacement, fixed case-preservingly.

Observed terms go through the shared :class:`~brandlint.rules.term_matcher.TermMatcher`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..documents.base import Document, Segment
from ..findings import Applicability, Finding
from .base import FixAvailability, Option, RuleContext, RuleMeta
from .term_matcher import Term, TermRule
from .text import normalize_term, preserve_case


class SubstitutionRule(TermRule):
    """Flags a term that has a preferred replacement and offers a case-preserving fix."""

    kind = "substitution"
    summary = "Replace listed terms with the preferred form (safe, case-preserving fix)."
    fix_availability = FixAvailability.ALWAYS  # a rule whose Vale swaps list alternatives: sometimes
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
            "Vale's swap: keys are RE2 patterns (one word-bounded alternation, the first key that "
            "matches wins); a value 'a|b' lists alternatives, shown as suggestions without a fix",
        ),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        if not opts.get("swap"):
            raise self.config_error("give at least one term", "swap", hint='e.g. [swap] "e-mail" = "email"')
        self._keys: list[tuple[Any, str]] = []
        self._any: Any = None
        if opts.get("regex"):
            ic = opts.get("ignorecase", True)
            for key, preferred in opts["swap"].items():
                self._keys.append((self.compile_option(f"(?:{key})", "swap", key, ignorecase=ic), preferred))
            body = "|".join(f"(?:{k})" for k in opts["swap"])
            if not opts.get("nonword"):
                body = rf"\b(?:{body})\b"
            self._any = self.compile_option(body, "swap", ignorecase=ic)
            if any("|" in p for p in opts["swap"].values()):
                self.fix_availability = FixAvailability.SOMETIMES  # alternatives get suggestions only

    def terms(self) -> list[Term]:
        if self.opts.get("regex"):
            return []  # matched by check_segment
        ic = self.opts.get("ignorecase", True)
        bounded = not self.opts.get("nonword", False)
        out = []
        for observed, preferred in (self.opts.get("swap") or {}).items():
            for variant in observed.split("|"):
                out.append(Term(normalize_term(variant), ic, preferred, bounded))
        return out

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        if self._any is None:  # literal terms: the shared TermMatcher already did the work
            return iter(())
        return super().check(doc, ctx)

    def check_segment(self, doc: Document, seg: Segment, ctx: RuleContext) -> Iterator[Finding]:
        for m in self._any.finditer(seg.text):
            s, e = m.span()
            if e == s or not self.usable(seg, s, e):
                continue
            matched = m.group()
            preferred = next((p for rx, p in self._keys if rx.fullmatch(matched)), None)
            if preferred is None:  # the key matched only with the boundaries: take the first search hit
                preferred = next((p for rx, p in self._keys if rx.search(matched)), "")
            f = self.on_match(doc, seg, s, e, Term(matched, True, preferred))
            if f is not None:
                yield f

    def on_match(self, doc: Document, seg: Segment, start: int, end: int, term: Term) -> Finding | None:
        matched = seg.text[start:end]
        if self.is_exception(seg, start, end):
            return None
        preferred = term.payload
        if self._any is not None and "|" in preferred:  # Vale: alternatives, no single fix
            options = tuple(p.strip() for p in preferred.split("|") if p.strip())
            if any(o.lower() == matched.lower() for o in options):
                return None
            return self.finding(
                doc,
                seg,
                start,
                end,
                suggestions=options,
                message=self.message(
                    "Use '{preferred}' instead of '{match}'.", preferred=" or ".join(options), match=matched
                ),
            )
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
