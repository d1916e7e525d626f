"""Gaps found encoding a brand guide (issue 12): JSON masks and ignore-patterns, per-file
format options, JSONL as one document, and required's case options and suggestion."""

from __future__ import annotations

import json

from vale_support import config_error, lint, where

DOMAIN = 'kind = "existence"\ntokens = ["example", "user", "count", "name", "items"]\nignorecase = true\n'


def test_urls_and_placeholders_are_masked_in_json_prose_by_default(tmp_path):
    value = {
        "open": "Open https://app.example.io now",
        "hi": "Hello {USER}, welcome",
        "py": "Dear %(name)s and %s",
        "icu": "You have {count, plural, one {# item} other {# items}} left",
        "bad": "Your user name",
    }
    text = json.dumps(value)
    found = lint(tmp_path, {"w": DOMAIN}, text, "json")
    assert [(f.json_pointer, f.matched) for f in found] == [("/bad", "user"), ("/bad", "name")]
    assert [where(f)[1:3] for f in found] == [(1, text.index("user name") + 1), (1, text.index('name"') + 1)]


def test_json_ignore_patterns_replace_the_default_placeholders(tmp_path):
    extra = "[formats.json]\nignore-patterns = ['<[^>]+>']\n"
    text = json.dumps({"a": "Hi <user> and {name}"})
    found = lint(tmp_path, {"w": DOMAIN}, text, "json", extra=extra)
    assert [f.matched for f in found] == ["name"]  # {name} is no longer masked; <user> is
    e = config_error(tmp_path / "bad", {"w": DOMAIN}, "[formats.json]\nignore-patterns = ['(?<=x)']\n")
    assert (e.key, e.line) == ("formats.json.ignore-patterns[0]", 3) and "RE2" in e.message


def test_overrides_take_formats_per_file(tmp_path):
    extra = (
        '[formats.json]\nprose = ["$.title"]\n\n[[overrides]]\nfiles = ["locales/**"]\n'
        '[overrides.formats.json]\nprose = ["$.strings.*"]\n'
    )
    text = json.dumps({"title": "user guide", "strings": {"x": "user list"}})
    plain = lint(tmp_path, {"w": DOMAIN}, text, "json", extra=extra)
    assert [(f.json_pointer, f.matched) for f in plain] == [("/title", "user")]
    from brandlint.pipeline import lint_text  # the override applies by path

    cfg = tmp_path / "brandlint.toml"
    found = [f for f in lint_text(text, format="json", config=cfg, path=str(tmp_path / "locales/en/a.json"))]
    assert [(f.json_pointer, f.matched) for f in found] == [("/strings/x", "user")]


def test_jsonl_one_document_counts_across_records(tmp_path):
    rule = 'kind = "occurrence"\ntokens = ["free"]\nmax = 1\n'
    text = json.dumps({"a": "free trial"}) + "\n" + json.dumps({"a": "free plan"}) + "\n" + "{broken\n"
    per_record = lint(tmp_path / "r", {"free": rule}, text, "jsonl")
    assert [f.rule_id for f in per_record] == ["brandlint/syntax-error"]
    one = lint(tmp_path / "o", {"free": rule}, text, "jsonl", extra="[formats.jsonl]\none-document = true\n")
    assert [where(f) for f in one] == [("pack/free", 2, 8, 2, 12, "free"), ("brandlint/syntax-error", 3, 2, 3, 2, "")]
    assert one[0].json_pointer == "/a"


def test_jsonl_one_document_from_a_file_path(tmp_path):
    from support import run_cli, write

    write(tmp_path / "pack" / "free.toml", 'kind = "occurrence"\ntokens = ["free"]\nmax = 1\n')
    write(tmp_path / "brandlint.toml", 'packs = ["pack"]\n[formats.jsonl]\none-document = true\n')
    write(tmp_path / "a.jsonl", json.dumps({"a": "free trial"}) + "\n" + json.dumps({"a": "free plan"}) + "\n")
    r = run_cli("check", "--no-cache", "a.jsonl", cwd=tmp_path)
    assert r.returncode == 1 and "a.jsonl:2:8" in r.stdout, r.stdout + r.stderr


def test_required_separate_ignorecase_and_readable_suggestion(tmp_path):
    rule = (
        'kind = "required"\ntrigger = ["FDA"]\ntrigger-ignorecase = false\n'
        "disclaimer-patterns = ['not (?:been )?evaluated by the FDA']\ndisclaimer-ignorecase = true\n"
    )
    text = "Our fda-style tips.\n\nThe FDA likes it. NOT EVALUATED BY THE FDA.\n"
    assert lint(tmp_path / "a", {"r": rule}, text) == []  # disclaimer matched regardless of case
    found = lint(tmp_path / "b", {"r": rule}, "Our fda-style tips. The FDA likes it.\n")
    assert [where(f) for f in found] == [("pack/r", 1, 25, 1, 28, "FDA")]  # "fda" is not a trigger
    assert found[0].message == "'FDA' needs a disclaimer in this document."
    assert found[0].suggestions == ()
    shown = rule + 'suggestion = "These statements have not been evaluated by the FDA."\n'
    found = lint(tmp_path / "c", {"r": shown}, "The FDA likes it.\n")
    assert found[0].message == (
        "'FDA' needs a disclaimer in this document, e.g. \"These statements have not been evaluated by the FDA.\"."
    )
    assert found[0].suggestions == ("These statements have not been evaluated by the FDA.",)
