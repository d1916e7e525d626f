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
#: AP: articles, and conjunctions and prepositions of three letters or fewer stay lower case.
AP_SMALL_WORDS = "a an the and but for nor or so yet as at by for in of off on out per to up via vs vs. en".split()
#: Chicago: articles, coordinating conjunctions and every preposition stay lower case.
CHICAGO_SMALL_WORDS = (
    "a an the and but for nor or so yet as about above across after against along amid among around at "
    "before behind below beneath beside besides between beyond by despite down during except for from in "
    "inside into like near of off on onto opposite out outside over past per since than through throughout "
    "till to toward towards under underneath unlike until up upon versus via vs vs. with within without en"
).split()
_CASES = {"$title": "title", "$sentence": "sentence", "$lower": "lower", "$upper": "upper"}
_PRONOUN_I = re.compile(r"I(?:['’](?:m|ve|ll|d))?\Z")


class CapitalizationRule(Rule):
    """Heading case: sentence, title, lower or upper, keeping brand terms and acronyms."""

    kind = "capitalization"
    summary = "Check heading case (sentence, title, lower or upper) with exceptions; safe fix."
    default_message = "Use {style} case: '{expected}'."
    fix_availability = FixAvailability.SOMETIMES  # when every changed word maps verbatim to the source
    segment_local = True  # check() goes heading by heading
    options = {
        "style": Option(
            "choice",
            "sentence",
            "the case to use; AP or Chicago: title case with that guide's small words (Vale's style)",
            choices=("sentence", "title", "lower", "upper", "AP", "Chicago"),
        ),
        "match": Option(
            "str",
            "",
            "Vale's match: $title, $sentence, $lower or $upper (as style), or an RE2 pattern the text must "
            "contain a match of",
        ),
        "threshold": Option(
            "float",
            1.0,
            "Vale's threshold: the share of words already in the right case for the text to pass "
            "(Vale's default is 0.8)",
        ),
        "prefix": Option(
            "str", "", "Vale's prefix: an RE2 pattern at the start of the text left unchecked (e.g. '\\d+\\. ')"
        ),
        "indicators": Option(
            "str-list",
            [":", ".", "!", "?"],
            "sentence case: a word right after one of these suffixes may take either case (Vale's default: none)",
        ),
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
        o = self.opts
        self._pattern = None
        case = o["style"]
        if o["match"]:
            if o["match"] in _CASES:
                if case in ("AP", "Chicago") and o["match"] != "$title":
                    raise self.config_error(f"style {case!r} applies only with match = '$title'", "style")
                case = _CASES[o["match"]] if case not in ("AP", "Chicago") else case
            else:
                self._pattern = self.compile_option(o["match"], "match")
        small = o["small-words"]
        if case in ("AP", "Chicago"):
            small = AP_SMALL_WORDS if case == "AP" else CHICAGO_SMALL_WORDS
            self.guide = case
            case = "title"
        else:
            self.guide = ""
        self.case = case
        self._small = frozenset(w.lower() for w in small)
        if not 0.0 <= o["threshold"] <= 1.0:
            raise self.config_error(f"'threshold' must be between 0 and 1, got {o['threshold']}", "threshold")
        self._prefix = self.compile_option("^(?:" + o["prefix"] + ")", "prefix") if o["prefix"] else None
        inds = [x for x in o["indicators"] if x]
        self._stops = re.compile("(?:" + "|".join(map(re.escape, inds)) + r")\s") if inds else None

    def check(self, doc, ctx):
        for seg in self.segments(doc):
            if self.in_scope(seg, 0, len(seg.text)):
                f = self._check_text(doc, seg)
                if f is not None:
                    yield f

    def _expected_words(self, text: str, masked, start: int = 0) -> tuple[list[tuple[int, int, str]], int]:
        """(start, end, expected) for every word whose case is wrong, and how many words were checked."""
        style = self.case
        fixed: dict[int, tuple[int, str]] = {}  # word start -> (end, form) from exceptions
        if self._exc:
            for m in self._exc.finditer(text):
                form = self._exc_forms.get(squash_space(normalize_term(m.group())).lower())
                got = list(ALNUM_WORD.finditer(text, m.start(), m.end()))
                forms = ALNUM_WORD.findall(form or "")
                for k, wm in enumerate(got):
                    fixed[wm.start()] = (wm.end(), forms[k] if len(forms) == len(got) else wm.group())
        words = list(ALNUM_WORD.finditer(text, start))
        out: list[tuple[int, int, str]] = []
        last = len(words) - 1
        prev_end = start
        checked = 0
        for i, m in enumerate(words):
            s, e = m.span()
            w = m.group()
            gap = text[prev_end:s]
            prev_end = e
            if masked and any(a < e and s < b for a, b in masked):
                continue
            checked += 1
            if s in fixed:
                want = fixed[s][1]
            elif any(c.isdigit() for c in w) or self._keeps_case(w):
                continue
            elif style == "upper":
                want = w.upper()
            elif style == "lower":
                want = w.lower()
            else:
                after_stop = bool(self._stops and self._stops.search(gap))  # after an indicator
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
        return out, checked

    @staticmethod
    def _keeps_case(w: str) -> bool:
        """Acronyms (API, APIs) and inner capitals (iPhone, GitHub) keep their case."""
        core = w[:-1] if w.endswith("s") and len(w) > 2 else w
        if len(core) >= 2 and core.isupper():
            return True
        return any(c.isupper() for c in w[1:]) and not w.isupper()

    def _check_text(self, doc: Document, seg: Segment) -> Finding | None:
        text = seg.text
        lead = len(text) - len(text.lstrip())
        if self._pattern is not None:  # Vale: the text passes when the pattern matches in it
            if self._pattern.search(text):
                return None
            b = len(text.rstrip())
            return self.finding(
                doc, seg, lead, b, message=self.message(style=self.opts["match"], expected="", match=text[lead:b])
            )
        start = lead
        if self._prefix is not None:
            pm = self._prefix.match(text, lead)
            if pm is not None:
                start = pm.end()
        wrong, checked = self._expected_words(text, seg.masked, start)
        if not wrong:
            return None
        threshold = self.opts["threshold"]
        if threshold < 1.0 and checked and (checked - len(wrong)) / checked >= threshold:
            return None  # Vale: enough words are in the right case
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
            message=self.message(style=self.guide or self.case, expected=expected_text.strip(), match=text[a:b]),
            suggestions=(expected_text.strip(),),
        )
        if edits:
            applicability = Applicability.UNSAFE if self.opts["unsafe"] else Applicability.SAFE
            f.fix = Fix(tuple(edits), applicability, f"Change to {self.case} case")
        return f
