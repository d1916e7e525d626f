"""Vale's existence options (vale.sh/docs/checks/existence): raw, append, nonword; a capture group span."""

from __future__ import annotations

from vale_support import config_error, lint, where

from brandlint.fixing import apply_edits


def test_raw_fragments_are_concatenated_before_the_tokens_group(tmp_path):
    # proselint's Uncomparables: raw is "a modifier, then white space", tokens the adjectives
    rule = (
        'kind = "existence"\nignorecase = true\n'
        'raw = [\'\\b(?:very|most|more)\\b\\s*\']\ntokens = ["unique", "perfect"]\n'
    )
    text = "A very unique idea, a perfect plan and the most perfectly tuned, More Unique.\n"
    found = lint(tmp_path, {"unc": rule}, text)
    assert [where(f) for f in found] == [
        ("pack/unc", 1, 3, 1, 14, "very unique"),
        ("pack/unc", 1, 66, 1, 77, "More Unique"),
    ]


def test_raw_only_is_a_plain_pattern_and_append_puts_raw_after(tmp_path):
    currency = "kind = \"existence\"\nignorecase = true\nraw = ['\\$[\\d]* ?(?:dollars|usd|us dollars)']\n"
    text = "It costs $10 dollars, or $5 USD, not $3.\n"
    found = lint(tmp_path, {"cur": currency}, text)
    assert [where(f) for f in found] == [
        ("pack/cur", 1, 10, 1, 21, "$10 dollars"),
        ("pack/cur", 1, 26, 1, 32, "$5 USD"),
    ]
    append = (
        'kind = "existence"\nignorecase = false\ntokens = ["There is", "There are"]\nraw = [" +no"]\nappend = true\n'
    )
    found = lint(tmp_path / "a", {"there": append}, "There is no time. There are many. there is no.\n")
    assert [where(f) for f in found] == [("pack/there", 1, 1, 1, 12, "There is no")]


def test_nonword_with_raw_drops_the_word_boundaries(tmp_path):
    rule = 'kind = "existence"\nnonword = true\ntokens = ["ize"]\nraw = ["util"]\n'
    found = lint(tmp_path, {"r": rule}, "We utilize and utilizes things.\n")
    assert [where(f) for f in found] == [("pack/r", 1, 4, 1, 11, "utilize"), ("pack/r", 1, 16, 1, 23, "utilize")]


def test_group_reports_only_the_capture_group(tmp_path):
    rule = "kind = \"existence\"\nignorecase = false\npatterns = ['\\b(?:click|tap) (here)\\b']\ngroup = 1\n"
    found = lint(tmp_path, {"here": rule}, "Please click here or tap here now.\n")
    assert [where(f) for f in found] == [("pack/here", 1, 14, 1, 18, "here"), ("pack/here", 1, 26, 1, 30, "here")]


def test_group_larger_than_the_pattern_has_is_a_config_error(tmp_path):
    e = config_error(tmp_path, {"r": "kind = \"existence\"\npatterns = ['a(b)']\ngroup = 2\n"})
    assert (e.key, e.line) == ("group", 3) and "has 1 capture groups" in e.message
    e = config_error(tmp_path / "b", {"r": "kind = \"existence\"\nraw = ['y(?<=x)y']\n"})
    assert e.key == "raw" and e.line == 2 and "y(?<=x)y" in e.message and "RE2" in e.message


def test_substitution_nonword_matches_inside_words(tmp_path):
    rule = 'kind = "substitution"\nnonword = true\n[swap]\n"e-mail" = "email"\n'
    found = lint(tmp_path, {"mail": rule}, "Send e-mails or an E-mail.\n")
    assert [where(f) for f in found] == [("pack/mail", 1, 6, 1, 12, "e-mail"), ("pack/mail", 1, 20, 1, 26, "E-mail")]
    assert [f.fix.edits[0].replacement for f in found] == ["email", "Email"]
    bounded = 'kind = "substitution"\n[swap]\n"e-mail" = "email"\n'
    found = lint(tmp_path / "b", {"mail": bounded}, "Send e-mails or an E-mail.\n")
    assert [where(f) for f in found] == [("pack/mail", 1, 20, 1, 26, "E-mail")]


def test_pattern_kind_group_span_and_replacement(tmp_path):
    rule = "kind = \"pattern\"\npattern = '\\b(?:log|sign) (in)to\\b'\ngroup = 1\nreplacement = 'in '\n"
    text = "Please log into the app, then sign into it.\n"
    found = lint(tmp_path, {"p": rule}, text)
    assert [where(f) for f in found] == [("pack/p", 1, 12, 1, 14, "in"), ("pack/p", 1, 36, 1, 38, "in")]
    new, _applied, skipped = apply_edits(text, found)
    assert not skipped and new == "Please log in to the app, then sign in to it.\n"
    e = config_error(tmp_path / "b", {"p": "kind = \"pattern\"\npattern = 'a(b)'\ngroup = 3\n"})
    assert (e.key, e.line) == ("group", 3) and "has 1 capture groups" in e.message


def test_substitution_regex_keys_as_vale(tmp_path):
    rule = (
        "kind = \"substitution\"\nregex = true\nmessage = \"Consider using '{preferred}' instead of '{match}'.\"\n"
        "[swap]\n'(?:cell phone|cell-phone)' = \"cellphone\"\n'e-?mail' = \"email\"\n"
        "'air(?:m[ae]n|wom[ae]n)' = \"pilot(s)\"\n'(?:in order to|as a means to)' = \"to\"\n"
        "'utili[sz]e' = \"use|apply\"\n"
    )
    text = "Call my Cell-phone or e-mail, not email. Airmen fly in order to utilize it.\n"
    found = lint(tmp_path, {"swap": rule}, text)
    assert [where(f) for f in found] == [
        ("pack/swap", 1, 9, 1, 19, "Cell-phone"),
        ("pack/swap", 1, 23, 1, 29, "e-mail"),
        ("pack/swap", 1, 42, 1, 48, "Airmen"),
        ("pack/swap", 1, 53, 1, 64, "in order to"),
        ("pack/swap", 1, 65, 1, 72, "utilize"),
    ]
    assert [f.fix.edits[0].replacement if f.fix else None for f in found] == [
        "Cellphone",
        "email",
        "Pilot(s)",
        "to",
        None,
    ]
    assert found[4].suggestions == ("use", "apply")
    assert found[4].message == "Consider using 'use or apply' instead of 'utilize'."
    e = config_error(tmp_path / "bad", {"s": 'kind = "substitution"\nregex = true\n[swap]\n\'a(?<=a)b\' = "c"\n'})
    assert e.key == "swap.a(?<=a)b" and "RE2" in e.message


def test_substitution_regex_with_alternatives_declares_sometimes(tmp_path):
    from vale_support import make_config

    from brandlint.config.settings import load_settings
    from brandlint.rules.base import FixAvailability

    rules = {
        "alt": 'kind = "substitution"\nregex = true\n[swap]\n\'utili[sz]e\' = "use|apply"\n',
        "one": 'kind = "substitution"\nregex = true\n[swap]\n\'utili[sz]e\' = "use"\n',
    }
    got = {r.id: r.fix_availability for r in load_settings(make_config(tmp_path, rules)).all_rules}
    assert got == {"pack/alt": FixAvailability.SOMETIMES, "pack/one": FixAvailability.ALWAYS}
