"""Linting records one by one: :func:`lint_records` (a stream of records in, a stream of
results out, in constant memory) and :class:`RecordLinter`, what it, ``brandlint filter`` and
cluster runners use to lint JSONL lines with the positions they have in the whole file.

A record linted here gets exactly the findings ``check`` gives it in a JSONL file: the same
format options (selectors), rule set (by ``path``), suppressions (inline directives and
``pointer-ignores``) and file positions (see :mod:`brandlint.documents.jsonl_lines`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config.settings import Settings, load_settings
from ..documents.base import Document, LineIndex, Run, Segment
from ..documents.jsonl_lines import LineBases, walk_lines
from ..findings import Finding, Severity
from ..plugins.protocols import RecordFormat
from .lint_one import engine_for

__all__ = ["RecordLinter", "RecordResult", "RecordTimings", "lint_records", "record_bytes"]


@dataclass
class RecordResult:
    """One record's findings (active and suppressed): ``record`` is its 0-based number (blank
    lines are no records), ``line`` its 1-based line, ``raw`` its bytes as read (line break
    included; a file's leading BOM not)."""

    record: int
    line: int
    raw: bytes
    findings: list[Finding]
    words: int

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if f.suppression is None]

    def fails(self, severity: Severity) -> bool:
        """Whether an active finding is at least ``severity`` (``filter`` rejects the record)."""
        return any(f.severity >= severity for f in self.findings if f.suppression is None)


@dataclass
class RecordTimings:
    """Seconds spent parsing records into documents and running rules on them."""

    parse: float = 0.0
    rules: float = 0.0
    records: int = 0
    words: int = 0
    by_rule: dict[str, int] = field(default_factory=dict)


class RecordLinter:
    """Lints JSONL lines with one rule set: settings, engine and models are loaded once.

    ``path`` is the file the records belong to (its rule set and overrides), ``shown`` the
    findings' ``path`` (default: ``path``); ``format`` a
    :class:`~brandlint.plugins.protocols.RecordFormat` by name.
    """

    def __init__(
        self, settings: Settings, path: str | Path, *, format: str = "jsonl", shown: str | None = None
    ) -> None:
        fmt = settings.registry.formats.get(format)
        if fmt is None or not isinstance(fmt, RecordFormat):
            choices = sorted(n for n, f in settings.registry.formats.items() if isinstance(f, RecordFormat))
            raise ValueError(
                f"records are linted in a record format (one record per line): one of {', '.join(choices)}"
            )
        self.settings = settings
        self.path = str(path)
        self.shown = shown if shown is not None else self.path
        self.format = fmt
        self.engine = engine_for(settings, self.path)
        self._parse = fmt.record_parser(settings.format_options(fmt.name), self.shown)
        self.timings = RecordTimings()

    def lint_lines(
        self, raw_lines: Iterable[bytes], bases: LineBases | None = None, *, file_start: bool = True
    ) -> Iterator[RecordResult]:
        """Lint raw lines (bytes with their line breaks) placed from ``bases`` (default: a file's
        start); blank lines are skipped."""
        t = self.timings
        clock = time.perf_counter
        for item in walk_lines(raw_lines, bases, file_start=file_start):
            if item.record is None:
                continue
            t0 = clock()
            doc = self._parse(item)
            t1 = clock()
            findings = self.engine.check(doc, self.settings)
            t.rules += clock() - t1
            t.parse += t1 - t0
            words = doc.words()
            t.records += 1
            t.words += words
            yield RecordResult(item.record, item.line + 1, item.raw, findings, words)

    def warm_up(self) -> None:
        """Load what the rules need (spaCy, ONNX models) now rather than on the first record:
        every rule checks one made-up sentence (whatever the format's selectors are)."""
        text = "A warm-up sentence was written by the team, and it is utilized once."
        n = len(text)
        seg = Segment(text=text, runs=(Run(0, n, 0, n),), scopes=("json",), pointer="/text")
        doc = Document(path=self.shown, format=self.format.name, source=text, segments=[seg], index=LineIndex(text))
        self.engine.check(doc, self.settings)


def record_bytes(record: Any) -> bytes:
    """One record as a JSONL line: a dict (or list) is serialised as ``json.dumps`` writes it
    (``ensure_ascii=False``); a ``str`` or ``bytes`` line is taken as it is. A line break is
    added when missing."""
    if isinstance(record, bytes):
        raw = record
    elif isinstance(record, str):
        raw = record.encode("utf-8", "surrogatepass")
    elif isinstance(record, (dict, list)):
        raw = json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")
    else:
        raise TypeError(f"a record is a dict, a JSON line (str) or bytes, not {type(record).__name__}")
    return raw if raw.endswith(b"\n") else raw + b"\n"


def _lines(records: Iterable[Any]) -> Iterator[bytes]:
    for r in records:
        raw = record_bytes(r)
        if b"\n" in raw[:-1]:  # several lines given as one, as a file has them: one record each
            parts = raw.split(b"\n")
            for p in parts[:-1]:
                yield p + b"\n"
        else:
            yield raw


def lint_records(
    records: Iterable[Any],
    *,
    format: str = "jsonl",
    config: str | Path | None = None,
    path: str | Path | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    settings: dict[str, Any] | None = None,
) -> Iterator[RecordResult]:
    """Lint a stream of records; yields one :class:`RecordResult` per record, in order, in
    constant memory (a record is read, linted and handed out before the next is read).

    ``records``: dicts, JSON lines (``str``) or raw lines (``bytes``, e.g. a file opened in
    binary), one record each, placed as consecutive lines of a JSONL file named ``path``
    (default ``<records>.jsonl``: the rule set and findings' path). ``config``: a config file
    (default: none, the default packs); ``settings``: config keys that override it. The
    findings equal those ``brandlint check`` reports for the same lines in a file.
    """
    cfg = Path(config) if config else None
    st = load_settings(cfg, select=tuple(select), ignore=tuple(ignore), overrides=settings)
    linter = RecordLinter(st, path or "<records>.jsonl", format=format)
    yield from linter.lint_lines(_lines(records))
