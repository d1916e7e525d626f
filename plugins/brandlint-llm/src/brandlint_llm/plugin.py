"""brandlint plugin entry point (``[project.entry-points.brandlint] llm = "brandlint_llm.plugin"``).

Registers the model backends (``ollama``, ``openai``), the ``rewrite`` fixer (verified model
rewrites: ``brandlint fix --rewrite`` and the language server's code action) and the commands
``brandlint generate`` and ``brandlint prompts``. Nothing heavy is imported here: HTTP,
Markdown parsing and the rewrite machinery load when first used.
"""
from __future__ import annotations

from typing import Any, Callable

from brandlint.plugins import CommandSet, hookimpl

from .backends import ChatBackend, OllamaBackend, OpenAIBackend
from .commands import add_commands
from .config import LLMConfig
from .fixer import RewriteFixer

__version__ = "0.1.0"

REWRITE = RewriteFixer()


@hookimpl
def brandlint_model_backends() -> dict[str, Callable[[LLMConfig], ChatBackend]]:
    return {"ollama": OllamaBackend, "openai": OpenAIBackend}


@hookimpl
def brandlint_fixers() -> dict[str, Any]:
    return {"rewrite": REWRITE}


@hookimpl
def brandlint_add_commands(commands: CommandSet) -> None:
    add_commands(commands)
