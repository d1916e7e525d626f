"""The approvals ledger: ``.brandlint/approvals.jsonl`` under the project root.

One approval per line, a JSON object with sorted keys, lines sorted by (path, time, hash): two
branches that approve different things add different lines, and ``.brandlint/.gitattributes``
(written with the ledger) merges the file with git's ``union`` driver, so merges never conflict.
Reading tolerates any order and duplicates; every line that is not a valid entry (bad JSON, a
missing field, a leftover conflict marker) is reported with its file and line and kept as it is:
the ledger is not rewritten while it holds one.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BrandlintError
from ..fileio import SourceInfo, atomic_write, read_source

__all__ = ["LEDGER", "Approval", "Ledger", "LedgerProblem"]

LEDGER = Path(".brandlint") / "approvals.jsonl"
GITATTRIBUTES = "approvals.jsonl merge=union\n"
_REQUIRED = {"path": str, "hash": str, "by": str, "time": str}
_MARKERS = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")


@dataclass(frozen=True)
class Approval:
    path: str  # relative to the project root, with "/"
    hash: str  # content hash at approval ("sha256:...")
    by: str
    time: str  # ISO 8601, UTC
    note: str = ""
    kind: str = "text"  # "text", "json" or "jsonl"
    records: tuple[str, ...] = ()  # JSONL: the approved records' hashes
    findings: tuple[str, ...] = ()  # the finding ids accepted
    rules: dict[str, str] = field(default_factory=dict)  # rule id -> version, of the accepted findings
    brandlint: str = ""

    def to_line(self) -> str:
        d: dict[str, Any] = {
            "path": self.path,
            "hash": self.hash,
            "by": self.by,
            "time": self.time,
            "note": self.note,
            "kind": self.kind,
            "findings": sorted(self.findings),
            "rules": dict(sorted(self.rules.items())),
            "brandlint": self.brandlint,
        }
        if self.records:
            d["records"] = sorted(self.records)
        return json.dumps(d, sort_keys=True, ensure_ascii=False, separators=(", ", ": "))

    @property
    def order(self) -> tuple[str, str, str]:
        return (self.path, self.time, self.hash)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Approval:
        return cls(
            path=d["path"],
            hash=d["hash"],
            by=d["by"],
            time=d["time"],
            note=str(d.get("note", "")),
            kind=str(d.get("kind", "text")),
            records=tuple(d.get("records", ())),
            findings=tuple(d.get("findings", ())),
            rules=dict(d.get("rules", {})),
            brandlint=str(d.get("brandlint", "")),
        )


@dataclass(frozen=True)
class LedgerProblem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def _check(d: Any) -> str | None:
    if not isinstance(d, dict):
        return "an entry must be a JSON object"
    for key, typ in _REQUIRED.items():
        if not isinstance(d.get(key), typ) or not d[key]:
            return f"missing or invalid field {key!r}"
    for key in ("findings", "records"):
        if key in d and not (isinstance(d[key], list) and all(isinstance(x, str) for x in d[key])):
            return f"field {key!r} must be a list of strings"
    if "rules" in d and not isinstance(d["rules"], dict):
        return "field 'rules' must be an object"
    return None


class Ledger:
    """The approvals of one project (root), and the problems found reading its ledger."""

    def __init__(
        self, root: Path, entries: list[Approval], problems: list[LedgerProblem], source: SourceInfo | None = None
    ) -> None:
        self.root, self.entries, self.problems, self._source = root, entries, problems, source

    @property
    def path(self) -> Path:
        return self.root / LEDGER

    @classmethod
    def load(cls, root: Path | str) -> Ledger:
        root = Path(root)
        file = root / LEDGER
        try:
            raw, source = read_source(file)
            text = raw.decode("utf-8")
        except FileNotFoundError:
            return cls(root, [], [])
        except (OSError, UnicodeDecodeError) as exc:
            raise BrandlintError(f"cannot read the approvals ledger {file}: {exc}") from None
        entries: list[Approval] = []
        problems: list[LedgerProblem] = []
        shown = os.path.relpath(file)
        lines = text.splitlines()
        for n, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            if line.startswith(_MARKERS):
                problems.append(
                    LedgerProblem(shown, n, "git conflict marker: resolve the merge (keep both sides' lines)")
                )
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(LedgerProblem(shown, n, f"not valid JSON ({exc.msg} at column {exc.colno})"))
                continue
            why = _check(d)
            if why:
                problems.append(LedgerProblem(shown, n, why))
                continue
            entries.append(Approval.from_dict(d))
        return cls(root, entries, problems, source)

    def for_path(self, rel: str) -> list[Approval]:
        """The approvals of ``rel``, newest first."""
        return sorted((a for a in self.entries if a.path == rel), key=lambda a: a.time, reverse=True)

    def add(self, approval: Approval) -> None:
        """Record an approval (written at once; refused while the ledger has a bad line)."""
        if self.problems:
            listed = "\n  ".join(map(str, self.problems))
            raise BrandlintError(
                f"the approvals ledger has lines that are not valid entries; fix or remove them first "
                f"(nothing was written):\n  {listed}"
            )
        unique = {a.to_line(): a for a in [*self.entries, approval]}
        self.entries = sorted(unique.values(), key=lambda a: a.order)
        text = "".join(a.to_line() + "\n" for a in self.entries)
        file = self.path
        file.parent.mkdir(parents=True, exist_ok=True)
        if self._source is not None:  # refuses to write when the file changed since it was read
            atomic_write(file, text, original=self._source)
        else:
            try:
                with open(file, "x", encoding="utf-8", newline="\n") as fh:  # "x": never over another's ledger
                    fh.write(text)
            except FileExistsError:
                raise BrandlintError(
                    f"{file} was created while this approval was made; run the command again"
                ) from None
        self._source = read_source(file)[1]
        attrs = file.parent / ".gitattributes"
        if not attrs.exists():
            attrs.write_text(GITATTRIBUTES, encoding="utf-8", newline="\n")
