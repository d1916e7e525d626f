"""The shapes of a corpus run: what is asked (:class:`CorpusRequest`), a unit of work
(:class:`RangeTask`), what one range did (:class:`RangeOutcome`) and the whole run (:class:`CorpusReport`)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from ..errors import BrandlintError
from ..findings import Severity
from ..fixing.curate import CurateCounts
from ..pipeline import RunOptions
from ..plugins.protocols import CorpusEngine
from ..textutil import plural

__all__ = [
    "DEFAULT_CHUNK_BYTES",
    "MIN_CHUNK_BYTES",
    "RANGES_PER_WORKER",
    "CorpusReport",
    "CorpusRequest",
    "RangeOutcome",
    "RangeTask",
    "chunk_bytes_for",
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
