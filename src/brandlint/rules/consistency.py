"""The ``consistency`` kind: one spelling per document among alternatives ("color" / "colour").

The spelling used more often wins (the first one seen on a tie); the others get an unsafe fix.
"""

from __future__ import annotations

from typing import Any

from ..documents.base import Segment
from ..findings import Applicability
from .base import FixAvailability, Option, Rule, RuleMeta, contiguous_source_range
from .literals import Literals
from .text import normalize_term, preserve_case


class ConsistencyRule(Rule):
    """One spelling per document among alternatives ("color" / "colour")."""

    kind = "consistency"
    summary = "Use one spelling per document among alternatives, e.g. 'color' or 'colour'."
    default_message = "Inconsistent spelling: '{match}' here but '{preferred}' elsewhere in this document."
    fix_availability = FixAvailability.SOMETIMES  # when the match maps verbatim to the source
    segment_local = False  # compares spellings across the document
    options = {
        "either": Option(
            "str-map", {}, 'pairs of alternative spellings ("a|b" lists variants by position)', required=True
        ),
        "ignorecase": Option("bool", True, "match regardless of case"),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        if not self.opts["either"]:
            raise self.config_error('give at least one pair, e.g. either = { color = "colour" }', "either")
        self.pairs: list[tuple[list[str], list[str]]] = []
        self.lookup: dict[str, tuple[int, int, int]] = {}
        ic = self.opts["ignorecase"]
        for left, right in self.opts["either"].items():
            sides = ([normalize_term(v) for v in left.split("|")], [normalize_term(v) for v in right.split("|")])
            p = len(self.pairs)
            self.pairs.append(sides)
            for side, forms in enumerate(sides):
                for vi, form in enumerate(forms):
                    key = form.lower() if ic else form
                    if not form:
                        raise self.config_error("empty spelling", "either", left)
                    if key in self.lookup:
                        raise self.config_error(f"{form!r} is listed twice", "either", left)
                    self.lookup[key] = (p, side, vi)
        self._rx = Literals(self.lookup, ic)

    def check(self, doc, ctx):
        ic = self.opts["ignorecase"]
        seen: dict[int, list[tuple[Segment, int, int, int, int]]] = {}
        for seg in self.segments(doc):
            for m in self._rx.finditer(seg.text):
                s, e = m.span()
                if not self.usable(seg, s, e):
                    continue
                key = normalize_term(m.group())
                p, side, vi = self.lookup[key.lower() if ic else key]
                seen.setdefault(p, []).append((seg, s, e, side, vi))
        for p, occ in sorted(seen.items()):
            counts = [0, 0]
            for o in occ:
                counts[o[3]] += 1
            if not all(counts):
                continue
            first_side = occ[0][3]
            pref = first_side if counts[first_side] >= counts[1 - first_side] else 1 - first_side
            forms = self.pairs[p][pref]
            first_pref = next(o for o in occ if o[3] == pref)
            shown = first_pref[0].text[first_pref[1] : first_pref[2]]
            for seg, s, e, side, vi in occ:
                if side == pref:
                    continue
                matched = seg.text[s:e]
                target = preserve_case(matched, forms[vi] if vi < len(forms) else forms[0])
                replacement = target if contiguous_source_range(seg, s, e) else None
                yield self.finding(
                    doc,
                    seg,
                    s,
                    e,
                    replacement=replacement,
                    applicability=Applicability.UNSAFE,
                    suggestions=(target,),
                    message=self.message(
                        match=matched, preferred=target, first=shown, count=counts[pref], other_count=counts[side]
                    ),
                )
