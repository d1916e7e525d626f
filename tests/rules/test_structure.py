"""Structural rule kinds end to end: pack TOML -> lint_text -> exact findings, spans and fixes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import write

from brandlint.config.settings import load_settings
from brandlint.errors import ConfigError
from brandlint.findings import Applicability
from brandlint.fixing import apply_edits
from brandlint.pipeline import lint_text
from brandlint.rules.text import count_words, sections, sentences


def make_config(tmp_path: Path, rules: dict[str, str]) -> Path:
    for name, body in rules.items():
        write(tmp_path / "pack" / f"{name}.toml", body)
    return write(tmp_path / "brandlint.toml", 'packs = ["pack"]\n')


def lint(tmp_path: Path, rules: dict[str, str], text: str, fmt: str = "markdown"):
    cfg = make_config(tmp_path, rules)
    return [f for f in lint_text(text, format=fmt, config=cfg) if f.suppression is None]


def where(f) -> tuple:
    """(rule, start line, start column, end line, end column, matched)."""
    return (f.rule_id, f.span.start.line, f.span.start.column, f.span.end.line, f.span.end.column, f.matched)


def fixed(text: str, *findings) -> str:
    new, applied, skipped = apply_edits(text, list(findings))
    assert not skipped
    return new


def config_error(tmp_path: Path, rules: dict[str, str]) -> ConfigError:
    cfg = make_config(tmp_path, rules)
    with pytest.raises(ConfigError) as ei:
        load_settings(cfg)
    return ei.value


# ------------------------------------------------------------------------------ text units


def test_sentences_are_abbreviation_aware():
    text = (
        "Dr. Smith paid $3.50 for v1.2.3, e.g. a patch. It works! Does it? We sell apples, etc. "
        "The end… maybe. J. R. Tolkien wrote approx. five books.\n\nNew paragraph"
    )
    got = [text[a:b] for a, b in sentences(text)]
    assert got == [
        "Dr. Smith paid $3.50 for v1.2.3, e.g. a patch.",
        "It works!",
        "Does it?",
        "We sell apples, etc.",
        "The end… maybe.",
        "J. R. Tolkien wrote approx. five books.",
        "New paragraph",
    ]


def test_sentences_of_a_range_and_closing_quotes():
    text = 'xx "Hello." She left. (See Fig. 2.) Done'
    assert [text[a:b] for a, b in sentences(text, 3)] == ['"Hello."', "She left.", "(See Fig. 2.)", "Done"]
    assert sentences("   ") == []


def test_count_words_skips_masked_ranges():
    text = "Run `npm install now` then don't stop"
    assert count_words(text) == 7
    assert count_words(text, [(4, 21)]) == 4
    assert count_words(text, [(4, 21)], 22, len(text)) == 3


def test_sections_run_from_heading_to_heading():
    from brandlint.documents.base import SourceFile
    from brandlint.documents.markdown import MarkdownFormat

    doc = next(MarkdownFormat().parse(SourceFile("a.md", "Intro.\n\n# One\n\nA.\n\nB.\n\n## Two\n\n- C\n"), {}))
    assert [[seg.text for seg in group] for group in sections(doc.segments)] == [
        ["Intro."],
        ["One", "A.", "B."],
        ["Two", "C"],
    ]


# ------------------------------------------------------------------------------ occurrence

EXCLAMATION = 'kind = "occurrence"\ntokens = ["!"]\nmax = 1\n'


def test_occurrence_max_reports_first_match_over_the_limit(tmp_path):
    text = "# Hi!\n\nGreat `a!` news!\nReally!\n"
    found = lint(tmp_path, {"bang": EXCLAMATION}, text)
    assert [where(f) for f in found] == [("pack/bang", 3, 16, 3, 17, "!")]
    assert found[0].message == "'!' appears 3 times in this document; use it at most 1 time."
    assert found[0].fix is None


def test_occurrence_per_sentence_and_custom_message(tmp_path):
    rule = (
        'kind = "occurrence"\ntokens = ["very"]\nper = "sentence"\nmax = 1\n'
        "message = \"'{match}' {count}x in one {per} (max {max}).\"\n"
    )
    text = "This is very good, very fast. Very nice. Dr. Who is very very odd.\n"
    found = lint(tmp_path, {"very": rule}, text)
    assert [where(f) for f in found] == [("pack/very", 1, 20, 1, 24, "very"), ("pack/very", 1, 58, 1, 62, "very")]
    assert [f.message for f in found] == ["'very' 2x in one sentence (max 1).", "'very' 2x in one sentence (max 1)."]


def test_occurrence_min_per_section_reports_at_the_section_start(tmp_path):
    rule = 'kind = "occurrence"\ntokens = ["Acme Cloud"]\nper = "section"\nmin = 1\n'
    text = "# Intro\n\nWe love Acme\ncloud.\n\n## Pricing\n\nPlans start small.\n\n## Support `Acme Cloud`\n\nAsk us.\n"
    found = lint(tmp_path, {"mention": rule}, text)
    assert [where(f) for f in found] == [
        ("pack/mention", 6, 4, 6, 11, "Pricing"),
        ("pack/mention", 10, 4, 10, 23, "Support Acme Cloud"),
    ]
    assert found[0].message == "This section has 0 matches of 'Acme Cloud'; it needs at least 1."


def test_occurrence_density_per_1000_words(tmp_path):
    rule = 'kind = "occurrence"\ntokens = ["—"]\nnonword = true\ndensity = 50\nmin-words = 20\n'
    words = " ".join(["word"] * 36)
    text = f"One — two — three {words}\n"  # 39 words, 2 dashes: 51.3 per 1,000
    found = lint(tmp_path, {"dash": rule}, text)
    assert [where(f) for f in found] == [("pack/dash", 1, 11, 1, 12, "—")]  # allowance int(1.95) = 1
    assert found[0].message == (
        "'—' appears 2 times in 39 words (51.3 per 1,000 words); use it at most 50 times per 1,000 words."
    )
    assert lint(tmp_path / "short", {"dash": rule}, "One — two — three four.\n") == []  # under min-words
    assert lint(tmp_path / "fine", {"dash": rule}, f"One — two {words} {words}\n") == []


def test_occurrence_patterns_count_in_json_documents(tmp_path):
    rule = 'kind = "occurrence"\npatterns = [\'\\bfree\\b\']\nmax = 1\nper = "document"\n'
    text = json.dumps({"title": "Free trial", "items": ["free setup", "Totally FREE"]})
    found = lint(tmp_path, {"free": rule}, text, "json")
    assert [where(f) for f in found] == [("pack/free", 1, 36, 1, 40, "free")]
    assert found[0].json_pointer == "/items/0"
    assert found[0].message == "'free' appears 3 times in this document; use it at most 1 time."


def test_occurrence_bad_configs(tmp_path):
    e = config_error(tmp_path / "a", {"r": 'kind = "occurrence"\ntokens = ["!"]\n'})
    assert e.path.endswith("r.toml") and e.key == "max" and "need 'max', 'min' or 'density'" in e.message
    e = config_error(tmp_path / "b", {"r": 'kind = "occurrence"\ntokens = ["!"]\nmax = 1\nmin = 3\n'})
    assert (e.key, e.line) == ("min", 4) and "'min' (3) is larger than 'max' (1)" in e.message
    e = config_error(tmp_path / "c", {"r": 'kind = "occurrence"\npatterns = ["ok", "a(?<=a)b"]\nmax = 1\n'})
    assert e.path.endswith("r.toml") and (e.key, e.line) == ("patterns[1]", 2) and "RE2" in e.message
    e = config_error(tmp_path / "d", {"r": 'kind = "occurrence"\ntokens = ["!"]\nmax = 1\nper = "page"\n'})
    assert (e.key, e.line) == ("per", 4) and "expected one of" in e.message
    e = config_error(tmp_path / "e", {"r": 'kind = "occurrence"\nmax = 2\n'})
    assert e.key == "tokens" and "'tokens' or 'patterns'" in e.message
    e = config_error(tmp_path / "f", {"r": 'kind = "occurrence"\ntokens = ["!"]\ndensity = 0\n'})
    assert (e.key, e.line) == ("density", 3) and "max = 0" in str(e)


# ------------------------------------------------------------------------------ repetition

REPEAT = 'kind = "repetition"\n'


def test_repetition_across_soft_line_break_with_safe_fix(tmp_path):
    text = "The the cat saw the\nthe dog. It had had enough; Bora Bora is `the the` code.\n"
    found = lint(tmp_path, {"rep": REPEAT}, text)
    assert [where(f) for f in found] == [("pack/rep", 1, 1, 1, 8, "The the"), ("pack/rep", 1, 17, 2, 4, "the\nthe")]
    assert [f.message for f in found] == ["Repeated word 'The'.", "Repeated word 'the'."]
    assert found[0].fix.applicability is Applicability.SAFE
    assert [(e.start, e.end, e.replacement) for e in found[0].fix.edits] == [(3, 7, "")]
    assert fixed(text, *found) == "The cat saw the dog. It had had enough; Bora Bora is `the the` code.\n"


def test_repetition_triple_in_blockquote_and_markup(tmp_path):
    text = "> so the the\n> the end\n\nA *word* word. A word *word*.\n"
    found = lint(tmp_path, {"rep": REPEAT}, text)
    assert [where(f) for f in found] == [
        ("pack/rep", 1, 6, 2, 6, "the the\nthe"),
        ("pack/rep", 4, 4, 4, 14, "word word"),
        ("pack/rep", 4, 18, 4, 28, "word word"),
    ]
    assert found[0].message == "Repeated word 'the'."
    assert fixed(text, found[0], found[1]) == "> so the end\n\nA *word*. A word *word*.\n"
    assert found[2].fix is None  # deleting " *word" would break the emphasis


def test_repetition_options(tmp_path):
    rule = 'kind = "repetition"\ntokens = ["the"]\nignorecase = false\nexceptions = []\n'
    text = "The the cat, a a dog, and the the bird had had it.\n"
    found = lint(tmp_path, {"rep": rule}, text)
    assert [where(f) for f in found] == [("pack/rep", 1, 27, 1, 34, "the the")]
    e = config_error(tmp_path / "bad", {"rep": 'kind = "repetition"\nexceptions = ["had"]\n'})
    assert (
        e.path.endswith("rep.toml") and (e.key, e.line) == ("exceptions", 2) and "repeated word or phrase" in e.message
    )


def test_repetition_fix_in_json_keeps_valid_json(tmp_path):
    text = '{"body": "Buy the\\nthe \\u00e9clair the the"}'
    found = lint(tmp_path, {"rep": REPEAT}, text, "json")
    assert [where(f) for f in found] == [("pack/rep", 1, 15, 1, 23, "the\nthe"), ("pack/rep", 1, 36, 1, 43, "the the")]
    new = fixed(text, *found)
    assert json.loads(new) == {"body": b"Buy the \\u00e9clair the".decode("unicode_escape")}


PHRASES = 'kind = "repetition"\nmax-words = 4\nunsafe = true\n'


@pytest.mark.parametrize(
    ("text", "span", "kept"),
    [
        ("create an EOJ in the in the US West Region", (15, 28), "create an EOJ in the US West Region"),
        (
            "can be extracted by be extracted by the expression",
            (5, 36),
            "can be extracted by the expression",
        ),
        (
            "perpetuate harmful attitudes and attitudes and fail",
            (20, 47),
            "perpetuate harmful attitudes and fail",
        ),
        ("Choose a data setup to setup to set up", (15, 32), "Choose a data setup to set up"),
        ("taking longer than longer than five minutes", (8, 31), "taking longer than five minutes"),
    ],
)
def test_repetition_of_phrases_longest_unit_wins(tmp_path, text, span, kept):
    found = lint(tmp_path, {"rep": PHRASES}, text + "\n")
    assert [(f.span.start.column, f.span.end.column) for f in found] == [span]
    assert found[0].message.startswith("Repeated phrase '")
    assert found[0].fix.applicability is Applicability.UNSAFE
    assert fixed(text + "\n", *found) == kept + "\n"


def test_repetition_of_phrases_across_a_list_line_break(tmp_path):
    text = "- Open it in Chrome in\n  Chrome today.\n"
    found = lint(tmp_path, {"rep": PHRASES}, text)
    assert [where(f) for f in found] == [("pack/rep", 1, 11, 2, 9, "in Chrome in\nChrome")]
    assert found[0].message == "Repeated phrase 'in Chrome'."
    assert fixed(text, *found) == "- Open it in Chrome today.\n"


@pytest.mark.parametrize(
    "text",
    [
        "executed line by line by an interpreter",
        "more and more people",
        "as free as free can be",
        "She had had enough",
        "What it is is a cache",
        "linkedin.com/in/johndoe johndoe.github.io",
        "see the docs docs/index.md page",
        "write to johndoe johndoe@example.com",
        "Whatever the script does does not change the input.",
        "**label values**  \nlabel values that favour a group",  # a hard line break: a term list
        "a **V** x **V** x **V** tensor",
        "For the SDKs, see [See Also](https://example.com/see-also).",
    ],
)
def test_repetition_not_reported(tmp_path, text):
    assert lint(tmp_path, {"rep": PHRASES}, text + "\n") == []


def test_repetition_one_word_by_default_and_triples_of_allowed_pairs(tmp_path):
    text = "Say that that that is in the in the box.\n"
    found = lint(tmp_path, {"rep": REPEAT}, text)  # max-words 1: "in the in the" is not a doubled word
    assert [where(f) for f in found] == [("pack/rep", 1, 5, 1, 19, "that that that")]
    assert found[0].fix.applicability is Applicability.UNSAFE  # "that that" may be what was meant
    assert fixed(text, *found) == "Say that that is in the in the box.\n"
    found = lint(tmp_path, {"rep": REPEAT}, "What it is is a cache. Availability is is dependent on it.\n")
    assert [where(f) for f in found] == [("pack/rep", 1, 37, 1, 42, "is is")]
    found = lint(tmp_path, {"rep": REPEAT + "unsafe = true\n"}, "A beer can can be opened.\n")
    assert [(f.matched, f.fix.applicability) for f in found] == [("can can", Applicability.UNSAFE)]


# ----------------------------------------------------------------------------- consistency

SPELLING = 'kind = "consistency"\n[either]\n"color|colors" = "colour|colours"\n"analyze" = "analyse"\n'


def test_consistency_flags_the_minority_form(tmp_path):
    text = "# Colour guide\n\nPick colours. Our colors and colour.\n\nWe analyze; `colors` is code.\n"
    found = lint(tmp_path, {"spell": SPELLING}, text)
    assert [where(f) for f in found] == [("pack/spell", 3, 19, 3, 25, "colors")]
    f = found[0]
    assert f.message == "Inconsistent spelling: 'colors' here but 'colours' elsewhere in this document."
    assert f.suggestions == ("colours",)
    assert f.fix.applicability is Applicability.UNSAFE
    assert fixed(text, f) == text.replace("Our colors", "Our colours")


def test_consistency_tie_prefers_the_first_seen_and_keeps_case(tmp_path):
    text = "We analyse data.\n\nAnalyze it again.\n"
    found = lint(tmp_path, {"spell": SPELLING}, text)
    assert [where(f) for f in found] == [("pack/spell", 3, 1, 3, 8, "Analyze")]
    assert found[0].suggestions == ("Analyse",)
    assert lint(tmp_path / "one", {"spell": SPELLING}, "Colors, colors, color.\n") == []


def test_consistency_bad_config(tmp_path):
    e = config_error(tmp_path, {"spell": 'kind = "consistency"\n[either]\n"color" = "colour"\n"hue" = "color"\n'})
    assert e.path.endswith("spell.toml") and e.key == "either.hue" and "'color' is listed twice" in e.message


# ----------------------------------------------------------------------------- conditional

ACRONYM = 'kind = "conditional"\nexceptions = ["ACME"]\n'


def test_conditional_acronym_used_before_definition(tmp_path):
    text = (
        "# About the WHO\n\nThe World Health Organization (WHO) and the WHO again. AWS\nis big; "
        "Amazon Web Services (AWS) too. CDN and CDN, API, ACME, `XYZ`.\n\n"
        "DO NOT USE THIS NOW. Part II. SEO (search engine optimization) helps SEO.\n"
    )
    found = lint(tmp_path, {"acro": ACRONYM}, text)
    assert [where(f) for f in found] == [
        ("pack/acro", 1, 13, 1, 16, "WHO"),
        ("pack/acro", 3, 56, 3, 59, "AWS"),
        ("pack/acro", 4, 40, 4, 43, "CDN"),
    ]
    assert found[0].message == (
        "'WHO' is used before it is defined (its definition comes later, on line 3): "
        "spell it out on first use, e.g. 'Full Name (WHO)'."
    )
    assert found[2].message == "'CDN' is used before it is defined: spell it out on first use, e.g. 'Full Name (CDN)'."


def test_conditional_vale_first_second(tmp_path):
    rule = (
        'kind = "conditional"\nmessage = "\'{term}\' has no definition."\ncommon = false\n'
        "first = '\\b([A-Z]{3,5})\\b'\nsecond = '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'\n"
    )
    text = "Use the Portable Document Format (PDF) and the PDF tools. HTML is everywhere.\n"
    found = lint(tmp_path, {"acro": rule}, text)
    assert [where(f) for f in found] == [("pack/acro", 1, 59, 1, 63, "HTML")]
    assert found[0].message == "'HTML' has no definition."


def test_conditional_in_jsonl_records_is_per_record(tmp_path):
    text = '{"a": "Kubernetes Engine (KE) is KE."}\n{"a": "KE is new."}\n'
    found = lint(tmp_path, {"acro": ACRONYM}, text, "jsonl")
    assert [where(f) for f in found] == [("pack/acro", 2, 8, 2, 10, "KE")]


def test_conditional_bad_config(tmp_path):
    e = config_error(tmp_path / "a", {"acro": "kind = \"conditional\"\nuse = 'x'\nfirst = 'y'\n"})
    assert e.path.endswith("acro.toml") and (e.key, e.line) == ("first", 3)
    e = config_error(tmp_path / "b", {"acro": "kind = \"conditional\"\n\nsecond = '(?=x)'\n"})
    assert e.path.endswith("acro.toml") and e.line == 3 and e.key.startswith("second") and "RE2" in e.message


# -------------------------------------------------------------------------- capitalization

HEADINGS = 'kind = "capitalization"\nexceptions = ["Acme Cloud", "GitHub"]\n'


def test_capitalization_sentence_case_with_exceptions_and_fix(tmp_path):
    text = (
        "# Getting Started With acme cloud And `Code Name`\n\nNot A Heading Here.\n\n"
        "## Why APIs Matter For iPhone Users: The Basics\n\n## Deploy to Acme Cloud in 2 steps\n"
    )
    found = lint(tmp_path, {"case": HEADINGS}, text)
    assert [where(f) for f in found] == [
        ("pack/case", 1, 3, 1, 49, "Getting Started With acme cloud And Code Name"),
        ("pack/case", 5, 4, 5, 48, "Why APIs Matter For iPhone Users: The Basics"),
    ]
    assert found[0].message == "Use sentence case: 'Getting started with Acme Cloud and Code Name'."
    assert found[1].message == "Use sentence case: 'Why APIs matter for iPhone users: The basics'."
    assert found[0].fix.applicability is Applicability.SAFE
    assert fixed(text, *found) == text.replace("Started With acme cloud And", "started with Acme Cloud and").replace(
        "Matter For iPhone Users: The Basics", "matter for iPhone users: The basics"
    )


def test_capitalization_title_case_and_scope(tmp_path):
    rule = 'kind = "capitalization"\nstyle = "title"\nscope = ["heading2"]\nunsafe = true\nexceptions = ["macOS"]\n'
    text = "# not checked at all\n\n## a guide to the [best tools](https://x.io) on macos for\n"
    found = lint(tmp_path, {"case": rule}, text)
    assert [where(f) for f in found] == [("pack/case", 3, 4, 3, 58, "a guide to the best tools on macos for")]
    assert found[0].message == "Use title case: 'A Guide to the Best Tools on macOS For'."
    assert found[0].fix.applicability is Applicability.UNSAFE
    assert fixed(text, found[0]) == (
        "# not checked at all\n\n## A Guide to the [Best Tools](https://x.io) on macOS For\n"
    )


def test_capitalization_sentence_case_accepts_either_case_after_stops(tmp_path):
    text = "# What I learned? (for beginners)\n\n## Step 1: Install it. Then run it\n\n## Meet Bob: our mascot\n"
    found = lint(tmp_path, {"case": 'kind = "capitalization"\n'}, text)
    assert [f.message for f in found] == ["Use sentence case: 'Meet bob: our mascot'."]
    bad = config_error(tmp_path / "bad", {"case": 'kind = "capitalization"\n\nstyle = "camel"\n'})
    assert bad.path.endswith("case.toml") and (bad.key, bad.line) == ("style", 3)
    assert "'sentence', 'title', 'lower', 'upper'" in bad.message


def test_capitalization_upper_and_lower(tmp_path):
    text = "# Release Notes\n"
    up = lint(tmp_path / "u", {"case": 'kind = "capitalization"\nstyle = "upper"\n'}, text)
    assert fixed(text, *up) == "# RELEASE NOTES\n"
    low = lint(tmp_path / "l", {"case": 'kind = "capitalization"\nstyle = "lower"\n'}, "# Use the API Now\n")
    assert [f.message for f in low] == ["Use lower case: 'use the API now'."]


def test_capitalization_no_fix_when_source_differs(tmp_path):
    text = "# Caf&eacute; Menu Now\n"  # words to change are verbatim: fixable
    found = lint(tmp_path, {"case": 'kind = "capitalization"\n'}, text)
    assert [f.message for f in found] == ["Use sentence case: 'Café menu now'."]
    assert found[0].fix is not None and fixed(text, *found) == "# Caf&eacute; menu now\n"
    found = lint(tmp_path / "b", {"case": 'kind = "capitalization"\n'}, "# Menu &Eacute;t&eacute;\n")
    assert [f.message for f in found] == ["Use sentence case: 'Menu été'."]
    assert found[0].fix is None  # the source of 'Été' is entities: no in-place case change


# -------------------------------------------------------------------------------- required

DISCLAIMER = (
    'kind = "required"\nseverity = "error"\ntrigger = ["guaranteed"]\n'
    "trigger-patterns = ['\\$\\d']\ndisclaimer = [\"Prices may change\"]\n"
)


def test_required_reports_the_first_trigger(tmp_path):
    text = "# Plans\n\nRun `echo $5` first. Only $5 a month, guaranteed.\n"
    found = lint(tmp_path, {"disclaimer": DISCLAIMER}, text)
    assert [where(f) for f in found] == [("pack/disclaimer", 3, 27, 3, 29, "$5")]
    assert found[0].message == "'$5' needs a disclaimer in this document, e.g. \"Prices may change\"."
    assert str(found[0].severity) == "error"
    assert found[0].suggestions == ("Prices may change",)


def test_required_disclaimer_anywhere_satisfies(tmp_path):
    text = "Only $5 a month.\n\n| Note |\n| --- |\n| *Prices may change.* |\n"
    assert lint(tmp_path, {"disclaimer": DISCLAIMER}, text) == []
    assert (
        lint(
            tmp_path / "j",
            {"disclaimer": DISCLAIMER},
            json.dumps({"a": "It is GUARANTEED", "b": "prices may\nchange"}),
            "json",
        )
        == []
    )
    found = lint(tmp_path / "j2", {"disclaimer": DISCLAIMER}, json.dumps({"a": "It is GUARANTEED"}), "json")
    assert [where(f) for f in found] == [("pack/disclaimer", 1, 14, 1, 24, "GUARANTEED")]


def test_required_bad_config(tmp_path):
    e = config_error(tmp_path, {"r": 'kind = "required"\ntrigger = ["x"]\n'})
    assert e.path.endswith("r.toml") and e.key == "disclaimer" and "need 'disclaimer'" in e.message


# --------------------------------------------------------------------------------- pattern

PERCENT = (
    "kind = \"pattern\"\nscope = [\"paragraph\"]\npattern = '(\\d+)\\s?percent'\nreplacement = '\\1%'\n"
    'ignorecase = true\nexceptions = ["100 percent"]\n'
)


def test_pattern_with_replacement_scope_and_masks(tmp_path):
    text = "# 50 percent off\n\nSave 20 Percent or `30 percent`; 100 percent sure. 5 *percent* more.\n"
    found = lint(tmp_path, {"percent": PERCENT}, text)
    assert [where(f) for f in found] == [
        ("pack/percent", 3, 6, 3, 16, "20 Percent"),
        ("pack/percent", 3, 52, 3, 62, "5 percent"),
    ]
    assert found[0].message == "Use '20%' instead of '20 Percent'."
    assert [(e.start, e.end, e.replacement) for e in found[0].fix.edits] == [(23, 33, "20%")]
    assert found[1].fix is None  # the match spans emphasis markup: no fix
    assert fixed(text, *found) == text.replace("20 Percent", "20%")


def test_pattern_without_replacement(tmp_path):
    rule = "kind = \"pattern\"\npattern = '\\bclick here\\b'\nmessage = \"Say where the link goes, not '{match}'.\"\n"
    found = lint(tmp_path, {"click": rule}, "To start, [click here](x).\n")
    assert [where(f) for f in found] == [("pack/click", 1, 12, 1, 22, "click here")]
    assert found[0].message == "Say where the link goes, not 'click here'." and found[0].fix is None


def test_pattern_bad_configs(tmp_path):
    e = config_error(tmp_path / "a", {"p": 'kind = "pattern"\nseverity = "info"\npattern = \'(a\'\n'})
    assert e.path.endswith("p.toml") and e.line == 3 and e.key.startswith("pattern") and "RE2" in e.message
    e = config_error(tmp_path / "b", {"p": "kind = \"pattern\"\npattern = '(a)b'\nreplacement = '\\2'\n"})
    assert (e.key, e.line) == ("replacement", 3) and "\\2 refers to a group" in e.message
    e = config_error(tmp_path / "c", {"p": 'kind = "pattern"\nreplacement = "x"\n'})
    assert e.key == "pattern" and "missing required key" in e.message


def test_kinds_are_registered(tmp_path):
    st = load_settings(write(tmp_path / "brandlint.toml", "packs = []\n"))
    assert {"occurrence", "repetition", "consistency", "conditional", "capitalization", "required", "pattern"} <= set(
        st.registry.kinds
    )
