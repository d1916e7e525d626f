"""Provenance: `generate` records what made the text; `prompts validate`; `check --require-provenance`."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from llm_helpers import config_text, model, project, run_cli, server  # noqa: F401 (fixtures)

from brandlint import __version__
from brandlint.provenance import text_hash, without_provenance

BLURB = '''description = "A blurb."
format = "{fmt}"
packs = ["pack"]
template = """Write about {{product}}."""

[variables.product]
description = "The product"

[model]
backend = "ollama"
model = "tiny:1b"
temperature = 0.3
seed = 11
'''
RENDERED = "Write about Vault."
ANSWER = "Vault keeps your files safe. Teams share them in one click."
VALIDATED = '\n[provenance]\nrequire = ["out/**"]\nmodels = ["ollama:tiny:1b"]\n'


@pytest.fixture
def library(project, server, model):
    (project / "prompts").mkdir()
    (project / "prompts" / "blurb.toml").write_text(BLURB.format(fmt="markdown"), encoding="utf-8")
    (project / "prompts" / "note.toml").write_text(BLURB.format(fmt="text"), encoding="utf-8")
    (project / "brandlint.toml").write_text(config_text(server.url, extra=VALIDATED), encoding="utf-8")
    model.script = {RENDERED: {"text": ANSWER}}
    return project


def _front(text: str) -> tuple[dict, str]:
    head, sep, body = text.partition("\n---\n")
    assert sep and head.startswith("---\nprovenance: "), text
    return json.loads(head.removeprefix("---\nprovenance: ")), body


def test_generate_records_provenance_in_front_matter(library):
    r = run_cli("generate", "blurb", "--var", "product=Vault", "-o", "out/blurb.md", cwd=library)
    assert r.returncode == 0, r.stderr
    written = (library / "out" / "blurb.md").read_text(encoding="utf-8")
    prov, body = _front(written)
    assert body == ANSWER + "\n"
    prompt_hash = "sha256:" + hashlib.sha256((library / "prompts" / "blurb.toml").read_bytes()).hexdigest()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", prov.pop("time"))
    assert prov == {
        "step": "generate",
        "prompt": "blurb",
        "prompt-hash": prompt_hash,
        "backend": "ollama",
        "model": "tiny:1b",
        "options": {"max-tokens": 512, "seed": 11, "temperature": 0.3},
        "brandlint": __version__,
        "content-hash": text_hash(without_provenance("blurb.md", written)),
    }
    # the generated file passes the gate as it is
    r = run_cli("check", "out", "--require-provenance", cwd=library)
    assert r.returncode == 0, r.stdout + r.stderr


def test_generate_text_output_gets_a_sidecar(library):
    r = run_cli("generate", "note", "--var", "product=Vault", "-o", "out/note.txt", cwd=library)
    assert r.returncode == 0, r.stderr
    assert (library / "out" / "note.txt").read_text(encoding="utf-8") == ANSWER + "\n"
    assert r.stderr.endswith("Wrote out/note.txt (provenance in out/note.txt.provenance.json).\n")
    prov = json.loads((library / "out" / "note.txt.provenance.json").read_text(encoding="utf-8"))
    assert (prov["prompt"], prov["model"], prov["content-hash"]) == ("note", "tiny:1b", text_hash(ANSWER + "\n"))
    assert run_cli("check", "out", "--require-provenance", cwd=library).returncode == 0


def test_prompts_validate(library):
    r = run_cli("prompts", "validate", cwd=library)
    assert (r.returncode, r.stdout) == (
        0,
        "blurb: ok (ollama:tiny:1b)\nnote: ok (ollama:tiny:1b)\n2 of 2 prompts validated.\n",
    )
    (library / "prompts" / "big.toml").write_text(
        BLURB.format(fmt="markdown").replace("tiny:1b", "huge:70b"), encoding="utf-8"
    )
    (library / "prompts" / "bare.toml").write_text('template = "Hi."\n', encoding="utf-8")
    r = run_cli("prompts", "validate", cwd=library)
    assert r.returncode == 1
    assert r.stdout.splitlines() == [
        f"bare: not validated: its [model] table must name backend and model ({library / 'prompts' / 'bare.toml'})",
        f"big: not validated: ollama:huge:70b is not in [provenance] models of {library / 'brandlint.toml'}",
        "blurb: ok (ollama:tiny:1b)",
        "note: ok (ollama:tiny:1b)",
        "2 of 4 prompts validated.",
    ]


def test_require_provenance_failures(library):
    assert run_cli("generate", "blurb", "--var", "product=Vault", "-o", "out/blurb.md", cwd=library).returncode == 0
    (library / "out" / "human.md").write_text("Written by a person.\n", encoding="utf-8")
    r = run_cli("check", "out", "--require-provenance", cwd=library)
    assert r.returncode == 1
    assert r.stderr.splitlines() == [
        "out/human.md: provenance: no provenance recorded (generated content carries it: `brandlint generate`)"
    ]
    (library / "out" / "human.md").unlink()
    # an edit after generation needs an approval of the new content
    path = library / "out" / "blurb.md"
    path.write_text(path.read_text(encoding="utf-8").replace("one click", "two clicks"), encoding="utf-8")
    r = run_cli("check", "out", "--require-provenance", cwd=library)
    assert r.returncode == 1
    assert r.stderr.splitlines() == [
        "out/blurb.md: provenance: the text changed since generation and this content has no approval "
        "(`brandlint approve`)"
    ]
    r = run_cli("approve", "out/blurb.md", "--note", "edited by hand", "--by", "Ann", cwd=library)
    assert r.returncode == 0, r.stderr
    assert run_cli("check", "out", "--require-provenance", cwd=library).returncode == 0
    # a model or prompt that is not validated
    (library / "brandlint.toml").write_text(
        config_text(library_url(library), extra=VALIDATED.replace("ollama:tiny:1b", "ollama:other")),
        encoding="utf-8",
    )
    r = run_cli("check", "out", "--require-provenance", cwd=library)
    assert r.returncode == 1
    assert r.stderr.splitlines() == [
        "out/blurb.md: provenance: model ollama:tiny:1b (generate) is not in [provenance] models; its prompt "
        "'blurb' is not validated: its [model] ollama:tiny:1b is not in [provenance] models"
    ]
    (library / "prompts" / "blurb.toml").unlink()
    r = run_cli("check", "out", "--require-provenance", cwd=library)
    assert f"its prompt 'blurb' is not in the prompt library ({library / 'prompts' / 'blurb.toml'} is missing)" in (
        r.stderr
    )


def library_url(root) -> str:
    text = (root / "brandlint.toml").read_text(encoding="utf-8")
    return re.search(r'endpoint = "([^"]+)"', text).group(1)


def test_require_provenance_needs_globs(project, server):
    (project / "a.md").write_text("Plain text.\n", encoding="utf-8")
    r = run_cli("check", "a.md", "--require-provenance", cwd=project)
    assert r.returncode == 2
    assert r.stderr.endswith(
        "error: --require-provenance: no [provenance] require = [globs] in the config names the generated files\n"
    )


def test_rewrite_after_a_human_edit_keeps_the_generation_hash(library):
    """`fix --rewrite` adds its step; a human edit made before it still needs an approval."""
    assert run_cli("generate", "blurb", "--var", "product=Vault", "-o", "out/blurb.md", cwd=library).returncode == 0
    path = library / "out" / "blurb.md"
    generated, _ = _front(path.read_text(encoding="utf-8"))
    path.write_text(path.read_text(encoding="utf-8") + "\nWe delve into files.\n", encoding="utf-8")
    r = run_cli("fix", "--rewrite", "out/blurb.md", cwd=library)
    assert r.returncode == 0, r.stderr
    prov, body = _front(path.read_text(encoding="utf-8"))
    assert body == ANSWER + "\n\nWe explore into files.\n"
    assert prov["content-hash"] == generated["content-hash"]  # not moved to the rewritten text
    assert [s["step"] for s in prov["rewrites"]] == ["rewrite"] and prov["rewrites"][0]["model"] == "scripted"
    assert {k: prov[k] for k in ("prompt", "model")} == {"prompt": "blurb", "model": "tiny:1b"}
    r = run_cli("check", "out", "--require-provenance", cwd=library)
    assert r.returncode == 1
    assert "the text changed since generation and this content has no approval" in r.stderr
    # the rewrite's model is not on the validated list either
    assert "model ollama:scripted (rewrite) is not in [provenance] models" in r.stderr
