"""Hostile and broken input files: each gives a located finding (or config error), never a
traceback, and the other files of the run are linted as usual."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from _faults import brandlint, digest, expect, fault
from support import write

GOOD = "We utilize it.\n"
GOOD_LINE = "good.md:1:4: plain-language/simpler-words Write 'use' instead of 'utilize'. [info]"
LEXICAL = ("--select", "plain-language/simpler-words", "--output-format", "concise", "-q", "--no-cache")


def lint(tmp_path: Path, *names: str, extra: tuple[str, ...] = (), **env: str):
    """``check`` the named files and good.md; no file changes (0 bytes lost)."""
    write(tmp_path / "good.md", GOOD)
    before = _snapshot(tmp_path)
    r = brandlint("check", *LEXICAL, *extra, *names, "good.md", cwd=tmp_path, **env)
    assert _snapshot(tmp_path) == before
    return r


def _snapshot(root: Path) -> dict[str, str]:
    return {
        str(p): digest(p.read_bytes())
        for p in root.rglob("*")
        if p.is_file() and not p.is_symlink() and ".brandlint_cache" not in p.parts
    }


def lines(r) -> list[str]:
    return r.stdout.splitlines()


@fault(
    "json-number", "JSON number with 5,000 digits", "`limit-exceeded` at the number; the rest of the file is linted", 1
)
def test_json_number(tmp_path):
    write(tmp_path / "n.json", '{"a": ' + "9" * 5000 + ', "b": "We utilize it."}\n')
    r = lint(tmp_path, "n.json")
    expect("json-number", r)
    assert lines(r) == [
        "n.json:1:7: brandlint/limit-exceeded JSON number with 5000 digits, over the limit of 1000 "
        "([limits] json-number-digits): not linted [warning]",
        "n.json:1:5018: plain-language/simpler-words Write 'use' instead of 'utilize'. [info]",
        GOOD_LINE,
    ]


@fault(
    "json-deep",
    "JSON nested 100,000 levels deep",
    "`limit-exceeded` at the first bracket over the limit; the rest is linted",
    1,
)
def test_json_deep(tmp_path):
    write(tmp_path / "d.json", '{"a": ' + "[" * 100_000 + "]" * 100_000 + ', "b": "We utilize it."}\n')
    r = lint(tmp_path, "d.json")
    expect("json-deep", r)
    assert lines(r) == [
        "d.json:1:106: brandlint/limit-exceeded JSON nested deeper than 100 levels ([limits] nesting-depth): "
        "this value is not linted [warning]",
        "d.json:1:200018: plain-language/simpler-words Write 'use' instead of 'utilize'. [info]",
        GOOD_LINE,
    ]


@fault("symlink-loop", "symbolic link loop in a linted folder", "`io-error` finding per link; other files linted", 1)
def test_symlink_loop(tmp_path):
    (tmp_path / "docs").mkdir()
    os.symlink("b.md", tmp_path / "docs" / "a.md")
    os.symlink("a.md", tmp_path / "docs" / "b.md")
    r = lint(tmp_path, "docs")
    expect("symlink-loop", r)
    msg = "brandlint/io-error symbolic link loop: not linted; remove the link or point it at a file [error]"
    assert lines(r) == [f"docs/a.md:1:1: {msg}", f"docs/b.md:1:1: {msg}", GOOD_LINE]


@fault("dangling-link", "dangling symbolic link", "`io-error` finding naming the missing target", 1)
def test_dangling_link(tmp_path):
    (tmp_path / "docs").mkdir()
    os.symlink("gone.md", tmp_path / "docs" / "x.md")
    r = lint(tmp_path, "docs")
    expect("dangling-link", r)
    assert lines(r) == [
        "docs/x.md:1:1: brandlint/io-error dangling symbolic link (to 'gone.md', which does not exist): "
        "not linted [error]",
        GOOD_LINE,
    ]


@fault("unreadable", "file without read permission", "`io-error` finding: cannot read file: Permission denied", 1)
def test_unreadable(tmp_path, as_user):
    root = as_user.dir
    write(root / "secret.md", GOOD)
    (root / "secret.md").chmod(0)
    write(root / "good.md", GOOD)
    r = as_user.run("check", *LEXICAL, "secret.md", "good.md")
    expect("unreadable", r)
    assert lines(r) == ["secret.md:1:1: brandlint/io-error cannot read file: Permission denied [error]", GOOD_LINE]


@fault("broken-json", "broken JSON (missing comma)", "`syntax-error` at the exact position", 1)
def test_broken_json(tmp_path):
    write(tmp_path / "b.json", '{"a": "x"\n "b": "y"}\n')
    r = lint(tmp_path, "b.json")
    expect("broken-json", r)
    assert lines(r) == [
        "b.json:2:2: brandlint/syntax-error Expecting ',' delimiter (fix the JSON syntax; no string value "
        "of this file is linted until it parses) [error]",
        GOOD_LINE,
    ]


@fault("invalid-utf8", "invalid UTF-8 byte", "`encoding-error` at the byte (line, column, byte offset)", 1)
def test_invalid_utf8(tmp_path):
    (tmp_path / "u.md").write_bytes(b"ok\nab\xffcd\n")
    r = lint(tmp_path, "u.md")
    expect("invalid-utf8", r)
    assert lines(r) == [
        "u.md:2:3: brandlint/encoding-error invalid UTF-8 (byte ff at byte offset 5): file not linted; "
        "re-save it as UTF-8 [error]",
        GOOD_LINE,
    ]


@fault("utf16", "UTF-16 file (with byte order mark)", "`encoding-error`: re-save it as UTF-8", 1)
def test_utf16(tmp_path):
    (tmp_path / "w.md").write_bytes("We utilize it.\n".encode("utf-16"))
    r = lint(tmp_path, "w.md")
    expect("utf16", r)
    assert lines(r) == [
        "w.md:1:1: brandlint/encoding-error UTF-16 LE text (byte order mark FF FE): not linted; re-save it "
        "as UTF-8 [error]",
        GOOD_LINE,
    ]


@fault("nul", "NUL byte in a text file", "`binary-file` at the NUL byte", 1)
def test_nul(tmp_path):
    (tmp_path / "z.md").write_bytes(b"line one\nab\x00c\n")
    r = lint(tmp_path, "z.md")
    expect("nul", r)
    assert lines(r) == [
        "z.md:2:3: brandlint/binary-file binary file (NUL byte at byte offset 11): not linted; exclude it or "
        "fix the file [error]",
        GOOD_LINE,
    ]


@fault("binary", "binary file named .md (a PNG)", "`binary-file` finding", 1)
def test_binary(tmp_path):
    (tmp_path / "img.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    r = lint(tmp_path, "img.md")
    expect("binary", r)
    assert lines(r)[0] == (
        "img.md:3:1: brandlint/binary-file binary file (NUL byte at byte offset 8): not linted; exclude it "
        "or fix the file [error]"
    )
    assert lines(r)[1:] == [GOOD_LINE]


@fault("50mb-line", "50 MB single-line file", "`limit-exceeded` (file-size), never read into memory", 1)
def test_50mb_line(tmp_path):
    with open(tmp_path / "huge.md", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NULs, one line
    r = lint(tmp_path, "huge.md")
    expect("50mb-line", r)
    assert lines(r) == [
        "huge.md:1:1: brandlint/limit-exceeded file is 52428800 bytes, over the limit of 10000000 "
        "([limits] file-size): not linted; raise the limit to lint it [warning]",
        GOOD_LINE,
    ]


@fault(
    "long-line",
    "1.5M-character line among short ones",
    "`limit-exceeded` at the first character over; other lines linted",
    1,
)
def test_long_line(tmp_path):
    write(tmp_path / "l.md", "We utilize it.\n\n" + "word " * 300_000 + "\n\nWe utilize it.\n")
    r = lint(tmp_path, "l.md")
    expect("long-line", r)
    assert lines(r) == [
        "l.md:1:4: plain-language/simpler-words Write 'use' instead of 'utilize'. [info]",
        "l.md:3:1000001: brandlint/limit-exceeded line longer than 1000000 characters ([limits] line-length): "
        "this line is not linted [warning]",
        "l.md:5:4: plain-language/simpler-words Write 'use' instead of 'utilize'. [info]",
        GOOD_LINE,
    ]


@fault("duplicate-keys", "JSON object with duplicate keys", "both values are linted, each at its own position", 0)
def test_duplicate_keys(tmp_path):
    write(tmp_path / "k.json", '{"a": "We utilize it.", "a": "They utilize it."}\n')
    r = lint(tmp_path, "k.json")
    expect("duplicate-keys", r)
    assert lines(r) == [
        "k.json:1:11: plain-language/simpler-words Write 'use' instead of 'utilize'. [info]",
        "k.json:1:36: plain-language/simpler-words Write 'use' instead of 'utilize'. [info]",
        GOOD_LINE,
    ]


@fault(
    "lone-surrogate",
    "lone surrogate (`\\ud800` escape in JSON; its UTF-8 bytes in Markdown)",
    "linted around it / `encoding-error`",
    1,
)
def test_lone_surrogate(tmp_path):
    write(tmp_path / "s.json", '{"a": "We \\ud800 utilize it."}\n')
    (tmp_path / "s.md").write_bytes(b"We \xed\xa0\x80 utilize it.\n")
    r = lint(tmp_path, "s.json", "s.md")
    expect("lone-surrogate", r)
    assert lines(r) == [
        "s.json:1:18: plain-language/simpler-words Write 'use' instead of 'utilize'. [info]",
        "s.md:1:4: brandlint/encoding-error invalid UTF-8 (byte ed at byte offset 3): file not linted; "
        "re-save it as UTF-8 [error]",
        GOOD_LINE,
    ]


@fault(
    "jsonl-records",
    "broken JSONL records among good ones",
    "`syntax-error` per broken record at its line; good records linted",
    1,
)
def test_jsonl_records(tmp_path):
    records = ['{"t": "We utilize it."}', '{"t": "broken', '{"t": "They utilize it."}', "\xff", '{"t": 1}']
    (tmp_path / "r.jsonl").write_bytes(("\n".join(records[:3]) + "\n").encode() + b"\xff\n" + b'{"t": 1}\n')
    r = lint(tmp_path, "r.jsonl")
    expect("jsonl-records", r)
    assert lines(r) == [
        "r.jsonl:1:11: plain-language/simpler-words Write 'use' instead of 'utilize'. [info]",
        "r.jsonl:2:7: brandlint/syntax-error Unterminated string starting at (fix the JSON syntax; no "
        "string value of this record is linted until it parses) [error]",
        "r.jsonl:3:13: plain-language/simpler-words Write 'use' instead of 'utilize'. [info]",
        "r.jsonl:4:1: brandlint/syntax-error invalid UTF-8 byte 0xff (save the file as UTF-8; this record "
        "is not linted) [error]",
        GOOD_LINE,
    ]


@fault(
    "corrupt-cache",
    "corrupt result cache (garbage in every entry)",
    "entries rejected, files linted again; same report",
    1,
)
def test_corrupt_cache(tmp_path):
    write(tmp_path / "a.md", "We utilize it.\nab\x00\n")
    args = ("check", "--select", "plain-language/simpler-words", "--output-format", "concise", "-q", "a.md", "good.md")
    write(tmp_path / "good.md", GOOD)
    first = brandlint(*args, cwd=tmp_path)
    entries = [p for p in (tmp_path / ".brandlint_cache").rglob("*.json")]
    assert entries
    for i, p in enumerate(entries):
        p.write_bytes([b"", b"\x00garbage", b'{"x": 1}\n{}', os.urandom(300)][i % 4])
    again = brandlint(*args, cwd=tmp_path)
    expect("corrupt-cache", again)
    assert again.stdout == first.stdout and lines(again)[-1] == GOOD_LINE


@fault(
    "markdown-deep",
    "Markdown lists or block quotes nested 10,000 levels",
    "`limit-exceeded` where nesting passes the limit; the rest is linted; linear time (bench/bench_nesting.py)",
    1,
)
@pytest.mark.parametrize("text,column", [("- " * 10_000 + "utilize\n", 101), ("> " * 10_000 + "utilize\n", 201)])
def test_markdown_deep(tmp_path, text, column):
    write(tmp_path / "deep.md", text + "\nWe utilize it.\n")
    r = lint(tmp_path, "deep.md")
    expect("markdown-deep", r)
    assert lines(r) == [
        f"deep.md:1:{column}: brandlint/limit-exceeded Markdown nested deeper than 100 levels ([limits] "
        "nesting-depth; a list is 2): not linted from here [warning]",
        "deep.md:3:4: plain-language/simpler-words Write 'use' instead of 'utilize'. [info]",
        GOOD_LINE,
    ]


@fault(
    "markdown-deep-inline",
    "Markdown links or emphasis nested 10,000 levels",
    "linted as text (findings inside are reported); linear time",
    0,
)
@pytest.mark.parametrize(
    "text,column",
    [
        ("[" * 10_000 + "utilize" + "](u)" * 10_000 + "\n", 10_001),
        ("*_" * 10_000 + "utilize" + "_*" * 10_000 + "\n", 20_001),
    ],
)
def test_markdown_deep_inline(tmp_path, text, column):
    write(tmp_path / "deep.md", text)
    r = lint(tmp_path, "deep.md")
    expect("markdown-deep-inline", r)
    assert lines(r) == [
        f"deep.md:1:{column}: plain-language/simpler-words Write 'use' instead of 'utilize'. [info]",
        GOOD_LINE,
    ]


@fault(
    "bad-limit",
    "config value of the wrong kind (`[limits] file-size = -1`)",
    "config error naming file, line, key and value",
    2,
)
def test_bad_limit(tmp_path):
    write(tmp_path / "brandlint.toml", "[limits]\nfile-size = -1\n")
    r = lint(tmp_path)
    expect("bad-limit", r)
    assert r.stderr == (
        f"error: {tmp_path / 'brandlint.toml'}:2: limits.file-size: expected a positive integer, got an integer -1\n"
    )


@fault("bad-regex", "invalid regex in `ignore-patterns`", "config error naming file, line, key and the pattern", 2)
def test_bad_regex(tmp_path):
    write(tmp_path / "brandlint.toml", "[formats.markdown]\nignore-patterns = ['y(?<=x)y']\n")
    r = lint(tmp_path)
    expect("bad-regex", r)
    assert r.stderr.startswith(
        f"error: {tmp_path / 'brandlint.toml'}:2: formats.markdown.ignore-patterns[0]: invalid regular expression 'y(?<=x)y'"
    )


def test_fault_table_keys_are_unique_and_json_safe():
    from _faults import FAULTS

    assert json.loads(json.dumps([f.key for f in FAULTS.values()]))


@fault(
    "dotall-regex",
    "`ignore-patterns = ['(?s)<x>.*?</x>']` (a flag RE2 and Python read alike)",
    "accepted; the span is masked across lines",
    0,
)
def test_dotall_ignore_pattern(tmp_path):
    write(tmp_path / "brandlint.toml", "[formats.markdown]\nignore-patterns = ['(?s)<x>.*?</x>']\n")
    write(tmp_path / "a.md", "We utilize it.\n\n<x>we utilize\nthis</x> and utilize.\n")
    r = lint(tmp_path, "a.md")
    expect("dotall-regex", r)
    assert lines(r) == [
        "a.md:1:4: plain-language/simpler-words Write 'use' instead of 'utilize'. [info]",
        "a.md:4:14: plain-language/simpler-words Write 'use' instead of 'utilize'. [info]",
        GOOD_LINE,
    ]
