"""The whole plugin contract of brandlint, one documented hook per extension point.

Built-in rule kinds, formats and reporters are registered through these same hooks (see
``builtin_*.py``), exactly like third-party plugins that declare an entry point in the
``brandlint`` group::

    [project.entry-points.brandlint]
    my-plugin = "my_package.brandlint_plugin"

A plugin module (or object) implements any subset of the hooks below, decorated with
``brandlint.plugins.hookimpl``. Every hook is called with keyword arguments only. The shapes
of the objects hooks return are the protocols of :mod:`brandlint.plugins.protocols`; the
registry checks them when it collects them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pluggy

from .commands import CommandSet
from .protocols import DocumentFormat, Fixer, Reporter, RunnerFactory, ServiceFactory

if TYPE_CHECKING:  # types only: rule kinds sit below the plugin host but import nothing from it
    from ..rules.base import Rule

PROJECT = "brandlint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def brandlint_rule_kinds() -> list[type[Rule]]:
    """Return rule kind classes (subclasses of :class:`brandlint.rules.base.Rule`).

    Called once when the plugin registry is built. Each class has a unique ``kind`` name used
    by rule packs (``kind = "existence"``), an ``options`` schema used to validate the rule's
    TOML, and a ``needs`` set naming lazy services it uses (``"nlp"``, ``"classifier"``...).
    """


@hookspec
def brandlint_document_formats() -> list[DocumentFormat]:
    """Return document formats (parsers): :class:`~brandlint.plugins.protocols.DocumentFormat`.

    Each has ``name`` (``"markdown"``), ``extensions`` (``(".md",)``), ``streaming`` and
    ``parse(source, options) -> Iterator[Document]``. A format with ``streaming = True`` is a
    :class:`~brandlint.plugins.protocols.StreamingFormat`: it also has ``parse_path(path,
    options)`` to read a file itself in constant memory (JSONL). ``options`` is the
    ``[formats.<name>]`` config table.
    """


@hookspec
def brandlint_reporters() -> dict[str, Reporter]:
    """Return ``{output_format_name: reporter}`` (:class:`~brandlint.plugins.protocols.Reporter`).

    A reporter has ``report(results, ctx) -> str``; it formats the findings it is given, never
    re-parses files, and honours ``ctx.quiet``.
    """


@hookspec
def brandlint_rule_packs() -> dict[str, str]:
    """Return ``{pack_name: directory}`` for rule packs the plugin installs.

    A config selects them by name (``packs = ["ai-tells"]``); a directory holds one TOML file
    per rule.
    """


@hookspec
def brandlint_services() -> dict[str, ServiceFactory]:
    """Return ``{service_name: factory}`` for lazy, shared services rules ask for by name.

    A factory (:class:`~brandlint.plugins.protocols.ServiceFactory`) is called at most once per
    process with ``(settings)`` the first time an enabled rule declares it in ``needs`` (e.g.
    ``"nlp"`` builds the spaCy pipeline), so heavy imports happen only when a rule needs them.
    Its ``cache_token(settings)`` goes into the result cache's key.
    """


@hookspec
def brandlint_model_backends() -> dict[str, Callable[..., Any]]:
    """Return ``{backend_name: factory}`` for model backends other plugins may use.

    brandlint itself calls no backend; the registry only collects them so that a plugin can
    offer backends to another one without either naming the other.
    """


@hookspec
def brandlint_fixers() -> dict[str, Fixer]:
    """Return ``{fixer_name: fixer}`` (:class:`~brandlint.plugins.protocols.Fixer`).

    ``brandlint fix --fixer NAME`` fixes with it instead of the deterministic fixer; a fixer
    that is also a :class:`~brandlint.plugins.protocols.FindingFixer` is offered by the
    language server as a code action per finding.
    """


@hookspec
def brandlint_runners() -> dict[str, RunnerFactory]:
    """Return ``{runner_name: factory}`` for ways to run many files (a cluster, say).

    ``factory(jobs)`` returns a :class:`~brandlint.plugins.protocols.Runner`; a run uses it when
    :attr:`brandlint.pipeline.RunOptions.runner` names it. ``serial`` and ``process`` are built in.
    """


@hookspec(historic=True)
def brandlint_add_commands(commands: CommandSet) -> None:
    """Add subcommands to the ``brandlint`` command line, or options to existing commands.

    Called once per registry, and (historic, like pytest's ``pytest_addoption``) for plugins
    registered later too. Use ``commands.add(Command(...))`` and
    ``commands.add_options("fix", add_arguments)``; see :mod:`brandlint.plugins.commands`.
    Commands come from installed plugins (entry points): the command line is built before a
    config file's ``plugin-paths`` are read.
    """
