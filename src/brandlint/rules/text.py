"""Text helpers shared by rule kinds: words, sentences, sections, case and term normalisation.

Everything works by regular expressions and string methods (no NLP) and returns offsets into a
segment's ``text`` (or groups of segments), so findings keep their exact source positions.

Sentences. The splitter is deliberately small and predictable:

* a sentence ends at ``.``, ``!``, ``?`` or ``…`` (plus closing quotes and brackets) followed by
  white space or the end of the text, or at a blank line;
* decimals and version numbers (``3.14``, ``v1.2.3``) never end one: no white space follows;
* titles and Latin abbreviations (``Mr.``, ``Dr.``, ``e.g.``, ``i.e.``, ``vs.``, ``Fig.``...) and
  single initials (``J. Smith``) never end one;
* abbreviations that often close a sentence (``etc.``, ``Inc.``, ``a.m.``, ``U.S.``...) end one
  only when the next word starts with a capital letter;
* a period followed by a lower-case word never ends one (``approx. five``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..documents.base import Segment

#: A word: letters and digits, with inner apostrophes (``don't``, ``don’t``). Counts words.
ALNUM_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

#: A word that may also hold inner hyphens and underscores: ``state-of-the-art`` and
#: ``e-mail`` are one word each (sentence length counts them so).
HYPHENATED_WORD = re.compile(r"[^\W_](?:[\w'\u2019\u2010\u2011-]*[^\W_])?")

#: Never the end of a sentence: titles, Latin and reference abbreviations (lower case, no dot).
NEVER_END = frozenset(
    """
    mr mrs ms mx dr prof rev hon sr jr st mt ft gen col lt sgt capt cmdr gov sen rep pres
    e.g eg i.e ie cf vs v viz al approx ca fig figs eq eqs no nos vol vols pp p ch sec ed eds
    jan feb mar apr jun jul aug sep sept oct nov dec
""".split()
)

#: The end of a sentence only when the next word is capitalised.
MAY_END = frozenset(
    """
    etc inc ltd co corp llc plc bros dept univ est a.m p.m am pm u.s u.k u.n e.u us uk un eu
    ph.d phd b.a m.a b.sc m.sc d.c n.y l.a
""".split()
)

_CANDIDATE = re.compile(r"([.!?…]+)[\"'”’»)\]]*(?=\s|\Z)|\n[ \t]*\n\s*")
_NEXT = re.compile(r"\s*([^\s\"'“‘«(\[]?)")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]\Z")
_LEAD = re.compile(r"\A[\"'“‘«(\[]+")
_SPACE = re.compile(r"\s+")


def count_words(text: str, masked: Iterable[tuple[int, int]] = (), start: int = 0, end: int | None = None) -> int:
    """Words in ``text[start:end]``, not counting those inside ``masked`` ranges (code, URLs)."""
    if end is None:
        end = len(text)
    n = len(ALNUM_WORD.findall(text, start, end))
    for s, e in masked:
        s, e = max(s, start), min(e, end)
        if s < e:
            n -= len(ALNUM_WORD.findall(text, s, e))
    return max(n, 0)


def _ends_here(token: str, punct: str, nxt: str) -> bool:
    if "!" in punct or "?" in punct:
        return True
    if nxt and nxt.islower():
        return False  # "approx. five", "the U.S. economy", "wait… what"
    if "…" in punct or len(punct) > 1:
        return True  # an ellipsis before a capital
    tok = _LEAD.sub("", token)
    low = tok.lower()
    if low in NEVER_END:
        return False
    if len(tok) == 1 and tok.isalpha() and tok.isupper():
        return False  # an initial: "J. Smith"
    if low in MAY_END or _DOTTED.match(tok):
        return nxt.isupper()
    return True


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text[start:end]``, white space trimmed."""
    if end is None:
        end = len(text)
    out: list[tuple[int, int]] = []
    begin = start
    for m in _CANDIDATE.finditer(text, start, end):
        punct = m.group(1)
        if punct is None:  # a blank line
            stop = m.start()
        else:
            p = m.start()
            if "!" not in punct and "?" not in punct:
                lo = max(begin, p - 40)
                tok = text[
                    max(text.rfind(" ", lo, p), text.rfind("\n", lo, p), text.rfind("\t", lo, p), lo - 1) + 1 : p
                ]
                nxt_m = _NEXT.match(text, m.end(), end)
                nxt = nxt_m.group(1) if nxt_m else ""
                if not _ends_here(tok, punct, nxt):
                    continue
            stop = m.end()
        _append(text, begin, stop, out)
        begin = m.end()
    _append(text, begin, end, out)
    return out


def _append(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a < b:
        out.append((a, b))


def sections(segments: Sequence[Segment]) -> list[list[Segment]]:
    """Group segments from heading to heading; text before the first heading is a section too."""
    out: list[list[Segment]] = []
    for seg in segments:
        if not out or (seg.heading_level and "heading" in seg.scopes):
            out.append([seg])
        else:
            out[-1].append(seg)
    return out


def squash_space(text: str) -> str:
    """Collapse runs of white space (soft line breaks included) to single spaces."""
    return _SPACE.sub(" ", text).strip()


def whole_words(alternatives: Iterable[str], joiners: str = "'\u2019-") -> re.Pattern[str]:
    """A case-insensitive regex of ``alternatives`` (regex syntax, longest tried first) that
    matches only whole words: not next to a word character or one of ``joiners``."""
    edge = "[\\w" + re.escape(joiners) + "]"
    body = "|".join(sorted(alternatives, key=len, reverse=True))
    return re.compile(f"(?<!{edge})(?:{body})(?!{edge})", re.I)


def is_word_char(ch: str) -> bool:
    """A Unicode word character (letter, digit or underscore), as ``\\w`` matches."""
    return ch.isalnum() or ch == "_"


def at_sentence_start(text: str, i: int) -> bool:
    """Whether ``text[i]`` starts a sentence (only opening punctuation before it)."""
    j = i - 1
    while j >= 0 and (text[j].isspace() or text[j] in "\"'\u201c\u2018([*_`>"):
        j -= 1
    return j < 0 or text[j] in ".!?:\u2026"


def phrase_covers(low: str, phrase: str, s: int, e: int) -> bool:
    """Whether an occurrence of ``phrase`` in ``low`` (both lower case) covers [s, e)."""
    start = max(0, e - len(phrase))
    while True:
        i = low.find(phrase, start, s + len(phrase))
        if i < 0 or i > s:
            return False
        if i + len(phrase) >= e:
            return True
        start = i + 1


# ------------------------------------------------------------------------------------ terms

_WS_TABLE = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\u00a0": " ", "\u2019": "'", "\u2018": "'"})


def normalize_term(term: str) -> str:
    """Collapse whitespace and curly apostrophes so terms match across soft line breaks."""
    return " ".join(term.translate(_WS_TABLE).split())


def match_text(text: str, ignorecase: bool) -> str:
    """Same-length text for matching: whitespace → space, curly → straight quotes, lower case."""
    t = text.translate(_WS_TABLE)
    if ignorecase:
        low = t.lower()
        if len(low) != len(t):  # e.g. 'İ' lowers to two code points: keep offsets aligned
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in t)
        return low
    return t


def preserve_case(matched: str, replacement: str) -> str:
    """Carry the case pattern of ``matched`` over to ``replacement``.

    ALL CAPS stays all caps; a capitalised match capitalises the replacement's first letter;
    otherwise the replacement is used as written (so "e-mail" → "email", "Github" → "GitHub").
    """
    letters = [c for c in matched if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters and matched[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def re_escape_token(token: str) -> str:
    """An RE2 pattern for a literal token: spaces match any white space, ' either apostrophe."""
    out = []
    for word in normalize_term(token).split(" "):
        chars = []
        for c in word:
            if c == "'":
                chars.append("['’]")
            elif c.isalnum() or not c.isascii():
                chars.append(c)
            else:
                chars.append("\\" + c)
        out.append("".join(chars))
    return r"\s+".join(out)
