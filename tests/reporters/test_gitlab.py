from __future__ import annotations

import hashlib
import json

from _reporting import lint, project, report

from brandlint.reporters.gitlab import GitlabReporter


def _fp(*key: str) -> str:
    return hashlib.md5("\x1f".join(key).encode("utf-8")).hexdigest()


def test_code_quality_json_exact(tmp_path):
    root = project(tmp_path)
    (root / "docs").mkdir()
    (root / "docs" / "a.md").write_text("Globex  and\tsynergy.\n\nSend an e-mail.\n", encoding="utf-8")
    (root / "bad.md").write_bytes(b"caf\xe9\n")
    results, ctx = lint(root, "docs", "bad.md")
    issues = json.loads(report(GitlabReporter(), root, results, ctx))
    line = "Globex and synergy."  # whitespace-normalised line text in the fingerprint
    assert issues[:3] == [
        {
            "type": "issue",
            "description": "Do not name Globex: 100% off, really.",
            "check_name": "house/no-globex",
            "categories": ["Style"],
            "fingerprint": _fp("docs/a.md", "house/no-globex", "Globex", line, "0"),
            "severity": "major",
            "location": {
                "path": "docs/a.md",
                "positions": {"begin": {"line": 1, "column": 1}, "end": {"line": 1, "column": 7}},
            },
        },
        {
            "type": "issue",
            "description": "Avoid 'synergy'.",
            "check_name": "house/no-synergy",
            "categories": ["Style"],
            "fingerprint": _fp("docs/a.md", "house/no-synergy", "synergy", line, "0"),
            "severity": "minor",
            "location": {
                "path": "docs/a.md",
                "positions": {"begin": {"line": 1, "column": 13}, "end": {"line": 1, "column": 20}},
            },
        },
        {
            "type": "issue",
            "description": "Use 'email' instead of 'e-mail'.",
            "check_name": "house/prefer-email",
            "categories": ["Style"],
            "fingerprint": _fp("docs/a.md", "house/prefer-email", "e-mail", "Send an e-mail.", "0"),
            "severity": "info",
            "location": {
                "path": "docs/a.md",
                "positions": {"begin": {"line": 3, "column": 9}, "end": {"line": 3, "column": 15}},
            },
        },
    ]
    # the runner's own error (file not checked) is critical
    assert [(i["check_name"], i["severity"], i["location"]["path"]) for i in issues[3:]] == [
        ("brandlint/encoding-error", "critical", "bad.md")
    ]


def test_fingerprints_unique_and_stable_when_lines_move(tmp_path):
    root = project(tmp_path)
    (root / "a.md").write_text("synergy, synergy\n", encoding="utf-8")
    before = json.loads(report(GitlabReporter(), root, *lint(root, "a.md")))
    (root / "a.md").write_text("# Heading\n\nNew text.\n\nsynergy, synergy\n", encoding="utf-8")
    after = json.loads(report(GitlabReporter(), root, *lint(root, "a.md")))
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert len({i["fingerprint"] for i in after}) == 2  # two on one line: occurrence 0 and 1
    assert [i["location"]["positions"]["begin"]["line"] for i in after] == [5, 5]
    assert all(len(i["fingerprint"]) == 32 and int(i["fingerprint"], 16) >= 0 for i in after)


def test_cli_gitlab_empty_run(tmp_path, cli):
    project(tmp_path)
    (tmp_path / "a.md").write_text("Fine.\n", encoding="utf-8")
    r = cli("check", "a.md", "--output-format", "gitlab", cwd=tmp_path)
    assert (r.returncode, r.stdout) == (0, "[]\n")
