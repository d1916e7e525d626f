"""Vale's capitalization options (vale.sh/docs/checks/capitalization): match, style (AP/Chicago),
threshold, prefix, indicators."""

from __future__ import annotations

from vale_support import config_error, lint, where

CAP = 'kind = "capitalization"\nmessage = "\'{match}\' should be in {style} case."\n'


def test_match_title_ap_from_vales_example(tmp_path):
    rule = CAP + 'match = "$title"\nstyle = "AP"\n'
    text = "# follow step-by-step instructions\n\nHere is a paragraph.\n\n# Follow Step-by-Step Instructions\n"
    found = lint(tmp_path, {"ap": rule}, text)
    assert [where(f) for f in found] == [("pack/ap", 1, 3, 1, 35, "follow step-by-step instructions")]
    assert found[0].message == "'follow step-by-step instructions' should be in AP case."
    assert found[0].suggestions == ("Follow Step-by-Step Instructions",)


def test_ap_and_chicago_differ_on_long_prepositions(tmp_path):
    text = "# The Art of War Between Nations\n\n# Living With Less\n"
    ap = lint(tmp_path / "ap", {"t": CAP + 'match = "$title"\nstyle = "AP"\n'}, text)
    assert ap == []  # AP lower-cases only prepositions of three letters or fewer
    chicago = lint(tmp_path / "c", {"t": CAP + 'match = "$title"\nstyle = "Chicago"\n'}, text)
    assert [where(f) for f in chicago] == [
        ("pack/t", 1, 3, 1, 33, "The Art of War Between Nations"),
        ("pack/t", 3, 3, 3, 19, "Living With Less"),
    ]
    assert [f.suggestions for f in chicago] == [("The Art of War between Nations",), ("Living with Less",)]


def test_match_sentence_lower_upper(tmp_path):
    text = "# Getting Started\n\n# getting started\n\n# GETTING STARTED\n"
    got = {}
    for case in ("$sentence", "$lower", "$upper"):
        found = lint(tmp_path / case[1:], {"c": CAP + f'match = "{case}"\n'}, text)
        got[case] = [f.matched for f in found]
    # an all-capitals word reads as an acronym (API) and keeps its case: unlike Vale, brandlint
    # does not ask "GETTING STARTED" to change in sentence or lower case
    assert got == {
        "$sentence": ["Getting Started", "getting started"],
        "$lower": ["Getting Started"],
        "$upper": ["Getting Started", "getting started"],
    }


def test_match_pattern_passes_when_it_matches(tmp_path):
    rule = CAP + "match = '^[A-Z][a-z]+(?: [a-z]+)*$'\n"
    text = "# Overview\n\n# Getting Started\n\n## Set up the tools\n"
    found = lint(tmp_path, {"p": rule}, text)
    assert [where(f) for f in found] == [("pack/p", 3, 3, 3, 18, "Getting Started")]
    assert found[0].fix is None


def test_threshold_accepts_a_share_of_words_in_the_right_case(tmp_path):
    text = "# Getting started With the API\n\n# Getting Started With The API\n"
    strict = lint(tmp_path / "s", {"c": CAP + 'match = "$sentence"\n'}, text)
    assert [f.matched for f in strict] == ["Getting started With the API", "Getting Started With The API"]
    vale = lint(tmp_path / "v", {"c": CAP + 'match = "$sentence"\nthreshold = 0.8\n'}, text)
    assert [where(f) for f in vale] == [("pack/c", 3, 3, 3, 31, "Getting Started With The API")]  # 2 of 5 right


def test_prefix_is_left_unchecked(tmp_path):
    text = "## 1. getting started\n\n## 2. Next steps\n"
    plain = lint(tmp_path / "p", {"c": CAP}, text)
    assert plain == []  # "1." is the first word: "getting" may stay lower case
    found = lint(tmp_path / "x", {"c": CAP + "prefix = '\\d+\\. '\n"}, text)
    assert [where(f) for f in found] == [("pack/c", 1, 4, 1, 22, "1. getting started")]
    assert found[0].suggestions == ("1. Getting started",)


def test_indicators_vale_default_none_vs_brandlint_default(tmp_path):
    text = "# Step 1: Install it. Then run it\n"
    assert lint(tmp_path / "d", {"c": CAP}, text) == []  # default indicators : . ! ?
    ms = lint(tmp_path / "m", {"c": CAP + "indicators = [':']\n"}, text)  # Microsoft.Headings
    assert [f.suggestions for f in ms] == [("Step 1: Install it. then run it",)]
    none = lint(tmp_path / "n", {"c": CAP + "indicators = []\n"}, text)
    assert [f.suggestions for f in none] == [("Step 1: install it. then run it",)]


def test_bad_capitalization_options(tmp_path):
    e = config_error(tmp_path / "a", {"c": CAP + 'match = "$sentence"\nstyle = "AP"\n'})
    assert (e.key, e.line) == ("style", 4) and "only with match = '$title'" in e.message
    e = config_error(tmp_path / "b", {"c": CAP + "threshold = 1.5\n"})
    assert (e.key, e.line) == ("threshold", 3) and "between 0 and 1" in e.message
    e = config_error(tmp_path / "c", {"c": CAP + "match = '(?<=x)'\n"})
    assert (e.key, e.line) == ("match", 3) and "RE2" in e.message
