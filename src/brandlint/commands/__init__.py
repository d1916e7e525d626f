"""The ``brandlint`` command line, one module per command (as Ruff's ``commands/``).

=================  ==========================================================================
module             idea
=================  ==========================================================================
``check``          lint files or stdin (``--fix`` first), report what remains
``fix``            fix files or stdin with the deterministic fixer or a plugin's
``filter``         split JSONL records into passed / failed (curate corpora)
``rules``          list enabled rules (and whether they fix)
``explain``        a rule's documentation, or the content score's formula
``init``           write a starter config
``import_vale``    ``brandlint import vale``: a .vale.ini as brandlint.toml and TOML packs
``plugins``        loaded plugins and what they register
``lsp``            the language server
``approve``        record a human approval (content hash, accepted findings, rule versions)
``approvals``      list approvals, and those made stale by a change
``approval_gate``  approval facts of linted files (``approve``, ``review``, ``check --require-approval``)
``review``         the HTML review page (findings at their spans, filters, provenance, approvals)
``common``         exit codes, shared options, arguments → :class:`~brandlint.pipeline.RunOptions`
``remaining``      the one printer of "what remains" (reporters, output file, summary)
``fix_run``        running fixes from the command line (files or stdin, notes, summaries)
``progress``       the progress bar of long runs
=================  ==========================================================================

Plugins add commands and options with the ``brandlint_add_commands`` hook
(:mod:`brandlint.plugins.commands`); :mod:`brandlint.cli` builds the parser from both. A core
command's module is imported only when that command runs (each exports ``COMMAND``), so
``import brandlint.cli`` and ``brandlint --help`` load none of the lint machinery.
"""

from __future__ import annotations

__all__ = ["CORE_COMMANDS", "CommandRef"]


class CommandRef:
    """A core command by name: its help line and the module that defines ``COMMAND``."""

    __slots__ = ("name", "help", "module")

    def __init__(self, name: str, help: str, module: str) -> None:
        self.name, self.help, self.module = name, help, module


#: the core's commands, in the order ``brandlint --help`` lists them
CORE_COMMANDS: tuple[CommandRef, ...] = (
    CommandRef("check", "lint files and directories", "brandlint.commands.check"),
    CommandRef("fix", "apply fixes to files (safe ones unless --unsafe-fixes)", "brandlint.commands.fix"),
    CommandRef("filter", "split JSONL records into passed and failed files", "brandlint.commands.filter"),
    CommandRef("rules", "list the rules enabled by the config", "brandlint.commands.rules"),
    CommandRef(
        "explain", "show a rule's documentation (or `explain score`: the content score)", "brandlint.commands.explain"
    ),
    CommandRef("plugins", "list loaded plugins and what each registers", "brandlint.commands.plugins"),
    CommandRef("init", "write a starter brandlint.toml", "brandlint.commands.init"),
    CommandRef(
        "import", "import a Vale setup (.vale.ini) as brandlint.toml and packs", "brandlint.commands.import_vale"
    ),
    CommandRef("review", "write an HTML page to review findings in a browser", "brandlint.commands.review"),
    CommandRef("approve", "record a human approval of files as they are now", "brandlint.commands.approve"),
    CommandRef("approvals", "list approvals and what changed since (--stale)", "brandlint.commands.approvals"),
    CommandRef("lsp", "run the language server for editors (LSP over stdio)", "brandlint.commands.lsp"),
)
