"""Built-in output formats."""
from __future__ import annotations

from .hookspecs import hookimpl


@hookimpl
def brandlint_reporters():
    from ..reporters.json_reporter import JsonReporter
    from ..reporters.text import ConciseReporter, FullReporter
    return {"text": FullReporter(), "full": FullReporter(), "concise": ConciseReporter(), "json": JsonReporter()}
