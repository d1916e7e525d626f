"""Vale's metric kind (vale.sh/docs/checks/metric) and the readability formulas of Vale's
Readability style (Coleman-Liau, ARI, LIX): variables, safe formulas, conditions, positions."""

from __future__ import annotations

import pytest
from vale_support import config_error, lint

from brandlint.documents.base import SourceFile
from brandlint.documents.markdown import MarkdownFormat
from brandlint.rules.doc_counts import counts
from brandlint.rules.formula import Condition, Formula, FormulaError

DOC = (
    "# Title\n\nThe cat sat on the mat. It was a very comfortable mat.\n\n"
    "## Next\n\n- a list item\n- another\n\n```\ncode here\n```\n\n> Quoted text here.\n"
)


def parse(text: str):
    return next(MarkdownFormat().parse(SourceFile("a.md", text), {}))


def test_variables_are_counted_over_the_summary_like_vale():
    c = counts(parse(DOC))
    assert c == {
        "words": 15.0,  # headings, list items and code are not in the summary
        "sentences": 3.0,
        "characters": 55.0,
        "syllables": 20.0,
        "paragraphs": 2.0,
        "long_words": 1.0,  # comfortable
        "polysyllabic_words": 1.0,
        "complex_words": 1.0,
        "pre": 1.0,
        "list": 1.0,
        "blockquote": 1.0,
        "heading_h1": 1.0,
        "heading_h2": 1.0,
        "heading_h3": 0.0,
        "heading_h4": 0.0,
        "heading_h5": 0.0,
        "heading_h6": 0.0,
    }


def test_complex_words_skip_capitalised_hyphenated_and_suffixed_words():
    c = counts(parse("Beautiful day-to-day beautiful, interesting and beautifully. Unbelievable!\n"))
    # polysyllabic: Beautiful, beautiful, interesting, beautifully, Unbelievable (day-to-day: 3 as one word)
    assert c["polysyllabic_words"] == 6.0
    # complex: beautiful, beautifully (interesting -> "interest": 2 syllables; day-to-day hyphenated;
    # Beautiful and Unbelievable capitalised)
    assert c["complex_words"] == 2.0


def test_metric_reports_once_at_1_1_with_the_value(tmp_path):
    rule = (
        'kind = "metric"\nmessage = "This topic has {value} words per sentence."\n'
        'formula = "words / sentences"\ncondition = "> 4.0"\n'
    )
    found = lint(tmp_path, {"wps": rule}, DOC)
    assert [(f.rule_id, f.span.start.line, f.span.start.column, f.span.end.column) for f in found] == [
        ("pack/wps", 1, 1, 1)
    ]
    assert found[0].message == "This topic has 5.00 words per sentence."
    assert found[0].data == {"value": 5.0}
    assert lint(tmp_path / "ok", {"wps": rule.replace("> 4.0", "> 5.0")}, DOC) == []


def test_metric_vale_readability_formulas_and_dotted_headings(tmp_path):
    fk = (
        'kind = "metric"\nmessage = "Grade {value}."\n'
        'formula = "(0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59"\ncondition = "> -100"\n'
    )
    found = lint(tmp_path, {"fk": fk}, DOC)
    assert found[0].message == "Grade 2.09."  # 0.39 * 5 + 11.8 * 20 / 15 - 15.59 = 2.0933
    smog = 'kind = "metric"\nformula = "1.0430 * math.sqrt((polysyllabic_words * 30.0) / sentences) + 3.1291"\n'
    found = lint(tmp_path / "s", {"smog": smog + 'condition = ">= 6.42"\nmessage = "{value}"\n'}, DOC)
    assert [f.message for f in found] == ["6.43"]  # 1.043 * sqrt(10) + 3.1291 = 6.4274
    heads = 'kind = "metric"\nformula = "heading.h1 + heading_h2 + list + pre + blockquote"\ncondition = "== 5.0"\n'
    found = lint(tmp_path / "h", {"heads": heads}, DOC)
    assert [f.message for f in found] == ["heading.h1 + heading_h2 + list + pre + blockquote is 5.00 (== 5.0)."]


def test_metric_without_words_or_dividing_by_zero_reports_nothing(tmp_path):
    rule = 'kind = "metric"\nformula = "words / (pre - 1)"\ncondition = "> 0"\n'
    assert lint(tmp_path, {"r": rule}, DOC) == []  # pre = 1: division by zero
    assert lint(tmp_path / "e", {"r": rule}, "# Only a heading\n") == []


@pytest.mark.parametrize(
    "formula,message",
    [
        ('__import__(\\"os\\").system(\\"x\\")', "unknown function in formula"),
        ("words.__class__", "not allowed in a formula: 'words.__class__'"),
        ("[words]", "not allowed in a formula: '[words]'"),
        ("wordz / sentences", "unknown variable 'wordz' in formula"),
        ("words / ", "formula is not valid arithmetic"),
    ],
)
def test_formula_is_arithmetic_only(tmp_path, formula, message):
    e = config_error(tmp_path, {"r": f'kind = "metric"\nformula = "{formula}"\ncondition = "> 1"\n'})
    assert (e.key, e.line) == ("formula", 2) and message in e.message


def test_condition_needs_an_operator_and_a_number(tmp_path):
    e = config_error(tmp_path, {"r": 'kind = "metric"\nformula = "words"\ncondition = "above 8"\n'})
    assert (e.key, e.line) == ("condition", 3) and "'> 8.0'" in e.message
    assert [Condition(c)(8.0) for c in ("> 8.0", ">= 8", "== 8.0", "!= 8", "< 8.5", "<= 7.9")] == [
        False,
        True,
        True,
        False,
        True,
        False,
    ]
    with pytest.raises(OverflowError):
        Formula("2 ** 1000")({})
    with pytest.raises(FormulaError):
        Formula("(lambda: 1)()")


def test_readability_vale_metrics(tmp_path):
    body = " ".join(["The quick brown fox jumps over the extraordinarily lazy dog."] * 12)
    text = f"{body}\n"  # 12 sentences, 120 words, 50 letters each
    c = counts(parse(text))
    assert (c["words"], c["sentences"], c["long_words"], c["characters"]) == (120.0, 12.0, 12.0, 600.0)
    expected = {
        "coleman-liau": 0.0588 * 600 / 120 * 100 - 0.296 * 12 / 120 * 100 - 15.8,  # 10.64
        "automated-readability": 4.71 * 600 / 120 + 0.5 * 10 - 21.43,  # 7.12
        "lix": 10 + 12 * 100 / 120,  # 20
    }
    for metric, value in expected.items():
        rule = f'kind = "readability"\nmetric = "{metric}"\nmax = 1\nmin-words = 10\n'
        found = lint(tmp_path / metric, {"r": rule}, text)
        assert len(found) == 1 and found[0].data["score"] == round(value, 2), metric
    # Vale's Readability thresholds are the defaults: CL 9 (exceeded), ARI 8, LIX 35 (met)
    found = lint(tmp_path / "d-cl", {"r": 'kind = "readability"\nmetric = "coleman-liau"\nmin-words = 10\n'}, text)
    assert [f.message for f in found] == [
        "Coleman-Liau index of this document is 10.6, above the maximum 9 "
        "(simpler words and shorter sentences lower it)."
    ]
    for metric in ("automated-readability", "lix"):
        assert (
            lint(tmp_path / f"d-{metric}", {"r": f'kind = "readability"\nmetric = "{metric}"\nmin-words = 10\n'}, text)
            == []
        )


def test_every_vale_readability_formula_compiles_over_the_metric_variables():
    from brandlint.rules.doc_counts import VARIABLES
    from brandlint.rules.readability import VALE_FORMULAS

    c = counts(parse(DOC))
    values = {name: round(Formula(f, frozenset(VARIABLES))(c), 2) for name, f in VALE_FORMULAS.items()}
    assert values == {
        "coleman-liau": round(0.0588 * 55 / 15 * 100 - 0.296 * 3 / 15 * 100 - 15.8, 2),
        "automated-readability": round(4.71 * 55 / 15 + 0.5 * 5 - 21.43, 2),
        "lix": round(5 + 100 / 15, 2),
        "flesch-kincaid-grade": 2.09,
        "flesch-reading-ease": round(206.835 - 1.015 * 5 - 84.6 * 20 / 15, 2),
        "gunning-fog": round(0.4 * (5 + 100 / 15), 2),
        "smog": 6.43,
    }
