"""Matching listed words and patterns by regular expression, for the kinds that count or
compare matches (occurrence, required, consistency, capitalization exceptions).

Literal token lists are compiled into one escaped alternation, user patterns are RE2 through
:func:`brandlint.patterns.compile_pattern`. (Term rules that only report each match use the
shared Aho-Corasick :class:`~brandlint.rules.term_matcher.TermMatcher` instead.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..patterns import compile_pattern
from .text import is_word_char, normalize_term


def _escape(word: str) -> str:
    out = []
    for c in word:
        if c == "'":
            out.append("['’]")
        elif c.isalnum() or not c.isascii():
            out.append(c)
        else:
            out.append("\\" + c)
    return "".join(out)


class Literals:
    """Literal words and phrases, all matched by one RE2 alternation (longest first).

    White space inside a token matches any run of white space (soft line breaks included) and
    an apostrophe matches straight or curly. With ``bounded``, an end of a token that is a word
    character must not touch another word character; RE2's ``\\b`` is ASCII-only, so matches
    are also checked against Unicode word characters (``café`` never matches inside ``cafés``).
    """

    def __init__(self, tokens: Iterable[str], ignorecase: bool = True, bounded: bool = True) -> None:
        self.bounded = bounded
        toks = sorted({normalize_term(t) for t in tokens} - {""}, key=lambda t: (-len(t), t))
        if toks and len(toks) <= 8 and not any(is_word_char(t[0]) for t in toks):
            # a few punctuation tokens ("!", "—"): the stdlib engine's literal scan beats RE2's
            # per-call overhead, and no lookbehind is needed at their start
            body = "|".join(
                r"\s+".join(re.escape(w).replace("'", "['’]") for w in t.split(" "))
                + (r"(?!\w)" if bounded and is_word_char(t[-1]) else "")
                for t in toks
            )
            self.regex: Any = re.compile(body, re.IGNORECASE if ignorecase else 0)
            self.bounded = False  # the pattern checks its own (Unicode) boundary
            return
        alts: list[str] = []
        for tok in toks:
            body = r"\s+".join(_escape(w) for w in tok.split(" "))
            if bounded and tok[0].isascii() and is_word_char(tok[0]):
                body = r"\b" + body
            if bounded and tok[-1].isascii() and is_word_char(tok[-1]):
                body += r"\b"
            alts.append(body)
        self.regex = compile_pattern("|".join(alts), ignorecase) if alts else None

    def __bool__(self) -> bool:
        return self.regex is not None

    def finditer(self, text: str) -> Iterator[Any]:
        if self.regex is None:
            return
        n = len(text)
        for m in self.regex.finditer(text):
            s, e = m.span()
            if e == s:
                continue
            if self.bounded:
                if s > 0 and is_word_char(text[s]) and is_word_char(text[s - 1]):
                    continue
                if e < n and is_word_char(text[e - 1]) and is_word_char(text[e]):
                    continue
            yield m


class Finder:
    """Literal tokens and RE2 patterns: sorted, non-overlapping (leftmost, then longest) spans."""

    def __init__(self, tokens: Sequence[str], patterns: Sequence[str], ignorecase: bool, bounded: bool = True) -> None:
        self.regexes: list[Any] = []
        lit = Literals(tokens, ignorecase, bounded)
        if lit:
            self.regexes.append(lit)
        self.regexes.extend(compile_pattern(p, ignorecase) for p in patterns)

    def spans(self, text: str) -> list[tuple[int, int]]:
        if len(self.regexes) == 1:
            return [m.span() for m in self.regexes[0].finditer(text) if m.end() > m.start()]
        found = sorted((m.start(), -m.end()) for rx in self.regexes for m in rx.finditer(text) if m.end() > m.start())
        out: list[tuple[int, int]] = []
        last = -1
        for s, neg_e in found:
            if s >= last:
                out.append((s, -neg_e))
                last = -neg_e
        return out
