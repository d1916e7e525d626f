"""The prompt library ships with the plugin: `generate` works from an installed wheel, outside the checkout.

Both packages are built into wheels (`pip wheel`, the real build) and installed with `pip install
--target` into a folder that is put first on PYTHONPATH; the run happens in an empty folder, so
neither the checkout's prompts nor its sources can be used (the test asserts where they came from).
Dependencies (pluggy, spaCy...) come from the test's environment.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from llm_helpers import model, server  # noqa: F401 (fixtures)

PLUGIN = Path(__file__).resolve().parents[1]
ROOT = PLUGIN.parents[1]
BLURB = "Acme Vault keeps every file your team needs in one place. You find any file in seconds."


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    wheels = tmp_path_factory.mktemp("wheels")
    target = tmp_path_factory.mktemp("site")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    r = subprocess.run(
        [*pip, "wheel", "--no-deps", "-w", str(wheels), str(ROOT), str(PLUGIN)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if r.returncode != 0:
        if "Could not find a version" in r.stderr or "Failed to establish" in r.stderr:
            pytest.skip("pip cannot reach a package index to install the build backend (hatchling)")
        pytest.fail(r.stderr)
    built = sorted(wheels.glob("*.whl"))
    assert [w.name for w in built] == ["brandlint-0.1.0-py3-none-any.whl", "brandlint_llm-0.1.0-py3-none-any.whl"]
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), *map(str, built)], check=True, timeout=300)
    return target


def _run(*args: str, cwd: Path, site: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(site), NO_COLOR="1", BRANDLINT_CACHE_DIR=str(cwd / "cache"))
    return subprocess.run(
        [sys.executable, "-m", "brandlint", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_generate_from_the_installed_library_with_cli_overrides(installed, server, model, tmp_path):
    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "brandlint.toml").write_text(
        '[plugins.llm]\nendpoint = "http://127.0.0.1:9"\nmodel = "configured"\nretries = 0\ncache = false\n',
        encoding="utf-8",
    )
    r = _run("prompts", "--output-format", "json", cwd=work, site=installed)
    assert r.returncode == 0, r.stderr
    rows = {row["name"]: row for row in json.loads(r.stdout)}
    assert sorted(rows) == ["product-blurb", "release-note"]
    assert rows["product-blurb"]["path"] == str(installed / "brandlint_llm" / "library" / "product-blurb.toml")
    assert rows["product-blurb"]["source"] == "library"

    rendered = (
        "Write a two-sentence blurb for Acme Vault, a product for small teams.\n"
        "Say what it does and one concrete benefit: it saves time.\nNo headings, no lists, no exclamation marks."
    )
    model.script = {rendered: {"text": BLURB}}
    r = _run(
        "generate", "product-blurb", "--var", "product=Acme Vault", "-o", "blurb.md",
        "--backend", "openai", "--model", "tiny-instruct", "--base-url", server.url,
        cwd=work, site=installed,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    written = (work / "blurb.md").read_text(encoding="utf-8")  # after the provenance front matter
    assert written.startswith("---\nprovenance: {") and written.endswith("\n---\n" + BLURB + "\n")
    assert r.stderr.splitlines()[-1] == (
        "Generated 17 words with openai tiny-instruct (1 attempt); fixed 0, 0 remaining. Wrote blurb.md."
    )
    (req,) = server.requests
    assert (req.path, req.body["model"]) == ("/v1/chat/completions", "tiny-instruct")
    assert req.body["messages"][1] == {"role": "user", "content": rendered}


def test_the_prompts_own_model_is_said_when_it_replaces_the_configured_one(installed, server, model, tmp_path):
    (tmp_path / "brandlint.toml").write_text(
        f'[plugins.llm]\nbackend = "ollama"\nendpoint = "{server.url}"\nmodel = "configured"\nretries = 0\ncache = false\n',
        encoding="utf-8",
    )
    model.script = {}
    r = _run("generate", "product-blurb", "--var", "product=Acme Vault", cwd=tmp_path, site=installed)
    assert r.stderr.splitlines()[0] == (
        "using the prompt's [model]: model 'llama3.2:3b' (config: 'configured'); override with --model"
    )
    assert server.requests[0].body["model"] == "llama3.2:3b"
