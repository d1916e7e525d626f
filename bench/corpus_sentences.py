"""Real sentences from ../shared/corpus, each with the place it came from.

Used by the labelled-set samplers (``bench/passive_sample.py``), ``bench/fix_safety.py`` and the
tests that read stored pointers back. Three sources:

* ``md_docs`` and ``md_marketing``: Markdown files. Front matter, fenced code, headings, tables,
  HTML lines, Liquid/Nunjucks tags and link definitions are skipped; the other lines are joined
  into paragraphs (a list item starts a new one, its marker removed) and split into sentences with
  brandlint's own splitter (``brandlint.rules.text.sentences``). A hard-wrapped sentence is kept
  with its line breaks turned into single spaces.
* ``alpaca``: the ``output`` field of the model answers in
  ``json_content/alpaca_eval/alpaca_eval_model_outputs_25models.jsonl`` (the record's line number is
  the ``line``; ``field_line`` is the line inside the answer), split the same way.

A :class:`Sentence` is addressed by ``(source, line, field_line, col)``: ``col`` is the offset of
the sentence in its paragraph text. :func:`resolve` finds it again, so a data file can store the
address and a hash instead of the text (model outputs are internal test data only and are not
copied into the repository; see ../shared/corpus/README.md).
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from brandlint.rules.text import ALNUM_WORD as WORD  # noqa: E402
from brandlint.rules.text import sentences  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
ALPACA = "json_content/alpaca_eval/alpaca_eval_model_outputs_25models.jsonl"
SOURCES = ("md_docs", "md_marketing", "alpaca")

_SKIP_LINE = re.compile(r"^\s*(?:#|\||<|\{%|\{\{|\[[^\]]+\]:\s|-{3,}\s*$|={3,}\s*$|\*{3,}\s*$|!\[|:::|\{:)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^\s*>\s?")


@dataclass(frozen=True)
class Sentence:
    source: str  # path relative to the corpus folder
    line: int  # 1-based line of the file (alpaca: of the JSONL record)
    col: int  # offset of the sentence in its paragraph text
    text: str
    field_line: int = 0  # alpaca: 1-based line inside the answer; 0 for Markdown files
    generator: str = ""

    @property
    def kind(self) -> str:
        return "alpaca" if self.source == ALPACA else self.source.split("/", 1)[0]

    @property
    def sha1(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:12]

    def pointer(self) -> dict:
        return {
            "source": self.source,
            "line": self.line,
            "field_line": self.field_line,
            "col": self.col,
            "sha1": self.sha1,
        }


def paragraphs(text: str) -> Iterator[tuple[int, str, tuple[int, ...]]]:
    """``(first line, paragraph text, offset of each joined line)`` for the prose paragraphs of a
    Markdown text (lines 1-based)."""
    lines = text.split("\n")
    i = 0
    if lines and lines[0].strip() == "---":  # YAML front matter
        for j in range(1, len(lines)):
            if lines[j].strip() in ("---", "..."):
                i = j + 1
                break
    in_fence = False
    cur: list[str] = []
    start = 0

    def flush():
        nonlocal cur
        parts = [x.strip() for x in cur]
        cur = []
        if not any(parts):
            return None
        starts, pos = [], 0
        for x in parts:
            starts.append(pos)
            pos += len(x) + 1
        return (start, " ".join(parts), tuple(starts))

    for n in range(i, len(lines)):
        line = lines[n].rstrip("\r")
        if _FENCE.match(line):
            out = flush()
            if out:
                yield out
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if not line.strip() or _SKIP_LINE.match(line) or (line.startswith("    ") and not cur):
            out = flush()
            if out:
                yield out
            continue
        line = _QUOTE.sub("", line)
        m = _ITEM.match(line)
        if m:
            out = flush()
            if out:
                yield out
            line = line[m.end() :]
        if not cur:
            start = n + 1
        cur.append(line)
    out = flush()
    if out:
        yield out


def _sentences_of(text: str, source: str, line0: int | None, field: bool, generator: str = "") -> Iterator[Sentence]:
    for first, para, starts in paragraphs(text):
        for a, b in sentences(para):
            line = first + bisect.bisect_right(starts, a) - 1
            if field:
                yield Sentence(source, line0, a, para[a:b], field_line=line, generator=generator)
            else:
                yield Sentence(source, line, a, para[a:b])


def file_sentences(rel: str) -> Iterator[Sentence]:
    path = CORPUS / rel
    yield from _sentences_of(path.read_text("utf-8", errors="replace"), rel, None, False)


def md_files(kind: str) -> list[str]:
    """Markdown files of ``md_docs`` or ``md_marketing`` (relative to the corpus), sorted."""
    base = CORPUS / kind
    return sorted(str(p.relative_to(CORPUS)) for p in base.rglob("*.md"))


@lru_cache(maxsize=1)
def alpaca_records() -> tuple[dict, ...]:
    with (CORPUS / ALPACA).open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


def alpaca_sentences(index: int) -> Iterator[Sentence]:
    rec = alpaca_records()[index]
    yield from _sentences_of(rec.get("output") or "", ALPACA, index + 1, True, rec.get("generator", ""))


def all_sentences(kind: str) -> Iterator[Sentence]:
    if kind == "alpaca":
        for i in range(len(alpaca_records())):
            yield from alpaca_sentences(i)
    else:
        for rel in md_files(kind):
            yield from file_sentences(rel)


def eligible(s: Sentence, min_words: int = 6, max_words: int = 45) -> bool:
    """A complete prose sentence: starts with a capital, ends with . ! or ?, no template syntax."""
    t = s.text
    if not t[:1].isupper() or t[-1:] not in ".!?" or t.endswith("..."):
        return False
    if any(x in t for x in ("{{", "{%", "<", "|", "```", "\t")):
        return False
    n = len(WORD.findall(t))
    return min_words <= n <= max_words


def resolve(pointer: dict) -> str:
    """The text of a stored sentence address; raises LookupError if the corpus changed."""
    src, line, col = pointer["source"], pointer["line"], pointer["col"]
    if src == ALPACA:
        cands = [s for s in alpaca_sentences(line - 1) if s.field_line == pointer.get("field_line") and s.col == col]
    else:
        cands = [s for s in file_sentences(src) if s.line == line and s.col == col]
    for s in cands:
        if "sha1" not in pointer or s.sha1 == pointer["sha1"]:
            return s.text
    raise LookupError(f"sentence {pointer} not found in {CORPUS / src} (corpus changed?)")
