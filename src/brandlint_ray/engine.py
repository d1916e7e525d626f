"""The Ray engine: brandlint's corpus work (:mod:`brandlint.corpus`) scheduled with Ray Data.

1. plan: each JSONL file is cut into byte ranges at line breaks (driver, a few reads each);
2. place: a Ray Data ``map`` counts lines, code points, bytes and records of every range (read
   where it runs), and the driver adds them up, so each range knows where it starts;
3. work: ``map_batches`` over an actor pool (:class:`RangeWorker`, one CPU each) lints or
   splits one range per call and writes its shard; each actor loads the config, rules, spaCy
   and ONNX models once, when it starts. Ray restarts an actor that dies and retries its range:
   a shard is written through a temporary file and a rename under a name of its own, so the
   retry replaces it whole (nothing lost, nothing twice);
4. the driver adds up the small per-range outcomes into the summary.

Without ``address`` a local Ray runtime is started (and stopped afterwards); with it, the run
joins that cluster, whose nodes must have brandlint (and the plugins the config uses) installed
and see the input and output paths (a shared file system).
"""

from __future__ import annotations

import logging
import resource
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import ray
import ray.data

from brandlint.corpus import (
    CorpusReport,
    CorpusRequest,
    RangeOutcome,
    RangeTask,
    chunk_bytes_for,
    count_range,
    linter_for,
    place_tasks,
    plan_tasks,
    work_range,
)
from brandlint.errors import BrandlintError
from brandlint.pipeline import RecordLinter
from brandlint.plugins.protocols import FileJob, WorkItem

__all__ = ["RangeWorker", "RayEngine"]

_SHARD_GLOBS = {"check": ("findings-*.jsonl",), "filter": ("part-*.jsonl",)}


def _row(t: RangeTask) -> dict[str, Any]:
    line, offset, byte, record = t.bases
    return {
        "file": t.file,
        "chunk": t.chunk,
        "path": t.path,
        "shown": t.shown,
        "start": t.start,
        "end": t.end,
        "b_line": line,
        "b_offset": offset,
        "b_byte": byte,
        "b_record": record,
    }


def _task(row: dict[str, Any]) -> RangeTask:
    bases = (int(row["b_line"]), int(row["b_offset"]), int(row["b_byte"]), int(row["b_record"]))
    return RangeTask(
        int(row["file"]),
        int(row["chunk"]),
        str(row["path"]),
        int(row["start"]),
        int(row["end"]),
        bases,
        str(row["shown"]),
    )


def _count_row(row: dict[str, Any]) -> dict[str, Any]:
    line, offset, byte, record = count_range(_task(row))
    return {"file": row["file"], "chunk": row["chunk"], "line": line, "offset": offset, "byte": byte, "record": record}


class RangeWorker:
    """An actor of the pool: loads settings, rules and models once, then works range by range."""

    def __init__(self, request: CorpusRequest, first: dict[str, Any]) -> None:
        t0 = time.perf_counter()
        self.request = request
        self.linters: dict[str, RecordLinter] = {}
        linter_for(request.options, _task(first), self.linters).warm_up()  # spaCy, ONNX: now, once
        self.load_s = time.perf_counter() - t0

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        rows = []
        n = len(batch["path"])
        for i in range(n):
            out: RangeOutcome = work_range(_task({k: v[i] for k, v in batch.items()}), self.request, self.linters)
            out.load_s, self.load_s = self.load_s, 0.0  # reported with the worker's first range
            out.rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            rows.append(out.as_row())
        return {k: [r[k] for r in rows] for k in rows[0]} if rows else {}


def _connect(address: str | None, cpus: int) -> bool:
    """Join ``address`` or start a local runtime (``cpus``: 0 all); True when started here."""
    if ray.is_initialized():
        return False
    kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.WARNING}
    try:
        if address:
            ray.init(address=address, **kwargs)
        else:
            ray.init(num_cpus=cpus or None, **kwargs)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = f"the Ray cluster at {address}" if address else "a local Ray runtime"
        raise BrandlintError(f"cannot start or join {where}: {exc}") from None
    return True


def _quiet_data() -> None:
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)


def _clear_shards(folder: Path, patterns: Sequence[str], *, partial_only: bool = False) -> None:
    """Remove a previous run's shards (only brandlint's names) so the folder holds this run's,
    and shards half-written by a worker that died (``.NAME.PID.RANDOM.tmp``); ``partial_only``:
    only those (at the end of a run)."""
    folder.mkdir(parents=True, exist_ok=True)
    for pattern in patterns:
        for old in [*folder.glob(f".{pattern}.*.tmp"), *([] if partial_only else folder.glob(pattern))]:
            old.unlink(missing_ok=True)


class RayEngine:
    """The ``ray`` runner: corpora range by range (:meth:`check_corpus`, :meth:`filter_corpus`)
    and, through the :class:`~brandlint.plugins.protocols.Runner` interface, any run file by file."""

    name = "ray"

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.workers = 0

    # ---------------------------------------------------------------------------------------
    # Corpora

    def check_corpus(self, request: CorpusRequest) -> CorpusReport:
        return self._corpus(request)

    def filter_corpus(self, request: CorpusRequest) -> CorpusReport:
        return self._corpus(request)

    def _corpus(self, request: CorpusRequest) -> CorpusReport:
        t0 = time.perf_counter()
        folders = [request.out_dir] if request.mode == "check" else [request.passed, request.failed]
        for folder in folders:
            if folder is not None:
                _clear_shards(folder, _SHARD_GLOBS[request.mode])
        started = _connect(request.address, request.workers or self.jobs)
        try:
            _quiet_data()
            cpus = int(ray.cluster_resources().get("CPU", 1))
            wanted = max(1, min(request.workers or self.jobs or cpus, cpus))
            tasks = plan_tasks(request.files, request.chunk_bytes or chunk_bytes_for(request.files, wanted))
            counted = (
                ray.data.from_items([_row(t) for t in tasks], override_num_blocks=max(1, min(len(tasks), 256)))
                .map(_count_row)
                .take_all()
            )
            counts = {
                (int(r["file"]), int(r["chunk"])): (r["line"], r["offset"], r["byte"], r["record"]) for r in counted
            }
            placed = place_tasks(tasks, [tuple(int(x) for x in counts[(t.file, t.chunk)]) for t in tasks])  # type: ignore[misc]
            self.workers = min(wanted, len(placed))
            report = CorpusReport(files=len(request.files), severity=request.severity, workers=self.workers)
            report.out = str(request.out_dir or "")
            report.startup_s = time.perf_counter() - t0
            ds = ray.data.from_items([_row(t) for t in placed], override_num_blocks=len(placed)).map_batches(
                RangeWorker,
                fn_constructor_kwargs={"request": request, "first": _row(placed[0])},
                batch_size=1,
                compute=ray.data.ActorPoolStrategy(size=self.workers, max_tasks_in_flight_per_actor=1),
                num_cpus=1,
            )
            for row in ds.iter_rows():
                report.add(RangeOutcome.from_row(row))
            for folder in folders:  # a worker killed mid-range leaves its temporary file behind
                if folder is not None:
                    _clear_shards(folder, _SHARD_GLOBS[request.mode], partial_only=True)
            report.wall_s = time.perf_counter() - t0
            return report
        finally:
            if started:
                ray.shutdown()

    # ---------------------------------------------------------------------------------------
    # Any run, file by file (the Runner interface: RunOptions(runner="ray"))

    def run(self, job: FileJob, items: Sequence[WorkItem]) -> Iterator[tuple[WorkItem, Any]]:
        if not items:
            return iter(())
        started = _connect(None, self.jobs)  # the runtime this process joined, $RAY_ADDRESS, or a local one
        self.workers = max(1, min(self.jobs or int(ray.cluster_resources().get("CPU", 1)), len(items)))
        return self._results(job, items, started)

    def _results(self, job: FileJob, items: Sequence[WorkItem], started: bool) -> Iterator[tuple[WorkItem, Any]]:
        try:
            work = ray.remote(num_cpus=1, max_retries=3)(_work_file)
            job_ref = ray.put(job)
            pending = {work.remote(job_ref, str(item.path)): item for item in items}
            while pending:
                done, _ = ray.wait(list(pending), num_returns=1)
                for ref in done:
                    yield pending.pop(ref), ray.get(ref)
        finally:
            if started:
                ray.shutdown()


def _work_file(job: FileJob, path: str) -> Any:
    p = Path(path)
    return job.work(p, job.options.settings_for(p))
