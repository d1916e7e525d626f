"""Spelling suggestions from an expanded Hunspell word list (computed only for misspellings)."""

from __future__ import annotations

import difflib

from .hunspell import Wordlist

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def suggest(wl: Wordlist, word: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` dictionary words close to ``word`` (only called for misspellings).

    Candidates, best kind first: the .aff file's ``REP`` replacements, two neighbours swapped, a
    letter replaced, deleted or inserted (letters from ``TRY``); failing those, similar words of
    about the same length and first letter; a split into two words comes last. Within a kind,
    the more similar word (``difflib`` ratio) first.
    """
    if limit <= 0 or not word:
        return []
    low = word.lower()
    letters = "".join(dict.fromkeys((wl.try_chars or _LETTERS).lower() + _LETTERS))
    cands: dict[str, int] = {}

    def add(c: str, rank: int) -> None:
        if c != low and cands.get(c, 99) > rank:
            cands[c] = rank

    for a, b in wl.rep:
        i = low.find(a)
        while i != -1:
            add(low[:i] + b + low[i + len(a) :], 0)
            i = low.find(a, i + 1)
    for i in range(len(low)):
        left, right = low[:i], low[i:]
        if len(right) > 1:
            add(left + right[1] + right[0] + right[2:], 1)
        for c in letters:
            add(left + c + right[1:], 2)
            add(left + c + right, 3)
        add(left + right[1:], 3)
        if len(left) > 1 and len(right) > 1:
            add(left + " " + right, 5)
    for c in letters:
        add(low + c, 3)
    found: dict[str, int] = {}
    for c, rank in cands.items():
        for penalty, form in ((0, c), (10, c.capitalize())):  # a proper noun only after common words
            if all(p in wl.words and p not in wl.nosuggest for p in form.split(" ")):
                found.setdefault(form, rank + (0 if word[:1].isupper() else penalty))
                break
    if not any(r < 5 for r in found.values()):  # nothing one edit away: words sharing most letter pairs
        grams = _bigrams(low)
        scored = []
        for n in range(len(low) - 2, len(low) + 3):
            for w in _by_shape(wl).get((low[:1], n), ()):
                shared = len(grams & _bigrams(w))
                if shared * 4 >= 3 * max(len(grams), 1):
                    scored.append((-shared, w))
        for _, w in sorted(scored)[: limit * 3]:
            if w not in wl.nosuggest:
                found.setdefault(w, 4)
    ranked = sorted(found, key=lambda c: (found[c], -difflib.SequenceMatcher(None, low, c.lower()).ratio(), c))
    out = []
    for c in ranked[:limit]:
        if word[:1].isupper() and c[:1].islower():
            c = c[:1].upper() + c[1:]
        out.append(c)
    return out


def _bigrams(word: str) -> set[str]:
    return {word[i : i + 2] for i in range(len(word) - 1)}


_SHAPES: dict[int, dict[tuple[str, int], list[str]]] = {}


def _by_shape(wl: Wordlist) -> dict[tuple[str, int], list[str]]:
    """Lower-case words by (first letter, length), built once per word list on first use."""
    table = _SHAPES.get(id(wl))
    if table is None:
        table = {}
        for w in wl.words:
            if w.islower():
                table.setdefault((w[:1], len(w)), []).append(w)
        _SHAPES[id(wl)] = table
    return table
