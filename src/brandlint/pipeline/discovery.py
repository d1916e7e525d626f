"""Which files a run lints: walking folders, ``exclude`` / ``include`` globs and ``.gitignore``."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from pathspec import PathSpec

from ..config.settings import Settings, compile_globs, glob_match, real_path
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
    ".tox",
    ".nox",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
}

#: ``.gitignore`` matchers per config root (None: the root has none), for one walk
GitignoreSpecs = dict[Path, "PathSpec | None"]


def _gitignore_spec(root: Path) -> PathSpec | None:
    lines: list[str] = []
    for name in (".gitignore", ".git/info/exclude"):
        p = root / name
        if p.is_file():
            lines += p.read_text("utf-8", "replace").splitlines()
    return compile_globs(tuple(lines)) if lines else None


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
        specs: GitignoreSpecs = {}
        for dirpath, dirnames, filenames in os.walk(p):
            d = Path(dirpath)
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
    """Whether ``exclude`` / ``extend-exclude`` / ``.gitignore`` (or a folder always skipped,
    such as ``.git`` or ``node_modules``) excludes ``path`` or a folder above it.

    This is what ``--force-exclude`` applies to files named on the command line; ``include``
    is not applied to them (naming a file is the user's choice of what to lint).
    """
    f = Path(path)
    specs: GitignoreSpecs = {}
    root = Path(settings.data.get("_exclude_root", settings.root))
    try:
        parents = real_path(f).parent.relative_to(root).parts
    except ValueError:
        parents = ()
    if any(part in ALWAYS_SKIP for part in parents):
        return True
    # a pattern for a folder ("drafts/") matches the folder, so test each folder on the way
    for i in range(1, len(parents) + 1):
        if _excluded(root.joinpath(*parents[:i]), settings, specs, is_dir=True):
            return True
    return _excluded(f, settings, specs, include=False)


def _excluded(f: Path, settings: Settings, specs: GitignoreSpecs, is_dir: bool = False, include: bool = True) -> bool:
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
    if settings.get("respect-gitignore", True):
        if settings.root not in specs:
            specs[settings.root] = _gitignore_spec(settings.root)
        spec = specs[settings.root]
        try:
            grel = real_path(f).relative_to(settings.root).as_posix() + ("/" if is_dir else "")
        except ValueError:
            grel = None
        if spec is not None and grel and spec.match_file(grel):
            return True
    return False
