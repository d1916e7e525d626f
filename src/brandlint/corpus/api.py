"""Corpus runs from Python: ``check_corpus`` and ``filter_corpus`` (what ``check --engine``
and ``filter --engine`` do), and the files of a run."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..errors import BrandlintError
from ..fileio import write_atomic
from ..findings import Severity
from ..pipeline import RunOptions, discover
from .model import CorpusReport, CorpusRequest

__all__ = ["check_corpus", "corpus_files", "filter_corpus", "run_corpus"]


def corpus_files(paths: Iterable[str | Path], options: RunOptions, *, outputs: Iterable[Path] = ()) -> list[Path]:
    """JSONL files named, or found in folders, in discovery order. Other files found in a folder
    are skipped (one named is an error); files inside an ``outputs`` folder are never inputs."""
    outs = [Path(o).resolve() for o in outputs]
    files: list[Path] = []
    for f, settings, explicit in discover(paths, options):
        inside = next((o for o in outs if f.resolve().is_relative_to(o)), None)
        if inside is not None:
            if explicit:
                raise BrandlintError(f"{f}: is in the output folder {inside}; choose another output folder")
            continue  # a previous run's output
        if not f.is_file():
            raise BrandlintError(f"{f}: no such file")
        fmt = settings.registry.format_for(str(f))
        if fmt is None or fmt.name != "jsonl":
            if explicit:
                raise BrandlintError(
                    f"{f}: not a JSONL file (.jsonl, .ndjson): filter and --engine work on records of JSONL files"
                )
            continue
        files.append(f)
    if not files:
        raise BrandlintError(f"no JSONL files in {', '.join(str(p) for p in paths)}")
    return files


def run_corpus(request: CorpusRequest) -> CorpusReport:
    """Run a request on its engine; a ``check`` also writes ``summary.json`` next to its shards."""
    engine = request.engine()
    if request.mode == "check":
        assert request.out_dir is not None
        report = engine.check_corpus(request)
        data = json.dumps(report.to_json(), indent=2).encode() + b"\n"
        write_atomic(request.out_dir / "summary.json", data)
        return report
    return engine.filter_corpus(request)


def _options(config: str | Path | None, select: Iterable[str], ignore: Iterable[str]) -> RunOptions:
    return RunOptions(
        config=Path(config).resolve() if config else None, select=tuple(select), ignore=tuple(ignore), cwd=Path.cwd()
    )


def check_corpus(
    paths: Iterable[str | Path],
    *,
    engine: str = "ray",
    findings_dir: str | Path = "brandlint-findings",
    address: str | None = None,
    workers: int = 0,
    config: str | Path | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    chunk_bytes: int = 0,
) -> CorpusReport:
    """``brandlint check PATHS --engine ENGINE`` from Python: findings shards and
    ``summary.json`` in ``findings_dir``; returns the summary."""
    paths = list(paths)
    opts = _options(config, select, ignore)
    out = Path(findings_dir).resolve()
    files = corpus_files(paths, opts, outputs=[out])
    severity = opts.settings_for(Path.cwd()).fail_on
    request = CorpusRequest("check", files, opts, engine, out_dir=out, severity=severity, address=address,
                            workers=workers, chunk_bytes=chunk_bytes)  # fmt: skip
    return run_corpus(request)


def filter_corpus(
    paths: Iterable[str | Path],
    *,
    passed: str | Path | None = None,
    failed: str | Path | None = None,
    severity: Severity | str | None = None,
    fix: bool = False,
    unsafe: bool = False,
    engine: str = "ray",
    address: str | None = None,
    workers: int = 0,
    config: str | Path | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    chunk_bytes: int = 0,
) -> CorpusReport:
    """``brandlint filter PATHS --engine ENGINE`` from Python: records in shards in the
    ``passed`` and ``failed`` folders; returns the summary."""
    if passed is None and failed is None:
        raise BrandlintError("nothing to write: give passed, failed or both")
    paths = list(paths)
    opts = _options(config, select, ignore)
    outs = [Path(p).resolve() for p in (passed, failed) if p is not None]
    files = corpus_files(paths, opts, outputs=outs)
    sev = Severity.parse(severity) if isinstance(severity, str) else severity
    request = CorpusRequest(
        "filter", files, opts, engine,
        passed=Path(passed).resolve() if passed is not None else None,
        failed=Path(failed).resolve() if failed is not None else None,
        severity=sev or opts.settings_for(Path.cwd()).fail_on,
        fix=fix, unsafe=unsafe, address=address, workers=workers, chunk_bytes=chunk_bytes,
    )  # fmt: skip
    return run_corpus(request)
