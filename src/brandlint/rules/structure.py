"""Structural rule kinds (no NLP): occurrence, repetition, consistency, conditional,
capitalization, required and pattern.

Every kind works on segments by regular expressions (literal token lists are compiled into one
escaped alternation; user patterns are RE2 through :func:`brandlint.patterns.compile_pattern`),
ignores matches overlapping ``seg.masked`` (inline code, URLs, HTML) and honours the rule's
``scope`` / ``exclude-scope`` per match. Fixes are only offered where the text maps verbatim to
the source, so a fix never eats Markdown markup around a match.
"""
from __future__ import annotations

import bisect
import itertools
import operator
import re
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..config import schema as S
from ..documents.base import Document, Segment
from ..errors import ConfigError
from ..findings import Applicability, Finding, Fix
from ..patterns import compile_pattern
from ..text_units import WORD, count_words, sections, sentences, squash_space
from .base import Option, Rule, RuleContext, RuleMeta, source_edit
from .terms import normalize_term, preserve_case

__all__ = [
    "CapitalizationRule", "ConditionalRule", "ConsistencyRule", "OccurrenceRule", "PatternRule",
    "Literals", "RepetitionRule", "RequiredRule", "STRUCTURE_KINDS",
]

_GAP_OK = re.compile(r"[ \t>]*")  # container prefixes a deletion may join across (quote, indent)


# ------------------------------------------------------------------------------------ helpers

def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _escape(word: str) -> str:
    out = []
    for c in word:
        if c == "'":
            out.append("['’]")
        elif c.isalnum() or not c.isascii():
            out.append(c)
        else:
            out.append("\\" + c)
    return "".join(out)


class Literals:
    """Literal words and phrases, all matched by one RE2 alternation (longest first).

    White space inside a token matches any run of white space (soft line breaks included) and
    an apostrophe matches straight or curly. With ``bounded``, an end of a token that is a word
    character must not touch another word character; RE2's ``\\b`` is ASCII-only, so matches
    are also checked against Unicode word characters (``café`` never matches inside ``cafés``).
    """

    def __init__(self, tokens: Iterable[str], ignorecase: bool = True, bounded: bool = True) -> None:
        self.bounded = bounded
        toks = sorted({normalize_term(t) for t in tokens} - {""}, key=lambda t: (-len(t), t))
        if toks and len(toks) <= 8 and not any(_is_word(t[0]) for t in toks):
            # a few punctuation tokens ("!", "—"): the stdlib engine's literal scan beats RE2's
            # per-call overhead, and no lookbehind is needed at their start
            body = "|".join(r"\s+".join(re.escape(w).replace("'", "['’]") for w in t.split(" "))
                            + (r"(?!\w)" if bounded and _is_word(t[-1]) else "") for t in toks)
            self.regex = re.compile(body, re.IGNORECASE if ignorecase else 0)
            self.bounded = False  # the pattern checks its own (Unicode) boundary
            return
        alts: list[str] = []
        for tok in toks:
            body = r"\s+".join(_escape(w) for w in tok.split(" "))
            if bounded and tok[0].isascii() and _is_word(tok[0]):
                body = r"\b" + body
            if bounded and tok[-1].isascii() and _is_word(tok[-1]):
                body += r"\b"
            alts.append(body)
        self.regex = compile_pattern("|".join(alts), ignorecase) if alts else None

    def __bool__(self) -> bool:
        return self.regex is not None

    def finditer(self, text: str) -> Iterator[Any]:
        if self.regex is None:
            return
        n = len(text)
        for m in self.regex.finditer(text):
            s, e = m.span()
            if e == s:
                continue
            if self.bounded:
                if s > 0 and _is_word(text[s]) and _is_word(text[s - 1]):
                    continue
                if e < n and _is_word(text[e - 1]) and _is_word(text[e]):
                    continue
            yield m


class _Finder:
    """Literal tokens and RE2 patterns: sorted, non-overlapping (leftmost, then longest) spans."""

    def __init__(self, tokens: Sequence[str], patterns: Sequence[str], ignorecase: bool,
                 bounded: bool = True) -> None:
        self.regexes: list[Any] = []
        lit = Literals(tokens, ignorecase, bounded)
        if lit:
            self.regexes.append(lit)
        self.regexes.extend(compile_pattern(p, ignorecase) for p in patterns)

    def __bool__(self) -> bool:
        return bool(self.regexes)

    def spans(self, text: str) -> list[tuple[int, int]]:
        if len(self.regexes) == 1:
            return [m.span() for m in self.regexes[0].finditer(text) if m.end() > m.start()]
        found = sorted(((m.start(), -m.end()) for rx in self.regexes for m in rx.finditer(text)
                        if m.end() > m.start()))
        out: list[tuple[int, int]] = []
        last = -1
        for s, neg_e in found:
            if s >= last:
                out.append((s, -neg_e))
                last = -neg_e
        return out


class _Values(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word}es" if word.endswith(("s", "sh", "ch", "x")) else f"{n} {word}s"


def _contiguous(seg: Segment, start: int, end: int, gaps: re.Pattern | None = None,
                source: str = "") -> tuple[int, int] | None:
    """Source range of ``seg.text[start:end]`` if the source holds nothing else in between.

    Runs must follow each other in the source; with ``gaps``, a hole made only of those
    characters (a blockquote ``>`` or list indentation after a line break) is allowed too.
    """
    if end <= start or not seg.runs:
        return None
    i = seg._run_index(start)
    runs = seg.runs
    prev_end = None
    while i < len(runs) and runs[i].seg_start < end:
        r = runs[i]
        if prev_end is not None and r.src_start != prev_end:
            if gaps is None or r.src_start < prev_end or not gaps.fullmatch(source, prev_end, r.src_start):
                return None
        prev_end = r.src_start + r.src_len
        i += 1
    return seg.source_range(start, end)


def _first_line_end(text: str, a: int, b: int) -> int:
    nl = text.find("\n", a, b)
    return b if nl == -1 else nl


class StructureRule(Rule):
    """Shared plumbing: option errors located in the rule file, default messages, match filters."""

    #: the message used when the rule file gives none (``{placeholders}`` as in ``message``)
    default_message = ""

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        self._own_message = bool(meta.message) and meta.message != type(self).summary

    # -- config errors ---------------------------------------------------------------------
    def config_error(self, key: str, message: str, hint: str = "") -> ConfigError:
        text = ""
        if self.meta.source:
            try:
                text = Path(self.meta.source).read_text("utf-8")
            except OSError:
                pass
        return ConfigError(message, path=self.meta.source, line=S.locate(text, (key,)) or 1, key=key, hint=hint)

    def compile_option(self, key: str, pattern: str, ignorecase: bool = False):
        try:
            return compile_pattern(pattern, ignorecase)
        except ValueError as exc:
            raise self.config_error(key, str(exc)) from None

    # -- messages --------------------------------------------------------------------------
    def message(self, default: str | None = None, **values: Any) -> str:
        template = self.meta.message if self._own_message else (default or self.default_message)
        return template.format_map(_Values(values))

    # -- segments and matches --------------------------------------------------------------
    def segments(self, doc: Document) -> list[Segment]:
        """Segments that may hold in-scope text (matches are still checked one by one)."""
        has_scope = bool(self.meta.scope)
        return [seg for seg in doc.segments
                if self.in_scope(seg, 0, len(seg.text)) or (has_scope and seg.inline)]

    def usable(self, seg: Segment, start: int, end: int) -> bool:
        if seg.masked and seg.is_masked(start, end):
            return False
        return self.in_scope(seg, start, end)


# ------------------------------------------------------------------------------- occurrence

class OccurrenceRule(StructureRule):
    """Minimum / maximum count (or density) of words or patterns per unit of text."""

    kind = "occurrence"
    summary = "Limit how often words or patterns occur per document, section, paragraph or sentence."
    options = {
        "tokens": Option("str-list", [], "literal words or phrases to count (word-bounded)"),
        "patterns": Option("regex-list", [], "RE2 patterns to count"),
        "ignorecase": Option("bool", True, "match regardless of case"),
        "nonword": Option("bool", False, "do not require word boundaries around tokens"),
        "per": Option("choice", "document", "the unit counted in",
                      choices=("document", "section", "paragraph", "heading", "sentence")),
        "max": Option("int", None, "at most this many matches per unit"),
        "min": Option("int", None, "at least this many matches per unit"),
        "density": Option("float", None, "at most this many matches per 1,000 words of a unit"),
        "min-words": Option("int", 0, "apply density only to units of at least this many words"),
    }

    def __init__(self, meta, opts):
        super().__init__(meta, opts)
        o = self.opts
        if not o["tokens"] and not o["patterns"]:
            raise self.config_error("tokens", "occurrence rules need 'tokens' or 'patterns' to count")
        if o["max"] is None and o["min"] is None and o["density"] is None:
            raise self.config_error("max", "occurrence rules need 'max', 'min' or 'density'")
        for key in ("max", "min", "min-words"):
            if o[key] is not None and o[key] < 0:
                raise self.config_error(key, f"'{key}' must be 0 or more, got {o[key]}")
        if o["max"] is not None and o["min"] is not None and o["min"] > o["max"]:
            raise self.config_error("min", f"'min' ({o['min']}) is larger than 'max' ({o['max']})")
        if o["density"] is not None and o["density"] <= 0:
            raise self.config_error("density", f"'density' must be above 0, got {o['density']}",
                                    hint="use max = 0 to ban a pattern")
        for i, p in enumerate(o["patterns"]):
            self.compile_option(f"patterns[{i}]", p, o["ignorecase"])
        self.finder = _Finder(o["tokens"], o["patterns"], o["ignorecase"], not o["nonword"])
        shown = [f"'{t}'" for t in o["tokens"]] + [f"/{p}/" for p in o["patterns"]]
        self.target = " or ".join(shown[:3]) + (" ..." if len(shown) > 3 else "")

    def _units(self, doc: Document, segs: list[Segment],
               hits: dict[int, list[tuple[int, int]]]) -> Iterator[list[tuple[Segment, int, int]]]:
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
                seg, s, e = matches[o["max"]]
                yield self.finding(doc, seg, s, e, message=self.message(
                    "'{match}' appears {times} in this {per}; use it at most {max_times}.",
                    match=seg.text[s:e], count=count, times=_plural(count, "time"), max=o["max"],
                    max_times=_plural(o["max"], "time"), per=per, target=self.target))
            if o["min"] is not None and count < o["min"] and self._has_words(unit):
                seg, a, b = unit[0]
                e = _first_line_end(seg.text, a, b)
                yield self.finding(doc, seg, a, e, message=self.message(
                    "This {per} has {times_target}; it needs at least {min}.", count=count, min=o["min"],
                    per=per, target=self.target, match=seg.text[a:e],
                    times_target=f"{_plural(count, 'match')} of {self.target}"))
            if o["density"] is not None and matches:
                words = sum(count_words(seg.text, seg.masked, a, b) for seg, a, b in unit)
                if words and words >= o["min-words"] and count * 1000 / words > o["density"]:
                    allowed = int(o["density"] * words / 1000)
                    seg, s, e = matches[allowed]
                    rate = count * 1000 / words
                    yield self.finding(doc, seg, s, e, message=self.message(
                        "'{match}' appears {count} times in {words} words ({rate} per 1,000 words); "
                        "use it at most {density} times per 1,000 words.",
                        match=seg.text[s:e], count=count, words=words, rate=f"{rate:.1f}",
                        density=f"{o['density']:g}", per=per, target=self.target))

    @staticmethod
    def _has_words(unit: list[tuple[Segment, int, int]]) -> bool:
        return any(count_words(seg.text, (), a, b) for seg, a, b in unit)


# ------------------------------------------------------------------------------- repetition

_TOKENS = re.compile(r"[\w'’]+")

DEFAULT_REPEAT_EXCEPTIONS = (
    "had had", "that that", "is is", "bye bye", "so so", "no no", "ha ha", "knock knock",
    "chop chop", "tut tut", "hush hush", "night night", "there there", "now now",
)


class RepetitionRule(StructureRule):
    """The same word twice in a row ("the the"), across soft line breaks."""

    kind = "repetition"
    summary = "Report a word repeated twice in a row, e.g. 'the the' (safe fix: delete the repeat)."
    default_message = "Repeated word '{word}'."
    options = {
        "tokens": Option("str-list", [], "only report these words (default: any word)"),
        "ignorecase": Option("bool", True, "'The the' counts as a repetition"),
        "exceptions": Option("str-list", list(DEFAULT_REPEAT_EXCEPTIONS),
                             "repeated pairs that are correct English (replaces the default list)"),
        "proper-nouns": Option("bool", False, "also report capitalised pairs such as 'Bora Bora'"),
    }

    def __init__(self, meta, opts):
        super().__init__(meta, opts)
        flags = re.IGNORECASE if self.opts["ignorecase"] else 0
        w = r"[^\W\d_]+(?:['’][^\W\d_]+)*"
        self._rx = re.compile(rf"(?<![\w'’-])({w})((?:\s+\1(?![\w'’-]))+)", flags)
        norm = (lambda t: t.lower()) if self.opts["ignorecase"] else (lambda t: t)
        self._norm = norm
        self._only = frozenset(norm(normalize_term(t)) for t in self.opts["tokens"])
        self._exceptions = frozenset(norm(squash_space(normalize_term(t))) for t in self.opts["exceptions"])
        for t in self.opts["exceptions"]:
            if len(normalize_term(t).split(" ")) != 2:
                raise self.config_error("exceptions", f"exception {t!r} must be a pair of words, e.g. \"had had\"")

    def check_segment(self, doc, seg, ctx):
        text = seg.text
        # cheap C-level prefilter: any two equal tokens in a row? (a superset of what _rx finds)
        tokens = _TOKENS.findall(text.lower() if self.opts["ignorecase"] else text)
        if not any(map(operator.eq, tokens, itertools.islice(tokens, 1, None))):
            return
        for m in self._rx.finditer(text):
            word = m.group(1)
            key = self._norm(word)
            if self._only and key not in self._only:
                continue
            words = WORD.findall(m.group())
            if len(words) == 2 and f"{key} {key}" in self._exceptions:
                continue  # "had had" is fine; "that that that" is still a slip
            if not self.opts["proper-nouns"] and all(x[:1].isupper() and not x.isupper() for x in words):
                continue  # "Bora Bora", "Walla Walla"
            s, e = m.span()
            if not self.usable(seg, s, e):
                continue
            f = self.finding(doc, seg, s, e, message=self.message(word=word, match=m.group(),
                                                                  count=len(words)))
            cut = _contiguous(seg, m.end(1), e, _GAP_OK, doc.source)
            if cut is not None:
                f.fix = Fix((source_edit(doc, seg, cut[0], cut[1], ""),), Applicability.SAFE,
                            f"Delete the repeated {word!r}")
            yield f


# ------------------------------------------------------------------------------ consistency

class ConsistencyRule(StructureRule):
    """One spelling per document among alternatives ("color" / "colour")."""

    kind = "consistency"
    summary = "Use one spelling per document among alternatives, e.g. 'color' or 'colour'."
    default_message = "Inconsistent spelling: '{match}' here but '{preferred}' elsewhere in this document."
    options = {
        "either": Option("str-map", {}, "pairs of alternative spellings (\"a|b\" lists variants by position)",
                         required=True),
        "ignorecase": Option("bool", True, "match regardless of case"),
    }

    def __init__(self, meta, opts):
        super().__init__(meta, opts)
        if not self.opts["either"]:
            raise self.config_error("either", "give at least one pair, e.g. either = { color = \"colour\" }")
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
                        raise self.config_error(f"either.{left}", "empty spelling")
                    if key in self.lookup:
                        raise self.config_error(f"either.{left}", f"{form!r} is listed twice")
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
            shown = first_pref[0].text[first_pref[1]:first_pref[2]]
            for seg, s, e, side, vi in occ:
                if side == pref:
                    continue
                matched = seg.text[s:e]
                target = preserve_case(matched, forms[vi] if vi < len(forms) else forms[0])
                replacement = target if _contiguous(seg, s, e) else None
                yield self.finding(doc, seg, s, e, replacement=replacement, applicability=Applicability.UNSAFE,
                                   suggestions=(target,), message=self.message(
                                       match=matched, preferred=target, first=shown,
                                       count=counts[pref], other_count=counts[side]))


# ------------------------------------------------------------------------------ conditional

#: Acronyms so common that readers need no definition (extend with ``exceptions``).
COMMON_ACRONYMS = frozenset("""
    AI API APIs KB MB GB TB TODO CEO CFO CIO COO CTO CLI CPU CSS CSV CMS CRM DIY DNS EU FAQ FAQs FBI FYI GPS GPU GUI HR
    HTML HTTP HTTPS ID IDs IP IT JPEG JPG JSON MP3 MP4 NASA OK OS PC PDF PDFs PHP PM AM PNG PR Q&A RAM
    ROI RSS SDK SEO SMS SQL SSD SSH SSL TCP TLS TV UDP UI UK UN URL URLs US USA USB UTC UX VIP VPN
    WiFi XML YAML ZIP ASAP CV DVD HD IOS TOML GIF SVG KPI B2B B2C BBC CNN
    II III IV VI VII VIII IX XI XII XIII XIV XV XVI XVII XVIII XIX XX
""".split())

_SHOUT = re.compile(r"(?<!\w)[A-Z][A-Z'’]+(?:[ \t]+[A-Z][A-Z'’]+(?!\w)){2,}")
_PARENS = re.compile(r"\(\s*([^()\n]{1,150}?)\s*\)")
_ACRONYM_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9&.\-]{0,11}[A-Za-z0-9]\Z")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z0-9&\-]{0,11}[A-Za-z0-9])\s*\Z")


def _letters(acr: str) -> str:
    core = acr[:-1] if len(acr) > 2 and acr.endswith("s") and acr[:-1].isupper() else acr
    caps = [c for c in core if c.isupper() or c.isdigit()]
    return "".join(caps).lower() if len(caps) >= 2 else ""


def _spells_out(acr: str, words: list[str]) -> bool:
    """Do ``words`` (ending right before/after the acronym) spell out ``acr``?

    The acronym's capitals must be a subsequence of the words' initials, starting at a word
    whose initial is the first capital, with at most three extra (small) words in the span.
    """
    letters = _letters(acr)
    if not letters or not words:
        return False
    initials = [w[0].lower() for w in words]
    for i in range(len(initials)):
        if initials[i] != letters[0] or len(initials) - i > len(letters) + 3:
            continue
        k = 0
        for c in initials[i:]:
            if k < len(letters) and c == letters[k]:
                k += 1
        if k == len(letters):
            return True
    return False


class ConditionalRule(StructureRule):
    """An acronym must be defined before it is used (Vale's ``conditional``)."""

    kind = "conditional"
    summary = "Require a definition before an acronym (or any pattern) is used."
    options = {
        "use": Option("regex", "", "RE2 pattern of a use; group 1 (if any) is the term "
                      r"(default \b([A-Z]{2,6})s?\b)"),
        "definition": Option("regex-list", [], "RE2 patterns of a definition; group 1 (if any) is the "
                             "term (default: 'Full Name (ABC)' and 'ABC (Full Name)')"),
        "first": Option("regex", "", "Vale name for 'use': when it matches, 'second' must match too"),
        "second": Option("regex", "", "Vale name for a 'definition' pattern"),
        "exceptions": Option("str-list", [], "terms that need no definition"),
        "common": Option("bool", True, "also accept well-known acronyms (API, URL, HTML, PDF, FAQ...)"),
        "ignorecase": Option("bool", False, "compare terms regardless of case"),
    }

    def __init__(self, meta, opts):
        super().__init__(meta, opts)
        o = self.opts
        if o["use"] and o["first"]:
            raise self.config_error("first", "give 'use' or its Vale name 'first', not both")
        if o["definition"] and o["second"]:
            raise self.config_error("second", "give 'definition' or its Vale name 'second', not both")
        use_key = "use" if o["use"] else "first"
        self._use = self.compile_option(use_key, o["use"] or o["first"] or r"\b([A-Z]{2,6})s?\b")
        defs = list(o["definition"]) or ([o["second"]] if o["second"] else [])
        def_key = "definition" if o["definition"] else "second"
        self._defs = [self.compile_option(def_key, p) for p in defs]
        self._norm = (lambda t: t.lower()) if o["ignorecase"] else (lambda t: t)
        allowed = set(o["exceptions"]) | (COMMON_ACRONYMS if o["common"] else set())
        self._allowed = frozenset(self._norm(a) for a in allowed)

    @staticmethod
    def _term(m) -> str:
        return m.group(1) if m.re.groups and m.group(1) is not None else m.group(0)

    def _definitions(self, seg: Segment) -> Iterator[tuple[str, int]]:
        text = seg.text
        if self._defs:
            for rx in self._defs:
                for m in rx.finditer(text):
                    if not (seg.masked and seg.is_masked(*m.span())):
                        yield self._term(m), m.start()
            return
        for m in _PARENS.finditer(text):  # definitions always hold parentheses: few candidates
            if seg.masked and seg.is_masked(*m.span()):
                continue
            inner = m.group(1)
            if _ACRONYM_LIKE.match(inner):  # "Full Name (ABC)"
                before = WORD.findall(text, max(0, m.start() - 160), m.start())[-(len(inner) + 4):]
                if _spells_out(inner, before):
                    yield inner, m.start()
                    continue
            w = _WORD_BEFORE.search(text, max(0, m.start() - 16), m.start())  # "ABC (Full Name)"
            if w is not None:
                words = WORD.findall(inner)
                if words and words[0].lower() == "the":
                    words = words[1:]
                if _spells_out(w.group(1), words[: len(w.group(1)) + 4]):
                    yield w.group(1), w.start()

    def check(self, doc, ctx):
        segs = self.segments(doc)
        defined: dict[str, tuple[int, int]] = {}  # term -> (segment number, offset) of its first definition
        for n, seg in enumerate(doc.segments):
            for term, pos in self._definitions(seg):
                key = self._norm(term)
                if key not in defined or (n, pos) < defined[key]:
                    defined[key] = (n, max(pos, 0))
        order = {id(s): n for n, s in enumerate(doc.segments)}
        reported: set[str] = set()
        for seg in segs:
            n = order[id(seg)]
            shout = None
            for m in self._use.finditer(seg.text):
                s, e = m.span()
                if e == s:
                    continue
                term = self._term(m)
                key = self._norm(term)
                if key in reported or key in self._allowed:
                    continue
                where = defined.get(key)
                if where is not None and where <= (n, s):
                    continue
                if not self.usable(seg, s, e):
                    continue
                if shout is None:
                    shout = [x.span() for x in _SHOUT.finditer(seg.text)]
                if any(a <= s and e <= b for a, b in shout):
                    continue
                reported.add(key)
                later = ""
                if where is not None:
                    dseg = doc.segments[where[0]]
                    line = doc.span(*dseg.source_range(where[1], where[1] + 1)).start.line
                    later = f" (its definition comes later, on line {line})"
                yield self.finding(doc, seg, s, e, message=self.message(
                    "'{term}' is used before it is defined{later}: spell it out on first use, "
                    "e.g. 'Full Name ({term})'.", term=term, match=m.group(), later=later))


# --------------------------------------------------------------------------- capitalization

DEFAULT_SMALL_WORDS = (
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of",
    "off", "on", "per", "to", "up", "via", "vs", "vs.", "with", "from", "into", "onto", "over", "than",
    "if", "en",
)
_STOP = re.compile(r"[.!?:]\s")
_PRONOUN_I = re.compile(r"I(?:['’](?:m|ve|ll|d))?\Z")


class CapitalizationRule(StructureRule):
    """Heading case: sentence, title, lower or upper, keeping brand terms and acronyms."""

    kind = "capitalization"
    summary = "Check heading case (sentence, title, lower or upper) with exceptions; safe fix."
    default_message = "Use {style} case: '{expected}'."
    options = {
        "style": Option("choice", "sentence", "the case to use", choices=("sentence", "title", "lower", "upper")),
        "exceptions": Option("str-list", [], "terms kept exactly as written (brand names, proper nouns)"),
        "small-words": Option("str-list", list(DEFAULT_SMALL_WORDS), "title case: words kept lower case"),
        "unsafe": Option("bool", False, "mark the fix unsafe (e.g. headings often hold unlisted names)"),
    }

    def __init__(self, meta, opts):
        if not meta.scope:
            from dataclasses import replace
            meta = replace(meta, scope=("heading",))
        super().__init__(meta, opts)
        self._exc = Literals(self.opts["exceptions"], True)
        self._exc_forms = {normalize_term(t).lower(): normalize_term(t) for t in self.opts["exceptions"]}
        self._small = frozenset(w.lower() for w in self.opts["small-words"])

    def check(self, doc, ctx):
        for seg in self.segments(doc):
            if self.in_scope(seg, 0, len(seg.text)):
                f = self._check_text(doc, seg)
                if f is not None:
                    yield f

    def _expected_words(self, text: str, masked) -> list[tuple[int, int, str]]:
        """(start, end, expected) for every word whose case is wrong."""
        style = self.opts["style"]
        fixed: dict[int, tuple[int, str]] = {}  # word start -> (end, form) from exceptions
        if self._exc:
            for m in self._exc.finditer(text):
                form = self._exc_forms.get(squash_space(normalize_term(m.group())).lower())
                got = list(WORD.finditer(text, m.start(), m.end()))
                want = WORD.findall(form or "")
                for i, w in enumerate(got):
                    fixed[w.start()] = (w.end(), want[i] if len(want) == len(got) else w.group())
        words = list(WORD.finditer(text))
        out: list[tuple[int, int, str]] = []
        last = len(words) - 1
        prev_end = 0
        for i, m in enumerate(words):
            s, e = m.span()
            w = m.group()
            gap = text[prev_end:s]
            prev_end = e
            if masked and any(a < e and s < b for a, b in masked):
                continue
            if s in fixed:
                want = fixed[s][1]
            elif any(c.isdigit() for c in w) or self._keeps_case(w):
                continue
            elif style == "upper":
                want = w.upper()
            elif style == "lower":
                want = w.lower()
            else:
                after_stop = bool(_STOP.search(gap))  # after ":", ".", "!" or "?"
                if style == "sentence":
                    if _PRONOUN_I.match(w) or (after_stop and w[:1].isupper()):
                        continue  # "I", and either case after a colon or a full stop
                    want = w[:1].upper() + w[1:] if i == 0 else w.lower()
                elif i == 0 or after_stop or i == last or w.lower() not in self._small:
                    want = w[:1].upper() + w[1:]
                else:
                    want = w.lower()
            if want != w and len(want) == len(w):
                out.append((s, e, want))
        return out

    @staticmethod
    def _keeps_case(w: str) -> bool:
        """Acronyms (API, APIs) and inner capitals (iPhone, GitHub) keep their case."""
        core = w[:-1] if w.endswith("s") and len(w) > 2 else w
        if len(core) >= 2 and core.isupper():
            return True
        return any(c.isupper() for c in w[1:]) and not w.isupper()

    def _check_text(self, doc: Document, seg: Segment) -> Finding | None:
        text = seg.text
        wrong = self._expected_words(text, seg.masked)
        if not wrong:
            return None
        expected = list(text)
        for s, e, want in wrong:
            expected[s:e] = want
        expected_text = "".join(expected)
        edits = []
        for s, e, want in wrong:
            rng = _contiguous(seg, s, e)
            if rng is None or doc.source[rng[0]:rng[1]].lower() != text[s:e].lower():
                edits = None
                break
            edits.append(source_edit(doc, seg, rng[0], rng[1], want))
        a = len(text) - len(text.lstrip())
        b = len(text.rstrip())
        f = self.finding(doc, seg, a, b, message=self.message(style=self.opts["style"], expected=expected_text.strip(),
                                                              match=text[a:b]),
                         suggestions=(expected_text.strip(),))
        if edits:
            applicability = Applicability.UNSAFE if self.opts["unsafe"] else Applicability.SAFE
            f.fix = Fix(tuple(edits), applicability, f"Change to {self.opts['style']} case")
        return f


# --------------------------------------------------------------------------------- required

class RequiredRule(StructureRule):
    """When a trigger appears, a disclaimer must appear somewhere in the same document."""

    kind = "required"
    summary = "When a trigger (pricing, medical or financial claims...) appears, require a disclaimer."
    default_message = "'{match}' needs a disclaimer in this document, e.g. \"{disclaimer}\"."
    options = {
        "trigger": Option("str-list", [], "literal words or phrases that require the disclaimer"),
        "trigger-patterns": Option("regex-list", [], "RE2 patterns that require the disclaimer"),
        "disclaimer": Option("str-list", [], "accepted disclaimer phrases (any one is enough)"),
        "disclaimer-patterns": Option("regex-list", [], "RE2 patterns of accepted disclaimers"),
        "ignorecase": Option("bool", True, "match regardless of case"),
    }

    def __init__(self, meta, opts):
        super().__init__(meta, opts)
        o = self.opts
        if not o["trigger"] and not o["trigger-patterns"]:
            raise self.config_error("trigger", "required rules need 'trigger' or 'trigger-patterns'")
        if not o["disclaimer"] and not o["disclaimer-patterns"]:
            raise self.config_error("disclaimer", "required rules need 'disclaimer' or 'disclaimer-patterns'")
        self.trigger = _Finder(o["trigger"], o["trigger-patterns"], o["ignorecase"])
        self.disclaimer = _Finder(o["disclaimer"], o["disclaimer-patterns"], o["ignorecase"])
        self.shown = o["disclaimer"][0] if o["disclaimer"] else o["disclaimer-patterns"][0]

    def check(self, doc, ctx):
        first = None
        for seg in self.segments(doc):
            for s, e in self.trigger.spans(seg.text):
                if self.usable(seg, s, e):
                    first = (seg, s, e)
                    break
            if first:
                break
        if first is None:
            return
        for seg in doc.segments:  # the disclaimer may be anywhere (a footer, a table...)
            for s, e in self.disclaimer.spans(seg.text):
                if not (seg.masked and seg.is_masked(s, e)):
                    return
        seg, s, e = first
        yield self.finding(doc, seg, s, e, suggestions=(self.shown,),
                           message=self.message(match=seg.text[s:e], disclaimer=self.shown))


# ---------------------------------------------------------------------------------- pattern

_GROUP_REF = re.compile(r"\\(?:(\d+)|g<([^>]*)>)")


class PatternRule(StructureRule):
    """An RE2 regular expression with a scope and an optional replacement."""

    kind = "pattern"
    summary = "Report matches of an RE2 regular expression; optional replacement with \\1 group refs."
    options = {
        "pattern": Option("regex", None, "the RE2 pattern", required=True),
        "ignorecase": Option("bool", False, "match regardless of case"),
        "replacement": Option("str", None, "fix: replacement text, \\1 or \\g<name> for groups"),
        "unsafe": Option("bool", False, "mark the fix unsafe (may change meaning)"),
        "exceptions": Option("str-list", [], "matches to allow"),
    }

    def __init__(self, meta, opts):
        super().__init__(meta, opts)
        o = self.opts
        self._rx = self.compile_option("pattern", o["pattern"], o["ignorecase"])
        rep = o["replacement"]
        if rep is not None:
            for m in _GROUP_REF.finditer(rep):
                num, name = m.groups()
                if num is not None and int(num) > self._rx.groups:
                    raise self.config_error("replacement", f"\\{num} refers to a group the pattern does not have "
                                            f"(it has {self._rx.groups})")
                if name is not None and name not in self._rx.groupindex and not (
                        name.isdigit() and int(name) <= self._rx.groups):
                    raise self.config_error("replacement", f"\\g<{name}> refers to a group the pattern does not have")
        self._exc = frozenset(squash_space(e).lower() for e in o["exceptions"])
        self.default_message = "Use '{replacement}' instead of '{match}'." if rep is not None else "Avoid '{match}'."

    def check_segment(self, doc, seg, ctx):
        rep = self.opts["replacement"]
        applicability = Applicability.UNSAFE if self.opts["unsafe"] else Applicability.SAFE
        for m in self._rx.finditer(seg.text):
            s, e = m.span()
            if e == s or not self.usable(seg, s, e):
                continue
            matched = m.group()
            if self._exc and squash_space(matched).lower() in self._exc:
                continue
            if rep is None:
                yield self.finding(doc, seg, s, e, message=self.message(match=matched))
                continue
            new = m.expand(rep)
            if new == matched:
                continue
            fixable = _contiguous(seg, s, e) is not None
            yield self.finding(doc, seg, s, e, replacement=new if fixable else None, applicability=applicability,
                               suggestions=(new,), message=self.message(match=matched, replacement=new))


STRUCTURE_KINDS = [OccurrenceRule, RepetitionRule, ConsistencyRule, ConditionalRule, CapitalizationRule,
                   RequiredRule, PatternRule]
