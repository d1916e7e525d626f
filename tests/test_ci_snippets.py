"""docs/ci.md's GitHub Actions and GitLab CI snippets, run against real git repositories:
`--changed-since` lints changed files and reports changed lines only, `github-summary`,
`--require-approval` as the gate."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from gitrepo import Repo, needs_git
from support import ROOT, run_cli

DOC = """# Launch

I hope this helps!

Files live in three regions.
"""
CONFIG = 'packs = ["ai-tells"]\nfail-on = "warning"\n'


def snippet(name: str) -> dict:
    text = (ROOT / "docs" / "ci.md").read_text("utf-8")
    m = re.search(rf"<!-- snippet: {name} -->\n```yaml\n(.*?)```", text, re.S)
    assert m, name
    return yaml.safe_load(m.group(1))


def _pr(tmp_path: Path) -> tuple[Repo, Repo]:
    """An upstream repository (main) and a clone with a feature branch that changes content."""
    up = Repo(tmp_path / "upstream")
    up.write("brandlint.toml", CONFIG)
    up.write("doc.md", DOC)
    up.write("old.md", "As an AI language model, I wrote this long ago.\n")
    up.commit("base")
    subprocess.run(["git", "clone", "-q", str(up.root), str(tmp_path / "work")], check=True, capture_output=True)
    work = Repo.__new__(Repo)
    work.root = tmp_path / "work"
    work.git("config", "user.name", "Ada Reviewer")
    work.git("config", "user.email", "ada@example.com")
    work.git("checkout", "-q", "-b", "feature")
    work.write("doc.md", DOC + "\nGreat question! Sharing takes one click.\n")
    work.write("new.md", "# New\n\nI hope this helps!\n")
    work.commit("feature")
    return up, work


def _env(**extra: str) -> dict:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["NO_COLOR"] = "1"
    env.pop("BRANDLINT_CACHE_DIR", None)
    env.update(extra)
    return env


def _bash(script: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@needs_git
def test_github_actions_snippet(tmp_path: Path) -> None:
    _, work = _pr(tmp_path)
    steps = snippet("github")["jobs"]["brandlint"]["steps"]
    scripts = [s["run"] for s in steps if "run" in s and s.get("name") != "install"]
    assert len(scripts) == 1 and steps[0]["with"]["fetch-depth"] == 0
    summary = tmp_path / "summary.md"
    env = _env(GITHUB_BASE_REF="main", GITHUB_STEP_SUMMARY=str(summary))
    r = _bash(scripts[0], work.root, env)
    assert r.returncode == 1, r.stderr
    text = summary.read_text("utf-8")
    assert text == r.stdout
    rows = [ln for ln in text.splitlines() if ln.startswith("| 🔴") or ln.startswith("| 🟡")]
    # only changed lines: doc.md line 3 and old.md are older than the branch
    assert rows == [
        "| 🔴 error | new.md:3:1 | `ai-tells/assistant-residue` | 'I hope this helps' is chat-assistant residue; "
        "delete it before publishing. |",
        "| 🟡 warning | doc.md:7:1 | `ai-tells/sycophancy` | 'Great question' is flattery that chat assistants "
        "open with; start with the answer. |",
    ]
    assert text.startswith("## brandlint\n\n**2 findings** (1 error, 1 warning) in 2 files · score **")
    assert "| doc.md |" in text and "| new.md |" in text and "old.md" not in text
    assert "new.md: not approved: 1 unapproved finding(s) at or above warning" in r.stderr
    # a reviewer accepts the findings: the same step passes, and still lists them
    for name in ("doc.md", "new.md"):
        assert run_cli("approve", name, "--note", "keep", cwd=work.root).returncode == 0
    work.commit("approve")
    summary.unlink()
    r = _bash(scripts[0], work.root, env)
    assert r.returncode == 0, r.stderr
    assert "**2 findings** (1 error, 1 warning) in 2 files" in summary.read_text("utf-8")


@needs_git
def test_gitlab_ci_snippet(tmp_path: Path) -> None:
    up, work = _pr(tmp_path)
    job = snippet("gitlab")["brandlint"]
    assert job["variables"]["GIT_DEPTH"] == 0
    base = up.git("rev-parse", "main").strip()
    env = _env(CI_MERGE_REQUEST_DIFF_BASE_SHA=base)
    script = "\n".join(line for line in job["script"] if not line.startswith("pip install"))
    r = _bash(script, work.root, env)
    assert r.returncode == 1, r.stderr
    report = json.loads((work.root / job["artifacts"]["reports"]["codequality"]).read_text("utf-8"))
    got = sorted((i["location"]["path"], i["location"]["positions"]["begin"]["line"], i["check_name"]) for i in report)
    assert got == [("doc.md", 7, "ai-tells/sycophancy"), ("new.md", 3, "ai-tells/assistant-residue")]


@needs_git
def test_changed_since_edges(tmp_path: Path) -> None:
    _, work = _pr(tmp_path)
    # uncommitted and untracked changes count too; an unknown ref and a non-repo are clear errors
    work.write("draft.md", "Great question!\n")
    r = run_cli("check", "--changed-since", "origin/main", "--output-format", "concise", "--exit-zero", cwd=work.root)
    lines = sorted(ln.split(" ")[0] for ln in r.stdout.splitlines() if ln.count(":") >= 3)
    assert lines == ["doc.md:7:1:", "draft.md:1:1:", "new.md:3:1:"]
    r = run_cli("check", "--changed-since", "nope", cwd=work.root)
    assert r.returncode == 2 and r.stderr.startswith("error: --changed-since nope: not a commit")
    (tmp_path / "plain").mkdir()
    r = run_cli("check", "--changed-since", "main", cwd=tmp_path / "plain")
    assert r.returncode == 2 and "not a git repository" in r.stderr
    # without git: a clear message for the git option only; the rest works
    env = {"PATH": str(tmp_path / "no-git")}
    r = run_cli("check", "--changed-since", "main", cwd=work.root, env=env)
    assert (r.returncode, r.stderr) == (
        2,
        "error: --changed-since needs git, which is not installed (or not on PATH)\n",
    )
    assert run_cli("check", "doc.md", cwd=work.root, env=env).returncode == 1
