"""CLI details as Ruff users expect them: `-` reads stdin, an unknown --stdin-filename is reported
as skipped, every output format in --help, long lines elided around the span, one word for counts."""

from __future__ import annotations

from support import write

RULE = 'kind = "existence"\nmessage = "Avoid \'{match}\'."\ntokens = ["synergy"]\n'


def _project(tmp_path):
    write(tmp_path / "rules" / "house" / "no-synergy.toml", RULE)
    write(tmp_path / "brandlint.toml", 'packs = ["rules/house"]\n')
    return tmp_path


def test_dash_reads_stdin_as_markdown(tmp_path, cli):
    _project(tmp_path)
    r = cli("check", "-", "--output-format", "concise", cwd=tmp_path, stdin="# T\n\n`synergy` and synergy.\n")
    assert r.returncode == 1, r.stdout + r.stderr
    # Markdown: the code span is not prose
    assert r.stdout.splitlines()[0] == "-:3:15: house/no-synergy Avoid 'synergy'. [warning]"
    assert "Found 1 finding (1 warning) in 1 file." in r.stdout
    r = cli(
        "check", "-", "--stdin-filename", "docs/a.txt", "--output-format", "concise", cwd=tmp_path, stdin="`synergy`\n"
    )
    assert r.stdout.splitlines()[0] == "docs/a.txt:1:2: house/no-synergy Avoid 'synergy'. [warning]"
    r = cli("check", "-", "a.md", cwd=tmp_path, stdin="x")
    assert (r.returncode, r.stderr) == (2, "error: `-` (stdin) cannot be mixed with other paths\n")


def test_unknown_stdin_filename_is_reported_as_skipped(tmp_path, cli):
    _project(tmp_path)
    r = cli("check", "--stdin-filename", "notes.unknown", cwd=tmp_path, stdin="synergy\n")
    assert r.returncode == 0
    assert r.stdout == "No files checked.\nnotes.unknown: skipped: no format for extension '.unknown'\n"
    assert "All checks passed" not in r.stdout
    write(tmp_path / "a.md", "Fine.\n")
    write(tmp_path / "b.xyz", "synergy\n")
    r = cli("check", "a.md", "b.xyz", cwd=tmp_path)
    assert r.stdout == (
        "All checks passed (1 file checked).\nb.xyz: skipped: no format for extension '.xyz'\nScore: 100/100\n"
    )


def test_check_help_lists_every_output_format(tmp_path, cli):
    from brandlint.plugins.builtin_reporters import BUILTIN_FORMATS
    from brandlint.plugins.manager import get_registry

    _project(tmp_path)
    r = cli("check", "--help")
    text = " ".join(r.stdout.split())
    listed = text.split("--output-format FORMAT ", 1)[1].split(" or a plugin's format (`brandlint plugins`)")[0]
    assert listed.startswith("text (default), ")
    assert set(listed.replace("(default)", "").replace(",", " ").split()) == set(BUILTIN_FORMATS)
    names = sorted(get_registry().reporters)  # every registered format: the built-in ones and plugins'
    assert (
        {"text", "full", "concise", "json", "json-lines", "sarif", "github", "junit", "gitlab", "rdjson"}
        <= set(BUILTIN_FORMATS)
        <= set(names)
    )
    for name in names:
        r = cli("check", "--output-format", name, "--stdin-filename", "a.md", cwd=tmp_path, stdin="Fine.\n")
        assert r.returncode == 0, (name, r.stderr)


def test_long_lines_are_elided_around_the_span(tmp_path, cli):
    _project(tmp_path)
    before = "lorem ipsum " * 20  # 240 characters
    write(tmp_path / "long.md", before + "synergy " + "dolor sit " * 15 + "\n")
    r = cli("check", "long.md", cwd=tmp_path)
    lines = r.stdout.splitlines()
    assert lines[0] == "long.md:1:241: house/no-synergy Avoid 'synergy'. [warning]"
    shown = before[-30:] + "synergy " + ("dolor sit " * 15)[:62]
    assert lines[2] == "1 | ..." + shown + "..."
    assert lines[3] == "  | " + " " * 33 + "^^^^^^^"
    assert max(len(l) for l in lines) <= 110
    short = "Our synergy.\n"
    write(tmp_path / "short.md", short)
    r = cli("check", "short.md", cwd=tmp_path)
    assert r.stdout.splitlines()[2:4] == ["1 | Our synergy.", "  |     ^^^^^^^"]


def test_counts_use_one_word_for_info(tmp_path, cli):
    write(
        tmp_path / "rules" / "house" / "e.toml",
        'kind = "substitution"\nseverity = "info"\n[swap]\n"e-mail" = "email"\n',
    )
    write(tmp_path / "rules" / "house" / "no-synergy.toml", RULE)
    write(tmp_path / "brandlint.toml", 'packs = ["rules/house"]\n')
    write(tmp_path / "a.md", "An e-mail.\n\nAn e-mail.\n\nsynergy\n")
    r = cli("check", "a.md", "--output-format", "concise", cwd=tmp_path)
    assert "Found 3 findings (1 warning, 2 info) in 1 file." in r.stdout
    assert "infos" not in r.stdout
    write(tmp_path / "b.md", "An e-mail.\n")
    r = cli("check", "b.md", "--output-format", "concise", cwd=tmp_path)
    assert "Found 1 finding (1 info) in 1 file." in r.stdout
