"""Human output: Ruff-like full format (source line and caret) and a concise one-line format."""

from __future__ import annotations

from collections import Counter

from ..findings import Applicability, Finding, Severity
from ..score import file_score, overall_score, scored
from ..textutil import plural
from .base import ReportContext

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _RESET, _DIM = "\033[1m", "\033[0m", "\033[2m"


def _paint(text: str, code: str, ctx: ReportContext) -> str:
    return f"{code}{text}{_RESET}" if ctx.color else text


def _visible(results, ctx):
    for r in results:
        for f in r.findings:
            if f.suppression is None or ctx.show_suppressed:
                yield f


def headline(f: Finding, ctx: ReportContext) -> str:
    loc = f"{f.path}:{f.span.start.line}:{f.span.start.column}:"
    sev = _paint(str(f.severity), _COLORS[f.severity], ctx)
    fix = " [*]" if f.fix and f.fix.applicability is Applicability.SAFE else ""
    sup = f" (suppressed: {f.suppression.reason or f.suppression.kind})" if f.suppression else ""
    return f"{_paint(loc, _BOLD, ctx)} {_paint(f.rule_id, _BOLD, ctx)}{fix} {f.message} [{sev}]{sup}"


def summary(results, ctx: ReportContext) -> str:
    active = [f for r in results for f in r.findings if f.suppression is None]
    skipped = [r for r in results if not r.format and r.note]  # named, but no format reads it
    files = len(results) - len(skipped)
    if not active:
        if files or not skipped:
            return f"All checks passed ({plural(files, 'file')} checked)." + _skipped(skipped)
        return "No files checked." + _skipped(skipped)
    by = Counter(f.severity for f in active)
    parts = [plural(by[s], str(s)) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if by[s]]
    fixable = sum(1 for f in active if f.fix and f.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for f in active if f.fix and f.fix.applicability is not Applicability.SAFE)
    text = f"Found {plural(len(active), 'finding')} ({', '.join(parts)}) in {plural(files, 'file')}."
    if fixable:
        text += f"\n[*] {fixable} fixable with `brandlint fix`."
    if unsafe:
        text += f"\n{unsafe} more fixable with `brandlint fix --unsafe-fixes`."
    suppressed = sum(1 for r in results for f in r.findings if f.suppression is not None)
    if suppressed:
        text += f"\n{suppressed} suppressed."
    return text + _skipped(skipped)


def _skipped(skipped) -> str:
    """Files named on the command line (or --stdin-filename) that were not checked, and why."""
    return "".join(f"\n{r.path}: {r.note}" for r in skipped)


def score_line(results) -> str:
    """``Score: 87.5/100`` for the whole run (see ``brandlint explain score``)."""
    return f"Score: {overall_score(results)}/100"


def file_score_line(result) -> str:
    s = file_score(result)
    if s is None:
        return f"{result.path}: not scored"
    n = s.findings
    return f"{result.path}: score {s}/100 ({plural(n, 'finding')} in {plural(s.words, 'word')})"


def statistics_rows(results) -> list[tuple[str, int, bool]]:
    """(rule id, active findings, safe-fixable) per rule, most findings first (Ruff's order)."""
    active = [f for r in results for f in r.findings if f.suppression is None]
    counts = Counter(f.rule_id for f in active)
    fixable = {f.rule_id for f in active if f.fix and f.fix.applicability is Applicability.SAFE}
    return [(rule_id, n, rule_id in fixable) for rule_id, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def statistics(results, ctx: ReportContext) -> str:
    """``--statistics``: one line per rule, ``[*]`` where `brandlint fix` fixes its findings (safe fixes)."""
    rows = statistics_rows(results)
    width = max((len(str(n)) for _, n, _ in rows), default=1)
    idw = max((len(k) for k, _, _ in rows), default=1)
    return "\n".join(
        f"{n:>{width}}  {rule_id:<{idw}}  {'[*]' if safe else '   '}".rstrip() for rule_id, n, safe in rows
    )


#: Source characters shown of one line; a longer line is cut around the span, marked with "...".
MAX_SHOWN = 100
#: Characters kept before the span when a line is cut.
CONTEXT_BEFORE = 30
ELLIPSIS = "..."


def elide(src: str, start: int, width: int) -> tuple[str, int, int]:
    """(shown line, caret start, caret width): at most MAX_SHOWN characters of ``src`` around the
    span starting at ``start`` (0-based), with "..." where text was cut; the caret stops at the cut."""
    if len(src) <= MAX_SHOWN:
        return src, start, width
    lo = max(0, start - CONTEXT_BEFORE)
    hi = min(len(src), lo + MAX_SHOWN)
    lo = max(0, min(lo, hi - MAX_SHOWN))  # near the end: show the last MAX_SHOWN characters
    head = ELLIPSIS if lo > 0 else ""
    tail = ELLIPSIS if hi < len(src) else ""
    return head + src[lo:hi] + tail, len(head) + start - lo, max(1, min(width, hi - start))


class FullReporter:
    def report(self, results, ctx: ReportContext) -> str:
        out = []
        per_file = not ctx.quiet and sum(1 for r in results if scored(r)) > 1
        for r in results:
            shown = [f for f in r.findings if f.suppression is None or ctx.show_suppressed]
            out.extend(self.findings(shown, ctx))
            if per_file and shown:
                out.append(file_score_line(r))
                out.append("")
        return _with_trailer(out, results, ctx)

    def findings(self, findings, ctx: ReportContext) -> list[str]:
        out = []
        for f in findings:
            out.append(headline(f, ctx))
            line = f.span.start.line
            src = f.line_text
            if src:
                gutter = " " * len(str(line))
                start = f.span.start.column - 1
                if f.span.end.line == line:
                    width = max(f.span.end.column - f.span.start.column, 1)
                else:
                    width = max(len(src) - start, 1)
                src, start, width = elide(src, start, width)
                caret = "".join(c if c == "\t" else " " for c in src[:start]) + "^" * width
                out.append(f"{gutter} |")
                out.append(f"{line} | {src}")
                out.append(f"{gutter} | {_paint(caret, _COLORS[f.severity], ctx)}")
                if f.fix:
                    out.append(f"{gutter} = fix ({f.fix.applicability.value}): {f.fix.description}")
                elif f.suggestions:
                    out.append(f"{gutter} = suggestion: {', '.join(f.suggestions)}")
                out.append("")
        return out


class ConciseReporter:
    def report(self, results, ctx: ReportContext) -> str:
        return _with_trailer([headline(f, ctx) for f in _visible(results, ctx)], results, ctx)


def _with_trailer(out: list[str], results, ctx: ReportContext) -> str:
    """Findings, then the summary and the score (unless quiet: then findings only, and nothing
    at all when there are none). ``--statistics`` replaces the whole report (commands.remaining)."""
    if not ctx.quiet:
        out.append(summary(results, ctx))
        if not results or any(r.format for r in results):  # no score when nothing was checked
            out.append(score_line(results))
    return "\n".join(out) + "\n" if out else ""
