"""What is not prose inside a plain text value: URLs, placeholders and ICU message syntax.

JSON string values (UI strings, API descriptions) carry interpolation placeholders that must
never be linted as words: ``{USER}``, ``{{name}}``, ``%(name)s``, ``%s`` / ``%1$d`` and ICU
MessageFormat arguments such as ``{count, plural, one {# item} other {# items}}``. Their ranges
become the segment's ``masked`` ranges, like inline code and URLs in Markdown.

``[formats.json] ignore-patterns`` replaces :data:`DEFAULT_PLACEHOLDERS` (as
``[formats.markdown] ignore-patterns`` replaces Markdown's template patterns); URLs and ICU
arguments are always masked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .md_parser import compile_ignore, ignored_spans

__all__ = ["DEFAULT_PLACEHOLDERS", "icu_spans", "merge_spans", "url_spans", "value_masks"]

#: Interpolation placeholders masked in JSON prose by default.
DEFAULT_PLACEHOLDERS: tuple[str, ...] = (
    r"\{\{.*?\}\}",  # {{name}} (Handlebars, i18next, Vue)
    r"\{[A-Za-z_$][\w.$-]*\}",  # {USER}, {user.name}, {0}-style names
    r"\{\d+\}",  # {0}
    r"%\([\w.-]+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]",  # %(name)s
    r"%(?:\d+\$)?[-#0 +]*\d*(?:\.\d+)?[sdifuxXcp@]",  # %s, %1$d, %@
)

_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'`]+", re.I)
_URL_TRAIL = ".,;:!?*_'\""
_ICU_START = re.compile(
    r"\{\s*[\w.]+\s*,\s*(?:plural|select|selectordinal|number|date|time|spellout|ordinal|duration)\b"
)


def url_spans(text: str) -> list[tuple[int, int]]:
    """Bare URLs (``https://...``, ``www....``) without trailing punctuation, as in Markdown."""
    if "://" not in text and "www." not in text and "WWW." not in text:
        return []
    out: list[tuple[int, int]] = []
    for m in _URL.finditer(text):
        url = m.group(0).rstrip(_URL_TRAIL)
        while url.endswith(")") and url.count("(") < url.count(")"):
            url = url[:-1].rstrip(_URL_TRAIL)
        if url:
            out.append((m.start(), m.start() + len(url)))
    return out


def icu_spans(text: str) -> list[tuple[int, int]]:
    """ICU MessageFormat arguments ``{name, plural|select|number..., ...}``: balanced braces."""
    if "{" not in text:
        return []
    out: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = _ICU_START.search(text, pos)
        if m is None:
            return out
        depth, i = 0, m.start()
        while i < len(text):
            c = text[i]
            if c == "'" and i + 1 < len(text) and text[i + 1] in "{}":  # ICU quoting: '{' is a literal
                i += 2
                continue
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        end = min(i + 1, len(text))
        out.append((m.start(), end))
        pos = end


def merge_spans(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted, merged, non-empty spans."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(x for x in spans if x[1] > x[0]):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return tuple(out)


def compile_placeholders(patterns: Sequence[str] | None) -> tuple[Any, ...]:
    """The placeholder patterns in force: ``patterns`` (a user's ignore-patterns) or the defaults."""
    if patterns is None:
        return compile_ignore(DEFAULT_PLACEHOLDERS, True)
    return compile_ignore(tuple(patterns))


#: One search for any default placeholder: most values hold none, and then one scan is enough
#: (spans still come from each pattern on its own, see ``ignored_spans``).
_ANY_DEFAULT = re.compile("|".join(f"(?:{p})" for p in DEFAULT_PLACEHOLDERS))


def value_masks(text: str, placeholders: tuple[Any, ...], custom: bool = False) -> tuple[tuple[int, int], ...]:
    """Masked ranges of a plain string value: URLs, ICU arguments and placeholders.

    ``custom``: ``placeholders`` are a user's patterns (always run); the defaults all need a
    ``{`` or a ``%``, so values without either skip them.
    """
    spans = url_spans(text) + icu_spans(text)
    if placeholders and (custom or (("{" in text or "%" in text) and _ANY_DEFAULT.search(text))):
        spans += ignored_spans(text, placeholders)
    return merge_spans(spans) if spans else ()
