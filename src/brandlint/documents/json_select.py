"""JSON selectors: JSONPath-like patterns that choose which string values are prose, compiled
into one lazily built automaton per option set; and RFC 6901 JSON pointers.

    $            the root          $.a.b / $['a b']    a member     $.a[0], $.a[-1]  an element
    $.a.*, [*]   every child       $..description     any depth   $..*             every value

See :mod:`brandlint.documents.json_doc` for how documents use them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

__all__ = ["DEFAULT_PROSE", "Automaton", "Selector", "compile_selectors", "escape_token", "json_pointer", "plan"]

DEFAULT_PROSE = ("$..*",)


# --------------------------------------------------------------------------------------------
# JSON Pointer


def escape_token(key: str) -> str:
    """One JSON pointer reference token (``~`` → ``~0``, ``/`` → ``~1``)."""
    if "~" in key or "/" in key:
        return key.replace("~", "~0").replace("/", "~1")
    return key


def json_pointer(path: tuple[str | int, ...]) -> str:
    """RFC 6901 pointer of ``path``: ``("paths", "/repos", "get")`` → ``/paths/~1repos/get``."""
    return "".join("/" + (str(p) if isinstance(p, int) else escape_token(p)) for p in path)


# --------------------------------------------------------------------------------------------
# Selectors

# one step: (descendant, kind, value); kind is "key" (value: frozenset of names), "index"
# (value: frozenset of ints), "any" (any object member or array element) or "element" (any
# array element)
_Step = tuple[bool, str, Any]


class Selector:
    """Compiled JSONPath-like selectors (see :func:`compile_selectors`)."""

    def __init__(self, patterns: Sequence[str], steps: tuple[tuple[_Step, ...], ...]) -> None:
        self.patterns = tuple(patterns)
        self.steps = steps
        self._auto: Automaton | None = None

    def __repr__(self) -> str:
        return f"Selector({list(self.patterns)!r})"

    def __bool__(self) -> bool:
        return bool(self.steps)

    def matches(self, path: tuple[str | int, ...]) -> bool:
        """True when some pattern selects the value at ``path`` (keys are ``str``, indexes
        ``int``; ``()`` is the root)."""
        auto = self._auto
        if auto is None:
            auto = self._auto = Automaton((1, s) for s in self.steps)
        state = auto.initial
        for key in path:
            nxt = auto.trans[state].get(key)
            state = auto.step(state, key) if nxt is None else nxt
            if not auto.states[state]:
                return False
        return auto.kinds[state] == 1


def _match_step(step: _Step, key: str | int) -> bool:
    kind, value = step[1], step[2]
    if kind == "any":
        return True
    if kind == "key":
        return type(key) is str and key in value
    if kind == "element":
        return type(key) is int
    return type(key) is int and key in value  # "index"


_NAME_END = re.compile(r"[.\[]")
_BAD_NAME = re.compile(r"[\s\]'\"]")
_INT = re.compile(r"\s*(-?\d+)\s*")


def _parse_bracket(pattern: str, i: int) -> tuple[str, Any, int]:
    """Parse ``[...]`` starting at ``pattern[i] == '['``; return (kind, value, next index)."""
    j = i + 1
    n = len(pattern)
    while j < n and pattern[j] == " ":
        j += 1
    if pattern.startswith("*", j):
        j += 1
        while j < n and pattern[j] == " ":
            j += 1
        if not pattern.startswith("]", j):
            raise ValueError(f"invalid JSON selector {pattern!r}: expected ']' at {j}")
        return "element", None, j + 1
    names: list[str] = []
    indexes: list[int] = []
    while True:
        while j < n and pattern[j] == " ":
            j += 1
        if j >= n:
            raise ValueError(f"invalid JSON selector {pattern!r}: unclosed '['")
        c = pattern[j]
        if c in "'\"":
            j += 1
            buf: list[str] = []
            while True:
                if j >= n:
                    raise ValueError(f"invalid JSON selector {pattern!r}: unclosed quote")
                ch = pattern[j]
                if ch == "\\" and j + 1 < n:
                    buf.append(pattern[j + 1])
                    j += 2
                    continue
                if ch == c:
                    j += 1
                    break
                buf.append(ch)
                j += 1
            names.append("".join(buf))
        else:
            m = _INT.match(pattern, j)
            if not m:
                raise ValueError(f"invalid JSON selector {pattern!r}: expected '*', an index or a quoted key at {j}")
            idx = int(m.group(1))
            if idx < 0:
                raise ValueError(f"invalid JSON selector {pattern!r}: negative indexes are not supported")
            indexes.append(idx)
            j = m.end()
        while j < n and pattern[j] == " ":
            j += 1
        if pattern.startswith("]", j):
            j += 1
            break
        if not pattern.startswith(",", j):
            raise ValueError(f"invalid JSON selector {pattern!r}: expected ']' or ',' at {j}")
        j += 1
    if names and indexes:
        raise ValueError(f"invalid JSON selector {pattern!r}: mixes keys and indexes in one []")
    if names:
        return "key", frozenset(names), j
    return "index", frozenset(indexes), j


def _parse_selector(pattern: str) -> tuple[_Step, ...]:
    if not isinstance(pattern, str):
        raise ValueError(f"invalid JSON selector {pattern!r}: not a string")
    p = pattern.strip()
    if not p.startswith("$"):
        raise ValueError(f"invalid JSON selector {pattern!r}: must start with '$' (the root)")
    steps: list[_Step] = []
    i, n = 1, len(p)
    while i < n:
        desc = False
        if p.startswith("..", i):
            desc = True
            i += 2
            if i >= n:
                raise ValueError(f"invalid JSON selector {pattern!r}: '..' needs a name, '*' or []")
            if p[i] == "[":
                kind, value, i = _parse_bracket(p, i)
                steps.append((desc, kind, value))
                continue
        elif p[i] == ".":
            i += 1
        elif p[i] == "[":
            kind, value, i = _parse_bracket(p, i)
            steps.append((desc, kind, value))
            continue
        else:
            raise ValueError(f"invalid JSON selector {pattern!r}: unexpected {p[i]!r} at {i}")
        m = _NAME_END.search(p, i)
        end = m.start() if m else n
        name = p[i:end]
        if not name:
            raise ValueError(f"invalid JSON selector {pattern!r}: empty name at {i}")
        bad = _BAD_NAME.search(name)
        if bad:
            raise ValueError(f"invalid JSON selector {pattern!r}: {bad.group()!r} in a name; quote the key: ['...']")
        if name == "*":
            steps.append((desc, "any", None))
        else:
            steps.append((desc, "key", frozenset((name,))))
        i = end
    return tuple(steps)


def compile_selectors(patterns: Sequence[str]) -> Selector:
    """Compile JSONPath-like selectors.

    Syntax: ``$`` the root; ``.key`` or ``['key']`` / ``["key"]`` (any characters, ``\\``
    escapes the quote) a member; ``['a', 'b']`` either member; ``*`` any member or array
    element; ``[*]`` any array element; ``[0]`` / ``[0, 2]`` array indexes; ``..`` recursive
    descent before a name, ``*`` or ``[...]`` (``$..description``, ``$..*``). A selector selects
    the values at matching paths. Raises ``ValueError`` on a malformed pattern.
    """
    if isinstance(patterns, str):
        patterns = (patterns,)
    return Selector(tuple(patterns), tuple(_parse_selector(p) for p in patterns))


class Automaton:
    """A lazily built DFA over (label, steps) entries: state ids, per-state transition dicts.

    ``kinds[state]``: 0 nothing selected here, 1 prose, 2 markdown, 3 excluded (with its whole
    subtree). ``live[state]`` is False when nothing below can be selected (prune the subtree).
    """

    def __init__(self, entries) -> None:
        self.entries = tuple(entries)
        self.states: list[frozenset] = []
        self.ids: dict[frozenset, int] = {}
        self.trans: list[dict] = []
        self.kinds: list[int] = []
        self.live: list[bool] = []
        self._intern(frozenset())  # 0: dead
        self.initial = self._intern(frozenset((e, 0) for e in range(len(self.entries))))

    def _intern(self, fs: frozenset) -> int:
        sid = self.ids.get(fs)
        if sid is not None:
            return sid
        sid = len(self.states)
        self.ids[fs] = sid
        self.states.append(fs)
        self.trans.append({})
        labels = {self.entries[e][0] for (e, k) in fs if k == len(self.entries[e][1])}
        kind = 3 if 3 in labels else 2 if 2 in labels else 1 if 1 in labels else 0
        self.kinds.append(kind)
        self.live.append(bool(fs) and kind != 3)
        return sid

    def step(self, state: int, key: str | int) -> int:
        nxt = set()
        entries = self.entries
        for e, k in self.states[state]:
            steps = entries[e][1]
            if k < len(steps):
                st = steps[k]
                if st[0]:
                    nxt.add((e, k))
                if _match_step(st, key):
                    nxt.add((e, k + 1))
        sid = self._intern(frozenset(nxt))
        self.trans[state][key] = sid
        return sid


def _as_patterns(value: Any, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    try:
        out = tuple(value)
    except TypeError:
        raise ValueError(f"JSON option {name!r} must be a list of selectors") from None
    for p in out:
        if not isinstance(p, str):
            raise ValueError(f"JSON option {name!r} must be a list of selectors, got {p!r}")
    return out


@lru_cache(maxsize=64)
def _automaton(prose: tuple[str, ...], markdown: tuple[str, ...], exclude: tuple[str, ...]) -> Automaton:
    entries = []
    for label, pats in ((1, prose), (2, markdown), (3, exclude)):
        for steps in compile_selectors(pats).steps:
            entries.append((label, steps))
    return Automaton(entries)


def plan(options: Mapping[str, Any]) -> Automaton:
    options = options or {}
    if options.get("prose") is None:
        # "every string value": $..* does not select the root, so a top-level string is added
        prose: tuple[str, ...] = ("$",) + DEFAULT_PROSE
    else:
        prose = _as_patterns(options.get("prose"), "prose")
    return _automaton(
        prose, _as_patterns(options.get("markdown"), "markdown"), _as_patterns(options.get("exclude"), "exclude")
    )
