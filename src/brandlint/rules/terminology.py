"""Terminology: an Acrolinx-style term base of preferred terms and their forbidden variants.

::

    kind = "terminology"
    [[terms]]
    preferred = "brandlint"
    variants = ["Brand Lint"]      # + "Brand-Lint", "BrandLint" (separator variants)
    case-sensitive = true          # "Brandlint" mid-sentence is a variant too
    note = "Our product name is always lower case."
    [[terms]]
    preferred = "use"
    variants = ["utilize", "leverage"]
    lemmas = true                  # utilizes / utilized / leveraging through spaCy lemmas

Literal entries go through the shared Aho-Corasick :class:`~brandlint.rules.term_matcher.TermMatcher`
(one automaton for every term of every rule), so a term base without ``lemmas`` never needs
spaCy. Only entries with ``lemmas = true`` use the shared NLP service (tagger + lemmatizer).

Allowed legal variants: the preferred form capitalised at the start of a sentence
(``sentence-initial``), trademark signs after a term (never part of a match), and configured
``exceptions`` (phrases that may contain a variant, e.g. a legal entity name).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..config import schema as S
from ..documents.base import Document, Segment
from ..findings import Applicability, Finding
from .base import FixAvailability, Option, RuleContext, RuleMeta, contiguous_source_range
from .term_matcher import Term, TermRule
from .text import at_sentence_start, match_text, normalize_term, phrase_covers, preserve_case

TERM_SCHEMA = {
    "preferred": S.STR,
    "variants": S.STR_LIST,
    "note": S.STR,
    "definition": S.STR,
    "lemmas": S.BOOL,
    "case-sensitive": S.BOOL,
    "exceptions": S.STR_LIST,
    "inflections": S.STR_MAP,
    "pos": S.STR_LIST,
}
INFLECTION_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "NN", "NNS")
TRADEMARKS = "\u2122\u00ae\u2120\u00a9"
_SEP = re.compile(r"[\s\-\u2010\u2011]+")
_LEMMA_TOKEN = re.compile(r"\w+|[^\w\s]")


def separator_forms(term: str) -> set[str]:
    """``"e-mail"`` → {"e-mail", "e mail", "email"}: the spacing and hyphenation variants."""
    parts = [p for p in _SEP.split(term) if p]
    if len(parts) < 2:
        return {term}
    return {term, " ".join(parts), "-".join(parts), "".join(parts)}


_VOWELS = set("aeiou")


def inflect(word: str, tag: str) -> str:
    """Regular English inflection of ``word`` for a Penn tag (a guess for irregular words)."""
    w = word
    low = w.lower()
    if tag in ("VBZ", "NNS"):
        if low.endswith(("s", "x", "z", "ch", "sh")):
            return w + "es"
        if len(low) > 1 and low.endswith("y") and low[-2] not in _VOWELS:
            return w[:-1] + "ies"
        return w + "s"
    if tag in ("VBD", "VBN"):
        if low.endswith("e"):
            return w + "d"
        if len(low) > 1 and low.endswith("y") and low[-2] not in _VOWELS:
            return w[:-1] + "ied"
        if _doubles(low):
            return w + w[-1] + "ed"
        return w + "ed"
    if tag == "VBG":
        if low.endswith("ie"):
            return w[:-2] + "ying"
        if low.endswith("e") and not low.endswith(("ee", "ye", "oe")) and len(low) > 2:
            return w[:-1] + "ing"
        if _doubles(low):
            return w + w[-1] + "ing"
        return w + "ing"
    return w


def _doubles(low: str) -> bool:
    """Short consonant-vowel-consonant words double their last letter (stop → stopped)."""
    return (
        len(low) in (3, 4)
        and low[-1] not in _VOWELS
        and low[-1] not in "wxy"
        and low[-2] in _VOWELS
        and low[-3] not in _VOWELS
    )


def inflections_of(word: str) -> set[str]:
    low = word.lower()
    return {low, inflect(low, "VBZ"), inflect(low, "VBD"), inflect(low, "VBG")}


def strip_trademark(term: str) -> str:
    return term.rstrip(TRADEMARKS + " ")


@dataclass
class TermEntry:
    index: int
    preferred: str
    variants: tuple[str, ...] = ()  # forbidden literal forms (normalised)
    case_forbidden: frozenset[str] = frozenset()  # listed casings of the preferred form
    case_sensitive: bool = False
    note: str = ""
    definition: str = ""
    lemmas: bool = False
    lemma_seqs: tuple[tuple[str, ...], ...] = ()
    accepted: dict[str, frozenset[str]] = field(default_factory=dict)  # seq word → surface forms
    inflections: dict[str, str] = field(default_factory=dict)
    exceptions: tuple[str, ...] = ()
    pos: frozenset[str] = frozenset()  # universal POS the first token must have (lemma entries)


class TerminologyRule(TermRule):
    """Preferred terms with forbidden variants (case, spacing, hyphenation, inflection)."""

    kind = "terminology"
    summary = "A term base: preferred terms with forbidden variants, usage notes and a case-preserving fix."
    fix_availability = FixAvailability.SOMETIMES  # not where the match crosses markup
    segment_local = True  # check() runs the lemma entries segment by segment
    options = {
        "terms": Option(
            "any",
            None,
            "array of [[terms]] tables: preferred, variants, note, definition, "
            "lemmas, case-sensitive, exceptions, inflections, pos",
            required=True,
        ),
        "case-sensitive": Option(
            "bool", False, "default for every term: other casings of the preferred form are variants (brand names)"
        ),
        "sentence-initial": Option("bool", True, "allow the preferred form capitalised at the start of a sentence"),
        "separator-variants": Option("bool", True, "also flag spacing/hyphen variants ('e-mail', 'e mail')"),
        "exceptions": Option("str-list", [], "phrases to allow even though they contain a variant"),
        "unsafe": Option("bool", False, "mark fixes unsafe (may change meaning)"),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        self.entries = self._parse_terms(opts.get("terms"))
        self._lemma_entries = [e for e in self.entries if e.lemmas]
        # only lemma entries need spaCy (tagger + lemmatizer)
        self.needs = frozenset({"nlp"}) if self._lemma_entries else frozenset()
        self.nlp_components = frozenset({"lemmatizer"}) if self._lemma_entries else frozenset()
        self._lemma_first: dict[str, list[tuple[tuple[str, ...], TermEntry]]] = {}
        for e in self._lemma_entries:
            for seq in e.lemma_seqs:
                for form in e.accepted[seq[0]]:
                    self._lemma_first.setdefault(form, []).append((seq, e))
        self._low: tuple[Segment | None, str] = (None, "")

    # -- configuration -------------------------------------------------------------------
    def _parse_terms(self, raw: Any) -> list[TermEntry]:
        meta = self.meta
        text = ""
        if meta.source:
            try:
                with open(meta.source, encoding="utf-8") as fh:
                    text = fh.read()
            except OSError:
                pass
        if not isinstance(raw, list) or not raw:
            raise self.config_error(
                "expected a non-empty array of [[terms]] tables",
                "terms",
                hint='e.g. [[terms]]\npreferred = "email"\nvariants = ["e-mail"]',
            )
        S.check_value([TERM_SCHEMA], raw, ("terms",), meta.source, text)
        sep = self.opts.get("separator-variants", True)
        rule_cs = self.opts.get("case-sensitive", False)
        owner: dict[str, int] = {}
        entries: list[TermEntry] = []
        for i, t in enumerate(raw):
            if not t.get("preferred", "").strip():
                raise self.config_error("missing 'preferred' (the term to use)", "terms", i)
            preferred = normalize_term(strip_trademark(t["preferred"]))
            cs = t.get("case-sensitive", rule_cs)
            forms: list[str] = []
            case_forbidden = set()
            for j, v in enumerate(t.get("variants", ())):
                v = normalize_term(strip_trademark(v))
                if not v:
                    raise self.config_error("empty variant", "terms", i, "variants", j)
                if v == preferred:
                    raise self.config_error(f"variant {v!r} is the preferred form itself", "terms", i, "variants", j)
                if v.lower() == preferred.lower():
                    case_forbidden.add(v)
                    continue
                forms.extend(sorted(separator_forms(v)) if sep else [v])
            if sep:
                forms.extend(sorted(separator_forms(preferred) - {preferred}))
            variants: list[str] = []
            for f in forms:
                if f.lower() == preferred.lower():
                    if f != preferred:
                        case_forbidden.add(f)
                    continue
                if f.lower() not in {x.lower() for x in variants}:
                    variants.append(f)
            for key in [preferred.lower()] + [v.lower() for v in variants]:
                prev = owner.get(key)
                if prev is not None and prev != i:
                    raise self.config_error(
                        f"{key!r} belongs to two terms: {entries[prev].preferred!r} and {preferred!r}",
                        "terms",
                        i,
                        hint="list each variant under one preferred term",
                    )
                owner[key] = i
            inflections = dict(t.get("inflections", {}))
            for tag in inflections:
                if tag not in INFLECTION_TAGS:
                    raise self.config_error(
                        f"unknown inflection tag {tag!r}",
                        "terms",
                        i,
                        "inflections",
                        hint=f"use Penn tags: {', '.join(INFLECTION_TAGS)}",
                    )
            e = TermEntry(
                index=i,
                preferred=preferred,
                variants=tuple(variants),
                case_forbidden=frozenset(case_forbidden),
                case_sensitive=cs or bool(case_forbidden),
                note=t.get("note", ""),
                definition=t.get("definition", ""),
                lemmas=t.get("lemmas", False),
                inflections=inflections,
                exceptions=tuple(normalize_term(x).lower() for x in t.get("exceptions", ())),
                pos=frozenset(x.upper() for x in t.get("pos", ())),
            )
            if e.pos and not e.lemmas:
                raise self.config_error("'pos' needs lemmas = true (spaCy tags the words)", "terms", i, "pos")
            if e.lemmas:
                seqs = []
                accepted: dict[str, frozenset[str]] = {}
                for v in variants:
                    seq = tuple(w.lower() for w in _LEMMA_TOKEN.findall(v))
                    if seq and seq not in seqs:
                        seqs.append(seq)
                        for w in seq:
                            accepted[w] = frozenset(inflections_of(w)) if w.isalpha() else frozenset((w,))
                e.lemma_seqs, e.accepted = tuple(seqs), accepted
            entries.append(e)
        return entries

    # -- literal matching (shared automaton) ---------------------------------------------
    def terms(self) -> list[Term]:
        out = []
        for e in self.entries:
            out.append(Term(e.preferred, True, (e, "preferred")))
            if not e.lemmas:
                out.extend(Term(v, True, (e, "variant")) for v in e.variants)
        return out

    def _excepted(self, seg: Segment, start: int, end: int, entry: TermEntry) -> bool:
        if self.is_exception(seg, start, end):
            return True
        phrases = entry.exceptions
        if not phrases:
            return False
        if self._low[0] is not seg:
            self._low = (seg, match_text(seg.text, True))
        low = self._low[1]
        return any(phrase_covers(low, p, start, end) for p in phrases)

    def on_match(self, doc, seg, start, end, term):
        entry, role = term.payload
        matched = seg.text[start:end]
        p = entry.preferred
        if role == "preferred":
            if matched == p:
                return None
            if matched not in entry.case_forbidden:
                if not entry.case_sensitive:
                    return None
                if (
                    self.opts.get("sentence-initial", True)
                    and matched == p[:1].upper() + p[1:]
                    and at_sentence_start(seg.text, start)
                ):
                    return None
            if normalize_term(matched) == p:  # only whitespace differs (a soft line break)
                return None
        if self._excepted(seg, start, end, entry):
            return None
        replacement = p if entry.case_sensitive else preserve_case(matched, p)
        return self._finding(doc, seg, start, end, entry, replacement, Applicability.SAFE)

    def _finding(
        self,
        doc: Document,
        seg: Segment,
        start: int,
        end: int,
        entry: TermEntry,
        replacement: str,
        applicability: Applicability,
        how: str = "",
    ) -> Finding:
        if self.opts.get("unsafe"):
            applicability = Applicability.UNSAFE
        matched = seg.text[start:end]
        default = "Use '{preferred}' instead of '{match}'." + (" {note}" if entry.note else "")
        fixable = contiguous_source_range(seg, start, end) is not None  # no fix that eats a link
        f = self.finding(
            doc,
            seg,
            start,
            end,
            replacement=replacement if fixable else None,
            applicability=applicability,
            suggestions=(replacement,),
            message=self.message(
                default,
                preferred=entry.preferred,
                match=matched,
                note=entry.note,
                definition=entry.definition,
                replacement=replacement,
            ),
        )
        f.data = {"preferred": entry.preferred, "term": entry.index}
        if entry.note:
            f.data["note"] = entry.note
        if entry.definition:
            f.data["definition"] = entry.definition
        if how and f.fix is not None:
            f.fix = type(f.fix)(f.fix.edits, f.fix.applicability, f.fix.description + f" ({how})")
        return f

    # -- lemma matching (spaCy) ----------------------------------------------------------
    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        if not self._lemma_entries or not doc.segments:
            return
        svc = ctx.service("nlp")
        svc.require(self.nlp_components)
        first = self._lemma_first
        for seg, sdoc in zip(doc.segments, svc.docs(doc)):
            if not self.may_hold_scope(seg):
                continue
            toks = [t for t in sdoc if not t.is_space]
            n = len(toks)
            i = 0
            while i < n:
                t = toks[i]
                cands = first.get(t.lower_) or first.get(t.lemma_.lower())
                hit = None
                if cands:
                    for seq, entry in sorted(cands, key=lambda c: -len(c[0])):
                        k = len(seq)
                        if i + k > n:
                            continue
                        if all(_token_is(toks[i + j], w, entry) for j, w in enumerate(seq)):
                            hit = (seq, entry)
                            break
                if hit is None:
                    i += 1
                    continue
                seq, entry = hit
                if entry.pos and t.pos_ not in entry.pos:  # "logs in the console": a noun
                    i += 1
                    continue
                last = toks[i + len(seq) - 1]
                start, end = t.idx, last.idx + len(last.text)
                i += len(seq)
                if seg.masked and seg.is_masked(start, end):
                    continue
                if not self.in_scope(seg, start, end) or self._excepted(seg, start, end, entry):
                    continue
                replacement, applicability, how = self._lemma_replacement(t, seq, entry)
                yield self._finding(doc, seg, start, end, entry, replacement, applicability, how)

    def _lemma_replacement(self, tok: Any, seq: tuple[str, ...], entry: TermEntry) -> tuple[str, Applicability, str]:
        """The preferred form in the inflection of ``tok``: safe only for the base form or a
        form the term spells out in ``inflections``; a rule-made inflection is unsafe."""
        p = entry.preferred
        surface = tok.lower_
        tag = tok.tag_
        if surface == seq[0]:
            form, applic, how = p, Applicability.SAFE, ""
        else:
            # which inflection the surface is: from its spelling first (taggers call an
            # "-ed" form JJ), then from the tag
            kind = next((t for t in ("VBZ", "VBD", "VBG") if surface == inflect(seq[0], t)), None)
            if kind == "VBD" and tag == "VBN":
                kind = "VBN"
            if kind == "VBZ" and tag == "NNS":
                kind = "NNS"
            kind = kind or tag
            spelled = entry.inflections.get(kind) or entry.inflections.get(
                {"VBN": "VBD", "VBD": "VBN", "NNS": "VBZ", "VBZ": "NNS"}.get(kind, "")
            )
            if spelled:
                form, applic, how = spelled, Applicability.SAFE, ""
            else:
                head, _, rest = p.partition(" ")
                inflected = inflect(head, kind)
                form = inflected + (" " + rest if rest else "")
                applic = Applicability.UNSAFE
                how = (
                    f"'{p}' inflected as {kind} by rule: check the form"
                    if inflected != head
                    else f"'{tok.text}' is {tag or 'untagged'}: check the form of '{p}'"
                )
        if entry.case_sensitive:
            return form, applic, how
        return preserve_case(tok.text, form), applic, how


def _token_is(tok: Any, word: str, entry: TermEntry) -> bool:
    low = tok.lower_
    if low == word or tok.lemma_.lower() == word:
        return True
    return low in entry.accepted.get(word, ())
