"""The CLI side of the CI outputs: scores in text and JSON, -o/--output-file, --fail-under."""

from __future__ import annotations

import json

import pytest
from _reporting import project

FINDINGS = (
    "a.md:1:1: house/no-globex Do not name Globex: 100% off, really. [error]\n"
    "  |\n1 | Globex and synergy.\n  | ^^^^^^\n\n"
    "a.md:1:12: house/no-synergy Avoid 'synergy'. [warning]\n"
    "  |\n1 | Globex and synergy.\n  |            ^^^^^^^\n\n"
)
B_FINDING = (
    "b.md:1:9: house/prefer-email [*] Use 'email' instead of 'e-mail'. [info]\n"
    "  |\n1 | Send an e-mail.\n  |         ^^^^^^\n  = fix (safe): Replace 'e-mail' with 'email'\n\n"
)
SUMMARY = (
    "Found 3 findings (1 error, 1 warning, 1 info) in 3 files.\n[*] 1 fixable with `brandlint fix`.\nScore: 87.5/100\n"
)


@pytest.fixture
def three_files(tmp_path):
    root = project(tmp_path)
    (root / "a.md").write_text("Globex and synergy.\n", encoding="utf-8")  # 5 + 2 in 3 (100) words: 65
    (root / "b.md").write_text("Send an e-mail.\n", encoding="utf-8")  # 0.5: 97.5
    (root / "ok.md").write_text("Fine.\n", encoding="utf-8")  # 100
    return root  # overall: 7.5 over 3 x 100 words -> 100 - 5 x 2.5 = 87.5


def test_text_shows_per_file_and_overall_score(three_files, cli):
    r = cli("check", "a.md", "b.md", "ok.md", cwd=three_files)
    assert r.returncode == 1
    assert r.stdout == (
        FINDINGS
        + "a.md: score 65/100 (2 findings in 3 words)\n\n"
        + B_FINDING
        + "b.md: score 97.5/100 (1 finding in 3 words)\n\n"
        + SUMMARY
    )
    r = cli("check", "a.md", "b.md", "ok.md", "-q", cwd=three_files)
    assert r.stdout == FINDINGS + B_FINDING  # quiet: no summary, no scores
    r = cli("check", "ok.md", cwd=three_files)
    assert (r.returncode, r.stdout) == (0, "All checks passed (1 file checked).\nScore: 100/100\n")


def test_json_carries_scores(three_files, cli):
    (three_files / "notes.rst").write_text("x\n", encoding="utf-8")
    r = cli("check", "a.md", "b.md", "ok.md", "notes.rst", "--output-format", "json", cwd=three_files)
    data = json.loads(r.stdout)
    assert (data["score"], data["words"]) == (87.5, 7)
    assert [(f["path"], f["words"], f["findings"], f["score"]) for f in data["files"]] == [
        ("a.md", 3, 2, 65.0),
        ("b.md", 3, 1, 97.5),
        ("ok.md", 1, 0, 100.0),
        ("notes.rst", 0, 0, None),
    ]


def test_output_file_gets_the_report_console_the_summary(three_files, cli):
    r = cli("check", "a.md", "b.md", "ok.md", "--output-format", "sarif", "-o", "reports/out.sarif", cwd=three_files)
    assert r.returncode == 1, r.stderr
    assert (
        r.stdout
        == "Found 3 findings (1 error, 1 warning, 1 info) in 3 files.\n[*] 1 fixable with `brandlint fix`.\nScore: 87.5/100\n"
    )
    written = (three_files / "reports" / "out.sarif").read_text(encoding="utf-8")
    direct = cli("check", "a.md", "b.md", "ok.md", "--output-format", "sarif", cwd=three_files).stdout
    assert written == direct
    assert json.loads(written)["runs"][0]["properties"]["score"] == 87.5
    # text to a file: the whole report there, uncoloured; -q keeps the console silent
    r = cli("check", "a.md", "--output-file", "report.txt", "-q", cwd=three_files)
    assert (r.returncode, r.stdout) == (1, "")
    assert (three_files / "report.txt").read_text(encoding="utf-8") == FINDINGS
    # an unwritable destination is a clear error
    (three_files / "blocker").write_text("", encoding="utf-8")
    r = cli("check", "a.md", "-o", "blocker/out.json", "--output-format", "json", cwd=three_files)
    assert r.returncode == 2
    assert r.stderr.startswith("error: cannot write the report to blocker/out.json: ")


def test_fail_under_gate(three_files, cli):
    r = cli("check", "a.md", "b.md", "ok.md", "--fail-under", "90", "--exit-zero", "-q", cwd=three_files)
    assert r.returncode == 1  # the gate applies even with --exit-zero
    assert r.stderr == "Score 87.5/100 is below fail-under 90.\n"
    r = cli("check", "a.md", "b.md", "ok.md", "--fail-under", "87.5", "--exit-zero", "-q", cwd=three_files)
    assert (r.returncode, r.stderr) == (0, "")
    r = cli("check", "b.md", "--fail-under", "97.5", cwd=three_files)
    assert r.returncode == 0  # 97.5 is not below 97.5, and an info does not fail the run
    r = cli("check", "a.md", "--fail-under", "101", cwd=three_files)
    assert r.returncode == 2
    assert "argument --fail-under: expected a score from 0 to 100, got 101" in r.stderr


def test_explain_score(cli, tmp_path):
    r = cli("explain", "score", cwd=tmp_path)
    assert r.returncode == 0
    assert "score    = max(0, 100 - 5 x density)" in r.stdout
    assert "weighted = 5 x errors + 2 x warnings + 0.5 x info" in r.stdout


def test_unknown_format_lists_the_ci_formats(three_files, cli):
    r = cli("check", "a.md", "--output-format", "sarif2", cwd=three_files)
    assert r.returncode == 2
    assert r.stderr == (
        "error: unknown output format 'sarif2': choose from concise, full, github, github-summary, gitlab, "
        "json, json-lines, junit, rdjson, sarif, text\n"
    )


def test_fail_under_from_config(three_files, cli):
    cfg = three_files / "brandlint.toml"
    cfg.write_text(cfg.read_text() + "fail-under = 90\n")
    r = cli("check", "a.md", "b.md", "ok.md", "--exit-zero", "-q", cwd=three_files)
    assert r.returncode == 1
    assert r.stderr == "Score 87.5/100 is below fail-under 90.\n"
