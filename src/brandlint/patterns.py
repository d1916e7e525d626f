"""User-written regular expressions, compiled with RE2 so no pattern can hang the linter.

RE2 runs in linear time (no backtracking); lookarounds and backreferences are rejected at
config-load time with a clear message instead of risking catastrophic backtracking.

:func:`user_pattern` is the one entry point for every pattern a user writes (rule options,
``ignore-patterns``, vocabulary entries): it compiles on RE2 or raises a
:class:`~brandlint.errors.ConfigError` naming the file, the line, the key and the pattern.
"""

from __future__ import annotations

import functools
from typing import Any

import re2

from .errors import ConfigError
from .guards import compile_guarded

_OPTIONS = re2.Options()
_OPTIONS.max_mem = 256 << 20  # NOTES.md: below this, large alternations fall back to a slow NFA
_OPTIONS.log_errors = False

__all__ = ["PatternError", "check_pattern", "compile_pattern", "user_pattern"]


class PatternError(ValueError):
    pass


@functools.lru_cache(maxsize=4096)
def compile_pattern(pattern: str, ignorecase: bool = False) -> Any:
    """Compile an RE2 pattern; raise :class:`PatternError` with RE2's reason if invalid."""
    src = ("(?i)" if ignorecase else "") + pattern
    try:
        return re2.compile(src, _OPTIONS)
    except Exception as exc:  # re2._re2.Error carries bytes
        guarded = compile_guarded(src, lambda p: re2.compile(p, _OPTIONS))
        if guarded is not None:  # lookarounds at the pattern's edges only: run as checks (guards.py)
            return guarded
        reason = exc.args[0] if exc.args else str(exc)
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise PatternError(
            f"invalid regular expression {pattern!r}: {reason} "
            "(brandlint uses RE2 syntax: no backreferences, and lookarounds only at the start "
            "(lookbehind) or end (lookahead) of a pattern)"
        ) from None


def user_pattern(pattern: str, *, ignorecase: bool = False, path: str = "", key: str = "", line: int = 0) -> Any:
    """Compile a pattern the user wrote, on RE2; a ConfigError naming file, line, key and pattern.

    ``path`` is the file the pattern came from (a rule file, ``brandlint.toml``, a vocabulary
    list), ``key`` the key path in it (``"patterns[2]"``, ``"formats.markdown.ignore-patterns[0]"``)
    or, for a word list, the entry's description, and ``line`` its 1-based line (0: unknown).
    """
    if not isinstance(pattern, str):
        raise ConfigError(f"expected an RE2 pattern (a string), got {pattern!r}", path=path, line=line, key=key)
    try:
        return compile_pattern(pattern, ignorecase)
    except PatternError as exc:
        raise ConfigError(str(exc), path=path, line=line, key=key) from None


def check_pattern(pattern: str) -> str | None:
    """Return an error message for an invalid pattern, or None."""
    try:
        compile_pattern(pattern)
    except PatternError as exc:
        return str(exc)
    return None


class PatternSet:
    """Many compiled patterns searched at once: which of them match somewhere in a text.

    One RE2 set (a single pass over the text) replaces one search per pattern; rules then run
    their own ``finditer`` only on the texts their patterns match (see
    ``Rule.set_patterns``). Patterns are added with the flags they were compiled with.
    If RE2 cannot build or run the set (memory), every pattern counts as matching, so callers
    fall back to searching with each pattern: never a lost match.
    """

    #: patterns per RE2 set (smaller sets keep each DFA small)
    CHUNK = 64

    def __init__(self, regexes: list) -> None:
        self.size = len(regexes)
        self._sets: list[tuple[int, object]] = []
        self._all = frozenset(range(self.size))
        for base in range(0, self.size, self.CHUNK):
            st = re2.Set.SearchSet(_OPTIONS)
            try:
                for rx in regexes[base : base + self.CHUNK]:
                    st.Add(rx.pattern)
                st.Compile()
            except Exception:
                self._sets = []
                self._broken = True
                return
            self._sets.append((base, st))
        self._broken = not self._sets and self.size > 0

    def matching(self, text: str) -> frozenset[int]:
        """Indices of the patterns that match somewhere in ``text``."""
        if self._broken:
            return self._all
        encoded = text.encode("utf-8")
        out: set[int] = set()
        for base, st in self._sets:
            hits = st.Match(encoded)  # type: ignore[attr-defined]
            if hits:
                out.update(base + i for i in hits)
        return frozenset(out)
