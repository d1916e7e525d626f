"""``github``: GitHub Actions workflow commands, which show findings as annotations on the diff.

One ``::error``/``::warning``/``::notice`` line per finding (brandlint's error / warning / info)::

    ::warning file=docs/a.md,line=3,endLine=3,col=9,endColumn=16,title=p/no-synergy::Avoid 'synergy'.

Columns are 1-based code points and ``endColumn`` is exclusive (as in every brandlint output);
GitHub accepts columns only on single-line annotations, so multi-line findings carry lines only.
Escaping follows the runner: in the message ``%``, CR and LF become ``%25``, ``%0D``, ``%0A``; in
properties ``:`` and ``,`` also become ``%3A`` and ``%2C``.

GitHub shows at most 10 annotations of each severity per step and drops the rest silently, so
annotations are ordered by severity (errors first) and at most 10 of each are printed. Findings
left out are listed as plain log lines, followed by one closing ``::notice::`` that says how
many were left out (when notices overflow too, only 9 notice annotations are printed so that the
closing one is shown). Suppressed findings are never annotated.
"""

from __future__ import annotations

from ..baseline import normalize_path
from ..findings import Finding, Severity
from ..textutil import plural
from .base import ReportContext, active
from .text import score_line, summary

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
LIMIT = 10  # annotations GitHub shows per severity per step


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    s, e = f.span.start, f.span.end
    props = [f"file={escape_property(normalize_path(f.path))}", f"line={s.line}", f"endLine={e.line}"]
    if s.line == e.line:
        props += [f"col={s.column}", f"endColumn={e.column}"]
    props.append(f"title={escape_property(f.rule_id)}")
    return f"::{COMMANDS[f.severity]} {','.join(props)}::{escape_data(f.message)}"


def plain(f: Finding) -> str:
    """A log line for a finding that is not annotated (no newline can start a command)."""
    msg = " ".join(f.message.splitlines())
    return f"{normalize_path(f.path)}:{f.span.start.line}:{f.span.start.column}: {f.rule_id} {msg} [{f.severity}]"


class GithubReporter:
    def report(self, results, ctx: ReportContext) -> str:
        groups: dict[Severity, list[Finding]] = {s: [] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
        for f in active(results):
            groups[f.severity].append(f)
        limits = {s: LIMIT for s in groups}
        if any(len(g) > LIMIT for g in groups.values()):
            limits[Severity.INFO] = LIMIT - 1  # leave room for the closing notice
        out, left = [], []
        for sev, group in groups.items():
            out += [annotation(f) for f in group[: limits[sev]]]
            left += group[limits[sev] :]
        if left:
            out += [plain(f) for f in left]
            by = {s: sum(1 for f in left if f.severity == s) for s in groups}
            parts = ", ".join(plural(n, str(s)) for s, n in by.items() if n)
            out.append(
                f"::notice::{escape_data(plural(len(left), 'more finding'))} not shown as annotations "
                f"({parts}): GitHub shows {LIMIT} per severity per step; they are listed in the log above"
            )
        if not ctx.quiet:
            out += summary(results, ctx).splitlines()
            out.append(score_line(results))
        return "\n".join(out) + "\n"
