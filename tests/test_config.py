from __future__ import annotations

from pathlib import Path

import pytest
from support import write

from brandlint.config.settings import find_config, load_settings
from brandlint.errors import ConfigError

PACK_RULE = """kind = "existence"
severity = "warning"
message = "Avoid '{match}'."
description = "Bans a test word."
tokens = ["synergy"]
"""


def make_pack(root: Path, name: str = "mypack") -> Path:
    write(root / "packs" / name / "no-synergy.toml", PACK_RULE)
    write(root / "packs" / name / "prefer-email.toml", 'kind = "substitution"\n[swap]\n"e-mail" = "email"\n')
    return root / "packs" / name


def test_unknown_key_names_file_line_and_suggestion(tmp_path):
    cfg = write(tmp_path / "brandlint.toml", 'packs = []\n\nselct = ["x"]\n')
    with pytest.raises(ConfigError) as ei:
        load_settings(cfg)
    e = ei.value
    assert e.path == str(cfg.resolve())
    assert e.line == 3
    assert e.key == "selct"
    assert "did you mean 'select'?" in str(e)


def test_wrong_type_nested_key_path(tmp_path):
    cfg = write(tmp_path / "brandlint.toml", 'packs = []\n[formats.markdown]\nfront-matter = "yes"\n')
    with pytest.raises(ConfigError) as ei:
        load_settings(cfg)
    assert ei.value.line == 3
    assert ei.value.key == "formats.markdown.front-matter"
    assert "expected a boolean" in ei.value.message


def test_override_array_of_tables_key_located(tmp_path):
    cfg = write(
        tmp_path / "brandlint.toml",
        'packs = []\n[[overrides]]\nfiles = ["a/**"]\n\n[[overrides]]\nfiles = ["b/**"]\nignor = ["x"]\n',
    )
    with pytest.raises(ConfigError) as ei:
        load_settings(cfg)
    assert ei.value.line == 7
    assert ei.value.key == "overrides[1].ignor"
    assert "did you mean 'ignore'?" in str(ei.value)


def test_bad_regex_in_config_is_reported(tmp_path):
    cfg = write(tmp_path / "brandlint.toml", 'packs = []\n[formats.markdown]\nignore-patterns = ["ok", "a(?<=a)b"]\n')
    with pytest.raises(ConfigError) as ei:
        load_settings(cfg)
    assert ei.value.line == 3
    assert ei.value.key == "formats.markdown.ignore-patterns[1]"
    assert "RE2" in ei.value.message


def test_toml_syntax_error_has_line(tmp_path):
    cfg = write(tmp_path / "brandlint.toml", 'packs = []\nselect = [\n"a"\nfoo = 1\n')
    with pytest.raises(ConfigError) as ei:
        load_settings(cfg)
    assert ei.value.line == 4
    assert "invalid TOML" in ei.value.message


def test_bad_rule_file_key(tmp_path):
    make_pack(tmp_path)
    write(tmp_path / "packs" / "mypack" / "broken.toml", 'kind = "existence"\ntokens = ["a"]\nignorecas = true\n')
    cfg = write(tmp_path / "brandlint.toml", 'packs = ["packs/mypack"]\n')
    with pytest.raises(ConfigError) as ei:
        load_settings(cfg)
    assert ei.value.path.endswith("broken.toml")
    assert ei.value.line == 3
    assert "did you mean 'ignorecase'?" in str(ei.value)


def test_unknown_rule_kind(tmp_path):
    write(tmp_path / "packs" / "p" / "r.toml", 'kind = "existance"\n')
    cfg = write(tmp_path / "brandlint.toml", 'packs = ["packs/p"]\n')
    with pytest.raises(ConfigError) as ei:
        load_settings(cfg)
    assert "unknown rule kind 'existance'" in ei.value.message
    assert "did you mean 'existence'?" in str(ei.value)


def test_nearest_config_wins_and_pyproject(tmp_path):
    write(tmp_path / "brandlint.toml", "packs = []\n")
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname='x'\n")
    write(tmp_path / "sub2" / "pyproject.toml", "[tool.brandlint]\npacks = []\n")
    assert find_config(tmp_path / "sub" / "a.md") == tmp_path / "brandlint.toml"
    assert find_config(tmp_path / "sub2" / "a.md") == tmp_path / "sub2" / "pyproject.toml"
    write(tmp_path / "sub" / ".brandlint.toml", "packs = []\n")
    assert find_config(tmp_path / "sub" / "a.md") == tmp_path / "sub" / ".brandlint.toml"


def test_pyproject_unknown_key(tmp_path):
    cfg = write(tmp_path / "pyproject.toml", "[tool.brandlint]\npacks = []\nfail_on = 'x'\n")
    with pytest.raises(ConfigError) as ei:
        load_settings(cfg)
    assert ei.value.line == 3
    assert ei.value.key == "fail_on"
    assert "did you mean 'fail-on'?" in str(ei.value)


def test_extend_inherits_and_overrides(tmp_path):
    make_pack(tmp_path)
    write(
        tmp_path / "base.toml",
        'packs = ["packs/mypack"]\nfail-on = "error"\n[severity]\n"mypack/no-synergy" = "error"\n',
    )
    cfg = write(tmp_path / "brandlint.toml", 'extend = "base.toml"\nignore = ["mypack/prefer-email"]\n')
    s = load_settings(cfg)
    rs = s.ruleset_for(tmp_path / "x.md")
    assert rs.ids == ["mypack/no-synergy"]
    assert str(rs.rules[0].meta.severity) == "error"
    assert str(s.fail_on) == "error"


def test_selection_and_overrides(tmp_path):
    make_pack(tmp_path)
    cfg = write(
        tmp_path / "brandlint.toml",
        """packs = ["packs/mypack"]
select = ["mypack"]
[[overrides]]
files = ["docs/legal/**"]
ignore = ["mypack/no-synergy"]
[[overrides]]
files = ["*.json"]
severity = { "mypack" = "info" }
""",
    )
    s = load_settings(cfg)
    assert s.ruleset_for(tmp_path / "a.md").ids == ["mypack/no-synergy", "mypack/prefer-email"]
    assert s.ruleset_for(tmp_path / "docs/legal/terms.md").ids == ["mypack/prefer-email"]
    json_rules = s.ruleset_for(tmp_path / "data/x.json").rules
    assert {str(r.meta.severity) for r in json_rules} == {"info"}


def test_cli_select_unknown_rule_is_error(tmp_path):
    make_pack(tmp_path)
    cfg = write(tmp_path / "brandlint.toml", 'packs = ["packs/mypack"]\n')
    with pytest.raises(ConfigError) as ei:
        load_settings(cfg, select=("mypack/no-synergi",))
    assert "did you mean 'mypack/no-synergy'?" in str(ei.value)


def test_unknown_pack_name(tmp_path):
    cfg = write(tmp_path / "brandlint.toml", 'packs = ["ai-tell"]\n')
    with pytest.raises(ConfigError) as ei:
        load_settings(cfg)
    assert ei.value.line == 1
    assert "did you mean 'ai-tells'?" in str(ei.value)


def test_example_config_is_valid_and_complete(tmp_path):
    """brandlint.toml.example documents every top-level key of the schema and loads as is."""
    from support import ROOT

    from brandlint.config.schema import SCHEMA

    text = (ROOT / "brandlint.toml.example").read_text(encoding="utf-8")
    cfg = write(tmp_path / "brandlint.toml", text)
    s = load_settings(cfg)
    assert {r.meta.pack for r in s.all_rules} == {"ai-tells", "inclusive", "plain-language"}
    for key in SCHEMA:
        assert f"{key} =" in text or f"[{key}" in text or f"# {key} =" in text or f"[[{key}]]" in text, key
