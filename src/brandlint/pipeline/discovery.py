"""Which files a run lints: walking folders, ``exclude`` / ``include`` globs, git's ignore rules
(every ``.gitignore``, ``.git/info/exclude``, ``core.excludesFile``: see :mod:`.gitignore`) and
cache folders (``CACHEDIR.TAG``)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config.settings import Settings, glob_match, real_path
from .gitignore import IgnoreCache, is_cache_dir
from .options import RunOptions

__all__ = ["ALWAYS_SKIP", "discover", "is_excluded"]

ALWAYS_SKIP = {
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    ".venv",
    "venv",
    "__pycache__",
    ".brandlint_cache",
    ".brandlint",  # the approvals ledger
    ".tox",
    ".nox",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
}


def discover(paths: Iterable[str | Path], opts: RunOptions) -> Iterator[tuple[Path, Settings, bool]]:
    """Yield (file, its settings, explicitly named) for every file to lint, in sorted order."""
    for raw in paths:
        p = Path(raw)
        if p.is_file():
            settings = opts.settings_for(p)
            if opts.force_exclude and is_excluded(p, settings):
                continue
            yield p, settings, True
            continue
        if not p.exists():
            yield p, opts.settings_for(p.parent if p.parent.exists() else Path.cwd()), True
            continue
        specs = IgnoreCache()
        for dirpath, dirnames, filenames in os.walk(p):
            d = Path(dirpath)
            if is_cache_dir(d):
                dirnames[:] = []
                continue
            dirnames[:] = sorted(n for n in dirnames if n not in ALWAYS_SKIP)
            for name in sorted(filenames):
                f = d / name
                settings = opts.settings_for(f)
                if settings.registry.format_for(name) is None:
                    continue
                if _excluded(f, settings, specs):
                    continue
                yield f, settings, False
            # prune excluded directories early
            kept = []
            for n in dirnames:
                sub = d / n
                st = opts.settings_for(sub / "_")
                if not _excluded(sub, st, specs, is_dir=True):
                    kept.append(n)
            dirnames[:] = kept


def is_excluded(path: str | Path, settings: Settings) -> bool:
    """Whether ``exclude`` / ``extend-exclude`` / git's ignore rules (or a folder always skipped,
    such as ``.git`` or ``node_modules``, or a cache folder) exclude ``path`` or a folder above it.

    This is what ``--force-exclude`` applies to files named on the command line; ``include``
    is not applied to them (naming a file is the user's choice of what to lint).
    """
    f = Path(path)
    specs = IgnoreCache()
    root = Path(settings.data.get("_exclude_root", settings.root))
    try:
        parents = real_path(f).parent.relative_to(root).parts
    except ValueError:
        parents = ()
    if any(part in ALWAYS_SKIP for part in parents):
        return True
    # a pattern for a folder ("drafts/") matches the folder, so test each folder on the way
    for i in range(1, len(parents) + 1):
        folder = root.joinpath(*parents[:i])
        if is_cache_dir(folder) or _excluded(folder, settings, specs, is_dir=True):
            return True
    return _excluded(f, settings, specs, include=False)


def _excluded(f: Path, settings: Settings, specs: IgnoreCache, is_dir: bool = False, include: bool = True) -> bool:
    root = Path(settings.data.get("_exclude_root", settings.root))
    try:
        rel = real_path(f).relative_to(root).as_posix()
    except ValueError:
        rel = f.as_posix()
    if is_dir:
        rel += "/"
    for pat in list(settings.get("exclude", ())) + list(settings.get("extend-exclude", ())):
        if glob_match(rel, pat):
            return True
    patterns = settings.get("include") if include else None
    if patterns and not is_dir and not any(glob_match(rel, pat) for pat in patterns):
        return True
    return bool(settings.get("respect-gitignore", True)) and specs.ignored(
        real_path(f), is_dir, Path(settings.root).resolve()
    )
