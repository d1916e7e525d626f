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
    files = len(results)
    if not active:
        return f"All checks passed ({plural(files, 'file')} checked)."
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
    return text


def score_line(results) -> str:
    """``Score: 87.5/100`` for the whole run (see ``brandlint explain score``)."""
    return f"Score: {overall_score(results)}/100"


def file_score_line(result) -> str:
    s = file_score(result)
    if s is None:
        return f"{result.path}: not scored"
    n = s.findings
    return f"{result.path}: score {s}/100 ({plural(n, 'finding')} in {plural(s.words, 'word')})"


def statistics(results, ctx: ReportContext) -> str:
    active = [f for r in results for f in r.findings if f.suppression is None]
    counts = Counter(f.rule_id for f in active)
    fixable = {f.rule_id for f in active if f.fix}
    width = max((len(str(n)) for n in counts.values()), default=1)
    idw = max((len(k) for k in counts), default=1)
    lines = []
    for rule_id, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"{n:>{width}}  {rule_id:<{idw}}  {'[*]' if rule_id in fixable else '   '}")
    return "\n".join(lines)


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
    """Findings, then statistics (if asked), the summary and the score (unless quiet: then
    findings only, and nothing at all when there are none)."""
    if ctx.statistics:
        stats = statistics(results, ctx)
        if stats:
            out.append(stats)
    if not ctx.quiet:
        out.append(summary(results, ctx))
        out.append(score_line(results))
    return "\n".join(out) + "\n" if out else ""
