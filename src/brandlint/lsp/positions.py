"""Code-point offsets ↔ LSP positions (0-based line, character in the negotiated encoding).

brandlint counts columns and offsets in Unicode code points (Python ``str`` indices). The
Language Server Protocol counts ``character`` in UTF-16 code units unless client and server
agree on ``utf-8`` (bytes) or ``utf-32`` (code points) through ``positionEncoding``. A character
outside the Basic Multilingual Plane (most emoji) is one code point, two UTF-16 units and four
UTF-8 bytes, so every conversion goes through the line's text, never through arithmetic on
columns alone.

Line breaks are ``\\r\\n``, ``\\r`` and ``\\n``, as in the LSP specification and in
:class:`brandlint.documents.base.LineIndex`.
"""

from __future__ import annotations

import bisect
import re

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
ENCODINGS = (UTF16, UTF8, UTF32)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str = UTF16) -> int:
    """Length of ``text`` in code units of ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF16:
        return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    raise ValueError(f"unknown position encoding {encoding!r}: use utf-8, utf-16 or utf-32")


def _width(ch: str, encoding: str) -> int:
    cp = ord(ch)
    if encoding == UTF16:
        return 2 if cp > 0xFFFF else 1
    if encoding == UTF8:
        return 1 if cp < 0x80 else 2 if cp < 0x800 else 3 if cp < 0x10000 else 4
    return 1


class TextIndex:
    """Converts between code-point offsets of ``text`` and LSP ``(line, character)`` pairs."""

    __slots__ = ("text", "starts", "ascii")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        self.ascii = text.isascii()

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line_range(self, line: int) -> tuple[int, int]:
        """Code-point offsets [start, end) of a 0-based line, line break excluded."""
        if line < 0:
            return 0, 0
        if line >= len(self.starts):
            n = len(self.text)
            return n, n
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def line_text(self, line: int) -> str:
        s, e = self.line_range(line)
        return self.text[s:e]

    def position(self, offset: int, encoding: str = UTF16) -> tuple[int, int]:
        """LSP ``(line, character)`` of a code-point offset (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        if self.ascii or encoding == UTF32:
            return line, offset - start
        return line, units(self.text[start:offset], encoding)

    def offset(self, line: int, character: int, encoding: str = UTF16) -> int:
        """Code-point offset of an LSP position.

        A ``character`` past the end of the line means the end of the line (the LSP rule); a
        position inside a multi-unit character (half a surrogate pair, the middle of a UTF-8
        sequence) falls back to the start of that character.
        """
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.line_range(line)
        if character <= 0:
            return start
        if self.ascii or encoding == UTF32:
            return min(start + character, end)
        used = 0
        for i in range(start, end):
            used += _width(self.text[i], encoding)
            if used > character:
                return i
            if used == character:
                return i + 1
        return end
