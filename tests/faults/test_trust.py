"""A repository's config never makes brandlint import code unless the user opts in outside it."""

from __future__ import annotations

import os
from pathlib import Path

from _faults import fault
from support import run_cli, write

PLUGIN = 'from pathlib import Path\nPath(__file__).with_name("ran").write_text("imported")\n'


def _env(**extra: str) -> dict[str, str]:
    env = {"BRANDLINT_TRUST": "", "BRANDLINT_TRUST_FILE": os.devnull}
    env.update(extra)
    return env


def _repo(tmp_path: Path, config: str = 'plugin-paths = ["../outside"]\n') -> Path:
    repo = tmp_path / "repo"
    write(tmp_path / "outside" / "evil.py", PLUGIN)
    write(repo / "brandlint.toml", 'select = ["plain-language/simpler-words"]\n' + config)
    write(repo / "docs" / "a.md", "We utilize it.\n")
    return repo


@fault(
    "plugin-paths",
    "repository config with `plugin-paths` (check, fix, plugins; and the language server)",
    "config error naming file, line, key, value and how to opt in; no code imported",
    2,
)
def test_untrusted_plugin_paths_is_a_config_error_and_runs_nothing(tmp_path):
    repo = _repo(tmp_path)
    for command in (["check", "docs"], ["fix", "docs"], ["plugins"]):
        r = run_cli(*command, cwd=repo, env=_env())
        assert r.returncode == 2, r.stderr
        assert r.stderr == (
            f"error: {repo / 'brandlint.toml'}:2: plugin-paths: ['../outside'] imports Python code, and "
            f"{repo} is not a trusted directory (brandlint imports no code a repository names unless you "
            "trust it: run with --trust, set BRANDLINT_TRUST=<that directory> (or '*'), or list the "
            "directory in `trusted` of ~/.config/brandlint/trust.toml; see docs/security.md)\n"
        )
        assert "Traceback" not in r.stderr
    assert not (tmp_path / "outside" / "ran").exists()


def test_each_opt_in_outside_the_repository_allows_it(tmp_path):
    repo = _repo(tmp_path)
    ran = tmp_path / "outside" / "ran"
    trust_file = write(tmp_path / "home" / "trust.toml", f"trusted = [{str(tmp_path)!r}]\n")
    for args, env in (
        (["--trust", "check", "docs"], _env()),
        (["check", "--trust", "docs"], _env()),
        (["check", "docs"], _env(BRANDLINT_TRUST=str(repo))),
        (["check", "docs"], _env(BRANDLINT_TRUST="*")),
        (["check", "docs"], _env(BRANDLINT_TRUST_FILE=str(trust_file))),
    ):
        ran.unlink(missing_ok=True)
        r = run_cli(*args, "--output-format", "concise", "-q", cwd=repo, env=env)
        assert r.returncode == 0, (args, r.stderr)  # an info finding does not fail the run
        assert r.stdout == "docs/a.md:1:4: plain-language/simpler-words Write 'use' instead of 'utilize'. [info]\n"
        assert ran.read_text() == "imported"


def test_trusting_another_directory_does_not_trust_this_one(tmp_path):
    repo = _repo(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    r = run_cli("check", "docs", cwd=repo, env=_env(BRANDLINT_TRUST=str(other)))
    assert r.returncode == 2 and "is not a trusted directory" in r.stderr
    # a trust file inside the repository is not read: only the user's own file counts
    write(repo / ".config" / "brandlint" / "trust.toml", 'trusted = ["*"]\n')
    r = run_cli("check", "docs", cwd=repo, env=_env())
    assert r.returncode == 2
    assert not (tmp_path / "outside" / "ran").exists()


@fault("model-path", "repository config with `[nlp] model` as a path", "config error; the model is not loaded", 2)
def test_a_model_path_in_an_untrusted_config_is_refused(tmp_path):
    repo = _repo(tmp_path, '[nlp]\nmodel = "./models/mine"\n')
    r = run_cli("check", "docs", cwd=repo, env=_env())
    assert r.returncode == 2
    assert r.stderr.startswith(f"error: {repo / 'brandlint.toml'}:3: nlp.model: './models/mine' loads a model")
