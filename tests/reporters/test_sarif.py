from __future__ import annotations

import gzip
import hashlib
import json
import random
import string
import subprocess
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from _reporting import lint, project, report

from brandlint.findings import Applicability, Edit, Finding, Fix, Position, Severity, Span, Suppression
from brandlint.reporters.base import ReportContext
from brandlint.reporters.sarif import SarifReporter
from brandlint.reporters.sarif_objects import GITHUB, artifact_location, clip, rule_descriptor, source_root
from brandlint.results import FileResult

GUIDE = (
    "# Guide\n\nOur 😀 synergy, and e-mail.\n\n"
    "<!-- brandlint-disable-next-line house/no-synergy -- legacy copy -->\nMore synergy.\n"
)
DATA = '{"meta": {"note": "synergy"}, "title": "Globex"}\n'
POINTER_IGNORES = '[pointer-ignores]\n"/meta/*" = ["house/no-synergy"]\n'


@pytest.fixture(scope="module")
def validator():
    from support import SHARED

    path = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not path.is_file():
        pytest.skip("../shared/schemas/sarif-schema-2.1.0.json is not present")
    schema = json.loads(path.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)  # the schema declares draft-04
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _sarif(tmp_path, *paths, config=POINTER_IGNORES, **ctx):
    root = project(tmp_path, config)
    results, rctx = lint(root, *paths, **ctx)
    text = report(SarifReporter(), root, results, rctx)
    return json.loads(text), text


def _line_hash(rule: str, line: str, n: int) -> str:
    return hashlib.sha256(f"{rule}\x1f{' '.join(line.split())}".encode()).hexdigest()[:16] + f":{n}"


def _loc(uri: str) -> dict:
    return {"uri": uri, "uriBaseId": "%SRCROOT%"}


def test_sarif_document_is_schema_valid_and_exact(tmp_path, validator):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text(GUIDE, encoding="utf-8")
    (tmp_path / "docs" / "data.json").write_text(DATA, encoding="utf-8")
    sarif, text = _sarif(tmp_path, "docs")
    validator.validate(sarif)
    assert text.endswith("}\n")
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    assert run["columnKind"] == "utf16CodeUnits"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.resolve().as_uri() + "/"}}
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["semanticVersion"]) == ("brandlint", "0.1.0", "0.1.0")
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == ["house/no-globex", "house/no-synergy", "house/prefer-email"]
    synergy = driver["rules"][1]
    help_md = (
        "# house/no-synergy\n\n## What it does\nFlags the word synergy.\n\n## Why is this bad?\nIt is jargon.\n\n"
        "## Example\nOur synergy.\n\n## Use instead\nOur teamwork.\n\nSee also: https://example.com/style#synergy\n"
    )
    assert synergy == {
        "id": "house/no-synergy",
        "name": "house/no-synergy",
        "shortDescription": {"text": "Flags the word synergy."},
        "fullDescription": {"text": "Flags the word synergy.\n\nIt is jargon."},
        "help": {"text": help_md, "markdown": help_md},
        "defaultConfiguration": {"level": "warning"},
        "properties": {
            "tags": ["brandlint", "house", "existence"],
            "kind": "existence",
            "pack": "house",
            "precision": "high",
            "problem.severity": "warning",
        },
        "helpUri": "https://example.com/style#synergy",
    }
    assert driver["rules"][0]["properties"]["problem.severity"] == "error"
    # a rule file without a description falls back to its kind's summary, never to an empty text
    assert driver["rules"][2]["shortDescription"]["text"].startswith("Replace listed terms")
    assert driver["rules"][2]["defaultConfiguration"] == {"level": "note"}
    assert (driver["rules"][2]["properties"]["precision"], driver["rules"][2]["properties"]["problem.severity"]) == (
        "high",
        "recommendation",
    )

    res = run["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in res] == [
        ("house/no-synergy", 1, "warning"),
        ("house/no-globex", 0, "error"),
        ("house/no-synergy", 1, "warning"),
        ("house/prefer-email", 2, "note"),
        ("house/no-synergy", 1, "warning"),
    ]
    # the pointer-ignored finding: external suppression with the config's reason
    assert res[0]["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "pointer-ignores: /meta/note"}
    ]
    assert res[0]["properties"] == {"scope": "json", "jsonPointer": "/meta/note"}
    assert res[1]["message"] == {"text": "Do not name Globex: 100% off, really."}
    assert res[1]["locations"][0]["physicalLocation"] == {
        "artifactLocation": _loc("docs/data.json"),
        "region": {"startLine": 1, "startColumn": 41, "endLine": 1, "endColumn": 47, "byteOffset": 40, "byteLength": 6},
    }
    assert "suppressions" not in res[1]
    # UTF-16 columns: the emoji before "synergy" is two code units (one code point); the byte
    # offset counts its four UTF-8 bytes ("# Guide\n\n" is 9 bytes, "Our " 4, the emoji 4, " " 1)
    assert res[2]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3,
        "startColumn": 8,
        "endLine": 3,
        "endColumn": 15,
        "byteOffset": 18,
        "byteLength": 7,
    }
    assert GUIDE.encode()[18:25] == b"synergy"
    assert res[2]["partialFingerprints"]["primaryLocationLineHash"] == _line_hash(
        "house/no-synergy", "Our 😀 synergy, and e-mail.", 1
    )
    assert res[3]["fixes"] == [
        {
            "description": {"text": "Replace 'e-mail' with 'email'"},
            "artifactChanges": [
                {
                    "artifactLocation": _loc("docs/guide.md"),
                    "replacements": [
                        {
                            "deletedRegion": {
                                "startLine": 3,
                                "startColumn": 21,
                                "endLine": 3,
                                "endColumn": 27,
                                "byteOffset": 31,
                                "byteLength": 6,
                            },
                            "insertedContent": {"text": "email"},
                        }
                    ],
                }
            ],
            "properties": {"applicability": "safe"},
        }
    ]
    assert GUIDE.encode()[31:37] == b"e-mail"
    assert res[4]["suppressions"] == [{"kind": "inSource", "status": "accepted", "justification": "legacy copy"}]
    assert res[4]["locations"][0]["physicalLocation"]["region"]["startLine"] == 6
    # the score: guide.md 2 + 0.5 weighted in 100 words -> 87.5; data.json 5 -> 75;
    # overall 7.5 / 200 -> 81.25, rounded half up
    props = run["properties"]
    assert (props["score"], props["words"]) == (81.3, 10)
    assert props["fileScores"] == {"docs/data.json": 75.0, "docs/guide.md": 87.5}
    assert "max(words, 100)" in props["scoreFormula"]


def test_utf16_columns_after_astral_characters_and_on_a_span_end_line(tmp_path, validator):
    """The issue's example: column 7 in code points is column 9 in UTF-16 after two emoji. A span
    that ends on a later line converts its end column with that line's own text."""
    root = project(tmp_path)
    (root / "rules" / "house" / "long.toml").write_text(
        'kind = "sentence-length"\nseverity = "info"\nmax = 5\n', encoding="utf-8"
    )
    doc = "Hi 😀😀 synergy.\n\nA 🇫🇷 sentence that wraps\nonto 𝒳 the next line and on.\n"
    (root / "a.md").write_text(doc, encoding="utf-8")
    results, ctx = lint(root, "a.md")
    (syn, long) = sorted(results[0].findings, key=lambda f: f.rule_id, reverse=True)
    assert (syn.span.start.column, syn.span.end.column) == (7, 14)
    assert (long.span.start.line, long.span.end.line, long.span.end.column) == (3, 4, 29)
    assert (long.line_text, long.end_line_text) == ("A 🇫🇷 sentence that wraps", "onto 𝒳 the next line and on.")
    sarif = json.loads(report(SarifReporter(), root, results, ctx))
    validator.validate(sarif)
    regions = {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"] for r in sarif["runs"][0]["results"]}
    assert regions["house/no-synergy"] == {
        "startLine": 1,
        "startColumn": 9,
        "endLine": 1,
        "endColumn": 16,
        "byteOffset": 12,
        "byteLength": 7,
    }
    # the sentence starts at "A" (column 1) and ends after "on." on the next line: "onto " (5) +
    # 𝒳 (one code point, two UTF-16 units) + " the next line and on." (22) -> column 29 in code
    # points, 30 in UTF-16. Its bytes: 22 before it, 62 in it (the flag is 8, 𝒳 4).
    assert regions["house/long"] == {
        "startLine": 3,
        "startColumn": 1,
        "endLine": 4,
        "endColumn": 30,
        "byteOffset": 22,
        "byteLength": 62,
    }
    assert doc.encode()[22 : 22 + 62].decode() == "A 🇫🇷 sentence that wraps\nonto 𝒳 the next line and on."


def test_line_hash_survives_moves_and_counts_occurrences(tmp_path, validator):
    (tmp_path / "a.md").write_text("Synergy and synergy.\n\nMore synergy.\n", encoding="utf-8")
    before, _ = _sarif(tmp_path, "a.md")
    (tmp_path / "a.md").write_text(
        "# New heading\n\nIntro.\n\nSynergy and synergy.\n\nMore synergy.\n", encoding="utf-8"
    )
    after, _ = _sarif(tmp_path, "a.md")
    validator.validate(after)

    def prints(sarif):
        return [
            (r["partialFingerprints"]["primaryLocationLineHash"], r["partialFingerprints"]["brandlint/v1"])
            for r in sarif["runs"][0]["results"]
        ]

    assert prints(before) == prints(after)
    hashes = [p[0] for p in prints(after)]
    first = _line_hash("house/no-synergy", "Synergy and synergy.", 1)
    assert hashes == [first, first[:-1] + "2", _line_hash("house/no-synergy", "More synergy.", 1)]
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after["runs"][0]["results"]]
    assert lines == [5, 5, 7]


def test_no_findings_is_valid_with_empty_results(tmp_path, validator):
    (tmp_path / "ok.md").write_text("All good here.\n", encoding="utf-8")
    (tmp_path / "notes.rst").write_text("synergy\n", encoding="utf-8")
    sarif, _ = _sarif(tmp_path, "ok.md", "notes.rst")
    validator.validate(sarif)
    run = sarif["runs"][0]
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []
    assert run["invocations"] == [
        {
            "executionSuccessful": True,
            "toolExecutionNotifications": [
                {
                    "level": "note",
                    "message": {"text": "skipped: no format for extension '.rst'"},
                    "locations": [{"physicalLocation": {"artifactLocation": _loc("notes.rst")}}],
                }
            ],
        }
    ]
    assert run["properties"]["score"] == 100.0
    assert run["properties"]["fileScores"] == {"ok.md": 100.0}


def test_builtin_errors_baseline_state_and_unsafe_fix(tmp_path, validator):
    """Runner errors get a synthetic rule; results carry baselineState with a baseline."""
    root = project(tmp_path)
    (root / "bad.md").write_bytes(b"caf\xe9 synergy\n")
    results, ctx = lint(root, "bad.md")
    ctx.baseline = "brandlint-baseline.json"
    p = Position(1, 1, 0, 0)
    results[0].findings.append(
        Finding(
            "house/no-synergy",
            Severity.WARNING,
            "Avoid it.",
            "bad.md",
            Span(p, Position(1, 4, 3, 3)),
            fix=Fix((Edit(0, 3, ""),), Applicability.UNSAFE, "Delete it"),
            line_text="caf synergy",
        )
    )
    sarif = json.loads(report(SarifReporter(), root, results, ctx))
    validator.validate(sarif)
    run = sarif["runs"][0]
    enc = run["tool"]["driver"]["rules"][0]
    assert enc["id"] == "brandlint/encoding-error"
    assert enc["shortDescription"] == {"text": "The file is not valid UTF-8, so it was not linted."}
    assert enc["properties"] == {"tags": ["brandlint"], "precision": "very-high", "problem.severity": "error"}
    assert [r["baselineState"] for r in run["results"]] == ["new", "new"]
    (fix,) = run["results"][1]["fixes"]
    assert fix["properties"] == {"applicability": "unsafe"}
    # a pure deletion has no insertedContent
    assert fix["artifactChanges"][0]["replacements"] == [
        {
            "deletedRegion": {
                "startLine": 1,
                "startColumn": 1,
                "endLine": 1,
                "endColumn": 4,
                "byteOffset": 0,
                "byteLength": 3,
            }
        }
    ]


def test_fix_edits_on_the_line_in_utf16_and_unplaceable_fixes_left_out(tmp_path, validator):
    line = "x 😀 colour and 😀 flavour"
    # line 2 starts at offset 4, byte 4; "colour" is code points 8-14 of the file, bytes 11-17
    s, e = Position(2, 5, 8, 11), Position(2, 11, 14, 17)
    f = Finding(
        "house/spelling",
        Severity.INFO,
        "Use US spelling.",
        "a.md",
        Span(s, e),
        line_text=line,
        fix=Fix((Edit(8, 14, "color"), Edit(21, 28, "flavor")), Applicability.SAFE, "US spelling"),
    )
    far = Finding(
        "house/spelling",
        Severity.INFO,
        "Use US spelling.",
        "a.md",
        Span(s, e),
        line_text=line,
        fix=Fix((Edit(8, 14, "color"), Edit(40, 41, "")), Applicability.SAFE, "also elsewhere"),
    )
    sarif = SarifReporter().sarif(
        [FileResult("a.md", [f, far], words=6, format="markdown")], ReportContext(version="0.1.0", root=str(tmp_path))
    )
    validator.validate(sarif)
    (with_fix, without) = sarif["runs"][0]["results"]
    assert [r["deletedRegion"] for r in with_fix["fixes"][0]["artifactChanges"][0]["replacements"]] == [
        {"startLine": 2, "startColumn": 6, "endLine": 2, "endColumn": 12, "byteOffset": 11, "byteLength": 6},
        {"startLine": 2, "startColumn": 20, "endLine": 2, "endColumn": 27, "byteOffset": 27, "byteLength": 7},
    ]
    assert line.encode()[11 - 4 : 17 - 4] == b"colour"
    assert line.encode()[27 - 4 : 34 - 4] == b"flavour"
    # an edit outside the lines the finding carries cannot be placed: no partial fix
    assert "fixes" not in without


def test_srcroot_is_the_repository_root_whatever_directory_the_command_ran_from(tmp_path, cli, validator):
    repo = tmp_path / "repo"
    site = repo / "site"
    (site / "content" / "blog").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    project(site)  # the config lives in a sub-directory of the repository
    (site / "content" / "blog" / "my post.md").write_text("Synergy.\n", encoding="utf-8")
    (site / "content" / "a.md").write_text("More synergy.\n", encoding="utf-8")
    runs = {}
    for cwd, args in ((repo, ["site/content"]), (site, ["content"]), (site / "content" / "blog", [".", "../a.md"])):
        r = cli("check", *args, "--output-format", "sarif", cwd=cwd)
        assert (r.returncode, r.stderr) == (1, ""), r.stderr
        sarif = json.loads(r.stdout)
        validator.validate(sarif)
        runs[cwd] = sarif["runs"][0]
    uris = {
        cwd: sorted(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in run["results"])
        for cwd, run in runs.items()
    }
    assert set(map(tuple, uris.values())) == {("site/content/a.md", "site/content/blog/my%20post.md")}
    assert {json.dumps(run["originalUriBaseIds"]) for run in runs.values()} == {
        json.dumps({"%SRCROOT%": {"uri": repo.resolve().as_uri() + "/"}})
    }
    assert {tuple(sorted(run["properties"]["fileScores"])) for run in runs.values()} == {
        ("site/content/a.md", "site/content/blog/my post.md")
    }


def test_artifact_locations_and_source_root(tmp_path, monkeypatch):
    root = tmp_path.resolve()
    (root / "sub").mkdir()
    monkeypatch.chdir(root / "sub")
    assert artifact_location("docs/my file é.md", root) == _loc("sub/docs/my%20file%20%C3%A9.md")
    assert artifact_location("./x.md", root) == _loc("sub/x.md")
    assert artifact_location("../y.md", root) == _loc("y.md")
    assert artifact_location(str(root / "z.md"), root) == _loc("z.md")
    assert artifact_location("/elsewhere/x y.md", root) == {"uri": "file:///elsewhere/x%20y.md"}
    assert source_root(root / "sub") == root / "sub"  # no git work tree above it
    (root / ".git").write_text("gitdir: /somewhere/else\n", encoding="utf-8")  # a worktree's .git file
    assert source_root(root / "sub") == root


def test_rule_precision_override_and_github_text_limits(tmp_path):
    root = project(tmp_path)
    results, ctx = lint(root)
    rule = ctx.rules["house/no-synergy"]
    rule.precision = "low"  # a kind (or plugin rule) may declare its own
    assert rule_descriptor("house/no-synergy", rule)["properties"]["precision"] == "low"
    rule.precision = "nonsense"  # not one of GitHub's four values: the kind's default
    assert rule_descriptor("house/no-synergy", rule)["properties"]["precision"] == "high"
    # GitHub limits descriptions to 1,024 characters and names to 255
    assert clip("a" * 1024, 1024) == "a" * 1024
    assert clip("a" * 1025, 1024) == "a" * 1023 + "…"
    assert clip("😀" * 600, 1024) == "😀" * 511 + "…"  # UTF-16 units: 511 * 2 + 1
    long_rule = "house/" + "x" * 300
    d = rule_descriptor(long_rule, None)
    assert (d["id"], len(d["name"]), d["name"][-1]) == (long_rule, 255, "…")


def _findings(
    n: int,
    path: str = "big.md",
    rule=lambda i: "house/r",
    message=lambda i: "m",
    severity=lambda i: Severity.WARNING,
    suppressed=lambda i: False,
) -> list[Finding]:
    out = []
    for i in range(n):
        s, e = Position(i + 1, 1, i * 8, i * 8), Position(i + 1, 7, i * 8 + 6, i * 8 + 6)
        out.append(
            Finding(
                rule(i),
                severity(i),
                message(i),
                path,
                Span(s, e),
                line_text=f"word{i:03d}"[-7:],
                suppression=Suppression("inline") if suppressed(i) else None,
            )
        )
    return out


def test_results_beyond_githubs_limit_are_left_out_with_a_notification(tmp_path, capsys, validator):
    """30,000 findings: GitHub rejects a run with more than 25,000 results. The 25,000 kept are
    the active errors, then warnings, then notes, then suppressed findings."""
    sev = [Severity.ERROR, Severity.WARNING, Severity.INFO]
    findings = _findings(30_000, severity=lambda i: sev[i % 3], suppressed=lambda i: i % 10 == 0)
    results = [FileResult("big.md", findings, words=60_000, format="markdown")]
    ctx = ReportContext(version="0.1.0", root=str(tmp_path))
    text = SarifReporter().report(results, ctx)
    sarif = json.loads(text)
    run = sarif["runs"][0]
    # the schema check of all 25,000 results takes ~25 s; the results all have one shape
    validator.validate(dict(sarif, runs=[dict(run, results=run["results"][:200])]))
    assert len(run["results"]) == GITHUB.results_per_run == 25_000
    assert len(gzip.compress(text.encode(), 6)) <= GITHUB.gzip_bytes
    # 27,000 active (9,000 of each level) and 3,000 suppressed (1,000 of each): 2,000 notes left out
    kept = Counter((r["level"], "suppressions" in r) for r in run["results"])
    assert kept == {("error", False): 9_000, ("warning", False): 9_000, ("note", False): 7_000}
    msg = (
        "SARIF output truncated to 25,000 of 30,000 results to stay within GitHub code scanning's upload "
        "limits (at most 25,000 results per run). Left out: 2,000 notes, 3,000 suppressed; active findings "
        "were kept before suppressed ones, and errors before warnings before notes. For every finding use "
        "--output-format json; to fit, lint fewer paths or --select fewer rules."
    )
    assert run["invocations"][0]["toolExecutionNotifications"] == [
        {
            "level": "warning",
            "message": {"text": msg},
            "descriptor": {"id": "brandlint/sarif-truncated"},
            "properties": {"resultsTotal": 30_000, "resultsKept": 25_000},
        }
    ]
    assert capsys.readouterr().err == f"brandlint: warning: {msg}\n"
    # kept results stay in file order; fingerprints are those of the full run
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in run["results"]]
    assert lines == sorted(lines)


def test_rules_beyond_githubs_limit_are_left_out(tmp_path, capsys):
    findings = _findings(
        25_001, rule=lambda i: f"plugin/r{i:05d}", severity=lambda i: Severity.WARNING if i else Severity.INFO
    )
    sarif = SarifReporter().sarif(
        [FileResult("big.md", findings, words=1, format="markdown")], ReportContext(root=str(tmp_path))
    )
    run = sarif["runs"][0]
    assert len(run["tool"]["driver"]["rules"]) == len(run["results"]) == 25_000
    assert "plugin/r00000" not in {r["ruleId"] for r in run["results"]}  # the only note
    note = run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    assert note.startswith(
        "SARIF output truncated to 25,000 of 25,001 results to stay within GitHub code "
        "scanning's upload limits (at most 25,000 rules per run). Left out: 1 note;"
    )
    assert capsys.readouterr().err.startswith("brandlint: warning: SARIF output truncated to 25,000 of 25,001")


def test_log_over_10mb_gzipped_is_cut_to_fit(tmp_path, capsys):
    """Messages of random text barely compress: 15,000 of them make ~11 MB of gzip."""
    rnd = random.Random(15)
    alphabet = string.ascii_letters + string.digits + "+/"
    messages = ["".join(rnd.choices(alphabet, k=1000)) for _ in range(15_000)]
    findings = _findings(
        15_000, message=lambda i: messages[i], severity=lambda i: Severity.ERROR if i % 2 else Severity.WARNING
    )
    text = SarifReporter().report(
        [FileResult("big.md", findings, words=1, format="markdown")], ReportContext(root=str(tmp_path))
    )
    size = len(gzip.compress(text.encode(), 6))
    assert 9_000_000 < size <= 10_000_000
    run = json.loads(text)["runs"][0]
    n = len(run["results"])
    assert 11_000 < n < 15_000
    assert {r["level"] for r in run["results"][:10]} == {"error", "warning"} and n > 7_500
    assert sum(r["level"] == "error" for r in run["results"]) == 7_500  # every error kept first
    note = run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    assert note.startswith(
        f"SARIF output truncated to {n:,} of 15,000 results to stay within GitHub code scanning's "
        f"upload limits (10 MB gzip-compressed). Left out: {15_000 - n:,} warnings;"
    )
    assert "brandlint: warning: SARIF output truncated" in capsys.readouterr().err


def test_cli_sarif_output(tmp_path, cli, validator):
    project(tmp_path)
    (tmp_path / "a.md").write_text("Synergy.\n", encoding="utf-8")
    r = cli("check", "a.md", "--output-format", "sarif", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert r.stderr == ""
    sarif = json.loads(r.stdout)
    validator.validate(sarif)
    assert [x["ruleId"] for x in sarif["runs"][0]["results"]] == ["house/no-synergy"]
    assert sarif["runs"][0]["properties"]["score"] == 90.0
    assert sarif["runs"][0]["originalUriBaseIds"] == {"%SRCROOT%": {"uri": Path(tmp_path).resolve().as_uri() + "/"}}
