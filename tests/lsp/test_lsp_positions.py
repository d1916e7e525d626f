"""Code-point offsets ↔ LSP positions in UTF-16 (default), UTF-8 and UTF-32."""

from __future__ import annotations

import pytest

from brandlint.lsp.positions import TextIndex, units

TEXT = "a😀b\ncafé 🇫🇷 x\r\nend\rlast"


def test_units_of_non_bmp_and_accents():
    assert units("😀", "utf-16") == 2
    assert units("😀", "utf-8") == 4
    assert units("😀", "utf-32") == 1
    assert units("café", "utf-16") == 4
    assert units("café", "utf-8") == 5
    assert units("🇫🇷", "utf-16") == 4  # two regional indicators, each outside the BMP


@pytest.mark.parametrize(
    "encoding,expected",
    [
        ("utf-16", [(0, 0), (0, 1), (0, 3), (0, 4), (1, 0), (1, 5), (1, 7), (1, 10), (2, 0), (3, 0), (3, 4)]),
        ("utf-8", [(0, 0), (0, 1), (0, 5), (0, 6), (1, 0), (1, 6), (1, 10), (1, 15), (2, 0), (3, 0), (3, 4)]),
        ("utf-32", [(0, 0), (0, 1), (0, 2), (0, 3), (1, 0), (1, 5), (1, 6), (1, 8), (2, 0), (3, 0), (3, 4)]),
    ],
)
def test_round_trip(encoding, expected):
    idx = TextIndex(TEXT)
    # a(0) 😀(1) b(2) \n(3) | c(4) a f é(7) ' '(8) 🇫(9) 🇷(10) ' '(11) x(12) \r\n | e(15).. \r(18) | l(19)..(23)
    offsets = [0, 1, 2, 3, 4, 9, 10, 12, 15, 19, 23]
    got = [idx.position(o, encoding) for o in offsets]
    assert got == expected
    assert [idx.offset(line, ch, encoding) for line, ch in expected] == offsets


def test_line_breaks_follow_lsp():
    idx = TextIndex(TEXT)
    assert idx.line_count == 4
    assert [idx.line_text(i) for i in range(4)] == ["a😀b", "café 🇫🇷 x", "end", "last"]
    # U+2028 and form feed are no line breaks in LSP (str.splitlines would split them)
    odd = TextIndex("x\u2028y\x0cz\nw")
    assert odd.line_count == 2
    assert odd.position(5, "utf-16") == (0, 5)
    assert odd.offset(1, 1, "utf-16") == 7


def test_clamping_and_half_characters():
    idx = TextIndex(TEXT)
    assert idx.offset(0, 99, "utf-16") == 3  # past the end of line 0 = its end, before "\n"
    assert idx.offset(99, 0, "utf-16") == len(TEXT)
    assert idx.offset(0, 2, "utf-16") == 1  # inside the surrogate pair of 😀: start of 😀
    assert idx.offset(0, 3, "utf-8") == 1  # inside the UTF-8 bytes of 😀
    assert idx.position(-5) == (0, 0)
    assert idx.position(10_000) == (3, 4)
    assert idx.line_range(1) == (4, 13)  # the line break is not part of the line
