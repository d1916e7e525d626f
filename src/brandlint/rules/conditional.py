"""The ``conditional`` kind: an acronym (or any pattern) must be defined before it is used.

Vale's ``conditional``: by default a use is an acronym of 2-6 capitals and a definition is
"Full Name (ABC)" or "ABC (Full Name)" whose words spell the acronym out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..documents.base import Segment
from .base import FixAvailability, Option, Rule, RuleMeta
from .text import ALNUM_WORD

#: Acronyms so common that readers need no definition (extend with ``exceptions``).
COMMON_ACRONYMS = frozenset(
    """
    AI API APIs KB MB GB TB TODO CEO CFO CIO COO CTO CLI CPU CSS CSV CMS CRM DIY DNS EU FAQ FAQs FBI FYI GPS GPU GUI HR
    HTML HTTP HTTPS ID IDs IP IT JPEG JPG JSON MP3 MP4 NASA OK OS PC PDF PDFs PHP PM AM PNG PR Q&A RAM
    ROI RSS SDK SEO SMS SQL SSD SSH SSL TCP TLS TV UDP UI UK UN URL URLs US USA USB UTC UX VIP VPN
    WiFi XML YAML ZIP ASAP CV DVD HD IOS TOML GIF SVG KPI B2B B2C BBC CNN
    II III IV VI VII VIII IX XI XII XIII XIV XV XVI XVII XVIII XIX XX
""".split()
)

_SHOUT = re.compile(r"(?<!\w)[A-Z][A-Z'’]+(?:[ \t]+[A-Z][A-Z'’]+(?!\w)){2,}")
_PARENS = re.compile(r"\(\s*([^()\n]{1,150}?)\s*\)")
_ACRONYM_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9&.\-]{0,11}[A-Za-z0-9]\Z")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z0-9&\-]{0,11}[A-Za-z0-9])\s*\Z")


def _letters(acr: str) -> str:
    core = acr[:-1] if len(acr) > 2 and acr.endswith("s") and acr[:-1].isupper() else acr
    caps = [c for c in core if c.isupper() or c.isdigit()]
    return "".join(caps).lower() if len(caps) >= 2 else ""


def _spells_out(acr: str, words: list[str]) -> bool:
    """Do ``words`` (ending right before/after the acronym) spell out ``acr``?

    The acronym's capitals must be a subsequence of the words' initials, starting at a word
    whose initial is the first capital, with at most three extra (small) words in the span.
    """
    letters = _letters(acr)
    if not letters or not words:
        return False
    initials = [w[0].lower() for w in words]
    for i in range(len(initials)):
        if initials[i] != letters[0] or len(initials) - i > len(letters) + 3:
            continue
        k = 0
        for c in initials[i:]:
            if k < len(letters) and c == letters[k]:
                k += 1
        if k == len(letters):
            return True
    return False


class ConditionalRule(Rule):
    """An acronym must be defined before it is used (Vale's ``conditional``)."""

    kind = "conditional"
    summary = "Require a definition before an acronym (or any pattern) is used."
    fix_availability = FixAvailability.NEVER
    segment_local = False  # a definition anywhere earlier in the document counts
    options = {
        "use": Option(
            "regex",
            "",
            "RE2 pattern of a use; group 1 (if any) is the term "
            r"(default \b([A-Z]{2,6})s?\b)",
        ),
        "definition": Option(
            "regex-list",
            [],
            "RE2 patterns of a definition; every non-empty group (else the whole match) is a "
            "defined term (default: 'Full Name (ABC)' and 'ABC (Full Name)')",
        ),
        "first": Option("regex", "", "Vale name for 'use': when it matches, 'second' must match too"),
        "second": Option("regex", "", "Vale name for a 'definition' pattern"),
        "exceptions": Option("str-list", [], "terms that need no definition"),
        "common": Option("bool", True, "also accept well-known acronyms (API, URL, HTML, PDF, FAQ...)"),
        "ignorecase": Option("bool", False, "compare terms regardless of case"),
        "every-use": Option("bool", False, "report every use of an undefined term, not only the first (Vale)"),
        "same-segment": Option(
            "bool", False, "a definition anywhere in the same paragraph counts, even after the use (Vale's block)"
        ),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        o = self.opts
        if o["use"] and o["first"]:
            raise self.config_error("give 'use' or its Vale name 'first', not both", "first")
        if o["definition"] and o["second"]:
            raise self.config_error("give 'definition' or its Vale name 'second', not both", "second")
        use_key = "use" if o["use"] else "first"
        self._use = self.compile_option(o["use"] or o["first"] or r"\b([A-Z]{2,6})s?\b", use_key)
        defs = list(o["definition"]) or ([o["second"]] if o["second"] else [])
        def_key = "definition" if o["definition"] else "second"
        self._defs = [self.compile_option(p, def_key) for p in defs]
        self._norm = (lambda t: t.lower()) if o["ignorecase"] else (lambda t: t)
        allowed = set(o["exceptions"]) | (COMMON_ACRONYMS if o["common"] else set())
        self._allowed = frozenset(self._norm(a) for a in allowed)

    @staticmethod
    def _terms(m) -> list[str]:
        """Every non-empty group of a definition match (as Vale's ``second``), else the match."""
        groups = [g for g in m.groups() if g] if m.re.groups else []
        return groups or [m.group(0)]

    @staticmethod
    def _term(m) -> str:
        return m.group(1) if m.re.groups and m.group(1) is not None else m.group(0)

    def _definitions(self, seg: Segment) -> Iterator[tuple[str, int]]:
        text = seg.text
        if self._defs:
            for rx in self._defs:
                for m in rx.finditer(text):
                    if not (seg.masked and seg.is_masked(*m.span())):
                        for term in self._terms(m):
                            yield term, m.start()
            return
        for m in _PARENS.finditer(text):  # definitions always hold parentheses: few candidates
            if seg.masked and seg.is_masked(*m.span()):
                continue
            inner = m.group(1)
            if _ACRONYM_LIKE.match(inner):  # "Full Name (ABC)"
                before = ALNUM_WORD.findall(text, max(0, m.start() - 160), m.start())[-(len(inner) + 4) :]
                if _spells_out(inner, before):
                    yield inner, m.start()
                    continue
            w = _WORD_BEFORE.search(text, max(0, m.start() - 16), m.start())  # "ABC (Full Name)"
            if w is not None:
                words = ALNUM_WORD.findall(inner)
                if words and words[0].lower() == "the":
                    words = words[1:]
                if _spells_out(w.group(1), words[: len(w.group(1)) + 4]):
                    yield w.group(1), w.start()

    def check(self, doc, ctx):
        segs = self.segments(doc)
        defined: dict[str, tuple[int, int]] = {}  # term -> (segment number, offset) of its first definition
        for n, seg in enumerate(doc.segments):
            for term, pos in self._definitions(seg):
                key = self._norm(term)
                if key not in defined or (n, pos) < defined[key]:
                    defined[key] = (n, max(pos, 0))
        order = {id(s): n for n, s in enumerate(doc.segments)}
        reported: set[str] = set()
        for seg in segs:
            n = order[id(seg)]
            shout = None
            for m in self._use.finditer(seg.text):
                s, e = m.span()
                if e == s:
                    continue
                term = self._term(m)
                key = self._norm(term)
                if key in reported or key in self._allowed:
                    continue
                where = defined.get(key)
                if where is not None and (where <= (n, s) or (self.opts["same-segment"] and where[0] == n)):
                    continue
                if not self.usable(seg, s, e):
                    continue
                if shout is None:
                    shout = [x.span() for x in _SHOUT.finditer(seg.text)]
                if any(a <= s and e <= b for a, b in shout):
                    continue
                if not self.opts["every-use"]:
                    reported.add(key)
                later = ""
                if where is not None:
                    dseg = doc.segments[where[0]]
                    line = doc.span(*dseg.source_range(where[1], where[1] + 1)).start.line
                    later = f" (its definition comes later, on line {line})"
                yield self.finding(
                    doc,
                    seg,
                    s,
                    e,
                    message=self.message(
                        "'{term}' is used before it is defined{later}: spell it out on first use, "
                        "e.g. 'Full Name ({term})'.",
                        term=term,
                        match=m.group(),
                        later=later,
                    ),
                )
