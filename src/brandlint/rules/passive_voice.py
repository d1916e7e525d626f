"""The ``passive-voice`` kind: passive voice from spaCy's dependency parse.

A passive is an ``auxpass`` child of a verb; the finding spans the auxiliary to the verb ("was
written"), or to "by" with ``agent-only``. The shared ``nlp`` service parses every segment of a
document once for all rules (:class:`brandlint.nlp.NLPRuleMixin`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..documents.base import Document
from ..findings import Finding
from ..nlp import NLPRuleMixin
from .base import FixAvailability, Option, Rule, RuleContext
from .passive_prefilter import may_hold_passive


class PassiveVoiceRule(NLPRuleMixin, Rule):
    """Passive voice from the dependency parse: an ``auxpass`` child of a verb."""

    kind = "passive-voice"
    summary = "Flag passive voice (from spaCy's dependency parse: auxpass/nsubjpass), reporting the verb phrase."
    nlp_components = frozenset({"parser"})
    nlp_prefilter = staticmethod(may_hold_passive)  # only segments with a be/get form are parsed
    fix_availability = FixAvailability.NEVER
    segment_local = True  # batches a document's segments, but each finding depends on one segment
    options = {
        "agent-only": Option(
            "bool",
            False,
            "only flag passives that name the agent ('by ...'); the span then ends with 'by' when it follows the verb",
        ),
        "exceptions": Option("str-list", [], "participles to allow, e.g. 'based', 'born'"),
    }

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        if not doc.segments:
            return
        exc = {e.lower() for e in self.opts.get("exceptions") or ()}
        agent_only = self.opts.get("agent-only", False)
        for seg, sdoc in zip(doc.segments, self.spacy_docs(doc, ctx)):
            if not self.may_hold_scope(seg):
                continue
            seen: set[int] = set()
            for tok in sdoc:
                if tok.dep_ != "auxpass":
                    continue
                verb = tok.head
                if verb.i <= tok.i or verb.i in seen:
                    continue
                seen.add(verb.i)
                if verb.lower_ in exc:
                    continue
                start, end = tok.idx, verb.idx + len(verb.text)
                if agent_only:
                    agents = [c for c in verb.children if c.dep_ == "agent"]
                    if not agents:
                        continue
                    if agents[0].i == verb.i + 1:
                        end = agents[0].idx + len(agents[0].text)
                if seg.masked and seg.is_masked(start, end):
                    continue
                if not self.in_scope(seg, start, end):
                    continue
                phrase = seg.text[start:end]
                yield self.finding(
                    doc,
                    seg,
                    start,
                    end,
                    message=self.message(
                        "'{match}' is passive voice: say who does what.", match=phrase, verb=verb.text
                    ),
                )
