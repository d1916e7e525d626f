"""Finding the passage to rewrite: source offsets back to segment text, and Markdown markup
that hugs a passage (``**``, ``[``, ``](url)``), so a unit is always whole."""

from __future__ import annotations

import re
from collections.abc import Iterable

from brandlint.documents.base import Segment

CONT = re.compile(r"(\r?\n|\r)([ \t>]*)")
_OPENERS = "*_~[`"
_CLOSER = re.compile(
    r"[*_~`]+"
    r"|\]\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)"
    r"|\]\[[^\]\n]*\]"
    r"|\]"
)


def seg_index(seg: Segment, local: int, *, end: bool) -> int:
    """Index in ``seg.text`` of a source offset (the inverse of the segment's source map)."""
    best = None
    for r in seg.runs:
        lo, hi = r.src_start, r.src_start + r.src_len
        linear = r.seg_len == r.src_len
        if (lo <= local < hi) if not end else (lo < local <= hi):
            return r.seg_start + ((local - lo) if linear else (0 if not end else r.seg_len))
        if not end and lo >= local and best is None:
            best = r.seg_start  # in a gap (e.g. a link's URL): the next mapped character
        if end and hi <= local:
            best = r.seg_start + r.seg_len
    if best is None:
        return 0 if not end else len(seg.text)
    return best


def straddles(ranges: Iterable[tuple], s: int, e: int) -> bool:
    for r in ranges:
        a, b = r[0], r[1]
        if a < s < b or a < e < b:
            return True
    return False


def expand_markup(source: str, s: int, e: int) -> tuple[int, int]:
    """Widen [s, e) over Markdown markup hugging it (``**``, ``[``, ``](url)``)."""
    while s > 0 and source[s - 1] in _OPENERS:
        s -= 1
    if s > 0 and source[s - 1] == "!" and source[s : s + 1] == "[":
        s -= 1
    while e < len(source):
        m = _CLOSER.match(source, e)
        if not m or m.end() == e:
            break
        e = m.end()
    return s, e
