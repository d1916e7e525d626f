"""The terminology kind: a term base with case, separator and inflected variants.

Literal entries run on the shared Aho-Corasick matcher (no spaCy); ``lemmas = true`` entries run
the real spaCy model (tagger + lemmatizer).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import write

from brandlint import lint_text
from brandlint.errors import ConfigError
from brandlint.findings import Applicability
from brandlint.fixing import apply_edits
from brandlint.rules.terminology import TerminologyRule, inflect, separator_forms

BRAND = """kind = "terminology"
[[terms]]
preferred = "brandlint"
variants = ["Brand Lint"]
case-sensitive = true
note = "Our product name is always lower case."

[[terms]]
preferred = "email"
variants = ["e-mail"]
exceptions = ["E-Mail Act"]

[[terms]]
preferred = "GitHub"
variants = ["Git Hub"]
"""

LEMMAS = """kind = "terminology"
[[terms]]
preferred = "use"
variants = ["utilize", "leverage", "make use of"]
lemmas = true

[[terms]]
preferred = "buy"
variants = ["purchase"]
lemmas = true
inflections = { VBD = "bought", VBN = "bought", VBG = "buying", VBZ = "buys" }
"""


def config(tmp_path: Path, body: str, name: str = "terms") -> Path:
    write(tmp_path / "t" / f"{name}.toml", body)
    return write(tmp_path / "brandlint.toml", 'packs = ["t"]\n')


def found(findings):
    return [
        (
            f.span.start.line,
            f.span.start.column,
            f.span.end.column,
            f.matched,
            f.fix.edits[0].replacement if f.fix else None,
        )
        for f in findings
        if f.suppression is None
    ]


def test_separator_forms_and_inflection():
    assert separator_forms("e-mail") == {"e-mail", "e mail", "email"}
    assert separator_forms("Brand Lint") == {"Brand Lint", "Brand-Lint", "BrandLint"}
    assert separator_forms("email") == {"email"}
    assert [inflect("use", t) for t in ("VBZ", "VBD", "VBG")] == ["uses", "used", "using"]
    assert [inflect("stop", t) for t in ("VBZ", "VBD", "VBG")] == ["stops", "stopped", "stopping"]
    assert [inflect("apply", t) for t in ("VBZ", "VBD", "VBG")] == ["applies", "applied", "applying"]
    assert [inflect("fix", t) for t in ("VBZ", "VBD", "VBG")] == ["fixes", "fixed", "fixing"]


def test_case_and_separator_variants_with_case_preserving_fix(tmp_path):
    cfg = config(tmp_path, BRAND)
    text = (
        "# Brand Lint and BrandLint\n\n"
        "Brandlint checks copy. Install brandlint, not Brandlint or brand-lint.\n"
        "Send an e-mail, an E-mail or an e mail via the E-Mail Act form on Github or git hub.\n"
    )
    fs = lint_text(text, config=cfg)
    assert found(fs) == [
        (1, 3, 13, "Brand Lint", "brandlint"),
        (1, 18, 27, "BrandLint", "brandlint"),
        (3, 47, 56, "Brandlint", "brandlint"),
        (3, 60, 70, "brand-lint", "brandlint"),
        (4, 9, 15, "e-mail", "email"),
        (4, 20, 26, "E-mail", "Email"),
        (4, 33, 39, "e mail", "email"),
        (4, 77, 84, "git hub", "GitHub"),
    ]
    # the case-sensitive brand keeps its exact form; "Brandlint" opening a sentence is allowed
    assert fs[0].message == "Use 'brandlint' instead of 'Brand Lint'. Our product name is always lower case."
    assert fs[0].data == {"preferred": "brandlint", "term": 0, "note": "Our product name is always lower case."}
    assert all(f.fix.applicability == Applicability.SAFE for f in fs)
    new = apply_edits(text, fs)[0]
    assert new.splitlines()[2] == "Brandlint checks copy. Install brandlint, not brandlint or brandlint."
    assert lint_text(new, config=cfg) == []


def test_sentence_initial_capital_can_be_disallowed(tmp_path):
    cfg = config(tmp_path, BRAND.replace('kind = "terminology"\n', 'kind = "terminology"\nsentence-initial = false\n'))
    assert found(lint_text("Brandlint checks copy.\n", config=cfg)) == [(1, 1, 10, "Brandlint", "brandlint")]


def test_trademark_signs_and_rule_exceptions(tmp_path):
    body = BRAND.replace('preferred = "GitHub"', 'preferred = "GitHub™"') + "\n"
    body = body.replace('kind = "terminology"\n', 'kind = "terminology"\nexceptions = ["Brand Lint Foundation"]\n')
    cfg = config(tmp_path, body)
    text = "Use brandlint™ and GitHub® with BrandLint® from the Brand Lint Foundation.\n"
    fs = lint_text(text, config=cfg)
    assert found(fs) == [(1, 33, 42, "BrandLint", "brandlint")]
    assert apply_edits(text, fs)[0] == "Use brandlint™ and GitHub® with brandlint® from the Brand Lint Foundation.\n"


def test_multiword_term_across_a_soft_line_break_and_in_json(tmp_path):
    cfg = config(tmp_path, BRAND)
    fs = lint_text("We love Brand\nLint here.\n", config=cfg)
    assert found(fs) == [(1, 9, 5, "Brand\nLint", "brandlint")]
    fs = lint_text('{"title": "Write an \\"e-mail\\""}', format="json", config=cfg)
    assert found(fs) == [(1, 23, 29, "e-mail", "email")]


def test_literal_terminology_needs_no_nlp(tmp_path):
    cfg = config(tmp_path, BRAND)
    from brandlint.config.settings import load_settings

    rule = load_settings(cfg).all_rules[0]
    assert isinstance(rule, TerminologyRule)
    assert rule.needs == frozenset() and rule.nlp_components == frozenset()
    from brandlint.rules.term_matcher import TermRule

    assert isinstance(rule, TermRule)  # shares the one automaton of every term rule


def test_lemma_terms_match_inflected_forms(tmp_path):
    cfg = config(tmp_path, LEMMAS)
    text = (
        "We utilize data. She utilizes it, they utilized it and\nare utilizing it.\n"
        "Leveraging `utilize` made use of it. We purchased two and purchase one.\n"
    )
    fs = lint_text(text, config=cfg)
    assert [
        (f.span.start.line, f.span.start.column, f.matched, f.fix.edits[0].replacement, f.fix.applicability.value)
        for f in fs
    ] == [
        (1, 4, "utilize", "use", "safe"),
        (1, 22, "utilizes", "uses", "unsafe"),
        (1, 40, "utilized", "used", "unsafe"),
        (2, 5, "utilizing", "using", "unsafe"),
        (3, 1, "Leveraging", "Using", "unsafe"),
        (3, 22, "made use of", "used", "unsafe"),
        (3, 41, "purchased", "bought", "safe"),
        (3, 59, "purchase", "buy", "safe"),
    ]
    assert fs[1].fix.description == "Replace 'utilizes' with 'uses' ('use' inflected as VBZ by rule: check the form)"
    rule = next(r for r in __import__("brandlint.config.settings", fromlist=["x"]).load_settings(cfg).all_rules)
    assert rule.needs == frozenset({"nlp"}) and rule.nlp_components == frozenset({"lemmatizer"})


@pytest.mark.parametrize(
    "body, where, error",
    [
        ('kind = "terminology"\nterms = []\n', ":2: terms:", "expected a non-empty array of [[terms]] tables"),
        ('kind = "terminology"\n[[terms]]\nvariants = ["x"]\n', ":2: terms[0]:", "missing 'preferred'"),
        (
            'kind = "terminology"\n[[terms]]\npreferred = "a"\nvariants = [1]\n',
            ":4: terms[0].variants:",
            "expected an array of strings",
        ),
        (
            'kind = "terminology"\n[[terms]]\npreferred = "a"\nvarients = ["b"]\n',
            ":4: terms[0].varients:",
            "unknown key 'varients' (did you mean 'variants'?)",
        ),
        (
            'kind = "terminology"\n[[terms]]\npreferred = "email"\nvariants = ["e-mail"]\n[[terms]]\n'
            'preferred = "mail"\nvariants = ["e mail"]\n',
            ":5: terms[1]:",
            "'e mail' belongs to two terms: 'email' and 'mail' (list each variant under one preferred term)",
        ),
        (
            'kind = "terminology"\n[[terms]]\npreferred = "buy"\nlemmas = true\ninflections = { PAST = "bought" }\n',
            ":5: terms[0].inflections:",
            "unknown inflection tag 'PAST'",
        ),
    ],
)
def test_config_errors_name_file_line_and_key(tmp_path, body, where, error):
    cfg = config(tmp_path, body)
    with pytest.raises(ConfigError) as exc:
        lint_text("x\n", config=cfg)
    msg = str(exc.value)
    assert msg.startswith(str(tmp_path / "t" / "terms.toml") + where), msg
    assert error in msg
