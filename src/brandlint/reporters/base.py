"""What every reporter receives: results and run facts, never files to re-parse.

Also the small helpers the machine-readable reporters share: which findings to show, paths as
CI systems want them, and positions of fix edits.
"""

from __future__ import annotations

import importlib.metadata as md
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..findings import Edit, Finding, Severity
from ..rules.base import Rule


@dataclass
class ReportContext:
    version: str = ""
    rules: dict[str, Rule] = field(default_factory=dict)  # rule id -> Rule (for docs in SARIF etc.)
    show_suppressed: bool = False
    statistics: bool = False
    color: bool = False
    fail_on: Severity | None = None
    quiet: bool = False  # findings only: no summary or score lines
    baseline: str | None = None  # the --baseline file, when one was applied
    root: str | None = None  # the project root: the config file's directory (else the working directory)


HOMEPAGE = "https://pypi.org/project/brandlint/"


def homepage() -> str:
    """The project's URL from the installed package's metadata (fallback: its PyPI page)."""
    try:
        meta = md.metadata("brandlint")
        for entry in meta.get_all("Project-URL") or ():
            label, _, url = entry.partition(",")
            if label.strip().lower() in ("homepage", "home", "source", "repository") and url.strip():
                return url.strip()
        home = meta["Home-page"] if "Home-page" in meta else None
        if home:
            return home
    except Exception:  # metadata missing (running from a source tree): use the fallback
        pass
    return HOMEPAGE


def visible(results, ctx: ReportContext) -> Iterator[Finding]:
    """Active findings, plus suppressed ones when ``--show-suppressed`` asked for them."""
    for r in results:
        for f in r.findings:
            if f.suppression is None or ctx.show_suppressed:
                yield f


def active(results) -> Iterator[Finding]:
    for r in results:
        for f in r.findings:
            if f.suppression is None:
                yield f


def edit_location(f: Finding, edit: Edit) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(line, column) of an edit's start and end (1-based code-point columns), when known.

    Edits carry file offsets only; their lines and columns are derived from the finding: exact
    when the edit is the finding's span or lies on the finding's first line, else ``None``.
    """
    s, e = f.span.start, f.span.end
    if edit.start == s.offset and edit.end == e.offset:
        return (s.line, s.column), (e.line, e.column)
    line_start = s.offset - (s.column - 1)
    line_end = line_start + len(f.line_text)
    if f.line_text and line_start <= edit.start <= edit.end <= line_end:
        return (s.line, edit.start - line_start + 1), (s.line, edit.end - line_start + 1)
    return None


def byte_column(line_text: str, column: int) -> int:
    """A 1-based code-point column as a 1-based UTF-8 byte column on the same line."""
    return len(line_text[: column - 1].encode("utf-8")) + 1


def utf16_column(line_text: str, column: int) -> int:
    """A 1-based code-point column as a 1-based UTF-16 code-unit column on the same line.

    Each character outside the Basic Multilingual Plane (most emoji) before the column counts
    two units. ``line_text`` is the finding's own copy of the line (reporters never re-read files).
    """
    return column + sum(1 for ch in line_text[: column - 1] if ord(ch) > 0xFFFF)
