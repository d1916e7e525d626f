"""The ``occurrence`` kind: a minimum, maximum or density of matches per unit of text.

Units: the document, each section (heading to heading), paragraph, heading or sentence
(:func:`brandlint.rules.text.sentences`). Matches overlapping masked text (inline code, URLs)
are not counted; the finding is placed at the first match over the limit.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Any

from ..documents.base import Document, Segment
from ..findings import Finding
from ..textutil import plural
from .base import FixAvailability, Option, Rule, RuleContext, RuleMeta
from .literals import Finder
from .text import count_words, sections, sentences


def _first_line_end(text: str, a: int, b: int) -> int:
    nl = text.find("\n", a, b)
    return b if nl == -1 else nl


class OccurrenceRule(Rule):
    """Minimum / maximum count (or density) of words or patterns per unit of text."""

    kind = "occurrence"
    summary = "Limit how often words or patterns occur per document, section, paragraph or sentence."
    fix_availability = FixAvailability.NEVER
    segment_local = False  # counts across a unit (a document, a section)
    options = {
        "tokens": Option("str-list", [], "literal words or phrases to count (word-bounded)"),
        "patterns": Option("regex-list", [], "RE2 patterns to count"),
        "ignorecase": Option("bool", True, "match regardless of case"),
        "nonword": Option("bool", False, "do not require word boundaries around tokens"),
        "per": Option(
            "choice",
            "document",
            "the unit counted in",
            choices=("document", "section", "paragraph", "heading", "sentence"),
        ),
        "max": Option("int", None, "at most this many matches per unit"),
        "min": Option("int", None, "at least this many matches per unit"),
        "density": Option("float", None, "at most this many matches per 1,000 words of a unit"),
        "min-words": Option("int", 0, "apply density only to units of at least this many words"),
        "report-at": Option(
            "choice",
            "exceeding",
            "over max: report the first match over the limit, or the unit's first match (Vale's position)",
            choices=("exceeding", "first"),
        ),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        o = self.opts
        if not o["tokens"] and not o["patterns"]:
            raise self.config_error("occurrence rules need 'tokens' or 'patterns' to count", "tokens")
        if o["max"] is None and o["min"] is None and o["density"] is None:
            raise self.config_error("occurrence rules need 'max', 'min' or 'density'", "max")
        for key in ("max", "min", "min-words"):
            self.require_at_least(key, 0)
        if o["max"] is not None and o["min"] is not None and o["min"] > o["max"]:
            raise self.config_error(f"'min' ({o['min']}) is larger than 'max' ({o['max']})", "min")
        if o["density"] is not None and o["density"] <= 0:
            raise self.config_error(
                f"'density' must be above 0, got {o['density']}", "density", hint="use max = 0 to ban a pattern"
            )
        for i, p in enumerate(o["patterns"]):
            self.compile_option(p, "patterns", i, ignorecase=o["ignorecase"])
        self.finder = Finder(o["tokens"], o["patterns"], o["ignorecase"], not o["nonword"])
        shown = [f"'{t}'" for t in o["tokens"]] + [f"/{p}/" for p in o["patterns"]]
        self.target = " or ".join(shown[:3]) + (" ..." if len(shown) > 3 else "")

    def _units(
        self, doc: Document, segs: list[Segment], hits: dict[int, list[tuple[int, int]]]
    ) -> Iterator[list[tuple[Segment, int, int]]]:
        per = self.opts["per"]
        if per == "document":
            yield [(s, 0, len(s.text)) for s in segs]
        elif per == "section":
            keep = {id(s) for s in segs}
            for group in sections(doc.segments):
                yield [(s, 0, len(s.text)) for s in group if id(s) in keep]
        elif per == "paragraph":
            for s in segs:
                yield [(s, 0, len(s.text))]
        elif per == "heading":
            for s in segs:
                if s.has_scope("heading"):
                    yield [(s, 0, len(s.text))]
        else:  # sentence
            o = self.opts
            only_max = o["min"] is None and o["density"] is None
            for s in segs:
                if only_max and len(hits[id(s)]) <= o["max"]:
                    continue  # no sentence of it can go over the limit: skip splitting
                for a, b in sentences(s.text):
                    yield [(s, a, b)]

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        segs = self.segments(doc)
        if not segs:
            return
        hits: dict[int, list[tuple[int, int]]] = {}
        starts: dict[int, list[int]] = {}
        for seg in segs:
            found = [(s, e) for s, e in self.finder.spans(seg.text) if self.usable(seg, s, e)]
            hits[id(seg)] = found
            starts[id(seg)] = [s for s, _ in found]
        o = self.opts
        per = o["per"]
        for unit in self._units(doc, segs, hits):
            if not unit:
                continue
            matches: list[tuple[Segment, int, int]] = []
            for seg, a, b in unit:
                found, st = hits[id(seg)], starts[id(seg)]
                i = bisect.bisect_left(st, a)
                while i < len(found) and found[i][1] <= b:
                    matches.append((seg, *found[i]))
                    i += 1
            count = len(matches)
            if o["max"] is not None and count > o["max"]:
                seg, s, e = matches[0] if o.get("report-at") == "first" else matches[o["max"]]
                yield self.finding(
                    doc,
                    seg,
                    s,
                    e,
                    message=self.message(
                        "'{match}' appears {times} in this {per}; use it at most {max_times}.",
                        match=seg.text[s:e],
                        count=count,
                        times=plural(count, "time"),
                        max=o["max"],
                        max_times=plural(o["max"], "time"),
                        per=per,
                        target=self.target,
                    ),
                )
            if o["min"] is not None and count < o["min"] and self._has_words(unit):
                seg, a, b = unit[0]
                e = _first_line_end(seg.text, a, b)
                yield self.finding(
                    doc,
                    seg,
                    a,
                    e,
                    message=self.message(
                        "This {per} has {times_target}; it needs at least {min}.",
                        count=count,
                        min=o["min"],
                        per=per,
                        target=self.target,
                        match=seg.text[a:e],
                        times_target=f"{plural(count, 'match')} of {self.target}",
                    ),
                )
            if o["density"] is not None and matches:
                words = sum(count_words(seg.text, seg.masked, a, b) for seg, a, b in unit)
                if words and words >= o["min-words"] and count * 1000 / words > o["density"]:
                    allowed = int(o["density"] * words / 1000)
                    seg, s, e = matches[allowed]
                    rate = count * 1000 / words
                    yield self.finding(
                        doc,
                        seg,
                        s,
                        e,
                        message=self.message(
                            "'{match}' appears {count} times in {words} words ({rate} per 1,000 words); "
                            "use it at most {density} times per 1,000 words.",
                            match=seg.text[s:e],
                            count=count,
                            words=words,
                            rate=f"{rate:.1f}",
                            density=f"{o['density']:g}",
                            per=per,
                            target=self.target,
                        ),
                    )

    @staticmethod
    def _has_words(unit: list[tuple[Segment, int, int]]) -> bool:
        return any(count_words(seg.text, (), a, b) for seg, a, b in unit)
