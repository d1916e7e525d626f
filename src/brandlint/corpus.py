"""Corpora on a cluster engine (``check --engine NAME``, ``filter --engine NAME``): the
engine-neutral pieces, so an engine plugin (``brandlint_ray``) only schedules work.

1. :func:`plan_tasks` cuts each JSONL file into byte ranges that start and end at line
   breaks (a few reads per range; nothing is parsed);
2. :func:`count_range` says how many lines, code points, bytes and records a range holds;
   :func:`place_tasks` adds them up, so each range knows where it starts in its file;
3. :func:`work_range` lints (``check``) or splits (``filter``) one range and writes its
   output shard: a file named after the range (``findings-00000-000003.jsonl``), written
   through a temporary file and a rename. A retried range writes the same file again, so a
   worker that dies mid-run loses nothing and duplicates nothing;
4. the engine adds up the :class:`RangeOutcome` rows into a :class:`CorpusReport`.

Findings shards hold one JSON object per active finding (:func:`finding_row`): path, record,
line, JSON pointer, rule, severity, span, message. Concatenating the shards in name order
lists the findings in file and record order; filter shards concatenated in name order are the
records in input order.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from .documents.jsonl_lines import LineBases, count_bases
from .errors import BrandlintError
from .fileio import atomic_stream
from .findings import Finding, Severity
from .fixing.curate import CurateCounts, curate_lines
from .pipeline import RecordLinter, RecordResult, RunOptions
from .plugins.protocols import CorpusEngine
from .textutil import plural

__all__ = [
    "DEFAULT_CHUNK_BYTES",
    "MIN_CHUNK_BYTES",
    "chunk_bytes_for",
    "CorpusReport",
    "CorpusRequest",
    "RangeOutcome",
    "RangeTask",
    "count_range",
    "finding_row",
    "linter_for",
    "place_tasks",
    "plan_tasks",
    "read_range",
    "work_range",
]

#: the most bytes of JSONL per range (a unit of work, of retry, and an output shard): ~1k model
#: answers, a few minutes of one core with the default packs
DEFAULT_CHUNK_BYTES = 2 << 20
#: the fewest, unless asked (a range should outlast its scheduling by far)
MIN_CHUNK_BYTES = 64 << 10
#: ranges per worker when the size is chosen: enough to even out uneven ranges
RANGES_PER_WORKER = 4


def chunk_bytes_for(files: list[Path], workers: int) -> int:
    """Range size for ``workers``: about :data:`RANGES_PER_WORKER` ranges each, between
    :data:`MIN_CHUNK_BYTES` and :data:`DEFAULT_CHUNK_BYTES`."""
    total = sum(f.stat().st_size for f in files)
    return max(MIN_CHUNK_BYTES, min(DEFAULT_CHUNK_BYTES, total // max(1, workers * RANGES_PER_WORKER) + 1))


@dataclass
class CorpusRequest:
    """What to do with which files: ``mode`` is ``check`` (findings shards in ``out_dir``) or
    ``filter`` (records split into shards in ``passed`` / ``failed``)."""

    mode: str
    files: list[Path]
    options: RunOptions
    engine_name: str
    out_dir: Path | None = None
    passed: Path | None = None
    failed: Path | None = None
    severity: Severity = Severity.WARNING
    fix: bool = False
    unsafe: bool = False
    address: str | None = None
    workers: int = 0  # 0: one per CPU of the cluster
    chunk_bytes: int = 0  # 0: chosen by size and workers (chunk_bytes_for)

    def engine(self) -> CorpusEngine:
        """The engine ``engine_name`` names (a plugin's runner with the corpus capability)."""
        settings = self.options.settings_for(self.files[0])
        factory = settings.registry.runners.get(self.engine_name)
        if factory is None:
            names = sorted(n for n in settings.registry.runners)
            raise BrandlintError(
                f"unknown engine {self.engine_name!r}: installed engines: {', '.join(names) or 'none'} "
                "(the Ray engine: pip install 'brandlint[ray]')"
            )
        runner = factory(self.workers)
        if not isinstance(runner, CorpusEngine):
            raise BrandlintError(f"the runner {self.engine_name!r} cannot lint corpora of records (no check_corpus)")
        return runner


@dataclass(frozen=True)
class RangeTask:
    """Bytes ``[start, end)`` of ``files[file]``: range number ``chunk`` of that file, which
    starts at ``bases`` (line, code-point offset, byte offset, record) once placed."""

    file: int
    chunk: int
    path: str  # absolute: read here, and decides the rule set
    start: int
    end: int
    bases: tuple[int, int, int, int] = (0, 0, 0, 0)
    shown: str = ""  # the path findings name (as given on the command line)

    @property
    def shard(self) -> str:
        return f"{self.file:05d}-{self.chunk:06d}"


def plan_tasks(files: list[Path], chunk_bytes: int = DEFAULT_CHUNK_BYTES) -> list[RangeTask]:
    """Cut every file into ranges of about ``chunk_bytes`` ending just after a line feed."""
    tasks: list[RangeTask] = []
    for i, f in enumerate(files):
        size = f.stat().st_size
        cuts = [0]
        with open(f, "rb") as fh:
            while cuts[-1] < size:
                at = cuts[-1] + max(1, chunk_bytes)
                if at >= size:
                    cuts.append(size)
                    break
                fh.seek(at - 1)
                fh.readline()  # to just after the next LF (or the end)
                cuts.append(min(fh.tell(), size))
        path, shown = str(f.resolve()), str(f)
        for j, (a, b) in enumerate(zip(cuts, cuts[1:])):
            tasks.append(RangeTask(i, j, path, a, b, shown=shown))
        if size == 0:
            tasks.append(RangeTask(i, 0, path, 0, 0, shown=shown))
    return tasks


def read_range(path: str, start: int, end: int) -> Iterator[bytes]:
    """The raw lines of bytes ``[start, end)`` (a range from :func:`plan_tasks`)."""
    with open(path, "rb") as fh:
        fh.seek(start)
        left = end - start
        while left > 0:
            line = fh.readline(left)
            if not line:
                break
            left -= len(line)
            yield line


def count_range(task: RangeTask) -> tuple[int, int, int, int]:
    """How far the range moves the bases (lines, code points, bytes, records)."""
    return count_bases(read_range(task.path, task.start, task.end), file_start=task.start == 0).as_tuple()


def place_tasks(tasks: list[RangeTask], counts: list[tuple[int, int, int, int]]) -> list[RangeTask]:
    """Each task with the bases it starts at: the sums of the counts before it in its file."""
    out: list[RangeTask] = []
    run: dict[int, tuple[int, int, int, int]] = {}
    for t, c in zip(tasks, counts):
        b = run.get(t.file, (0, 0, 0, 0))
        out.append(RangeTask(t.file, t.chunk, t.path, t.start, t.end, b, t.shown))
        run[t.file] = (b[0] + c[0], b[1] + c[1], b[2] + c[2], b[3] + c[3])
    return out


def finding_row(r: RecordResult, f: Finding) -> dict[str, Any]:
    """One line of a findings shard."""
    s, e = f.span.start, f.span.end
    return {
        "path": f.path,
        "record": r.record,
        "line": r.line,
        "pointer": f.json_pointer,
        "rule": f.rule_id,
        "severity": str(f.severity),
        "span": {
            "start": {"line": s.line, "column": s.column, "offset": s.offset, "byte_offset": s.byte_offset},
            "end": {"line": e.line, "column": e.column, "offset": e.offset, "byte_offset": e.byte_offset},
        },
        "message": f.message,
        "fixable": f.fix is not None,
    }


@dataclass
class RangeOutcome:
    """What one range did (small: it travels back to the driver)."""

    shard: str
    records: int = 0
    words: int = 0
    passed: int = 0
    failed: int = 0
    fixed: int = 0
    fixes: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    by_rule: dict[str, int] = field(default_factory=dict)
    parse_s: float = 0.0
    rules_s: float = 0.0
    io_s: float = 0.0
    total_s: float = 0.0
    pid: int = 0
    load_s: float = 0.0  # the worker's start: settings, rules and models loaded (its first range only)
    rss_kb: int = 0  # the worker's peak resident memory so far

    def as_row(self) -> dict[str, Any]:
        return {k: (json.dumps(v) if isinstance(v, dict) else v) for k, v in asdict(self).items()}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> RangeOutcome:
        """From :meth:`as_row`'s shape (values may be numpy scalars after a dataframe engine)."""
        conv: dict[str, Any] = {"int": int, "float": float, "str": str}
        return cls(
            **{
                f.name: json.loads(str(row[f.name])) if f.type.startswith("dict") else conv[f.type](row[f.name])
                for f in fields(cls)
                if isinstance(f.type, str)
            }
        )


def linter_for(options: RunOptions, task: RangeTask, cache: dict[str, RecordLinter]) -> RecordLinter:
    """The worker's :class:`RecordLinter` for the task's file (made once per file and worker)."""
    linter = cache.get(task.path)
    if linter is None:
        linter = cache[task.path] = RecordLinter(options.settings_for(task.path), task.path, shown=task.shown)
    return linter


def work_range(task: RangeTask, request: CorpusRequest, linters: dict[str, RecordLinter]) -> RangeOutcome:
    """Lint or split one placed range and write its shard(s); ``linters`` is the worker's own
    cache (one :class:`RecordLinter` per file: settings, engine and models loaded once)."""
    t0 = time.perf_counter()
    linter = linter_for(request.options, task, linters)
    linter.timings.parse = linter.timings.rules = 0.0
    out = RangeOutcome(task.shard, pid=os.getpid())
    bases = LineBases(*task.bases)
    lines = read_range(task.path, task.start, task.end)
    first = task.start == 0
    if request.mode == "check":
        assert request.out_dir is not None
        sev: Counter[str] = Counter()
        rules: Counter[str] = Counter()
        with atomic_stream(request.out_dir / f"findings-{task.shard}.jsonl", fsync=False) as fh:
            for r in linter.lint_lines(lines, bases, file_start=first):
                out.records += 1
                out.words += r.words
                for f in r.active:
                    sev[str(f.severity)] += 1
                    rules[f.rule_id] += 1
                    fh.write(json.dumps(finding_row(r, f), ensure_ascii=False).encode("utf-8") + b"\n")
        out.by_severity, out.by_rule = dict(sev), dict(rules)
    else:
        with (
            atomic_stream(request.passed / f"part-{task.shard}.jsonl", fsync=False)
            if request.passed
            else nullcontext() as p,
            atomic_stream(request.failed / f"part-{task.shard}.jsonl", fsync=False)
            if request.failed
            else nullcontext() as q,
        ):
            c: CurateCounts = curate_lines(
                linter,
                lines,
                bases=bases,
                file_start=first,
                severity=request.severity,
                passed=p.write if p else None,
                failed=q.write if q else None,
                fix=request.fix,
                unsafe=request.unsafe,
            )
        out.records, out.passed, out.failed, out.fixed, out.fixes = c.records, c.passed, c.failed, c.fixed, c.fixes
    out.parse_s, out.rules_s = linter.timings.parse, linter.timings.rules
    out.total_s = time.perf_counter() - t0
    out.io_s = max(0.0, out.total_s - out.parse_s - out.rules_s)
    return out


@dataclass
class CorpusReport:
    """A corpus run, added up from its ranges (plus what the engine measured itself)."""

    files: int = 0
    ranges: int = 0
    records: int = 0
    words: int = 0
    passed: int = 0
    failed: int = 0
    fixed: int = 0
    fixes: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    parse_s: float = 0.0
    rules_s: float = 0.0
    io_s: float = 0.0
    workers: int = 0
    worker_pids: set[int] = field(default_factory=set)
    worker_load_s: list[float] = field(default_factory=list)  # per worker start (models loaded)
    peak_rss_kb: dict[int, int] = field(default_factory=dict)  # per worker process
    startup_s: float = 0.0  # the engine's own start (a local cluster) and planning
    wall_s: float = 0.0
    severity: Severity = Severity.WARNING
    out: str = ""

    def add(self, o: RangeOutcome) -> None:
        self.ranges += 1
        self.records += o.records
        self.words += o.words
        self.passed += o.passed
        self.failed += o.failed
        self.fixed += o.fixed
        self.fixes += o.fixes
        self.by_severity.update(o.by_severity)
        self.by_rule.update(o.by_rule)
        self.parse_s += o.parse_s
        self.rules_s += o.rules_s
        self.io_s += o.io_s
        self.worker_pids.add(o.pid)
        if o.load_s:
            self.worker_load_s.append(o.load_s)
        self.peak_rss_kb[o.pid] = max(self.peak_rss_kb.get(o.pid, 0), o.rss_kb)

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    def check_line(self) -> str:
        where = f"{plural(self.records, 'record')} of {plural(self.files, 'file')}"
        if not self.findings:
            return f"All checks passed ({where} checked)."
        parts = [plural(self.by_severity[s], s) for s in ("error", "warning", "info") if self.by_severity[s]]
        return f"Found {plural(self.findings, 'finding')} ({', '.join(parts)}) in {where}; findings in {self.out}/."

    def filter_line(self) -> str:
        c = CurateCounts(self.records, self.passed, self.failed, self.fixed, self.fixes)
        return f"{c.line(self.severity)} ({plural(self.files, 'file')}, {plural(self.ranges, 'shard')})."

    def timing_line(self) -> str:
        load = max(self.worker_load_s, default=0.0)
        rss = max(self.peak_rss_kb.values(), default=0) / 1024
        return (
            f"engine: {plural(self.workers, 'worker')}, start {self.startup_s:.1f} s, worker start and model "
            f"load up to {load:.1f} s, wall {self.wall_s:.1f} s; in workers: parse {self.parse_s:.1f} s, "
            f"rules {self.rules_s:.1f} s, I/O and other {self.io_s:.1f} s; peak memory per worker {rss:.0f} MiB"
        )

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)  # Counters and sets by hand: asdict rebuilds them from item pairs
        d["by_severity"], d["by_rule"] = dict(self.by_severity), dict(self.by_rule.most_common())
        d["worker_pids"] = sorted(self.worker_pids)
        d["peak_rss_kb"] = {str(k): v for k, v in self.peak_rss_kb.items()}
        d["severity"] = str(self.severity)
        d["findings"] = self.findings
        return d
