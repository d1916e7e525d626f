"""Working on ranges of JSONL files: plan them, count and place them, read one, lint or
split one and write its shard (atomically, under its own name)."""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from ..documents.jsonl_lines import LineBases, count_bases
from ..fileio import atomic_stream
from ..findings import Finding
from ..fixing.curate import CurateCounts, curate_lines
from ..pipeline import RecordLinter, RecordResult, RunOptions
from .model import DEFAULT_CHUNK_BYTES, CorpusRequest, RangeOutcome, RangeTask

__all__ = ["count_range", "finding_row", "linter_for", "place_tasks", "plan_tasks", "read_range", "work_range"]


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
