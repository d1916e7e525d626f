"""Baselines: record today's findings, then report only new ones (adopting brandlint on an
existing repository).

A finding is identified by a *position-independent fingerprint*: the file's path (relative to
the baseline file's directory), the rule id, the matched text, the source line's text with
whitespace collapsed, and which occurrence of that same combination it is in the file. Line
and column numbers are not part of it, so findings on lines that moved (text inserted above,
paragraphs reordered) still match. Matching counts: if the baseline holds a combination twice
and the file now has it three times, one is reported as new.

Lines longer than 500 characters (minified JSON, long JSONL records) change whenever anything
in them changes; for findings in JSON strings on such lines the JSON pointer, with array indices
replaced by ``*``, stands in for the line text.

The file is JSON, sorted by path and line so that it diffs well in review::

    {"brandlint-baseline": 1, "version": "0.1.0",
     "findings": [{"fingerprint": "…", "path": "docs/a.md", "rule": "p/r", "matched": "…",
                   "line": 3, "message": "…"}]}

Only ``fingerprint`` is used for matching; the other keys are there for people reading it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path, PurePath

from .errors import BrandlintError
from .fileio import write_atomic
from .findings import Finding, Suppression

FORMAT_VERSION = 1
LONG_LINE = 500
_INDEX = re.compile(r"/\d+(?=/|$)")


def normalize_text(text: str) -> str:
    """Whitespace-insensitive form of a line: runs of whitespace become one space, ends trimmed."""
    return " ".join(text.split())


def normalize_path(path: str, base: Path | None = None) -> str:
    """A finding's path as a relative, forward-slash path.

    Relative to ``base`` when given (the baseline file's directory), else relative to the
    current directory when the path is inside it; paths elsewhere stay absolute.
    """
    if base is not None:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base))
        return PurePath(rel).as_posix()
    p = PurePath(path)
    if p.is_absolute():
        try:
            p = p.relative_to(os.getcwd())
        except ValueError:
            return p.as_posix()
    return p.as_posix()


def _context(f: Finding) -> str:
    line = f.line_text
    if f.json_pointer is not None and len(line) > LONG_LINE:
        return "pointer:" + _INDEX.sub("/*", f.json_pointer)
    return normalize_text(line)


def fingerprint_keys(findings: Iterable[Finding], base: Path | None = None) -> list[tuple[str, ...]]:
    """The identity of each finding, in order: (path, rule, matched, line, occurrence)."""
    seen: Counter = Counter()
    keys: list[tuple[str, ...]] = []
    for f in findings:
        key = (normalize_path(f.path, base), f.rule_id, normalize_text(f.matched), _context(f))
        keys.append(key + (str(seen[key]),))
        seen[key] += 1
    return keys


def fingerprint(key: tuple[str, ...]) -> str:
    return hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()[:32]


def fingerprints(findings: Iterable[Finding], base: Path | None = None) -> list[str]:
    """Position-independent fingerprints (32 hex digits), one per finding, in order."""
    return [fingerprint(k) for k in fingerprint_keys(findings, base)]


def _active(results) -> list[Finding]:
    return [f for r in results for f in r.findings if f.suppression is None]


def write_baseline(path: str | Path, results, version: str = "") -> int:
    """Record every active finding of ``results`` in ``path`` (written atomically)."""
    path = Path(path)
    base = path.resolve().parent
    findings = _active(results)
    rows = []
    for f, fp in zip(findings, fingerprints(findings, base)):
        rows.append(
            {
                "fingerprint": fp,
                "path": normalize_path(f.path, base),
                "rule": f.rule_id,
                "matched": f.matched,
                "line": f.span.start.line,
                "message": f.message,
            }
        )
    rows.sort(key=lambda r: (r["path"], r["line"], r["rule"], r["fingerprint"]))
    data = {"brandlint-baseline": FORMAT_VERSION, "version": version, "findings": rows}
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        write_atomic(path, text.encode("utf-8"), make_parents=True)
    except OSError as exc:
        raise BrandlintError(f"cannot write baseline {path}: {exc.strerror or exc}") from None
    return len(rows)


def load_baseline(path: str | Path) -> Counter:
    """The fingerprints recorded in a baseline file, with how often each occurs."""
    path = Path(path)
    redo = f"regenerate it with `brandlint check --write-baseline {path}`"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BrandlintError(
            f"baseline file not found: {path} (create it with `brandlint check --write-baseline {path}`)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BrandlintError(f"cannot read baseline {path}: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BrandlintError(f"{path}:{exc.lineno}:{exc.colno}: invalid baseline JSON ({exc.msg}); {redo}") from None
    if not isinstance(data, dict) or data.get("brandlint-baseline") != FORMAT_VERSION:
        raise BrandlintError(
            f"{path}: not a brandlint baseline (expected a JSON object with "
            f'"brandlint-baseline": {FORMAT_VERSION}); {redo}'
        )
    rows = data.get("findings")
    if not isinstance(rows, list):
        raise BrandlintError(f'{path}: "findings" must be a list; {redo}')
    counts: Counter = Counter()
    for i, row in enumerate(rows):
        fp = row.get("fingerprint") if isinstance(row, dict) else None
        if not isinstance(fp, str) or not fp:
            raise BrandlintError(f'{path}: findings[{i}] has no "fingerprint" string; {redo}')
        counts[fp] += 1
    return counts


def apply_baseline(results, path: str | Path, counts: Counter | None = None) -> int:
    """Mark findings recorded in the baseline as suppressed (kind ``"baseline"``).

    Returns how many were matched. Only the findings that are not in the baseline stay active.
    """
    path = Path(path)
    left = Counter(load_baseline(path) if counts is None else counts)
    base = path.resolve().parent
    findings = _active(results)
    reason = f"in baseline {path.as_posix()}"
    matched = 0
    for f, fp in zip(findings, fingerprints(findings, base)):
        if left[fp] > 0:
            left[fp] -= 1
            f.suppression = Suppression("baseline", reason)
            matched += 1
    return matched
