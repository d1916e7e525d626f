"""The whole plugin contract of brandlint, one documented hook per extension point.

Built-in rule kinds, formats and reporters are registered through these same hooks (see
``builtin_*.py``), exactly like third-party plugins that declare an entry point in the
``brandlint`` group::

    [project.entry-points.brandlint]
    my-plugin = "my_package.brandlint_plugin"

A plugin module (or object) implements any subset of the hooks below, decorated with
``brandlint.plugins.hookimpl``. Every hook is called with keyword arguments only.
"""
from __future__ import annotations

from typing import Any

import pluggy

PROJECT = "brandlint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def brandlint_rule_kinds() -> list[type]:
    """Return rule kind classes (subclasses of :class:`brandlint.rules.base.Rule`).

    Called once when the plugin registry is built. Each class has a unique ``kind`` name used
    by rule packs (``kind = "existence"``), an ``options`` schema used to validate the rule's
    TOML, and a ``needs`` set naming lazy services it uses (``"nlp"``, ``"classifier"``...).
    """


@hookspec
def brandlint_document_formats() -> list[Any]:
    """Return document format objects (parsers).

    Each object has ``name`` (``"markdown"``), ``extensions`` (``(".md",)``) and
    ``parse(source: SourceFile, options: Mapping) -> Iterator[Document]``. A format with
    ``streaming = True`` may also offer ``parse_path(path, options)`` to read a file itself in
    constant memory (JSONL). The ``options`` mapping is the ``[formats.<name>]`` config table.
    """


@hookspec
def brandlint_reporters() -> dict[str, Any]:
    """Return ``{output_format_name: reporter}``.

    A reporter has ``report(results: list[FileResult], ctx: ReportContext) -> str``; it
    formats findings it is given and never re-parses files.
    """


@hookspec
def brandlint_rule_packs() -> dict[str, str]:
    """Return ``{pack_name: directory}`` for rule packs the plugin installs.

    A config selects them by name (``packs = ["ai-tells"]``); a directory holds one TOML file
    per rule.
    """


@hookspec
def brandlint_services() -> dict[str, Any]:
    """Return ``{service_name: factory}`` for lazy, shared services rules ask for by name.

    A factory is called at most once per process with ``(settings)`` the first time an enabled
    rule declares it in ``needs`` (e.g. ``"nlp"`` builds the spaCy pipeline), so heavy imports
    happen only when a rule needs them.
    """


@hookspec
def brandlint_model_backends() -> dict[str, Any]:
    """Return ``{backend_name: factory}`` for local model backends (Ollama, OpenAI-compatible).

    Used by rewrite and generate features; reserved so backends plug in without core changes.
    """


@hookspec
def brandlint_fixers() -> dict[str, Any]:
    """Return ``{fixer_name: fixer}`` for fixers beyond the edits rules attach to findings.

    Reserved for model-based rewrites (unsafe fixes verified by re-linting).
    """


@hookspec
def brandlint_lsp_features() -> list[Any]:
    """Return extra language-server features (code actions, commands).

    Reserved for the language server: called when ``brandlint lsp`` starts.
    """
