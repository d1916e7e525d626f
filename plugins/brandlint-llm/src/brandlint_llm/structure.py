"""What a rewrite must keep: Markdown inline structure and template placeholders.

A candidate rewrite is compared with the original unit as multisets (the model may reorder a
sentence, but not lose a link): links with their URLs, images, code spans (verbatim), emphasis,
strong emphasis, strikethrough, footnote references, inline HTML, bare URLs, and placeholders
such as ``{name}``, ``{{ name }}``, ``%(var)s``, ``%s``, ``${var}`` and ``[%key:...%]``.
"""

from __future__ import annotations

import copy
import functools
import re
from collections import Counter
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

PLACEHOLDER = re.compile(
    r"\[%[^\]\n]*?%\]"  # [%key:component::action%]
    r"|\{\{-?\s*[^{}\n]+?\s*-?\}\}"  # {{ name }} (Jinja, Handlebars)
    r"|\{%-?\s*[^{}\n]+?\s*-?%\}"  # {% tag %}
    r"|\$\{[^{}\s]+\}"  # ${var}
    r"|\{[A-Za-z_0-9][\w.\-]*(?:\s*,[^{}\n]*)?\}"  # {name}, {0}, {count, number}
    r"|%\([\w.\-]+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"  # %(var)s
    r"|%\d+\$[-#0 +]*\d*(?:\.\d+)?[sdif]"  # %1$s
    r"|%[-#0+]*\d*(?:\.\d+)?[sdif@](?![A-Za-z])"  # %s %d %.2f %@
)
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
BARE_URL = re.compile(r"(?<![(<\[\w])(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]")


def placeholders(text: str) -> Counter:
    return Counter(m.group(0) for m in PLACEHOLDER.finditer(text))


@functools.lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough").use(footnote_plugin)


def reference_env(document_text: str) -> dict[str, Any]:
    """markdown-it's env with the document's link reference definitions (for ``[text][ref]``)."""
    env: dict[str, Any] = {}
    try:
        _md().parse(document_text, env)
    except Exception:  # a document markdown-it cannot parse has no references to resolve
        return {}
    return {k: v for k, v in env.items() if k in ("references", "footnotes")}


def markdown_signature(text: str, env: dict[str, Any] | None = None) -> Counter:
    """The inline elements of ``text`` as a multiset of hashable tuples."""
    sig: Counter = Counter()
    local_env = copy.deepcopy(env) if env else {}
    tokens = _md().parseInline(text, local_env)
    for tok in tokens:
        for child in tok.children or ():
            t = child.type
            if t == "link_open":
                sig[("link", child.attrGet("href") or "")] += 1
            elif t == "image":
                sig[("image", child.attrGet("src") or "")] += 1
            elif t == "code_inline":
                sig[("code", child.content)] += 1
            elif t in ("em_open", "strong_open", "s_open"):
                sig[(t[:-5],)] += 1
            elif t == "footnote_ref":
                sig[("footnote", str(child.meta.get("label", child.meta.get("id", ""))))] += 1
            elif t == "html_inline":
                sig[("html", child.content)] += 1
            elif t == "text":
                for m in BARE_URL.finditer(child.content):
                    sig[("url", m.group(0))] += 1
                for m in FOOTNOTE_REF.finditer(child.content):  # a reference without a definition
                    sig[("footnote", m.group(1))] += 1
    return sig


_NAMES = {
    "link": "link",
    "image": "image",
    "code": "code span",
    "em": "emphasis",
    "strong": "strong emphasis",
    "s": "strikethrough",
    "footnote": "footnote reference",
    "html": "inline HTML",
    "url": "URL",
}


def _describe(item: tuple) -> str:
    name = _NAMES.get(item[0], item[0])
    if len(item) > 1:
        shown = item[1] if item[0] != "footnote" else f"[^{item[1]}]"
        return f"{name} {shown!r}" if item[0] != "code" else f"code span `{item[1]}`"
    return name


def structure_problem(
    original: str, candidate: str, *, markdown: bool = True, env: dict[str, Any] | None = None
) -> tuple[str, str] | None:
    """``(reason, detail)`` when ``candidate`` lost or added structure, else ``None``.

    ``reason`` is ``"broke-markdown"`` or ``"broke-placeholder"``.
    """
    po, pc = placeholders(original), placeholders(candidate)
    if po != pc:
        lost, added = po - pc, pc - po
        parts = []
        if lost:
            parts.append("dropped or changed placeholder " + ", ".join(sorted(lost)))
        if added:
            parts.append("added placeholder " + ", ".join(sorted(added)))
        return "broke-placeholder", "; ".join(parts)
    if markdown:
        so, sc = markdown_signature(original, env), markdown_signature(candidate, env)
    else:
        so = Counter(("url", m.group(0)) for m in BARE_URL.finditer(original))
        sc = Counter(("url", m.group(0)) for m in BARE_URL.finditer(candidate))
    if so != sc:
        lost, added = so - sc, sc - so
        parts = []
        if lost:
            parts.append("lost " + ", ".join(_describe(i) for i in sorted(lost)))
        if added:
            parts.append("added " + ", ".join(_describe(i) for i in sorted(added)))
        return "broke-markdown", "; ".join(parts)
    return None
