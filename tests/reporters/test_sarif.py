from __future__ import annotations

import hashlib
import json

import jsonschema
import pytest

from _reporting import lint, project, report
from brandlint.findings import Applicability, Edit, Finding, Fix, Position, Severity, Span
from brandlint.reporters.sarif import SarifReporter, artifact_uri

GUIDE = ("# Guide\n\nOur 😀 synergy, and e-mail.\n\n"
         "<!-- brandlint-disable-next-line house/no-synergy -- legacy copy -->\nMore synergy.\n")
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


def test_sarif_document_is_schema_valid_and_exact(tmp_path, validator):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text(GUIDE, encoding="utf-8")
    (tmp_path / "docs" / "data.json").write_text(DATA, encoding="utf-8")
    sarif, text = _sarif(tmp_path, "docs")
    validator.validate(sarif)
    assert text.endswith("}\n")
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["semanticVersion"]) == ("brandlint", "0.1.0", "0.1.0")
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == ["house/no-globex", "house/no-synergy", "house/prefer-email"]
    synergy = driver["rules"][1]
    help_md = ("# house/no-synergy\n\n## What it does\nFlags the word synergy.\n\n## Why is this bad?\nIt is jargon.\n\n"
               "## Example\nOur synergy.\n\n## Use instead\nOur teamwork.\n\nSee also: https://example.com/style#synergy\n")
    assert synergy == {
        "id": "house/no-synergy", "name": "house/no-synergy",
        "shortDescription": {"text": "Flags the word synergy."},
        "fullDescription": {"text": "Flags the word synergy.\n\nIt is jargon."},
        "help": {"text": help_md, "markdown": help_md},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["brandlint", "house", "existence"], "kind": "existence", "pack": "house"},
        "helpUri": "https://example.com/style#synergy",
    }
    # a rule file without a description falls back to its kind's summary, never to an empty text
    assert driver["rules"][2]["shortDescription"]["text"].startswith("Replace listed terms")
    assert driver["rules"][2]["defaultConfiguration"] == {"level": "note"}

    res = run["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in res] == [
        ("house/no-synergy", 1, "warning"), ("house/no-globex", 0, "error"),
        ("house/no-synergy", 1, "warning"), ("house/prefer-email", 2, "note"), ("house/no-synergy", 1, "warning")]
    # the pointer-ignored finding: external suppression with the config's reason
    assert res[0]["suppressions"] == [{"kind": "external", "status": "accepted",
                                       "justification": "pointer-ignores: /meta/note"}]
    assert res[0]["properties"] == {"scope": "json", "jsonPointer": "/meta/note"}
    assert res[1]["message"] == {"text": "Do not name Globex: 100% off, really."}
    assert res[1]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "docs/data.json"},
        "region": {"startLine": 1, "startColumn": 41, "endLine": 1, "endColumn": 47, "charOffset": 40, "charLength": 6}}
    assert "suppressions" not in res[1]
    # columns and charOffset count code points: the emoji is one column (two UTF-16 units)
    assert res[2]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 7, "endLine": 3, "endColumn": 14, "charOffset": 15, "charLength": 7}
    assert res[2]["partialFingerprints"]["primaryLocationLineHash"] == _line_hash(
        "house/no-synergy", "Our 😀 synergy, and e-mail.", 1)
    assert res[3]["fixes"] == [{
        "description": {"text": "Replace 'e-mail' with 'email'"},
        "artifactChanges": [{"artifactLocation": {"uri": "docs/guide.md"}, "replacements": [{
            "deletedRegion": {"startLine": 3, "startColumn": 20, "endLine": 3, "endColumn": 26,
                              "charOffset": 28, "charLength": 6},
            "insertedContent": {"text": "email"}}]}],
        "properties": {"applicability": "safe"}}]
    assert GUIDE[28:34] == "e-mail"
    assert res[4]["suppressions"] == [{"kind": "inSource", "status": "accepted", "justification": "legacy copy"}]
    assert res[4]["locations"][0]["physicalLocation"]["region"]["startLine"] == 6
    # the score: guide.md 2 + 0.5 weighted in 100 words -> 87.5; data.json 5 -> 75;
    # overall 7.5 / 200 -> 81.25, rounded half up
    props = run["properties"]
    assert (props["score"], props["words"]) == (81.3, 10)
    assert props["fileScores"] == {"docs/data.json": 75.0, "docs/guide.md": 87.5}
    assert "max(words, 100)" in props["scoreFormula"]


def test_line_hash_survives_moves_and_counts_occurrences(tmp_path, validator):
    (tmp_path / "a.md").write_text("Synergy and synergy.\n\nMore synergy.\n", encoding="utf-8")
    before, _ = _sarif(tmp_path, "a.md")
    (tmp_path / "a.md").write_text("# New heading\n\nIntro.\n\nSynergy and synergy.\n\nMore synergy.\n", encoding="utf-8")
    after, _ = _sarif(tmp_path, "a.md")
    validator.validate(after)

    def prints(sarif):
        return [(r["partialFingerprints"]["primaryLocationLineHash"], r["partialFingerprints"]["brandlint/v1"])
                for r in sarif["runs"][0]["results"]]
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
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": [
        {"level": "note", "message": {"text": "skipped: no format for extension '.rst'"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "notes.rst"}}}]}]}]
    assert run["properties"]["score"] == 100.0
    assert run["properties"]["fileScores"] == {"ok.md": 100.0}


def test_builtin_errors_baseline_state_and_unsafe_fix(tmp_path, validator):
    """Runner errors get a synthetic rule; results carry baselineState with a baseline."""
    root = project(tmp_path)
    (root / "bad.md").write_bytes(b"caf\xe9 synergy\n")
    results, ctx = lint(root, "bad.md")
    ctx.baseline = "brandlint-baseline.json"
    p = Position(1, 1, 0, 0)
    results[0].findings.append(Finding(
        "house/no-synergy", Severity.WARNING, "Avoid it.", "bad.md", Span(p, Position(1, 4, 3, 3)),
        fix=Fix((Edit(0, 3, ""),), Applicability.UNSAFE, "Delete it"), line_text="caf synergy"))
    sarif = json.loads(report(SarifReporter(), root, results, ctx))
    validator.validate(sarif)
    run = sarif["runs"][0]
    enc = run["tool"]["driver"]["rules"][0]
    assert enc["id"] == "brandlint/encoding-error"
    assert enc["shortDescription"] == {"text": "The file is not valid UTF-8, so it was not linted."}
    assert [r["baselineState"] for r in run["results"]] == ["new", "new"]
    (fix,) = run["results"][1]["fixes"]
    assert fix["properties"] == {"applicability": "unsafe"}
    # a pure deletion has no insertedContent
    assert fix["artifactChanges"][0]["replacements"] == [{"deletedRegion": {
        "startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 4, "charOffset": 0, "charLength": 3}}]


def test_artifact_uri_is_relative_forward_slash_and_percent_encoded(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert artifact_uri("docs/my file é.md") == "docs/my%20file%20%C3%A9.md"
    assert artifact_uri("./docs/a.md") == "docs/a.md"
    assert artifact_uri(str(tmp_path / "sub" / "x.md")) == "sub/x.md"
    assert artifact_uri("/elsewhere/x.md") == "file:///elsewhere/x.md"


def test_cli_sarif_output(tmp_path, cli, validator):
    project(tmp_path)
    (tmp_path / "a.md").write_text("Synergy.\n", encoding="utf-8")
    r = cli("check", "a.md", "--output-format", "sarif", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    sarif = json.loads(r.stdout)
    validator.validate(sarif)
    assert [x["ruleId"] for x in sarif["runs"][0]["results"]] == ["house/no-synergy"]
    assert sarif["runs"][0]["properties"]["score"] == 90.0
