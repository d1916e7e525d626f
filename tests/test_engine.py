"""Engine behaviour through the public API: term matching, masks, scopes, suppressions."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import write

from brandlint import lint_text


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    write(
        tmp_path / "p" / "banned.toml",
        'kind = "existence"\ntokens = ["synergy", "in order to", "C++"]\nexceptions = ["Synergy Corp"]\n',
    )
    write(tmp_path / "p" / "heading-only.toml", 'kind = "existence"\nscope = ["heading"]\ntokens = ["awesome"]\n')
    write(tmp_path / "p" / "links.toml", 'kind = "existence"\nscope = ["link"]\ntokens = ["click here"]\n')
    write(
        tmp_path / "p" / "prefer.toml",
        'kind = "substitution"\n[swap]\n"e-mail|e mail" = "email"\n"github" = "GitHub"\n',
    )
    write(tmp_path / "p" / "rx.toml", "kind = \"existence\"\npatterns = ['\\b\\d+x faster\\b']\n")
    return write(tmp_path / "brandlint.toml", 'packs = ["p"]\n')


def active(findings):
    return [
        (f.rule_id, f.span.start.line, f.span.start.column, f.span.end.column, f.matched)
        for f in findings
        if f.suppression is None
    ]


def test_terms_word_bounded_case_and_multiword_across_lines(cfg):
    text = "Synergies aside, synergy.\nWe did this in order\nto win; SYNERGY and C++ too.\n"
    assert active(lint_text(text, config=cfg)) == [
        ("p/banned", 1, 18, 25, "synergy"),
        ("p/banned", 2, 13, 3, "in order\nto"),
        ("p/banned", 3, 9, 16, "SYNERGY"),
        ("p/banned", 3, 21, 24, "C++"),
    ]


def test_substitution_fix_preserves_case(cfg):
    fs = lint_text("E-mail us on github or by e mail.\n", config=cfg)
    got = [(f.matched, f.fix.edits[0].replacement, f.fix.edits[0].start, f.fix.edits[0].end) for f in fs]
    assert got == [("E-mail", "Email", 0, 6), ("github", "GitHub", 13, 19), ("e mail", "email", 26, 32)]
    assert fs[0].message == "Use 'Email' instead of 'E-mail'."


def test_masked_code_urls_and_scopes(cfg):
    text = (
        "# An awesome title\n\nAn awesome `synergy` body, see [click here](https://synergy.example) "
        "or <https://x.io/synergy>.\n\n```\nsynergy\n```\n"
    )
    assert active(lint_text(text, config=cfg)) == [
        ("p/heading-only", 1, 6, 13, "awesome"),
        ("p/links", 3, 33, 43, "click here"),
    ]


def test_regex_rule_and_exceptions(cfg):
    assert active(lint_text("Now 10x faster. Synergy Corp is fine.\n", config=cfg)) == [
        ("p/rx", 1, 5, 15, "10x faster"),
    ]


def test_inline_suppressions_with_reasons(cfg):
    text = (
        "synergy one\n\n"
        "<!-- brandlint-disable-next-line p/banned -- quoting a customer -->\n"
        "synergy two\n\n"
        "<!-- brandlint-disable p -- legacy page -->\n\n"
        "synergy three\n\n"
        "<!-- brandlint-enable p -->\n\n"
        "synergy four\n"
    )
    fs = lint_text(text, config=cfg)
    assert active(fs) == [("p/banned", 1, 1, 8, "synergy"), ("p/banned", 12, 1, 8, "synergy")]
    reasons = {f.span.start.line: f.suppression.reason for f in fs if f.suppression}
    assert reasons == {4: "quoting a customer", 8: "legacy page"}


def test_disable_file(cfg):
    fs = lint_text("synergy\n\n<!-- brandlint-disable-file p/banned -->\n\nawesome synergy\n", config=cfg)
    assert active(fs) == []
    assert len(fs) == 2


def test_pointer_ignores(tmp_path, cfg):
    write(cfg, 'packs = ["p"]\n[pointer-ignores]\n"/legal/*" = ["p/banned"]\n')
    fs = lint_text('{"legal": {"a": "synergy"}, "b": "synergy"}', format="json", config=cfg)
    assert [(f.json_pointer, f.suppression is not None) for f in fs] == [("/legal/a", True), ("/b", False)]


def test_json_fix_is_escaped(tmp_path):
    write(tmp_path / "p" / "q.toml", 'kind = "substitution"\n[swap]\n"acme" = "\\"Acme\\""\n')
    cfg = write(tmp_path / "brandlint.toml", 'packs = ["p"]\n')
    (f,) = lint_text('{"a": "by acme"}', format="json", config=cfg)
    assert f.fix.edits[0].replacement == '\\"Acme\\"'
