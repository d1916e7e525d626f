"""The ``capitalization`` kind: heading case (sentence, title, lower or upper).

Brand terms and acronyms listed in ``exceptions`` keep their case; acronyms (API, APIs) and
inner capitals (iPhone, GitHub) are never changed. The fix changes only the case of the words
that are wrong, and only where each maps verbatim to the source.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from ..documents.base import Document, Segment
from ..findings import Applicability, Edit, Finding, Fix
from .base import FixAvailability, Option, Rule, RuleMeta, contiguous_source_range, source_edit
from .literals import Literals
from .text import ALNUM_WORD, normalize_term, squash_space

DEFAULT_SMALL_WORDS = (
    "a",
    "an",
    "the",
    "and",
    "but",
    "or",
    "nor",
    "for",
    "so",
    "yet",
    "as",
    "at",
    "by",
    "in",
    "of",
    "off",
    "on",
    "per",
    "to",
    "up",
    "via",
    "vs",
    "vs.",
    "with",
    "from",
    "into",
    "onto",
    "over",
    "than",
    "if",
    "en",
)
_STOP = re.compile(r"[.!?:]\s")
_PRONOUN_I = re.compile(r"I(?:['’](?:m|ve|ll|d))?\Z")


class CapitalizationRule(Rule):
    """Heading case: sentence, title, lower or upper, keeping brand terms and acronyms."""

    kind = "capitalization"
    summary = "Check heading case (sentence, title, lower or upper) with exceptions; safe fix."
    default_message = "Use {style} case: '{expected}'."
    fix_availability = FixAvailability.SOMETIMES  # when every changed word maps verbatim to the source
    segment_local = True  # check() goes heading by heading
    options = {
        "style": Option("choice", "sentence", "the case to use", choices=("sentence", "title", "lower", "upper")),
        "exceptions": Option("str-list", [], "terms kept exactly as written (brand names, proper nouns)"),
        "small-words": Option("str-list", list(DEFAULT_SMALL_WORDS), "title case: words kept lower case"),
        "unsafe": Option("bool", False, "mark the fix unsafe (e.g. headings often hold unlisted names)"),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        if not meta.scope:
            meta = dataclasses.replace(meta, scope=("heading",))
        super().__init__(meta, opts)
        self._exc = Literals(self.opts["exceptions"], True)
        self._exc_forms = {normalize_term(t).lower(): normalize_term(t) for t in self.opts["exceptions"]}
        self._small = frozenset(w.lower() for w in self.opts["small-words"])

    def check(self, doc, ctx):
        for seg in self.segments(doc):
            if self.in_scope(seg, 0, len(seg.text)):
                f = self._check_text(doc, seg)
                if f is not None:
                    yield f

    def _expected_words(self, text: str, masked) -> list[tuple[int, int, str]]:
        """(start, end, expected) for every word whose case is wrong."""
        style = self.opts["style"]
        fixed: dict[int, tuple[int, str]] = {}  # word start -> (end, form) from exceptions
        if self._exc:
            for m in self._exc.finditer(text):
                form = self._exc_forms.get(squash_space(normalize_term(m.group())).lower())
                got = list(ALNUM_WORD.finditer(text, m.start(), m.end()))
                forms = ALNUM_WORD.findall(form or "")
                for i, g in enumerate(got):
                    fixed[g.start()] = (g.end(), forms[i] if len(forms) == len(got) else g.group())
        words = list(ALNUM_WORD.finditer(text))
        out: list[tuple[int, int, str]] = []
        last = len(words) - 1
        prev_end = 0
        for i, m in enumerate(words):
            s, e = m.span()
            w = m.group()
            gap = text[prev_end:s]
            prev_end = e
            if masked and any(a < e and s < b for a, b in masked):
                continue
            if s in fixed:
                want = fixed[s][1]
            elif any(c.isdigit() for c in w) or self._keeps_case(w):
                continue
            elif style == "upper":
                want = w.upper()
            elif style == "lower":
                want = w.lower()
            else:
                after_stop = bool(_STOP.search(gap))  # after ":", ".", "!" or "?"
                if style == "sentence":
                    if _PRONOUN_I.match(w) or (after_stop and w[:1].isupper()):
                        continue  # "I", and either case after a colon or a full stop
                    want = w[:1].upper() + w[1:] if i == 0 else w.lower()
                elif i == 0 or after_stop or i == last or w.lower() not in self._small:
                    want = w[:1].upper() + w[1:]
                else:
                    want = w.lower()
            if want != w and len(want) == len(w):
                out.append((s, e, want))
        return out

    @staticmethod
    def _keeps_case(w: str) -> bool:
        """Acronyms (API, APIs) and inner capitals (iPhone, GitHub) keep their case."""
        core = w[:-1] if w.endswith("s") and len(w) > 2 else w
        if len(core) >= 2 and core.isupper():
            return True
        return any(c.isupper() for c in w[1:]) and not w.isupper()

    def _check_text(self, doc: Document, seg: Segment) -> Finding | None:
        text = seg.text
        wrong = self._expected_words(text, seg.masked)
        if not wrong:
            return None
        expected = list(text)
        for s, e, want in wrong:
            expected[s:e] = want
        expected_text = "".join(expected)
        edits: list[Edit] = []
        for s, e, want in wrong:
            rng = contiguous_source_range(seg, s, e)
            if rng is None or doc.source[rng[0] : rng[1]].lower() != text[s:e].lower():
                edits = []  # a fix is all of its edits or nothing
                break
            edits.append(source_edit(doc, seg, rng[0], rng[1], want))
        a = len(text) - len(text.lstrip())
        b = len(text.rstrip())
        f = self.finding(
            doc,
            seg,
            a,
            b,
            message=self.message(style=self.opts["style"], expected=expected_text.strip(), match=text[a:b]),
            suggestions=(expected_text.strip(),),
        )
        if edits:
            applicability = Applicability.UNSAFE if self.opts["unsafe"] else Applicability.SAFE
            f.fix = Fix(tuple(edits), applicability, f"Change to {self.opts['style']} case")
        return f
