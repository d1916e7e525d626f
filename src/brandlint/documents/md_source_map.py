"""The Markdown source map: offsets of a block's inline source (a paragraph's lines with
container prefixes stripped, a heading's text, a table cell) back to file offsets.
See :mod:`brandlint.documents.markdown`."""

from __future__ import annotations

import bisect

from .base import LINE_BREAK, SegmentBuilder

__all__ = ["InlineMap", "Lines", "cell_map", "heading_map", "paragraph_map"]


class InlineMap:
    """Maps offsets of an inline source string ``c`` (a block's content) to file offsets.

    ``pieces`` are ``(c_start, c_end, s_start, s_end)`` sorted by ``c_start``: linear when both
    lengths are equal, else mapped as a whole (a CRLF line break). Characters of ``c`` outside
    every piece (spaces markdown-it made from a tab) have no source and are never emitted.
    """

    __slots__ = ("c", "pieces", "starts")

    def __init__(self, c: str, pieces: list[tuple[int, int, int, int]]) -> None:
        self.c = c
        self.pieces = pieces
        self.starts = [p[0] for p in pieces] if len(pieces) > 1 else None

    def _index(self, i: int) -> int:
        if self.starts is None:
            return 0
        return max(bisect.bisect_right(self.starts, i) - 1, 0)

    def emit(self, b: SegmentBuilder, src: str, cs: int, ce: int) -> None:
        """Append the inline source range [cs, ce) to ``b`` (copied from the file)."""
        if ce <= cs:
            return
        pieces = self.pieces
        if self.starts is None:
            if not pieces:
                return
            p0, p1, s0, s1 = pieces[0]
            a, z = max(cs, p0), min(ce, p1)
            if a < z:
                if p1 - p0 == s1 - s0:
                    s = s0 + a - p0
                    b.add(src[s : s + z - a], s)
                else:
                    b.add(self.c[a:z], s0, s1 - s0)
            return
        k = self._index(cs)
        n = len(pieces)
        while k < n:
            p0, p1, s0, s1 = pieces[k]
            if p0 >= ce:
                break
            a, z = max(cs, p0), min(ce, p1)
            if a < z:
                if p1 - p0 == s1 - s0:
                    s = s0 + a - p0
                    b.add(src[s : s + z - a], s)
                elif self.c[p0:p1] == "\n":
                    b.add("\n", s0, s1 - s0)
                else:
                    b.add(self.c[a:z], s0, s1 - s0)
            k += 1

    def start(self, i: int) -> int:
        """File offset where inline-source character ``i`` starts."""
        if not self.pieces:
            return 0
        p0, p1, s0, s1 = self.pieces[self._index(i)]
        if i >= p1:
            return s1
        if i <= p0:
            return s0
        return s0 + (i - p0) if p1 - p0 == s1 - s0 else s0

    def end(self, j: int) -> int:
        """File offset just after inline-source character ``j - 1``."""
        if not self.pieces:
            return 0
        if j <= 0:
            return self.pieces[0][2]
        p0, p1, s0, s1 = self.pieces[self._index(j - 1)]
        if j >= p1:
            return s1
        return s0 + (j - p0) if p1 - p0 == s1 - s0 else s1

    def special(self, b: SegmentBuilder, text: str, cs: int, ce: int) -> None:
        """Append ``text`` standing for the whole inline source range [cs, ce)."""
        s = self.start(cs)
        b.add(text, s, max(self.end(ce) - s, 1))


class Lines:
    """Line starts and line-break ends of the file."""

    __slots__ = ("starts", "ends")

    def __init__(self, text: str) -> None:
        starts = [0]
        ends = []
        if "\r" in text:
            for m in LINE_BREAK.finditer(text):
                ends.append(m.start())
                starts.append(m.end())
        else:
            find = text.find
            i = find("\n")
            while i >= 0:
                ends.append(i)
                starts.append(i + 1)
                i = find("\n", i + 1)
        ends.append(len(text))
        self.starts = starts
        self.ends = ends

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1


def paragraph_map(c: str, first_line: int, end_line: int, text: str, lines: Lines) -> InlineMap:
    """Map for ``getLines(first_line, ...).strip()`` content.

    Each line of ``c`` is a suffix of its source line (container prefixes and indentation
    removed), the last one rstripped. ``str.strip`` may also have dropped whole lines that
    markdown does not call blank (``\\xa0``, ``\\f``...): try each possible number of
    dropped leading lines and keep the first that matches the source.
    """
    clines = c.split("\n")
    spare = max(end_line - first_line - len(clines), 0)
    for d in range(spare + 1):
        pieces = _line_pieces(clines, first_line + d, text, lines, True)
        if pieces is not None:
            return InlineMap(c, pieces)
    return InlineMap(c, _line_pieces(clines, first_line, text, lines, False) or [])


def _line_pieces(
    clines: list[str], first_line: int, text: str, lines: Lines, strict: bool
) -> list[tuple[int, int, int, int]] | None:
    starts, ends = lines.starts, lines.ends
    nlines = len(starts)
    last = len(clines) - 1
    pieces: list[tuple[int, int, int, int]] = []
    pos = 0
    for k, cl in enumerate(clines):
        li = min(first_line + k, nlines - 1)
        piece = _line_piece(cl, pos, li, k == last, text, starts, ends, strict)
        if piece is None:
            return None
        pieces.append(piece)
        pos += len(cl)
        if k < last:
            le = ends[li]
            nxt = starts[li + 1] if li + 1 < nlines else le
            if nxt > le:
                pieces.append((pos, pos + 1, le, nxt))
            pos += 1
    return pieces


def _line_piece(
    cl: str, pos: int, li: int, is_last: bool, text: str, starts: list[int], ends: list[int], strict: bool
) -> tuple[int, int, int, int] | None:
    ls, le = starts[li], ends[li]
    n = len(cl)
    # the last line of stripped content ends where its source line ends once rstripped
    e = ls + len(text[ls:le].rstrip()) if is_last else le
    s = e - n
    if s >= ls and text.startswith(cl, s):
        return (pos, pos + n, s, e)
    # spaces made from a tab by markdown-it: only the rest is in the source
    real = cl.lstrip(" ")
    s = e - len(real)
    if s >= ls and text.startswith(real, s):
        return (pos + n - len(real), pos + n, s, e)
    if strict:
        return None
    # should not happen: find it on the line, else map the whole line as a unit
    j = text.find(cl, ls, le) if cl else -1
    if j >= 0:
        return (pos, pos + n, j, j + n)
    return (pos, pos + n, ls, min(max(le, ls + 1), len(text)))


def heading_map(c: str, line: int, text: str, lines: Lines) -> InlineMap:
    ls, le = lines.starts[line], lines.ends[line]
    h = text.find("#", ls, le)
    h = ls if h < 0 else h
    while h < le and text[h] == "#":
        h += 1
    j = text.find(c, h, le)
    if j < 0:
        return paragraph_map(c, line, line + 1, text, lines)
    return InlineMap(c, [(0, len(c), j, j + len(c))])


def cell_map(c: str, line: int, cursor: int, text: str, lines: Lines) -> tuple[InlineMap, int]:
    """Map for a table cell; markdown-it dropped the backslash of every ``\\|`` in the cell."""
    le = lines.ends[line]
    if "|" not in c:
        j = text.find(c, cursor, le)
        if j < 0:
            j = text.find(c, lines.starts[line], le)
        if j < 0:
            return InlineMap(c, [(0, len(c), cursor, max(le, cursor + 1))]), cursor
        return InlineMap(c, [(0, len(c), j, j + len(c))]), j + len(c)
    form = c.replace("|", "\\|")
    j = text.find(form, cursor, le)
    if j < 0:
        return InlineMap(c, [(0, len(c), cursor, max(le, cursor + 1))]), cursor
    pieces = []
    cpos, spos = 0, j
    for part in c.split("|"):
        if part:
            pieces.append((cpos, cpos + len(part), spos, spos + len(part)))
        cpos += len(part)
        spos += len(part)
        if cpos < len(c):  # the pipe: skip its backslash in the source
            pieces.append((cpos, cpos + 1, spos + 1, spos + 2))
            cpos += 1
            spos += 2
    return InlineMap(c, pieces), j + len(form)
