"""brandlint plugin entry point (``[project.entry-points.brandlint] llm = "brandlint_llm.plugin"``).

Registers the model backends (``ollama``, ``openai``) and two fixers: ``rewrite`` (verified model
rewrites, used by ``brandlint fix --rewrite`` and the language server) and ``generate`` (the
prompt library: ``brandlint generate`` and ``brandlint prompts``). Nothing heavy is imported
here: HTTP, Markdown parsing and the rewrite machinery load when first used.
"""
from __future__ import annotations

from typing import Any

from brandlint.plugins import hookimpl

__version__ = "0.1.0"


def _ollama(config: Any):
    from .backends import OllamaBackend
    return OllamaBackend(config)


def _openai(config: Any):
    from .backends import OpenAIBackend
    return OpenAIBackend(config)


class _LazyFixer:
    """Builds the real fixer on first attribute access, so loading the plugin stays cheap."""

    def __init__(self, module: str, cls: str, name: str, description: str) -> None:
        self._module, self._cls = module, cls
        self.name, self.description = name, description
        self._obj = None

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("_"):
            raise AttributeError(attr)
        if self._obj is None:
            import importlib
            self._obj = getattr(importlib.import_module(self._module, __package__), self._cls)()
        return getattr(self._obj, attr)

    def __repr__(self) -> str:
        return f"<brandlint-llm fixer {self.name!r}>"


REWRITE = _LazyFixer(".rewrite", "RewriteFixer", "rewrite",
                     "rewrite passages with a local model; accepted only when re-linting verifies them")
GENERATE = _LazyFixer(".generate", "Generator", "generate",
                      "generate content from the prompt library, then lint and verify-rewrite it")


@hookimpl
def brandlint_model_backends():
    return {"ollama": _ollama, "openai": _openai}


@hookimpl
def brandlint_fixers():
    return {"rewrite": REWRITE, "generate": GENERATE}
