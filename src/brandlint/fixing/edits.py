"""Applying edits to a text: whole fixes or none, in a deterministic order, never overlapping.

Findings only *describe* fixes (:class:`~brandlint.findings.Fix`: a tuple of
:class:`~brandlint.findings.Edit` in code-point offsets of the decoded file, BOM excluded).
Nothing outside the fixed spans ever changes: edits are applied by slicing the decoded text,
which keeps every original character (CRLF included) as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from ..fileio import convert_newlines
from ..findings import Edit, Finding, Fix

__all__ = ["adapt_newlines", "apply_edits"]


def _fix_of(item: Any) -> Fix | None:
    return item if isinstance(item, Fix) else getattr(item, "fix", None)


def _edits_valid(edits: Sequence[Edit], n: int) -> bool:
    prev_end = -1
    prev_start = -1
    for e in edits:
        if not (0 <= e.start <= e.end <= n):
            return False
        if e.start < prev_end or e.start == prev_start:  # a fix's own edits must not collide
            return False
        prev_start, prev_end = e.start, e.end
    return True


def _conflicts(a: Edit, b: Edit) -> bool:
    """Whether two edits cannot both be applied unambiguously.

    They conflict when their ranges overlap, or when they start at the same offset (two
    insertions there, or an insertion and a replacement: their order would be arbitrary).
    Touching ranges (one ends where the other starts) do not conflict.
    """
    if a.start == b.start:
        return True
    return a.start < b.end and b.start < a.end


def apply_edits(text: str, fixes: Iterable[Any]) -> tuple[str, list[Any], list[Any]]:
    """Apply non-overlapping fixes to ``text``; return ``(new_text, applied, skipped)``.

    ``fixes`` holds :class:`Fix` objects (or findings carrying one in ``.fix``; the returned
    lists then hold those findings). Edit offsets are code-point offsets into ``text``.

    Order is deterministic: by the fix's first edit start, then rule id (for findings), then
    input order. A fix is applied whole or not at all. A fix that overlaps one already taken, or
    whose edits are out of range or collide with each other, is returned in ``skipped`` (an
    overlapping one waits for the next pass). A fix whose edits equal those of a fix already
    taken counts as applied (two rules proposing the same change). A fix that would change
    nothing (each replacement equals the text it replaces) is in neither list.
    """
    n = len(text)
    items: list[tuple[tuple, Any, tuple[Edit, ...]]] = []
    skipped: list[Any] = []
    for i, item in enumerate(fixes):
        fix = _fix_of(item)
        if fix is None:
            continue
        edits = tuple(sorted(fix.edits, key=lambda e: (e.start, e.end)))
        if not edits or not _edits_valid(edits, n):
            skipped.append(item)
            continue
        if all(text[e.start : e.end] == e.replacement for e in edits):
            continue  # a no-op: nothing to apply, and applying it again would never end
        items.append(((edits[0].start, getattr(item, "rule_id", ""), i), item, edits))
    items.sort(key=lambda t: t[0])

    taken: list[Edit] = []  # accepted edits, in start order (kept sorted)
    taken_sets: set[tuple[Edit, ...]] = set()
    applied: list[Any] = []
    for _, item, edits in items:
        if edits in taken_sets:
            applied.append(item)
            continue
        if any(_conflicts(e, t) for e in edits for t in taken):
            skipped.append(item)
            continue
        taken.extend(edits)
        taken_sets.add(edits)
        applied.append(item)
    if not taken:
        return text, applied, skipped
    taken.sort(key=lambda e: (e.start, e.end))
    parts: list[str] = []
    pos = 0
    for e in taken:
        parts.append(text[pos : e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts), applied, skipped


def adapt_newlines(f: Finding, newline: str) -> Finding:
    """Give a fix's replacements the file's line-break style (CRLF files stay CRLF)."""
    fix = f.fix
    if fix is None or newline not in ("\r\n", "\r") or not any("\n" in e.replacement for e in fix.edits):
        return f
    edits = tuple(Edit(e.start, e.end, convert_newlines(e.replacement, newline)) for e in fix.edits)
    return replace(f, fix=Fix(edits, fix.applicability, fix.description))
