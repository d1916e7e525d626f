from __future__ import annotations

import json

from _reporting import lint, project, report

from brandlint.findings import Edit, Finding, Fix, Position, Severity, Span
from brandlint.pipeline import FileResult
from brandlint.reporters.base import ReportContext
from brandlint.reporters.rdjson import RdjsonReporter


def test_rdjson_exact_with_utf8_byte_columns_and_suggestions(tmp_path):
    root = project(tmp_path)
    (root / "a.md").write_text("Our 😀 café synergy, and e-mail.\n", encoding="utf-8")
    results, ctx = lint(root, "a.md")
    data = json.loads(report(RdjsonReporter(), root, results, ctx))
    source = data["source"]
    assert source["name"] == "brandlint" and source["url"].startswith("https://")
    # code points: synergy is columns 12-19, e-mail 25-31; reviewdog wants UTF-8 bytes:
    # "Our " 4 + emoji 4 + " " 1 + "café" 5 + " " 1 = 15 bytes before synergy -> column 16
    assert data["diagnostics"] == [
        {
            "message": "Avoid 'synergy'.",
            "location": {
                "path": "a.md",
                "range": {"start": {"line": 1, "column": 16}, "end": {"line": 1, "column": 23}},
            },
            "severity": "WARNING",
            "source": source,
            "code": {"value": "house/no-synergy", "url": "https://example.com/style#synergy"},
            "original_output": "a.md:1:12: house/no-synergy Avoid 'synergy'. [warning]",
        },
        {
            "message": "Use 'email' instead of 'e-mail'.",
            "location": {
                "path": "a.md",
                "range": {"start": {"line": 1, "column": 29}, "end": {"line": 1, "column": 35}},
            },
            "severity": "INFO",
            "source": source,
            "code": {"value": "house/prefer-email"},
            "suggestions": [
                {"range": {"start": {"line": 1, "column": 29}, "end": {"line": 1, "column": 35}}, "text": "email"}
            ],
            "original_output": "a.md:1:25: house/prefer-email Use 'email' instead of 'e-mail'. [info]",
        },
    ]
    text = "Our 😀 café synergy, and e-mail.".encode()
    assert text[15:22] == b"synergy" and text[28:34] == b"e-mail"


def test_multi_line_end_and_edits_away_from_the_first_line():
    start, end = Position(1, 5, 4, 4), Position(2, 3, 8, 9)
    f = Finding(
        "r/x",
        Severity.ERROR,
        "Two lines.",
        "a.md",
        Span(start, end),
        matched="é\nüx",
        line_text="abcdé",
        fix=Fix((Edit(4, 5, "e"), Edit(6, 7, "u"))),
    )
    g = Finding(
        "r/y",
        Severity.ERROR,
        "Edit elsewhere.",
        "a.md",
        Span(start, Position(1, 6, 5, 6)),
        line_text="abcdé",
        fix=Fix((Edit(6, 7, "u"),)),
    )
    data = json.loads(
        RdjsonReporter().report([FileResult("a.md", [f, g], words=2, format="markdown")], ReportContext())
    )
    d0, d1 = data["diagnostics"]
    assert d0["location"]["range"] == {"start": {"line": 1, "column": 5}, "end": {"line": 2, "column": 4}}
    assert d0["severity"] == "ERROR"
    # one edit of the fix cannot be placed: no partial suggestion is offered
    assert "suggestions" not in d0 and "suggestions" not in d1
    assert d1["location"]["range"] == {"start": {"line": 1, "column": 5}, "end": {"line": 1, "column": 7}}


def test_cli_rdjson_leaves_out_suppressed(tmp_path, cli):
    project(tmp_path)
    (tmp_path / "a.md").write_text("<!-- brandlint-disable-next-line -->\nSynergy.\n", encoding="utf-8")
    r = cli("check", "a.md", "--output-format", "rdjson", cwd=tmp_path)
    assert r.returncode == 0
    assert json.loads(r.stdout)["diagnostics"] == []
