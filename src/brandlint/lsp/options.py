"""The language server's ``initializationOptions`` (all optional), checked with clear messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_DEBOUNCE_MS = 150


@dataclass
class Options:
    """``initializationOptions`` the client may send (all optional)."""

    debounce_ms: int = DEFAULT_DEBOUNCE_MS  # "debounceMs"
    incremental: bool = True  # "incremental": cache findings per paragraph
    config: Path | None = None  # "config": one config file for every document

    @classmethod
    def parse(cls, raw: Any) -> tuple[Options, list[str]]:
        opts = cls()
        problems: list[str] = []
        if raw is None:
            return opts, problems
        if not isinstance(raw, dict):
            return opts, [f"initializationOptions must be an object, got {type(raw).__name__}"]
        for key, value in raw.items():
            if key == "debounceMs":
                if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10_000:
                    opts.debounce_ms = value
                else:
                    problems.append(f"debounceMs must be an integer from 0 to 10000, got {value!r}")
            elif key == "incremental":
                if isinstance(value, bool):
                    opts.incremental = value
                else:
                    problems.append(f"incremental must be true or false, got {value!r}")
            elif key == "config":
                if isinstance(value, str) and value:
                    opts.config = Path(value).expanduser()
                elif value not in (None, ""):
                    problems.append(f"config must be a path, got {value!r}")
            else:
                problems.append(f"unknown initialization option {key!r} (known: debounceMs, incremental, config)")
        return opts, problems
