from __future__ import annotations

from _reporting import lint, project, report

from brandlint.findings import Finding, Position, Severity, Span
from brandlint.pipeline import FileResult
from brandlint.reporters.base import ReportContext
from brandlint.reporters.github import GithubReporter, escape_data, escape_property


def test_escaping_of_data_and_properties():
    assert escape_data("50% off\r\nnext: a, b") == "50%25 off%0D%0Anext: a, b"
    assert escape_property("50% off\r\nnext: a, b") == "50%25 off%0D%0Anext%3A a%2C b"
    p, q = Position(2, 3, 10, 10), Position(2, 9, 16, 16)
    f = Finding("house/x,y:z", Severity.ERROR, "50% off\r\nnext: line, ok", "dir,a/b:c.md", Span(p, q))
    out = GithubReporter().report(
        [FileResult("dir,a/b:c.md", [f], words=5, format="markdown")], ReportContext(quiet=True)
    )
    assert out == (
        "::error file=dir%2Ca/b%3Ac.md,line=2,endLine=2,col=3,endColumn=9,"
        "title=house/x%2Cy%3Az::50%25 off%0D%0Anext: line, ok\n"
    )


def test_multi_line_findings_carry_lines_only_and_suppressed_are_not_annotated():
    a, b = Position(4, 7, 30, 30), Position(5, 3, 40, 40)
    multi = Finding("house/r", Severity.INFO, "Spans lines.", "a.md", Span(a, b))
    from brandlint.findings import Suppression

    hidden = Finding("house/r", Severity.ERROR, "Hidden.", "a.md", Span(a, a), suppression=Suppression("inline", ""))
    out = GithubReporter().report(
        [FileResult("a.md", [multi, hidden], words=5, format="markdown")], ReportContext(quiet=True)
    )
    assert out == "::notice file=a.md,line=4,endLine=5,title=house/r::Spans lines.\n"


def test_ten_per_severity_ordered_by_severity_with_closing_notice(tmp_path):
    root = project(tmp_path)
    lines = ["Globex here."] * 12 + ["We synergy."] * 11 + ["An e-mail."] * 10
    (root / "a.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    results, ctx = lint(root, "a.md")
    out = report(GithubReporter(), root, results, ctx).splitlines()
    err = "::error file=a.md,line={0},endLine={0},col=1,endColumn=7,title=house/no-globex::Do not name Globex: 100%25 off, really."
    warn = "::warning file=a.md,line={0},endLine={0},col=4,endColumn=11,title=house/no-synergy::Avoid 'synergy'."
    note = "::notice file=a.md,line={0},endLine={0},col=4,endColumn=10,title=house/prefer-email::Use 'email' instead of 'e-mail'."
    expected = (
        [err.format(n) for n in range(1, 11)]
        + [warn.format(n) for n in range(13, 23)]
        # nine notices: the tenth place is kept for the closing notice, which GitHub must show
        + [note.format(n) for n in range(24, 33)]
        + [
            "a.md:11:1: house/no-globex Do not name Globex: 100% off, really. [error]",
            "a.md:12:1: house/no-globex Do not name Globex: 100% off, really. [error]",
            "a.md:23:4: house/no-synergy Avoid 'synergy'. [warning]",
            "a.md:33:4: house/prefer-email Use 'email' instead of 'e-mail'. [info]",
            "::notice::4 more findings not shown as annotations (2 errors, 1 warning, 1 info): "
            "GitHub shows 10 per severity per step; they are listed in the log above",
            "Found 33 findings (12 errors, 11 warnings, 10 info) in 1 file.",
            "[*] 10 fixable with `brandlint fix`.",
            "Score: 0/100",
        ]
    )
    assert out == expected
    assert sum(1 for l in out if l.startswith("::notice")) == 10


def test_under_the_limit_all_annotated_no_closing_notice(tmp_path, cli):
    project(tmp_path)
    (tmp_path / "a.md").write_text("Globex and synergy.\n", encoding="utf-8")
    r = cli("check", "a.md", "--output-format", "github", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout == (
        "::error file=a.md,line=1,endLine=1,col=1,endColumn=7,title=house/no-globex::Do not name Globex: 100%25 off, really.\n"
        "::warning file=a.md,line=1,endLine=1,col=12,endColumn=19,title=house/no-synergy::Avoid 'synergy'.\n"
        "Found 2 findings (1 error, 1 warning) in 1 file.\n"
        "Score: 65/100\n"
    )
