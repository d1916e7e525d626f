"""User-written regular expressions, compiled with RE2 so no pattern can hang the linter.

RE2 runs in linear time (no backtracking); lookarounds and backreferences are rejected at
config-load time with a clear message instead of risking catastrophic backtracking.
"""

from __future__ import annotations

import functools

import re2

_OPTIONS = re2.Options()
_OPTIONS.max_mem = 256 << 20  # NOTES.md: below this, large alternations fall back to a slow NFA
_OPTIONS.log_errors = False


class PatternError(ValueError):
    pass


@functools.lru_cache(maxsize=4096)
def compile_pattern(pattern: str, ignorecase: bool = False):
    """Compile an RE2 pattern; raise :class:`PatternError` with RE2's reason if invalid."""
    src = ("(?i)" if ignorecase else "") + pattern
    try:
        return re2.compile(src, _OPTIONS)
    except Exception as exc:  # re2._re2.Error carries bytes
        reason = exc.args[0] if exc.args else str(exc)
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise PatternError(
            f"invalid regular expression {pattern!r}: {reason} "
            "(brandlint uses RE2 syntax: no lookarounds or backreferences)"
        ) from None


def check_pattern(pattern: str) -> str | None:
    """Return an error message for an invalid pattern, or None."""
    try:
        compile_pattern(pattern)
    except PatternError as exc:
        return str(exc)
    return None
