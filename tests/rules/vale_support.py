"""Helpers for the Vale-parity rule tests: a pack of rule files, lint a string, exact positions."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import write

from brandlint.config.settings import load_settings
from brandlint.errors import ConfigError
from brandlint.pipeline import lint_text


def make_config(tmp_path: Path, rules: dict[str, str], extra: str = "") -> Path:
    for name, body in rules.items():
        write(tmp_path / "pack" / f"{name}.toml", body)
    return write(tmp_path / "brandlint.toml", 'packs = ["pack"]\n' + extra)


def lint(tmp_path: Path, rules: dict[str, str], text: str, fmt: str = "markdown", extra: str = ""):
    cfg = make_config(tmp_path, rules, extra)
    return [f for f in lint_text(text, format=fmt, config=cfg) if f.suppression is None]


def where(f) -> tuple:
    """(rule, start line, start column, end line, end column, matched)."""
    return (f.rule_id, f.span.start.line, f.span.start.column, f.span.end.line, f.span.end.column, f.matched)


def config_error(tmp_path: Path, rules: dict[str, str], extra: str = "") -> ConfigError:
    cfg = make_config(tmp_path, rules, extra)
    with pytest.raises(ConfigError) as ei:
        load_settings(cfg)
    return ei.value
