"""Regression tests for the four bugs found translating Vale's scenarios (issue 12)."""

from __future__ import annotations

from pathlib import Path

from support import run_cli, write
from vale_support import config_error, lint, where

SPEAK = 'kind = "existence"\ntokens = ["utilize", "leverage"]\nmessage = "Avoid \'{match}\'."\n'


def test_ignore_pattern_with_a_global_flag_spans_lines(tmp_path):
    extra = "[formats.markdown]\nignore-patterns = ['(?s)<x>.*?</x>']\n"
    text = "We utilize <x>this\nand leverage\nthat</x> and leverage it.\n"
    found = lint(tmp_path, {"speak": SPEAK}, text, extra=extra)
    assert [where(f) for f in found] == [
        ("pack/speak", 1, 4, 1, 11, "utilize"),
        ("pack/speak", 3, 14, 3, 22, "leverage"),
    ]


def test_ignore_pattern_with_a_global_flag_from_the_cli_exits_0_or_1_not_a_traceback(tmp_path):
    write(tmp_path / "pack" / "speak.toml", SPEAK)
    write(tmp_path / "brandlint.toml", "packs = [\"pack\"]\n[formats.markdown]\nignore-patterns = ['(?s)<x>.*?</x>']\n")
    write(tmp_path / "a.md", "Fine <x>utilize\n</x> text.\n")
    r = run_cli("check", "a.md", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr


def test_bad_ignore_pattern_is_a_config_error_naming_file_key_and_pattern(tmp_path):
    extra = "[formats.markdown]\nignore-patterns = ['\\{\\{.*?\\}\\}', 'a(?<=a)b']\n"
    e = config_error(tmp_path, {"speak": SPEAK}, extra)
    assert Path(e.path) == tmp_path / "brandlint.toml"
    assert (e.key, e.line) == ("formats.markdown.ignore-patterns[1]", 3)
    assert "'a(?<=a)b'" in e.message and "RE2" in e.message
    write(tmp_path / "a.md", "x\n")
    r = run_cli("check", "a.md", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "brandlint.toml:3: formats.markdown.ignore-patterns[1]: invalid regular expression 'a(?<=a)b'" in r.stderr


def test_ignore_patterns_apply_one_by_one_so_order_does_not_matter(tmp_path):
    text = "Use {{ utilize }} but utilize {{ leverage }} here.\n"
    expected = [("pack/speak", 1, 23, 1, 30, "utilize")]
    for i, order in enumerate(("['\\{\\{', '\\{\\{.*?\\}\\}']", "['\\{\\{.*?\\}\\}', '\\{\\{']")):
        extra = f"[formats.markdown]\nignore-patterns = {order}\n"
        found = lint(tmp_path / str(i), {"speak": SPEAK}, text, extra=extra)
        assert [where(f) for f in found] == expected, order


def test_occurrence_heading4_scope_skips_other_headings_with_inline_markup(tmp_path):
    rule = 'kind = "occurrence"\nscope = ["heading4"]\ntokens = ["setup"]\nper = "heading"\nmin = 1\n'
    text = "## Install *the* `cli`\n\n#### Run **it** now\n\n#### The setup step\n\nBody *text* here.\n"
    found = lint(tmp_path, {"h4": rule}, text)
    assert [where(f) for f in found] == [("pack/h4", 3, 6, 3, 20, "Run it now")]
    maxrule = 'kind = "occurrence"\nscope = ["heading4"]\ntokens = ["it"]\nmax = 0\n'
    found = lint(tmp_path / "max", {"h4": maxrule}, "## Fix *it* now\n\n#### Run **it**\n")
    assert [where(f) for f in found] == [("pack/h4", 3, 12, 3, 14, "it")]


def test_conditional_with_several_groups_in_second_defines_every_group(tmp_path):
    rule = (
        'kind = "conditional"\ncommon = false\n'
        "first = '\\b([A-Z]{3,5})\\b'\nsecond = '(?:\\b([A-Z][a-z]+) )+\\(([A-Z]{3,5})\\)'\n"
    )
    text = "The National Basketball Association (NBA) is big. The NBA plays. WNBA too.\n"
    found = lint(tmp_path, {"acro": rule}, text)
    assert [where(f) for f in found] == [("pack/acro", 1, 66, 1, 70, "WNBA")]
