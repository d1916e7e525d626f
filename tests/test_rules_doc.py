"""docs/rules.md's option tables are generated from the kinds' schemas and must not drift;
``brandlint explain KIND`` prints a kind's options with types and defaults."""

from __future__ import annotations

from support import ROOT, run_cli

from brandlint.config.packs import COMMON
from brandlint.config.reference import COMMON_DOCS, documented, main, render
from brandlint.plugins.builtin_rules import BUILTIN_KINDS

DOC = ROOT / "docs" / "rules.md"


def test_rules_doc_matches_the_schemas():
    text = DOC.read_text("utf-8")
    kinds = {k.kind: k for k in BUILTIN_KINDS}
    assert render(text, kinds) == text, "run: python -m brandlint.config.reference --write docs/rules.md"
    assert documented(text) == set(kinds)
    assert "<!-- BEGIN options:common -->" in text
    assert list(COMMON_DOCS) == list(COMMON)


def test_check_mode_fails_on_a_drifted_copy(tmp_path, capsys):
    text = DOC.read_text("utf-8").replace("| `append` | boolean | `false` |", "| `append` | boolean | `true` |")
    copy = tmp_path / "rules.md"
    copy.write_text(text, "utf-8")
    assert main([str(copy)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main([str(copy), "--write"]) == 0 and copy.read_text("utf-8") == DOC.read_text("utf-8")
    copy.write_text(text.replace("<!-- BEGIN options:metric -->", "<!-- BEGIN x -->"), "utf-8")
    assert main([str(copy), "--write"]) == 1
    assert "no options block for metric" in capsys.readouterr().err


def test_explain_kind_prints_options_with_types_and_defaults(tmp_path):
    r = run_cli("explain", "existence", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "existence: Report any occurrence of listed words, phrases or RE2 patterns."
    assert "  ignorecase (boolean, default true)" in lines
    assert "  patterns (RE2 pattern array, default empty)" in lines
    assert "  group (integer, default 0)" in lines
    r = run_cli("explain", "metric", cwd=tmp_path)
    assert "  formula (string, default (required))" in r.stdout.splitlines()
    r = run_cli("explain", "existance", cwd=tmp_path)
    assert r.returncode == 2 and "did you mean 'existence'?" in r.stderr
