"""Small text helpers used across brandlint: counts in words, safe message templates.

A leaf module (imports nothing from brandlint), so every layer may use it.
"""

from __future__ import annotations

__all__ = ["SafeFormat", "fill", "plural", "plural_word"]

_IRREGULAR = {
    "info": "info",  # uncountable: "3 info", as in "1 error, 2 warnings, 3 info"
    "match": "matches",
    "entry": "entries",
    "index": "indexes",
    "process": "processes",
    "pass": "passes",
    "analysis": "analyses",
    "fix": "fixes",
}


def plural_word(word: str) -> str:
    """The plural of an English count noun as brandlint's messages use them."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    last = word.rsplit(" ", 1)[-1]
    if last in _IRREGULAR:
        return word[: len(word) - len(last)] + _IRREGULAR[last]
    if last.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def plural(n: int, word: str) -> str:
    """``"1 finding"``, ``"2 findings"``, ``"3 matches"``: a count with its noun."""
    return f"{n} {word if n == 1 else plural_word(word)}"


class SafeFormat(dict):
    """A ``str.format_map`` mapping that leaves unknown ``{placeholders}`` as they are."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, **values: object) -> str:
    """Fill a user-written message template; unknown placeholders stay as written."""
    return template.format_map(SafeFormat(values))
