"""The plugin host: hook specifications and the loader."""
from .hookspecs import hookimpl, hookspec

__all__ = ["hookimpl", "hookspec"]
