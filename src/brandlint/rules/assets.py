"""The ``assets`` kind: consistency with the brand's assets.

In Markdown documents:

* links and images to local files must resolve (the file exists), and ``#anchors`` must name a
  heading (GitHub's slugs), an ``id``/``name`` attribute or a ``{#id}`` of the target document;
* images must come from approved asset paths (globs relative to the project root) or hosts;
* images must have alt text (the alt text itself is prose: every rule lints it, scope ``alt``);
* image and link file names that look like a logo (``logo-pattern``) must be an approved logo.

In every format: colour codes (``#0a66c2``, ``#fff``) outside the brand's palette are reported.

Inline links and images, reference definitions and HTML ``<img src>`` are read from the source;
fenced and indented code blocks and inline code are skipped. Whether a file or anchor exists
depends on other files, so this kind opts out of the result cache (:meth:`cache_token`).
"""

from __future__ import annotations

import fnmatch
import re
import uuid
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from ..documents.md_parser import parser
from ..findings import Finding
from .base import FixAvailability, Option, Rule, RuleMeta

_LINK = re.compile(r"(!?)\[((?:[^\[\]\\]|\\.)*)\]\(\s*(<[^>\n]*>|[^)\s]+)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
_IMG_TAG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"'][^>]*>", re.I)
_ALT_ATTR = re.compile(r"\balt\s*=\s*[\"']([^\"']*)[\"']", re.I)
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
_COLOR = re.compile(r"(?<![\w&/(\]#])#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})(?![\w-])")
_ANCHOR_ATTR = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"']+)["']|\{#([\w-]+)\}""")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_MD = (".md", ".markdown", ".mdx")


def slug(text: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def _heading_text(inline) -> str:
    return "".join(c.content for c in (inline.children or ()) if c.type in ("text", "code_inline")) or inline.content


@lru_cache(maxsize=256)
def _anchors_in(source: str) -> frozenset[str]:
    """Anchors a Markdown source defines: heading slugs (numbered when repeated) and id/name attributes."""
    tokens = parser(True).parse(source)
    seen: dict[str, int] = {}
    out: set[str] = set()
    for i, t in enumerate(tokens):
        if t.type == "heading_open" and i + 1 < len(tokens):
            text = _heading_text(tokens[i + 1])
            explicit = re.search(r"\{#([\w-]+)\}\s*$", text)
            if explicit:
                out.add(explicit.group(1))
                text = text[: explicit.start()]
            s = slug(text)
            n = seen.get(s, 0)
            out.add(s if n == 0 else f"{s}-{n}")
            seen[s] = n + 1
    for m in _ANCHOR_ATTR.finditer(source):
        out.add(m.group(1) or m.group(2))
    return frozenset(out)


def _code_ranges(source: str) -> list[tuple[int, int]]:
    """Source ranges of code: fenced and indented blocks, inline code spans."""
    starts = [0]
    for line in source.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    out = []
    for t in parser(True).parse(source):
        if t.type in ("fence", "code_block", "front_matter") and t.map:
            out.append((starts[t.map[0]], starts[min(t.map[1], len(starts) - 1)]))
    out += [(m.start(), m.end()) for m in _INLINE_CODE.finditer(source)]
    return out


class AssetsRule(Rule):
    """Links, images, alt text, colours and logos must match the brand's assets."""

    kind = "assets"
    summary = "Check links and images resolve, images come from approved assets, alt text, palette, logos."
    default_message = "{problem}"
    fix_availability = FixAvailability.NEVER
    segment_local = False
    options = {
        "check-links": Option("bool", True, "local links and images must exist, anchors must name a heading"),
        "require-alt": Option("bool", True, "images must have alt text"),
        "asset-paths": Option("str-list", [], "globs (from the project root) images may come from"),
        "asset-hosts": Option("str-list", [], "hosts remote images may come from"),
        "colors": Option("str-list", [], "the brand palette (#rrggbb or #rgb); other colour codes are reported"),
        "logos": Option(
            "str-list", [], "approved logo file names; other file names matching logo-pattern are reported"
        ),
        "logo-pattern": Option("str", "logo", "a regular expression (case-insensitive) for logo file names"),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        self.palette = set()
        for i, c in enumerate(self.opts["colors"]):
            if not re.fullmatch(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})", c):
                raise self.config_error(f"expected a colour code like #0a66c2 or #fff, got {c!r}", "colors", i)
            self.palette.add(_norm_color(c))
        try:
            self.logo = re.compile(self.opts["logo-pattern"], re.I)
        except re.error as exc:
            raise self.config_error(f"invalid regular expression: {exc}", "logo-pattern") from None

    def cache_token(self) -> str:
        return uuid.uuid4().hex  # findings depend on other files: never served from the cache

    def _at(self, doc, start: int, end: int, problem: str) -> Finding:
        return Finding(
            rule_id=self.meta.id,
            severity=self.meta.severity,
            message=self.message(problem=problem),
            path=doc.path,
            span=doc.span(start, end),
            matched=doc.source[start:end],
        )

    def check(self, doc, ctx) -> Iterator[Finding]:
        source = doc.source
        markdown = doc.format == "markdown"
        code = _code_ranges(source) if markdown else []

        def in_code(pos: int) -> bool:
            return any(a <= pos < b for a, b in code)

        if self.palette:
            for m in _COLOR.finditer(source):
                if _norm_color(m.group(0)) not in self.palette and not in_code(m.start()):
                    yield self._at(doc, m.start(), m.end(), f"colour {m.group(0)} is not in the brand palette")
        if not markdown:
            return
        root = Path(getattr(ctx.settings, "root", ".") or ".")
        base = Path(doc.path).parent
        refs: list[tuple[int, int, str, bool, str | None]] = []  # start, end, destination, image, alt
        for m in _LINK.finditer(source):
            dest = m.group(3)[1:-1] if m.group(3).startswith("<") else m.group(3)
            refs.append((m.start(3), m.end(3), dest, bool(m.group(1)), m.group(2) if m.group(1) else None))
        for m in _REF_DEF.finditer(source):
            dest = m.group(1)[1:-1] if m.group(1).startswith("<") else m.group(1)
            refs.append((m.start(1), m.end(1), dest, False, None))
        for m in _IMG_TAG.finditer(source):
            alt_attr = _ALT_ATTR.search(m.group(0))
            refs.append((m.start(1), m.end(1), m.group(1), True, alt_attr.group(1) if alt_attr else ""))
        for start, end, dest, image, alt in sorted(refs):
            if in_code(start):
                continue
            yield from self._check_ref(doc, start, end, dest, image, alt, base, root)

    def _check_ref(self, doc, start, end, dest, image, alt, base: Path, root: Path) -> Iterator[Finding]:
        o = self.opts
        url = urlsplit(dest)
        remote = bool(_SCHEME.match(dest)) or dest.startswith("//")
        name = PurePosixPath(unquote(url.path)).name
        if image and o["require-alt"] and alt is not None and not alt.strip():
            yield self._at(
                doc, start, end, f"image {dest!r} has no alt text: describe it for readers who cannot see it"
            )
        if image and (o["asset-paths"] or o["asset-hosts"]):
            if remote:
                if (url.hostname or "") not in o["asset-hosts"]:
                    yield self._at(doc, start, end, f"image host {url.hostname!r} is not an approved asset host")
            else:
                rel = _relative(_resolve(unquote(url.path), base, root), root)
                if not any(fnmatch.fnmatchcase(rel, g) for g in o["asset-paths"]):
                    yield self._at(doc, start, end, f"image {dest!r} is not under an approved asset path")
        if o["logos"] and name and self.logo.search(name) and name not in o["logos"]:
            yield self._at(doc, start, end, f"logo file {name!r} is not an approved logo")
        if not o["check-links"] or remote:
            return
        path = unquote(url.path)
        target: Path | None = None
        if path:
            target = _resolve(path, base, root)
            if not target.exists():
                yield self._at(doc, start, end, f"{dest!r} does not resolve: {_relative(target, root)} does not exist")
                return
        if url.fragment and not image:
            if target is None:
                text = doc.source
            elif target.suffix.lower() in _MD and target.is_file():
                try:
                    text = target.read_text("utf-8")
                except (OSError, UnicodeDecodeError):
                    return
            else:
                return  # anchors of other kinds of files are not checked
            if unquote(url.fragment) not in _anchors_in(text):
                where = "this document" if target is None else _relative(target, root)
                yield self._at(doc, start, end, f"anchor '#{url.fragment}' is not a heading or id in {where}")


def _norm_color(c: str) -> str:
    c = c.lower()
    return "#" + "".join(ch * 2 for ch in c[1:]) if len(c) == 4 else c


def _resolve(path: str, base: Path, root: Path) -> Path:
    return (root / path.lstrip("/")) if path.startswith("/") else (base / path)


def _relative(target: Path, root: Path) -> str:
    try:
        return target.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return target.as_posix()
