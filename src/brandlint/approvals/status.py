"""Where a file stands against the ledger: approved, partly approved, stale or unapproved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding, Severity
from .content import content_hash
from .ledger import Approval, Ledger

__all__ = ["FileApproval", "approval_view", "file_approval", "relative_to_root"]


@dataclass
class FileApproval:
    """``status``: ``approved`` (this content was approved and every finding accepted), ``partial``
    (this content was approved, some findings were not accepted), ``stale`` (approved before, the
    content changed since), ``unapproved`` (never approved)."""

    status: str
    latest: Approval | None = None  # the newest approval of this content (else of the file)
    unaccepted: list[int] = field(default_factory=list)  # indexes of findings no approval accepted
    detail: str = ""

    def failing(self, findings: Sequence[Finding], threshold: Severity) -> list[str]:
        """Why this file fails ``check --require-approval=threshold`` (empty: it passes)."""
        why = []
        if self.status == "stale":
            why.append(f"changed since its approval ({self.detail})")
        bad = [findings[i] for i in self.unaccepted if findings[i].severity >= threshold]
        if bad:
            why.append(f"{len(bad)} unapproved finding(s) at or above {threshold}")
        return why


def relative_to_root(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def file_approval(
    ledger: Ledger, path: Path, raw: bytes, findings: Sequence[Finding], ids: Sequence[str]
) -> FileApproval:
    """The status of ``path`` (its bytes ``raw``, its active ``findings`` with their ``ids``)."""
    entries = ledger.for_path(relative_to_root(path, ledger.root))
    if not entries:
        return FileApproval("unapproved", None, list(range(len(findings))))
    ch = content_hash(path, raw)
    if ch.kind == "jsonl":
        approved = {h for a in entries for h in (*a.records, a.hash)}
        changed = [line for line, h in ch.records if h not in approved]
        matching = entries if not changed else []
        detail = f"records changed or new on lines {', '.join(map(str, changed[:10]))}" if changed else ""
        accepted = {fid for a in entries for fid in a.findings}
    else:
        matching = [a for a in entries if a.hash == ch.value]
        detail = "" if matching else f"approved content {entries[0].hash[:19]}..., now {ch.value[:19]}..."
        accepted = {fid for a in matching for fid in a.findings}
    unaccepted = [i for i, fid in enumerate(ids) if fid not in accepted]
    if not matching:
        return FileApproval("stale", entries[0], unaccepted, detail)
    return FileApproval("partial" if unaccepted else "approved", matching[0], unaccepted)


def approval_view(
    ledger: Ledger, path: Path, raw: bytes, findings: Sequence[Finding], ids: Sequence[str]
) -> dict[str, str]:
    """What the review page shows of a file's approval."""
    st = file_approval(ledger, path, raw, findings, ids)
    view = {"status": st.status}
    if st.latest is not None:
        view.update(by=st.latest.by, time=st.latest.time, note=st.latest.note)
    detail = st.detail
    if st.unaccepted and st.status != "unapproved":
        detail = (detail + "; " if detail else "") + f"{len(st.unaccepted)} finding(s) not accepted"
    if detail:
        view["detail"] = detail
    return view
