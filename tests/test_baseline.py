from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import write

from brandlint.baseline import apply_baseline, fingerprint, fingerprints, load_baseline, write_baseline
from brandlint.errors import BrandlintError

PACK = {
    "no-synergy.toml": 'kind = "existence"\nmessage = "Avoid \'{match}\'."\ntokens = ["synergy"]\n',
    "no-globex.toml": 'kind = "existence"\nseverity = "error"\nmessage = "No {match}."\ntokens = ["Globex"]\n',
}
DOC = "# Guide\n\nGlobex and synergy.\n\nMore  synergy here.\n"


def project(root: Path) -> Path:
    for name, text in PACK.items():
        write(root / "rules" / "house" / name, text)
    write(root / "brandlint.toml", 'packs = ["rules/house"]\n')
    write(root / "docs" / "a.md", DOC)
    return root


def test_write_then_only_new_findings_are_reported(tmp_path, cli):
    root = project(tmp_path)
    r = cli("check", "docs", "--write-baseline", "brandlint-baseline.json", cwd=root)
    assert (r.returncode, r.stdout) == (0, "All checks passed (1 file checked).\nScore: 100/100\n")
    assert r.stderr == "Wrote 3 findings to the baseline brandlint-baseline.json.\n"
    data = json.loads((root / "brandlint-baseline.json").read_text(encoding="utf-8"))
    assert data["brandlint-baseline"] == 1 and data["version"] == "0.1.0"
    assert data["findings"] == [
        {
            "fingerprint": fingerprint(("docs/a.md", "house/no-globex", "Globex", "Globex and synergy.", "0")),
            "path": "docs/a.md",
            "rule": "house/no-globex",
            "matched": "Globex",
            "line": 3,
            "message": "No Globex.",
        },
        {
            "fingerprint": fingerprint(("docs/a.md", "house/no-synergy", "synergy", "Globex and synergy.", "0")),
            "path": "docs/a.md",
            "rule": "house/no-synergy",
            "matched": "synergy",
            "line": 3,
            "message": "Avoid 'synergy'.",
        },
        {
            "fingerprint": fingerprint(("docs/a.md", "house/no-synergy", "synergy", "More synergy here.", "0")),
            "path": "docs/a.md",
            "rule": "house/no-synergy",
            "matched": "synergy",
            "line": 5,
            "message": "Avoid 'synergy'.",
        },
    ]

    # lines inserted above, paragraphs swapped, whitespace changed: nothing new
    write(
        root / "docs" / "a.md",
        "# Guide\n\nA new intro.\n\nAnother one.\n\nMore synergy   here.\n\nGlobex and synergy.\n",
    )
    r = cli("check", "docs", "--baseline", "brandlint-baseline.json", cwd=root)
    assert (r.returncode, r.stdout) == (0, "All checks passed (1 file checked).\nScore: 100/100\n")
    r = cli(
        "check",
        "docs",
        "--baseline",
        "brandlint-baseline.json",
        "--show-suppressed",
        "--output-format",
        "concise",
        "-q",
        cwd=root,
    )
    assert r.stdout.splitlines()[0] == (
        "docs/a.md:7:6: house/no-synergy Avoid 'synergy'. [warning] (suppressed: in baseline brandlint-baseline.json)"
    )

    # a new bad word, and one more copy of a baselined line: exactly those two are new
    write(
        root / "docs" / "a.md",
        "# Guide\n\nA new intro with synergy.\n\nMore synergy here.\n\nGlobex and synergy.\n\nMore synergy here.\n",
    )
    r = cli("check", "docs", "--baseline", "brandlint-baseline.json", "--output-format", "concise", cwd=root)
    assert r.returncode == 1
    assert r.stdout == (
        "docs/a.md:3:18: house/no-synergy Avoid 'synergy'. [warning]\n"
        "docs/a.md:9:6: house/no-synergy Avoid 'synergy'. [warning]\n"
        "Found 2 findings (2 warnings) in 1 file.\n3 suppressed.\nScore: 80/100\n"
    )


def test_paths_are_relative_to_the_baseline_file(tmp_path, cli):
    root = project(tmp_path)
    assert cli("check", "docs/a.md", "--write-baseline", "ci/baseline.json", cwd=root).returncode == 0
    assert json.loads((root / "ci" / "baseline.json").read_text())["findings"][0]["path"] == "../docs/a.md"
    # the same files linted from another directory, named another way, still match
    r = cli("check", "a.md", "--baseline", "../ci/baseline.json", cwd=root / "docs")
    assert (r.returncode, r.stdout.splitlines()[0]) == (0, "All checks passed (1 file checked).")
    r = cli("check", str(root / "docs"), "--baseline", str(root / "ci" / "baseline.json"), cwd=root / "ci")
    assert r.returncode == 0, r.stdout


def test_sarif_baseline_state(tmp_path, cli):
    root = project(tmp_path)
    cli("check", "docs", "--write-baseline", "b.json", cwd=root)
    write(root / "docs" / "a.md", DOC + "\nNew synergy.\n")
    r = cli("check", "docs", "--baseline", "b.json", "--output-format", "sarif", cwd=root)
    assert r.returncode == 1
    results = json.loads(r.stdout)["runs"][0]["results"]
    assert [
        (
            x["locations"][0]["physicalLocation"]["region"]["startLine"],
            x.get("baselineState"),
            [s["kind"] for s in x.get("suppressions", [])],
        )
        for x in results
    ] == [
        (3, "unchanged", ["external"]),
        (3, "unchanged", ["external"]),
        (5, "unchanged", ["external"]),
        (7, "new", []),
    ]
    assert results[0]["suppressions"][0]["justification"] == "in baseline b.json"


def test_long_json_lines_match_by_pointer(tmp_path):
    """A JSONL record's line changes with any field; the pointer (indices as *) stands in."""
    from brandlint.pipeline import RunOptions, lint_paths

    root = project(tmp_path)
    write(root / "brandlint.toml", 'packs = ["rules/house"]\n[formats.jsonl]\nprose = ["$.output"]\n')
    rec = lambda other, text: json.dumps({"output": text, "other": other}) + "\n"
    write(root / "d.jsonl", rec("x" * 600, "Globex rocks.") + rec("y", "Globex short."))
    opts = RunOptions(cwd=root)
    results = list(lint_paths([root / "d.jsonl"], options=opts))
    assert [f.json_pointer for f in results[0].findings] == ["/output", "/output"]
    write_baseline(root / "b.json", results)
    write(root / "d.jsonl", rec("z" * 700, "Globex rocks.") + rec("changed", "Globex short."))
    results = list(lint_paths([root / "d.jsonl"], options=opts))
    assert apply_baseline(results, root / "b.json") == 1  # the long line matched, the short one changed
    assert [f.suppression is None for f in results[0].findings] == [False, True]


def test_fingerprints_ignore_positions_and_whitespace():
    from brandlint.findings import Finding, Position, Severity, Span

    def f(line, text):
        p = Position(line, 1, 0, 0)
        return Finding("r/x", Severity.WARNING, "m", "a.md", Span(p, p), matched="Syn", line_text=text)

    a = fingerprints([f(3, "Syn  and\tmore"), f(3, "Syn  and\tmore")])
    b = fingerprints([f(40, " Syn and more "), f(41, "Syn and more")])
    assert a == b and a[0] != a[1]


@pytest.mark.parametrize(
    "content, message",
    [
        (
            '{"brandlint-baseline": 1, "findings": [\n  {"fingerprint": "x"},\n]}',
            "b.json:3:1: invalid baseline JSON (",
        ),  # the parser's reason varies by Python version
        ("[]", 'b.json: not a brandlint baseline (expected a JSON object with "brandlint-baseline": 1)'),
        ('{"brandlint-baseline": 1, "findings": {}}', 'b.json: "findings" must be a list'),
        (
            '{"brandlint-baseline": 1, "findings": [{"fingerprint": "a"}, {"path": "x"}]}',
            'b.json: findings[1] has no "fingerprint" string',
        ),
    ],
)
def test_bad_baseline_files_are_clear_errors(tmp_path, cli, content, message):
    root = project(tmp_path)
    write(root / "b.json", content)
    r = cli("check", "docs", "--baseline", "b.json", cwd=root)
    assert r.returncode == 2
    tail = "; regenerate it with `brandlint check --write-baseline b.json`\n"
    if message.endswith("("):
        assert r.stderr.startswith(f"error: {message}") and r.stderr.endswith(")" + tail)
        assert r.stderr.count("\n") == 1
    else:
        assert r.stderr == f"error: {message}{tail}"


def test_missing_baseline_and_exclusive_options(tmp_path, cli):
    root = project(tmp_path)
    r = cli("check", "docs", "--baseline", "nope.json", cwd=root)
    assert r.returncode == 2
    assert r.stderr == (
        "error: baseline file not found: nope.json (create it with `brandlint check --write-baseline nope.json`)\n"
    )
    r = cli("check", "docs", "--baseline", "a.json", "--write-baseline", "b.json", cwd=root)
    assert r.returncode == 2 and "not allowed with argument" in r.stderr
    with pytest.raises(BrandlintError):
        load_baseline(root / "missing.json")
