"""File selection matches git's: generated trees checked against real ``git`` (``ls-files``, ``check-ignore``).

Each tree has ``.gitignore`` files at the top and in nested folders (negations, anchored and
folder-only patterns, ``**``), ``.git/info/exclude`` and a global ``core.excludesFile``; the files
brandlint selects must be exactly the untracked, not-ignored files git lists (those with a format
brandlint reads), and ``--force-exclude`` must agree with ``git check-ignore`` for every file.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from support import run_cli, write

from brandlint.config.settings import clear_settings_cache
from brandlint.pipeline import RunOptions, discover, is_excluded
from brandlint.pipeline.gitignore import CACHEDIR_SIGNATURE, global_excludes_file

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

DIRS = ["docs", "docs/drafts", "docs/api", "docs/api/v1", "src", "src/notes", "build", "blog/2024", "blog/old", "x/y/z"]
NAMES = ["README.md", "index.md", "keep.md", "draft.md", "notes.txt", "data.json", "ui.json", "log.jsonl", "a.md"]
# patterns git users write; each tree picks some for each ignore source
PATTERNS = [
    "*.json",
    "!ui.json",
    "drafts/",
    "/build",
    "docs/api/**/a.md",
    "**/old",
    "draft.*",
    "!keep.md",
    "*.txt",
    "index.md",
    "v1/",
    "/notes.txt",
    "x/**/z/",
    "!docs/drafts/",
    "log.jsonl",
    "#comment",
    "*.md",
    "!README.md",
    "y",
    "docs/**",
    "!docs/api/keep.md",
    "**/*.json",
    "[ab].md",
    "?i.json",
    "src/*",
    "!src/notes",
]


def _git(*args: str, cwd: Path, env: dict) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def git_env(tmp_path, monkeypatch):
    """An isolated git configuration whose core.excludesFile is a file of the test's."""
    home = tmp_path / "home"
    home.mkdir()
    gitconfig = home / "gitconfig"
    excludes = home / "global-ignore"
    gitconfig.write_text(f"[core]\n\texcludesFile = {excludes}\n")
    for key, value in {"GIT_CONFIG_GLOBAL": str(gitconfig), "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(home)}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    global_excludes_file.cache_clear()
    clear_settings_cache()
    yield dict(os.environ), excludes
    global_excludes_file.cache_clear()
    clear_settings_cache()


def _tree(root: Path, seed: int, excludes: Path, env: dict) -> None:
    rng = random.Random(seed)
    _git("init", "-q", str(root), cwd=root.parent, env=env)
    for d in DIRS:
        for name in rng.sample(NAMES, 5):
            write(root / d / name, "# Title\n\nSome text.\n" if name.endswith(".md") else "{}\n")
    for name in rng.sample(NAMES, 4):
        write(root / name, "# Top\n" if name.endswith(".md") else "{}\n")
    write(root / ".gitignore", "\n".join(rng.sample(PATTERNS, 4)) + "\n")
    for d in rng.sample(DIRS, 4):
        write(root / d / ".gitignore", "\n".join(rng.sample(PATTERNS, 3)) + "\n")
    write(root / ".git" / "info" / "exclude", "\n".join(rng.sample(PATTERNS, 2)) + "\n")
    excludes.write_text("\n".join(rng.sample(PATTERNS, 2)) + "\n")


def _brandlint_selects(root: Path) -> set[str]:
    clear_settings_cache()
    opts = RunOptions(cwd=root)
    return {f.resolve().relative_to(root).as_posix() for f, _, _ in discover([root], opts)}


CONTENT = (".md", ".json", ".jsonl", ".txt")


@pytest.mark.parametrize("seed", range(40))
def test_selection_is_gits_on_generated_trees(tmp_path, git_env, seed):
    env, excludes = git_env
    root = tmp_path / "repo"
    root.mkdir()
    _tree(root, seed, excludes, env)
    listed = _git("ls-files", "-z", "--others", "--exclude-standard", cwd=root, env=env).split("\0")
    expected = {p for p in listed if p.endswith(CONTENT)}
    got = _brandlint_selects(root)
    assert got == expected, (
        f"seed {seed}: brandlint only {sorted(got - expected)}, git only {sorted(expected - got)}\n"
        + "\n".join(f"{p}: {p.read_text()!r}" for p in sorted(root.rglob(".gitignore")))
    )
    # every file one by one (what --force-exclude applies to names pre-commit passes)
    every = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts]
    ignored = set(
        subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            cwd=root,
            env=env,
            input="\0".join(every),
            capture_output=True,
            text=True,
        ).stdout.split("\0")
    ) - {""}
    settings = RunOptions(cwd=root).settings_for(root / "_")
    mismatched = [p for p in every if p.endswith(CONTENT) and is_excluded(root / p, settings) != (p in ignored)]
    assert mismatched == [], f"seed {seed}: --force-exclude disagrees with git check-ignore on {mismatched}"


def test_nested_and_root_gitignore_from_a_config_in_a_subfolder(tmp_path, git_env):
    """The case seen: config in docs/, `docs/drafts/` ignored by the repository's root .gitignore."""
    env, _ = git_env
    root = tmp_path / "repo"
    _git("init", "-q", str(root), cwd=tmp_path, env=env)
    write(root / ".gitignore", "docs/drafts/\n")
    write(root / "docs" / "brandlint.toml", 'packs = ["rules"]\n')
    write(root / "docs" / "rules" / "banned.toml", 'kind = "existence"\nmessage = "No {match}."\ntokens = ["Globex"]\n')
    write(root / "docs" / "guide" / ".gitignore", "*.txt\n!keep.txt\n")
    write(root / "docs" / "drafts" / "wip.md", "Globex.\n")
    write(root / "docs" / "guide" / "a.md", "Globex.\n")
    write(root / "docs" / "guide" / "b.txt", "Globex.\n")
    write(root / "docs" / "guide" / "keep.txt", "Globex.\n")
    assert _git("check-ignore", "docs/drafts/wip.md", "docs/guide/b.txt", cwd=root, env=env).split() == [
        "docs/drafts/wip.md",
        "docs/guide/b.txt",
    ]
    r = run_cli("check", "--output-format", "concise", "--no-cache", ".", cwd=root / "docs", env=env)
    assert r.stdout.splitlines()[:2] == [
        "guide/a.md:1:1: rules/banned No Globex. [warning]",
        "guide/keep.txt:1:1: rules/banned No Globex. [warning]",
    ], r.stdout + r.stderr
    assert "Found 2 findings" in r.stdout
    r = run_cli("check", "--force-exclude", "--no-cache", "drafts/wip.md", "guide/b.txt", cwd=root / "docs", env=env)
    assert r.returncode == 0 and "Globex" not in r.stdout, r.stdout + r.stderr


def test_cache_dirs_are_skipped_and_brandlints_cache_is_tagged(tmp_path, git_env):
    env, _ = git_env
    root = tmp_path / "proj"
    write(root / "brandlint.toml", 'packs = ["rules"]\n')
    env = dict(env, BRANDLINT_CACHE_DIR=str(root / "tmp-cache"))  # inside the tree, under no skipped name
    write(root / "rules" / "banned.toml", 'kind = "existence"\nmessage = "No {match}."\ntokens = ["Globex"]\n')
    write(root / "a.md", "Globex.\n")
    write(root / "tool-cache" / "CACHEDIR.TAG", CACHEDIR_SIGNATURE.decode() + "\n# a cache\n")
    write(root / "tool-cache" / "entry.json", "not json")
    write(root / "not-a-cache" / "CACHEDIR.TAG", "Signature: something else\n")
    write(root / "not-a-cache" / "b.md", "Globex.\n")
    first = run_cli("check", "--output-format", "concise", ".", cwd=root, env=env)
    assert first.stdout.splitlines()[:2] == [
        "a.md:1:1: rules/banned No Globex. [warning]",
        "not-a-cache/b.md:1:1: rules/banned No Globex. [warning]",
    ], first.stdout + first.stderr
    tags = list(root.rglob("CACHEDIR.TAG"))
    own = [t for t in tags if t.parent.name not in ("tool-cache", "not-a-cache")]
    assert own and own[0].read_bytes().startswith(CACHEDIR_SIGNATURE), tags
    write(own[0].parent / "stray.json", "not json either")
    second = run_cli("check", "--output-format", "concise", ".", cwd=root, env=env)
    assert second.stdout == first.stdout, second.stdout
