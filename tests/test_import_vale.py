"""``brandlint import vale .vale.ini``: writes brandlint.toml and TOML packs that lint like the Vale
styles loaded at run time; never overwrites without --force; lists what it cannot translate."""

from __future__ import annotations

import pytest
import tomllib
from support import SHARED, run_cli, write

STYLES = SHARED / "vale-styles"

TEXT = (
    "# Getting Started With The API\n\n"
    "It is easy to utilize the CLI. We are going to leverage e.g. this. The the end is is near.\n"
    "Use mongodb to foobarize the recieve step.\n"
)


def _styles(tmp_path):
    write(
        tmp_path / "styles" / "Test" / "Avoid.yml", "extends: existence\nmessage: \"Avoid '%s'.\"\ntokens: [utilize]\n"
    )
    write(
        tmp_path / "styles" / "Test" / "Swap.yml",
        "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: error\nignorecase: true\n"
        "swap:\n  'it is(?!\\.)': it's\n  leverage: use\n",
    )
    write(tmp_path / "styles" / "Test" / "Script.yml", "extends: script\nmessage: x\nscript: 'a := 1'\n")
    write(tmp_path / "styles" / "config" / "vocabularies" / "Brand" / "accept.txt", "MongoDB\n")
    write(tmp_path / "styles" / "config" / "vocabularies" / "Brand" / "reject.txt", "foobarize\n")
    write(
        tmp_path / ".vale.ini",
        "StylesPath = styles\nVocab = Brand\n\n[*.md]\nBasedOnStyles = Vale, Test\nTest.Avoid = warning\nVale.Repetition = NO\n",
    )


def _findings(cwd, *args):
    r = run_cli("check", "t.md", "--output-format", "concise", "--exit-zero", *args, cwd=cwd)
    assert r.returncode == 0, r.stderr
    return [line for line in r.stdout.splitlines() if line.startswith("t.md:")]


def test_import_writes_config_and_packs_that_lint_like_the_loaded_styles(tmp_path):
    _styles(tmp_path)
    out = tmp_path / "out"
    r = run_cli("import", "vale", ".vale.ini", "--out", "out", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Wrote" in r.stdout and "6 Vale rules translated, 1 not." in r.stdout
    assert f"not loaded: {tmp_path / 'styles' / 'Test' / 'Script.yml'}: a Tengo script" in r.stdout
    cfg = tomllib.loads((out / "brandlint.toml").read_text())
    assert cfg == {
        "packs": ["vale-packs/Vale", "vale-packs/Test"],
        "ignore": ["Vale/Repetition"],
        "severity": {"Test/Avoid": "warning"},
    }
    swap = tomllib.loads((out / "vale-packs" / "Test" / "Swap.toml").read_text())
    assert swap["swap"] == {"it is(?!\\.)": "it's", "leverage": "use"}
    assert (swap["kind"], swap["regex"], swap["ignorecase"], swap["severity"]) == ("substitution", True, True, "error")
    assert sorted(p.name for p in (out / "vale-packs" / "Vale").iterdir()) == [
        "Avoid.toml",
        "Repetition.toml",
        "Spelling.toml",
        "Terms.toml",
    ]
    # the same findings from the imported packs as from the .vale.ini loaded at run time
    write(out / "t.md", TEXT)
    imported = _findings(out)
    write(tmp_path / "brandlint.toml", 'packs = []\n[vale]\nconfig = ".vale.ini"\n')
    write(tmp_path / "t.md", TEXT)
    loaded = _findings(tmp_path)
    assert imported == loaded
    assert "t.md:3:1: Test/Swap Use 'it's' instead of 'It is'. [error]" in imported
    assert "t.md:3:15: Test/Avoid Avoid 'utilize'. [warning]" in imported
    assert "t.md:4:16: Vale/Avoid Avoid using 'foobarize'. [error]" in imported
    assert "t.md:4:30: Vale/Spelling Did you really mean 'recieve'? [error]" in imported
    assert not any("Vale/Repetition" in line for line in imported)


def test_import_never_overwrites_without_force(tmp_path):
    _styles(tmp_path)
    write(tmp_path / "out" / "brandlint.toml", "# mine\n")
    r = run_cli("import", "vale", ".vale.ini", "--out", "out", cwd=tmp_path)
    assert r.returncode == 2 and "exists" in r.stderr and "--force" in r.stderr
    assert (tmp_path / "out" / "brandlint.toml").read_text() == "# mine\n"
    assert not (tmp_path / "out" / "vale-packs").exists()
    r = run_cli("import", "vale", ".vale.ini", "--out", "out", "--force", cwd=tmp_path)
    assert r.returncode == 0 and (tmp_path / "out" / "brandlint.toml").read_text().startswith("# Imported from")


def test_list_writes_nothing_and_a_bad_ini_is_an_error_naming_the_line(tmp_path):
    _styles(tmp_path)
    r = run_cli("import", "vale", ".vale.ini", "--list", cwd=tmp_path)
    assert r.returncode == 0 and "6 Vale rules translated, 1 not." in r.stdout
    assert not (tmp_path / "brandlint.toml").exists()
    write(tmp_path / "bad.ini", "StylesPath = styles\n[*]\nthis is not a key\n")
    r = run_cli("import", "vale", "bad.ini", "--list", cwd=tmp_path)
    assert r.returncode == 2 and "bad.ini:3" in r.stderr


@pytest.mark.skipif(not STYLES.is_dir(), reason="../shared/vale-styles is not here")
def test_import_of_a_real_style_round_trips(tmp_path):
    write(tmp_path / ".vale.ini", f"StylesPath = {STYLES / 'Google'}\n[*]\nBasedOnStyles = Google\n")
    r = run_cli("import", "vale", ".vale.ini", "--out", "out", cwd=tmp_path)
    assert r.returncode == 0 and "33 Vale rules translated, 0 not." not in r.stdout  # meta.json is no rule
    n = len(list((STYLES / "Google" / "Google").glob("*.yml")))
    assert f"{n} Vale rules translated, 0 not." in r.stdout
    r = run_cli("rules", cwd=tmp_path / "out")
    assert r.returncode == 0 and len([x for x in r.stdout.splitlines() if x.startswith("Google/")]) == n
