"""git's own ignore rules, to select files exactly as ``git status`` / ``git check-ignore`` do.

Sources, highest precedence first (gitignore(5)):

1. ``.gitignore`` in the path's folder, then in each folder above it up to the top of the working
   tree (a deeper file overrides a shallower one; within a file the last matching pattern wins,
   ``!pattern`` re-includes);
2. ``$GIT_DIR/info/exclude`` (the common git dir of a linked worktree);
3. the file named by ``core.excludesFile`` (default ``$XDG_CONFIG_HOME/git/ignore`` or
   ``~/.config/git/ignore``).

A folder that is ignored is not descended into, so nothing below it can be re-included (callers
test each folder on the way, as the walk prunes them). A nested repository (a folder with its
own ``.git``) has its own rules. Outside any repository only the ``.gitignore`` files from the
config's folder down apply. Tracked files are matched like any other (as Ruff and ripgrep do:
the index is not read).

Folders holding a ``CACHEDIR.TAG`` (https://bford.info/cachedir/) are caches, never content.
"""

from __future__ import annotations

import os
import subprocess
from functools import lru_cache
from pathlib import Path

from pathspec import GitIgnoreSpec

__all__ = ["CACHEDIR_SIGNATURE", "IgnoreCache", "is_cache_dir"]

CACHEDIR_SIGNATURE = b"Signature: 8a477f597d28d172789f06886806bc55"


def is_cache_dir(folder: Path) -> bool:
    """Whether ``folder`` holds a ``CACHEDIR.TAG`` with the standard signature."""
    try:
        with open(folder / "CACHEDIR.TAG", "rb") as fh:
            return fh.read(len(CACHEDIR_SIGNATURE)) == CACHEDIR_SIGNATURE
    except OSError:
        return False


def verdict(spec: GitIgnoreSpec, rel: str, is_dir: bool) -> bool | None:
    """git's verdict of one ignore file on ``rel`` (relative to the file's folder): True ignored,
    False re-included (``!``), None no pattern matches. The last matching pattern wins.

    Only matches of the path itself count: pathspec's patterns also match what lies below a
    matched folder (``drafts/`` matches ``drafts/a.md``), but git decides a folder's contents by
    the folder (pruned by the caller) and then by patterns that match the file itself, so
    ``drafts/`` + ``!drafts/`` in a higher file must not decide ``drafts/a.md``. Patterns that
    end in ``/**`` match everything inside their folder, though not the folder itself.
    """
    path = rel + ("/" if is_dir else "")
    for pat in reversed(spec.patterns):
        regex = getattr(pat, "regex", None)
        if pat.include is None or regex is None:
            continue
        m = regex.match(path)
        if m is None:
            continue
        whole = m.end() == len(path)
        inside = "ps_d" not in regex.groupindex  # a `dir/**` pattern (`^dir/`): what is inside dir
        if (not whole and inside) or (whole and not (inside and is_dir)):
            return bool(pat.include)
    return None


def _read_spec(path: Path) -> GitIgnoreSpec | None:
    try:
        lines = path.read_text("utf-8", "replace").splitlines()
    except OSError:
        return None
    return GitIgnoreSpec.from_lines(lines) if any(l.strip() and not l.startswith("#") for l in lines) else None


def _git_dir(top: Path) -> Path | None:
    """The common git dir of the working tree at ``top`` (``.git`` may be a file: a linked worktree)."""
    dot = top / ".git"
    if dot.is_dir():
        return dot
    try:
        first = dot.read_text("utf-8").splitlines()[0]
    except (OSError, IndexError):
        return None
    if not first.startswith("gitdir:"):
        return None
    gd = (top / first[len("gitdir:") :].strip()).resolve()
    try:
        return (gd / (gd / "commondir").read_text("utf-8").strip()).resolve()
    except OSError:
        return gd


@lru_cache(maxsize=64)
def global_excludes_file(top: Path) -> Path | None:
    """``core.excludesFile`` as git resolves it for the repository at ``top`` (or its default)."""
    try:
        out = subprocess.run(
            ["git", "config", "--path", "--get", "core.excludesFile"],
            cwd=top,
            capture_output=True,
            text=True,
            timeout=10,
        )
        if out.returncode == 0 and out.stdout.strip():
            return Path(out.stdout.strip()).expanduser()
    except (OSError, subprocess.SubprocessError):
        pass  # no git: its default location
    xdg = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(xdg) / "git" / "ignore"


class _Tree:
    """The ignore rules of one working tree (or of a folder outside any repository)."""

    def __init__(self, top: Path, in_repo: bool) -> None:
        self.top = top
        self.per_dir: dict[Path, GitIgnoreSpec | None] = {}
        self.base: list[GitIgnoreSpec] = []  # info/exclude, then core.excludesFile
        if in_repo:
            git_dir = _git_dir(top)
            for f in (git_dir / "info" / "exclude" if git_dir else None, global_excludes_file(top)):
                spec = _read_spec(f) if f is not None else None
                if spec is not None:
                    self.base.append(spec)

    def _spec(self, folder: Path) -> GitIgnoreSpec | None:
        if folder not in self.per_dir:
            self.per_dir[folder] = _read_spec(folder / ".gitignore")
        return self.per_dir[folder]

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """Whether git ignores ``path`` itself (folders above it are the caller's to test)."""
        try:
            rel = path.relative_to(self.top)
        except ValueError:
            return False
        if not rel.parts:
            return False
        folder = path.parent
        while True:
            spec = self._spec(folder)
            if spec is not None:
                v = verdict(spec, path.relative_to(folder).as_posix(), is_dir)
                if v is not None:
                    return v
            if folder == self.top:
                break
            folder = folder.parent
        for spec in self.base:
            v = verdict(spec, rel.as_posix(), is_dir)
            if v is not None:
                return v
        return False


class IgnoreCache:
    """git ignore rules for a walk: working trees found once, ``.gitignore`` files read once."""

    def __init__(self) -> None:
        self._top: dict[Path, tuple[Path, bool] | None] = {}
        self._trees: dict[tuple[Path, bool], _Tree] = {}

    def _top_for(self, folder: Path) -> tuple[Path, bool] | None:
        """(top of the working tree holding ``folder``, True) or None outside any repository."""
        if folder in self._top:
            return self._top[folder]
        found: tuple[Path, bool] | None
        if (folder / ".git").exists():
            found = (folder, True)
        elif folder.parent == folder:
            found = None
        else:
            found = self._top_for(folder.parent)
        self._top[folder] = found
        return found

    def ignored(self, path: Path, is_dir: bool, root: Path) -> bool:
        """Whether git ignores ``path`` (absolute, resolved); ``root`` is the config's folder,
        the top used outside any repository."""
        top = self._top_for(path if is_dir else path.parent)
        if top is not None and top[0] == path:
            top = self._top_for(path.parent)  # a nested repository's own folder: the outer tree decides
        key = top if top is not None else (root, False)
        tree = self._trees.get(key)
        if tree is None:
            tree = self._trees[key] = _Tree(*key)
        return tree.ignored(path, is_dir)
