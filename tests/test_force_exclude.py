"""`--force-exclude`: exclude, extend-exclude and .gitignore apply to files named explicitly too
(pre-commit passes every staged file by name)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import run_cli, write

BODY = "# Note\n\nSend an e-mail.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(
        tmp_path / "rules" / "house" / "email.toml",
        'kind = "substitution"\nmessage = "Use \'{preferred}\'."\n[swap]\n"e-mail" = "email"\n',
    )
    write(
        tmp_path / "brandlint.toml",
        'packs = ["rules/house"]\nexclude = ["drafts/"]\nextend-exclude = ["**/*.generated.md"]\n',
    )
    write(tmp_path / ".gitignore", "build/\nscratch.md\n")
    for rel in (
        "docs/ok.md",
        "drafts/wip.md",
        "docs/api.generated.md",
        "build/out.md",
        "scratch.md",
        "node_modules/pkg/readme.md",
    ):
        write(tmp_path / rel, BODY)
    return tmp_path


NAMED = [
    "docs/ok.md",
    "drafts/wip.md",
    "docs/api.generated.md",
    "build/out.md",
    "scratch.md",
    "node_modules/pkg/readme.md",
]


def linted(stdout: str) -> list[str]:
    return sorted({line.split(":", 1)[0] for line in stdout.splitlines() if ":3:9:" in line})


def test_named_files_are_linted_without_the_flag(project):
    proc = run_cli("check", "--no-cache", *NAMED, cwd=project)
    assert linted(proc.stdout) == sorted(NAMED)


def test_force_exclude_applies_every_exclusion_to_named_files(project):
    proc = run_cli("check", "--no-cache", "--force-exclude", *NAMED, cwd=project)
    assert proc.returncode == 1
    assert linted(proc.stdout) == ["docs/ok.md"]
    proc = run_cli("check", "--no-cache", "--force-exclude", "drafts/wip.md", "scratch.md", cwd=project)
    assert (proc.returncode, proc.stdout.splitlines()[0]) == (0, "All checks passed (0 files checked).")


def test_directories_are_unaffected(project):
    with_flag = run_cli("check", "--no-cache", "--force-exclude", ".", cwd=project)
    without = run_cli("check", "--no-cache", ".", cwd=project)
    assert linted(with_flag.stdout) == linted(without.stdout) == ["docs/ok.md"]


def test_force_exclude_with_stdin_lints_nothing_for_an_excluded_name(project):
    proc = run_cli("check", "--force-exclude", "--stdin-filename", "drafts/new.md", cwd=project, stdin=BODY)
    assert proc.returncode == 0 and "e-mail" not in proc.stdout
    proc = run_cli("check", "--force-exclude", "--stdin-filename", "docs/new.md", cwd=project, stdin=BODY)
    assert proc.returncode == 1 and "docs/new.md:3:9:" in proc.stdout


def test_fix_force_exclude_leaves_excluded_files_alone(project):
    proc = run_cli("fix", "--force-exclude", *NAMED, cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert (project / "docs/ok.md").read_text() == "# Note\n\nSend an email.\n"
    for rel in NAMED[1:]:
        assert (project / rel).read_text() == BODY, rel


def test_include_is_not_applied_to_named_files(project):
    write(project / "brandlint.toml", 'packs = ["rules/house"]\ninclude = ["docs/**"]\n')
    write(project / "notes.md", BODY)
    proc = run_cli("check", "--no-cache", "--force-exclude", "notes.md", cwd=project)
    assert linted(proc.stdout) == ["notes.md"]


def test_both_pre_commit_hooks_pass_force_exclude():
    import yaml
    from support import ROOT

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    # in `entry`, not `args`: a user's own `args` replace the hook's
    assert {h["id"]: (h["entry"], h.get("args")) for h in hooks} == {
        "brandlint": ("brandlint check --force-exclude", None),
        "brandlint-fix": ("brandlint fix --force-exclude", None),
    }
    assert {h["id"]: h["additional_dependencies"] for h in hooks} == {
        "brandlint": [".[nlp]"],
        "brandlint-fix": [".[nlp]"],
    }


def test_fix_stdin_of_an_excluded_name_passes_the_content_through(project):
    proc = run_cli("fix", "--force-exclude", "--stdin-filename", "drafts/new.md", cwd=project, stdin=BODY)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, BODY, "")
    proc = run_cli("fix", "--force-exclude", "--stdin-filename", "docs/new.md", cwd=project, stdin=BODY)
    assert proc.stdout == "# Note\n\nSend an email.\n"
