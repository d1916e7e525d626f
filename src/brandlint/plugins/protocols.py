"""The shapes of what plugins register: one ``typing.Protocol`` per extension point.

The hooks in :mod:`brandlint.plugins.hookspecs` return objects of these shapes; the registry
(:mod:`brandlint.plugins.manager`) checks each one when it is registered and reports a plugin
whose object lacks a member, so the rest of brandlint calls members directly (never
``getattr`` with a default). Rule kinds are classes deriving from
:class:`brandlint.rules.base.Rule`; commands are :class:`brandlint.plugins.commands.Command`.

=====================  ==============================  =========================================
hook                   returns                         shape
=====================  ==============================  =========================================
brandlint_document_    list of formats                 :class:`DocumentFormat` (streaming ones:
formats                                                :class:`StreamingFormat`)
brandlint_reporters    ``{name: reporter}``            :class:`Reporter`
brandlint_services     ``{name: factory}``             :class:`ServiceFactory`
brandlint_fixers       ``{name: fixer}``               :class:`Fixer` (and, for editors,
                                                       :class:`FindingFixer`)
brandlint_runners      ``{name: factory}``             :class:`RunnerFactory` making a
                                                       :class:`Runner`
=====================  ==============================  =========================================
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:  # types only: these layers sit above the plugin host
    from ..config.settings import Settings
    from ..corpus import CorpusReport, CorpusRequest
    from ..documents.base import Document, SourceFile
    from ..documents.jsonl_lines import JsonlLine
    from ..findings import Edit, Finding
    from ..pipeline.options import RunOptions
    from ..reporters.base import ReportContext
    from ..results import FileResult

__all__ = [
    "CorpusEngine",
    "DocumentFormat",
    "FileJob",
    "FindingFixer",
    "Fixer",
    "RecordFormat",
    "Reporter",
    "Runner",
    "RunnerFactory",
    "ServiceFactory",
    "StreamingFormat",
    "TextFix",
    "WorkItem",
]


# --------------------------------------------------------------------------------------------
# Documents


@runtime_checkable
class DocumentFormat(Protocol):
    """A parser from decoded text to documents (text + source map); rules never see bytes.

    ``streaming`` declares the :class:`StreamingFormat` capability: when true, the format also
    has ``parse_path`` and files of it are read from disk by the format itself.
    """

    @property
    def name(self) -> str:  # "markdown"
        ...

    @property
    def extensions(self) -> tuple[str, ...]:  # (".md", ".markdown")
        ...

    @property
    def streaming(self) -> bool: ...

    def parse(self, source: SourceFile, options: Mapping[str, Any]) -> Iterator[Document]:
        """Documents of one decoded file; ``options`` is its ``[formats.<name>]`` table."""
        ...


@runtime_checkable
class StreamingFormat(DocumentFormat, Protocol):
    """A format that reads a file itself in constant memory (JSONL: one record at a time)."""

    def parse_path(self, path: str, options: Mapping[str, Any]) -> Iterator[Document]: ...


@runtime_checkable
class RecordFormat(StreamingFormat, Protocol):
    """A streaming format of one record per line (JSONL): records are also linted one by one,
    from any stream of lines or from a byte range of a file (:func:`brandlint.lint_records`,
    cluster runners), with the positions they have in the whole file."""

    def record_parser(self, options: Mapping[str, Any], path: str) -> Callable[[JsonlLine], Document]: ...


# --------------------------------------------------------------------------------------------
# Output


@runtime_checkable
class Reporter(Protocol):
    """An output format: formats the results it is given, never re-parses files.

    It honours ``ctx.quiet`` itself (findings only: no summary or score lines) and returns
    ``""`` when there is nothing to print.
    """

    def report(self, results: Sequence[FileResult], ctx: ReportContext) -> str: ...


# --------------------------------------------------------------------------------------------
# Services


@runtime_checkable
class ServiceFactory(Protocol):
    """Builds a lazy shared service (the spaCy pipeline, an ONNX session) for rules that
    declare its name in ``needs``; called at most once per process and settings.

    ``cache_token(settings)`` names what else decides the findings of rules using it (a model's
    name, version and digest), so the result cache never serves results of another model.
    """

    def __call__(self, settings: Settings) -> Any: ...

    def cache_token(self, settings: Settings) -> str: ...


# --------------------------------------------------------------------------------------------
# Fixers


@dataclass
class TextFix:
    """What a fixer did to one text: the fixed text and the findings it repaired.

    ``result`` is the lint result of the final text (findings incl. suppressed), ``initial``
    that of the text as given; ``notes`` are lines for the person running it (one per finding
    a fixer could not repair, say); ``details`` is the fixer's own record, passed back to its
    :meth:`Fixer.summary`.
    """

    text: str
    applied: list[Finding]
    result: FileResult
    passes: int
    initial: FileResult
    notes: list[str] | None = None
    details: Any = None

    @property
    def remaining(self) -> list[Finding]:
        return self.result.active


@runtime_checkable
class Fixer(Protocol):
    """What the fix loop (``brandlint fix``, ``check --fix``) uses to fix one text.

    The deterministic fixer (the edits rules attach to findings) is the default; a plugin's
    fixer is chosen with ``fix --fixer NAME`` (or an option the plugin adds, such as a
    shortcut flag). The loop reads and writes files (atomically, refusing syntax breaks);
    the fixer only turns a text into a better one.
    """

    name: str
    description: str
    #: the most worker processes it may run in (``None``: any; 1: in this process only)
    max_jobs: int | None

    def fix_text(
        self,
        path: Path,
        text: str,
        settings: Settings,
        *,
        unsafe: bool,
        display_path: str,
        bom: bool,
        encoding: str,
        show_fixes: bool,
    ) -> TextFix: ...

    def summary(self, fixes: Sequence[TextFix], *, would: bool) -> str | None:
        """A closing line for the run (before ``Fixed N findings``), or None."""
        ...


@runtime_checkable
class FindingFixer(Protocol):
    """A fixer editors offer per finding (a language-server code action).

    ``title`` starts the action's title (``"<title> (<rule id>)"``); ``can_fix`` says whether
    to offer it (cheap: no model call); ``fix_finding`` returns the edits (file code-point
    offsets of ``text``) or None, in which case ``nothing_message`` is shown.
    """

    name: str
    title: str
    nothing_message: str

    def can_fix(self, finding: Finding, settings: Settings) -> bool: ...

    def fix_finding(self, text: str, finding: Finding, settings: Settings) -> list[Edit] | None: ...


# --------------------------------------------------------------------------------------------
# Runners


@dataclass
class WorkItem:
    """One file of a run that needs work: its place in the output, path, settings and size."""

    index: int
    path: Path
    settings: Settings
    size: int


@runtime_checkable
class FileJob(Protocol):
    """The work a run does per file (lint it, fix it), in three steps.

    ``settle`` (in this process) returns the result of a file that needs no work (missing, no
    format, a cache hit) or None; ``work`` does the work anywhere (a worker process, a cluster
    node: the job is pickled, and a runner that ships ``path`` elsewhere rebuilds the settings
    with ``options.settings_for(path)``); ``finish`` (in this process) turns ``work``'s output
    into the result (e.g. stores it in the cache).
    """

    options: RunOptions  # picklable

    def settle(self, path: Path, settings: Settings, explicit: bool) -> Any | None: ...

    def work(self, path: Path, settings: Settings) -> Any: ...

    def finish(self, path: Path, settings: Settings, output: Any) -> Any: ...


@runtime_checkable
class Runner(Protocol):
    """Runs a :class:`FileJob` over work items: in this process, a process pool, a cluster.

    ``run`` calls ``job.work`` for every item and yields ``(item, output)`` as each finishes,
    in any order (the pipeline restores input order); ``workers`` is how many processes do the
    work (0: this one), for ``check -v``. A runner that stops early must not leave workers
    running (the generator's ``close`` is called on errors and Ctrl-C).
    """

    name: str
    workers: int

    def run(self, job: FileJob, items: Sequence[WorkItem]) -> Iterator[tuple[WorkItem, Any]]: ...


@runtime_checkable
class CorpusEngine(Protocol):
    """A runner that also lints and curates JSONL corpora range by range on many machines
    (``check --engine NAME``, ``filter --engine NAME``): output shards, a summary back.

    The engine-neutral work (planning ranges, placing them, linting one range and writing its
    shard) is in :mod:`brandlint.corpus`; an engine schedules it and adds up the outcomes.
    """

    name: str
    workers: int

    def check_corpus(self, request: CorpusRequest) -> CorpusReport: ...

    def filter_corpus(self, request: CorpusRequest) -> CorpusReport: ...


class RunnerFactory(Protocol):
    """``factory(jobs)`` makes a runner for a run with ``--jobs`` (0: one per CPU)."""

    def __call__(self, jobs: int) -> Runner: ...
