"""A missing optional package names the rules that need it and the exact line that installs it.

The packages are hidden from a real ``brandlint`` process (``sys.modules[name] = None`` makes
both ``importlib.util.find_spec`` and ``import`` fail, as when they are not installed).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support import write

POST = "# Notes\n\nThe report was written by the team.\n"


def _run_without(hidden: tuple[str, ...], cwd: Path, *args: str, env: dict | None = None):
    code = (
        "import sys\n"
        f"for name in {hidden!r}: sys.modules[name] = None\n"
        "from brandlint.cli import main\n"
        f"raise SystemExit(main({list(args)!r}))\n"
    )
    full_env = dict(os.environ, NO_COLOR="1", **(env or {}))
    full_env.pop("BRANDLINT_CACHE_DIR", None)
    full_env.pop("PRE_COMMIT", None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=full_env, capture_output=True, text=True, timeout=120
    )


NLP_RULES = 'extend-select = ["plain-language/passive-voice", "plain-language/readability"]\n'  # opt-in rules


def test_default_packs_without_spacy_name_the_rules_and_the_install_line(tmp_path):
    write(tmp_path / "post.md", POST)
    write(tmp_path / "brandlint.toml", NLP_RULES)
    r = _run_without(("spacy", "textstat"), tmp_path, "check", "--no-cache", "-j", "1", "post.md")
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr.splitlines() == [
        "error: rules plain-language/passive-voice, plain-language/readability need the optional packages of "
        f"'brandlint[nlp]': spaCy is not installed in this environment ({sys.executable})",
        f"  install: {sys.executable} -m pip install 'brandlint[nlp]'",
        '  or turn them off in brandlint.toml: ignore = ["plain-language/passive-voice", "plain-language/readability"]',
    ]


def test_under_pre_commit_the_message_gives_additional_dependencies(tmp_path):
    write(tmp_path / "post.md", POST)
    write(tmp_path / "brandlint.toml", NLP_RULES)
    r = _run_without(("textstat",), tmp_path, "check", "--no-cache", "-j", "1", "post.md", env={"PRE_COMMIT": "1"})
    assert r.returncode == 2, r.stdout + r.stderr
    lines = r.stderr.splitlines()
    assert lines[0] == (
        "error: rules plain-language/passive-voice, plain-language/readability need the optional packages of "
        f"'brandlint[nlp]': textstat is not installed in this environment ({sys.executable})"
    )
    assert lines[1] == (
        '  pre-commit: the brandlint hooks install it (additional_dependencies: [".[nlp]"] in the hook manifest); '
        'if your .pre-commit-config.yaml sets additional_dependencies for the hook, add ".[nlp]" to them'
    )
    assert lines[2] == f"  install: {sys.executable} -m pip install 'brandlint[nlp]'"


def test_one_rule_selected_is_named_alone(tmp_path):
    write(tmp_path / "post.md", POST)
    write(tmp_path / "brandlint.toml", 'packs = ["plain-language"]\nselect = ["plain-language/passive-voice"]\n')
    r = _run_without(("spacy",), tmp_path, "check", "--no-cache", "-j", "1", "post.md")
    assert r.returncode == 2
    assert r.stderr.splitlines()[0].startswith("error: rule plain-language/passive-voice needs the optional packages")
    assert r.stderr.splitlines()[-1] == '  or turn it off in brandlint.toml: ignore = ["plain-language/passive-voice"]'
