"""The plugin host: hook specifications, the protocols of what plugins register, the loader.

Plugins import from here::

    from brandlint.plugins import Command, CommandSet, hookimpl
    from brandlint.plugins import DocumentFormat, Fixer, FindingFixer, Reporter, Runner, ServiceFactory
"""
from .commands import Command, CommandSet
from .hookspecs import hookimpl, hookspec
from .manager import Registry
from .protocols import (DocumentFormat, FileJob, FindingFixer, Fixer, Reporter, Runner, RunnerFactory, ServiceFactory,
                        StreamingFormat, TextFix, WorkItem)

__all__ = ["Command", "CommandSet", "DocumentFormat", "FileJob", "FindingFixer", "Fixer", "Registry", "Reporter",
           "Runner", "RunnerFactory", "ServiceFactory", "StreamingFormat", "TextFix", "WorkItem", "hookimpl",
           "hookspec"]
