"""End to end: `python -m brandlint fix --rewrite` subprocesses against the scripted server."""

from __future__ import annotations

import json
import re

import pytest
from llm_helpers import config_text, free_port, model, project, run_cli, server  # noqa: F401 (fixtures)

from brandlint import __version__
from brandlint.cli import build_parser
from brandlint.errors import BrandlintError
from brandlint.fixing import fixer_for
from brandlint.plugins import FindingFixer, Fixer
from brandlint.plugins.manager import Registry, build_registry
from brandlint.provenance import text_hash, without_provenance

POST = """# Launch

In this post we delve into storage. It is fast.

See [the docs](https://acme.io/docs) to utilize a tapestry of `features`.
"""
FIXED = """# Launch

In this post we explore into storage. It is fast.

See [the docs](https://acme.io/docs) to use a mix of `features`.
"""


def split_provenance(text: str) -> tuple[dict, str]:
    """(the provenance a rewrite recorded in the front matter, the text after it)."""
    head, sep, body = text.partition("\n---\n")
    assert sep and head.startswith("---\nprovenance: "), text
    return json.loads(head.removeprefix("---\nprovenance: ")), body


def test_fix_rewrite_writes_the_verified_text(project, server):
    (project / "post.md").write_text(POST, encoding="utf-8")
    r = run_cli("fix", "--rewrite", "--show-fixes", "post.md", cwd=project)
    assert r.returncode == 0, r.stderr
    written = (project / "post.md").read_text(encoding="utf-8")
    prov, body = split_provenance(written)
    assert body == FIXED
    (step,) = prov["rewrites"]
    assert {k: step[k] for k in ("step", "backend", "model", "options", "brandlint")} == {
        "step": "rewrite",
        "backend": "ollama",
        "model": "scripted",
        "options": {"max-tokens": 512, "seed": 0, "temperature": 0.0},
        "brandlint": __version__,
    }
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", step["time"])
    assert prov["content-hash"] == text_hash(without_provenance("post.md", written))
    assert r.stderr.splitlines() == [
        "post.md:3:17: pack/overused: rewritten by the model (first attempt)",
        "post.md:5:47: pack/overused: rewritten by the model (first attempt)",
        "Fixed 3 findings:",
        "- post.md:",
        "    2 × pack/overused",
        "    1 × pack/plain",
        "Rewrote 2 findings in 2 passages.",
        "Fixed 3 findings (0 remaining).",
    ]
    assert r.stdout.startswith("All checks passed")
    # the deterministic fix ran first: the model saw 'use', not 'utilize'
    assert any(
        req.key == "See [the docs](https://acme.io/docs) to use a tapestry of `features`." for req in server.requests
    )


def test_diff_shows_the_rewrites_and_writes_nothing(project, server):
    (project / "post.md").write_text(POST, encoding="utf-8")
    r = run_cli("fix", "--rewrite", "--diff", "post.md", cwd=project)
    assert r.returncode == 1
    assert (project / "post.md").read_text(encoding="utf-8") == POST
    assert re.sub(r"\+---\n\+provenance: .*\n\+---\n", "", r.stdout) == (
        "--- post.md\n+++ post.md\n@@ -1,5 +1,8 @@\n # Launch\n \n"
        "-In this post we delve into storage. It is fast.\n+In this post we explore into storage. It is fast.\n \n"
        "-See [the docs](https://acme.io/docs) to utilize a tapestry of `features`.\n"
        "+See [the docs](https://acme.io/docs) to use a mix of `features`.\n"
    )
    assert r.stderr.splitlines()[-2:] == [
        "Would rewrite 2 findings in 2 passages.",
        "Would fix 3 findings in 1 file (0 remaining).",
    ]


def test_rejections_are_reported_per_finding_and_the_run_goes_on(project, server, model):
    (project / "post.md").write_text(POST, encoding="utf-8")
    (project / "other.md").write_text("We delve.\n", encoding="utf-8")
    model.script = {
        "See [the docs](https://acme.io/docs) to use a tapestry of `features`.": "drop-link",
        "In this post we delve into storage.": "http500",
    }
    r = run_cli("fix", "--rewrite", ".", cwd=project)
    assert r.returncode == 1
    assert (project / "post.md").read_text(encoding="utf-8") == POST.replace("utilize", "use")
    assert split_provenance((project / "other.md").read_text(encoding="utf-8"))[1] == "We explore.\n"
    err = r.stderr.splitlines()  # other.md was rewritten: no line for it without --show-fixes
    assert err[:2] == [
        f"post.md:3:17: pack/overused: not rewritten: model error: ollama at {server.url} answered HTTP 500: "
        "model crashed [model-error]",
        "post.md:5:47: pack/overused: not rewritten: the rewrite lost link 'https://acme.io/docs' "
        "(after 3 attempts) [broke-markdown]",
    ]
    assert err[2:] == [
        "Rewrote 1 finding in 1 passage; 2 findings not rewritten (broke-markdown 1, model-error 1).",
        "Fixed 2 findings (2 remaining).",
    ]
    assert "post.md:3:17: pack/overused 'delve' is a common tell" in r.stdout


def test_server_down(project):
    port = free_port()
    (project / "brandlint.toml").write_text(config_text(f"http://127.0.0.1:{port}"), encoding="utf-8")
    (project / "post.md").write_text(POST, encoding="utf-8")
    r = run_cli("fix", "--rewrite", "post.md", cwd=project)
    assert r.returncode == 1
    assert (project / "post.md").read_text(encoding="utf-8") == POST.replace("utilize", "use")
    why = (
        f"model error: cannot connect to ollama at http://127.0.0.1:{port}: connection refused; is the server "
        "running? (start it with `ollama serve`, or set endpoint under [plugins.llm])"
    )
    assert r.stderr.splitlines()[:2] == [
        f"post.md:3:17: pack/overused: not rewritten: {why} [model-error]",
        f"post.md:5:47: pack/overused: not rewritten: {why} [model-error]",
    ]


def test_config_errors_exit_2(project, server):
    (project / "post.md").write_text(POST, encoding="utf-8")
    (project / "brandlint.toml").write_text(config_text(server.url, max_atempts="2"), encoding="utf-8")
    r = run_cli("fix", "--rewrite", "post.md", cwd=project)
    assert r.returncode == 2
    assert r.stderr == (
        f"error: {project / 'brandlint.toml'}:10: plugins.llm.max-atempts: unknown key "
        "'max-atempts' (did you mean 'max-attempts'?)\n"
    )
    (project / "brandlint.toml").write_text(config_text("http://203.0.113.9:11434"), encoding="utf-8")
    r = run_cli("fix", "--rewrite", "post.md", cwd=project)
    assert r.returncode == 2
    assert "http://203.0.113.9:11434 is not on this machine" in r.stderr
    assert "set allow-remote = true under [plugins.llm]" in r.stderr
    assert (project / "post.md").read_text(encoding="utf-8") == POST
    assert server.requests == []


def test_bom_and_crlf_survive(project, server):
    raw = b"\xef\xbb\xbfIntro.\r\nWe delve into it.\r\n"
    (project / "c.md").write_bytes(raw)
    r = run_cli("fix", "--rewrite", "c.md", cwd=project)
    assert r.returncode == 0, r.stderr
    out = (project / "c.md").read_bytes()
    assert out.startswith(b"\xef\xbb\xbf---\r\nprovenance: {")
    assert out.endswith(b"}\r\n---\r\nIntro.\r\nWe explore into it.\r\n") and b"\n" not in out.replace(b"\r\n", b"")


def test_stdin(project, server):
    r = run_cli("fix", "--rewrite", "--stdin-filename", "s.md", cwd=project, stdin="We delve. Ok.\n")
    assert (r.returncode, split_provenance(r.stdout)[1]) == (0, "We explore. Ok.\n")
    assert r.stderr.splitlines() == ["Rewrote 1 finding in 1 passage.", "Fixed 1 finding (0 remaining)."]


def test_openai_backend_end_to_end(project, server):
    (project / "brandlint.toml").write_text(config_text(server.url + "/v1", backend='"openai"'), encoding="utf-8")
    (project / "post.md").write_text(POST, encoding="utf-8")
    r = run_cli("fix", "--rewrite", "post.md", cwd=project)
    assert r.returncode == 0, r.stderr
    assert split_provenance((project / "post.md").read_text(encoding="utf-8"))[1] == FIXED
    assert {req.path for req in server.requests} == {"/v1/chat/completions"}


def test_the_plugin_registers_its_fixer_commands_and_option():
    reg = build_registry()
    fixer = reg.fixers["rewrite"]
    assert fixer.name == "rewrite" and set(reg.model_backends) >= {"ollama", "openai"}
    assert isinstance(fixer, Fixer) and isinstance(fixer, FindingFixer) and fixer.max_jobs == 1
    assert set(reg.commands.commands) == {"generate", "prompts"}
    args = build_parser(reg.commands, load=["fix"]).parse_args(["fix", "--rewrite", "post.md"])
    assert (args.fixer, args.paths) == ("rewrite", ["post.md"])
    assert fixer_for(reg, args.fixer) is fixer
    info = next(i for i in reg.plugins if i.name == "llm")
    assert info.registers["commands"] == ["generate", "prompts"]


def test_missing_fixer_message():
    """Without the plugin, `fix --rewrite` is not an option; `--fixer rewrite` names what is missing."""
    with pytest.raises(BrandlintError) as exc:
        fixer_for(Registry(), "rewrite")
    assert str(exc.value) == (
        "no plugin provides the fixer 'rewrite' (installed fixers: none); see `brandlint plugins`"
    )
    with pytest.raises(SystemExit):
        build_parser(Registry().commands, load=["fix"]).parse_args(["fix", "--rewrite"])
