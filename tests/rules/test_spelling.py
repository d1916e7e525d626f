"""The spelling kind: Hunspell dictionaries (the shipped en_US and user ones), code tokens skipped,
Vale's Vocab (accept / reject), suggestions as unsafe fixes, the default filters, the cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import write
from vale_support import config_error, lint, where

from brandlint.findings import Applicability
from brandlint.rules import hunspell
from brandlint.rules.spelling import DICTIONARY_DIR

SPELL = {"spell": 'kind = "spelling"\n'}


@pytest.fixture(autouse=True)
def dict_cache(tmp_path_factory, monkeypatch):
    d = tmp_path_factory.mktemp("dict-cache")
    monkeypatch.setenv("BRANDLINT_DICT_CACHE", str(d))
    return d


def test_misspelling_exact_position_message_and_unsafe_fix(tmp_path):
    found = lint(tmp_path, SPELL, "# Title\n\nThis sentnce has a typo.\n")
    assert [where(f) for f in found] == [("pack/spell", 3, 6, 3, 13, "sentnce")]
    f = found[0]
    assert f.message == "'sentnce' is not in the dictionary."
    assert f.suggestions[0] == "sentence"
    assert f.fix is not None and f.fix.applicability is Applicability.UNSAFE
    assert f.fix.edits[0].replacement == "sentence"


def test_transposition_suggests_the_common_word_first(tmp_path):
    found = lint(tmp_path, SPELL, "Read teh manual.\n")
    assert found[0].suggestions[0] == "the"


def test_code_tokens_are_not_words(tmp_path):
    text = (
        "Run `foo_barz` or visit https://example.com/pathz and www.exmple.org, edit config.yamlz, "
        "upgrade to v1.2.3b, set 0xdeadbeefz, call getUsrName or snake_casez, mail me@exmple.com, "
        "ping @someonez, open src/lib/utilz or C:\\Progrm\\Filez, a 3rdz item, ratio=foo.\n"
    )
    assert lint(tmp_path, SPELL, text) == []


def test_default_filters_acronyms_camelcase_and_names_inside_a_sentence(tmp_path):
    text = "The NASAX team uses APIz, MongoDBx and iPhonez with Zorblax.\n"
    assert lint(tmp_path, SPELL, text) == []
    # at a sentence's start a capitalised word is checked; names = true checks them everywhere
    assert [f.matched for f in lint(tmp_path, SPELL, "Zorblax works.\n")] == ["Zorblax"]
    names = {"spell": 'kind = "spelling"\nnames = true\n'}
    assert [f.matched for f in lint(tmp_path, names, "It uses Zorblax.\n")] == ["Zorblax"]
    custom = {"spell": 'kind = "spelling"\ncustom = true\nnames = true\n'}
    assert [f.matched for f in lint(tmp_path, custom, "It uses qwertyAPI and QWXZ.\n")] == ["qwertyAPI", "QWXZ"]


def test_hunspell_case_rules_of_the_shipped_dictionary(tmp_path):
    found = lint(tmp_path, SPELL, "Running in PARIS and Paris, not in paris.\n")
    assert [f.matched for f in found] == ["paris"]


def test_hyphenated_parts_and_prefixes(tmp_path):
    found = lint(tmp_path, SPELL, "A well-knwon, pre-trained, Wi-Fi and e-mail model.\n")
    assert [where(f) for f in found] == [("pack/spell", 1, 8, 1, 13, "knwon")]


def test_affixes_compounds_and_repeated_terms_are_lenient_by_default(tmp_path):
    text = "Add a breakpoint to the sandboxed tooltip. Blorptastic once.\n"
    assert [f.matched for f in lint(tmp_path, SPELL, text)] == ["Blorptastic"]
    strict = {"spell": 'kind = "spelling"\naffixes = false\ncompounds = false\n'}
    got = {f.matched for f in lint(tmp_path, strict, text)}
    assert {"breakpoint", "tooltip", "Blorptastic"} <= got
    # a word used three times in one document is that document's term, not a typo
    three = "We use zorbify here. Then zorbify again. And zorbify.\n"
    assert lint(tmp_path, SPELL, three) == []
    off = {"spell": 'kind = "spelling"\nrepeated = 0\n'}
    assert [f.span.start.column for f in lint(tmp_path, off, three)] == [8, 27, 46]


def test_vocab_accept_and_reject(tmp_path):
    vocab = tmp_path / "styles" / "config" / "vocabularies" / "Brand"
    write(vocab / "accept.txt", "# brand names\nZorblax\n[Ff]lumox\n(?i)quuxly\nGrand Zib\n")
    write(vocab / "reject.txt", "color\n")
    text = "Zorblax and flumox, QUUXLY, Grand Zib do color.\n"
    found = lint(tmp_path, SPELL, text, extra='vocab = ["styles/config/vocabularies/Brand"]\n')
    assert [(f.matched, f.message) for f in found] == [("color", "'color' is a rejected term.")]
    # without the vocabulary the names are unknown words
    bare = lint(tmp_path / "b", {"spell": 'kind = "spelling"\nnames = true\n'}, text)
    assert [f.matched for f in bare] == ["Zorblax", "flumox", "Zib"]


def test_user_dictionary_with_affixes(tmp_path):
    write(
        tmp_path / "dicts" / "brand.aff",
        "SET UTF-8\nPFX U Y 1\nPFX U 0 un .\nSFX S Y 2\nSFX S y ies [^aeiou]y\nSFX S 0 s [^y]\n"
        "SFX D Y 1\nSFX D 0 ed .\nNEEDAFFIX X\nKEEPCASE K\n",
    )
    write(tmp_path / "dicts" / "brand.dic", "4\nzorbly/SU\nfrob/DUS\nglorp/XS\nKwux/K\n")
    rules = {
        "spell": 'kind = "spelling"\ndictionaries = []\ndic = "../dicts/brand.dic"\nnames = true\n'
        "custom = true\naffixes = false\ncompounds = false\nrepeated = 0\n"
    }
    ok = "zorbly zorblies unzorbly frob frobs frobed unfrob unfrobs unfrobed glorps Kwux.\n"
    assert lint(tmp_path, rules, ok) == []
    bad = lint(tmp_path, rules, "glorp zorblys KWUX kwux.\n")
    assert [f.matched for f in bad] == ["glorp", "zorblys", "KWUX", "kwux"]


def test_ignore_word_list_and_filters(tmp_path):
    write(tmp_path / "pack" / "words.txt", "zorblax\n")
    rules = {"spell": 'kind = "spelling"\nignore = ["words.txt"]\nfilters = ["qq[a-z]+"]\n'}
    assert lint(tmp_path, rules, "A zorblax and qqfoo plus blargh.\n")[0].matched == "blargh"


def test_missing_dictionary_is_a_config_error(tmp_path):
    err = config_error(tmp_path, {"spell": 'kind = "spelling"\ndictionaries = ["xx_YY"]\n'})
    assert "dictionary 'xx_YY' not found" in err.message
    assert err.path.endswith("spell.toml") and err.line == 2


def test_expanded_dictionary_is_cached_and_a_damaged_cache_rebuilt(dict_cache):
    dic, aff = DICTIONARY_DIR / "en_US-web.dic", DICTIONARY_DIR / "en_US-web.aff"
    hunspell._LOADED.clear()
    wl = hunspell.load(dic, aff)
    files = list(Path(dict_cache).glob("*.json"))
    assert len(files) == 1
    assert "running" in json.loads(files[0].read_text())["words"]
    files[0].write_text("{not json")
    hunspell._LOADED.clear()
    again = hunspell.load(dic, aff)
    assert again.words == wl.words
    assert json.loads(files[0].read_text())["words"] == sorted(wl.words)


def test_shipped_dictionary_has_its_licence():
    assert (DICTIONARY_DIR / "LICENSE-en_US-web").read_text().startswith("MIT License")
    assert "405b68a2a89d4cdd6d44c7a22d87c2f7ee837b24" in (DICTIONARY_DIR / "README.md").read_text()


def test_config_vocab_is_shared_by_spelling_and_the_vocab_pack(tmp_path):
    write(tmp_path / "Brand" / "accept.txt", "MongoDB\nzorblax\n")
    write(tmp_path / "Brand" / "reject.txt", "foobarize\nclick here\n")
    text = "Use mongodb, zorblax and foobarize. Mongodb rocks. Click here or click here.\n"
    found = lint(tmp_path, SPELL, text, extra='vocab = ["Brand"]\n')
    assert [(f.rule_id, f.span.start.column, f.matched) for f in found] == [
        ("vocab/terms", 5, "mongodb"),  # another casing of a brand name: terminology, with a fix
        ("pack/spell", 26, "foobarize"),  # a rejected word is always a spelling error
        ("vocab/terms", 37, "Mongodb"),
        ("vocab/avoid", 66, "click here"),  # rejected phrases: the vocab pack
    ]
    assert found[0].fix is not None and found[0].fix.edits[0].replacement == "MongoDB"
    # Vale's stricter reading: an accepted entry in another casing is a spelling error too
    strict = {"spell": 'kind = "spelling"\naccept-case = true\n'}
    found = lint(tmp_path / "s", strict, "Use mongodb.\n", extra=f'vocab = ["{tmp_path / "Brand"}"]\n')
    assert [(f.rule_id, f.matched) for f in found] == [("pack/spell", "mongodb"), ("vocab/terms", "mongodb")]
