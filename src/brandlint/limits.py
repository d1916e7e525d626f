"""Limits that bound the work one file can cause, whatever its content (docs/security.md).

Set in the config's ``[limits]`` table; over a limit gives a ``brandlint/limit-exceeded``
finding at the exact position and the rest of the file (and run) goes on:

* ``file-size`` (bytes): a larger file is not linted (streamed JSONL is bounded per record);
* ``line-length`` (characters): a longer line is left out (blanked) and the rest is linted;
* ``nesting-depth``: Markdown containers (a list costs two levels) and JSON arrays/objects
  nested deeper are left out;
* ``json-number-digits``: a JSON number with more digits is left out;
* ``nlp-segment-length`` (characters): NLP models get longer text in chunks of this size
  (no finding: the text is processed whole).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from .findings import Finding, Severity
from .results import LIMIT_EXCEEDED, point

__all__ = ["DEFAULTS", "cap_lines", "limits_of", "limit_finding", "tame_json"]

DEFAULTS: dict[str, int] = {
    "file-size": 10_000_000,
    "line-length": 1_000_000,
    "nesting-depth": 100,
    "json-number-digits": 1_000,
    "nlp-segment-length": 100_000,
}


def limits_of(data: Mapping[str, Any] | None) -> dict[str, int]:
    """The effective limits of a config's data (its ``[limits]`` table over the defaults)."""
    table = (data or {}).get("limits") or {}
    return {k: int(table.get(k, v)) for k, v in DEFAULTS.items()}


def limit_finding(message: str, path: str, line: int = 1, column: int = 1, offset: int = 0, byte: int = 0) -> Finding:
    return Finding(LIMIT_EXCEEDED, Severity.WARNING, message, path, point(line, column, offset, byte), scope="document")


_LINE = re.compile(r"[^\n\r]*")


def cap_lines(text: str, limit: int) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with every line longer than ``limit`` blanked (spaces: offsets stay), and the
    (line, offset) of the first character over the limit on each such line."""
    if len(text) <= limit:
        return text, []
    over: list[tuple[int, int]] = []
    parts: list[str] = []
    pos = 0
    line = 1
    start = 0
    n = len(text)
    while start <= n:
        m = _LINE.match(text, start)
        assert m is not None
        s, e = m.span()
        if e - s > limit:
            over.append((line, s + limit))
            parts.append(text[pos:s])
            parts.append(" " * (e - s))
            pos = e
        if e >= n:
            break
        nxt = e + (2 if text.startswith("\r\n", e) else 1)
        line += 1
        start = nxt
    if not over:
        return text, []
    parts.append(text[pos:])
    return "".join(parts), over


# a string always matches (an unterminated one runs to the end): no quote is scanned twice
_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*\\?(?:"|\Z)'


@functools.lru_cache(maxsize=8)
def _json_tokens(digits: int) -> re.Pattern[str]:
    return re.compile(rf"{_STRING}|[\[\]{{}}]|-?\d{{{digits + 1},}}(?:\.\d+)?(?:[eE][+-]?\d+)?", re.S)


def _blank(text: str, s: int, e: int) -> str:
    """The JSON value text[s:e] as ``0`` plus blanks (line breaks kept: positions stay)."""
    return "0" + re.sub(r"[^\r\n]", " ", text[s + 1 : e])


def tame_json(text: str, depth: int, digits: int) -> tuple[str, list[tuple[int, str]]]:
    """``text`` with each JSON value nested deeper than ``depth`` and each number of more
    than ``digits`` digits replaced by ``0`` and blanks (same length), and (offset, message)
    for each. Linear time; cheap when nothing is over (two C-speed checks)."""
    deep = text.count("[") + text.count("{") > depth
    long_number = re.search(rf"\d{{{digits + 1}}}", text) is not None
    if not deep and not long_number:
        return text, []
    found: list[tuple[int, str]] = []
    cuts: list[tuple[int, int]] = []
    level = 0
    cut_at = -1  # the level of the value being cut, or -1
    cut_start = 0
    for m in _json_tokens(digits).finditer(text):
        c = text[m.start()]
        if c == '"':
            continue
        if c in "[{":
            level += 1
            if level > depth and cut_at < 0:
                cut_at, cut_start = level, m.start()
                found.append(
                    (
                        m.start(),
                        f"JSON nested deeper than {depth} levels ([limits] nesting-depth): this value is not linted",
                    )
                )
        elif c in "]}":
            if cut_at >= 0 and level == cut_at:
                cuts.append((cut_start, m.end()))
                cut_at = -1
            level = max(0, level - 1)
        elif cut_at < 0:  # a long number outside a cut value
            n = sum(ch.isdigit() for ch in m.group())
            found.append(
                (
                    m.start(),
                    f"JSON number with {n} digits, over the limit of {digits} ([limits] json-number-digits): "
                    "not linted",
                )
            )
            cuts.append(m.span())
    if cut_at >= 0:  # never closed: the rest of the text is the value
        cuts.append((cut_start, len(text)))
    if not cuts:
        return text, found
    out = []
    pos = 0
    for s, e in cuts:
        out.append(text[pos:s])
        out.append(_blank(text, s, e))
        pos = e
    out.append(text[pos:])
    return "".join(out), found
