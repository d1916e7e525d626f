"""What the model is told and how its answer is read: the system prompt, the answer schema,
the brand guidance of the rules involved, and parsing a structured answer."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from brandlint.rules.base import Rule

from .outcomes import CONTROL, MALFORMED, SCHEMA

REWRITE_SCHEMA = {
    "type": "object",
    "properties": {"rewrite": {"type": "string"}},
    "required": ["rewrite"],
    "additionalProperties": False,
}

SYSTEM = """You are the copy editor of a brand. You rewrite one short passage at a time so that it follows the brand's guidelines.
Rules for every rewrite:
- Fix every problem listed. Do not use any word or phrase the guidelines ban.
- Keep the meaning, the facts, the language and about the same length. Do not add sentences, headings, list items or line breaks.
- Keep every Markdown link with its exact URL, every `code span`, every *emphasis* and **strong emphasis**, every footnote reference such as [^1], and every placeholder such as {name}, {{name}}, %(var)s, %s or [%key:...%] exactly as written.
- Answer with a JSON object only: {"rewrite": "<the rewritten passage>"}"""

_FENCE = re.compile(r"\A```(?:json)?\s*\n?(.*?)\n?```\s*\Z", re.S)


def shorten(text: str, n: int = 160) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


#: Chat-template and control tokens of the common model families (Llama 2/3, ChatML/Qwen, Gemma,
#: Mistral, Phi, Alpaca-style headers). In an answer they mean the model ran past its turn.
_CONTROL = re.compile(
    r"\[/?INST\]|<</?SYS>>|<\|[A-Za-z0-9_]+\|>|<(?:start|end)_of_turn>|</?s>|<unk>|<pad>"
    r"|^#{2,3} ?(?:Instruction|Response|Input|System|Human|Assistant):",
    re.M,
)


def control_token(text: str, source: str = "") -> str | None:
    """The first chat-template or control token in ``text`` that ``source`` (the passage the model
    was given, if any) does not contain itself; None when there is none."""
    for m in _CONTROL.finditer(text):
        if m.group(0) not in source:
            return m.group(0)
    return None


def parse_answer(answer: str, key: str, source: str = "") -> tuple[str, str | None, str]:
    """``(value, reason, detail)`` from a structured answer; ``reason`` is None when usable.

    A value holding a chat-template or control token that ``source`` lacks is rejected
    (``template-token``): the model wrote past its turn, and what follows is not content."""
    s = answer.strip()
    m = _FENCE.match(s)
    if m:  # ```json ... ``` around an otherwise valid answer
        s = m.group(1).strip()
    try:
        data = json.loads(s)
    except ValueError:
        return "", MALFORMED, f"the answer is not JSON: {shorten(answer, 80)!r}"
    if not isinstance(data, dict) or not isinstance(data.get(key), str):
        return (
            "",
            SCHEMA,
            (f"the answer ignores the JSON schema (expected an object with a string {key!r}): {shorten(answer, 80)!r}"),
        )
    token = control_token(data[key], source)
    if token is not None:
        return "", CONTROL, f"the answer contains the chat-template token {token!r}: {shorten(data[key], 80)!r}"
    return data[key], None, ""


def preferred_terms(rules: Iterable[Rule]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for r in rules:
        swap = r.opts.get("swap")
        if isinstance(swap, dict):
            out.extend((str(a), str(b)) for a, b in swap.items())
    return out


def banned_terms(rules: Iterable[Rule]) -> list[str]:
    out: list[str] = []
    for r in rules:
        if r.meta.kind == "existence":
            out.extend(str(t) for t in r.opts.get("tokens") or ())
    return out


def rule_guidance(rule: Rule) -> list[str]:
    m = rule.meta
    d = m.docs
    lines = [f"Guideline {m.id}:"]
    if d.what.strip():
        lines.append("  " + " ".join(d.what.split()))
    if d.why.strip():
        lines.append("  Why: " + " ".join(d.why.split()))
    if d.example.strip() and d.use_instead.strip():
        lines.append(f"  Instead of: {' '.join(d.example.split())}")
        lines.append(f"  Write: {' '.join(d.use_instead.split())}")
    elif d.use_instead.strip():
        lines.append("  Write like: " + " ".join(d.use_instead.split()))
    sugg = rule.opts.get("suggestions")
    if isinstance(sugg, list | tuple) and sugg:  # the spelling kind's "suggestions" is a count
        lines.append("  Suggested alternatives: " + ", ".join(map(str, sugg)))
    return lines
