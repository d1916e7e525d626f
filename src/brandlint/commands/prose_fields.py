"""Which JSON fields hold prose: what ``brandlint init`` writes as ``[formats.json] prose``.

Every string value is grouped by the name of the member that holds it (array elements by the
member holding the array), and a field is prose when most of its values read like sentences:

* at least two words, most of them starting with a letter, and letters in most of the text;
* not a URL, a path, an e-mail address, a JSON reference, an identifier (one token such as
  ``snake_case``, ``camelCase``, ``kebab-case``, ``UPPER``), a number, a key or a hash;
* and a field needs at least two such values.

Fields that are never prose whatever their values look like: ``$ref`` and other ``$``-keywords,
ids, URLs, types and formats, enum values (``enum``, ``const``, ``required``, ``default``), and
fields whose values repeat (fewer than a quarter distinct over 8 or more values: labels, enums).
Object keys are never prose (brandlint never lints keys).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["FieldStats", "detect_prose_fields", "looks_like_prose", "selectors"]

NEVER_PROSE = frozenset(
    {
        "id",
        "ids",
        "uuid",
        "key",
        "url",
        "uri",
        "href",
        "link",
        "src",
        "path",
        "type",
        "format",
        "pattern",
        "enum",
        "const",
        "required",
        "default",
        "operationid",
        "schema",
        "mediatype",
        "encoding",
        "version",
        "slug",
        "email",
        "date",
        "lang",
        "language",
        "locale",
        "color",
        "icon",
        "regex",
    }
)
_ID_SUFFIXES = ("_id", "-id", "Id", "_ids", "Ids", "_url", "Url", "_uri", "Uri", "_at", "_key")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://|^(?:mailto|urn|data):|^www\.", re.I)
_REF = re.compile(r"^#/|^\.{0,2}/[\w./-]*$|^[\w.-]+\.(?:json|ya?ml|md|html?)(?:#.*)?$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_PUNCT = ".,;:!?\"'()[]`*>#-–—…"
MIN_FRACTION = 0.6
MIN_PROSE_STRINGS = 2


def looks_like_prose(text: str) -> bool:
    """Whether one string value reads like words for people (see the module doc)."""
    s = text.strip()
    if not s or _URL.match(s) or _REF.match(s) or "@" in s and " " not in s:
        return False
    tokens = s.split()
    if len(tokens) < 2 or s.startswith("-----BEGIN"):
        return False  # one token: an identifier, a code, a single label; or a key
    if any(len(t) >= 25 and "/" not in t for t in tokens):
        return False  # keys, hashes, base64
    wordy = sum(1 for t in tokens if _WORD.fullmatch(t.strip(_PUNCT)))
    letters = sum(c.isalpha() for c in s)
    return wordy >= 0.6 * len(tokens) and letters >= 0.5 * len(s)


def _never(name: str) -> bool:
    return name.startswith("$") or name.lower() in NEVER_PROSE or name.endswith(_ID_SUFFIXES)


@dataclass
class FieldStats:
    strings: int = 0
    prose: int = 0
    words: int = 0
    values: Counter = field(default_factory=Counter)
    files: set[str] = field(default_factory=set)

    @property
    def fraction(self) -> float:
        return self.prose / self.strings if self.strings else 0.0

    def is_prose(self, name: str) -> bool:
        if _never(name) or self.fraction < MIN_FRACTION or self.prose < MIN_PROSE_STRINGS:
            return False
        distinct = len(self.values)
        return not (self.strings >= 8 and distinct < 0.25 * self.strings)


def _strings(value: Any, holder: str | None) -> Iterator[tuple[str, str]]:
    """(member name, string) for every string value; array elements carry the array's member."""
    if isinstance(value, str):
        if holder is not None:
            yield holder, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, holder)


def _documents(path: Path) -> Iterator[Any]:
    if path.suffix in (".jsonl", ".ndjson"):
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.strip():
                    try:
                        yield json.loads(line)
                    except ValueError:
                        continue
        return
    try:
        yield json.loads(path.read_text("utf-8", "replace"))
    except ValueError:
        return  # not valid JSON: `check` reports it


def detect_prose_fields(files: Iterable[Path]) -> dict[str, FieldStats]:
    """Statistics per member name over every string value of ``files`` (JSON and JSONL)."""
    stats: dict[str, FieldStats] = {}
    for path in files:
        for doc in _documents(path):
            for name, text in _strings(doc, None):
                st = stats.get(name)
                if st is None:
                    st = stats[name] = FieldStats()
                st.strings += 1
                st.files.add(str(path))
                if len(st.values) < 10_000:
                    st.values[text] += 1
                if looks_like_prose(text):
                    st.prose += 1
                    st.words += len(text.split())
    return stats


def selectors(stats: dict[str, FieldStats]) -> list[tuple[str, FieldStats]]:
    """``$..name`` selectors of the prose fields, most prose words first."""
    chosen = [(name, st) for name, st in stats.items() if st.is_prose(name)]
    chosen.sort(key=lambda kv: (-kv[1].words, kv[0]))
    return [(_selector(name), st) for name, st in chosen]


def _selector(name: str) -> str:
    if re.fullmatch(r"[A-Za-z_][\w-]*", name):
        return f"$..{name}"
    return "$..[" + json.dumps(name).replace('"', "'") + "]"
