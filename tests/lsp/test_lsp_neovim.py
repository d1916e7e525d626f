"""A second, independent LSP client: headless Neovim (Debian's 0.7.2 or newer) drives
``brandlint lsp``, applies a quick fix and writes the file; we check the file on disk."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls.lsp.server", reason="the language server needs pygls 2.x (pip install 'brandlint[lsp]')")

from _lsp_helpers import make_workspace  # noqa: E402

NVIM = shutil.which("nvim")
pytestmark = pytest.mark.skipif(
    NVIM is None, reason="Neovim (nvim) is not installed: `apt-get install neovim` (.ci/run installs it)"
)
CLIENT = Path(__file__).with_name("nvim_client.lua")

DOC = "# Notes\n\nIntro 😀 we leverage the API.\n\nWe delve into it.\n"


def run_nvim(ws: Path, file: Path, action: str) -> dict:
    out = ws / "nvim-report.json"
    job = {
        "cmd": [sys.executable, "-m", "brandlint", "lsp"],
        "root": str(ws),
        "file": str(file),
        "out": str(out),
        "action": action,
    }
    env = dict(
        os.environ,
        BRANDLINT_NVIM_JOB=json.dumps(job),
        HOME=str(ws),
        XDG_CONFIG_HOME=str(ws / ".config"),
        XDG_DATA_HOME=str(ws / ".data"),
        XDG_STATE_HOME=str(ws / ".state"),
    )
    proc = subprocess.run(
        [NVIM, "--headless", "-n", "-i", "NONE", "-u", str(CLIENT)],
        cwd=ws,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert out.is_file(), f"nvim wrote no report (exit {proc.returncode}): {proc.stdout}\n{proc.stderr}"
    report = json.loads(out.read_text("utf-8"))
    assert report["status"] == "ok", report
    return report


def test_neovim_applies_quick_fix_and_writes_file(tmp_path: Path):
    ws = make_workspace(tmp_path)
    doc = ws / "notes.md"
    doc.write_text(DOC, encoding="utf-8")
    report = run_nvim(ws, doc, "Replace 'leverage'")
    assert report["offset_encoding"] == "utf-16"
    # Neovim turns the server's UTF-16 ranges into byte columns: "Intro " 6 + 😀 4 + " we " 4
    assert [(d["lnum"], d["col"], d["end_lnum"], d["end_col"], d["code"], d["source"]) for d in report["before"]] == [
        (2, 14, 2, 22, "brand/leverage", "brandlint"),
        (4, 3, 4, 8, "brand/delve", "brandlint"),
    ]
    assert [t for t in report["titles"] if not t.startswith("Rewrite with local model")] == [
        "Replace 'leverage' with 'use' (brand/leverage)",
        "Disable brand/leverage for this line",
        "Fix all auto-fixable brandlint findings",
    ]
    assert doc.read_text("utf-8") == "# Notes\n\nIntro 😀 we use the API.\n\nWe delve into it.\n"
    assert [(d["lnum"], d["col"], d["code"]) for d in report["after"]] == [(4, 3, "brand/delve")]


def test_neovim_disable_comment(tmp_path: Path):
    ws = make_workspace(tmp_path)
    doc = ws / "notes.md"
    doc.write_text(DOC, encoding="utf-8")
    report = run_nvim(ws, doc, "Disable brand/leverage")
    assert doc.read_text("utf-8") == (
        "# Notes\n\n<!-- brandlint-disable-next-line brand/leverage -->\n"
        "Intro 😀 we leverage the API.\n\nWe delve into it.\n"
    )
    assert [(d["lnum"], d["col"], d["code"]) for d in report["after"]] == [(5, 3, "brand/delve")]
