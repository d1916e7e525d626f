"""A brand vocabulary in Vale's *Vocab* form: ``accept.txt`` and ``reject.txt``, one entry a line.

An entry is a word, a phrase or a regular expression (RE2), case-sensitive unless it starts with
``(?i)``; ``#`` starts a comment line. Accepted entries are never spelling errors and their exact
form is the brand's spelling (``vocab/terms`` flags other casings, as Vale's ``Vale.Terms``);
rejected entries are always flagged (``vocab/avoid``, as ``Vale.Avoid``, and by ``spelling``).

A vocabulary is a folder holding either file (Vale's ``config/vocabularies/NAME``), given by
the config's ``vocab`` key or a spelling rule's ``vocab`` option.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..patterns import compile_pattern

_META = re.compile(r"[\\\[\](){}|?*+^$.]")


def is_literal(entry: str) -> bool:
    """Whether an entry is a plain word or phrase (no regular-expression syntax)."""
    return not _META.search(entry)


def read_entries(path: Path) -> list[tuple[int, str]]:
    """(line number, entry) of each non-blank, non-comment line of a vocabulary file."""
    out = []
    for n, line in enumerate(path.read_text("utf-8-sig").splitlines(), 1):
        entry = line.strip()
        if entry and not entry.startswith("#"):
            out.append((n, entry))
    return out


@dataclass
class WordSet:
    """Entries of one list: literal words (a set), literal phrases and patterns (one RE2 each)."""

    words: frozenset[str]
    lower_words: frozenset[str]  # words given with (?i)
    folded: frozenset[str]  # every literal word, lower-cased
    full: Any  # RE2 matching a whole token against the regex entries, or None
    phrases: Any  # RE2 finding multi-word entries in text, or None
    entries: tuple[str, ...]

    def has_any_case(self, token: str) -> bool:
        return token.lower() in self.folded or self.has(token)

    def has(self, token: str) -> bool:
        if token in self.words or token.lower() in self.lower_words:
            return True
        return self.full is not None and self.full.fullmatch(token) is not None

    def spans(self, text: str) -> list[tuple[int, int]]:
        if self.phrases is None:
            return []
        return [m.span() for m in self.phrases.finditer(text) if m.end() > m.start()]


def build_wordset(entries: list[tuple[str, str, int]]) -> WordSet:
    """``entries``: (entry, file, line); a bad pattern is a ConfigError naming the file and line."""
    words: set[str] = set()
    lower: set[str] = set()
    regexes: list[str] = []
    phrases: list[str] = []
    for entry, path, line in entries:
        body, ic = (entry[4:], True) if entry.startswith("(?i)") else (entry, False)
        try:
            compile_pattern(body)
        except ValueError as exc:
            raise ConfigError(str(exc), path=path, line=line, hint="one word, phrase or RE2 pattern a line") from None
        if " " in body.strip():
            phrases.append(("(?i)" if ic else "") + (re.escape(body) if is_literal(body) else body))
        elif is_literal(body):
            (lower if ic else words).add(body.lower() if ic else body)
        else:
            regexes.append(f"(?i:{body})" if ic else f"(?:{body})")
    full = compile_pattern("|".join(regexes)) if regexes else None
    phr = compile_pattern(r"\b(?:" + "|".join(f"(?:{p})" for p in phrases) + r")\b") if phrases else None
    folded = frozenset(w.lower() for w in words) | frozenset(lower)
    return WordSet(frozenset(words), frozenset(lower), folded, full, phr, tuple(e for e, _, _ in entries))


@dataclass
class Vocab:
    accept: WordSet
    reject: WordSet
    folders: tuple[str, ...]


@functools.lru_cache(maxsize=64)
def _load(folders: tuple[str, ...], stamps: tuple) -> Vocab:
    lists: dict[str, list[tuple[str, str, int]]] = {"accept": [], "reject": []}
    for folder in folders:
        for name in lists:
            path = Path(folder) / f"{name}.txt"
            if path.is_file():
                lists[name].extend((e, str(path), n) for n, e in read_entries(path))
    return Vocab(build_wordset(lists["accept"]), build_wordset(lists["reject"]), folders)


def load_vocab(folders: list[str] | tuple[str, ...]) -> Vocab:
    """The merged vocabulary of ``folders`` (cached until a file changes)."""
    stamps = []
    for folder in folders:
        if not Path(folder).is_dir():
            raise ConfigError(
                f"vocabulary folder not found: {folder}", hint="give a folder with accept.txt and/or reject.txt"
            )
        for name in ("accept.txt", "reject.txt"):
            p = Path(folder) / name
            stamps.append(p.stat().st_mtime_ns if p.exists() else 0)
    return _load(tuple(str(f) for f in folders), tuple(stamps))
