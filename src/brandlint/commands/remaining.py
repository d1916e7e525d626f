"""The one printer of "what remains": findings through the chosen reporter, after `check`,
`fix`, `check --fix` and plugins' commands.

Reporters honour ``quiet`` themselves (findings only, no summary or score lines); this module
picks the reporter, builds its context, and sends the report to stdout or a file (the console
then gets the text summary).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..config.settings import Settings
from ..errors import BrandlintError
from ..findings import Severity
from ..plugins.builtin_reporters import BUILTIN_FORMATS
from ..plugins.protocols import Reporter
from ..reporters.base import ReportContext
from ..reporters.text import score_line, statistics, statistics_rows, summary
from ..results import FileResult, take_tracebacks

__all__ = ["FORMATS_HELP", "ReportRequest", "print_report", "reporter_for"]

#: ``--output-format`` help: every built-in format (plugins add theirs: `brandlint plugins`).
FORMATS_HELP = (
    f"{BUILTIN_FORMATS[0]} (default), {', '.join(BUILTIN_FORMATS[1:])}, or a plugin's format (`brandlint plugins`)"
)

_HUMAN = ("text", "full", "concise")  # the formats that may be coloured


@dataclass
class ReportRequest:
    """How to report: the command line's choices (None: the config's, else the default)."""

    output_format: str | None = None
    fail_on: Severity | None = None
    quiet: bool = False
    show_suppressed: bool = False
    statistics: bool = False
    output_file: Path | None = None
    baseline: str | None = None


def reporter_for(settings: Settings, name: str | None) -> tuple[str, Reporter]:
    """``(name, reporter)`` for ``--output-format`` (or the config's ``output-format``)."""
    fmt_name = name or settings.get("output-format", "text")
    reporter = settings.registry.reporters.get(fmt_name)
    if reporter is None:
        raise BrandlintError(
            f"unknown output format {fmt_name!r}: choose from {', '.join(sorted(settings.registry.reporters))}"
        )
    return fmt_name, reporter


def print_report(
    results: Sequence[FileResult], settings: Settings, request: ReportRequest, *, out: TextIO | None = None
) -> None:
    """Report ``results`` as asked: to ``out`` (stdout), or to ``request.output_file``."""
    take_tracebacks(results)  # internal errors' tracebacks are for -v (stderr), never reports
    out = out or sys.stdout
    fmt_name, reporter = reporter_for(settings, request.output_format)
    to_file = request.output_file is not None
    ctx = ReportContext(
        version=__version__,
        rules={r.id: r for r in settings.all_rules},
        show_suppressed=request.show_suppressed,
        statistics=request.statistics,
        color=(not to_file and out.isatty() and "NO_COLOR" not in os.environ and fmt_name in _HUMAN),
        fail_on=request.fail_on or settings.fail_on,
        quiet=request.quiet,
        baseline=request.baseline,
        root=str(settings.root),
    )
    if request.statistics:  # only the table (Ruff's --statistics), to the console or the file
        text = _statistics(results, ctx, fmt_name)
        if request.output_file is None:
            out.write(text)
        else:
            _write_report(request.output_file, text)
        return
    text = reporter.report(results, ctx)
    if request.output_file is None:
        out.write(text)
        return
    _write_report(request.output_file, text)
    if not request.quiet:  # the console still gets the text summary
        out.write(summary(results, ctx) + "\n")
        out.write(score_line(results) + "\n")


def _statistics(results: Sequence[FileResult], ctx: ReportContext, fmt_name: str) -> str:
    """The per-rule counts: JSON for ``--output-format json`` (Ruff's keys), else the text table."""
    if fmt_name == "json":
        rows = [{"code": rule_id, "count": n, "fixable": safe} for rule_id, n, safe in statistics_rows(results)]
        return json.dumps(rows, indent=2) + "\n"
    table = statistics(results, ctx)
    return table + "\n" if table else ""


def _write_report(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise BrandlintError(f"cannot write the report to {path}: {exc.strerror or exc}") from None
