"""brandlint plugin entry point (``[project.entry-points.brandlint] llm = "brandlint_llm.plugin"``).

Registers the model backends (``ollama``, ``openai``), the ``rewrite`` fixer (verified model
rewrites: ``brandlint fix --rewrite`` and the language server's code action) and the commands
``brandlint generate`` and ``brandlint prompts``. Nothing heavy is imported here: HTTP,
Markdown parsing and the rewrite machinery load when first used.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from brandlint.plugins import CommandSet, hookimpl

from .commands import add_commands
from .fixer import RewriteFixer

if TYPE_CHECKING:  # types only: the backends load when a model is first asked
    from .backends import ChatBackend
    from .config import LLMConfig

__version__ = "0.1.0"

REWRITE = RewriteFixer()


def _ollama(config: LLMConfig) -> ChatBackend:
    from .backends import OllamaBackend  # lazy: every brandlint run loads the plugin; few ask a model

    return OllamaBackend(config)


def _openai(config: LLMConfig) -> ChatBackend:
    from .backends import OpenAIBackend  # lazy: see _ollama

    return OpenAIBackend(config)


@hookimpl
def brandlint_model_backends() -> dict[str, Callable[[LLMConfig], ChatBackend]]:
    return {"ollama": _ollama, "openai": _openai}


@hookimpl
def brandlint_fixers() -> dict[str, Any]:
    return {"rewrite": REWRITE}


@hookimpl
def brandlint_add_commands(commands: CommandSet) -> None:
    add_commands(commands)
