"""What linting one file produces: :class:`FileResult`, and the findings about a file itself.

A leaf module (it imports only :mod:`brandlint.findings`), so reporters, the cache, fixers and
plugins can name a result without importing the run pipeline. Re-exported by
:mod:`brandlint.pipeline` and :mod:`brandlint`.
"""

from __future__ import annotations

import errno
import os
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .findings import Finding, Position, Severity, Span

__all__ = [
    "BINARY_FILE",
    "ENCODING_ERROR",
    "INTERNAL_ERROR",
    "IO_ERROR",
    "LIMIT_EXCEEDED",
    "FileResult",
    "file_finding",
    "internal_error",
    "missing_file",
    "missing_reason",
    "no_format_note",
    "point",
    "take_tracebacks",
]

ENCODING_ERROR = "brandlint/encoding-error"
BINARY_FILE = "brandlint/binary-file"
IO_ERROR = "brandlint/io-error"
INTERNAL_ERROR = "brandlint/internal-error"
LIMIT_EXCEEDED = "brandlint/limit-exceeded"


@dataclass
class FileResult:
    """The findings of one file (active and suppressed), its word count and format."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    words: int = 0
    format: str = ""
    note: str = ""  # e.g. "skipped: unknown extension"

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if f.suppression is None]


def point(line: int = 1, column: int = 1, offset: int = 0, byte: int = 0) -> Span:
    """An empty span at one position (findings about a whole file, or a byte in it)."""
    p = Position(line, column, offset, byte)
    return Span(p, p)


def file_finding(rule_id: str, message: str, path: str, span: Span | None = None) -> Finding:
    """An error finding about the file itself (unreadable, undecodable, missing)."""
    return Finding(rule_id, Severity.ERROR, message, path, span or point(), scope="document")


def missing_file(path: str | Path) -> FileResult:
    """The result of a path that does not exist (named on the command line, or a broken link)."""
    return FileResult(str(path), [file_finding(IO_ERROR, missing_reason(path), str(path))])


def missing_reason(path: str | Path) -> str:
    """Why ``path`` cannot be opened: not found, a dangling symbolic link or a link loop."""
    p = Path(path)
    if not p.is_symlink():
        return "file not found"
    try:
        os.stat(p)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop: not linted; remove the link or point it at a file"
    try:
        target = os.readlink(p)
    except OSError:
        target = "?"
    return f"dangling symbolic link (to {target!r}, which does not exist): not linted"


def no_format_note(path: str | Path) -> str:
    return f"skipped: no format for extension {Path(path).suffix or '(none)'!r}"


def internal_error(
    where: str,
    exc: BaseException,
    path: str,
    span: Span | None = None,
    *,
    skipped: str = "the rest of the file was linted without it",
) -> Finding:
    """A bug met while linting one file (in a rule, a format, a plugin) as a finding for that
    file, so the run goes on. ``where`` names the rule id or the format. The traceback travels
    in ``data["traceback"]``: ``check -v`` prints it, reports drop it."""
    reason = (str(exc).strip().splitlines() or [""])[0]
    if len(reason) > 200:
        reason = reason[:197] + "..."
    message = (
        f"internal error in {where}: {type(exc).__name__}{': ' + reason if reason else ''} "
        f"({skipped}; -v shows the traceback; please report it)"
    )
    f = file_finding(INTERNAL_ERROR, message, path, span)
    f.data["traceback"] = "".join(traceback.format_exception(exc))
    return f


def take_tracebacks(results: Iterable[FileResult]) -> list[str]:
    """Remove the tracebacks internal errors carry (reports never show them); return them,
    each headed by the file and rule, for ``-v``."""
    out = []
    for r in results:
        for f in r.findings:
            tb = f.data.pop("traceback", None) if f.rule_id == INTERNAL_ERROR else None
            if tb:
                out.append(f"{f.path}: {f.message}\n{tb}")
    return out
