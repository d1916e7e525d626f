"""Unified diffs of fixed text, as ``diff -u`` prints them (``patch -p0`` applies them)."""

from __future__ import annotations

import difflib
import re

__all__ = ["unified_diff"]


def _lines(text: str) -> list[str]:
    # split on "\n" only (str.splitlines also splits on \x0c, U+2028...), keeping endings
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


def unified_diff(path: str, old: str, new: str) -> str:
    """A unified diff (``patch -p0`` / ``git apply -p0`` applicable); ``""`` when equal.

    Lines keep their own endings (a CRLF file's diff lines end in CRLF); a last line without
    a line break is followed by ``\\ No newline at end of file``, as ``diff`` prints it.
    """
    if old == new:
        return ""
    out: list[str] = []
    for line in difflib.unified_diff(_lines(old), _lines(new), fromfile=path, tofile=path, lineterm="\n"):
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)
