"""What a model backend keeps besides the request itself: the error it raises, its counters and
its on-disk answer cache (used by :mod:`brandlint_llm.backends`)."""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brandlint.fileio import write_atomic


class ModelError(Exception):
    """The model could not be asked: ``kind`` is unreachable, timeout, http-error or bad-response."""

    def __init__(self, kind: str, message: str, *, refused_format: bool = False) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.refused_format = refused_format  # the server refused the request's answer format


@dataclass
class Stats:
    """Counters for the benchmark and ``--verbose``: requests, cache hits and time in HTTP."""

    requests: int = 0  # HTTP requests sent (retries included)
    answers: int = 0  # successful answers (from HTTP or the cache)
    cache_hits: int = 0
    http_seconds: float = 0.0  # time inside HTTP round trips, summed over threads
    backoff_seconds: float = 0.0
    errors: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, **values: float) -> None:
        with self._lock:
            for k, v in values.items():
                setattr(self, k, getattr(self, k) + v)


class ResponseCache:
    """Answers on disk, one JSON file per key (``<dir>/<2 hex>/<62 hex>.json``), written atomically."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    @staticmethod
    def key(parts: dict[str, Any]) -> str:
        blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key[2:]}.json"

    def get(self, key: str) -> str | None:
        try:
            data = json.loads(self._path(key).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        content = data.get("content") if isinstance(data, dict) else None
        return content if isinstance(content, str) else None

    def put(self, key: str, content: str, parts: dict[str, Any]) -> None:
        data = json.dumps({"key": parts, "content": content}, ensure_ascii=False).encode("utf-8")
        try:
            write_atomic(self._path(key), data, make_parents=True)
        except OSError:
            pass  # a cache that cannot be written is only slower
