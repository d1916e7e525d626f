"""The pre-commit hooks, for real: pre-commit builds the hook environment from this repository.

A copy of the working tree (tracked and untracked files, as git sees them; no .venv or .git) is
committed into a temporary repository and *cloned*, so the hooks run from a fresh clone as a user
gets it, whatever the lead has committed. `pre-commit try-repo` runs both hooks from that clone
in a repository with no brandlint configuration at all (the default packs, which need spaCy: the
hook's own `additional_dependencies` must bring it). The other scenarios use a
`.pre-commit-config.yaml` that points at the clone, whose environment is built once into a
module-wide PRE_COMMIT_HOME and reused (try-repo always builds its own).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import ROOT, write

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")

GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
}

RULES = {
    "email.toml": """kind = "substitution"\nmessage = "Write '{preferred}', not '{match}'."\n[swap]\n"e-mail" = "email"\n""",
    "banned.toml": """kind = "existence"\nseverity = "error"\nmessage = "Do not name '{match}'."\ntokens = ["Globex"]\n""",
}
POST = "# Launch\n\nSend an e-mail to sales.\n"
UI = '{"title": "Our e-mail \\"digest\\""}\n'
DATA = '{"output": "an e-mail"}\n{"output": "Faster than Globex."}\n'
NOTES = "Plain e-mail note.\n"
SCRIPT = "# e-mail in code is not content\n"


def _git(*args: str, cwd: Path) -> str:
    env = dict(os.environ, **GIT_ENV)
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def _copy_project(dest: Path) -> None:
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for rel in filter(None, listed):
        src = ROOT / rel
        if not src.is_file() or rel.startswith((".venv/", ".git/")):
            continue  # deleted in the working tree, or not part of the project
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """A fresh clone of this project (committed into a throw-away repository): (path, commit sha)."""
    snapshot = tmp_path_factory.mktemp("snapshot")
    _copy_project(snapshot)
    _git("init", "-q", cwd=snapshot)
    _git("add", "-A", cwd=snapshot)
    _git("commit", "-q", "--no-verify", "-m", "snapshot", cwd=snapshot)
    clone = tmp_path_factory.mktemp("clone") / "brandlint"
    _git("clone", "-q", str(snapshot), str(clone), cwd=snapshot)
    return clone, _git("rev-parse", "HEAD", cwd=clone).strip()


@pytest.fixture(scope="module")
def pc_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _user_repo(path: Path, config: str = "") -> Path:
    for name, body in RULES.items():
        write(path / "rules" / "house" / name, body)
    write(path / "brandlint.toml", 'packs = ["rules/house"]\nfail-on = "warning"\n')
    write(path / "docs" / "post.md", POST)
    write(path / "ui.json", UI)
    write(path / "data.jsonl", DATA)
    write(path / "notes.txt", NOTES)
    write(path / "tool.py", SCRIPT)
    if config:
        write(path / ".pre-commit-config.yaml", config)
    _git("init", "-q", cwd=path)
    _git("add", "-A", cwd=path)
    return path


def _pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), NO_COLOR="1", **GIT_ENV)
    env.pop("BRANDLINT_CACHE_DIR", None)
    r = subprocess.run(
        [sys.executable, "-m", "pre_commit", *args, "--color", "never"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if r.returncode == 3 or "An unexpected error has occurred" in r.stdout + r.stderr:
        log = home / "pre-commit.log"
        detail = log.read_text() if log.is_file() else r.stdout + r.stderr
        if "Could not find a version" in detail or "Failed to establish a new connection" in detail:
            pytest.skip("pre-commit could not install the hook environment: no package index reachable")
        pytest.fail(f"pre-commit failed to run the hooks:\n{r.stdout}\n{r.stderr}\n{detail[-4000:]}")
    return r


FILES = ("docs/post.md", "ui.json", "data.jsonl", "notes.txt", "tool.py")


def _section(out: str, name: str) -> str:
    """What pre-commit printed for the hook named ``name``: its status line, then its output."""
    lines = out.splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith(name + "...."))
    end = next(
        (
            i
            for i in range(start + 1, len(lines))
            if "...." in lines[i] and lines[i].endswith(("Passed", "Failed", "Skipped"))
        ),
        len(lines),
    )
    return "\n".join(lines[start:end])


DEFAULT_POST = "# Launch notes\n\nThe report was written by the team.\n\nIn order to start, open the settings.\n"
DEFAULT_UI = '{"title": "The file was deleted by the admin."}\n'


def test_try_repo_default_config_from_fresh_clone(hook_repo, tmp_path):
    """No brandlint.toml, no hook options: both hooks work on the default packs (spaCy included)."""
    repo, _ = hook_repo
    user = tmp_path / "user"
    write(user / "docs" / "post.md", DEFAULT_POST)
    write(user / "ui.json", DEFAULT_UI)
    write(user / "tool.py", SCRIPT)
    _git("init", "-q", cwd=user)
    _git("add", "-A", cwd=user)
    t0 = time.perf_counter()
    r = _pre_commit(
        "try-repo", str(repo), "--files", "docs/post.md", "ui.json", "tool.py", cwd=user, home=tmp_path / "home"
    )
    print(f"\npre-commit try-repo, first run (builds the hook environment): {time.perf_counter() - t0:.1f} s")
    out = r.stdout
    assert r.returncode == 1, out + r.stderr
    assert "error:" not in out and "not installed" not in out, out
    check = _section(out, "brandlint")
    assert check.splitlines()[0].endswith("Failed") and "- exit code: 1" in check, check
    # the default packs (passive voice and readability are opt-in: no spaCy needed by default)
    assert "docs/post.md:5:1: plain-language/wordy-phrases [*] 'In order to' is wordy; write 'To'. [warning]" in check
    assert "Found 1 finding (1 warning) in 2 files." in check, check
    assert "tool.py" not in out
    fix = _section(out, "brandlint (fix)")
    assert fix.splitlines()[0].endswith("Failed") and "- files were modified by this hook" in fix, fix
    assert "- exit code:" not in fix, fix  # exit 0: nothing remains
    assert "Fixed 1 finding (0 remaining)." in fix, fix
    assert (user / "docs" / "post.md").read_text() == DEFAULT_POST.replace("In order to start", "To start")
    assert (user / "ui.json").read_text() == DEFAULT_UI
    assert (user / "tool.py").read_text() == SCRIPT


def test_config_runs_check_and_fix_hooks(hook_repo, pc_home, tmp_path):
    repo, sha = hook_repo
    config = f"repos:\n- repo: {repo}\n  rev: {sha}\n  hooks:\n  - id: brandlint\n  - id: brandlint-fix\n"
    user = _user_repo(tmp_path / "user", config)
    r = _pre_commit("run", "--files", *FILES, cwd=user, home=pc_home)
    out = r.stdout
    assert r.returncode == 1, out + r.stderr
    check = _section(out, "brandlint")
    assert check.splitlines()[0].startswith("brandlint....") and check.splitlines()[0].endswith("Failed")
    assert "- exit code: 1" in check
    assert "files were modified" not in check
    # every content type went through the check hook, the .py file did not
    for loc in (
        "docs/post.md:3:9: house/email [*] Write 'email', not 'e-mail'. [warning]",
        "ui.json:1:16: house/email [*] Write 'email', not 'e-mail'. [warning]",
        "data.jsonl:1:16: house/email [*] Write 'email', not 'e-mail'. [warning]",
        "data.jsonl:2:25: house/banned Do not name 'Globex'. [error]",
        "notes.txt:1:7: house/email [*] Write 'email', not 'e-mail'. [warning]",
    ):
        assert loc in check, check
    assert "tool.py" not in out

    fix = _section(out, "brandlint (fix)")
    assert fix.splitlines()[0].startswith("brandlint (fix)....") and fix.splitlines()[0].endswith("Failed")
    assert "- exit code: 1" in fix  # Globex cannot be fixed
    assert "- files were modified by this hook" in fix
    assert "Fixed 4 findings (1 remaining)." in fix
    assert "data.jsonl:2:25: house/banned Do not name 'Globex'. [error]" in fix
    assert (user / "docs" / "post.md").read_text() == "# Launch\n\nSend an email to sales.\n"
    assert (user / "ui.json").read_text() == '{"title": "Our email \\"digest\\""}\n'
    assert (user / "data.jsonl").read_text() == '{"output": "an email"}\n{"output": "Faster than Globex."}\n'
    assert (user / "notes.txt").read_text() == "Plain email note.\n"
    assert (user / "tool.py").read_text() == SCRIPT


def test_config_hooks_fix_then_pass(hook_repo, pc_home, tmp_path):
    repo, sha = hook_repo
    config = (
        f"repos:\n- repo: {repo}\n  rev: {sha}\n  hooks:\n"
        "  - id: brandlint-fix\n  - id: brandlint\n    args: [--fail-on, error]\n"
    )
    user = _user_repo(tmp_path / "user", config)
    write(user / "data.jsonl", '{"output": "an e-mail"}\n')
    # an excluded file stays excluded though the user's `args` replace the hook's (--force-exclude is in `entry`)
    write(user / "brandlint.toml", 'packs = ["rules/house"]\nfail-on = "warning"\nextend-exclude = ["drafts/"]\n')
    write(user / "drafts" / "wip.md", "Faster than Globex.\n")
    _git("add", "-A", cwd=user)
    first = _pre_commit("run", "--all-files", cwd=user, home=pc_home)
    assert first.returncode == 1, first.stdout + first.stderr
    fix = _section(first.stdout, "brandlint (fix)")
    assert fix.splitlines()[0].endswith("Failed")
    assert "- exit code: 0" not in fix and "- files were modified by this hook" in fix
    assert "Fixed 4 findings (0 remaining)." in fix
    assert _section(first.stdout, "brandlint").splitlines()[0].endswith("Passed")
    assert (user / "data.jsonl").read_text() == '{"output": "an email"}\n'
    # the fixes are idempotent: a second run changes nothing and passes
    _git("add", "-A", cwd=user)
    second = _pre_commit("run", "--all-files", cwd=user, home=pc_home)
    assert second.returncode == 0, second.stdout + second.stderr
    lines = [l for l in second.stdout.splitlines() if "...." in l]
    assert [l.rsplit(".", 1)[-1] for l in lines] == ["Passed", "Passed"], second.stdout
    assert (user / "docs" / "post.md").read_text() == "# Launch\n\nSend an email to sales.\n"
    # the check hook fails on a new finding
    write(user / "docs" / "post.md", "Faster than Globex.\n")
    _git("add", "-A", cwd=user)
    third = _pre_commit("run", "brandlint", "--files", "docs/post.md", cwd=user, home=pc_home)
    assert third.returncode == 1
    assert "docs/post.md:1:13: house/banned Do not name 'Globex'. [error]" in third.stdout
    assert "drafts/wip.md" not in first.stdout + second.stdout
    assert (user / "drafts" / "wip.md").read_text() == "Faster than Globex.\n"
    named = _pre_commit("run", "brandlint", "--files", "drafts/wip.md", cwd=user, home=pc_home)
    assert named.returncode == 0 and "drafts/wip.md" not in named.stdout, named.stdout
