"""The ``person`` kind: second person ("you") or first person ("we") as the brand's voice.

``prefer = "second"`` flags we/us/our (and with ``singular`` I/me/my); ``prefer = "first"``
flags you/your. "US" (the country) and a list label "I." are not pronouns.
"""

from __future__ import annotations

from typing import Any

from .base import FixAvailability, Option, Rule, RuleMeta
from .text import phrase_covers, whole_words

FIRST_PLURAL = ("we", "us", "our", "ours", "ourselves", "we're", "we've", "we'll", "we'd")
FIRST_SINGULAR = ("i", "me", "my", "mine", "myself", "i'm", "i've", "i'll", "i'd")
SECOND = ("you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd")


class PersonRule(Rule):
    """First person ("we/our/us") versus second person ("you/your")."""

    kind = "person"
    summary = "Enforce second person (you) or first person (we) as the brand's voice."
    fix_availability = FixAvailability.NEVER
    segment_local = True
    options = {
        "prefer": Option(
            "choice",
            "second",
            "the person to use: 'second' flags we/our/us, 'first' flags you/your",
            choices=("second", "first"),
        ),
        "singular": Option("bool", False, "with prefer = 'second', also flag I/me/my"),
        "exceptions": Option("str-list", [], "phrases to allow, e.g. 'About us'"),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        if opts.get("prefer", "second") == "second":
            words = FIRST_PLURAL + (FIRST_SINGULAR if opts.get("singular") else ())
        else:
            words = SECOND
        self._rx = whole_words({w.replace("'", "['\u2019]") for w in words}, joiners="'\u2019/-")
        self._exc = [e.lower().replace("\u2019", "'") for e in opts.get("exceptions") or ()]

    def check_segment(self, doc, seg, ctx):
        text = seg.text
        low = text.lower().replace("\u2019", "'") if self._exc else ""
        prefer = self.opts.get("prefer", "second")
        for m in self._rx.finditer(text):
            s, e = m.start(), m.end()
            w = m.group()
            if w == "US" or (w == "I" and s + 1 < len(text) and text[s + 1] == "."):
                continue  # the country; a list label "I."
            if seg.masked and seg.is_masked(s, e):
                continue
            if self._exc and any(phrase_covers(low, x, s, e) for x in self._exc):
                continue
            if not self.in_scope(seg, s, e):
                continue
            if prefer == "second":
                default = "Write to the reader in the second person ('you'), not '{match}'."
            else:
                default = "Write in the first person ('we'), not '{match}'."
            yield self.finding(doc, seg, s, e, message=self.message(default, match=w, prefer=prefer))
