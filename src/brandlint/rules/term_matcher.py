"""The shared term matcher: every literal term of every enabled term rule in one automaton.

Term rules (``existence``, ``substitution``, ``terminology``) list literal words and phrases.
All of them are compiled into one Aho-Corasick automaton per case mode, so a segment is scanned
once however many thousand terms a brand has (not one regex per term per segment); the engine
hands each match to the rule that owns the term (:meth:`TermRule.on_match`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import ahocorasick

from ..documents.base import Document, Segment
from ..findings import Finding
from .base import Rule
from .text import is_word_char, match_text, normalize_term

_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width characters and the soft hyphen
_GAP = re.compile(f"[ {_INVISIBLE}]+")


def squeeze_gaps(hay: str) -> tuple[str, list[int] | None]:
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
        out.append(hay[pos : m.start()])
        back.extend(range(pos, m.start()))
        if " " in gap:
            out.append(" ")
            back.append(m.start() + gap.index(" "))
        pos = m.end()
    out.append(hay[pos:])
    back.extend(range(pos, len(hay)))
    return "".join(out), back


@dataclass(frozen=True)
class Term:
    text: str  # normalised literal
    ignorecase: bool
    payload: Any = None
    bounded: bool = True  # require word boundaries at alphanumeric ends


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is not part of a longer word ("the majority of us" is not in
    "the majority of users")."""
    if start > 0 and is_word_char(text[start]) and is_word_char(text[start - 1]):
        return False
    return not (end < len(text) and is_word_char(text[end - 1]) and is_word_char(text[end]))


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
                normalize_term(e).lower() for e in self.opts.get("exceptions") or ()
            )
        return cached

    def is_exception(self, seg: Segment, start: int, end: int) -> bool:
        """True when the match is, or lies inside, an occurrence of an ``exceptions`` phrase."""
        if not self.exceptions:
            return False
        text = seg.text
        for exc in self.exceptions:
            lo = max(0, end - len(exc) - 1)  # one more character each side: the word boundaries
            window = match_text(text[lo : start + len(exc) + 1], True)
            i = window.find(exc)
            while i != -1:
                a, b = lo + i, lo + i + len(exc)
                if a <= start and end <= b and _bounded(text, a, b):
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
            hay, back = squeeze_gaps(match_text(text, mode))
            n = len(hay)
            for end_idx, (length, hits) in auto.iter(hay):
                end = end_idx + 1
                start = end - length
                for rule_i, term in hits:
                    if term.bounded:
                        if start > 0 and is_word_char(hay[start]) and is_word_char(hay[start - 1]):
                            continue
                        if end < n and is_word_char(hay[end - 1]) and is_word_char(hay[end]):
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
