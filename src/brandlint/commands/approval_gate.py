"""Approval facts of linted files, shared by ``approve``, ``review`` and ``check --require-approval``.

A file's finding ids and approval status are computed from the bytes linted (read once here), so
what is approved is exactly what was checked.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..approvals import FileApproval, Ledger, file_approval, finding_ids
from ..config.settings import Settings
from ..documents.base import SourceFile
from ..errors import BrandlintError
from ..findings import Severity
from ..pipeline import decode, lint_file
from ..results import FileResult

__all__ = ["Linted", "gate", "git_reviewer", "lint_for_approval", "ledger_for"]

_LEDGERS: dict[Path, Ledger] = {}


def ledger_for(settings: Settings) -> Ledger:
    """The ledger of the settings' project root (read once per command)."""
    root = Path(settings.root)
    if root not in _LEDGERS:
        _LEDGERS[root] = Ledger.load(root)
    return _LEDGERS[root]


@dataclass
class Linted:
    path: Path
    raw: bytes
    text: str | None
    result: FileResult
    ids: list[str]


def lint_for_approval(path: Path, settings: Settings, shown: str | None = None) -> Linted:
    """Read ``path`` once, lint those bytes, and id the active findings."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BrandlintError(f"cannot read {path}: {exc.strerror or exc}") from None
    result = lint_file(path, settings, content=raw, display_path=shown)
    source = decode(str(path), raw)
    text = source.text if isinstance(source, SourceFile) else None
    return Linted(path, raw, text, result, finding_ids(result.active, text))


def git_reviewer(cwd: Path) -> str:
    """``Name <email>`` from git config, for ``approve`` without ``--by``."""
    parts = []
    for key in ("user.name", "user.email"):
        try:
            out = subprocess.run(["git", "config", key], cwd=cwd, capture_output=True, text=True, timeout=30)
        except FileNotFoundError:
            raise BrandlintError("git is not installed: name the reviewer with --by NAME") from None
        parts.append(out.stdout.strip())
    name, email = parts
    if not name:
        raise BrandlintError("git config user.name is not set: set it, or name the reviewer with --by NAME")
    return f"{name} <{email}>" if email else name


def gate(results: Sequence[FileResult], opts_settings, threshold: Severity | None) -> tuple[int, set[int]]:
    """``check --require-approval``: print why files fail; returns (files failing, ids of accepted
    findings as ``id(finding)``) — accepted findings do not fail the run.

    Raises :class:`BrandlintError` (exit 2) when a ledger has lines that are not valid entries.
    """
    failing = 0
    accepted: set[int] = set()
    for r in results:
        if not r.format or not Path(r.path).is_file():
            continue
        path = Path(r.path)
        settings = opts_settings(path)
        ledger = ledger_for(settings)
        if ledger.problems:
            listed = "\n  ".join(map(str, ledger.problems))
            raise BrandlintError(f"the approvals ledger has lines that are not valid entries:\n  {listed}")
        limit = threshold or settings.fail_on
        try:
            raw = path.read_bytes()
        except OSError:
            continue  # check reported the read error
        source = decode(str(path), raw)
        active = r.active
        ids = finding_ids(active, source.text if isinstance(source, SourceFile) else None)
        status: FileApproval = file_approval(ledger, path, raw, active, ids)
        if status.status != "stale":
            skip = set(status.unaccepted)
            accepted.update(id(f) for k, f in enumerate(active) if k not in skip)
        why = status.failing(active, limit)
        if why:
            failing += 1
            print(f"{r.path}: not approved: {'; '.join(why)}", file=sys.stderr)
    return failing, accepted
