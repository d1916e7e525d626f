"""Built-in document formats, registered like any third-party plugin."""
from __future__ import annotations

from .hookspecs import hookimpl


@hookimpl
def brandlint_document_formats():
    from ..documents.json_doc import JsonFormat, JsonlFormat
    from ..documents.markdown import MarkdownFormat
    from ..documents.text import TextFormat
    return [MarkdownFormat(), JsonFormat(), JsonlFormat(), TextFormat()]
