"""What a classifier rule classifies: sentences, paragraphs, sections or whole documents.

A *unit* is a text plus where to report it: a segment and a [start, end) range inside the
segment's text (exact, so findings map back to the source), or the whole document.
Pure Python (no numpy), so it is cheap to import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from brandlint.documents.base import Segment

GRANULARITIES = ("sentence", "paragraph", "section", "document")

# A sentence ends at . ! ? or … (possibly repeated, possibly followed by closing quotes or
# brackets) when whitespace or the end of the text follows.
_SENT_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s|\Z)")
_TOKEN_BEFORE = re.compile(r"([\w.]+)$")  # "e.g" in "(e.g." before its final period
_WORDS = re.compile(r"\w+")
ABBREVIATIONS = frozenset(
    """
e.g i.e etc vs cf al approx ca fig figs eq no nos vol pp p mr mrs ms dr prof sr jr st inc ltd co corp
jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
""".split()
)


@dataclass(frozen=True)
class Unit:
    text: str  # what the model sees
    seg: Segment | None  # where the finding goes (None: the document's first line)
    start: int = 0
    end: int = 0


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence of ``text``, whitespace trimmed, offsets exact.

    A simple rule-based splitter: a period after a known abbreviation (``e.g.``, ``Dr.``) or a
    single capital (an initial) does not end a sentence, nor does one followed by a lowercase
    letter. Line breaks inside a paragraph are soft; they never split on their own.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _SENT_END.finditer(text):
        end = m.end()
        if m.group().startswith(".") and len(m.group().rstrip("\"'\u201d\u2019)]")) == 1:
            before = _TOKEN_BEFORE.search(text, 0, m.start())
            word = before.group(1) if before else ""
            if word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper()):
                continue
        nxt = end
        while nxt < n and text[nxt].isspace():
            nxt += 1
        if nxt < n and text[nxt].islower():
            continue
        spans.append((start, end))
        start = nxt
    if start < n:
        spans.append((start, n))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def visible_text(seg: Segment, start: int = 0, end: int | None = None) -> str:
    """``seg.text[start:end]`` with masked ranges (inline code, URLs, template tags) blanked.

    Blanking with spaces keeps the length, so offsets stay valid.
    """
    end = len(seg.text) if end is None else end
    text = seg.text[start:end]
    if not seg.masked:
        return text
    chars = list(text)
    for ms, me in seg.masked:
        for i in range(max(ms, start), min(me, end)):
            chars[i - start] = " "
    return "".join(chars)


def word_count(text: str) -> int:
    return len(_WORDS.findall(text))


def units_for(segments: Iterable[Segment], granularity: str, min_words: int = 1) -> list[Unit]:
    """Units of ``granularity`` built from ``segments`` (already filtered by scope)."""
    segs = list(segments)
    out: list[Unit] = []
    if granularity == "sentence":
        for seg in segs:
            text = visible_text(seg)
            for s, e in sentence_spans(text):
                t = text[s:e]
                if t.strip() and word_count(t) >= min_words:
                    out.append(Unit(t, seg, s, e))
    elif granularity == "paragraph":
        for seg in segs:
            text = visible_text(seg)
            if text.strip() and word_count(text) >= min_words:
                s = len(text) - len(text.lstrip())
                e = len(text.rstrip())
                out.append(Unit(text[s:e], seg, s, e))
    elif granularity == "section":
        for group in _sections(segs):
            text = "\n\n".join(visible_text(s).strip() for s in group)
            if text.strip() and word_count(text) >= min_words:
                first = group[0]
                out.append(Unit(text, first, 0, len(first.text)))
    elif granularity == "document":
        text = "\n\n".join(visible_text(s).strip() for s in segs)
        if text.strip() and word_count(text) >= min_words:
            out.append(Unit(text, None))
    else:  # validated at build time
        raise ValueError(f"unknown granularity {granularity!r}")
    return out


def _sections(segs: list[Segment]) -> Iterator[list[Segment]]:
    """Heading-to-heading groups of segments (text before the first heading is a section)."""
    group: list[Segment] = []
    for seg in segs:
        if seg.has_scope("heading") and group:
            yield group
            group = []
        if seg.text.strip():
            group.append(seg)
    if group:
        yield group
