"""The NLP prefilter: only segments a rule may report on reach spaCy, with the findings of
parsing every segment (``[nlp] prefilter = false``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from brandlint import lint_text
from brandlint.config.settings import load_settings
from brandlint.nlp import get_service
from brandlint.pipeline import lint_file
from brandlint.rules.passive_prefilter import may_hold_passive

#: passive voice is opt-in in the shipped packs
PASSIVE = {"extend-select": ["plain-language/passive-voice"]}


@pytest.mark.parametrize(
    "text",
    [
        "The file was deleted.",
        "Backups are kept for 30 days.",
        "It's done.",
        "They’re signed by the server.",
        "The page isn't found.",
        "Messages weren’t intercepted.",
        "I'm told it works.",
        "The build got cancelled.",
        "It became known as Blink.",
        "Getting paged at night is no fun.",
        "It isnt supported",
        "They werent told",
        "We gotta get paid",
    ],
)
def test_sentences_with_a_passive_auxiliary_are_candidates(text):
    assert may_hold_passive(text)


@pytest.mark.parametrize(
    "text",
    ["Run the script.", "Click Next to continue", "Islands, beings and bees.", "Target the Becket API.", ""],
)
def test_sentences_without_one_are_not(text):
    assert not may_hold_passive(text)


def test_only_candidate_segments_are_parsed_and_findings_do_not_change():
    text = (
        "# Set up the API\n\n"
        "The key was rotated by the admin.\n\n"
        "Run the script and check the output.\n\n"
        "- Open the console\n- Tokens are revoked hourly\n"
    )
    svc = get_service(load_settings(None))
    before = dict(svc.stats)
    fs = [f for f in lint_text(text, settings=PASSIVE) if f.rule_id == "plain-language/passive-voice"]
    parsed = svc.stats["segments"] - before["segments"]
    skipped = svc.stats["skipped_segments"] - before["skipped_segments"]
    assert [(f.matched, f.span.start.line, f.span.start.column) for f in fs] == [
        ("was rotated", 3, 9),
        ("are revoked", 8, 10),
    ]
    assert (parsed, skipped) == (2, 3)  # the heading, "Run the script..." and "Open the console" are not parsed
    everything = [
        f for f in lint_text(text, settings={**PASSIVE, "nlp": {"prefilter": False}}) if f.rule_id == fs[0].rule_id
    ]
    assert [f.to_dict() for f in everything] == [f.to_dict() for f in fs]


def _slice(root: Path, step: int) -> list[Path]:
    return [p for i, p in enumerate(sorted(root.rglob("*.md"))) if i % step == step // 2]


def test_findings_identical_to_parsing_everything_on_corpus_slices(shared):
    files = _slice(shared / "corpus" / "md_docs", 240) + _slice(shared / "corpus" / "md_marketing", 60)
    assert len(files) >= 14
    filtered = load_settings(None, extend_select=("plain-language/passive-voice",))
    everything = load_settings(
        None, extend_select=("plain-language/passive-voice",), overrides={"nlp": {"prefilter": False}}
    )
    svc = get_service(filtered)
    before = dict(svc.stats)
    a = [f.to_dict() for p in files for f in lint_file(p, filtered).findings]
    skipped = svc.stats["skipped_segments"] - before["skipped_segments"]
    b = [f.to_dict() for p in files for f in lint_file(p, everything).findings]
    assert skipped > 0
    assert sum(1 for f in a if f["rule_id"] == "plain-language/passive-voice") > 10
    assert a == b
