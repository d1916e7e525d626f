"""Fixing many files: the fix loop as a run's job (worker pools included), and choosing a fixer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..config.settings import Settings
from ..errors import BrandlintError
from ..pipeline import Run, RunOptions, discover, run_files
from ..plugins.manager import Registry
from ..plugins.protocols import Fixer
from ..results import FileResult, internal_error
from .loop import DEFAULT_MAX_PASSES, DeterministicFixer, FixOutcome, fix_file, no_fix_outcome

__all__ = ["FixJob", "fix_paths", "fixer_for"]


def fixer_for(registry: Registry, name: str | None, *, max_passes: int = DEFAULT_MAX_PASSES) -> Fixer:
    """The fixer named ``name`` (registered by a plugin), or the deterministic one for None."""
    if not name:
        return DeterministicFixer(max_passes)
    fixer = registry.fixers.get(name)
    if fixer is None:
        known = ", ".join(sorted(registry.fixers)) or "none"
        raise BrandlintError(
            f"no plugin provides the fixer {name!r} (installed fixers: {known}); see `brandlint plugins`"
        )
    if not isinstance(fixer, Fixer):
        raise BrandlintError(f"the fixer {name!r} fixes single findings in editors only, not whole files")
    return fixer


@dataclass
class FixJob:
    """Fix each file of a run (picklable: it travels to worker processes)."""

    options: RunOptions
    fixer: str | None = None  # a registered fixer's name; None: the deterministic one
    unsafe: bool = False
    max_passes: int = DEFAULT_MAX_PASSES
    diff_only: bool = False
    show_fixes: bool = False

    def settle(self, path: Path, settings: Settings, explicit: bool) -> FixOutcome | None:
        return no_fix_outcome(path, explicit, settings)

    def work(self, path: Path, settings: Settings) -> FixOutcome:
        fixer = fixer_for(settings.registry, self.fixer, max_passes=self.max_passes)
        try:
            return fix_file(
                path,
                settings,
                unsafe=self.unsafe,
                max_passes=self.max_passes,
                diff_only=self.diff_only,
                fixer=fixer,
                show_fixes=self.show_fixes,
            )
        except BrandlintError:
            raise  # a problem of the whole run: exit 2
        except Exception as exc:  # a fixer's bug: this file stays as it was, the run goes on
            f = internal_error(f"the {fixer.name} fixer", exc, str(path), skipped="the file was not changed")
            return FixOutcome(path, "", "", remaining=[f], result=FileResult(str(path), [f]))

    def finish(self, path: Path, settings: Settings, output: FixOutcome) -> FixOutcome:
        return output


def fix_paths(
    paths: Iterable[str | Path],
    options: RunOptions | None = None,
    *,
    unsafe: bool = False,
    max_passes: int = DEFAULT_MAX_PASSES,
    diff_only: bool = False,
    fixer: str | None = None,
    show_fixes: bool = False,
) -> Run[FixOutcome]:
    """Fix every file :func:`brandlint.pipeline.discover` finds under ``paths``, in order.

    With ``options.jobs`` > 1, files are fixed in worker processes (each file by one worker);
    the outcomes come back in the same order. ``fixer`` names a plugin's fixer (its
    ``max_jobs`` is the caller's to respect).
    """
    opts = options or RunOptions()
    job = FixJob(opts, fixer=fixer, unsafe=unsafe, max_passes=max_passes, diff_only=diff_only, show_fixes=show_fixes)
    return run_files(discover(paths, opts), job, opts)
