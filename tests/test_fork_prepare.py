"""Workers forked after the parent prepared the rules (``Rule.prepare``) share what it loaded
instead of loading it again; without fork, each worker prepares on its own."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from support import run_cli, write

HEAVY_PLUGIN = """
import os
from brandlint.plugins.hookspecs import hookimpl
from brandlint.rules.base import Rule

LOADED_IN = []  # pids of the processes that loaded the "model"

class Heavy(Rule):
    kind = "heavy"
    needs = frozenset({"model"})  # a model-backed rule: pools pay off sooner

    def prepare(self, ctx):
        if not LOADED_IN:
            LOADED_IN.append(os.getpid())

    def check_segment(self, doc, seg, ctx):
        self.prepare(ctx)  # a worker that did not inherit it loads it on first use
        if seg.text.startswith("Page"):
            where = "parent" if LOADED_IN[0] != os.getpid() else "here"
            yield self.finding(doc, seg, 0, 4, message=f"loaded in {where}")

@hookimpl
def brandlint_rule_kinds():
    return [Heavy]
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("BRANDLINT_TRUST", str(tmp_path))  # the user trusts this project (docs/security.md)
    write(tmp_path / "plugins" / "heavy.py", HEAVY_PLUGIN)
    write(tmp_path / "rules" / "house" / "heavy.toml", 'kind = "heavy"\n')
    write(tmp_path / "brandlint.toml", 'packs = ["rules/house"]\nplugin-paths = ["plugins"]\n')
    for i in range(12):
        write(tmp_path / "docs" / f"p{i:02d}.md", f"# Page {i}\n\n" + "calm words here " * 600 + "\n")
    return tmp_path


def _messages(root: Path, env: dict[str, str]) -> tuple[set[str], str]:
    env = {**env, "BRANDLINT_TRUST": str(root)}  # the user trusts this project (docs/security.md)
    proc = run_cli("check", "--no-cache", "-v", "--jobs", "2", "--output-format", "json", cwd=root, env=env)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert len(report["findings"]) == 12
    return {f["message"] for f in report["findings"]}, proc.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork only on Linux")
def test_forked_workers_inherit_what_the_parent_prepared(project):
    messages, stderr = _messages(project, {})
    assert "linted 12 in 2 worker processes" in stderr
    assert messages == {"loaded in parent"}


def test_workers_not_forked_prepare_on_their_own(project):
    messages, stderr = _messages(project, {"BRANDLINT_MP_START": "spawn"})
    assert "linted 12 in 2 worker processes" in stderr
    assert messages == {"loaded in here"}
