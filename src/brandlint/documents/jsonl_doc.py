"""JSONL documents (``.jsonl`` / ``.ndjson``): one document per record, streamed, or the whole
file as one document (``[formats.jsonl] one-document = true``). Each record is parsed like a JSON
file (:mod:`brandlint.documents.json_doc`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from .base import LINE_BREAK, Document, DocumentError, LineIndex, Run, SourceFile
from .json_doc import _BOM, _bom_bytes, _new_tuple, _parse_text, _too_long
from .json_select import plan
from .jsonl_lines import JsonlLine, walk_lines

__all__ = ["JsonlFormat"]


def _one_document(source: SourceFile, records: list[Document]) -> Document:
    """Every record of a JSONL file as one document (``[formats.jsonl] one-document = true``).

    Rules that count or compare across a document (occurrence, consistency, conditional,
    metric) then see the whole file. Segments keep their record's JSON pointer; their runs and
    any syntax errors are moved from record offsets to file offsets.
    """
    doc = Document(
        path=source.path,
        format="jsonl",
        source=source.text,
        segments=[],
        index=LineIndex(source.text, byte_base=_bom_bytes(source)),
    )
    for rec in records:
        base = rec.index.offset_base
        for seg in rec.segments:
            runs = tuple(_new_tuple(Run, (r[0], r[1], r[2] + base, r[3])) for r in seg.runs)
            doc.segments.append(dataclasses.replace(seg, runs=runs, _starts=[]))
        doc.errors.extend(DocumentError(e.message, offset=e.offset + base, hint=e.hint) for e in rec.errors)
        doc.directives.extend(rec.directives)
    return doc


class JsonlFormat:
    """A ``.jsonl`` / ``.ndjson`` file: one document per non-blank line (record).

    Selectors apply to each record (``$.output``). Each record's ``source`` is its line without
    the line break; its ``index`` places it in the file (line, code-point offset, byte offset).
    """

    name = "jsonl"
    extensions = (".jsonl", ".ndjson")
    streaming = True

    def parse(self, source: SourceFile, options: Mapping[str, Any]) -> Iterator[Document]:
        if options and options.get("one-document"):
            yield _one_document(source, list(self._records(source, options)))
            return
        yield from self._records(source, options)

    def _records(self, source: SourceFile, options: Mapping[str, Any]) -> Iterator[Document]:
        auto = plan(options)
        text = source.text
        ascii_text = text.isascii()
        line_no, offset, byte = 0, 0, _bom_bytes(source)
        record = 0
        n = len(text)
        pos = 0
        while pos < n:
            nl = text.find("\n", pos)
            end = n if nl == -1 else nl
            brk = 0 if nl == -1 else 1
            if end > pos and text[end - 1] == "\r":
                end -= 1
                brk += 1
            line = text[pos:end]
            if line.strip(" \t\r"):
                index = LineIndex(line, line_base=line_no, offset_base=offset, byte_base=byte)
                error = _too_long(line, options)
                if error is not None:
                    yield Document(
                        path=source.path,
                        format=self.name,
                        source=line,
                        segments=[],
                        index=index,
                        record=record,
                        errors=[error],
                    )
                else:
                    yield _parse_text(line, options, auto, index, source.path, self.name, record)
                record += 1
            line_no += 1 + (len(LINE_BREAK.findall(line)) if "\r" in line else 0)
            full = end - pos + brk
            offset += full
            byte += full if ascii_text else len(text[pos : pos + full].encode("utf-8", "surrogatepass"))
            pos += full

    def parse_path(self, path: str, options: Mapping[str, Any]) -> Iterator[Document]:
        """Stream ``path`` line by line in binary (constant memory).

        Lines are placed by :func:`~brandlint.documents.jsonl_lines.walk_lines` (BOM, CRLF,
        invalid UTF-8: a record with a :class:`DocumentError`, the following ones still parse).
        """
        if options and options.get("one-document"):  # the whole file is needed: no streaming
            with open(path, "rb") as fb:
                data = fb.read()
            bom = data.startswith(_BOM)
            text = (data[3:] if bom else data).decode("utf-8", "replace")
            yield from self.parse(SourceFile(path, text, bom=bom), options)
            return
        parse = self.record_parser(options, path)
        with open(path, "rb") as f:
            for item in walk_lines(f):
                if item.record is not None:
                    yield parse(item)

    def record_parser(self, options: Mapping[str, Any], path: str) -> Callable[[JsonlLine], Document]:
        """A function from a placed record line to its document (selectors planned once)."""
        auto = plan(options)
        name = self.name

        def parse(item: JsonlLine) -> Document:
            index = LineIndex(item.text, line_base=item.line, offset_base=item.offset, byte_base=item.byte)
            err = None
            if item.error is not None:
                message, at = item.error
                err = DocumentError(message, offset=at, hint="save the file as UTF-8; this record is not linted")
            else:
                err = _too_long(item.text, options)
            if err is not None:
                return Document(
                    path=path, format=name, source=item.text, segments=[], index=index, record=item.record, errors=[err]
                )
            return _parse_text(item.text, options, auto, index, path, name, item.record)

        return parse
