"""brandlint-llm: verified rewrites and prompt-based generation with local models.

Python API::

    from brandlint_llm import Rewriter, ScriptedServer
    rewriter = Rewriter(settings)            # [plugins.llm] from the settings' brandlint.toml
    result = rewriter.rewrite_text("post.md", text)
    result.text, result.accepted, result.rejected

Everything is imported lazily: loading the plugin costs nothing until a rewrite runs.
"""
from __future__ import annotations

__version__ = "0.1.0"

_EXPORTS = {
    "Rewriter": ".rewrite", "RewriteFixer": ".rewrite", "TextRewrite": ".rewrite", "UnitOutcome": ".rewrite",
    "LLMConfig": ".config", "ModelError": ".backends", "OllamaBackend": ".backends",
    "OpenAIBackend": ".backends", "Generator": ".generate", "ScriptedModel": ".testing",
    "ScriptedServer": ".testing", "load_prompt": ".prompts",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    mod = _EXPORTS.get(name)
    if mod is None:
        raise AttributeError(name)
    import importlib
    return getattr(importlib.import_module(mod, __name__), name)
