"""Worker pools (`--jobs`): output identical to `--jobs 1`, in the same order; small runs stay
in-process; worker errors surface like in-process ones; `fix --jobs`; the progress bar's rules.
"""

from __future__ import annotations

import io
import json
import os
import pty
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import run_cli, write

RULES = {
    "email.toml": """kind = "substitution"\nmessage = "Write '{preferred}', not '{match}'."\n[swap]\n"e-mail" = "email"\n"web site" = "website"\n""",
    "banned.toml": """kind = "existence"\nseverity = "error"\nmessage = "Do not name '{match}'."\ntokens = ["Globex", "Initech"]\n""",
    "repeat.toml": """kind = "repetition"\nmessage = "'{match}' is repeated."\n""",
    "very.toml": """kind = "pattern"\npattern = "\\\\bvery (\\\\w+)"\nreplacement = "\\\\1"\nmessage = "Drop 'very'."\n""",
}
WORDS = (
    "the team ships a product to customers every week and measures what they use while "
    "support answers questions about billing accounts plans and limits"
).split()
SPICE = ["e-mail", "Globex", "web site", "very fast", "the the", "Initech", "café", "naïve", "emoji 🎉"]


def _prose(rng: random.Random, n_words: int) -> str:
    out, line = [], []
    for i in range(n_words):
        line.append(rng.choice(SPICE) if rng.random() < 0.04 else rng.choice(WORDS))
        if len(line) >= 12:
            out.append(" ".join(line) + ".")
            line = []
        if i % 90 == 89:
            out.append("")
    out.append(" ".join(line) + ".")
    return "\n".join(out) + "\n"


def make_corpus(root: Path, *, n_md: int = 26, words: int = 9000) -> list[str]:
    """A project with ~30 files of every kind; big enough (> 1 MB) for a pool to pay off."""
    for name, body in RULES.items():
        write(root / "rules" / "house" / name, body)
    write(root / "brandlint.toml", 'packs = ["rules/house"]\nrespect-gitignore = false\n')
    rng = random.Random(7)
    for i in range(n_md):
        sub = "guides" if i % 3 else "blog"
        n = words if i % 5 else words // 20  # mixed sizes: scheduling differs from the order
        write(
            root / "docs" / sub / f"page{i:02d}.md",
            f"# Page {i}\n\n" + _prose(rng, n) + "\n```\ne-mail in code is not content\n```\n",
        )
    write(
        root / "docs" / "ui.json", json.dumps({"title": "Our e-mail digest", "body": _prose(rng, 300)}, indent=2) + "\n"
    )
    write(root / "docs" / "records.jsonl", "".join(json.dumps({"output": _prose(rng, 80)}) + "\n" for _ in range(40)))
    write(root / "docs" / "notes.txt", _prose(rng, 500))
    (root / "docs" / "latin1.md").write_bytes("# Caf\xe9\n\nAn e-mail.\n".encode("latin-1"))
    (root / "docs" / "binary.md").write_bytes(b"# x\n\x00\x01\x02")
    write(root / "docs" / "empty.md", "")
    return sorted(str(p.relative_to(root)) for p in (root / "docs").rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("parallel")
    files = make_corpus(root)
    assert len(files) == 32
    assert sum((root / f).stat().st_size for f in files) > 1024 * 1024
    return root


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli("check", "--no-cache", "-v", *args, cwd=root)


def test_jobs_2_output_is_identical_to_jobs_1(corpus):
    one = run(corpus, "--output-format", "json", "--jobs", "1")
    two = run(corpus, "--output-format", "json", "--jobs", "2")
    assert one.returncode == two.returncode == 1
    assert "files: 32, 0 without linting (cache, skipped), linted 32 in this process" in one.stderr
    assert "files: 32, 0 without linting (cache, skipped), linted 32 in 2 worker processes" in two.stderr
    assert two.stdout == one.stdout
    report = json.loads(one.stdout)
    paths = [f["path"] for f in report["files"]]
    assert paths == sorted(paths, key=lambda p: (str(Path(p).parent), Path(p).name)) and len(paths) == 32
    by_rule = {f["rule_id"] for f in report["findings"]}
    assert by_rule == {
        "house/email",
        "house/banned",
        "house/repeat",
        "house/very",
        "brandlint/encoding-error",
        "brandlint/binary-file",
    }
    assert len(report["findings"]) > 500
    # the text report too (what people read), byte for byte
    assert run(corpus, "--jobs", "2").stdout == run(corpus, "--jobs", "1").stdout


def test_jobs_with_the_cache_warm_and_cold_give_the_same_report(corpus, tmp_path):
    env_dir = tmp_path / "cache"
    base = run(corpus, "--output-format", "json", "--jobs", "1").stdout
    cold = run_cli(
        "check", "-v", "--output-format", "json", "--jobs", "2", cwd=corpus, env={"BRANDLINT_CACHE_DIR": str(env_dir)}
    )
    warm = run_cli(
        "check", "-v", "--output-format", "json", "--jobs", "2", cwd=corpus, env={"BRANDLINT_CACHE_DIR": str(env_dir)}
    )
    assert cold.stdout == warm.stdout == base
    assert "cache: 0 hits, 32 misses, 32 written" in cold.stderr  # decoding errors are cached too
    assert "linted 32 in 2 worker processes" in cold.stderr
    assert "files: 32, 32 without linting (cache, skipped), linted 0 in this process" in warm.stderr


def test_small_runs_stay_in_this_process(corpus):
    proc = run(corpus, "docs/guides/page01.md", "docs/guides/page02.md", "--jobs", "4")
    assert "files: 2, 0 without linting (cache, skipped), linted 2 in this process" in proc.stderr


def test_api_results_are_equal_objects_in_the_same_order(corpus, monkeypatch):
    from brandlint.pipeline import RunOptions, lint_paths, runners

    monkeypatch.setattr(runners, "POOL_MIN_FILES", 1)
    monkeypatch.setattr(runners, "POOL_MIN_BYTES_LEXICAL", 0)
    seen: list[tuple[int, int]] = []
    one = list(lint_paths([corpus / "docs" / "blog"], options=RunOptions(cwd=corpus, jobs=1)))
    run = lint_paths(
        [corpus / "docs" / "blog"], options=RunOptions(cwd=corpus, jobs=3), progress=lambda d, t: seen.append((d, t))
    )
    three = list(run)
    assert run.stats.workers == 3 and run.stats.in_workers == 9
    assert three == one  # dataclass equality: every finding, span, fix and word count
    assert seen == [(i, 9) for i in range(1, 10)]


BOOM_PLUGIN = """
from brandlint.errors import BrandlintError
from brandlint.plugins.hookspecs import hookimpl
from brandlint.rules.base import Rule

class Boom(Rule):
    kind = "boom"
    needs = frozenset({"model"})  # a model-backed rule: pools pay off sooner

    def check_segment(self, doc, seg, ctx):
        if "BOOM" in seg.text:
            raise BrandlintError(f"the boom model is not installed ({doc.path}): pip install boom-model")
        return ()

@hookimpl
def brandlint_rule_kinds():
    return [Boom]
"""


def test_an_error_raised_in_a_worker_reads_like_one_raised_in_process(tmp_path, monkeypatch):
    write(tmp_path / "plugins" / "boom.py", BOOM_PLUGIN)
    write(tmp_path / "rules" / "house" / "boom.toml", 'kind = "boom"\n')
    monkeypatch.setenv("BRANDLINT_TRUST", str(tmp_path))  # the user trusts this project (docs/security.md)
    write(tmp_path / "brandlint.toml", 'packs = ["rules/house"]\nplugin-paths = ["plugins"]\n')
    for i in range(12):
        write(
            tmp_path / "docs" / f"p{i:02d}.md",
            f"# P{i}\n\n" + "calm words here " * 600 + ("BOOM\n" if i == 7 else "\n"),
        )
    one = run(tmp_path, "--jobs", "1")
    two = run(tmp_path, "--jobs", "2")
    msg = "error: the boom model is not installed (docs/p07.md): pip install boom-model\n"
    assert (one.returncode, one.stderr) == (2, msg)
    assert (two.returncode, two.stderr) == (2, msg)
    assert "Traceback" not in two.stderr


def test_fix_with_jobs_writes_the_same_files_as_jobs_1(tmp_path, monkeypatch):
    from brandlint.fixing import fix_paths
    from brandlint.pipeline import RunOptions, runners

    a, b = tmp_path / "a", tmp_path / "b"
    make_corpus(a, n_md=10, words=400)
    shutil.copytree(a, b)
    one = run_cli("fix", "--jobs", "1", "--show-fixes", cwd=a)
    monkeypatch.setattr(runners, "POOL_MIN_FILES", 1)
    monkeypatch.setattr(runners, "POOL_MIN_BYTES_LEXICAL", 0)
    run = fix_paths([b], RunOptions(cwd=b, jobs=2))
    outcomes = list(run)
    assert run.stats.workers == 2
    changed = sorted(str(o.path.relative_to(b)) for o in outcomes if o.written)
    assert len(changed) == 13  # 10 pages, ui.json, records.jsonl, notes.txt
    for rel in sorted(p.relative_to(a) for p in (a / "docs").rglob("*") if p.is_file()):
        assert (b / rel).read_bytes() == (a / rel).read_bytes(), rel
    assert "Fixed " in one.stderr and one.returncode == 1
    # and through the CLI with the default job count: a second run has nothing left to fix
    again = run_cli("fix", "--show-fixes", cwd=b)
    assert "No findings fixed." in again.stderr


# ------------------------------------------------------------------------------- progress bar


def test_progress_bar_appears_only_after_the_delay_and_is_transient():
    from rich.console import Console

    from brandlint.commands.progress import ProgressBar

    now = [100.0]
    buf = io.StringIO()
    bar = ProgressBar(delay=2.0, console=Console(file=buf, force_terminal=True, width=100), clock=lambda: now[0])
    bar(1, 10)
    now[0] += 1.0
    bar(2, 10)
    assert bar.bar is None and buf.getvalue() == ""  # a run shorter than the delay shows nothing
    now[0] += 1.5
    bar(3, 10)
    assert bar.bar is not None
    bar(7, 10)
    bar.bar.refresh()
    import re

    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", buf.getvalue())
    assert "Linting" in shown and " 7/10 files" in shown and " 0/10 " not in shown
    bar.close()
    assert bar.bar is None


def test_progress_bar_never_shows_for_a_run_that_is_already_done():
    from brandlint.commands.progress import ProgressBar

    now = [0.0]
    bar = ProgressBar(delay=0.0, clock=lambda: now[0])
    bar(5, 5)
    assert bar.bar is None


def test_progress_wanted_only_on_a_terminal_outside_ci(monkeypatch):
    from brandlint.commands.progress import progress_wanted

    master, slave = pty.openpty()
    try:
        with os.fdopen(os.dup(slave), "w") as tty:
            monkeypatch.delenv("CI", raising=False)
            monkeypatch.setenv("TERM", "xterm")
            assert progress_wanted(tty) is True
            for value in ("true", "1", "yes"):
                monkeypatch.setenv("CI", value)
                assert progress_wanted(tty) is False
            monkeypatch.setenv("CI", "false")
            assert progress_wanted(tty) is True
            monkeypatch.setenv("TERM", "dumb")
            assert progress_wanted(tty) is False
    finally:
        os.close(master)
        os.close(slave)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert progress_wanted(io.StringIO()) is False  # piped / captured


def test_cli_prints_no_progress_into_a_pipe_or_in_ci(corpus):
    proc = run(corpus, "--jobs", "2", "--output-format", "json")
    assert "Linting" not in proc.stderr and "\x1b[" not in proc.stderr
    # stderr on a terminal, but CI is set: still nothing (and the report on stdout is untouched)
    master, slave = pty.openpty()
    env = dict(os.environ, CI="true", NO_COLOR="1")
    p = subprocess.Popen(
        [sys.executable, "-m", "brandlint", "check", "--no-cache", "--jobs", "2", "docs/blog"],
        cwd=corpus,
        stdout=subprocess.PIPE,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    out, _ = p.communicate(timeout=120)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert b"Linting" not in b"".join(chunks)
    assert out.decode().startswith("docs/blog/")
