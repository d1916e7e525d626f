"""JSONL documents (``.jsonl`` / ``.ndjson``): one document per record, streamed, or the whole
file as one document (``[formats.jsonl] one-document = true``). Each record is parsed like a JSON
file (:mod:`brandlint.documents.json_doc`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from .base import LINE_BREAK, Document, DocumentError, LineIndex, Run, SourceFile
from .json_doc import _BOM, _bom_bytes, _new_tuple, _parse_text
from .json_select import plan

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
                yield _parse_text(line, options, auto, index, source.path, self.name, record)
                record += 1
            line_no += 1 + (len(LINE_BREAK.findall(line)) if "\r" in line else 0)
            full = end - pos + brk
            offset += full
            byte += full if ascii_text else len(text[pos : pos + full].encode("utf-8", "surrogatepass"))
            pos += full

    def parse_path(self, path: str, options: Mapping[str, Any]) -> Iterator[Document]:
        """Stream ``path`` line by line in binary (constant memory).

        A UTF-8 BOM on the first line is skipped (positions: offsets exclude it, byte offsets
        include it); CRLF and LF both end a line; a line that is not valid UTF-8 gives that
        record a :class:`DocumentError` and the following records still parse.
        """
        if options and options.get("one-document"):  # the whole file is needed: no streaming
            with open(path, "rb") as fb:
                data = fb.read()
            bom = data.startswith(_BOM)
            text = (data[3:] if bom else data).decode("utf-8", "replace")
            yield from self.parse(SourceFile(path, text, bom=bom), options)
            return
        auto = plan(options)
        line_no, offset, byte = 0, 0, 0
        record = 0
        first = True
        with open(path, "rb") as f:
            for raw in f:
                size = len(raw)
                body = raw
                if first:
                    first = False
                    if body.startswith(_BOM):
                        body = body[3:]
                        byte += 3
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
                    line = body.decode("utf-8")
                except UnicodeDecodeError as e:
                    line = body.decode("utf-8", "replace")
                    at = len(body[: e.start].decode("utf-8", "replace"))
                    error = DocumentError(
                        f"invalid UTF-8 byte 0x{body[e.start]:02x}",
                        offset=at,
                        hint="save the file as UTF-8; this record is not linted",
                    )
                if line.strip(" \t\r"):
                    index = LineIndex(line, line_base=line_no, offset_base=offset, byte_base=byte)
                    if error is not None:
                        yield Document(
                            path=path,
                            format=self.name,
                            source=line,
                            segments=[],
                            index=index,
                            record=record,
                            errors=[error],
                        )
                    else:
                        yield _parse_text(line, options, auto, index, path, self.name, record)
                    record += 1
                line_no += 1 + (len(LINE_BREAK.findall(line)) if "\r" in line else 0)
                offset += len(line) + brk
                byte += size
