"""Term rules: ``existence`` (banned words) and ``substitution`` (preferred terms).

All literal terms of every enabled term rule are compiled into one Aho-Corasick automaton, so a
segment is scanned once however many thousand terms a brand has (not one regex per term per
segment). Regex ``patterns`` use RE2 and cannot hang.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import ahocorasick

from ..documents.base import Document, Segment
from ..findings import Applicability, Finding
from ..patterns import compile_pattern
from .base import Option, Rule

_WS_TABLE = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\u00a0": " ", "\u2019": "'", "\u2018": "'"})


def normalize_term(term: str) -> str:
    """Collapse whitespace and curly apostrophes so terms match across soft line breaks."""
    return " ".join(term.translate(_WS_TABLE).split())


def match_text(text: str, ignorecase: bool) -> str:
    """Same-length text for matching: whitespace → space, curly → straight quotes, lower case."""
    t = text.translate(_WS_TABLE)
    if ignorecase:
        low = t.lower()
        if len(low) != len(t):  # e.g. 'İ' lowers to two code points: keep offsets aligned
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in t)
        return low
    return t


_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width characters and the soft hyphen
_GAP = re.compile(f"[ {_INVISIBLE}]+")


def squeeze_space(hay: str) -> tuple[str, list[int] | None]:
    """Collapse runs of spaces to one and drop invisible characters.

    So "a   number\\n of" and "a \\u200cnumber of" still match "a number of", and "util\\u00adize"
    matches "utilize" (``hay`` comes from :func:`match_text`, which has already turned line
    breaks and tabs into spaces). Returns the new text and, when it changed, the offset in
    ``hay`` of each of its characters (None: unchanged, no mapping needed).
    """
    if "  " not in hay and not any(c in hay for c in _INVISIBLE):
        return hay, None
    out: list[str] = []
    back: list[int] = []
    pos = 0
    for m in _GAP.finditer(hay):
        gap = m.group()
        if gap == " ":
            continue
        out.append(hay[pos:m.start()])
        back.extend(range(pos, m.start()))
        if " " in gap:
            out.append(" ")
            back.append(m.start() + gap.index(" "))
        pos = m.end()
    out.append(hay[pos:])
    back.extend(range(pos, len(hay)))
    return "".join(out), back


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def preserve_case(matched: str, replacement: str) -> str:
    """Carry the case pattern of ``matched`` over to ``replacement``.

    ALL CAPS stays all caps; a capitalised match capitalises the replacement's first letter;
    otherwise the replacement is used as written (so "e-mail" → "email", "Github" → "GitHub").
    """
    letters = [c for c in matched if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters and matched[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


@dataclass(frozen=True)
class Term:
    text: str  # normalised literal
    ignorecase: bool
    payload: Any = None
    bounded: bool = True  # require word boundaries at alphanumeric ends


class TermRule(Rule):
    """A rule whose literal terms are matched by the shared :class:`TermMatcher`."""

    def terms(self) -> list[Term]:
        raise NotImplementedError

    def on_match(self, doc: Document, seg: Segment, start: int, end: int, term: Term) -> Finding | None:
        raise NotImplementedError

    @property
    def exceptions(self) -> tuple[str, ...]:
        cached = self.__dict__.get("_exceptions")
        if cached is None:
            cached = self.__dict__["_exceptions"] = tuple(
                normalize_term(e).lower() for e in self.opts.get("exceptions") or ())
        return cached

    def is_exception(self, seg: Segment, start: int, end: int) -> bool:
        """True when the match is, or lies inside, an occurrence of an ``exceptions`` phrase."""
        if not self.exceptions:
            return False
        for exc in self.exceptions:
            lo = max(0, end - len(exc))
            window = match_text(seg.text[lo:start + len(exc)], True)
            i = window.find(exc)
            while i != -1:
                if lo + i <= start and end <= lo + i + len(exc):
                    return True
                i = window.find(exc, i + 1)
        return False


class TermMatcher:
    """One automaton per case mode over every term of every term rule."""

    def __init__(self, rules: Iterable[TermRule]) -> None:
        self.rules = list(rules)
        self._autos: dict[bool, ahocorasick.Automaton] = {}
        entries: dict[bool, dict[str, list[tuple[int, Term]]]] = {True: defaultdict(list), False: defaultdict(list)}
        for i, rule in enumerate(self.rules):
            for term in rule.terms():
                key = term.text.lower() if term.ignorecase else term.text
                if key:
                    entries[term.ignorecase][key].append((i, term))
        for mode, table in entries.items():
            if not table:
                continue
            auto = ahocorasick.Automaton()
            for key, hits in table.items():
                auto.add_word(key, (len(key), tuple(hits)))
            auto.make_automaton()
            self._autos[mode] = auto

    def __bool__(self) -> bool:
        return bool(self._autos)

    def matches(self, seg: Segment) -> Iterator[tuple[TermRule, int, int, Term]]:
        """Leftmost-longest, word-bounded matches per rule (rules may overlap each other)."""
        text = seg.text
        per_rule: dict[int, list[tuple[int, int, Term]]] = defaultdict(list)
        for mode, auto in self._autos.items():
            hay, back = squeeze_space(match_text(text, mode))
            n = len(hay)
            for end_idx, (length, hits) in auto.iter(hay):
                end = end_idx + 1
                start = end - length
                for rule_i, term in hits:
                    if term.bounded:
                        if start > 0 and _is_word(hay[start]) and _is_word(hay[start - 1]):
                            continue
                        if end < n and _is_word(hay[end - 1]) and _is_word(hay[end]):
                            continue
                    if back is None:
                        per_rule[rule_i].append((start, end, term))
                    else:  # offsets in the squeezed text → offsets in the segment text
                        per_rule[rule_i].append((back[start], back[end - 1] + 1, term))
        for rule_i, found in per_rule.items():
            found.sort(key=lambda m: (m[0], m[0] - m[1]))
            last_end = -1
            rule = self.rules[rule_i]
            for start, end, term in found:
                if start < last_end:
                    continue
                last_end = end
                yield rule, start, end, term


class ExistenceRule(TermRule):
    """Flags words or phrases that should not appear (banned terms, clichés, AI tells)."""

    kind = "existence"
    summary = "Report any occurrence of listed words, phrases or RE2 patterns."
    segment_local = True  # overrides check() only to skip work; findings depend on one segment
    options = {
        "tokens": Option("str-list", [], "literal words or phrases (word-bounded)"),
        "patterns": Option("regex-list", [], "RE2 regular expressions"),
        "ignorecase": Option("bool", True, "match regardless of case"),
        "nonword": Option("bool", False, "do not require word boundaries"),
        "exceptions": Option("str-list", [], "matches to allow"),
        "suggestions": Option("str-list", [], "alternatives shown with each finding"),
    }

    def __init__(self, meta, opts):
        super().__init__(meta, opts)
        ic = opts.get("ignorecase", True)
        self._regexes = [compile_pattern(p, ic) for p in opts.get("patterns") or ()]

    def terms(self) -> list[Term]:
        ic = self.opts.get("ignorecase", True)
        bounded = not self.opts.get("nonword", False)
        return [Term(normalize_term(t), ic, None, bounded) for t in self.opts.get("tokens") or ()]

    def on_match(self, doc, seg, start, end, term):
        if self.is_exception(seg, start, end):
            return None
        return self.finding(doc, seg, start, end, suggestions=self.opts.get("suggestions") or ())

    def check(self, doc, ctx):
        if not self._regexes:  # literal tokens only: the shared TermMatcher already did the work
            return iter(())
        return super().check(doc, ctx)

    def check_segment(self, doc, seg, ctx):
        for rx in self._regexes:
            for m in rx.finditer(seg.text):
                s, e = m.start(), m.end()
                if e == s or not self.in_scope(seg, s, e) or seg.is_masked(s, e):
                    continue
                if self.is_exception(seg, s, e):
                    continue
                yield self.finding(doc, seg, s, e, suggestions=self.opts.get("suggestions") or ())


class SubstitutionRule(TermRule):
    """Flags a term that has a preferred replacement and offers a case-preserving fix."""

    kind = "substitution"
    summary = "Replace listed terms with the preferred form (safe, case-preserving fix)."
    options = {
        "swap": Option("str-map", {}, "observed term → preferred term", required=True),
        "ignorecase": Option("bool", True, "match regardless of case"),
        "preserve-case": Option("bool", True, "carry the match's capitalisation to the fix"),
        "exceptions": Option("str-list", [], "matches to allow"),
        "unsafe": Option("bool", False, "mark the fix unsafe (may change meaning)"),
    }

    def terms(self) -> list[Term]:
        ic = self.opts.get("ignorecase", True)
        out = []
        for observed, preferred in (self.opts.get("swap") or {}).items():
            for variant in observed.split("|"):
                out.append(Term(normalize_term(variant), ic, preferred))
        return out

    def on_match(self, doc, seg, start, end, term):
        matched = seg.text[start:end]
        if self.is_exception(seg, start, end):
            return None
        preferred = term.payload
        replacement = preserve_case(matched, preferred) if self.opts.get("preserve-case", True) else preferred
        if replacement == matched:
            return None
        applicability = Applicability.UNSAFE if self.opts.get("unsafe") else Applicability.SAFE
        return self.finding(doc, seg, start, end, replacement=replacement, applicability=applicability,
                            suggestions=(replacement,), replacement_text=replacement, preferred=replacement)
