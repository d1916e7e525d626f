"""Runners: one interface for where a run's work happens (this process, a process pool, a
plugin's runner), results always in input order, statistics returned with each run."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import write

from brandlint.errors import BrandlintError
from brandlint.pipeline import RunOptions, WorkItem, lint_paths
from brandlint.pipeline.pool import CHUNK_FILES, chunks

# A plugin runner that works in this process, in reverse order (the pipeline must restore the
# input order), and says how many items it was given.
RUNNER_PLUGIN = """
from brandlint.plugins import hookimpl

SEEN = []


class Backwards:
    name = "backwards"
    workers = 0

    def __init__(self, jobs):
        self.jobs = jobs

    def run(self, job, items):
        SEEN.append((self.jobs, [str(i.path.name) for i in items]))
        for item in reversed(items):
            yield item, job.work(item.path, item.settings)


@hookimpl
def brandlint_runners():
    return {"backwards": Backwards}
"""


@pytest.fixture()
def project(tmp_path: Path, monkeypatch) -> Path:
    write(tmp_path / "rules" / "house" / "email.toml", 'kind = "substitution"\n[swap]\n"e-mail" = "email"\n')
    write(tmp_path / "plugins" / "backwards.py", RUNNER_PLUGIN)
    monkeypatch.setenv("BRANDLINT_TRUST", str(tmp_path))  # the user trusts this project (docs/security.md)
    write(tmp_path / "brandlint.toml", 'packs = ["rules/house"]\nplugin-paths = ["plugins"]\n')
    for i in range(5):
        write(tmp_path / "docs" / f"p{i}.md", "An e-mail.\n" * (i + 1))
    write(tmp_path / "docs" / "notes.rst", "not linted\n")
    return tmp_path


def test_a_plugin_runner_gives_the_serial_output_in_input_order(project):
    serial = lint_paths([project / "docs"], options=RunOptions(cwd=project, jobs=1))
    expected = list(serial)
    run = lint_paths([project / "docs"], options=RunOptions(cwd=project, jobs=3, runner="backwards"))
    assert list(run) == expected
    assert [Path(r.path).name for r in expected] == ["p0.md", "p1.md", "p2.md", "p3.md", "p4.md"]
    assert [len(r.findings) for r in expected] == [1, 2, 3, 4, 5]
    assert (run.stats.runner, run.stats.files, run.stats.here, run.stats.workers) == ("backwards", 5, 5, 0)
    assert (serial.stats.runner, serial.stats.files, serial.stats.here) == ("serial", 5, 5)
    plugin = __import__("brandlint_local_plugin_backwards")
    assert plugin.SEEN[-1] == (3, ["p0.md", "p1.md", "p2.md", "p3.md", "p4.md"])


def test_built_in_runners_by_name_and_an_unknown_one(project):
    opts = RunOptions(cwd=project, jobs=2, runner="process")
    run = lint_paths([project / "docs"], options=opts)
    results = list(run)
    assert (run.stats.runner, run.stats.workers, run.stats.in_workers) == ("process", 2, 5)
    assert results == list(lint_paths([project / "docs"], options=RunOptions(cwd=project, runner="serial")))
    with pytest.raises(BrandlintError) as exc:
        list(lint_paths([project / "docs"], options=RunOptions(cwd=project, runner="nosuch")))
    assert str(exc.value) == (
        "unknown runner 'nosuch': choose from backwards, process, ray, serial (plugins add runners; see `brandlint plugins`)"
    )


def test_chunks_put_the_largest_files_first_and_every_file_once():
    sizes = [5, 900, 3, 3, 3, 40, 1000, 2, 2, 2] + [1] * 100
    items = [WorkItem(i, Path(f"f{i}.md"), None, s) for i, s in enumerate(sizes)]  # type: ignore[arg-type]
    got = chunks(items, workers=2)
    flat = [t.index for c in got for t in c]
    assert sorted(flat) == list(range(len(sizes)))
    assert got[0] == [items[6]] and got[1] == [items[1]]  # the two large files alone, largest first
    assert all(len(c) <= CHUNK_FILES for c in got)
    assert len(got) < len(items) // 4  # small files travel together


def test_default_jobs_are_the_idle_cpus_and_never_fewer_than_one():
    from brandlint.pipeline.options import effective_jobs, usable_cpus

    cpus = usable_cpus()
    assert effective_jobs(3, load=100.0) == 3  # an explicit number is kept
    assert effective_jobs(None, load=0.0) == effective_jobs(0, load=0.0) == cpus
    assert effective_jobs(None, load=cpus + 5.0) == 1
    assert effective_jobs(None, load=cpus - 1.0) == 1
    if cpus >= 4:
        assert effective_jobs(None, load=1.2) == cpus - 1
    assert 1 <= effective_jobs(None) <= cpus
