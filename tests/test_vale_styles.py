"""Vale styles loaded as packs (``vale-styles`` + ``[vale]``, or a .vale.ini), from Vale's documented
behaviour of each check (the examples of vale.sh/docs/checks), with exact positions; the five real
styles in ../shared/vale-styles load with no rule left out; rules that cannot load are listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import SHARED, run_cli, write

from brandlint.config.settings import load_settings
from brandlint.pipeline import lint_text

STYLES = SHARED / "vale-styles"
FIVE = ("Microsoft", "Google", "write-good", "proselint", "Joblint")


def project(tmp_path: Path, rules: dict[str, str], vocab: dict[str, str] | None = None) -> Path:
    for name, body in rules.items():
        write(tmp_path / "styles" / "Test" / f"{name}.yml", body)
    for name, body in (vocab or {}).items():
        write(tmp_path / "styles" / "config" / "vocabularies" / "Brand" / name, body)
    extra = 'vocab = ["Brand"]\n' if vocab else ""
    return write(
        tmp_path / "brandlint.toml", f'packs = []\nvale-styles = ["styles"]\n[vale]\nbased-on = ["Test"]\n{extra}'
    )


def lint(tmp_path: Path, rules: dict[str, str], text: str, vocab: dict[str, str] | None = None) -> list[tuple]:
    cfg = project(tmp_path, rules, vocab)
    found = lint_text(text, format="markdown", config=cfg)
    return [
        (f.rule_id, f.span.start.line, f.span.start.column, f.span.end.column, f.matched, f.message, str(f.severity))
        for f in found
    ]


def test_existence_tokens_message_level_and_case(tmp_path):
    rule = (
        "extends: existence\nmessage: Consider removing '%s'\nlevel: warning\nignorecase: true\n"
        "tokens:\n  - appears to be\n  - arguably\n"
    )
    got = lint(tmp_path, {"Hedging": rule}, "It arguably works and appears to be fine.\n")
    assert got == [
        ("Test/Hedging", 1, 4, 12, "arguably", "Consider removing 'arguably'", "warning"),
        ("Test/Hedging", 1, 23, 36, "appears to be", "Consider removing 'appears to be'", "warning"),
    ]
    # Vale's default: case-sensitive, level suggestion (info)
    rule = "extends: existence\nmessage: \"Avoid '%s'.\"\ntokens:\n  - arguably\n"
    got = lint(tmp_path / "b", {"Hedging": rule}, "Arguably so, arguably not.\n")
    assert got == [("Test/Hedging", 1, 14, 22, "arguably", "Avoid 'arguably'.", "info")]


def test_existence_tokens_are_regular_expressions_and_raw_is_not_word_bounded(tmp_path):
    rule = "extends: existence\nmessage: \"'%s'\"\ntokens:\n  - '[\\w]+ly'\n"
    assert [g[4] for g in lint(tmp_path, {"Ly": rule}, "Really quickly, reply.\n")] == ["Really", "quickly", "reply"]
    raw = "extends: existence\nmessage: \"'%s'\"\nraw:\n  - '\\(s\\)'\n"
    assert [g[2:5] for g in lint(tmp_path / "r", {"Plural": raw}, "Select the file(s) now.\n")] == [(16, 19, "(s)")]


def test_existence_lookarounds_as_in_the_microsoft_style(tmp_path):
    rule = "extends: existence\nmessage: \"'%s'\"\nnonword: true\ntokens:\n  - '(?<=\\s)-\\d+'\n"
    got = lint(tmp_path, {"Look": rule}, "Set it to -5, not x-5.\n")
    assert [(g[2], g[4]) for g in got] == [(11, "-5")]
    rule = "extends: existence\nmessage: \"'%s'\"\ntokens:\n  - 'it is(?!\\.)'\n"
    got = lint(tmp_path / "b", {"Look": rule}, "Set it to -5; it is. So it is here.\n")
    assert [(g[2], g[4]) for g in got] == [(25, "it is")]


def test_substitution_message_order_and_no_report_for_the_preferred_form(tmp_path):
    rule = (
        "extends: substitution\nmessage: Consider using '%s' instead of '%s'\nlevel: warning\n"
        "ignorecase: false\nswap:\n  abundance: plenty\n  accelerate: speed up\n  '(?:e-mail|email)': email\n"
    )
    got = lint(tmp_path, {"Words": rule}, "We accelerate an abundance of e-mail and email.\n")
    assert got == [
        ("Test/Words", 1, 4, 14, "accelerate", "Consider using 'speed up' instead of 'accelerate'", "warning"),
        ("Test/Words", 1, 18, 27, "abundance", "Consider using 'plenty' instead of 'abundance'", "warning"),
        ("Test/Words", 1, 31, 37, "e-mail", "Consider using 'email' instead of 'e-mail'", "warning"),
    ]


def test_occurrence_reports_at_the_first_match_of_the_scope(tmp_path):
    rule = "extends: occurrence\nmessage: More than 3 commas!\nlevel: error\nscope: sentence\nmax: 3\ntoken: ','\n"
    got = lint(tmp_path, {"Commas": rule}, "Fine, ok. A, b, c, d, e. Done.\n")
    assert [(g[2], g[4], g[5], g[6]) for g in got] == [(12, ",", "More than 3 commas!", "error")]


def test_repetition_reports_both_words(tmp_path):
    rule = "extends: repetition\nmessage: \"'%s' is repeated!\"\nlevel: error\nalpha: true\ntokens:\n  - '[^\\s]+'\n"
    got = lint(tmp_path, {"Rep": rule}, "This is is a test of of it.\n")
    assert [(g[2], g[3], g[5]) for g in got] == [(6, 11, "'is' is repeated!"), (19, 24, "'of' is repeated!")]


def test_consistency_flags_the_second_spelling(tmp_path):
    rule = (
        "extends: consistency\nmessage: \"Inconsistent spelling of '%s'.\"\nlevel: error\nignorecase: true\n"
        "either:\n  advisor: adviser\n  centre: center\n"
    )
    got = lint(tmp_path, {"Spelling": rule}, "The centre is near the center.\n")
    assert [(g[2], g[4], g[5]) for g in got] == [(24, "center", "Inconsistent spelling of 'center'.")]


def test_conditional_acronym_needs_its_definition(tmp_path):
    rule = (
        "extends: conditional\nmessage: \"'%s' has no definition.\"\nlevel: error\nignorecase: false\n"
        "first: '\\b([A-Z]{3,5})\\b'\nsecond: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'\nexceptions:\n  - ABC\n"
    )
    text = (
        "Ask the WHO. The National Basketball Association (NBA) runs the NBA. ABC too. WHO again.\n\n"
        "The FIFA rules. The Federation Internationale Football Association (FIFA) is here.\n"
    )
    got = lint(tmp_path, {"Acronyms": rule}, text)
    # every use is reported; a definition later in the same block (paragraph) counts
    assert [(g[1], g[2], g[3], g[4], g[5]) for g in got] == [
        (1, 9, 12, "WHO", "'WHO' has no definition."),
        (1, 79, 82, "WHO", "'WHO' has no definition."),
    ]


def test_capitalization_title_and_sentence_match(tmp_path):
    rule = "extends: capitalization\nmessage: \"'%s' should be in title case\"\nlevel: warning\nscope: heading\nmatch: $title\n"
    got = lint(tmp_path, {"Title": rule}, "# This is a title\n\n# This Is a Title\n")
    assert [(g[1], g[2], g[4], g[5]) for g in got] == [
        (1, 3, "This is a title", "'This is a title' should be in title case")
    ]
    rule = "extends: capitalization\nmessage: \"'%s' should use sentence-style capitalization.\"\nscope: heading\nmatch: $sentence\n"
    got = lint(tmp_path / "s", {"Sentence": rule}, "# Getting Started Fast\n\n# Getting started fast\n")
    assert [(g[1], g[4]) for g in got] == [(1, "Getting Started Fast")]


def test_spelling_with_the_vocabulary(tmp_path):
    rule = "extends: spelling\nmessage: \"Did you really mean '%s'?\"\nlevel: error\n"
    vocab = {"accept.txt": "Zorblax\n", "reject.txt": "colour\n"}
    got = lint(tmp_path, {"Spelling": rule}, "The Zorblax sentnce has colour.\n", vocab)
    assert [(g[2], g[4], g[5]) for g in got] == [
        (13, "sentnce", "Did you really mean 'sentnce'?"),
        (25, "colour", "'colour' is a rejected term."),
    ]


def test_vale_builtin_style_terms_and_avoid_from_the_vocabulary(tmp_path):
    cfg = project(tmp_path, {}, {"accept.txt": "MongoDB\n", "reject.txt": "foobarize\n"})
    cfg.write_text(cfg.read_text().replace('based-on = ["Test"]', 'based-on = ["Vale"]'))
    got = [(f.rule_id, f.matched) for f in lint_text("Use mongodb to foobarize.\n", format="markdown", config=cfg)]
    assert ("Vale/Terms", "mongodb") in got and ("Vale/Avoid", "foobarize") in got
    assert ("Vale/Spelling", "mongodb") in got  # accept entries are case-sensitive, as in Vale


def test_script_rules_are_listed_and_check_warns(tmp_path):
    script = 'extends: script\nmessage: Too long\nscript: |\n  text := import("text")\n'
    bad_scope = "extends: existence\nmessage: x\nscope: code\ntokens:\n  - foo\n"
    project(tmp_path, {"Script": script, "Raw": bad_scope, "Ok": "extends: existence\nmessage: x\ntokens: [zzz]\n"})
    settings = load_settings(tmp_path / "brandlint.toml")
    assert [r.id for r in settings.vale.rules] == ["Test/Ok"]
    assert [(u.name, u.reason) for u in settings.vale.untranslated] == [
        ("Raw", "scope 'code': brandlint rules see prose only (markup, code and comments are masked)"),
        ("Script", "a Tengo script: brandlint does not run scripts from style files (they are code)"),
    ]
    write(tmp_path / "a.md", "Some zzz text.\n")
    r = run_cli("check", "a.md", "--output-format", "concise", cwd=tmp_path)
    assert r.returncode == 0 and "a.md:1:6: Test/Ok" in r.stdout  # a Vale suggestion is an info
    assert f"warning: Vale rule not loaded: {tmp_path / 'styles' / 'Test' / 'Script.yml'}: a Tengo script" in r.stderr


def test_vale_ini_is_the_same_as_vale_styles_and_applies_its_switches(tmp_path):
    project(
        tmp_path,
        {
            "A": "extends: existence\nmessage: a\ntokens: [aaa]\n",
            "B": "extends: existence\nmessage: b\ntokens: [bbb]\n",
        },
    )
    write(tmp_path / ".vale.ini", "StylesPath = styles\n\n[*.md]\nBasedOnStyles = Test\nTest.B = NO\nTest.A = error\n")
    cfg = write(tmp_path / "brandlint.toml", '[vale]\nconfig = ".vale.ini"\npacks = []\n')
    cfg.write_text('packs = []\n[vale]\nconfig = ".vale.ini"\n')
    found = lint_text("aaa bbb\n", format="markdown", config=cfg)
    assert [(f.rule_id, str(f.severity)) for f in found] == [("Test/A", "error")]


@pytest.mark.skipif(not STYLES.is_dir(), reason="../shared/vale-styles is not here")
@pytest.mark.parametrize("style", FIVE)
def test_each_shared_style_loads_every_rule(tmp_path, style):
    cfg = write(
        tmp_path / "brandlint.toml", f'packs = []\nvale-styles = ["{STYLES / style}"]\n[vale]\nbased-on = ["{style}"]\n'
    )
    settings = load_settings(cfg)
    files = sorted((STYLES / style / style).glob("*.yml"))
    assert settings.vale.untranslated == []
    assert sorted(r.id for r in settings.vale.rules) == sorted(f"{style}/{p.stem}" for p in files)
    assert [(t.name, t.notes) for t in settings.vale.translated if t.notes] == []


def test_readability_is_a_metric_over_the_average_grade(tmp_path):
    rule = (
        'extends: readability\nmessage: "Grade level (%s) too high!"\nlevel: warning\ngrade: 8\n'
        "metrics:\n  - Flesch-Kincaid\n  - Gunning Fog\n"
    )
    hard = (
        "Organizational interdependencies notwithstanding, comprehensive infrastructural modernization "
        "necessitates extraordinarily sophisticated administrative coordination mechanisms.\n"
    )
    got = lint(tmp_path, {"Grade": rule}, hard)
    assert [(g[0], g[1], g[2], g[6]) for g in got] == [("Test/Grade", 1, 1, "warning")]
    assert got[0][5].startswith("Grade level (") and got[0][5].endswith(") too high!")
    assert lint(tmp_path / "easy", {"Grade": rule}, "The cat sat. The dog ran.\n") == []


def test_raw_scope_sees_markup(tmp_path):
    rule = "extends: existence\nmessage: \"'%s'\"\nscope: raw\nnonword: true\ntokens:\n  - '\\*\\*'\n"
    got = lint(tmp_path, {"Bold": rule}, "Some **bold** text.\n")
    assert [(g[1], g[2], g[3], g[4]) for g in got] == [(1, 6, 8, "**"), (1, 12, 14, "**")]
