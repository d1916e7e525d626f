"""The guidelines ``generate`` puts in the system message: the ones that matter for the task,
within a token budget.

A small model's context is small (2,048-4,096 tokens is common) and every rule of two packs,
with their reasons and long examples, is over 6,000 tokens. What goes in, by priority, until
the budget is spent:

1. the brand voice;
2. the terms the output must not contain and the preferred terms (the most actionable rules);
   terms the task itself mentions come first, as the model is most likely to repeat them;
3. one line per other rule (what it flags), errors before warnings before info;
4. a short example per rule ("instead of ... write ..."), when the example is short.

Rules of the term lists are not described again in 3. Tokens are estimated as characters / 4
(the usual rule of thumb for English with BPE tokenizers; no tokenizer is loaded).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from brandlint.rules.base import Rule

from .guidance import banned_terms, preferred_terms

__all__ = ["Guidelines", "budgeted_guidelines", "estimate_tokens"]

MAX_EXAMPLE_CHARS = 160
HEAD = "Follow the brand guidelines below."


def estimate_tokens(text: str) -> int:
    """Tokens of ``text``, estimated as characters / 4 (rounded up)."""
    return math.ceil(len(text) / 4)


@dataclass
class Guidelines:
    text: str
    tokens: int  # estimated
    included_rules: int
    omitted_rules: int
    included_terms: int
    omitted_terms: int


def _ranked(terms: list[str], task: str) -> list[str]:
    """Terms the task itself contains first, then single words before phrases (the words models
    reach for), in pack order otherwise; duplicates dropped."""
    low = task.lower()
    seen: set[str] = set()
    unique = []
    for t in terms:
        if t.lower() not in seen:
            seen.add(t.lower())
            unique.append(t)
    return sorted(unique, key=lambda t: (t.lower() not in low, len(t.split())))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _term_rule(r: Rule) -> bool:
    return (r.meta.kind == "existence" and bool(r.opts.get("tokens"))) or isinstance(r.opts.get("swap"), dict)


TERM_SHARE = 0.5  # at most this part of the budget for term lists before the rules are described


def budgeted_guidelines(rules: Iterable[Rule], budget_tokens: int, *, voice: str = "", task: str = "") -> Guidelines:
    """The guidelines of ``rules`` for a task (the rendered prompt), in at most ``budget_tokens``."""
    rules = list(rules)
    used = estimate_tokens(HEAD) + 1
    voice_line = "Brand voice: " + _one_line(voice) if voice.strip() else ""
    if voice_line and used + estimate_tokens(voice_line) + 1 <= budget_tokens:
        used += estimate_tokens(voice_line) + 1
    else:
        voice_line = ""
    term_rules = [r for r in rules if _term_rule(r)]
    banned = _ranked(banned_terms(term_rules), task)
    preferred = preferred_terms(term_rules)
    pref_by = {a: b for a, b in reversed(preferred)}
    lists = [
        ("Never use these words or phrases: ", ", ", banned),
        (
            "Preferred terms (write the one on the right): ",
            "; ",
            [f"{a} -> {pref_by[a]}" for a in _ranked(list(pref_by), task)],
        ),
    ]
    taken: list[list[str]] = [[], []]

    def cost(k: int, extra: list[str]) -> int:
        head, sep, _ = lists[k]
        items = taken[k] + extra
        return estimate_tokens(head + sep.join(items)) + 1 if items else 0

    def add_terms(limit: int, only: tuple[int, ...] = (0, 1)) -> None:
        nonlocal used
        for k in only:
            for item in lists[k][2][len(taken[k]) :]:
                more = cost(k, [item]) - cost(k, [])
                if used + more > limit:
                    break
                taken[k].append(item)
                used += more

    # terms first, alternating fairly: each list gets half of the term share to start with
    share = int(budget_tokens * TERM_SHARE)
    add_terms(used + (share - used) // 2 if lists[1][2] else share, only=(0,))
    add_terms(share, only=(1,))
    add_terms(share)
    # one line per other rule, most severe first
    others = sorted((r for r in rules if not _term_rule(r)), key=lambda r: (-int(r.meta.severity), r.id))
    described: dict[str, str] = {}
    for r in others:
        what = _one_line(r.meta.docs.what)
        line = f"- {what}"
        if what and used + estimate_tokens(line) + 1 <= budget_tokens:
            described[r.id] = line
            used += estimate_tokens(line) + 1
    for r in others:  # a short example per described rule, budget permitting
        d = r.meta.docs
        ex, inst = _one_line(d.example), _one_line(d.use_instead)
        if r.id in described and ex and inst and len(ex) + len(inst) <= MAX_EXAMPLE_CHARS:
            extra = f"\n  Instead of: {ex} Write: {inst}"
            if used + estimate_tokens(extra) <= budget_tokens:
                described[r.id] += extra
                used += estimate_tokens(extra)
    add_terms(budget_tokens)  # what is left: more terms
    lines = [HEAD] + ([voice_line] if voice_line else [])
    for k, (head, sep, _items) in enumerate(lists):
        if taken[k]:
            lines.append(head + sep.join(taken[k]))
    lines.extend(described[r.id] for r in others if r.id in described)
    text = "\n".join(lines)
    included_terms = len(taken[0]) + len(taken[1])
    return Guidelines(
        text=text,
        tokens=estimate_tokens(text),
        included_rules=len(described) + (len(term_rules) if included_terms else 0),
        omitted_rules=len(others) - len(described),
        included_terms=included_terms,
        omitted_terms=len(lists[0][2]) + len(lists[1][2]) - included_terms,
    )
