"""The ``repetition`` kind: the same word twice in a row ("the the"), across soft line breaks.

The fix deletes the repeat when only white space (or a blockquote ``>`` / list indentation after
a line break) separates the words in the source.
"""

from __future__ import annotations

import itertools
import operator
import re
from typing import Any

from ..findings import Applicability, Fix
from .base import FixAvailability, Option, Rule, RuleMeta, contiguous_source_range, source_edit
from .text import ALNUM_WORD, normalize_term, squash_space

_GAP_OK = re.compile(r"[ \t>]*")  # container prefixes a deletion may join across (quote, indent)

_TOKENS = re.compile(r"[\w'’]+")

DEFAULT_REPEAT_EXCEPTIONS = (
    "had had",
    "that that",
    "is is",
    "bye bye",
    "so so",
    "no no",
    "ha ha",
    "knock knock",
    "chop chop",
    "tut tut",
    "hush hush",
    "night night",
    "there there",
    "now now",
)


class RepetitionRule(Rule):
    """The same word twice in a row ("the the"), across soft line breaks."""

    kind = "repetition"
    summary = "Report a word repeated twice in a row, e.g. 'the the' (safe fix: delete the repeat)."
    default_message = "Repeated word '{word}'."
    fix_availability = FixAvailability.SOMETIMES  # when only markup-free space separates the words
    segment_local = True
    options = {
        "tokens": Option("str-list", [], "only report these words (default: any word)"),
        "ignorecase": Option("bool", True, "'The the' counts as a repetition"),
        "exceptions": Option(
            "str-list",
            list(DEFAULT_REPEAT_EXCEPTIONS),
            "repeated pairs that are correct English (replaces the default list)",
        ),
        "proper-nouns": Option("bool", False, "also report capitalised pairs such as 'Bora Bora'"),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        flags = re.IGNORECASE if self.opts["ignorecase"] else 0
        w = r"[^\W\d_]+(?:['’][^\W\d_]+)*"
        self._rx = re.compile(rf"(?<![\w'’-])({w})((?:\s+\1(?![\w'’-]))+)", flags)
        norm = (lambda t: t.lower()) if self.opts["ignorecase"] else (lambda t: t)
        self._norm = norm
        self._only = frozenset(norm(normalize_term(t)) for t in self.opts["tokens"])
        self._exceptions = frozenset(norm(squash_space(normalize_term(t))) for t in self.opts["exceptions"])
        for t in self.opts["exceptions"]:
            if len(normalize_term(t).split(" ")) != 2:
                raise self.config_error(f'exception {t!r} must be a pair of words, e.g. "had had"', "exceptions")

    def check_segment(self, doc, seg, ctx):
        text = seg.text
        # cheap C-level prefilter: any two equal tokens in a row? (a superset of what _rx finds)
        tokens = _TOKENS.findall(text.lower() if self.opts["ignorecase"] else text)
        if not any(map(operator.eq, tokens, itertools.islice(tokens, 1, None))):
            return
        for m in self._rx.finditer(text):
            word = m.group(1)
            key = self._norm(word)
            if self._only and key not in self._only:
                continue
            words = ALNUM_WORD.findall(m.group())
            if len(words) == 2 and f"{key} {key}" in self._exceptions:
                continue  # "had had" is fine; "that that that" is still a slip
            if not self.opts["proper-nouns"] and all(x[:1].isupper() and not x.isupper() for x in words):
                continue  # "Bora Bora", "Walla Walla"
            s, e = m.span()
            if not self.usable(seg, s, e):
                continue
            f = self.finding(doc, seg, s, e, message=self.message(word=word, match=m.group(), count=len(words)))
            cut = contiguous_source_range(seg, m.end(1), e, _GAP_OK, doc.source)
            if cut is not None:
                f.fix = Fix(
                    (source_edit(doc, seg, cut[0], cut[1], ""),), Applicability.SAFE, f"Delete the repeated {word!r}"
                )
            yield f
