"""brandlint.limits: blanking long lines and taming JSON keep every offset in place."""

from __future__ import annotations

from brandlint.limits import DEFAULTS, cap_lines, limits_of, tame_json


def test_cap_lines_blanks_long_lines_and_keeps_offsets():
    text = "ab\r\nabcdef\nxy\rlongline"
    new, over = cap_lines(text, 4)
    assert new == "ab\r\n      \nxy\r        "
    assert len(new) == len(text)
    assert over == [(2, 8), (4, 18)]
    assert cap_lines("abc\nabcd\n", 4) == ("abc\nabcd\n", [])  # no line over: the same text


def test_tame_json_cuts_deep_values_and_long_numbers_only_outside_strings():
    text = '{"s": "[[[ 1234567 \\" [[[", "a": [[[1]]], "n": -1234567.5e3, "ok": 12}'
    new, found = tame_json(text, 2, 5)
    assert len(new) == len(text)
    assert new == '{"s": "[[[ 1234567 \\" [[[", "a": [0    ], "n": 0           , "ok": 12}'
    assert [o for o, _ in found] == [text.index("[[1"), text.index("-1234567")]


def test_tame_json_keeps_line_breaks_of_a_cut_value():
    text = '{"a": [[\n[\n1]]]}'
    new, found = tame_json(text, 2, 5)
    assert new == '{"a": [0\n \n   ]}' and [o for o, _ in found] == [7]


def test_tame_json_unterminated_string_and_trailing_backslash():
    text = '{"a": ' + "[" * 3 + '"open \\"\\"\\"\\'
    new, found = tame_json(text, 2, 5)
    assert [o for o, _ in found] == [7] and len(new) == len(text)
    assert new.startswith('{"a": [0')


def test_untouched_when_nothing_is_over():
    text = '{"a": [1, 2], "b": "x"}'
    assert tame_json(text, 100, 1000) == (text, [])
    assert limits_of({}) == DEFAULTS
    assert limits_of({"limits": {"file-size": 5}})["file-size"] == 5
