from __future__ import annotations

import json

from _reporting import lint, project, report

from brandlint.reporters.json_reporter import JsonReporter
from brandlint.reporters.jsonlines import JsonLinesReporter


def test_one_compact_finding_per_line_same_objects_as_json(tmp_path):
    root = project(tmp_path)
    (root / "a.md").write_text(
        "Synergy\nand e-mail.\n\n<!-- brandlint-disable-next-line -->\nGlobex.\n", encoding="utf-8"
    )
    (root / "b.json").write_text('{"t": "line\\nbreak synergy"}\n', encoding="utf-8")
    results, ctx = lint(root, "a.md", "b.json")
    out = report(JsonLinesReporter(), root, results, ctx)
    lines = out.splitlines()
    assert out.endswith("\n") and len(lines) == 3
    assert lines[0] == (
        '{"rule_id":"house/no-synergy","severity":"warning","message":"Avoid \'Synergy\'.","path":"a.md",'
        '"span":{"start":{"line":1,"column":1,"offset":0,"byte_offset":0},"end":{"line":1,"column":8,"offset":7,"byte_offset":7}},'
        '"scope":"paragraph","json_pointer":null,"suggestions":[],"fix":null,"matched":"Synergy","suppression":null,'
        '"line_text":"Synergy","end_line_text":"","data":{}}'
    )
    assert [json.loads(l) for l in lines] == json.loads(report(JsonReporter(), root, results, ctx))["findings"]
    assert json.loads(lines[2])["json_pointer"] == "/t"
    # suppressed findings only with --show-suppressed
    ctx.show_suppressed = True
    shown = [json.loads(l) for l in report(JsonLinesReporter(), root, results, ctx).splitlines()]
    assert [(f["rule_id"], f["suppression"]) for f in shown if f["suppression"]] == [
        ("house/no-globex", {"kind": "inline", "reason": ""})
    ]


def test_cli_json_lines_empty_run_prints_nothing(tmp_path, cli):
    project(tmp_path)
    (tmp_path / "a.md").write_text("Fine.\n", encoding="utf-8")
    r = cli("check", "a.md", "--output-format", "json-lines", cwd=tmp_path)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
