"""Keys every rule takes: Vale's ``limit`` and ``once-per-document`` (one finding at 1:1)."""

from __future__ import annotations

import json

from vale_support import config_error, lint, where

SPEAK = 'kind = "existence"\ntokens = ["utilize"]\n'


def test_limit_keeps_the_first_findings_per_document(tmp_path):
    text = "Utilize it.\n\n# Utilize\n\nWe utilize, utilize and utilize.\n"
    found = lint(tmp_path, {"speak": SPEAK + "limit = 2\n"}, text)
    assert [where(f) for f in found] == [("pack/speak", 1, 1, 1, 8, "Utilize"), ("pack/speak", 3, 3, 3, 10, "Utilize")]
    assert len(lint(tmp_path / "all", {"speak": SPEAK}, text)) == 5


def test_limit_counts_per_jsonl_record(tmp_path):
    text = json.dumps({"a": "utilize utilize"}) + "\n" + json.dumps({"a": "utilize"}) + "\n"
    found = lint(tmp_path, {"speak": SPEAK + "limit = 1\n"}, text, "jsonl")
    assert [where(f) for f in found] == [("pack/speak", 1, 8, 1, 15, "utilize"), ("pack/speak", 2, 8, 2, 15, "utilize")]


def test_once_per_document_reports_the_first_finding_at_1_1(tmp_path):
    text = "# Title\n\nWe utilize, utilize and utilize.\n"
    found = lint(tmp_path, {"speak": SPEAK + "once-per-document = true\n"}, text)
    assert [(f.rule_id, f.span.start.line, f.span.start.column, f.span.end.line, f.span.end.column) for f in found] == [
        ("pack/speak", 1, 1, 1, 1)
    ]
    assert found[0].message == "Avoid 'utilize'." and found[0].fix is None and found[0].scope == "document"
    assert lint(tmp_path / "none", {"speak": SPEAK + "once-per-document = true\n"}, "Fine.\n") == []


def test_negative_limit_is_a_config_error(tmp_path):
    e = config_error(tmp_path, {"speak": SPEAK + "limit = -1\n"})
    assert (e.key, e.line) == ("limit", 3) and "0 (no limit) or more" in e.message
