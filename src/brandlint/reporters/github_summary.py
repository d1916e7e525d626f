"""``github-summary``: a Markdown job summary for ``$GITHUB_STEP_SUMMARY`` (GitHub renders it on
the run's page): the score, counts per severity, per-file scores and a table of findings.

The table holds at most :data:`MAX_ROWS` findings (errors first), then says how many were left
out; GitHub limits a step's summary to 1 MiB. Cell text is escaped for GitHub Markdown tables
(``|``, HTML-significant characters and line breaks).
"""

from __future__ import annotations

from collections import Counter

from ..baseline import normalize_path
from ..findings import Severity
from ..score import file_score, overall_score
from ..textutil import plural
from .base import ReportContext, active

MAX_ROWS = 200
_ICON = {Severity.ERROR: "🔴 error", Severity.WARNING: "🟡 warning", Severity.INFO: "🔵 info"}


def cell(text: str) -> str:
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    return out.replace("\r\n", " ").replace("\n", " ").replace("`", "&#96;")


class GithubSummaryReporter:
    def report(self, results, ctx: ReportContext) -> str:
        found = sorted(active(results), key=lambda f: (-f.severity, f.path, f.span.start.offset, f.rule_id))
        by = Counter(f.severity for f in found)
        lines = ["## brandlint", ""]
        score = overall_score(results)
        counts = ", ".join(plural(by[s], str(s)) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if by[s])
        if found:
            lines.append(
                f"**{plural(len(found), 'finding')}** ({counts}) in {plural(len(results), 'file')} · score **{score}/100**"
            )
        else:
            lines.append(f"All checks passed ({plural(len(results), 'file')} checked) · score **{score}/100**")
        lines.append("")
        scored = [(r.path, file_score(r), len(r.active)) for r in results if file_score(r) is not None]
        if scored:
            lines += ["| File | Score | Findings |", "| --- | ---: | ---: |"]
            lines += [f"| {cell(normalize_path(p))} | {s} | {n} |" for p, s, n in scored]
            lines.append("")
        if found:
            lines += ["| Severity | Location | Rule | Message |", "| --- | --- | --- | --- |"]
            for f in found[:MAX_ROWS]:
                loc = f"{normalize_path(f.path)}:{f.span.start.line}:{f.span.start.column}"
                lines.append(f"| {_ICON[f.severity]} | {cell(loc)} | `{cell(f.rule_id)}` | {cell(f.message)} |")
            if len(found) > MAX_ROWS:
                lines += ["", f"…and {plural(len(found) - MAX_ROWS, 'more finding')} (see the job log)."]
            lines.append("")
        return "\n".join(lines) + "\n"
