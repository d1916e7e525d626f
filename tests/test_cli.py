from __future__ import annotations

import json
from pathlib import Path

from support import write

PACK = {
    "no-synergy.toml": 'kind = "existence"\nmessage = "Avoid \'{match}\'."\ndescription = "Bans synergy."\n'
    'why = "Jargon."\nexample = "Synergy rocks."\nuse-instead = "Teamwork rocks."\ntokens = ["synergy"]\n',
    "prefer-email.toml": 'kind = "substitution"\nseverity = "info"\n[swap]\n"e-mail" = "email"\n',
}


def project(tmp_path: Path, config: str = "") -> Path:
    for name, text in PACK.items():
        write(tmp_path / "rules" / "house" / name, text)
    write(tmp_path / "brandlint.toml", 'packs = ["rules/house"]\n' + config)
    return tmp_path


def test_full_text_output_with_caret(tmp_path, cli):
    project(tmp_path)
    write(tmp_path / "doc.md", "# Title\n\nOur 😀 synergy is\ngreat.\n")
    r = cli("check", "doc.md", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout == (
        "doc.md:3:7: house/no-synergy Avoid 'synergy'. [warning]\n"
        "  |\n"
        "3 | Our 😀 synergy is\n"
        "  |       ^^^^^^^\n"
        "\n"
        "Found 1 finding (1 warning) in 1 file.\n"
        "Score: 90/100\n"  # one warning (2 points) in under 100 words: 100 - 5 x 2
    )


def test_concise_statistics_and_info_does_not_fail(tmp_path, cli):
    project(tmp_path)
    write(tmp_path / "a.md", "Send an e-mail.\n\nSend an E-mail.\n")
    r = cli("check", "a.md", "--output-format", "concise", cwd=tmp_path)
    assert r.returncode == 0  # info is below the default fail-on = warning
    lines = r.stdout.splitlines()
    assert lines[0] == "a.md:1:9: house/prefer-email [*] Use 'email' instead of 'e-mail'. [info]"
    assert lines[1] == "a.md:3:9: house/prefer-email [*] Use 'Email' instead of 'E-mail'. [info]"
    assert lines[2] == "Found 2 findings (2 info) in 1 file."
    r = cli("check", "a.md", "--fail-on", "info", "-q", "--output-format", "concise", cwd=tmp_path)
    assert r.returncode == 1
    assert len(r.stdout.splitlines()) == 2


def test_json_output_positions_and_pointer(tmp_path, cli):
    project(tmp_path)
    write(tmp_path / "s.json", '{"k": "caf\\u00e9 synergy", "synergy": 1}\n')
    r = cli("check", "s.json", "--output-format", "json", cwd=tmp_path)
    data = json.loads(r.stdout)
    (f,) = data["findings"]
    assert f["rule_id"] == "house/no-synergy"
    assert f["json_pointer"] == "/k"
    assert f["span"]["start"] == {"line": 1, "column": 18, "offset": 17, "byte_offset": 17}
    assert f["span"]["end"]["column"] == 25
    assert data["files"][0]["path"] == "s.json"


def test_stdin_filename(tmp_path, cli):
    project(tmp_path)
    r = cli(
        "check",
        "--stdin-filename",
        "notes/x.md",
        "--output-format",
        "concise",
        cwd=tmp_path,
        stdin="We love synergy.\n",
    )
    assert r.returncode == 1
    assert r.stdout.splitlines()[0] == "notes/x.md:1:9: house/no-synergy Avoid 'synergy'. [warning]"


def test_select_ignore_and_exit_zero(tmp_path, cli):
    project(tmp_path)
    write(tmp_path / "a.md", "synergy via e-mail\n")
    r = cli("check", "a.md", "--select", "house/prefer-email", "--output-format", "concise", "-q", cwd=tmp_path)
    assert [l.split()[1] for l in r.stdout.splitlines()] == ["house/prefer-email"]
    r = cli("check", "a.md", "--ignore", "house", "-q", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout == ""
    r = cli("check", "a.md", "--exit-zero", cwd=tmp_path)
    assert r.returncode == 0 and "Found 2 findings" in r.stdout


def test_bad_inputs_reported_and_run_continues(tmp_path, cli):
    project(tmp_path)
    (tmp_path / "bad-utf8.md").write_bytes("ok line\ncaf\xc3".encode("latin-1") + b"\xff synergy\n")
    (tmp_path / "bin.json").write_bytes(b'{"a": "\x00\x01"}')
    write(tmp_path / "broken.json", '{\n  "a": "synergy",\n  "b" "x"\n}\n')
    write(tmp_path / "good.md", "synergy\n")
    write(tmp_path / "notes.rst", "synergy\n")
    r = cli("check", ".", "--output-format", "concise", "-q", cwd=tmp_path)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert lines[0].startswith("bad-utf8.md:2:4: brandlint/encoding-error invalid UTF-8 (byte c3 at byte offset 11)")
    assert lines[1].startswith("bin.json:1:8: brandlint/binary-file binary file (NUL byte at byte offset 7)")
    assert lines[2] == "broken.json:2:10: house/no-synergy Avoid 'synergy'. [warning]" or lines[2].startswith(
        "broken.json:3:7: brandlint/syntax-error"
    )
    assert any(l.startswith("broken.json:3:7: brandlint/syntax-error Expecting ':' delimiter") for l in lines)
    assert lines[-1] == "good.md:1:1: house/no-synergy Avoid 'synergy'. [warning]"
    assert not any(l.startswith("notes.rst") for l in lines)  # unknown extensions are skipped
    r = cli("check", "notes.rst", "-v", cwd=tmp_path)
    assert r.returncode == 0
    assert "notes.rst: skipped: no format for extension '.rst'" in r.stderr


def test_gitignore_and_exclude(tmp_path, cli):
    project(tmp_path, 'exclude = ["drafts/**"]\n')
    write(tmp_path / ".gitignore", "build/\n*.tmp.md\n")
    for name in ("a.md", "build/b.md", "drafts/c.md", "x.tmp.md", "sub/d.md"):
        write(tmp_path / name, "synergy\n")
    r = cli("check", "--output-format", "concise", "-q", cwd=tmp_path)
    assert [l.split(":")[0] for l in r.stdout.splitlines()] == ["a.md", "sub/d.md"]


def test_config_error_exit_2(tmp_path, cli):
    write(tmp_path / "brandlint.toml", "packs = []\nfail-on = 'fatal'\n")
    write(tmp_path / "a.md", "x\n")
    r = cli("check", "a.md", cwd=tmp_path)
    assert r.returncode == 2
    assert (
        r.stderr.strip()
        == f"error: {tmp_path / 'brandlint.toml'}:2: fail-on: unknown severity 'fatal': use error, warning or info"
    )


def test_rules_explain_init(tmp_path, cli):
    project(tmp_path)
    r = cli("rules", cwd=tmp_path)
    assert r.returncode == 0
    assert r.stdout.splitlines()[0].split() == ["house/no-synergy", "existence", "warning", "Bans", "synergy."]
    r = cli("explain", "house/no-synergy", cwd=tmp_path)
    assert "## What it does\nBans synergy." in r.stdout
    assert "## Use instead\nTeamwork rocks." in r.stdout
    r = cli("explain", "house/no-synergi", cwd=tmp_path)
    assert r.returncode == 2 and "did you mean 'house/no-synergy'?" in r.stderr
    (tmp_path / "new").mkdir()
    r = cli("init", cwd=tmp_path / "new")
    assert r.returncode == 0 and (tmp_path / "new" / "brandlint.toml").is_file()
    r = cli("rules", cwd=tmp_path / "new")  # the starter config loads
    assert r.returncode == 0, r.stderr
    r = cli("init", cwd=tmp_path / "new")
    assert r.returncode == 2 and "already exists" in r.stderr


def test_statistics_prints_only_the_table(tmp_path, cli):
    """As Ruff: only the table; `[*]` only for rules with safe fixes; -o FILE gets the table."""
    project(tmp_path)
    write(
        tmp_path / "rules" / "house" / "utilize.toml", 'kind = "substitution"\nunsafe = true\n[swap]\nutilize = "use"\n'
    )
    write(tmp_path / "a.md", "Send an e-mail.\n\nSend an E-mail. Synergy.\n\nWe utilize it.\n")
    r = cli("check", "a.md", "--statistics", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout == "2  house/prefer-email  [*]\n1  house/no-synergy\n1  house/utilize\n"
    r = cli("check", "a.md", "--statistics", "--output-format", "json", cwd=tmp_path)
    assert json.loads(r.stdout) == [
        {"code": "house/prefer-email", "count": 2, "fixable": True},
        {"code": "house/no-synergy", "count": 1, "fixable": False},
        {"code": "house/utilize", "count": 1, "fixable": False},
    ]
    r = cli("check", "a.md", "--statistics", "-o", "stats.txt", cwd=tmp_path)
    assert (r.returncode, r.stdout) == (1, "")
    assert (tmp_path / "stats.txt").read_text() == "2  house/prefer-email  [*]\n1  house/no-synergy\n1  house/utilize\n"
