"""The passive-voice kind: passives from the parse (conjoined participles, states, phrase
exceptions, the auxiliaries option), with the real spaCy model."""

from __future__ import annotations

import pytest
from support import write

from brandlint import lint_text
from brandlint.errors import ConfigError

pytest.importorskip("spacy", reason="the nlp extra (spaCy and its model) is not installed")


def passives(tmp_path, text: str, body: str = "") -> list[tuple[str, int]]:
    pack = tmp_path / f"pack{abs(hash(body))}"  # one folder per rule body (loaded packs are cached)
    write(pack / "passive.toml", 'kind = "passive-voice"\n' + body)
    found = lint_text(text, settings={"packs": [str(pack)]})
    return [(f.matched, f.span.start.column) for f in found]


def shipped(text: str) -> list[str]:
    found = lint_text(text, settings={"packs": ["plain-language"]}, select=["plain-language/passive-voice"])
    return [f.matched for f in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Static rules are packaged, installed, and updated when an extension is installed or upgraded.",
            [("are packaged", 14), ("installed", 28), ("updated", 43), ("is installed", 69), ("upgraded", 85)],
        ),
        ("The model can be trained from scratch or trained with your data.", [("be trained", 15), ("trained", 42)]),
        ("The formwork can be easily assembled and dismantled.", [("be easily assembled", 18), ("dismantled", 42)]),
        (
            "It was launched on August 8, 1940, and formally commissioned in 1941.",
            [("was launched", 4), ("commissioned", 49)],
        ),
        # "marked" is an active verb (VBD with an object): not a passive
        ("The book was published on April 18, 1938, and marked the debut of the hero.", [("was published", 10)]),
    ],
)
def test_conjoined_participles_share_one_auxiliary(tmp_path, text, expected):
    assert passives(tmp_path, text) == expected


def test_used_is_a_participle_unless_it_means_accustomed(tmp_path):
    assert passives(tmp_path, "This function is used to replace the old one.") == [("is used", 15)]
    assert passives(tmp_path, "The tool can be used in many ways.") == [("be used", 14)]
    assert passives(tmp_path, "I am used to working late.") == []  # "accustomed to" + gerund
    assert passives(tmp_path, "I used to live there.") == []  # habitual "used to" + infinitive


def test_graded_and_adjectival_participles_are_states(tmp_path):
    assert passives(tmp_path, "The team was very involved in the launch.") == []
    assert passives(tmp_path, "Be prepared for different reactions.") == []  # acomp: an adjective
    assert passives(tmp_path, "The data is prepared by the pipeline.") == [("is prepared", 10)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This tool is highly recommended by experts.", [("is highly recommended", 11)]),
        ("The city was deeply affected by the storm.", [("was deeply affected", 10)]),
        ("It is increasingly used in schools.", [("is increasingly used", 4)]),
        ("She was very moved by the speech.", [("was very moved", 5)]),  # an agent: an action
        ("The team was too tired to go on.", []),
    ],
)
def test_adverbs_that_also_modify_verbs_keep_the_passive(tmp_path, text, expected):
    assert passives(tmp_path, text) == expected


def test_phrase_exceptions_match_the_auxiliary_the_participle_and_the_next_words(tmp_path):
    body = 'exceptions = ["get started", "based in", "born"]\n'
    assert passives(tmp_path, "To get started, read the guide.", body) == []
    assert passives(tmp_path, "The job was started by the scheduler.", body) == [("was started", 9)]
    assert passives(tmp_path, "Acme is based in Paris.", body) == []
    assert passives(tmp_path, "The price is based on usage.", body) == [("is based", 11)]
    assert passives(tmp_path, "She was born in Paris.", body) == []
    # without the exceptions, every one of them is reported
    assert passives(tmp_path, "Acme is based in Paris.") == [("is based", 6)]


def test_shipped_pack_states_and_passives():
    assert shipped("To get started, read the guide. The job was started by the scheduler.") == ["was started"]
    assert shipped("Acme is based in Paris. The price is based on usage.") == ["is based"]
    assert shipped("You are supposed to read it. It can be used to log in.") == ["be used"]


def test_auxiliaries_option(tmp_path):
    text = "Writers are getting paid less, and the fees were cut."
    assert passives(tmp_path, text) == [("getting paid", 13), ("were cut", 45)]
    assert passives(tmp_path, text, 'auxiliaries = "be"\n') == [("were cut", 45)]
    with pytest.raises(ConfigError, match="auxiliaries"):
        passives(tmp_path, text, 'auxiliaries = "have"\n')


def test_agent_only_spans_end_with_by(tmp_path):
    text = "The series was created by Vince Gilligan and produced by Sony. It was cancelled."
    assert passives(tmp_path, text, "agent-only = true\n") == [("was created by", 12), ("produced by", 46)]
