"""From bytes to text: UTF-8 decoding (BOM allowed), with a located finding for what is not text."""

from __future__ import annotations

from ..documents.base import SourceFile
from ..findings import Finding
from ..results import BINARY_FILE, ENCODING_ERROR, file_finding, point

__all__ = ["decode"]


def decode(path: str, raw: bytes) -> SourceFile | Finding:
    """Decode UTF-8 (BOM allowed) to a :class:`SourceFile`; binary or invalid bytes give a
    located error :class:`~brandlint.findings.Finding` instead."""
    for mark, name in ((b"\xff\xfe", "UTF-16 LE"), (b"\xfe\xff", "UTF-16 BE")):
        if raw.startswith(mark) and not raw.startswith(b"\xff\xfe\x00\x00"):
            msg = f"{name} text (byte order mark {mark.hex(' ').upper()}): not linted; re-save it as UTF-8"
            return file_finding(ENCODING_ERROR, msg, path, point(1, 1, 0, 0))
    nul = raw.find(b"\x00", 0, 8192)
    if nul != -1:
        line = raw.count(b"\n", 0, nul) + 1
        col = nul - (raw.rfind(b"\n", 0, nul) + 1) + 1
        msg = f"binary file (NUL byte at byte offset {nul}): not linted; exclude it or fix the file"
        return file_finding(BINARY_FILE, msg, path, point(line, col, nul, nul))
    bom = raw.startswith(b"\xef\xbb\xbf")
    body = raw[3:] if bom else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line_start = body.rfind(b"\n", 0, start) + 1
        line = body.count(b"\n", 0, start) + 1
        col = len(body[line_start:start].decode("utf-8", "replace")) + 1
        offset = len(body[:start].decode("utf-8", "replace"))
        bad = body[start : exc.end].hex(" ")
        at = start + (3 if bom else 0)
        msg = f"invalid UTF-8 (byte {bad} at byte offset {at}): file not linted; re-save it as UTF-8"
        return file_finding(ENCODING_ERROR, msg, path, point(line, col, offset, at))
    return SourceFile(path=path, text=text, bom=bom)
