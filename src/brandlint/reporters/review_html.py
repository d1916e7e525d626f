"""The review page: one self-contained HTML file a reviewer opens in a browser.

Overall and per-file scores, each document's text with its findings highlighted at their exact
spans, filters by pack, rule and severity, each fixable finding's change as a diff, and the
provenance and approval status of each file. CSS and script are inlined (``review.css``,
``review.js`` beside this module): the page loads nothing and calls nothing over the network.

Like every reporter it never parses: it receives each file's result and the text the findings'
offsets refer to (the decoded source, BOM excluded) from the ``review`` command.

Highlights: the text is cut at every finding's start and end; each piece covered by findings is a
``<mark data-f="i j">`` naming the findings (page-wide indexes) that cover it, and an empty span
is an empty ``<mark class="point">``. The findings' data is embedded as JSON
(``<script id="review-data">``) so a test or a tool can check every highlight against it.
"""

from __future__ import annotations

import difflib
import html
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from ..findings import Applicability, Finding, Severity
from ..results import FileResult
from ..score import file_score, overall_score

__all__ = ["ReviewFile", "finding_diff", "render_review"]

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass
class ReviewFile:
    """One file of the review: its result, the text its offsets refer to, and what is known of it.

    ``text`` is None when the file could not be read as text (its findings are then listed only).
    ``provenance``: what generated it (prompt, model, ...), shown as a table; ``approval``: its
    approval status (``status`` and any of ``by``, ``time``, ``note``, ``detail``).
    """

    result: FileResult
    text: str | None = None
    provenance: Mapping[str, Any] | None = None
    approval: Mapping[str, str] | None = None
    ids: dict[int, str] = field(default_factory=dict)  # index in result.findings -> stable finding id


def _esc(s: object) -> str:
    return html.escape(str(s), quote=True)


def pack_of(rule_id: str) -> str:
    return rule_id.split("/", 1)[0] if "/" in rule_id else rule_id


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return ls, (len(text) if le == -1 else le)


def finding_diff(text: str, f: Finding) -> str:
    """The change a finding's fix makes, as unified-diff lines of the lines it touches ("" if none)."""
    if f.fix is None or not f.fix.edits:
        return ""
    edits = sorted(f.fix.edits, key=lambda e: (e.start, e.end))
    if edits[0].start < 0 or edits[-1].end > len(text):
        return ""
    ls, le = _line_bounds(text, edits[0].start, max(e.end for e in edits))
    old = text[ls:le]
    parts, pos = [], ls
    for e in edits:
        if e.start < pos:  # overlapping edits: not shown
            return ""
        parts += [text[pos : e.start], e.replacement]
        pos = e.end
    new = "".join(parts) + text[pos:le]
    first = text.count("\n", 0, ls) + 1
    lines = difflib.unified_diff(old.split("\n"), new.split("\n"), lineterm="", n=0)
    out = [ln for ln in lines if not ln.startswith(("---", "+++"))]
    if out and out[0].startswith("@@"):
        out[0] = f"@@ line {first} @@"
    return "\n".join(out)


def _segments(text: str, spans: Sequence[tuple[int, int, int]]) -> str:
    """The text as HTML with ``<mark>`` pieces (see the module docstring); spans are (start, end, index)."""
    n = len(text)
    cuts = {0, n}
    points: dict[int, list[int]] = {}
    for s, e, i in spans:
        s, e = max(0, min(s, n)), max(0, min(e, n))
        if e <= s:
            points.setdefault(s, []).append(i)
            cuts.add(s)
        else:
            cuts.update((s, e))
    order = sorted(cuts)
    out: list[str] = []
    ranges = sorted((max(0, s), min(e, n), i) for s, e, i in spans if e > s)
    open_: list[tuple[int, int]] = []  # (end, index) of the ranges covering the current piece
    k = 0
    for a, b in zip(order, order[1:] + [n]):
        for i in points.pop(a, ()):
            out.append(f'<mark class="point" data-f="{i}" id="m{i}"></mark>')
        if b <= a:
            continue
        while k < len(ranges) and ranges[k][0] <= a:
            open_.append((ranges[k][1], ranges[k][2]))
            k += 1
        open_ = [(e, i) for e, i in open_ if e > a]
        cover = sorted(i for e, i in open_ if e >= b)
        piece = _esc(text[a:b])
        if cover:
            ids = " ".join(map(str, cover))
            out.append(f'<mark data-f="{ids}">{piece}</mark>')
        else:
            out.append(piece)
    for rest in points.values():  # points past the end of the text
        out.extend(f'<mark class="point" data-f="{i}" id="m{i}"></mark>' for i in rest)
    return "".join(out)


def _counts(findings: Sequence[Finding]) -> str:
    by = Counter(f.severity for f in findings)
    return " ".join(f'<span class="sev sev-{s}">{by[s]} {s}</span>' for s in _SEVERITIES if by[s])


def _provenance_html(prov: Mapping[str, Any] | None) -> str:
    if not prov:
        return '<div class="prov none">Provenance: none recorded</div>'
    rows = "".join(
        f"<tr><th>{_esc(k)}</th><td>{_esc(json.dumps(v, sort_keys=True) if isinstance(v, dict | list) else v)}</td></tr>"
        for k, v in prov.items()
    )
    return f'<table class="prov"><caption>Provenance</caption>{rows}</table>'


def _approval_html(appr: Mapping[str, str] | None) -> str:
    if not appr:
        return ""
    status = appr.get("status", "unapproved")
    bits = [f'<span class="approval-status">{_esc(status)}</span>']
    for key in ("by", "time", "note", "detail"):
        if appr.get(key):
            bits.append(f'<span class="approval-{key}">{_esc(appr[key])}</span>')
    return f'<div class="approval approval-{_esc(status)}" data-status="{_esc(status)}">{" ".join(bits)}</div>'


def _finding_item(i: int, f: Finding, text: str | None, fid: str) -> str:
    loc = f"{f.span.start.line}:{f.span.start.column}"
    sugg = ""
    if f.suggestions:
        sugg = '<div class="sugg">Use instead: ' + ", ".join(f"<q>{_esc(s)}</q>" for s in f.suggestions) + "</div>"
    fix = ""
    if f.fix is not None:
        kind = "safe" if f.fix.applicability is Applicability.SAFE else "unsafe"
        diff = finding_diff(text, f) if text is not None else ""
        lines = "".join(
            f'<span class="{"add" if ln.startswith("+") else "del" if ln.startswith("-") else "hunk"}">{_esc(ln)}</span>'
            for ln in diff.split("\n")
            if ln
        )
        fix = f'<div class="fix fix-{kind}">{kind} fix{": " + _esc(f.fix.description) if f.fix.description else ""}'
        fix += f'<pre class="diff">{lines}</pre></div>' if lines else "</div>"
    pointer = f' <code class="ptr">{_esc(f.json_pointer)}</code>' if f.json_pointer else ""
    return (
        f'<li class="finding sev-{f.severity}" id="f{i}" data-i="{i}" data-id="{_esc(fid)}" '
        f'data-rule="{_esc(f.rule_id)}" data-pack="{_esc(pack_of(f.rule_id))}" data-severity="{f.severity}">'
        f'<a class="loc" href="#f{i}">{loc}</a> <span class="sev sev-{f.severity}">{f.severity}</span> '
        f'<code class="rule">{_esc(f.rule_id)}</code>{pointer} <span class="msg">{_esc(f.message)}</span>'
        f' <code class="fid" title="finding id (brandlint approve --finding)">{_esc(fid)}</code>{sugg}{fix}</li>'
    )


def _file_section(n: int, rf: ReviewFile, base: int, data: list[dict[str, Any]]) -> str:
    r = rf.result
    findings = r.active
    score = file_score(r)
    spans = []
    items = []
    for k, f in enumerate(findings):
        i = base + k
        spans.append((f.span.start.offset, f.span.end.offset, i))
        fid = rf.ids.get(k, "")
        items.append(_finding_item(i, f, rf.text, fid))
        data.append(
            {
                "i": i,
                "file": n,
                "id": fid,
                "rule": f.rule_id,
                "pack": pack_of(f.rule_id),
                "severity": str(f.severity),
                "start": f.span.start.offset,
                "end": f.span.end.offset,
                "line": f.span.start.line,
                "column": f.span.start.column,
                "message": f.message,
                "fixable": f.fix is not None,
            }
        )
    score_html = f'<span class="score" data-score="{score}">{score}/100</span>' if score else ""
    body = (
        f'<pre class="doc" data-file="{n}">{_segments(rf.text, spans)}</pre>'
        if rf.text is not None
        else f'<p class="notext">{_esc(r.note or "no text to show")}</p>'
    )
    listing = f'<ol class="findings">{"".join(items)}</ol>' if items else '<p class="clean">No findings.</p>'
    return (
        f'<section class="file" id="file{n}" data-path="{_esc(r.path)}" data-format="{_esc(r.format)}">'
        f'<h2><span class="path">{_esc(r.path)}</span> {score_html} {_counts(findings)}</h2>'
        f"{_approval_html(rf.approval)}{_provenance_html(rf.provenance)}"
        f'<div class="cols">{body}{listing}</div></section>'
    )


def _options(values: Sequence[str], label: str) -> str:
    opts = "".join(f'<option value="{_esc(v)}">{_esc(v)}</option>' for v in values)
    return f'<option value="">all {label}</option>{opts}'


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text("utf-8")


def render_review(files: Sequence[ReviewFile], *, title: str = "brandlint review", version: str = "") -> str:
    """The review page for ``files`` (see the module docstring)."""
    data: list[dict[str, Any]] = []
    sections = []
    base = 0
    for n, rf in enumerate(files):
        sections.append(_file_section(n, rf, base, data))
        base += len(rf.result.active)
    overall = overall_score([rf.result for rf in files])
    all_findings = [f for rf in files for f in rf.result.active]
    rules = sorted({f.rule_id for f in all_findings})
    packs = sorted({pack_of(r) for r in rules})
    toc = "".join(
        f'<li><a href="#file{n}">{_esc(rf.result.path)}</a> '
        f'<span class="score">{file_score(rf.result) or "–"}</span> '
        f'<span class="n">{len(rf.result.active)}</span>'
        f"{_approval_badge(rf.approval)}</li>"
        for n, rf in enumerate(files)
    )
    sev_boxes = "".join(
        f'<label><input type="checkbox" name="sev" value="{s}" checked> {s}</label>' for s in _SEVERITIES
    )
    payload = json.dumps({"version": version, "findings": data}, ensure_ascii=True).replace("</", "<\\/")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>{_esc(title)}</title>
<style>{_asset("review.css")}</style></head>
<body>
<header><h1>{_esc(title)}</h1>
<div class="overall">Overall score <span id="overall-score" class="score" data-score="{overall}">{overall}/100</span>
· {len(files)} files · <span id="total-count">{len(all_findings)}</span> findings {_counts(all_findings)}
· brandlint {_esc(version)}</div>
<form id="filters" onsubmit="return false">
<label>Pack <select id="f-pack">{_options(packs, "packs")}</select></label>
<label>Rule <select id="f-rule">{_options(rules, "rules")}</select></label>
<span class="sevs">{sev_boxes}</span>
<label><input type="checkbox" id="f-only"> only files with shown findings</label>
<span>Showing <b id="shown-count">{len(all_findings)}</b> of {len(all_findings)}</span>
</form></header>
<nav><ol id="toc">{toc}</ol></nav>
<main>{"".join(sections)}</main>
<script id="review-data" type="application/json">{payload}</script>
<script>{_asset("review.js")}</script>
</body></html>
"""


def _approval_badge(appr: Mapping[str, str] | None) -> str:
    if not appr:
        return ""
    status = appr.get("status", "")
    return f' <span class="badge approval-{_esc(status)}">{_esc(status)}</span>'
