"""Plain text: each blank-line separated block is a paragraph segment."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from .base import Document, LineIndex, Segment, SegmentBuilder, SourceFile

_BLOCKS = re.compile(r"(?:[^\r\n]*\S[^\r\n]*(?:\r\n|\r|\n|$))+")


class TextFormat:
    name = "text"
    extensions = (".txt", ".text")
    streaming = False

    def parse(self, source: SourceFile, options: Mapping[str, Any]) -> Iterator[Document]:
        text = source.text
        segments = []
        for m in _BLOCKS.finditer(text):
            block = m.group().rstrip("\r\n")
            if not block.strip():
                continue
            b = SegmentBuilder()
            pos = m.start()
            for line in re.split(r"(\r\n|\r|\n)", block):
                if line in ("\r\n", "\r", "\n"):
                    b.add("\n", pos, len(line))
                else:
                    b.add(line, pos)
                pos += len(line)
            segments.append(Segment(b.text(), b.runs(), scopes=("text", "paragraph")))
        yield Document(
            path=source.path,
            format=self.name,
            source=text,
            segments=segments,
            index=LineIndex(text, byte_base=3 if source.bom else 0),
        )
