"""The review page's HTML: highlights of overlapping and empty spans, escaping, diffs."""

from __future__ import annotations

import re

from brandlint.findings import Edit, Finding, Fix, Position, Severity, Span
from brandlint.reporters.review_html import ReviewFile, _segments, finding_diff, render_review
from brandlint.results import FileResult


def _f(rule: str, text: str, start: int, end: int, sev=Severity.WARNING, fix: Fix | None = None) -> Finding:
    def pos(o: int) -> Position:
        line = text.count("\n", 0, o) + 1
        col = o - (text.rfind("\n", 0, o) + 1) + 1
        return Position(line, col, o, len(text[:o].encode()))

    return Finding(rule, sev, f"msg <{rule}>", "a.md", Span(pos(start), pos(end)), fix=fix)


def test_segments_overlap_and_point() -> None:
    text = "ab<c>de\nfg"
    html = _segments(text, [(1, 4, 0), (3, 6, 1), (8, 8, 2)])
    assert html == (
        'a<mark data-f="0">b&lt;</mark><mark data-f="0 1">c</mark><mark data-f="1">&gt;d</mark>e\n'
        '<mark class="point" data-f="2" id="m2"></mark>fg'
    )


def test_finding_diff_lines() -> None:
    text = "first line\nwe utilize it\nlast"
    f = _f("p/r", text, 14, 21, fix=Fix((Edit(14, 21, "use"),)))
    assert finding_diff(text, f) == "@@ line 2 @@\n-we utilize it\n+we use it"
    assert finding_diff(text, _f("p/r", text, 0, 5)) == ""


def test_render_review_page() -> None:
    text = "Hello <b>world</b> & co"
    r = FileResult("dir/a <x>.md", [_f("brand/x", text, 6, 9, Severity.ERROR), _f("ai/y", text, 12, 17)], 5, "markdown")
    page = render_review([ReviewFile(r, text, {"model": "m<1>"}, {"status": "stale", "by": "Ann"})], version="9")
    assert page.count('<li class="finding') == 2
    assert "dir/a &lt;x&gt;.md" in page and "m&lt;1&gt;" in page and "msg &lt;brand/x&gt;" in page
    assert '<option value="ai">ai</option><option value="brand">brand</option>' in page
    assert 'data-status="stale"' in page
    assert re.search(r"<script[^>]*\bsrc=", page) is None and "<link" not in page
    data = re.search(r'<script id="review-data" type="application/json">(.*?)</script>', page, re.S)
    assert data and '"start": 6, "end": 9' in data.group(1)
