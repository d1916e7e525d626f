"""Human approvals of content, tied to content hashes (``brandlint approve``, ``approvals``,
``check --require-approval``).

=============  ====================================================================
module         idea
=============  ====================================================================
``content``    content hashes (text, JSON value, JSONL records), finding ids, rule versions
``ledger``     ``.brandlint/approvals.jsonl``: read (problems located), write (sorted, atomic)
``status``     a file against the ledger: approved, partial, stale, unapproved
=============  ====================================================================
"""

from __future__ import annotations

from .content import ContentHash, content_hash, finding_ids, record_hashes, rule_versions
from .ledger import LEDGER, Approval, Ledger, LedgerProblem
from .status import FileApproval, approval_view, file_approval, relative_to_root

__all__ = [
    "LEDGER",
    "Approval",
    "ContentHash",
    "FileApproval",
    "Ledger",
    "LedgerProblem",
    "approval_view",
    "content_hash",
    "file_approval",
    "finding_ids",
    "record_hashes",
    "relative_to_root",
    "rule_versions",
]
