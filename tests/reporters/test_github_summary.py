"""``github-summary``: Markdown for $GITHUB_STEP_SUMMARY (escaping, order, the row cap)."""

from __future__ import annotations

from brandlint.findings import Finding, Position, Severity, Span
from brandlint.reporters.base import ReportContext
from brandlint.reporters.github_summary import MAX_ROWS, GithubSummaryReporter, cell
from brandlint.results import FileResult


def _f(line: int, sev: Severity, msg: str = "m") -> Finding:
    p = Position(line, 2, 0, 0)
    return Finding("p/r", sev, msg, "docs/a.md", Span(p, p))


def test_cell_escapes_tables_and_html() -> None:
    assert cell("a|b <x> `c`\nd & e") == "a\\|b &lt;x&gt; &#96;c&#96; d &amp; e"


def test_summary_rows_errors_first_and_capped() -> None:
    findings = [_f(1, Severity.INFO, "i|x"), _f(2, Severity.ERROR, "<e>")] + [
        _f(3 + k, Severity.WARNING) for k in range(MAX_ROWS)
    ]
    text = GithubSummaryReporter().report([FileResult("docs/a.md", findings, 1000, "markdown")], ReportContext())
    lines = text.splitlines()
    assert lines[0] == "## brandlint"
    assert lines[2].startswith(f"**{MAX_ROWS + 2} findings** (1 error, {MAX_ROWS} warnings, 1 info) in 1 file")
    assert "| docs/a.md | 0 | 202 |" in lines
    rows = [ln for ln in lines if ln.startswith("| 🔴") or ln.startswith("| 🟡") or ln.startswith("| 🔵")]
    assert len(rows) == MAX_ROWS
    assert rows[0] == "| 🔴 error | docs/a.md:2:2 | `p/r` | &lt;e&gt; |"
    assert lines[-2:] == ["…and 2 more findings (see the job log).", ""]


def test_summary_clean_run() -> None:
    text = GithubSummaryReporter().report([FileResult("a.md", [], 10, "markdown")], ReportContext())
    assert (
        text
        == "## brandlint\n\nAll checks passed (1 file checked) · score **100/100**\n\n| File | Score | Findings |\n| --- | ---: | ---: |\n| a.md | 100 | 0 |\n\n"
    )
