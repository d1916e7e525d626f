from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from support import write

LOCAL_PLUGIN = textwrap.dedent('''
    """A local plugin adding a rule kind and an output format."""
    __version__ = "1.2.3"
    from brandlint.plugins import hookimpl
    from brandlint.rules.base import Option, Rule

    class ShoutRule(Rule):
        kind = "shout"
        summary = "Flags words in ALL CAPS."
        options = {"min-length": Option("int", 4)}

        def check_segment(self, doc, seg, ctx):
            import re
            for m in re.finditer(r"\\b[A-Z]{%d,}\\b" % self.opts["min-length"], seg.text):
                yield self.finding(doc, seg, m.start(), m.end())

    class CountReporter:
        def report(self, results, ctx):
            return f"{sum(len(r.active) for r in results)} findings\\n"

    @hookimpl
    def brandlint_rule_kinds():
        return [ShoutRule]

    @hookimpl
    def brandlint_reporters():
        return {"count": CountReporter()}
''')


def _project(tmp_path: Path, monkeypatch) -> Path:
    write(tmp_path / "plugins" / "local" / "shouting.py", LOCAL_PLUGIN)
    write(
        tmp_path / "rules" / "house" / "no-shouting.toml",
        'kind = "shout"\nmessage = "Do not shout \'{match}\'."\nmin-length = 3\n',
    )
    monkeypatch.setenv("BRANDLINT_TRUST", str(tmp_path))  # the user trusts this project (docs/security.md)
    write(tmp_path / "brandlint.toml", 'plugin-paths = ["plugins/local"]\npacks = ["rules/house"]\n')
    write(tmp_path / "doc.txt", "This is VERY important.\nok NO\n")
    return tmp_path


def test_local_plugin_rule_kind_and_reporter(tmp_path, cli, monkeypatch):
    _project(tmp_path, monkeypatch)
    r = cli("check", "doc.txt", "--output-format", "concise", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert r.stdout.splitlines()[0] == "doc.txt:1:9: house/no-shouting Do not shout 'VERY'. [warning]"
    r = cli("check", "doc.txt", "--output-format", "count", cwd=tmp_path)
    assert r.stdout == "1 findings\n"


def test_plugins_command_lists_registrations(tmp_path, cli, monkeypatch):
    _project(tmp_path, monkeypatch)
    r = cli("plugins", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "builtin-formats" in out and "formats: markdown, json, jsonl, text" in out
    assert "builtin-rules" in out and "rule kinds: existence, substitution" in out
    assert "shouting  (1.2.3, local path" in out
    assert "rule kinds: shout" in out and "output formats: count" in out


def test_broken_local_plugin_reported_by_name(tmp_path, cli, monkeypatch):
    _project(tmp_path, monkeypatch)
    write(tmp_path / "plugins" / "local" / "broken.py", "import does_not_exist_anywhere\n")
    r = cli("check", "doc.txt", cwd=tmp_path)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert "plugin 'broken' failed to load: ModuleNotFoundError: No module named 'does_not_exist_anywhere'" in r.stderr
    r = cli("plugins", cwd=tmp_path)
    assert r.returncode == 2
    assert "plugin 'broken' failed to load" in r.stderr


def test_entry_point_plugin_failure_reported(tmp_path):
    """A third-party distribution registered through the entry-point group, installed for real."""
    dist = tmp_path / "site" / "badplugin-0.1.dist-info"
    write(dist / "METADATA", "Metadata-Version: 2.1\nName: badplugin\nVersion: 0.1\n")
    write(dist / "entry_points.txt", "[brandlint]\nbad = badplugin_mod\n")
    write(tmp_path / "site" / "badplugin_mod.py", "raise RuntimeError('boom at import')\n")
    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "from brandlint.plugins.manager import build_registry\n"
        "r = build_registry()\nprint(r.failures)\nprint({'existence', 'substitution'} <= set(r.kinds))"
    ) % str(tmp_path / "site")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "('bad', 'RuntimeError: boom at import (from badplugin 0.1)')" in out
    assert out.splitlines()[1] == "True"  # the built-in kinds still load
