"""The ``emoji`` kind: no emoji at all, or at most ``max`` per document.

An emoji is a pictograph (with its skin tone, variation selector or ZWJ sequence), a flag or a
keycap; text-style symbols (™ ©) count only with the emoji variation selector.
"""

from __future__ import annotations

import re
from typing import Any

from ..documents.base import Document, Segment
from ..findings import Applicability, Edit, Fix
from .base import FixAvailability, Option, Rule, RuleMeta, source_edit

_EMOJI_PRESENTATION_BMP = (
    "\u231a\u231b\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615\u2648-\u2653\u267f\u2693"
    "\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea\u26f2\u26f3\u26f5\u26fa\u26fd"
    "\u2705\u270a\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf\u2b1b\u2b1c"
    "\u2b50\u2b55"
)
_PICTO = (
    "\U0001f000-\U0001f0ff\U0001f10d-\U0001f10f\U0001f12f\U0001f16c-\U0001f171\U0001f17e\U0001f17f"
    "\U0001f18e\U0001f191-\U0001f19a\U0001f201-\U0001f2ff\U0001f300-\U0001f3fa\U0001f400-\U0001faff"
)
_TEXT_DEFAULT = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u2300-\u23ff\u24c2\u25aa-\u25fe"
    "\u2600-\u27bf\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299"
)
_ONE = (
    rf"(?:[\U0001f1e6-\U0001f1ff]{{2}}"  # a flag: two regional indicators
    rf"|[0-9#*]\ufe0f?\u20e3"  # keycap
    rf"|[{_PICTO}{_EMOJI_PRESENTATION_BMP}]\ufe0f?"
    rf"|[{_TEXT_DEFAULT}]\ufe0f)"  # text-style symbols (™ ©) only as emoji with VS16
    rf"[\U0001f3fb-\U0001f3ff]?(?:[\U000e0020-\U000e007f]+)?"
)
EMOJI = re.compile(rf"{_ONE}(?:\u200d{_ONE})*")


class EmojiRule(Rule):
    """Emoji policy: none at all, or at most ``max`` per document."""

    kind = "emoji"
    summary = "Forbid emoji, or allow at most a number per document."
    fix_availability = FixAvailability.ALWAYS  # removal (unsafe), with the space next to it
    segment_local = False  # 'max' counts across the document
    options = {
        "policy": Option(
            "choice",
            "forbid",
            "'forbid' flags every emoji; 'max' allows up to `max` per document",
            choices=("forbid", "max"),
        ),
        "max": Option("int", 1, "with policy = 'max': most emoji per document"),
        "exceptions": Option("str-list", [], "emoji to allow"),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        self.require_at_least("max", 0)

    def check(self, doc, ctx):
        allowed = set(self.opts.get("exceptions") or ())
        limit = 0 if self.opts.get("policy", "forbid") == "forbid" else self.opts.get("max", 1)
        found: list[tuple[Segment, int, int]] = []
        for seg in doc.segments:
            if not self.may_hold_scope(seg):
                continue
            if seg.text.isascii():
                continue
            for m in EMOJI.finditer(seg.text):
                s, e = m.start(), m.end()
                if m.group() in allowed or m.group().replace("\ufe0f", "") in allowed:
                    continue
                if seg.masked and seg.is_masked(s, e):
                    continue
                if self.in_scope(seg, s, e):
                    found.append((seg, s, e))
        total = len(found)
        if total <= limit:
            return
        for seg, s, e in found[limit:]:
            f = self.finding(
                doc,
                seg,
                s,
                e,
                message=self.message(
                    "Emoji '{match}': this content allows no emoji."
                    if limit == 0
                    else "Emoji '{match}': {count} in this document (max {max}).",
                    match=seg.text[s:e],
                    count=total,
                    max=limit,
                ),
            )
            f.fix = self._removal(doc, seg, s, e)
            yield f

    @staticmethod
    def _removal(doc: Document, seg: Segment, s: int, e: int) -> Fix:
        text = seg.text
        a, b = s, e
        if b < len(text) and text[b] == " " and (a == 0 or text[a - 1] in " \n"):
            b += 1
        elif a > 0 and text[a - 1] == " ":
            a -= 1
        ss, se = seg.source_range(a, b)
        edit: Edit = source_edit(doc, seg, ss, se, "")
        return Fix((edit,), Applicability.UNSAFE, f"Remove {text[s:e]!r}")
