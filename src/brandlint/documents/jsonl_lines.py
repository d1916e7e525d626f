"""JSONL lines with their exact place in the file: the one walker behind every way of reading
JSONL (a file from disk, a stream of records, a byte range of a shard on a cluster node).

:func:`walk_lines` turns raw lines (bytes, each with its line break) into :class:`JsonlLine`
items: the decoded record text, its 1-based-ready bases (line, code-point offset, byte offset)
and its record number, exactly as :class:`~brandlint.documents.jsonl_doc.JsonlFormat` places
them, so a record linted anywhere has the positions it has in a whole-file run.

Rules: a UTF-8 BOM at the start of the file is skipped (offsets exclude it, byte offsets
include it) and is not part of the first record's bytes; CRLF, LF and a final lone CR end a
line; a lone CR inside a line counts as a line break (as everywhere in brandlint); a blank
line (spaces, tabs, CRs only) is no record; a line that is not valid UTF-8 is a record with an
error (``error``) and the following ones still parse.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .base import LINE_BREAK

__all__ = ["BOM", "JsonlLine", "LineBases", "count_bases", "walk_lines"]

BOM = b"\xef\xbb\xbf"


class LineBases:
    """Where the next line starts: 0-based line, code-point offset, byte offset, record number.

    :func:`walk_lines` moves it along, so once the lines are walked it says where they end.
    """

    __slots__ = ("line", "offset", "byte", "record")

    def __init__(self, line: int = 0, offset: int = 0, byte: int = 0, record: int = 0) -> None:
        self.line, self.offset, self.byte, self.record = line, offset, byte, record

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.line, self.offset, self.byte, self.record)

    def __repr__(self) -> str:
        return f"LineBases{self.as_tuple()}"


@dataclass(frozen=True)
class JsonlLine:
    """One line: ``raw`` bytes as read (line break included, a leading BOM not), ``text`` the
    decoded line without its break, its bases, and ``record`` (None: a blank line)."""

    raw: bytes
    text: str
    line: int
    offset: int
    byte: int
    record: int | None
    error: tuple[str, int] | None = None  # (message, code-point offset) of invalid UTF-8


def walk_lines(
    raw_lines: Iterable[bytes], bases: LineBases | None = None, *, file_start: bool = True
) -> Iterator[JsonlLine]:
    """Place each raw line (``bytes`` ending in its line break, the last one maybe not).

    ``bases`` (moved along as lines are walked) says where the first line starts;
    ``file_start``: the first line is the first of the file (a BOM there is skipped).
    """
    at = bases if bases is not None else LineBases()
    first = file_start
    for raw in raw_lines:
        size = len(raw)
        body = raw
        if first:
            first = False
            if body.startswith(BOM):
                body = raw = body[3:]
                at.byte += 3
                size -= 3
        brk = 0
        if body.endswith(b"\n"):
            body = body[:-1]
            brk = 1
            if body.endswith(b"\r"):
                body = body[:-1]
                brk = 2
        elif body.endswith(b"\r"):  # a final lone CR
            body = body[:-1]
            brk = 1
        error = None
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as e:
            text = body.decode("utf-8", "replace")
            error = (f"invalid UTF-8 byte 0x{body[e.start]:02x}", len(body[: e.start].decode("utf-8", "replace")))
        blank = not text.strip(" \t\r")
        yield JsonlLine(raw, text, at.line, at.offset, at.byte, None if blank else at.record, error)
        if not blank:
            at.record += 1
        at.line += 1 + (len(LINE_BREAK.findall(text)) if "\r" in text else 0)
        at.offset += len(text) + brk
        at.byte += size


def count_bases(raw_lines: Iterable[bytes], *, file_start: bool = True) -> LineBases:
    """How far ``raw_lines`` move the bases (lines, code points, bytes, records)."""
    bases = LineBases()
    for _ in walk_lines(raw_lines, bases, file_start=file_start):
        pass
    return bases
