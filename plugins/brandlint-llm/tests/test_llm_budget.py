"""`generate` puts only the guidelines that fit the model's context in the system message."""

from __future__ import annotations

from pathlib import Path

import pytest
from llm_helpers import model, project, run_cli, server  # noqa: F401 (fixtures)

from brandlint.pipeline import RunOptions
from brandlint_llm.budget import budgeted_guidelines, estimate_tokens
from brandlint_llm.generate import guidelines
from brandlint_llm.prompts import LIBRARY, load_prompt


@pytest.fixture(scope="module")
def blurb_rules(tmp_path_factory):
    prompt = load_prompt(LIBRARY / "product-blurb.toml")
    root = tmp_path_factory.mktemp("blurb")
    settings = RunOptions(cwd=root, overrides={"packs": prompt.packs, "select": ["ALL"]}).settings_for(root)
    return prompt, settings.ruleset_for(Path(root / "out.md")).rules


def test_shipped_packs_fit_the_budget_with_terms_and_rules(blurb_rules):
    prompt, rules = blurb_rules
    task = prompt.render({"product": "Acme Vault", "benefit": "you can leverage it to delve into files"})
    full = guidelines(rules)
    assert estimate_tokens(full) > 3 * 1200  # every rule in full: what overflowed a 2,048-token model
    g = budgeted_guidelines(rules, 1200, task=task)
    assert g.tokens <= 1200 and g.tokens == estimate_tokens(g.text)
    lines = g.text.splitlines()
    assert lines[0] == "Follow the brand guidelines below."
    # the terms the task itself contains come first: the model is most likely to repeat them
    assert lines[1].startswith("Never use these words or phrases: delve, ")
    assert "Preferred terms (write the one on the right): leverage -> use" in g.text
    described = [l for l in lines if l.startswith("- ")]  # rules beyond the term lists, one line each
    assert len(described) >= 5
    assert g.omitted_terms > 0 and g.included_terms > 50
    small = budgeted_guidelines(rules, 300, task=task)
    assert small.tokens <= 300 and small.included_terms < g.included_terms


def test_generate_fits_a_2048_token_context(project, server, model):
    (project / "brandlint.toml").write_text(
        (project / "brandlint.toml").read_text() + "context-tokens = 2048\nmax-tokens = 300\n", encoding="utf-8"
    )
    rendered = load_prompt(LIBRARY / "product-blurb.toml").render({"product": "Acme Vault"})
    model.script = {rendered: {"text": "Acme Vault keeps your files in one place. You find any file in seconds."}}
    r = run_cli("generate", "product-blurb", "--var", "product=Acme Vault", "--model", "scripted", cwd=project)
    assert r.returncode == 0, r.stderr
    (req,) = server.requests
    system, user = req.body["messages"][0]["content"], req.body["messages"][1]["content"]
    assert estimate_tokens(system) + estimate_tokens(user) + 300 + 64 <= 2048
    assert req.body["options"]["num_ctx"] == 2048 and req.body["options"]["num_predict"] == 300
    assert "Never use these words or phrases: " in system


def test_a_context_too_small_for_the_task_is_an_error(project, server):
    (project / "brandlint.toml").write_text(
        (project / "brandlint.toml").read_text() + "context-tokens = 1024\n", encoding="utf-8"
    )
    long = "it saves time " * 250  # a task of ~880 tokens
    r = run_cli(
        "generate", "product-blurb", "--var", "product=Acme Vault", "--var", f"benefit={long}", "--model", "scripted",
        cwd=project,
    )  # fmt: skip
    assert r.returncode == 2
    assert r.stderr.splitlines()[-1].startswith(
        "error: the prompt does not fit the model's context: context-tokens 1024 leaves no room after max-tokens 300"
    )
    assert server.requests == []
