"""brandlint-llm: verified rewrites and prompt-based generation with local models.

Python API::

    from brandlint_llm import Rewriter, ScriptedServer
    rewriter = Rewriter(settings)            # [plugins.llm] from the settings' brandlint.toml
    result = rewriter.rewrite_text("post.md", text)
    result.text, result.accepted, result.rejected

Everything is imported lazily: loading the plugin costs nothing until a rewrite runs.

=============  ===============================================================================
module         idea
=============  ===============================================================================
``plugin``     the hooks: model backends, the ``rewrite`` fixer, the commands
``commands``   ``brandlint generate``, ``brandlint prompts``, ``fix --rewrite``
``fixer``      the ``rewrite`` fixer (the core's fix loop and the language server use it)
``rewrite``    the rewriter: which findings, which passages, asking the model
``units``      passages: source offsets to segment text, Markdown markup around a passage
``guidance``   what the model is told (system prompt, guidelines) and reading its answer
``verify``     checking a rewrite (structure, re-lint) and combining accepted ones
``outcomes``   what a rewrite produced, and rejection reasons
``structure``  Markdown structure and placeholders a rewrite must keep
``generate``   generation from the prompt library
``prompts``    the prompt library (TOML files)
``backends``   Ollama and OpenAI-compatible HTTP backends, answer cache
``config``     the ``[plugins.llm]`` table
``testing``    a scripted model server for tests and benchmarks
=============  ===============================================================================
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Rewriter": ".rewrite",
    "RewriteFixer": ".fixer",
    "TextRewrite": ".outcomes",
    "UnitOutcome": ".outcomes",
    "LLMConfig": ".config",
    "ModelError": ".backends",
    "OllamaBackend": ".backends",
    "OpenAIBackend": ".backends",
    "Generator": ".generate",
    "ScriptedModel": ".testing",
    "ScriptedServer": ".testing",
    "load_prompt": ".prompts",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    mod = _EXPORTS.get(name)
    if mod is None:
        raise AttributeError(name)
    return getattr(importlib.import_module(mod, __name__), name)
