"""Built-in output formats."""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from ..reporters.base import ReportContext
from ..reporters.json_reporter import JsonReporter
from ..reporters.text import ConciseReporter, FullReporter
from ..results import FileResult
from .hookspecs import hookimpl
from .protocols import Reporter


@hookimpl
def brandlint_reporters() -> dict[str, Reporter]:
    reporters: dict[str, Reporter] = {
        "text": FullReporter(),
        "full": FullReporter(),
        "concise": ConciseReporter(),
        "json": JsonReporter(),
    }
    for name, (module, cls) in _CI_REPORTERS.items():
        reporters[name] = _Lazy(module, cls)
    return reporters


# CI formats, imported on first use so start-up does not pay for them.
_CI_REPORTERS = {
    "json-lines": ("jsonlines", "JsonLinesReporter"),
    "sarif": ("sarif", "SarifReporter"),
    "github": ("github", "GithubReporter"),
    "github-summary": ("github_summary", "GithubSummaryReporter"),
    "junit": ("junit", "JunitReporter"),
    "gitlab": ("gitlab", "GitlabReporter"),
    "rdjson": ("rdjson", "RdjsonReporter"),
}


#: Every built-in format, in the order ``check --help`` lists them.
BUILTIN_FORMATS = ("text", "full", "concise", "json", *_CI_REPORTERS)


class _Lazy:
    def __init__(self, module: str, cls: str) -> None:
        self.module, self.cls, self._impl = module, cls, None

    def report(self, results: Sequence[FileResult], ctx: ReportContext) -> str:
        impl = self._impl
        if impl is None:  # imported by name on first use: start-up does not pay for it
            impl = self._impl = getattr(importlib.import_module(f"brandlint.reporters.{self.module}"), self.cls)()
        return impl.report(results, ctx)

    def __repr__(self) -> str:
        return f"<reporter brandlint.reporters.{self.module}.{self.cls}>"
