"""The ``passive-voice`` kind: passive voice from spaCy's dependency parse.

A passive is a past participle with a passive auxiliary (``auxpass``: a form of *be*, or of *get*
when ``auxiliaries`` allows it). Participles conjoined to a passive that have no auxiliary or
subject of their own share it ("are packaged, installed, and updated" is three passives). A
participle that names a state rather than an action is not reported; the parse and the words
around it decide that (:func:`is_state`):

* an adverb that grades adjectives only grades it ("very interested", "too tired"), and no agent
  ("by ...") follows;
* ``used`` + ``to`` + a noun or gerund is "accustomed to" ("is used to working"); ``used`` + ``to``
  + a verb is a passive ("is used to replace");
* an ``exceptions`` entry matches: one word is a participle ("born"); two or more words are a
  pattern over the auxiliary's lemma, the participle and the words after it ("get started":
  auxiliary *get* + "started"; "based in": "based" followed by "in", so "is based on" stays a
  passive).

Participles the parser reads as adjectives (``acomp``/``amod``: "Be prepared for") have no
``auxpass`` and are states already.

The first finding of a passive spans the auxiliary to the participle ("was written"), or to "by"
with ``agent-only``; a conjoined participle spans itself. The shared ``nlp`` service parses every
segment of a document once for all rules (:class:`brandlint.nlp.NLPRuleMixin`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..documents.base import Document
from ..findings import Finding
from ..nlp import NLPRuleMixin
from .base import FixAvailability, Option, Rule, RuleContext, RuleMeta
from .passive_prefilter import may_hold_passive

#: Adverbs that grade adjectives but not verbs; a participle they modify names a state ("very
#: interested", "too tired"). Adverbs that also modify verbs ("highly recommended", "deeply
#: affected", "increasingly used", "more/most used") are not here: those stay passives.
DEGREE_ADVERBS = frozenset("very too pretty quite extremely incredibly terribly awfully fairly somewhat".split())

AUXILIARIES = {"be": frozenset({"be"}), "be+get": frozenset({"be", "get"})}

#: Forms of the two passive auxiliaries (from the word, so the rule needs no lemmatizer).
_AUX_LEMMA = {
    **dict.fromkeys("be is am are was were been being 's 're 'm ’s ’re ’m".split(), "be"),
    **dict.fromkeys("get gets got gotten getting".split(), "get"),
}


def aux_lemma(tok: Any) -> str:
    """``be`` or ``get`` for a form of either, else the word itself."""
    return _AUX_LEMMA.get(tok.lower_, tok.lower_)


@dataclass(frozen=True)
class Passive:
    """One reported participle: ``start``/``end`` are segment offsets of the span to report."""

    start: int
    end: int
    verb: Any  # the spaCy token of the participle


def auxiliary_of(verb: Any) -> Any | None:
    """The passive auxiliary (``auxpass``) before ``verb``, or None."""
    for child in verb.children:
        if child.dep_ == "auxpass" and child.i < verb.i:
            return child
    return None


def conjoined_participles(verb: Any) -> Iterator[Any]:
    """Participles conjoined to ``verb`` that share its auxiliary (no auxiliary or subject of their
    own): "stored in files and listed in the manifest" -> "listed". Follows chains of ``conj``."""
    for child in verb.children:
        if child.dep_ != "conj" or child.tag_ != "VBN":
            continue
        if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "expl") for c in child.children):
            continue
        yield child
        yield from conjoined_participles(child)


def _words_after(verb: Any, n: int) -> list[str]:
    doc = verb.doc
    return [t.lower_ for t in doc[verb.i + 1 : verb.i + 1 + n]]


def matches_phrase(phrase: tuple[str, ...], aux_lemma: str, verb: Any) -> bool:
    """Whether an exception phrase matches: ``(aux lemma, participle, *next words)`` or
    ``(participle, *next words)``."""
    if phrase[0] == verb.lower_:
        return _words_after(verb, len(phrase) - 1) == list(phrase[1:])
    if len(phrase) >= 2 and phrase[0] == aux_lemma and phrase[1] == verb.lower_:
        return _words_after(verb, len(phrase) - 2) == list(phrase[2:])
    return False


def is_state(verb: Any, aux_lemma: str, words: frozenset[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the participle ``verb`` after a form of *be*/*get* names a state, not an action."""
    if verb.lower_ in words:
        return True
    if any(matches_phrase(p, aux_lemma, verb) for p in phrases):
        return True
    if any(c.dep_ == "agent" for c in verb.children):
        return False  # "by ..." names who acted: an action, whatever grades it
    if any(c.dep_ == "advmod" and c.lower_ in DEGREE_ADVERBS and c.i < verb.i for c in verb.children):
        return True
    if verb.lower_ == "used":  # "is used to working" (accustomed) vs "is used to replace" (passive)
        doc = verb.doc
        if verb.i + 2 < len(doc) and doc[verb.i + 1].lower_ == "to":
            nxt = doc[verb.i + 2]
            if nxt.tag_ == "VBG" or nxt.pos_ in ("NOUN", "PROPN", "PRON", "DET", "ADJ", "NUM"):
                return True
    return False


def agent_end(verb: Any) -> int | None:
    """Where an ``agent-only`` span ends: after "by" right after the participle, else after the
    participle; None when the participle names no agent."""
    agents = [c for c in verb.children if c.dep_ == "agent"]
    if not agents:
        return None
    if agents[0].i == verb.i + 1:
        return agents[0].idx + len(agents[0].text)
    return verb.idx + len(verb.text)


def find_passives(
    sdoc: Any,
    auxiliaries: frozenset[str],
    words: frozenset[str],
    phrases: tuple[tuple[str, ...], ...],
    agent_only: bool,
) -> Iterator[Passive]:
    """The passives of one parsed segment, in order of the participles."""
    seen: set[int] = set()
    out: list[Passive] = []
    for tok in sdoc:
        if tok.dep_ != "auxpass":
            continue
        verb = tok.head
        lemma = aux_lemma(tok)
        if verb.i <= tok.i or verb.i in seen or lemma not in auxiliaries:
            continue
        seen.add(verb.i)
        for v in (verb, *conjoined_participles(verb)):
            if v is not verb and v.i in seen:
                continue
            seen.add(v.i)
            if is_state(v, lemma, words, phrases):
                continue
            start = tok.idx if v is verb else v.idx
            end = v.idx + len(v.text)
            if agent_only:
                e = agent_end(v)
                if e is None:
                    continue
                end = max(end, e)
            out.append(Passive(start, end, v))
    out.sort(key=lambda p: p.start)
    return iter(out)


class PassiveVoiceRule(NLPRuleMixin, Rule):
    """Passive voice from the dependency parse: a participle with a passive auxiliary."""

    kind = "passive-voice"
    summary = "Flag passive voice (from spaCy's dependency parse: auxpass/nsubjpass), reporting the verb phrase."
    nlp_components = frozenset({"parser", "attribute_ruler"})  # tags and POS for participles
    nlp_prefilter = staticmethod(may_hold_passive)  # only segments with a be/get form are parsed
    fix_availability = FixAvailability.NEVER
    segment_local = True  # batches a document's segments, but each finding depends on one segment
    options = {
        "agent-only": Option(
            "bool",
            False,
            "only flag passives that name the agent ('by ...'); the span then ends with 'by' when it follows the verb",
        ),
        "auxiliaries": Option(
            "choice",
            "be+get",
            "passive auxiliaries: 'be' only, or 'be' and 'get' ('getting paid')",
            choices=("be", "be+get"),
        ),
        "exceptions": Option(
            "str-list",
            [],
            "states to allow: a participle ('born'), or a phrase over the auxiliary's lemma, the participle "
            "and the next words ('get started', 'based in')",
        ),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        entries = [tuple(e.lower().split()) for e in self.opts.get("exceptions") or ()]
        self._words = frozenset(e[0] for e in entries if len(e) == 1)
        self._phrases = tuple(e for e in entries if len(e) > 1)
        self._auxiliaries = AUXILIARIES[self.opts.get("auxiliaries") or "be+get"]

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        if not doc.segments:
            return
        agent_only = self.opts.get("agent-only", False)
        for seg, sdoc in zip(doc.segments, self.spacy_docs(doc, ctx)):
            if not self.may_hold_scope(seg):
                continue
            for p in find_passives(sdoc, self._auxiliaries, self._words, self._phrases, agent_only):
                if not self.usable(seg, p.start, p.end):
                    continue
                phrase = seg.text[p.start : p.end]
                yield self.finding(
                    doc,
                    seg,
                    p.start,
                    p.end,
                    message=self.message(
                        "'{match}' is passive voice: say who does what.", match=phrase, verb=p.verb.text
                    ),
                )
