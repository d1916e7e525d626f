"""Fixtures and helpers shared by the brandlint-llm tests.

A module of its own, not a conftest.py: the core tests import helpers with ``from support
import ...``, which a second conftest module on the path would shadow. Test modules import the
fixtures they use from here (``from llm_helpers import model, project, server``).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from brandlint_llm.testing import ScriptedModel, ScriptedServer

OVERUSED = """kind = "existence"
severity = "warning"
message = "'{match}' is a common tell of machine-written prose."
description = "Flags words that language models overuse far more than human writers do."
why = "Readers have learned to spot these words."
example = "We delve into a rich tapestry of features."
use-instead = "We explain the features."
tokens = ["delve", "delves", "tapestry", "seamlessly"]
"""

PLAIN = """kind = "substitution"
severity = "warning"
message = "Use '{preferred}' instead of '{match}'."
[swap]
utilize = "use"
"""


def config_text(server_url: str, extra: str = "", **keys) -> str:
    """brandlint.toml for the test pack; ``keys`` override [plugins.llm] values (TOML literals)."""
    values = {
        "endpoint": f'"{server_url}"',
        "model": '"scripted"',
        "retries": "0",
        "backoff": "0.01",
        "timeout": "2",
        "cache": "false",
    }
    values.update({k.replace("_", "-"): v for k, v in keys.items()})
    lines = ['packs = ["pack"]', "", "[plugins.llm]"] + [f"{k} = {v}" for k, v in values.items()]
    return "\n".join(lines) + "\n" + extra


def settings_for(root: Path):
    from brandlint.config.settings import load_settings

    return load_settings(root / "brandlint.toml", cwd=root)


def free_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_cli(*args: str, cwd: Path, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full = dict(os.environ)
    full["NO_COLOR"] = "1"
    full["BRANDLINT_CACHE_DIR"] = str(cwd / "cache")
    if env:
        full.update(env)
    return subprocess.run(
        [sys.executable, "-m", "brandlint", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=full,
        timeout=120,
    )


@pytest.fixture
def model() -> ScriptedModel:
    return ScriptedModel(default="fix", delay=3.0)


@pytest.fixture
def server(model):
    with ScriptedServer(model) as srv:
        yield srv


@pytest.fixture
def project(tmp_path, server, monkeypatch):
    """A project folder: the test pack, a brandlint.toml pointing at the server, cache in tmp."""
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "overused.toml").write_text(OVERUSED, encoding="utf-8")
    (tmp_path / "pack" / "plain.toml").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "brandlint.toml").write_text(config_text(server.url), encoding="utf-8")
    monkeypatch.setenv("BRANDLINT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path
