"""Plugins' per-finding fixers (:class:`~brandlint.plugins.protocols.FindingFixer`) in the editor:
which to offer for a finding, and their edits, computed off the event loop."""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from lsprotocol import types

from ..findings import Edit, Finding
from ..plugins.protocols import FindingFixer
from .actions import Snapshot, finding_key

log = logging.getLogger("brandlint.lsp")


class _Server(Protocol):  # what this module needs of the language server
    def show_once(self, message: str, kind: types.MessageType = ...) -> None: ...
    def window_show_message(self, params: types.ShowMessageParams) -> None: ...


def finding_fixers(snap: Snapshot | None) -> dict[str, FindingFixer]:
    """The registered fixers editors can offer per finding, by name."""
    if snap is None or snap.settings is None:
        return {}
    return {name: f for name, f in snap.settings.registry.fixers.items() if isinstance(f, FindingFixer)}


def offered(snap: Snapshot) -> Callable[[Finding], list[FindingFixer]] | None:
    """For each finding, the fixers whose ``can_fix`` offers it (a failing check offers nothing)."""
    fixers = list(finding_fixers(snap).values())
    settings = snap.settings
    if not fixers or settings is None:
        return None

    def check(f: Finding) -> list[FindingFixer]:
        out = []
        for fixer in fixers:
            try:
                if fixer.can_fix(f, settings):
                    out.append(fixer)
            except Exception:
                log.error("%s: can_fix failed:\n%s", fixer.name, traceback.format_exc())
        return out

    return check


async def fixer_edit(
    ls: _Server,
    snap: Snapshot | None,
    data: dict[str, Any],
    executor: ThreadPoolExecutor,
    version: Callable[[], int | None],
) -> tuple[types.WorkspaceEdit, str] | None:
    """The edit a plugin fixer proposes for the finding an action names, with the fixer's title;
    None (and a message saying why) when there is none. ``version()`` is the document's current
    version: a change while the fixer worked drops the edit."""
    fixer = finding_fixers(snap).get(str(data.get("fixer", "")))
    if snap is None or snap.settings is None or fixer is None:
        return None
    finding = next((f for f in snap.findings if finding_key(f) == data["finding"]), None)
    if finding is None:
        ls.show_once("brandlint: the finding to fix is gone (the text changed)", types.MessageType.Info)
        return None
    text, settings = snap.text[snap.shift :], snap.settings
    loop = asyncio.get_running_loop()
    try:
        edits = await loop.run_in_executor(executor, fixer.fix_finding, text, finding, settings)
    except Exception as exc:
        log.error("fixer %s failed:\n%s", fixer.name, traceback.format_exc())
        ls.window_show_message(
            types.ShowMessageParams(
                type=types.MessageType.Error, message=f"brandlint: {fixer.name} failed: {type(exc).__name__}: {exc}"
            )
        )
        return None
    if version() != snap.version:
        ls.window_show_message(
            types.ShowMessageParams(
                type=types.MessageType.Info, message=f"brandlint: the document changed during {fixer.name}; try again"
            )
        )
        return None
    good = [e for e in edits or () if isinstance(e, Edit) and 0 <= e.start <= e.end <= len(text)]
    if not good:
        ls.window_show_message(
            types.ShowMessageParams(type=types.MessageType.Info, message=f"brandlint: {fixer.nothing_message}")
        )
        return None
    return types.WorkspaceEdit(changes={snap.uri: [snap.text_edit(e) for e in good]}), fixer.title
