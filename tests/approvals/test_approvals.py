"""Approvals: ``approve``, ``approvals [--stale]``, ``check --require-approval`` on real git repos."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from gitrepo import Repo, needs_git
from support import run_cli

CONFIG = 'packs = ["ai-tells"]\nfail-on = "warning"\n'
POST = "# Launch\n\nGreat question! Acme stores files in three regions.\n\nI hope this helps!\n"
LEDGER = Path(".brandlint/approvals.jsonl")


def _repo(tmp_path: Path, name: str = "repo") -> Repo:
    repo = Repo(tmp_path / name)
    repo.write("brandlint.toml", CONFIG)
    repo.write("post.md", POST)
    repo.write("data.json", '{"title": "Great question! Files live in three regions."}\n')
    repo.write("answers.jsonl", '{"output": "I hope this helps!"}\n{"output": "Files live in three regions."}\n')
    repo.commit("content")
    return repo


def _cli(repo: Repo, *args: str, env: dict | None = None):
    return run_cli(*args, cwd=repo.root, env=env)


def _review_page(repo: Repo, path: str) -> str:
    r = _cli(repo, "review", path, "-o", "r.html")
    assert r.returncode == 0, r.stderr
    return (repo.root / "r.html").read_text("utf-8")


def _ids(repo: Repo, path: str) -> list[str]:
    """The finding ids the review page shows for ``path``."""
    r = _cli(repo, "review", path, "-o", "r.html")
    assert r.returncode == 0, r.stderr
    return re.findall(r'data-id="([^"]+)"', (repo.root / "r.html").read_text("utf-8"))


@needs_git
def test_approve_then_change_invalidates(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    r = _cli(repo, "check", "post.md", "--no-cache", "--require-approval")
    assert r.returncode == 1
    assert "post.md: not approved: 2 unapproved finding(s) at or above warning" in r.stderr
    r = _cli(repo, "approve", "post.md", "--note", "Launch copy, reviewed")
    assert r.returncode == 0, r.stderr
    assert "Approved post.md" in r.stderr and "by Ada Reviewer <ada@example.com>: 2 findings accepted" in r.stderr
    lines = (repo.root / LEDGER).read_text("utf-8").splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["path"] == "post.md" and entry["by"] == "Ada Reviewer <ada@example.com>"
    assert entry["note"] == "Launch copy, reviewed" and entry["kind"] == "text"
    assert sorted(entry["findings"]) == sorted(_ids(repo, "post.md"))
    assert set(entry["rules"]) == {"ai-tells/sycophancy", "ai-tells/assistant-residue"}
    assert all(re.fullmatch(r"[0-9a-f]{12}", v) for v in entry["rules"].values())
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", entry["hash"])
    assert (repo.root / ".brandlint/.gitattributes").read_text() == "approvals.jsonl merge=union\n"
    assert 'data-status="approved"' in _review_page(repo, "post.md")
    # the approved findings no longer fail the gate; without the gate they still do
    r = _cli(repo, "check", "post.md", "--no-cache", "--require-approval")
    assert r.returncode == 0, r.stdout + r.stderr
    assert _cli(repo, "check", "post.md", "--no-cache").returncode == 1
    # CRLF line endings (as git may check out on Windows) are the same content
    raw = (repo.root / "post.md").read_bytes()
    (repo.root / "post.md").write_bytes(raw.replace(b"\n", b"\r\n"))
    assert _cli(repo, "check", "post.md", "--no-cache", "--require-approval").returncode == 0
    (repo.root / "post.md").write_bytes(raw)
    repo.commit("approve post")
    # any change to the content invalidates the approval
    repo.write("post.md", POST.replace("three", "four"))
    repo.commit("edit")
    r = _cli(repo, "approvals", "--stale")
    assert r.returncode == 1
    assert r.stdout.startswith("post.md: stale (approved content sha256:")
    r = _cli(repo, "check", "post.md", "--no-cache", "--require-approval")
    assert r.returncode == 1
    assert "post.md: not approved: changed since its approval (approved content sha256:" in r.stderr
    r = _cli(repo, "approvals", "--output-format", "json")
    rows = json.loads(r.stdout)
    assert [(x["path"], x["status"], x["by"]) for x in rows] == [("post.md", "stale", "Ada Reviewer <ada@example.com>")]
    page = _review_page(repo, "post.md")
    assert 'data-status="stale"' in page and "Launch copy, reviewed" in page


@needs_git
def test_only_named_findings_and_severity_threshold(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    ids = _ids(repo, "post.md")
    residue = next(i for i in ids if i.startswith("assistant-residue-"))
    r = _cli(repo, "approve", "post.md", "--finding", residue, "--note", "the sign-off stays", "--by", "Bo")
    assert r.returncode == 0, r.stderr
    assert "1 finding accepted of 2" in r.stderr
    # the sycophancy warning is not accepted: it fails at warning, not at error
    r = _cli(repo, "check", "post.md", "--no-cache", "--require-approval=warning")
    assert r.returncode == 1 and "1 unapproved finding(s) at or above warning" in r.stderr
    r = _cli(repo, "check", "post.md", "--no-cache", "--require-approval=error", "--fail-on", "error")
    assert r.returncode == 0, r.stderr
    r = _cli(repo, "approve", "post.md", "--finding", "nope-123", "--note", "x", "--by", "Bo")
    assert r.returncode == 2
    assert "post.md: no current finding has the id nope-123 (ids now: " in r.stderr
    r = _cli(repo, "check", "post.md", "--require-approval=loud")
    assert r.returncode == 2 and "expected error, warning or info, got 'loud'" in r.stderr


@needs_git
def test_json_value_and_jsonl_records(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    assert _cli(repo, "approve", "data.json", "answers.jsonl", "--note", "ok", "--by", "Cy").returncode == 0
    # JSON: the value is approved, not its formatting
    repo.write("data.json", '{\n  "title":   "Great question! Files live in three regions."\n}\n')
    assert _cli(repo, "approvals", "--stale").returncode == 0
    repo.write("data.json", '{"title": "Great question! Files live in two regions."}\n')
    r = _cli(repo, "approvals", "--stale")
    assert r.returncode == 1 and r.stdout.startswith("data.json: stale")
    # JSONL: each record is approved; a changed record is named by its line
    repo.write("answers.jsonl", '{"output": "I hope this helps!"}\n{"output": "Files live in 3 regions."}\n')
    r = _cli(repo, "approvals", "--stale")
    assert "answers.jsonl: stale (records changed or new on lines 2)" in r.stdout


@needs_git
def test_rebase_keeps_approvals_and_branches_merge_cleanly(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    repo.git("checkout", "-q", "-b", "review-a")
    assert _cli(repo, "approve", "post.md", "--note", "a", "--by", "Ann").returncode == 0
    repo.commit("approve post")
    repo.git("checkout", "-q", "main")
    repo.git("checkout", "-q", "-b", "review-b")
    assert _cli(repo, "approve", "data.json", "--note", "b", "--by", "Ben").returncode == 0
    repo.commit("approve data")
    repo.git("checkout", "-q", "main")
    repo.write("other.md", "Another page.\n")
    repo.commit("unrelated change on main")
    # a rebase that does not change the content keeps the approval
    repo.git("checkout", "-q", "review-a")
    repo.git("rebase", "-q", "main")
    r = _cli(repo, "check", "post.md", "--no-cache", "--require-approval")
    assert r.returncode == 0, r.stderr
    # both branches' ledgers merge without a conflict (union driver), and both entries stay valid
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-edit", "review-a")
    repo.git("merge", "-q", "--no-edit", "review-b")
    r = _cli(repo, "approvals", "--output-format", "json")
    assert r.returncode == 0, r.stderr
    assert [(x["path"], x["status"], x["by"]) for x in json.loads(r.stdout)] == [
        ("data.json", "approved", "Ben"),
        ("post.md", "approved", "Ann"),
    ]


@needs_git
def test_bad_ledger_lines_reported_never_dropped(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    assert _cli(repo, "approve", "post.md", "--note", "ok", "--by", "Ann").returncode == 0
    ledger = repo.root / LEDGER
    good = ledger.read_text("utf-8")
    bad = good + "<<<<<<< HEAD\n{not json\n" + '{"path": "x.md"}\n' + ">>>>>>> other\n"
    ledger.write_text(bad, encoding="utf-8")
    r = _cli(repo, "approvals")
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        "error: .brandlint/approvals.jsonl:2: git conflict marker: resolve the merge (keep both sides' lines)",
        "error: .brandlint/approvals.jsonl:3: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        "error: .brandlint/approvals.jsonl:4: missing or invalid field 'hash'",
        "error: .brandlint/approvals.jsonl:5: git conflict marker: resolve the merge (keep both sides' lines)",
    ]
    assert r.stdout.startswith("post.md: approved")  # the valid entry is still read
    r = _cli(repo, "approve", "data.json", "--note", "ok", "--by", "Ann")
    assert r.returncode == 2 and "nothing was written" in r.stderr and "approvals.jsonl:3: not valid JSON" in r.stderr
    assert ledger.read_text("utf-8") == bad  # nothing lost, nothing rewritten
    r = _cli(repo, "check", "post.md", "--no-cache", "--require-approval")
    assert r.returncode == 2 and ".brandlint/approvals.jsonl:4: missing or invalid field 'hash'" in r.stderr


@needs_git
def test_reviewer_from_git_and_missing_git(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    env = {"PATH": str(tmp_path / "no-git-here")}
    r = _cli(repo, "approve", "post.md", "--note", "ok", env=env)
    assert r.returncode == 2
    assert r.stderr.strip() == "error: git is not installed: name the reviewer with --by NAME"
    assert not (repo.root / LEDGER).exists()
    # the options that do not need git work without it
    r = _cli(repo, "approve", "post.md", "--note", "ok", "--by", "Ann", env=env)
    assert r.returncode == 0, r.stderr
    assert _cli(repo, "check", "post.md", "--no-cache", "--require-approval", env=env).returncode == 0
    assert os.environ.get("PATH")
