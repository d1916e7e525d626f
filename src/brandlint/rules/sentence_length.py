"""The ``sentence-length`` kind: sentences longer than ``max`` words.

Sentences come from :func:`brandlint.rules.text.sentences`; a hyphenated compound counts as one
word and inline code or a URL as one word.
"""

from __future__ import annotations

from typing import Any

from ..nlp import prepare_text
from .base import FixAvailability, Option, Rule, RuleMeta
from .text import HYPHENATED_WORD, sentences


class SentenceLengthRule(Rule):
    """Sentences longer than ``max`` words."""

    kind = "sentence-length"
    summary = "Flag sentences longer than a maximum number of words."
    fix_availability = FixAvailability.NEVER
    segment_local = True
    options = {
        "max": Option("int", 30, "most words a sentence may have"),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        self.require_at_least("max", 1)

    def check_segment(self, doc, seg, ctx):
        limit = self.opts.get("max", 30)
        text = prepare_text(seg)
        for s, e in sentences(text):
            count = sum(1 for _ in HYPHENATED_WORD.finditer(text, s, e))
            if count > limit and self.in_scope(seg, s, e):
                yield self.finding(
                    doc,
                    seg,
                    s,
                    e,
                    message=self.message(
                        "Sentence is {words} words long (max {max}): split it.",
                        match=seg.text[s:e],
                        words=count,
                        max=limit,
                    ),
                )
