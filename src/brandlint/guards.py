"""Lookarounds at a pattern's edges, run on RE2 as checks beside the match (Vale styles use them).

RE2 has no lookarounds. A lookbehind at the very start of a pattern (``(?<=\\s)-\\d+``,
``(?<!:[^ ]+?):\\s[A-Z]``) or a lookahead at its very end (``it is(?!\\.)``) does not need
backtracking, though: match the rest with RE2, then test the text before the match (an RE2
pattern anchored at its end) or after it (anchored at its start). :class:`Guarded` does that and
yields RE2's own match objects, so callers see no difference. A lookaround anywhere else is
still an error. The lookbehind looks at most :data:`WINDOW` characters back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

WINDOW = 200
_FLAGS = re.compile(r"\A\(\?[imsU]+\)")


def _group_end(p: str, start: int) -> int:
    """Index just after the group that opens at ``p[start]`` (escapes and classes skipped), or -1."""
    depth = 0
    i = start
    in_class = False
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if p.startswith("[^]", i) or p.startswith("[]", i):
                i += 2 if p[i + 1] == "]" else 3
                continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def split_edges(pattern: str) -> tuple[str, str, tuple[bool, str] | None, tuple[bool, str] | None] | None:
    """(flags, core, lookbehind, lookahead) of a pattern with lookarounds at its edges, else None.

    A lookaround is (positive, body). Leading inline flags such as ``(?i)`` apply to all three.
    """
    m = _FLAGS.match(pattern)
    flags = m.group() if m else ""
    p = pattern[len(flags) :]
    behind = ahead = None
    if p.startswith(("(?<=", "(?<!")):
        end = _group_end(p, 0)
        if end == -1:
            return None
        behind = (p[3] == "=", p[4 : end - 1])
        p = p[end:]
    if p.endswith(")"):
        i = 0
        while i < len(p):
            if p.startswith(("(?=", "(?!"), i) and _group_end(p, i) == len(p):
                ahead = (p[i + 2] == "=", p[i + 3 : -1])
                p = p[:i]
                break
            if p[i] == "\\":
                i += 2
                continue
            i += 1
    if (behind is None and ahead is None) or not p:
        return None  # nothing to guard, or nothing but lookarounds
    return flags, p, behind, ahead


class Guarded:
    """An RE2 pattern plus lookbehind/lookahead checks at its edges; quacks like an RE2 regex."""

    def __init__(self, core: Any, behind: tuple[bool, Any] | None, ahead: tuple[bool, Any] | None) -> None:
        self.core = core
        self.behind = behind
        self.ahead = ahead
        self.groups = core.groups
        self.groupindex = core.groupindex
        self.pattern = core.pattern

    def _ok(self, text: str, start: int, end: int) -> bool:
        if self.behind is not None:
            positive, rx = self.behind
            lo = max(0, start - WINDOW)
            if (rx.search(text[lo:start]) is not None) != positive:
                return False
        if self.ahead is not None:
            positive, rx = self.ahead
            if (rx.match(text, end) is not None) != positive:
                return False
        return True

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        stop = len(text) if endpos is None else endpos
        while pos <= stop:
            m = self.core.search(text, pos, stop)
            if m is None:
                return
            s, e = m.span()
            if self._ok(text, s, e):
                yield m
                pos = e if e > s else e + 1
            else:
                pos = s + 1  # a match rejected by a guard: try again one character on
        return

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        return next(self.finditer(text, pos, endpos), None)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        m = self.core.match(text, pos) if endpos is None else self.core.match(text, pos, endpos)
        return m if m is not None and self._ok(text, *m.span()) else None

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        m = self.core.fullmatch(text, pos) if endpos is None else self.core.fullmatch(text, pos, endpos)
        return m if m is not None and self._ok(text, *m.span()) else None

    def findall(self, text: str) -> list[Any]:
        return [m.group() if not self.groups else m.groups() for m in self.finditer(text)]


def compile_guarded(pattern: str, compile_re2: Callable[[str], Any]) -> Guarded | None:
    """A :class:`Guarded` for ``pattern`` if it has edge lookarounds and the rest is RE2, else None."""
    parts = split_edges(pattern)
    if parts is None:
        return None
    flags, core, behind, ahead = parts
    try:
        rx = compile_re2(flags + core)
        b = (behind[0], compile_re2(flags + "(?:" + behind[1] + r")\z")) if behind else None
        a = (ahead[0], compile_re2(flags + "(?:" + ahead[1] + ")")) if ahead else None
    except Exception:
        return None
    return Guarded(rx, b, a)
