"""The README's human-review walk-through, run as written: a real git repository with real
commits, generation against the llm plugin's scripted model server (a real HTTP server on
127.0.0.1), the review page, approvals and the CI gate."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from gitrepo import needs_git
from support import ROOT

testing = pytest.importorskip("brandlint_llm.testing", reason="needs the brandlint-llm plugin (make setup)")

BLURB = "Acme Vault keeps your team's files in one place. Share a folder with a link and choose who can edit it."


def walkthrough() -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    m = re.search(r"<!-- walkthrough -->\n```bash\n(.*?)```", text, re.S)
    assert m, "README.md has no walk-through block"
    return m.group(1)


@needs_git
def test_readme_walkthrough(tmp_path: Path) -> None:
    script = walkthrough()
    assert 'endpoint = "http://127.0.0.1:8080"' in script
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Ada Reviewer\n\temail = ada@example.com\n", encoding="utf-8")
    env = dict(os.environ)
    env.update(
        PATH=str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
        GIT_CONFIG_GLOBAL=str(gitconfig),
        GIT_CONFIG_NOSYSTEM="1",
        NO_COLOR="1",
    )
    env.pop("BRANDLINT_CACHE_DIR", None)
    model = testing.ScriptedModel({"Write a two-sentence blurb for Acme Vault.": {"text": BLURB}})
    with testing.ScriptedServer(model) as server:
        run = script.replace("http://127.0.0.1:8080", server.url + "/v1")
        r = subprocess.run(
            ["bash", "--noprofile", "--norc", "-e", "-c", run],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        requests = list(server.requests)
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    site = tmp_path / "acme-site"
    # generation: one request to the validated model, the prompt's text, provenance in the output
    assert [(q.path, q.body["model"]) for q in requests] == [("/v1/chat/completions", "llama-3.2-3b-instruct")]
    assert "blurb: ok (openai:llama-3.2-3b-instruct)" in r.stdout
    text = (site / "content" / "vault.md").read_text("utf-8")
    head, _, body = text.partition("\n---\n")
    prov = json.loads(head.removeprefix("---\nprovenance: "))
    assert (prov["prompt"], prov["backend"], prov["model"]) == ("blurb", "openai", "llama-3.2-3b-instruct")
    assert body == BLURB.replace("one place", "one safe place") + "\n"
    # the review page was written, with the file's provenance and approval status
    page = (site / "review.html").read_text("utf-8")
    assert 'data-path="content/vault.md"' in page and "llama-3.2-3b-instruct" in page
    assert 'data-status="unapproved"' in page
    # the gate blocked the unapproved edit, then passed once it was approved
    assert "content/vault.md: not approved: changed since its approval" in r.stderr
    assert "content/vault.md: provenance: the text changed since generation and this content has no approval" in (
        r.stderr
    )
    assert r.stdout.count("gate: blocked") == 1 and r.stdout.rstrip().endswith("gate: passed")
    assert "content/vault.md: stale (approved content sha256:" in r.stdout
    # real commits, and the ledger's two approvals by the reviewer from git config
    log = subprocess.run(["git", "log", "--format=%s"], cwd=site, capture_output=True, text=True, env=env).stdout
    assert log.splitlines() == [
        "Approve the edit",
        "Edit the blurb",
        "Approve the Vault blurb",
        "Vault blurb (generated)",
    ]
    entries = [json.loads(line) for line in (site / ".brandlint" / "approvals.jsonl").read_text().splitlines()]
    assert [(e["path"], e["by"], e["note"]) for e in entries] == [
        ("content/vault.md", "Ada Reviewer <ada@example.com>", "Matches the launch brief"),
        ("content/vault.md", "Ada Reviewer <ada@example.com>", "Edit reviewed"),
    ]
