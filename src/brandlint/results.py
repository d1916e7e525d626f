"""What linting one file produces: :class:`FileResult`, and the findings about a file itself.

A leaf module (it imports only :mod:`brandlint.findings`), so reporters, the cache, fixers and
plugins can name a result without importing the run pipeline. Re-exported by
:mod:`brandlint.pipeline` and :mod:`brandlint`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .findings import Finding, Position, Severity, Span

__all__ = [
    "BINARY_FILE",
    "ENCODING_ERROR",
    "IO_ERROR",
    "FileResult",
    "file_finding",
    "missing_file",
    "no_format_note",
    "point",
]

ENCODING_ERROR = "brandlint/encoding-error"
BINARY_FILE = "brandlint/binary-file"
IO_ERROR = "brandlint/io-error"


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
    """The result of a path named on the command line that does not exist."""
    return FileResult(str(path), [file_finding(IO_ERROR, "file not found", str(path))])


def no_format_note(path: str | Path) -> str:
    return f"skipped: no format for extension {Path(path).suffix or '(none)'!r}"
