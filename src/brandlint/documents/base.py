"""Documents: the prose of one file (or one JSONL record) as segments with a source map.

A format parser turns decoded source text into a :class:`Document`: a list of
:class:`Segment` objects, each a run of prose (a heading, a paragraph, a table cell, a JSON
string value...) whose every character maps back to an exact range of the source. Rules only
ever see segments; positions are computed from the map, never by searching rendered text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ..findings import Position, Span

#: any line break (CRLF, CR, LF), for every format
LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Run(NamedTuple):
    """``text[seg_start:seg_start+seg_len]`` comes from ``source[src_start:src_start+src_len]``.

    Equal lengths map character by character. Unequal lengths (an entity ``&amp;``, a JSON
    escape ``\\u00e9``, a CRLF read as one line break) map as a whole: any character inside
    starts at ``src_start`` and ends at ``src_start + src_len``.
    """

    seg_start: int
    seg_len: int
    src_start: int
    src_len: int


class SegmentBuilder:
    """Accumulates text pieces with their source ranges, merging adjacent linear runs."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._runs: list[Run] = []
        self._len = 0

    def __len__(self) -> int:
        return self._len

    def add(self, text: str, src_start: int, src_len: int | None = None) -> None:
        """Append ``text`` taken from ``source[src_start:src_start+src_len]``.

        ``src_len`` defaults to ``len(text)`` (a verbatim copy).
        """
        n = len(text)
        if n == 0:
            return
        if src_len is None:
            src_len = n
        runs = self._runs
        if runs and n == src_len:
            last = runs[-1]
            if (
                last.seg_len == last.src_len
                and last.seg_start + last.seg_len == self._len
                and last.src_start + last.src_len == src_start
            ):
                runs[-1] = Run(last.seg_start, last.seg_len + n, last.src_start, last.src_len + n)
                self._parts.append(text)
                self._len += n
                return
        runs.append(Run(self._len, n, src_start, src_len))
        self._parts.append(text)
        self._len += n

    def text(self) -> str:
        return "".join(self._parts)

    def runs(self) -> tuple[Run, ...]:
        return tuple(self._runs)


@dataclass
class Segment:
    """A run of prose with its scope and its map back to the source.

    ``scopes`` lists the enclosing block scopes from outermost to innermost, e.g.
    ``("blockquote", "list", "paragraph")``; ``inline`` holds sub-ranges of ``text`` with an
    inline scope (``link``, ``emphasis``, ``strong``...); ``masked`` holds sub-ranges that are not
    prose (inline code, raw HTML, template syntax, URLs): findings overlapping them are dropped.
    """

    text: str
    runs: tuple[Run, ...]
    scopes: tuple[str, ...] = ("text",)
    heading_level: int = 0
    inline: tuple[tuple[int, int, str], ...] = ()
    masked: tuple[tuple[int, int], ...] = ()
    pointer: str | None = None  # JSON Pointer of the string value this segment came from
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)

    @property
    def scope(self) -> str:
        """The innermost block scope, e.g. ``paragraph`` or ``heading``."""
        return self.scopes[-1] if self.scopes else "text"

    def has_scope(self, name: str) -> bool:
        if name in self.scopes:
            return True
        if name.startswith("heading") and name[7:].isdigit():
            return "heading" in self.scopes and self.heading_level == int(name[7:])
        return False

    def inline_scopes_at(self, start: int, end: int) -> set[str]:
        return {name for (s, e, name) in self.inline if s <= start and end <= e}

    def is_masked(self, start: int, end: int) -> bool:
        return any(s < end and start < e for (s, e) in self.masked)

    def _run_index(self, i: int) -> int:
        if not self._starts:
            self._starts = [r.seg_start for r in self.runs]
        return max(bisect.bisect_right(self._starts, i) - 1, 0)

    def source_start(self, i: int) -> int:
        """Source offset where text character ``i`` starts."""
        if not self.runs:
            return 0
        r = self.runs[self._run_index(i)]
        if i >= r.seg_start + r.seg_len:  # past the end of the segment
            return r.src_start + r.src_len
        return r.src_start + (i - r.seg_start if r.seg_len == r.src_len else 0)

    def source_end(self, j: int) -> int:
        """Source offset just after text character ``j - 1`` (the end of a span ending at ``j``)."""
        if not self.runs:
            return 0
        if j <= 0:
            return self.runs[0].src_start
        r = self.runs[self._run_index(j - 1)]
        if r.seg_len == r.src_len:
            return r.src_start + min(j - r.seg_start, r.src_len)
        return r.src_start + r.src_len

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        """Map the text span [start, end) to a source span."""
        if end <= start:
            s = self.source_start(start)
            return s, s
        return self.source_start(start), self.source_end(end)


@dataclass(frozen=True)
class Directive:
    """An inline suppression comment such as ``<!-- brandlint-disable x -- why -->``."""

    action: str  # "disable" | "enable" | "disable-next-line" | "disable-file"
    rules: tuple[str, ...]  # empty = every rule
    reason: str
    line: int  # 1-based line of the comment
    end_line: int = 0  # last line the comment covers


class LineIndex:
    """Offsets ↔ 1-based line/column (code points) ↔ bytes, for one source text."""

    def __init__(self, source: str, *, line_base: int = 0, offset_base: int = 0, byte_base: int = 0) -> None:
        self.source = source
        self.line_base = line_base
        self.offset_base = offset_base
        self.byte_base = byte_base
        self.starts = [0] + [m.end() for m in LINE_BREAK.finditer(source)]
        self.ascii = source.isascii()
        self._byte_starts: list[int] | None = None
        self._lines: dict[int, str] = {}  # line_text per line: findings on a line share one string

    def line_of(self, offset: int) -> int:
        """0-based line index within this source."""
        return bisect.bisect_right(self.starts, offset) - 1

    def position(self, offset: int) -> Position:
        """Position of a local offset (into ``source``)."""
        offset = max(0, min(offset, len(self.source)))
        li = self.line_of(offset)
        col = offset - self.starts[li]
        if self.ascii:
            b = offset
        else:
            if self._byte_starts is None:
                bs, acc, prev = [0], 0, 0
                for st in self.starts[1:]:
                    acc += len(self.source[prev:st].encode("utf-8", "surrogatepass"))
                    bs.append(acc)
                    prev = st
                self._byte_starts = bs
            b = self._byte_starts[li] + len(self.source[self.starts[li] : offset].encode("utf-8", "surrogatepass"))
        return Position(
            line=self.line_base + li + 1,
            column=col + 1,
            offset=self.offset_base + offset,
            byte_offset=self.byte_base + b,
        )

    def line_text(self, line: int) -> str:
        """Text of a 1-based file line (without its line break), if it is in this source.

        One string per line: every finding on a line holds the same object (a JSONL record
        with many findings is kept once, and pickled once on its way back from a worker)."""
        text = self._lines.get(line)
        if text is not None:
            return text
        li = line - self.line_base - 1
        if not 0 <= li < len(self.starts):
            return ""
        end = self.starts[li + 1] if li + 1 < len(self.starts) else len(self.source)
        text = self._lines[line] = self.source[self.starts[li] : end].rstrip("\r\n")
        return text


@dataclass
class Document:
    """The prose of one file, or of one record of a JSONL file.

    ``source`` is the decoded text this document was parsed from (the whole file, or one
    JSONL line); ``index`` turns its local offsets into file positions. Edits and positions in
    findings are always *file* offsets (``index.offset_base`` added).
    """

    path: str
    format: str
    source: str
    segments: list[Segment]
    index: LineIndex
    directives: list[Directive] = field(default_factory=list)
    record: int | None = None  # 0-based record number inside a JSONL file
    errors: list[DocumentError] = field(default_factory=list)  # reported as findings
    meta: dict = field(default_factory=dict)

    def span(self, src_start: int, src_end: int) -> Span:
        """File span of the local source range [src_start, src_end)."""
        return Span(self.index.position(src_start), self.index.position(src_end))

    def segment_span(self, seg: Segment, start: int, end: int) -> Span:
        s, e = seg.source_range(start, end)
        return self.span(s, e)

    def words(self) -> int:
        return sum(len(s.text.split()) for s in self.segments)


@dataclass(frozen=True)
class SourceFile:
    """A decoded file handed to a format parser: rules never see bytes."""

    path: str
    text: str  # decoded, BOM removed
    bom: bool = False
    encoding: str = "utf-8"


class DocumentError(Exception):
    """A file (or record) that cannot be parsed, e.g. broken JSON.

    ``offset`` is a local offset into the document's ``source``; the engine turns it into an
    exact file position and reports a ``brandlint/syntax-error`` finding, so the run goes on.
    """

    def __init__(self, message: str, offset: int = 0, *, hint: str = "", rule_id: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint
        self.rule_id = rule_id  # "" : brandlint/syntax-error; or brandlint/limit-exceeded

    def __reduce__(self):  # picklable across worker processes
        return (_make_document_error, (self.message, self.offset, self.hint))


def _make_document_error(message: str, offset: int, hint: str) -> DocumentError:
    return DocumentError(message, offset, hint=hint)


def compose_runs(inner: tuple[Run, ...], outer: Segment) -> tuple[Run, ...]:
    """Map runs that point into ``outer.text`` so they point into ``outer``'s source instead.

    Used when a JSON string value is itself Markdown: the Markdown parser maps segment text to
    the decoded string, and the JSON string's own runs map that to the file.
    """
    out: list[Run] = []
    for r in inner:
        if r.seg_len == r.src_len:
            # split at the outer run boundaries so escapes keep their whole-run mapping
            i = 0
            while i < r.seg_len:
                pos = r.src_start + i
                orun = outer.runs[outer._run_index(pos)]
                if orun.seg_len == orun.src_len:
                    take = min(r.seg_len - i, orun.seg_start + orun.seg_len - pos)
                    take = max(take, 1)
                    out.append(Run(r.seg_start + i, take, orun.src_start + (pos - orun.seg_start), take))
                else:
                    take = 1
                    out.append(Run(r.seg_start + i, 1, orun.src_start, orun.src_len))
                i += take
        else:
            s, e = outer.source_range(r.src_start, r.src_start + r.src_len)
            out.append(Run(r.seg_start, r.seg_len, s, e - s))
    return tuple(out)
