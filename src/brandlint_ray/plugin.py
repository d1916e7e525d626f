"""The plugin: registers the ``ray`` runner / corpus engine. Nothing heavy is imported here."""

from __future__ import annotations

from brandlint.errors import BrandlintError
from brandlint.plugins.hookspecs import hookimpl
from brandlint.plugins.protocols import Runner, RunnerFactory

__all__ = ["make_engine"]


def make_engine(jobs: int) -> Runner:
    """``factory(jobs)`` of the ``ray`` runner: a :class:`~brandlint_ray.engine.RayEngine`."""
    try:
        from .engine import RayEngine  # lazy: Ray (~1 s to import) loads only for --engine ray
    except ImportError as exc:
        if exc.name and exc.name.split(".")[0] in ("ray", "pyarrow", "pandas"):
            raise BrandlintError(
                f"the Ray engine needs Ray Data ({exc.name} is not installed): pip install 'brandlint[ray]'"
            ) from None
        raise
    return RayEngine(jobs)


@hookimpl
def brandlint_runners() -> dict[str, RunnerFactory]:
    return {"ray": make_engine}
