"""Findings on one line share one ``line_text`` string (memory grows with lines, not findings)."""

from __future__ import annotations

import json
import pickle

from brandlint import lint_text
from brandlint.documents.base import LineIndex


def test_line_index_returns_one_string_per_line():
    idx = LineIndex("first\r\nsecond line\nthird", line_base=4)
    assert [idx.line_text(n) for n in (5, 6, 7, 8)] == ["first", "second line", "third", ""]
    assert idx.line_text(6) is idx.line_text(6)


def test_findings_of_a_jsonl_record_share_its_text():
    record = {"id": 1, "output": "Delve into this tapestry. We leverage synergy to delve deeper. " * 40}
    text = json.dumps(record) + "\n" + json.dumps({"id": 2, "output": "Fine."}) + "\n"
    fs = [f for f in lint_text(text, format="jsonl", path="a.jsonl") if f.span.start.line == 1]
    assert len(fs) > 20
    assert fs[0].line_text == json.dumps(record)
    assert all(f.line_text is fs[0].line_text for f in fs)
    # pickled once on the way back from a worker (a copy per finding would be 100+ KB more)
    assert len(pickle.dumps(fs)) < len(fs) * len(fs[0].line_text) // 2
