from __future__ import annotations

import xml.etree.ElementTree as ET

from _reporting import lint, project, report

from brandlint.findings import Finding, Position, Severity, Span
from brandlint.pipeline import FileResult
from brandlint.reporters.base import ReportContext
from brandlint.reporters.junit import JunitReporter


def test_one_suite_per_file_one_case_per_finding_exact(tmp_path):
    root = project(tmp_path)
    (root / "a.md").write_text("Globex & synergy <b>.\n\nSend an e-mail.\n", encoding="utf-8")
    (root / "ok.md").write_text("Fine.\n", encoding="utf-8")
    (root / "notes.rst").write_text("synergy\n", encoding="utf-8")
    results, ctx = lint(root, "a.md", "ok.md", "notes.rst")
    out = report(JunitReporter(), root, results, ctx)
    assert out == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="brandlint" tests="5" failures="3" errors="0" time="0">\n'
        '  <testsuite name="a.md" tests="3" failures="3" errors="0" skipped="0" time="0">\n'
        '    <testcase name="house/no-globex (1:1)" classname="a.md" file="a.md" line="1" time="0">\n'
        '      <failure message="Do not name Globex: 100% off, really." type="error">'
        "a.md:1:1: house/no-globex Do not name Globex: 100% off, really. [error]\n"
        "1 | Globex &amp; synergy &lt;b&gt;.</failure>\n"
        "    </testcase>\n"
        '    <testcase name="house/no-synergy (1:10)" classname="a.md" file="a.md" line="1" time="0">\n'
        '      <failure message="Avoid \'synergy\'." type="warning">'
        "a.md:1:10: house/no-synergy Avoid 'synergy'. [warning]\n"
        "1 | Globex &amp; synergy &lt;b&gt;.</failure>\n"
        "    </testcase>\n"
        '    <testcase name="house/prefer-email (3:9)" classname="a.md" file="a.md" line="3" time="0">\n'
        "      <failure message=\"Use 'email' instead of 'e-mail'.\" type=\"info\">"
        "a.md:3:9: house/prefer-email Use 'email' instead of 'e-mail'. [info]\n"
        "3 | Send an e-mail.\n"
        "fix (safe): Replace 'e-mail' with 'email'</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        '  <testsuite name="ok.md" tests="1" failures="0" errors="0" skipped="0" time="0">\n'
        '    <testcase name="brandlint" classname="ok.md" file="ok.md" time="0"/>\n'
        "  </testsuite>\n"
        '  <testsuite name="notes.rst" tests="1" failures="0" errors="0" skipped="1" time="0">\n'
        '    <testcase name="brandlint" classname="notes.rst" file="notes.rst" time="0">\n'
        "      <skipped message=\"skipped: no format for extension '.rst'\"/>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n"
    )
    tree = ET.fromstring(out.encode("utf-8"))
    assert [s.get("name") for s in tree] == ["a.md", "ok.md", "notes.rst"]
    failure = tree[0][0][0]
    assert failure.text.endswith("1 | Globex & synergy <b>.")


def test_quotes_newlines_and_control_characters_stay_well_formed():
    p = Position(1, 1, 0, 0)
    f = Finding(
        "r/x",
        Severity.WARNING,
        'Say "no" & <stop>\nnow',
        'we"ird&<.md',
        Span(p, p),
        line_text="tab\there \x0b vt \x1b esc",
    )
    out = JunitReporter().report([FileResult('we"ird&<.md', [f], words=3, format="markdown")], ReportContext())
    tree = ET.fromstring(out.encode("utf-8"))  # parses: everything escaped, no raw control chars
    suite = tree[0]
    assert suite.get("name") == 'we"ird&<.md'
    failure = suite[0][0]
    assert failure.get("message") == 'Say "no" & <stop>\nnow'  # the newline survives as &#10;
    assert failure.text.splitlines()[-1] == "1 | tab\there \\x0b vt \\x1b esc"
    assert "\x0b" not in out and "\x1b" not in out


def test_cli_junit(tmp_path, cli):
    project(tmp_path)
    (tmp_path / "a.md").write_text("Synergy.\n", encoding="utf-8")
    r = cli("check", "a.md", "--output-format", "junit", cwd=tmp_path)
    assert r.returncode == 1
    tree = ET.fromstring(r.stdout.encode("utf-8"))
    assert (tree.get("tests"), tree.get("failures")) == ("1", "1")
    assert tree[0][0].get("name") == "house/no-synergy (1:1)"
