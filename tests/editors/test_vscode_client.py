"""The VS Code extension (editors/vscode) without VS Code.

The extension is built from the committed package-lock.json (``npm ci``) and compiled with tsc.
Then its compiled ``out/src/server.js`` -- the code the extension uses to find ``brandlint`` and
build the server command, working directory and initialization options -- starts the real
``brandlint lsp`` over stdio from a node harness (``out/test/harness.js``) that speaks JSON-RPC
with vscode-languageserver-protocol, as vscode-languageclient does. No VS Code binary runs here:
VS Code's own UI, its settings and the LanguageClient class are not exercised.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("pygls.lsp.server", reason="the language server needs pygls 2.x (pip install 'brandlint[lsp]')")

from support import ROOT, write  # noqa: E402

VSCODE = ROOT / "editors" / "vscode"
NODE, NPM = shutil.which("node"), shutil.which("npm")
pytestmark = pytest.mark.skipif(
    NODE is None or NPM is None,
    reason="node and npm are needed to build the VS Code extension "
    "(`apt-get install nodejs npm`; .ci/run installs them)",
)

LEVERAGE = """kind = "substitution"
severity = "warning"
message = "Use '{preferred}' instead of '{match}'."
description = "Replaces corporate verbs with plain ones."
link = "https://example.com/style#leverage"
[swap]
"leverage" = "use"
"""
EMAIL = 'kind = "substitution"\nseverity = "info"\n[swap]\n"e-mail" = "email"\n'
DELVE = """kind = "existence"
severity = "error"
message = "'{match}' sounds machine-written."
description = "Flags words that language models overuse."
tokens = ["delve"]
"""
DOC = "# Notes\n\nOur 😀😀 team will leverage the API.\n\nWe delve into e-mail.\n"


def _run(cmd: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def built() -> Path:
    """editors/vscode with node_modules from the lock file and the TypeScript compiled."""
    lock = VSCODE / "package-lock.json"
    stamp = VSCODE / "node_modules" / ".package-lock.json"  # written by npm ci / npm install
    if not stamp.is_file() or stamp.stat().st_mtime < lock.stat().st_mtime:
        _run([NPM, "ci", "--no-audit", "--no-fund"], VSCODE)
    _run([NPM, "run", "compile"], VSCODE)
    return VSCODE


def _executable(path: Path, text: str) -> Path:
    write(path, text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def _harness(built: Path, mode: str, job, tmp_path: Path) -> dict | list:
    job_file = tmp_path / f"{mode}-job.json"
    job_file.write_text(json.dumps(job), encoding="utf-8")
    proc = subprocess.run(
        [NODE, str(built / "out" / "test" / "harness.js"), mode, str(job_file)],
        capture_output=True,
        text=True,
        timeout=180,
        env=dict(os.environ, NO_COLOR="1"),
    )
    assert proc.returncode == 0, f"harness failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    return json.loads(proc.stdout)


def _utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def test_extension_client_code_against_real_server(built: Path, tmp_path: Path):
    ws = tmp_path / "ws"
    # The workspace's own environment: .venv/bin/brandlint (here a wrapper that runs this
    # checkout's brandlint with the test's interpreter).
    exe = _executable(ws / ".venv" / "bin" / "brandlint", f'#!/bin/sh\nexec "{sys.executable}" -m brandlint "$@"\n')
    # A config under a name the server would not find by itself: diagnostics from this pack
    # (and from nothing else) show that `brandlint.config` reached the server.
    write(ws / "style" / "rules" / "house" / "leverage.toml", LEVERAGE)
    write(ws / "style" / "rules" / "house" / "email.toml", EMAIL)
    write(ws / "style" / "rules" / "house" / "delve.toml", DELVE)
    write(ws / "style" / "house-style.toml", 'packs = ["rules/house"]\n')
    doc = write(ws / "notes.md", DOC)

    report = _harness(
        built,
        "session",
        {
            "workspace": str(ws),
            "file": str(doc),
            "languageId": "markdown",
            "settings": {"path": "", "config": "${workspaceFolder}/style/house-style.toml"},
            "quickFix": "Replace 'leverage'",
        },
        tmp_path,
    )

    assert report["launch"] == {
        "command": str(exe),
        "args": ["lsp"],
        "cwd": str(ws),
        "source": "workspace",
        "initializationOptions": {"config": str(ws / "style" / "house-style.toml")},
    }
    assert report["server"]["name"] == "brandlint"
    assert report["positionEncoding"] == "utf-16"
    assert report["codeActionKinds"] == ["quickfix", "source.fixAll.brandlint"]
    assert report["messages"] == []
    assert "workspace/didChangeWatchedFiles" in report["registrations"]

    # Exact ranges in UTF-16 code units: the two emoji before "leverage" count two units each.
    line2 = "Our 😀😀 team will leverage the API."
    start = _utf16(line2[: line2.index("leverage")])
    assert start == 19 and line2.index("leverage") == 17
    rng = lambda line, s, e: {"start": {"line": line, "character": s}, "end": {"line": line, "character": e}}  # noqa: E731
    assert report["opened"] == [
        {
            "range": rng(2, 19, 27),
            "message": "Use 'use' instead of 'leverage'.",
            "code": "house/leverage",
            "source": "brandlint",
            "severity": 2,
            "href": "https://example.com/style#leverage",
        },
        {
            "range": rng(4, 3, 8),
            "message": "'delve' sounds machine-written.",
            "code": "house/delve",
            "source": "brandlint",
            "severity": 1,
            "href": None,
        },
        {
            "range": rng(4, 14, 20),
            "message": "Use 'email' instead of 'e-mail'.",
            "code": "house/email",
            "source": "brandlint",
            "severity": 3,
            "href": None,
        },
    ]
    assert report["titles"] == [
        "Replace 'leverage' with 'use' (house/leverage)",
        "Disable house/leverage for this line",
        "Fix all auto-fixable brandlint findings",
    ]
    assert report["quickFixEdits"] == [{"range": rng(2, 19, 27), "newText": "use"}]
    assert report["afterQuickFixText"] == "# Notes\n\nOur 😀😀 team will use the API.\n\nWe delve into e-mail.\n"
    assert [(d["code"], d["range"]) for d in report["afterQuickFix"]] == [
        ("house/delve", rng(4, 3, 8)),
        ("house/email", rng(4, 14, 20)),
    ]
    # "brandlint: Fix all" (the extension's fixAllParams request) applies the remaining safe fix
    assert report["fixAll"] == [{"title": "Fix all auto-fixable brandlint findings", "kind": "source.fixAll.brandlint"}]
    assert report["afterFixAllText"] == "# Notes\n\nOur 😀😀 team will use the API.\n\nWe delve into email.\n"
    assert [(d["code"], d["range"]) for d in report["afterFixAll"]] == [("house/delve", rng(4, 3, 8))]
    assert report["exitCode"] == 0


def test_executable_lookup_order(built: Path, tmp_path: Path):
    """serverLaunch(): the workspace's .venv, then venv, then brandlint.path, then PATH."""
    ws = tmp_path / "ws"
    dot_venv = _executable(ws / ".venv" / "bin" / "brandlint", "#!/bin/sh\n")
    venv = _executable(ws / "venv" / "bin" / "brandlint", "#!/bin/sh\n")
    only_venv = tmp_path / "only-venv"
    only_venv_exe = _executable(only_venv / "venv" / "bin" / "brandlint", "#!/bin/sh\n")
    bare = tmp_path / "bare"
    bare.mkdir()
    tool = _executable(bare / "tools" / "brandlint", "#!/bin/sh\n")
    on_path = _executable(tmp_path / "bin" / "brandlint", "#!/bin/sh\n")
    write(tmp_path / "notexec" / "brandlint", "not executable\n")
    path_env = f"{tmp_path / 'notexec'}:{tmp_path / 'empty'}:{tmp_path / 'bin'}"
    env = {"PATH": path_env}
    base = {"trusted": True, "settings": {}, "env": env, "platform": "linux"}
    cases = [
        dict(base, name="dot-venv first", workspaceFolder=str(ws), settings={"path": str(tool)}),
        dict(base, name="venv", workspaceFolder=str(only_venv)),
        dict(
            base,
            name="setting",
            workspaceFolder=str(bare),
            settings={"path": "${workspaceFolder}/tools/brandlint", "config": "brand.toml"},
        ),
        dict(base, name="relative setting", workspaceFolder=str(bare), settings={"path": "tools/brandlint"}),
        dict(base, name="setting names a command", workspaceFolder=str(bare), settings={"path": "brandlint"}),
        dict(base, name="PATH", workspaceFolder=str(bare)),
        dict(base, name="untrusted skips the workspace", workspaceFolder=str(ws), trusted=False),
        dict(base, name="no folder", workspaceFolder=None),
        dict(base, name="setting missing", workspaceFolder=str(bare), settings={"path": str(bare / "nope")}),
        dict(base, name="nowhere", workspaceFolder=str(bare), env={"PATH": str(tmp_path / "empty")}),
        dict(
            base,
            name="windows venv",
            workspaceFolder="C:\\ws",
            platform="win32",
            env={"Path": "C:\\py\\Scripts", "PATHEXT": ".COM;.EXE"},
            files=["C:\\ws\\venv\\Scripts\\brandlint.exe", "C:\\py\\Scripts\\brandlint.exe"],
        ),
        dict(
            base,
            name="windows PATH",
            workspaceFolder="C:\\ws",
            platform="win32",
            env={"Path": "C:\\py\\Scripts;C:\\tools", "PATHEXT": ".COM;.EXE"},
            files=["C:\\tools\\brandlint.exe"],
        ),
    ]
    got = {r["name"]: r for r in _harness(built, "resolve", cases, tmp_path)}
    assert got["dot-venv first"]["command"] == str(dot_venv) and got["dot-venv first"]["source"] == "workspace"
    assert got["dot-venv first"]["tried"] == [str(dot_venv)]
    assert (got["dot-venv first"]["args"], got["dot-venv first"]["cwd"]) == (["lsp"], str(ws))
    assert venv.is_file()  # .venv wins over venv in the same folder
    assert (got["venv"]["command"], got["venv"]["source"]) == (str(only_venv_exe), "workspace")
    assert got["venv"]["tried"] == [str(only_venv / ".venv" / "bin" / "brandlint"), str(only_venv_exe)]
    assert (got["setting"]["command"], got["setting"]["source"]) == (str(tool), "setting")
    assert got["setting"]["initializationOptions"] == {"config": str(bare / "brand.toml")}
    assert got["PATH"]["initializationOptions"] == {}
    assert (got["relative setting"]["command"], got["relative setting"]["source"]) == (str(tool), "setting")
    assert (got["setting names a command"]["command"], got["setting names a command"]["source"]) == (
        str(on_path),
        "setting",
    )
    assert (got["PATH"]["command"], got["PATH"]["source"]) == (str(on_path), "PATH")
    assert got["PATH"]["tried"][-3:] == [
        str(tmp_path / "notexec" / "brandlint"),
        str(tmp_path / "empty" / "brandlint"),
        str(on_path),
    ]
    assert (got["untrusted skips the workspace"]["command"], got["untrusted skips the workspace"]["source"]) == (
        str(on_path),
        "PATH",
    )
    assert not any(".venv" in t for t in got["untrusted skips the workspace"]["tried"])
    assert (got["no folder"]["command"], got["no folder"]["cwd"]) == (str(on_path), None)
    assert got["setting missing"]["error"] == (
        f'brandlint.path is set to "{bare / "nope"}", but {bare / "nope"} is not an executable file. '
        "Fix the setting or clear it to use brandlint from the workspace's .venv or PATH."
    )
    assert got["nowhere"]["error"] == (
        "brandlint was not found in the workspace's .venv or venv, brandlint.path (not set) or PATH. "
        "Install it (pip install 'brandlint[lsp]') in the workspace's virtual environment, "
        "or set brandlint.path to the executable."
    )
    assert got["nowhere"]["tried"] == [
        str(bare / ".venv" / "bin" / "brandlint"),
        str(bare / "venv" / "bin" / "brandlint"),
        str(tmp_path / "empty" / "brandlint"),
    ]
    assert (got["windows venv"]["command"], got["windows venv"]["source"]) == (
        "C:\\ws\\venv\\Scripts\\brandlint.exe",
        "workspace",
    )
    assert got["windows venv"]["tried"] == [
        "C:\\ws\\.venv\\Scripts\\brandlint.exe",
        "C:\\ws\\venv\\Scripts\\brandlint.exe",
    ]
    assert (got["windows PATH"]["command"], got["windows PATH"]["source"]) == ("C:\\tools\\brandlint.exe", "PATH")


def _node_major() -> int:
    out = subprocess.run([NODE, "--version"], capture_output=True, text=True, timeout=30).stdout
    return int(out.strip().lstrip("v").split(".")[0])


def test_make_vscode_packages_a_vsix(built: Path, tmp_path: Path):
    """The .vsix `make vscode` builds holds the compiled client and its runtime dependencies."""
    if _node_major() < 20:
        pytest.skip("@vscode/vsce 3.9 (the .vsix packager) needs Node.js 20 or later")
    proc = _run(["make", "vscode"], ROOT)
    vsix = VSCODE / "brandlint-0.1.0.vsix"
    assert vsix.is_file(), proc.stdout
    with zipfile.ZipFile(vsix) as z:
        names = set(z.namelist())
        manifest = json.loads(z.read("extension/package.json"))
    assert {
        "extension.vsixmanifest",
        "extension/package.json",
        "extension/readme.md",
        "extension/out/src/extension.js",
        "extension/out/src/server.js",
        "extension/node_modules/vscode-languageclient/node.js",
        "extension/node_modules/vscode-languageserver-protocol/package.json",
        "extension/node_modules/vscode-jsonrpc/package.json",
    } <= names
    # no sources, tests, dev tools or source maps
    assert not [
        n
        for n in names
        if n.startswith(("extension/src/", "extension/test/", "extension/out/test/"))
        or n.endswith((".ts", ".map"))
        and not n.endswith(".d.ts")
    ]
    assert not [n for n in names if "/node_modules/typescript/" in n or "/node_modules/@vscode/vsce" in n]
    assert manifest["main"] == "./out/src/extension.js"
    assert manifest["activationEvents"] == [
        "onLanguage:markdown",
        "onLanguage:json",
        "onLanguage:jsonl",
        "onLanguage:plaintext",
    ]
    assert [c["command"] for c in manifest["contributes"]["commands"]] == [
        "brandlint.restartServer",
        "brandlint.fixAll",
    ]
    assert set(manifest["contributes"]["configuration"]["properties"]) == {
        "brandlint.path",
        "brandlint.config",
        "brandlint.trace.server",
    }
