"""``rdjson``: reviewdog's Diagnostic JSON, for ``reviewdog -f=rdjson`` (PR review comments).

Positions follow reviewdog's format: lines are 1-based and **columns are 1-based UTF-8 byte
counts** (not code points), ``end`` is exclusive. Fixes become ``suggestions`` (a range and the
text to put there), which reviewdog turns into suggested changes on GitHub and GitLab. A fix edit
whose line and column cannot be derived from the finding (an edit away from the finding's first
line) is left out of the suggestions. Suppressed findings are left out.
"""

from __future__ import annotations

import json

from ..baseline import normalize_path
from ..findings import Finding, Severity
from .base import ReportContext, active, byte_column, edit_location, homepage

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def _position(f: Finding, line: int, column: int) -> dict:
    """A code-point (line, column) of ``f``'s file as reviewdog's UTF-8 byte position."""
    s, e = f.span.start, f.span.end
    if line == s.line and f.line_text:
        return {"line": line, "column": byte_column(f.line_text, column)}
    if (
        line == e.line
        and column == e.column
        and f.matched
        and len(f.matched) == e.offset - s.offset
        and "\n" in f.matched
    ):
        # the matched text is the source slice: the end line's text up to the end is its tail
        return {"line": line, "column": len(f.matched.rsplit("\n", 1)[1].encode("utf-8")) + 1}
    return {"line": line, "column": column}


def _range(f: Finding, start: tuple[int, int], end: tuple[int, int]) -> dict:
    return {"start": _position(f, *start), "end": _position(f, *end)}


class RdjsonReporter:
    def report(self, results, ctx: ReportContext) -> str:
        source = {"name": "brandlint", "url": homepage()}
        diagnostics = []
        for f in active(results):
            s, e = f.span.start, f.span.end
            d: dict = {
                "message": f.message,
                "location": {
                    "path": normalize_path(f.path),
                    "range": _range(f, (s.line, s.column), (e.line, e.column)),
                },
                "severity": SEVERITIES[f.severity],
                "source": source,
                "code": {"value": f.rule_id},
            }
            rule = ctx.rules.get(f.rule_id)
            link = rule.meta.docs.link if rule is not None else ""
            if link:
                d["code"]["url"] = link
            if f.fix is not None:
                suggestions: list[dict] = []
                for edit in f.fix.edits:
                    where = edit_location(f, edit)
                    if where is None:
                        suggestions = []  # a partial fix would be wrong: offer none
                        break
                    suggestions.append({"range": _range(f, *where), "text": edit.replacement})
                if suggestions:
                    d["suggestions"] = suggestions
            d["original_output"] = (
                f"{normalize_path(f.path)}:{s.line}:{s.column}: {f.rule_id} {f.message} [{f.severity}]"
            )
            diagnostics.append(d)
        return json.dumps({"source": source, "diagnostics": diagnostics}, indent=2, ensure_ascii=False) + "\n"
