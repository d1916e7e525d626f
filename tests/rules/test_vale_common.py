"""Keys every rule takes: Vale's ``limit`` and ``once-per-document`` (one finding at 1:1)."""

from __future__ import annotations

import json

from vale_support import config_error, lint, make_config, where

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


def test_raw_scope_sees_the_markup(tmp_path):
    bold = "kind = \"existence\"\nscope = [\"raw\"]\npatterns = ['\\*\\*[^*\\n]+\\*\\*', '<br\\s*/?>']\n"
    text = "# Title\n\nSome **bold** text<br>\n\n```\nutilize **x**\n```\n"
    found = lint(tmp_path, {"md": bold}, text)
    assert [where(f) for f in found] == [
        ("pack/md", 3, 6, 3, 14, "**bold**"),
        ("pack/md", 3, 19, 3, 23, "<br>"),
        ("pack/md", 6, 9, 6, 14, "**x**"),
    ]
    tokens = SPEAK + 'scope = ["raw"]\n'
    found = lint(tmp_path / "t", {"speak": tokens}, text)
    assert [where(f) for f in found] == [("pack/speak", 6, 1, 6, 8, "utilize")]  # inside a code block
    assert lint(tmp_path / "p", {"speak": SPEAK}, text) == []  # prose scopes skip code


def test_raw_scope_occurrence_counts_markup(tmp_path):
    rule = 'kind = "occurrence"\nscope = ["raw"]\npatterns = [\'(?m)^#{1,6} \']\nmax = 2\n'
    found = lint(tmp_path, {"h": rule}, "# A\n\n## B\n\n## C\n")
    assert [where(f) for f in found] == [("pack/h", 5, 1, 5, 4, "## ")]


def test_a_raw_scoped_rule_is_not_cached_per_segment_by_the_language_server(tmp_path):
    from brandlint.config.settings import load_settings
    from brandlint.lsp.linting import is_segment_local

    cfg = make_config(tmp_path, {"raw": SPEAK + 'scope = ["raw"]\n', "prose": SPEAK})
    rules = {r.id: r for r in load_settings(cfg).all_rules}
    assert not is_segment_local(rules["pack/raw"]) and is_segment_local(rules["pack/prose"])


def test_suppressed_findings_do_not_count_towards_the_limit(tmp_path):
    text = "<!-- brandlint-disable-next-line pack/speak -->\nWe utilize it.\n\nThen utilize more and utilize.\n"
    found = lint(tmp_path, {"speak": SPEAK + "limit = 1\n"}, text)
    assert [where(f) for f in found] == [("pack/speak", 4, 6, 4, 13, "utilize")]
    once = lint(tmp_path / "o", {"speak": SPEAK + "once-per-document = true\n"}, "# Title\n\nWe utilize it.\n")
    assert once[0].line_text == "# Title"
