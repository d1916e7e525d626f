"""What every reporter receives: results and run facts, never files to re-parse."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ReportContext:
    version: str = ""
    rules: dict[str, Any] = field(default_factory=dict)  # rule id -> Rule (for docs in SARIF etc.)
    show_suppressed: bool = False
    statistics: bool = False
    color: bool = False
    fail_on: Any = None
