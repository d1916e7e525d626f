"""CONTRIBUTING.md's walkthroughs, executed: its files are written, its plugin is installed with
pip, and each command it shows is run and must print exactly what the page shows.

Blocks with ``title="PATH"`` are files; ``console`` blocks with ``cwd="DIR"`` hold ``$ command``
lines followed by their expected output. ``pip install`` installs into a target folder put on
``PYTHONPATH`` (so the test's own environment is left as it was); ``brandlint`` is this checkout's.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "CONTRIBUTING.md"
BLOCK = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```$", re.M | re.S)
ATTR = re.compile(r'(\w+)="([^"]*)"')
BIN = Path(sys.executable).parent


def _blocks() -> list[tuple[str, dict[str, str], str]]:
    return [(lang, dict(ATTR.findall(info)), body) for lang, info, body in BLOCK.findall(GUIDE.read_text("utf-8"))]


def _sessions(body: str) -> list[tuple[str, str]]:
    """``[(command, expected output)]`` of a console block."""
    out: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        else:
            out[-1][1].append(line)
    return [(cmd, "".join(line + "\n" for line in lines)) for cmd, lines in out]


def test_guide_has_both_walkthroughs():
    text = GUIDE.read_text("utf-8")
    assert "## Walkthrough 1: write a rule kind" in text and "## Walkthrough 2: write a plugin" in text
    files = [a["title"] for lang, a, _ in _blocks() if "title" in a]
    assert "brandlint-paragraphs/src/brandlint_paragraphs/kind.py" in files
    assert "brandlint-paragraphs/pyproject.toml" in files
    assert sum(1 for lang, a, _ in _blocks() if lang == "console") >= 2


def test_walkthroughs_run_as_written(tmp_path):
    site = tmp_path / "site"
    for _lang, attrs, body in _blocks():
        if "title" in attrs:
            target = tmp_path / attrs["title"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRANDLINT_")}
    env.update(PYTHONPATH=str(site), NO_COLOR="1", CI="1", COLUMNS="200")
    ran = 0
    for lang, attrs, body in _blocks():
        if lang != "console":
            continue
        cwd = tmp_path / attrs.get("cwd", ".")
        for command, expected in _sessions(body):
            argv = shlex.split(command)
            if argv[:2] == ["pip", "install"]:
                argv = [str(BIN / "pip"), "install", "--no-deps", "--target", str(site), *argv[2:]]
            elif argv[0] == "brandlint":
                argv = [str(BIN / "brandlint"), *argv[1:]]
            proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
            shown = proc.stdout
            if argv[0].endswith("pip"):
                assert proc.returncode == 0, proc.stderr
                assert (site / "brandlint_paragraphs" / "plugin.py").is_file()
            else:
                assert proc.returncode in (0, 1), proc.stderr
                assert shown == expected, f"$ {command}\n--- page\n{expected}--- actual\n{shown}"
            ran += 1
    assert ran >= 4
    # the plugin is listed with what it registers, from its entry point
    proc = subprocess.run(
        [str(BIN / "brandlint"), "plugins"],
        cwd=tmp_path / "project",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    block = proc.stdout.split("paragraphs  (brandlint-paragraphs 0.1.0, entry point)\n", 1)[1]
    assert block.splitlines()[:3] == [
        "    commands: sentences",
        "    rule kinds: paragraph-sentences",
        "    rule packs: paragraphs",
    ]


def test_bad_option_in_the_walkthrough_kind_is_a_config_error(tmp_path):
    """The kind's validating constructor: max = 0 names the file, line and key (exit 2)."""
    site = tmp_path / "site"
    for _lang, attrs, body in _blocks():
        if attrs.get("title", "").startswith("brandlint-paragraphs/"):
            target = tmp_path / attrs["title"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
    subprocess.run(
        [
            str(BIN / "pip"),
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(site),
            str(tmp_path / "brandlint-paragraphs"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pack = tmp_path / "project" / "mine"
    pack.mkdir(parents=True)
    (pack / "long.toml").write_text('kind = "paragraph-sentences"\nseverity = "info"\nmax = 0\n', "utf-8")
    (tmp_path / "project" / "brandlint.toml").write_text('packs = ["./mine"]\n', "utf-8")
    (tmp_path / "project" / "a.md").write_text("One. Two.\n", "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRANDLINT_")}
    env.update(PYTHONPATH=str(site), NO_COLOR="1", CI="1")
    proc = subprocess.run(
        [str(BIN / "brandlint"), "check"],
        cwd=tmp_path / "project",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"error: {pack / 'long.toml'}:3: max: ")
    assert "Traceback" not in proc.stderr
