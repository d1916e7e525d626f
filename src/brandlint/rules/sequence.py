"""The ``sequence`` kind: Vale's ``sequence`` — a run of tokens described by patterns and tags.

    kind = "sequence"
    message = "The infinitive '{token4}' after 'be' requires 'to'."
    [[tokens]]
    tag = "MD"
    [[tokens]]
    pattern = "be"
    [[tokens]]
    tag = "JJ"
    [[tokens]]
    tag = "VB|VBN"

Each token has a ``pattern`` (RE2, matched against the whole token text) and/or a ``tag`` (RE2
over spaCy's Penn Treebank tag, e.g. ``VB.*`` or ``NN|NNS``), ``negate`` (the token must *not*
match) and ``skip`` (up to that many other tokens may come between it and the next one). At
least one token needs a non-negated ``pattern``: the anchor (Vale's rule). Matching is per
sentence (:func:`brandlint.rules.text.sentences`); the finding spans the matched tokens, first to
last, and ``{tokenN}`` in the message is the text of the N-th token of the sequence (Vale's
``%[N]s``). Only the sentences where the anchor pattern occurs are tagged (each on its own, in one
batched ``nlp.pipe`` call), so a rule whose anchor is rare costs little.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..documents.base import Document, Segment
from ..findings import Finding
from ..nlp import NLPRuleMixin, prepare_text
from .base import FixAvailability, Option, Rule, RuleContext, RuleMeta
from .text import sentences

_TOKEN_KEYS = {"pattern": str, "tag": str, "negate": bool, "skip": int}


@dataclass(frozen=True)
class SeqToken:
    pattern: Any  # compiled RE2 (full match of the token's text) or None
    tag: Any  # compiled RE2 (full match of the Penn tag) or None
    negate: bool
    skip: int

    def matches(self, text: str, tag: str) -> bool:
        ok = (self.pattern is None or self.pattern.fullmatch(text) is not None) and (
            self.tag is None or self.tag.fullmatch(tag) is not None
        )
        return ok != self.negate


def _words(sdoc: Any) -> list[tuple[int, int, str, str]]:
    """(start, end, text, tag) of each word: spaCy's tokens, with hyphenated compounds that
    spaCy splits ("self-worth": self, -, worth) joined back into one word, as Vale's tokenizer
    keeps them (tagged as their last part)."""
    out: list[tuple[int, int, str, str]] = []
    toks = [t for t in sdoc if not t.is_space]
    i = 0
    while i < len(toks):
        t = toks[i]
        start, end, tag = t.idx, t.idx + len(t.text), t.tag_
        while (
            i + 2 < len(toks)
            and toks[i + 1].text == "-"
            and toks[i + 1].idx == end
            and toks[i + 2].idx == end + 1
            and toks[i].text.isalnum()
            and toks[i + 2].text.isalnum()
        ):
            end, tag = toks[i + 2].idx + len(toks[i + 2].text), toks[i + 2].tag_
            i += 2
        out.append((start, end, sdoc.text[start:end], tag))
        i += 1
    return out


class SequenceRule(NLPRuleMixin, Rule):
    """A sequence of tokens matched by text patterns and part-of-speech tags (Vale's ``sequence``)."""

    kind = "sequence"
    summary = "Report a sequence of tokens described by RE2 patterns and part-of-speech tags (spaCy)."
    nlp_components = frozenset({"tagger"})
    fix_availability = FixAvailability.NEVER
    segment_local = True
    default_message = "Check '{match}'."
    options = {
        "tokens": Option(
            "any",
            [],
            "the sequence: an array of tables with pattern (RE2, whole token), tag (RE2 over the Penn "
            "tag), negate (bool) and skip (int: up to that many tokens may follow before the next one)",
            required=True,
        ),
        "ignorecase": Option("bool", False, "match patterns regardless of case (Vale's default: false)"),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        raw = opts.get("tokens")
        if not isinstance(raw, list) or not raw or not all(isinstance(t, dict) for t in raw):
            raise self.config_error("'tokens' must be an array of tables ([[tokens]])", "tokens")
        ic = bool(opts.get("ignorecase"))
        seq: list[SeqToken] = []
        self._anchor: Any = None
        for i, t in enumerate(raw):
            for key, value in t.items():
                want = _TOKEN_KEYS.get(key)
                if want is None:
                    raise self.config_error(
                        f"unknown key {key!r} in a sequence token", "tokens", i, key, hint="pattern, tag, negate, skip"
                    )
                if not isinstance(value, want) or (want is int and isinstance(value, bool)):
                    raise self.config_error(f"'{key}' must be {want.__name__}, got {value!r}", "tokens", i, key)
            if "pattern" not in t and "tag" not in t:
                raise self.config_error("a sequence token needs 'pattern' or 'tag'", "tokens", i)
            if t.get("skip", 0) < 0:
                raise self.config_error(f"'skip' must be 0 or more, got {t['skip']}", "tokens", i, "skip")
            pat = self.compile_option(t["pattern"], "tokens", i, "pattern", ignorecase=ic) if "pattern" in t else None
            tag = self.compile_option(f"(?:{t['tag']})", "tokens", i, "tag") if "tag" in t else None
            seq.append(SeqToken(pat, tag, bool(t.get("negate", False)), int(t.get("skip", 0))))
            if self._anchor is None and pat is not None and not t.get("negate"):
                self._anchor = self.compile_option(t["pattern"], "tokens", i, "pattern", ignorecase=ic)
        if self._anchor is None:
            raise self.config_error(
                "a sequence needs at least one token with a 'pattern' that is not negated (the anchor)", "tokens"
            )
        self.seq = tuple(seq)

    def _match(self, toks: list[tuple[str, str]], k: int, j: int, out: list[int]) -> bool:
        """Match ``seq[k:]`` from token ``j``; ``out`` collects the matched token indices."""
        if k == len(self.seq):
            return True
        t = self.seq[k]
        if j >= len(toks) or not t.matches(*toks[j]):
            return False
        out.append(j)
        reach = t.skip if k + 1 < len(self.seq) else 0
        for gap in range(reach + 1):
            if self._match(toks, k + 1, j + 1 + gap, out):
                return True
        out.pop()
        return False

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        anchor = self._anchor
        todo: list[tuple[Segment, int]] = []  # (segment, sentence start) of sentences with the anchor
        texts: list[str] = []
        for seg in doc.segments:
            if not self.may_hold_scope(seg) or not anchor.search(seg.text):
                continue
            prepared = prepare_text(seg)
            for a, b in sentences(seg.text):
                if anchor.search(seg.text, a, b):
                    todo.append((seg, a))
                    texts.append(prepared[a:b])
        if not texts:
            return  # no anchor anywhere: nothing to tag
        svc = ctx.service("nlp")
        svc.require(self.nlp_components)
        for (seg, a), sdoc in zip(todo, svc.parse(texts)):
            sent = [(s + a, e + a, text, tag) for s, e, text, tag in _words(sdoc)]
            toks = [(w[2], w[3]) for w in sent]
            j = 0
            while j < len(toks):
                got: list[int] = []
                if not self._match(toks, 0, j, got):
                    j += 1
                    continue
                s, e = sent[got[0]][0], sent[got[-1]][1]
                j = got[-1] + 1
                if not self.usable(seg, s, e):
                    continue
                values = {f"token{n}": sent[i][2] for n, i in enumerate(got, 1)}
                yield self.finding(doc, seg, s, e, message=self.message(match=seg.text[s:e], **values))
