"""Built-in document formats, registered like any third-party plugin."""

from __future__ import annotations

from ..documents.json_doc import JsonFormat
from ..documents.jsonl_doc import JsonlFormat
from ..documents.markdown import MarkdownFormat
from ..documents.text import TextFormat
from .hookspecs import hookimpl
from .protocols import DocumentFormat


@hookimpl
def brandlint_document_formats() -> list[DocumentFormat]:
    return [MarkdownFormat(), JsonFormat(), JsonlFormat(), TextFormat()]
