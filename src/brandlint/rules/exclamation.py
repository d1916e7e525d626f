"""The ``exclamation`` kind: too many exclamation marks per sentence or per document.

A run like ``!!`` or ``?!`` is one exclamation; words that contain ``!`` (``Yahoo!``) can be
allowed. The fix shortens a run of ``!`` to the allowed number.
"""

from __future__ import annotations

import re
from typing import Any

from ..documents.base import Segment
from .base import FixAvailability, Option, Rule, RuleMeta
from .text import sentences


def _word_with_bang(text: str, s: int, word: str) -> bool:
    """Whether the ``!`` at ``text[s]`` belongs to ``word`` (an exception such as "Yahoo!")."""
    k = len(word.rstrip("!"))
    return word.endswith("!") and s >= k and text.startswith(word, s - k)


class ExclamationRule(Rule):
    """Too many exclamation marks per sentence or per document."""

    kind = "exclamation"
    summary = "Limit exclamation marks per sentence and per document."
    fix_availability = FixAvailability.SOMETIMES  # a run of only '!' in a sentence over the limit
    segment_local = False  # max-per-document counts across the document
    options = {
        "max-per-sentence": Option("int", 1, "most exclamation marks in one sentence"),
        "max-per-document": Option(
            "int", -1, "most exclamations (a run like '!!' counts once) per document; -1: no limit"
        ),
        "exceptions": Option("str-list", [], "words that contain '!' legitimately, e.g. 'Yahoo!'"),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        for key in ("max-per-sentence", "max-per-document"):
            self.require_at_least(key, -1, hint="-1: no limit")

    def _runs(self, seg: Segment) -> list[tuple[int, int]]:
        text = seg.text
        exc = [e for e in self.opts.get("exceptions") or ()]
        out = []
        for m in re.finditer(r"[!?\u203c\u2757\u2755\uff01]+", text):
            s, e = m.start(), m.end()
            if not any(c in "!\u203c\u2757\u2755\uff01" for c in m.group()):
                continue
            if seg.masked and seg.is_masked(s, e):
                continue
            if any(_word_with_bang(text, s, x) for x in exc):
                continue  # "Yahoo!"
            out.append((s, e))
        return out

    def check(self, doc, ctx):
        per_sentence = self.opts.get("max-per-sentence", 1)
        per_doc = self.opts.get("max-per-document", -1)
        counted: list[tuple[Segment, int, int]] = []
        for seg in doc.segments:
            if not self.may_hold_scope(seg):
                continue
            runs = [r for r in self._runs(seg) if self.in_scope(seg, *r)]
            if not runs:
                continue
            counted.extend((seg, s, e) for s, e in runs)
            if per_sentence >= 0:
                for ss, se in sentences(seg.text):
                    inside = [(s, e) for s, e in runs if ss <= s < se]
                    marks = sum(sum(1 for c in seg.text[s:e] if c != "?") for s, e in inside)
                    if marks <= per_sentence:
                        continue
                    if len(inside) == 1:
                        s, e = inside[0]
                        run = seg.text[s:e]
                        fixable = set(run) == {"!"} and per_sentence >= 1
                        yield self.finding(
                            doc,
                            seg,
                            s,
                            e,
                            replacement="!" * per_sentence if fixable else None,
                            message=self.message(
                                "{count} exclamation marks in one sentence (max {max}).",
                                match=run,
                                count=marks,
                                max=per_sentence,
                            ),
                        )
                    else:
                        s, e = inside[0][0], inside[-1][1]
                        yield self.finding(
                            doc,
                            seg,
                            s,
                            e,
                            message=self.message(
                                "{count} exclamation marks in one sentence (max {max}).",
                                match=seg.text[s:e],
                                count=marks,
                                max=per_sentence,
                            ),
                        )
        total = len(counted)
        if per_doc >= 0 and total > per_doc:
            for seg, s, e in counted[per_doc:]:
                yield self.finding(
                    doc,
                    seg,
                    s,
                    e,
                    message=self.message(
                        "{count} exclamations in this document (max {max}).",
                        match=seg.text[s:e],
                        count=total,
                        max=per_doc,
                    ),
                )
