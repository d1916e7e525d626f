"""The plugin host: hook specifications, the protocols of what plugins register, the loader.

Plugins import from here::

    from brandlint.plugins import Command, CommandSet, hookimpl
    from brandlint.plugins import DocumentFormat, Fixer, FindingFixer, Reporter, Runner, ServiceFactory

Names are loaded on first use (``import brandlint.cli`` must not load pluggy and the registry).
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Command": "commands",
    "CommandSet": "commands",
    "hookimpl": "hookspecs",
    "hookspec": "hookspecs",
    "Registry": "manager",
    "DocumentFormat": "protocols",
    "FileJob": "protocols",
    "FindingFixer": "protocols",
    "Fixer": "protocols",
    "Reporter": "protocols",
    "Runner": "protocols",
    "RunnerFactory": "protocols",
    "ServiceFactory": "protocols",
    "StreamingFormat": "protocols",
    "TextFix": "protocols",
    "WorkItem": "protocols",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> object:
    # by name on first use (importlib, not an import statement): see the module docstring
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(name)
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
