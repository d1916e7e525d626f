"""Issue 11 kind changes: substitution entries with their own applicability and context, and
article agreement (docs/dev/issue11-kind-changes.md, section 3)."""

from __future__ import annotations

import pytest
from support import write

from brandlint import lint_text
from brandlint.errors import ConfigError
from brandlint.findings import Applicability
from brandlint.fixing import apply_edits
from brandlint.rules.substitution import article_for

SAFE, UNSAFE = Applicability.SAFE, Applicability.UNSAFE

WORDY = """kind = "substitution"
[swap]
"have the ability to" = { to = "can", safe-after = '(?:^|[.!?;:,]\\s*)(?:I|[Yy]ou|[Ww]e|[Tt]hey)\\s+$', unsafe-before = '^[^.!?;]*\\b(?:or|and)\\s+to\\s' }
"with respect to" = { to = "about", unsafe = true }
"the majority of" = { to = "most", unsafe-before = '^\\s+(?:the|your|these)\\b' }
"added bonus" = "bonus"
"end result" = "result"
"completely empty" = "empty"
"""


def run(tmp_path, body: str, text: str):
    pack = tmp_path / f"pack{abs(hash(body))}"
    write(pack / "rule.toml", body)
    found = [f for f in lint_text(text, settings={"packs": [str(pack)]}) if f.suppression is None]
    safe = [f for f in found if f.fix is not None and f.fix.applicability is SAFE]
    return found, apply_edits(text, safe)[0]


@pytest.mark.parametrize(
    ("text", "applicability", "fixed"),
    [
        ("You have the ability to upload files.\n", SAFE, "You can upload files.\n"),
        # no subject right before: "to can upload" would be ungrammatical
        ("If you'd like to have the ability to upload, ask.\n", UNSAFE, None),
        ("Do you have the ability to upload?\n", UNSAFE, None),
        # a coordinated infinitive needs its "to": "can restrict ..., or to configure" breaks
        ("We have the ability to restrict access, or to configure it.\n", UNSAFE, None),
        ("It is linear with respect to the number.\n", UNSAFE, None),
        ("The majority of users agree.\n", SAFE, "Most users agree.\n"),
        ("The majority of the users agree.\n", UNSAFE, None),
    ],
)
def test_entry_applicability_and_context(tmp_path, text, applicability, fixed):
    found, new = run(tmp_path, WORDY, text)
    assert [f.fix.applicability for f in found] == [applicability]
    assert new == (fixed if fixed is not None else text)


def test_article_agrees_with_the_replacement(tmp_path):
    text = "As an added bonus, you get an end result in a completely empty box. An added bonus.\n"
    found, new = run(tmp_path, WORDY, text)
    assert [(f.matched, f.span.start.column) for f in found] == [
        ("added bonus", 7),
        ("end result", 31),
        ("completely empty", 47),
        ("added bonus", 72),
    ]
    assert [(e.start, e.end, e.replacement) for e in found[0].fix.edits] == [(3, 17, "a bonus")]
    assert new == "As a bonus, you get a result in an empty box. A bonus.\n"


def test_no_article_change_across_markup(tmp_path):
    found, new = run(tmp_path, WORDY, "It is an *added bonus* here.\n")
    assert [f.fix.applicability for f in found] == [UNSAFE]  # "an bonus" would be wrong
    assert new == "It is an *added bonus* here.\n"


def test_article_for():
    assert [article_for(w) for w in ("bonus", "empty", "hour", "user", "unit", "FAQ", "URL", "ox", "x")] == [
        "a",
        "an",
        "an",
        "a",
        "a",
        "an",
        "a",
        "an",
        "an",
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('"a" = { to = 3 }', "needs 'to'"),
        ('"a" = { to = "b", when = "x" }', "unknown key 'when'"),
        ('"a" = { to = "b", safe-after = "(?<=x)" }', "invalid regular expression"),
        ('"a" = 3', "expected a string or a table"),
    ],
)
def test_bad_entries_name_the_key(tmp_path, entry, message):
    with pytest.raises(ConfigError, match=message) as ei:
        run(tmp_path, f'kind = "substitution"\n[swap]\n{entry}\n', "a\n")
    assert ei.value.path.endswith("rule.toml") and ei.value.line == 3


def test_conditions_make_an_entry_safe_in_an_unsafe_rule(tmp_path):
    body = WORDY.replace("[swap]", "unsafe = true\n[swap]")
    found, new = run(tmp_path, body, "You have the ability to upload an end result.\n")
    assert [(f.matched, f.fix.applicability) for f in found] == [
        ("have the ability to", SAFE),
        ("end result", UNSAFE),
    ]
    assert new == "You can upload an end result.\n"


def test_shipped_wordy_phrases():
    text = "You have the ability to upload. If you'd like to have the ability to upload, the majority of users agree.\n"
    found = lint_text(text, settings={"packs": ["plain-language"]}, select=["plain-language/wordy-phrases-unsafe"])
    assert [(f.matched, f.fix.applicability) for f in found] == [
        ("have the ability to", SAFE),
        ("have the ability to", UNSAFE),
        ("the majority of", SAFE),
    ]


# ---------------------------------------------------------------------------- contractions

REQUIRE = 'kind = "contractions"\npolicy = "require"\n'


def test_contractions_no_fix_across_markup(tmp_path):
    text = "It is **not** guaranteed. It can _not_ be. It will not be reset.\n"
    found, new = run(tmp_path, REQUIRE, text)
    assert [(f.matched, f.span.start.column, f.fix is None) for f in found] == [
        ("is not", 4, True),
        ("can not", 30, True),
        ("will not", 47, False),
    ]
    assert new == "It is **not** guaranteed. It can _not_ be. It won't be reset.\n"


def test_contractions_leave_not_only_frames_alone(tmp_path):
    text = "She had not only competed but had also won. He is not just building it, but selling it. It is not ready.\n"
    found, new = run(tmp_path, REQUIRE, text)
    assert [(f.matched, f.span.start.column) for f in found] == [("is not", 92)]
    assert new == text.replace("It is not ready", "It isn't ready")


# ----------------------------------------------------------------------------- terminology

SIGN_IN = 'kind = "terminology"\n[[terms]]\npreferred = "sign in"\nvariants = ["log in"]\nlemmas = true\n'


def test_terminology_pos_keeps_nouns_out(tmp_path):
    text = "Log in to the console. Check the logs in the console.\n"
    found, _ = run(tmp_path, SIGN_IN, text)
    assert [f.matched for f in found] == ["Log in", "logs in"]
    found, new = run(tmp_path, SIGN_IN + 'pos = ["VERB"]\n', text)
    assert [(f.matched, f.span.start.column) for f in found] == [("Log in", 1)]
    assert new == "Sign in to the console. Check the logs in the console.\n"
    with pytest.raises(ConfigError, match="'pos' needs lemmas = true"):
        run(tmp_path, SIGN_IN.replace("lemmas = true", "lemmas = false") + 'pos = ["VERB"]\n', text)


def test_terminology_no_fix_across_markup(tmp_path):
    text = "Open [**Preserve log**](/docs/x#preserve-log) in the panel. Log in now.\n"
    found, new = run(tmp_path, SIGN_IN, text)
    assert [(f.matched, f.fix is None) for f in found] == [("log in", True), ("Log in", False)]
    assert new == text.replace("Log in now", "Sign in now")


# --------------------------------------------------------------------------- pattern, existence

UNCOMPARABLE = """kind = "pattern"
ignorecase = true
pattern = '(?:\\b(?:the|a|is)\\s+)?((?:most|more|very)\\s+(?:optimal|unique))\\b'
report-group = 1
unless-followed-by = '\\s+[a-z]+s\\b'
"""


def test_pattern_report_group_and_unless_followed_by(tmp_path):
    text = "The most optimal model has more unique visitors and a more unique design.\n"
    found, _ = run(tmp_path, UNCOMPARABLE, text)
    assert [(f.matched, f.span.start.column, f.span.end.column) for f in found] == [
        ("most optimal", 5, 17),
        ("more unique", 55, 66),
    ]
    named = UNCOMPARABLE.replace("((?:most", "(?P<graded>(?:most").replace(
        "report-group = 1", 'report-group = "graded"'
    )
    assert [f.matched for f in run(tmp_path, named, text)[0]] == ["most optimal", "more unique"]
    with pytest.raises(ConfigError, match="no group 2"):
        run(tmp_path, UNCOMPARABLE.replace("report-group = 1", "report-group = 2"), text)
    with pytest.raises(ConfigError, match="no group named 'x'"):
        run(tmp_path, UNCOMPARABLE.replace("report-group = 1", 'report-group = "x"'), text)


def test_pattern_report_group_replacement(tmp_path):
    body = UNCOMPARABLE + 'replacement = "best"\n'
    found, new = run(tmp_path, body, "Pick the most optimal plan.\n")
    assert [(f.matched, f.fix.edits[0].replacement) for f in found] == [("most optimal", "best")]
    assert new == "Pick the best plan.\n"


def test_existence_report_group(tmp_path):
    body = """kind = "existence"
patterns = ['\\b(?:was|is|a)\\s+(?P<degree>fairly)\\b', '\\bexperts\\s+agree\\b']
report-group = "degree"
"""
    found, _ = run(tmp_path, body, "It was fairly easy. Treat them fairly. Experts agree.\n")
    assert [(f.matched, f.span.start.column) for f in found] == [("fairly", 8), ("Experts agree", 40)]


def test_shipped_uncomparables_and_weasel_words_report_the_graded_words():
    text = "A very unique and the most optimal set. More unique visitors. A more perfect union. It was fairly easy.\n"
    found = lint_text(
        text,
        settings={"packs": ["plain-language"]},
        select=["plain-language/uncomparables", "plain-language/weasel-words"],
    )
    assert [(f.rule_id, f.matched, f.span.start.column) for f in found] == [
        ("plain-language/weasel-words", "very", 3),
        ("plain-language/uncomparables", "very unique", 3),
        ("plain-language/uncomparables", "most optimal", 23),
        ("plain-language/weasel-words", "fairly", 92),
    ]


def test_shipped_majority_of_is_unsafe_before_a_possessive():
    text = "The majority of today's pearls come from China. The majority of users agree.\n"
    found = lint_text(text, settings={"packs": ["plain-language"]}, select=["plain-language/wordy-phrases-unsafe"])
    assert [(f.matched, f.fix.applicability) for f in found] == [
        ("The majority of", UNSAFE),
        ("The majority of", SAFE),
    ]
