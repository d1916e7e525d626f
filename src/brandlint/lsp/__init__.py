"""The brandlint language server: diagnostics, quick fixes and hovers in any LSP editor.

Run it with ``brandlint lsp`` (stdio). Needs the ``lsp`` extra (``pip install 'brandlint[lsp]'``,
which brings pygls 2.x); this package imports pygls only when the server starts, so
``brandlint.lsp.linting`` and ``brandlint.lsp.positions`` work without it.
"""

from __future__ import annotations

from ..errors import BrandlintError

MISSING = (
    "the language server needs pygls 2.x: install it with "
    "`pip install 'brandlint[lsp]'` (or `pip install 'pygls>=2.0'`)"
)


def start_io() -> None:
    """Serve one editor over stdin/stdout; raises BrandlintError when pygls is missing."""
    try:  # lazy: pygls and lsprotocol are optional (the lsp extra); only this command needs them
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
        from pygls.lsp.server import LanguageServer  # noqa: F401  (pygls 1.x has no pygls.lsp.server)
    except ImportError:
        raise BrandlintError(MISSING) from None
    from .server import start_io as _start  # lazy: the server imports pygls (checked above)

    _start()
