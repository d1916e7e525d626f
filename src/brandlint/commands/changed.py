"""``--changed-since REF``: lint only the files changed since a git ref, report only findings on
changed lines (document-level findings of a changed file are kept: their rules saw the whole
document).

"Changed since REF" is the diff between the merge base of REF and HEAD (REF itself when they have
none) and the working tree, as a pull request shows it, plus untracked files that are not ignored.
Git is needed only here: without it, these options fail with a clear message and nothing else does.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import BrandlintError
from ..results import FileResult

__all__ = ["Changes", "changes_since", "keep_changed"]

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def _git(args: Sequence[str], cwd: Path, what: str) -> str:
    try:
        r = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args], cwd=cwd, capture_output=True, text=True, timeout=120
        )
    except FileNotFoundError:
        raise BrandlintError(f"{what} needs git, which is not installed (or not on PATH)") from None
    if r.returncode != 0:
        msg = (r.stderr.strip().splitlines() or ["git failed"])[-1]
        raise BrandlintError(f"{what}: {msg}")
    return r.stdout


@dataclass
class Changes:
    """Changed files (absolute) and, per file, its changed line numbers (None: every line)."""

    ref: str
    base: str
    lines: dict[Path, set[int] | None]

    def files_under(self, paths: Iterable[str | Path]) -> list[Path]:
        roots = [Path(p).resolve() for p in paths]
        return sorted(f for f in self.lines if f.is_file() and any(f == r or r in f.parents for r in roots))


def changes_since(ref: str, cwd: Path, what: str = "--changed-since") -> Changes:
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd, what).strip())
    _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd, f"{what} {ref}: not a commit")
    try:
        base = _git(["merge-base", ref, "HEAD"], cwd, what).strip()
    except BrandlintError:
        base = ref  # no common history (or no HEAD yet): compare with the ref itself
    lines: dict[Path, set[int] | None] = {}
    diff = _git(["diff", "--no-color", "--no-ext-diff", "--no-renames", "-U0", base, "--"], cwd, what)
    current: Path | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else top / name[2:] if name.startswith("b/") else top / name
            if current is not None:
                lines.setdefault(current, set())
        elif current is not None and line.startswith("@@"):
            m = _HUNK.match(line)
            if m:
                start, count = int(m.group(1)), int(m.group(2) or 1)
                got = lines[current]
                if got is not None:
                    got.update(range(start, start + count))
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top, what)
    for name in filter(None, untracked.split("\0")):
        lines[top / name] = None
    return Changes(ref, base, lines)


def keep_changed(results: Sequence[FileResult], changes: Changes) -> None:
    """Drop findings that are not on changed lines (document-level ones stay)."""
    for r in results:
        changed = changes.lines.get(Path(r.path).resolve(), set())
        if changed is None:
            continue
        r.findings = [
            f
            for f in r.findings
            if f.scope == "document" or any(n in changed for n in range(f.span.start.line, f.span.end.line + 1))
        ]
