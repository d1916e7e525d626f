"""The fault suite's register: each test declares the fault it builds, what brandlint does,
the bytes lost and the exit code; the test asserts them, and docs/security.md's table is
rendered from this register (tests/faults/test_table.py), so the table cannot drift."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Fault:
    key: str
    fault: str  # the hostile input or event
    happens: str  # what brandlint does
    exit: int | str  # exit code of the command that meets it
    lost: str = "0"  # bytes lost (asserted: every file is its original or its fixed version)


FAULTS: dict[str, Fault] = {}


def fault(key: str, fault: str, happens: str, exit: int | str, lost: str = "0") -> Callable:
    """Register a fault; decorates the test that builds it."""
    FAULTS[key] = Fault(key, fault, happens, exit, lost)

    def deco(fn: Callable) -> Callable:
        fn.fault = FAULTS[key]  # type: ignore[attr-defined]
        return fn

    return deco


def env(**extra: str) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith("BRANDLINT_")}
    e.update({"NO_COLOR": "1", "BRANDLINT_TRUST_FILE": os.devnull, "PYTHONUTF8": "1"})
    e.update(extra)
    return e


def brandlint(*args: str, cwd: Path, timeout: float = 60, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "brandlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env(**extra),
        timeout=timeout,
    )


def expect(key: str, r: subprocess.CompletedProcess, *, verbose: bool = False) -> None:
    """The declared exit code, and never a traceback (unless asked for with ``-v``)."""
    want = FAULTS[key].exit
    assert "Traceback" not in r.stdout, r.stdout[-3000:]
    assert verbose or "Traceback" not in r.stderr, r.stderr[-3000:]
    if isinstance(want, int):
        assert r.returncode == want, (r.returncode, r.stdout[-2000:], r.stderr[-2000:])


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def temps(files: Iterable[Path]) -> list[str]:
    """Temporary files (of atomic writes) next to ``files``."""
    dirs = {f.parent for f in files}
    return sorted(p.name for d in dirs for p in d.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp"))


def assert_whole(
    files: Iterable[Path], originals: dict[Path, bytes], fixed: dict[Path, bytes], *, temps_left: int = 0
) -> None:
    """Every file is byte-identical to its original or to its fully fixed version; at most
    ``temps_left`` temporary files (a killed writer's, removed by the next fix)."""
    files = list(files)
    for f in files:
        now = f.read_bytes()
        assert now in (originals[f], fixed.get(f, originals[f])), f"{f} is neither original nor fixed"
    assert len(temps(files)) <= temps_left, temps(files)


def table(faults: Iterable[Any] | None = None) -> str:
    rows = ["| fault | what happens | bytes lost | exit |", "| --- | --- | --- | --- |"]
    for f in faults if faults is not None else FAULTS.values():
        rows.append(f"| {f.fault} | {f.happens} | {f.lost} | {f.exit} |")
    return "\n".join(rows) + "\n"
