"""The ``existence`` kind: words, phrases or patterns that should not appear at all.

Banned terms, clichés, AI tells. Literal ``tokens`` go through the shared
:class:`~brandlint.rules.term_matcher.TermMatcher`; regex ``patterns`` use RE2 and cannot hang.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..documents.base import Document, Segment
from ..findings import Finding
from .base import FixAvailability, Option, RuleContext, RuleMeta
from .term_matcher import Term, TermRule
from .text import normalize_term, re_escape_token


class ExistenceRule(TermRule):
    """Flags words or phrases that should not appear (banned terms, clichés, AI tells)."""

    kind = "existence"
    summary = "Report any occurrence of listed words, phrases or RE2 patterns."
    fix_availability = FixAvailability.NEVER
    segment_local = True  # overrides check() only to skip work; findings depend on one segment
    options = {
        "tokens": Option("str-list", [], "literal words or phrases (word-bounded)"),
        "patterns": Option("regex-list", [], "RE2 regular expressions"),
        "ignorecase": Option("bool", True, "match regardless of case"),
        "nonword": Option("bool", False, "do not require word boundaries"),
        "exceptions": Option("str-list", [], "matches to allow"),
        "suggestions": Option("str-list", [], "alternatives shown with each finding"),
        "raw": Option(
            "str-list",
            [],
            "Vale's raw: RE2 fragments joined into one pattern, put before the tokens group "
            "(after it with append); with raw, tokens are a word-bounded group of that pattern",
        ),
        "append": Option("bool", False, "Vale's append: put raw after the tokens group instead of before"),
        "group": Option("int", 0, "report only this capture group of each pattern match (0: the whole match)"),
        "report-group": Option(
            "str",
            None,
            "patterns: the named group to report; the rest of the match is context (patterns without it: all)",
        ),
        "unless-followed-by": Option(
            "regex", None, "patterns: drop a match when this RE2 pattern matches right after it"
        ),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        if not opts.get("tokens") and not opts.get("patterns") and not opts.get("raw"):
            raise self.config_error("existence rules need 'tokens' or 'patterns'", "tokens")
        ic = opts.get("ignorecase", True)
        self._regexes = [
            self.compile_option(p, "patterns", i, ignorecase=ic) for i, p in enumerate(opts.get("patterns") or ())
        ]
        if opts.get("raw") or (opts.get("tokens") and "raw" in meta.scope):
            # one pattern (Vale's raw key), or tokens checked against the raw source (raw scope)
            self._regexes.append(self.compile_option(self._raw_pattern(), "raw", ignorecase=ic))
        self.require_at_least("group", 0)
        for i, rx in enumerate(self._regexes):
            if opts.get("group", 0) > rx.groups:
                raise self.config_error(
                    f"'group' is {opts['group']} but pattern {i + 1} has {rx.groups} capture groups", "group"
                )

        group = opts.get("report-group")
        if group is not None and not any(group in rx.groupindex for rx in self._regexes):
            raise self.config_error(f"no pattern has a group named {group!r}", "report-group")
        vale_group = opts.get("group", 0)
        self._groups = [int(rx.groupindex[group]) if group in rx.groupindex else vale_group for rx in self._regexes]
        unless = opts.get("unless-followed-by")
        self._unless = self.compile_option(unless, "unless-followed-by", ignorecase=ic) if unless else None

    def _raw_pattern(self) -> str:
        """Vale's existence pattern: raw fragments around the (word-bounded) tokens group."""
        o = self.opts
        tokens = [re_escape_token(t) for t in o.get("tokens") or ()]
        body = "|".join(tokens)
        group = (r"\b(?:" + body + r")\b") if tokens and not o.get("nonword") else f"(?:{body})" if body else ""
        raw = "".join(o.get("raw") or ())
        return group + raw if o.get("append") else raw + group

    def terms(self) -> list[Term]:
        if self.opts.get("raw") or "raw" in self.meta.scope:
            return []  # the tokens are part of the raw pattern
        ic = self.opts.get("ignorecase", True)
        bounded = not self.opts.get("nonword", False)
        return [Term(normalize_term(t), ic, None, bounded) for t in self.opts.get("tokens") or ()]

    def on_match(self, doc: Document, seg: Segment, start: int, end: int, term: Term) -> Finding | None:
        if self.is_exception(seg, start, end):
            return None
        return self.finding(doc, seg, start, end, suggestions=self.opts.get("suggestions") or ())

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        if not self._regexes:  # literal tokens only: the shared TermMatcher already did the work
            return iter(())
        return super().check(doc, ctx)

    def set_patterns(self) -> tuple[Any, ...]:
        return tuple(self._regexes)

    def check_segment(self, doc: Document, seg: Segment, ctx: RuleContext) -> Iterator[Finding]:
        for rx, group in zip(self._regexes, self._groups):
            for m in rx.finditer(seg.text):
                if self._unless is not None and self._unless.match(seg.text, m.end()) is not None:
                    continue
                s, e = m.span(group)
                if s < 0 or e == s or not self.in_scope(seg, s, e) or seg.is_masked(s, e):
                    continue
                if self.is_exception(seg, s, e):
                    continue
                yield self.finding(doc, seg, s, e, suggestions=self.opts.get("suggestions") or ())
