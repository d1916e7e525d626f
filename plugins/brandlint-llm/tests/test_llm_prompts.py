"""The prompt library and `brandlint generate` / `brandlint prompts`, against the scripted server."""

from __future__ import annotations

import json

import pytest
from llm_helpers import model, project, run_cli, server  # noqa: F401 (fixtures)

from brandlint.errors import BrandlintError, ConfigError
from brandlint_llm.prompts import LIBRARY, load_prompt

BLURB = '''description = "A blurb."
format = "markdown"
packs = ["pack"]
template = """Write about {product} for {audience}. Use {{braces}} literally."""

[variables.product]
description = "The product"
required = true

[variables.audience]
default = "teams"

[model]
backend = "ollama"
model = "tiny:1b"
temperature = 0.3
seed = 11
'''
RENDERED = "Write about Vault for teams. Use {braces} literally."
USING = "using the prompt's [model]: model 'tiny:1b' (config: 'scripted'); override with --model"


def split_provenance(text: str) -> tuple[dict, str]:
    """(the provenance in the front matter, the text after it)."""
    head, sep, body = text.partition("\n---\n")
    assert sep and head.startswith("---\nprovenance: "), text
    return json.loads(head.removeprefix("---\nprovenance: ")), body


@pytest.fixture
def library(project):
    (project / "prompts").mkdir()
    (project / "prompts" / "blurb.toml").write_text(BLURB, encoding="utf-8")
    return project


def test_shipped_prompts_are_valid():
    names = sorted(p.stem for p in LIBRARY.glob("*.toml"))
    assert names == ["product-blurb", "release-note"]
    for name in names:
        p = load_prompt(LIBRARY / f"{name}.toml")
        assert p.description and p.model["backend"] in ("ollama", "openai") and p.packs
    blurb = load_prompt(LIBRARY / "product-blurb.toml")
    assert blurb.render({"product": "Acme Vault"}) == (
        "Write a two-sentence blurb for Acme Vault, a product for small teams.\n"
        "Say what it does and one concrete benefit: it saves time.\nNo headings, no lists, no exclamation marks."
    )


def test_render_errors(library):
    p = load_prompt(library / "prompts" / "blurb.toml")
    assert p.render({"product": "Vault"}) == RENDERED
    with pytest.raises(BrandlintError) as exc:
        p.render({})
    assert str(exc.value) == f"prompt 'blurb' needs --var product=... ({library / 'prompts' / 'blurb.toml'})"
    with pytest.raises(BrandlintError) as exc:
        p.render({"product": "x", "tone": "y"})
    assert str(exc.value) == "prompt 'blurb' has no variable 'tone' (its variables: product, audience)"


@pytest.mark.parametrize(
    "change, message",
    [
        (
            ("Write about {product}", "Write about {topic}"),
            "4: template: the template uses {topic} but declares no such variable (add [variables.topic])",
        ),
        (
            ("Use {{braces}}", "Use {braces"),
            "4: template: unmatched '{' in the template (write {{ for a literal brace)",
        ),
        (
            ("for {audience}", "for them"),
            "10: variables.audience: variable 'audience' is declared but the template never uses it",
        ),
        (("seed = 11", "sed = 11"), "17: model.sed: unknown key 'sed' (did you mean 'seed'?)"),
        (("temperature = 0.3", "temperature = 3.5"), "16: model.temperature: must be between 0 and 2, got 3.5"),
        (('format = "markdown"', 'format = "html"'), "2: format: expected one of 'markdown', 'text', got 'html'"),
        (
            ("required = true", "required = 1"),
            "8: variables.product.required: expected a boolean (true/false), got an integer 1",
        ),
        (
            ('description = "A blurb."', 'descripton = "A blurb."'),
            "1: descripton: unknown key 'descripton' (did you mean 'description'?)",
        ),
    ],
)
def test_prompt_errors_name_file_line_and_key(tmp_path, change, message):
    path = tmp_path / "p.toml"
    path.write_text(BLURB.replace(*change), encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_prompt(path)
    assert str(exc.value) == f"{path}:{message}"


def test_prompts_command(library):
    r = run_cli("prompts", cwd=library)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    # the team's prompt, then the plugin's library (installed with it), sorted by name
    assert lines[:4] == [
        f"blurb  A blurb.  [{library / 'prompts' / 'blurb.toml'}]",
        "    variables: product (required), audience = 'teams'",
        "    model: ollama tiny:1b (temperature 0.3, seed 11)",
        "    must pass: pack",
    ]
    assert [l.split("  ")[0] for l in lines if not l.startswith(" ")] == ["blurb", "product-blurb", "release-note"]
    assert lines[4] == "product-blurb  A two-sentence product blurb for a landing page.  [library]"
    r = run_cli("prompts", "--output-format", "json", cwd=library)
    row = json.loads(r.stdout)[0]
    assert (row["source"], json.loads(r.stdout)[1]["source"]) == ("team", "library")
    assert row["name"] == "blurb" and row["variables"]["audience"] == {
        "required": False,
        "default": "teams",
        "description": "",
    }


def test_generate_writes_passing_output_with_the_prompts_model(library, server, model):
    model.script = {RENDERED: {"text": "Vault keeps your files safe. Teams share them in one click."}}
    r = run_cli("generate", "blurb", "--var", "product=Vault", "-o", "out/blurb.md", cwd=library)
    assert r.returncode == 0, r.stderr
    prov, body = split_provenance((library / "out" / "blurb.md").read_text(encoding="utf-8"))
    assert body == "Vault keeps your files safe. Teams share them in one click.\n"
    assert prov["prompt"] == "blurb" and (prov["backend"], prov["model"]) == ("ollama", "tiny:1b")
    assert r.stderr == (
        USING + "\nGenerated 11 words with ollama tiny:1b (1 attempt); fixed 0, 0 remaining. Wrote out/blurb.md.\n"
    )
    (req,) = server.requests
    assert req.body["model"] == "tiny:1b"
    assert req.body["options"] == {"temperature": 0.3, "seed": 11, "num_predict": 512, "num_ctx": 4096}
    assert req.body["format"]["required"] == ["text"]
    system = req.body["messages"][0]["content"]
    assert "Never use these words or phrases: delve, delves, tapestry, seamlessly" in system
    assert "Preferred terms (write the one on the right): utilize -> use" in system
    assert req.body["messages"][1] == {"role": "user", "content": RENDERED}


def test_generate_fixes_then_rewrites_before_writing(library, server, model):
    model.script = {RENDERED: {"text": "Teams utilize Vault. We delve into files."}}
    r = run_cli("generate", "blurb", "--var", "product=Vault", cwd=library)
    assert r.returncode == 0, r.stderr
    assert split_provenance(r.stdout)[1] == "Teams use Vault. We explore into files.\n"
    assert r.stderr.splitlines() == [
        USING,
        "blurb.md:1:21: pack/overused: rewritten by the model (first attempt)",
        "Generated 7 words with ollama tiny:1b (1 attempt); fixed 2, 0 remaining.",
    ]


def test_generate_refuses_failing_output_unless_allowed(library, server, model):
    model.script = {
        RENDERED: {"text": "We delve into a tapestry of files."},
        "We delve into a tapestry of files.": "echo",
    }
    r = run_cli("generate", "blurb", "--var", "product=Vault", "-o", "blurb.md", cwd=library)
    assert r.returncode == 1
    assert not (library / "blurb.md").exists()
    err = r.stderr.splitlines()
    assert err.pop(0) == USING
    assert err[0] == (
        "blurb.md:1:4: pack/overused: not rewritten: the rewrite is the passage unchanged "
        "(after 3 attempts) [unchanged]"
    )
    assert "blurb.md:1:4: pack/overused 'delve' is a common tell of machine-written prose. [warning]" in r.stderr
    assert err[-2:] == [
        "Generated 7 words with ollama tiny:1b (1 attempt); fixed 0, 2 remaining.",
        "not written: the output does not pass pack (use --allow-findings to write it anyway)",
    ]
    r = run_cli("generate", "blurb", "--var", "product=Vault", "-o", "blurb.md", "--allow-findings", cwd=library)
    assert r.returncode == 0
    assert split_provenance((library / "blurb.md").read_text(encoding="utf-8"))[1] == (
        "We delve into a tapestry of files.\n"
    )
    assert r.stderr.splitlines()[-1] == (
        "Generated 7 words with ollama tiny:1b (1 attempt); fixed 0, 2 remaining. Wrote blurb.md."
    )


def test_generate_errors(library, server, model):
    r = run_cli("generate", "blurbs", cwd=library)
    assert (r.returncode, r.stderr) == (2, "error: unknown prompt 'blurbs' (did you mean 'blurb'?)\n")
    r = run_cli("generate", "blurb", cwd=library)
    assert r.returncode == 2 and "needs --var product=..." in r.stderr
    model.script = {RENDERED: "garbage"}
    r = run_cli("generate", "blurb", "--var", "product=Vault", "-o", "x.md", cwd=library)
    assert r.returncode == 2
    assert r.stderr.startswith(
        USING
        + "\nerror: generation failed: the model gave no usable answer in 3 attempts (last: the answer is not JSON: "
    )
    model.script = {RENDERED: "http500"}
    r = run_cli("generate", "blurb", "--var", "product=Vault", "-o", "x.md", cwd=library)
    assert r.returncode == 2
    assert r.stderr == f"{USING}\nerror: generation failed: ollama at {server.url} answered HTTP 500: model crashed\n"
    assert not (library / "x.md").exists()


@pytest.mark.parametrize(
    "token", ["[/INST]", "<|im_end|>", "<|eot_id|>", "<end_of_turn>", "</s>", "<</SYS>>", "\n### Response:"]
)
def test_generate_rejects_answers_with_chat_template_tokens(library, server, model, token):
    clean = "Vault keeps your files safe. Teams share them in one click."
    model.script = {RENDERED: [{"text": clean + token + "{"}, {"text": clean}]}
    r = run_cli("generate", "blurb", "--var", "product=Vault", cwd=library)
    assert r.returncode == 0, r.stderr
    assert split_provenance(r.stdout)[1] == clean + "\n"
    assert "(2 attempts)" in r.stderr.splitlines()[-1]
    retry = server.requests[1].body["messages"][-1]["content"]
    assert retry.startswith(f"That answer was rejected: the answer contains the chat-template token {token.strip()!r}")


def test_control_tokens_the_passage_had_are_kept():
    from brandlint_llm.guidance import control_token, parse_answer

    assert control_token("Use <s>old</s> prices.", source="Use <s>old</s> costs.") is None
    assert control_token("Fine text.") is None
    assert control_token("Done.[/INST]") == "[/INST]"
    value, reason, detail = parse_answer('{"rewrite": "We use it.<|im_end|>"}', "rewrite", source="We utilize it.")
    assert (value, reason) == ("", "template-token")
    assert detail == "the answer contains the chat-template token '<|im_end|>': 'We use it.<|im_end|>'"
