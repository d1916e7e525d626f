"""The ``substitution`` kind: listed terms with a preferred replacement, fixed case-preservingly.

Observed terms go through the shared :class:`~brandlint.rules.term_matcher.TermMatcher`.

A ``swap`` value is the replacement, or a table that also says when the fix is safe::

    [swap]
    "e-mail" = "email"
    "have the ability to" = { to = "can", safe-after = '\\b(?:I|you|we|they)\\s+$', unsafe-before = '^\\s*,?\\s*or\\s+to\\b' }
    "with respect to" = { to = "about", unsafe = true }

``unsafe`` marks the entry's fix unsafe (default: the rule's ``unsafe``); ``safe-after`` (RE2,
searched in the text before the match) must match for the fix to be safe; ``unsafe-before`` (RE2,
matched at the text after the match) makes it unsafe when it matches. An entry with a condition is
safe wherever its conditions hold, even in a rule whose default is ``unsafe = true``. A fix that
fails a condition is still offered, as unsafe.

With ``regex = true`` (Vale's swap) the keys are RE2 patterns and the values plain strings.

Article agreement: when the replacement starts with another sound than the match ("an added
bonus" → "a bonus"), the "a"/"an" right before the match is corrected in the same edit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..documents.base import Document, Segment
from ..findings import Applicability, Finding, Fix
from ..patterns import compile_pattern
from .base import FixAvailability, Option, Rule, RuleContext, RuleMeta, contiguous_source_range, source_edit
from .term_matcher import Term, TermRule
from .text import normalize_term, preserve_case

ENTRY_KEYS = frozenset({"to", "unsafe", "safe-after", "unsafe-before"})
CONTEXT = 120  # characters of context the conditions see on each side

_ARTICLE_BEFORE = re.compile(r"(?:^|(?<=[^\w'’]))([Aa]n?)(\s+)$")
_FIRST_WORD = re.compile(r"[^\W_]+")
#: Words that start with a vowel letter but a consonant sound, and the reverse (lower case prefixes).
_CONSONANT_SOUND = ("one", "once", "euro", "eu", "ewe", "uni", "use", "usu", "uti", "ure", "ubiq", "ufo", "u.s")
_VOWEL_SOUND = re.compile(
    r"(?:[aeio]|u(?!ni|nan|s[eu]|til|ku|r[aeiou])|hour|honest|honor|honour|heir|[AEFHILMNORSX](?:[A-Z]|$))"
)


def article_for(word: str) -> str:
    """``a`` or ``an`` before ``word``, from its first sound (a spelling heuristic; acronyms are read
    letter by letter: "an FAQ", "a URL")."""
    if not word:
        return "a"
    acronym = len(word) == 1 or (word.isupper() and word.isalpha() and len(word) <= 5)
    w = word.upper() if acronym else word.lower()
    if not acronym and w.startswith(_CONSONANT_SOUND):
        return "a"
    return "an" if _VOWEL_SOUND.match(w) else "a"


@dataclass(frozen=True)
class Swap:
    """One ``swap`` entry: the replacement and when its fix is safe."""

    to: str
    unsafe: bool = False
    safe_after: Any = None  # compiled RE2 or None
    unsafe_before: Any = None


class SubstitutionRule(TermRule):
    """Flags a term that has a preferred replacement and offers a case-preserving fix."""

    kind = "substitution"
    summary = "Replace listed terms with the preferred form (safe, case-preserving fix)."
    fix_availability = FixAvailability.ALWAYS
    segment_local = True
    options = {
        "swap": Option(
            "any",
            {},
            "observed term → preferred term, or a table { to, unsafe, safe-after, unsafe-before }",
            required=True,
        ),
        "ignorecase": Option("bool", True, "match regardless of case"),
        "nonword": Option("bool", False, "Vale's nonword: do not require word boundaries around terms"),
        "preserve-case": Option("bool", True, "carry the match's capitalisation to the fix"),
        "exceptions": Option("str-list", [], "matches to allow"),
        "unsafe": Option("bool", False, "mark the fix unsafe (may change meaning)"),
        "regex": Option(
            "bool",
            False,
            "Vale's swap: keys are RE2 patterns (edge lookarounds allowed); a value 'a|b' offers "
            "either; a match the value's pattern matches entirely is not reported",
        ),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        swap = opts.get("swap")
        if not swap or not isinstance(swap, dict):
            raise self.config_error("give at least one term", "swap", hint='e.g. [swap] "e-mail" = "email"')
        self._swaps: list[tuple[Any, str, Any]] = []  # regex = true (Vale): (key RE2, value, value RE2)
        self._entries: dict[str, Swap] = {}
        if not opts.get("regex"):
            self._entries = {observed: self._entry(observed, value) for observed, value in swap.items()}
            return
        ic = opts.get("ignorecase", True)
        wrap = "(?:{})" if opts.get("nonword") else r"\b(?:{})\b"
        # longest keys first: Vale joins them in one alternation, where the first that matches wins
        for key, value in sorted(swap.items(), key=lambda kv: -len(kv[0])):
            if not isinstance(value, str):
                raise self.config_error("with regex = true, a swap value must be a string", "swap", key)
            look = _EDGE_LOOK.fullmatch(key)
            body = wrap.format(look.group(2)) if look else wrap.format(key)
            if look:
                body = (look.group(1) or "") + body + (look.group(3) or "")
            rx = self.compile_option(body, "swap", key, ignorecase=ic)
            try:
                same = compile_pattern(value, ic)
            except ValueError:
                same = None
            self._swaps.append((rx, value, same))
        if any("|" in v for v in swap.values()):
            # this rule's alternatives get suggestions only (the kind declares ALWAYS)
            vars(self)["fix_availability"] = FixAvailability.SOMETIMES

    def _entry(self, observed: str, value: Any) -> Swap:
        if isinstance(value, str):
            return Swap(value, bool(self.opts.get("unsafe")))
        if not isinstance(value, dict):
            raise self.config_error(
                f"expected a string or a table, got {type(value).__name__}",
                "swap",
                observed,
                hint='e.g. { to = "can" }',
            )
        unknown = sorted(set(value) - ENTRY_KEYS)
        if unknown:
            raise self.config_error(
                f"unknown key {unknown[0]!r} in a swap entry",
                "swap",
                observed,
                hint=f"keys: {', '.join(sorted(ENTRY_KEYS))}",
            )
        to = value.get("to")
        if not isinstance(to, str):
            raise self.config_error("a swap table needs 'to', the replacement", "swap", observed)
        # an entry with conditions is safe where they hold, whatever the rule's default
        conditional = "safe-after" in value or "unsafe-before" in value
        unsafe = value.get("unsafe", False if conditional else bool(self.opts.get("unsafe")))
        if not isinstance(unsafe, bool):
            raise self.config_error("'unsafe' must be true or false", "swap", observed, "unsafe")
        rx = {}
        for key in ("safe-after", "unsafe-before"):
            if key in value:
                if not isinstance(value[key], str):
                    raise self.config_error(f"'{key}' must be a regular expression", "swap", observed, key)
                rx[key] = self.compile_option(value[key], "swap", observed, key)
        return Swap(to, unsafe, rx.get("safe-after"), rx.get("unsafe-before"))

    def terms(self) -> list[Term]:
        if self.opts.get("regex"):
            return []  # regex keys: check_segment matches them
        ic = self.opts.get("ignorecase", True)
        bounded = not self.opts.get("nonword", False)
        out = []
        for observed, entry in self._entries.items():
            for variant in observed.split("|"):
                out.append(Term(normalize_term(variant), ic, entry, bounded))
        return out

    @staticmethod
    def safe_here(entry: Swap, text: str, start: int, end: int) -> bool:
        """Whether the entry's context conditions allow a safe fix at ``text[start:end]``."""
        if entry.unsafe:
            return False
        if entry.safe_after is not None and entry.safe_after.search(text[max(0, start - CONTEXT) : start]) is None:
            return False
        if entry.unsafe_before is not None and entry.unsafe_before.match(text[end : end + CONTEXT]) is not None:
            return False
        return True

    def on_match(self, doc: Document, seg: Segment, start: int, end: int, term: Term) -> Finding | None:
        matched = seg.text[start:end]
        if self.is_exception(seg, start, end):
            return None
        entry: Swap = term.payload
        replacement = preserve_case(matched, entry.to) if self.opts.get("preserve-case", True) else entry.to
        if replacement == matched:
            return None
        safe = self.safe_here(entry, seg.text, start, end)
        applicability = Applicability.SAFE if safe else Applicability.UNSAFE
        finding = self.finding(
            doc,
            seg,
            start,
            end,
            replacement=replacement,
            applicability=applicability,
            suggestions=(replacement,),
            replacement_text=replacement,
            preferred=replacement,
        )
        self._agree_article(doc, seg, start, end, matched, replacement, finding)
        return finding

    def _agree_article(
        self, doc: Document, seg: Segment, start: int, end: int, matched: str, replacement: str, finding: Finding
    ) -> None:
        """Correct "a"/"an" right before the match when the replacement starts with another sound."""
        m = _ARTICLE_BEFORE.search(seg.text, max(0, start - 6), start)
        old, new = _FIRST_WORD.match(matched), _FIRST_WORD.match(replacement)
        if m is None or old is None or new is None or finding.fix is None:
            return
        want = article_for(new.group())
        if want == m.group(1).lower() or article_for(old.group()) == want:
            return  # already right, or the article did not agree with the match either
        article = want.capitalize() if m.group(1)[0].isupper() else want
        cut = contiguous_source_range(seg, m.start(1), end)
        if cut is None:  # markup between the article and the match: the fix would read "a empty"
            finding.fix = Fix(finding.fix.edits, Applicability.UNSAFE, finding.fix.description)
            return
        text = article + m.group(2) + replacement
        finding.fix = Fix(
            (source_edit(doc, seg, cut[0], cut[1], text),),
            finding.fix.applicability,
            f"Replace {seg.text[m.start(1) : end]!r} with {text!r}",
        )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        if not self._swaps:
            return iter(())
        return Rule.check(self, doc, ctx)

    def check_segment(self, doc: Document, seg: Segment, ctx: RuleContext) -> Iterator[Finding]:
        """Regex swaps (Vale): leftmost match first, the longer key on a tie; no overlaps."""
        text = seg.text
        found = []
        for i, (rx, _value, _same) in enumerate(self._swaps):
            for m in rx.finditer(text):
                if m.end() > m.start():
                    found.append((m.start(), -m.end(), i))
        found.sort()
        last = -1
        for s, neg_e, i in found:
            e = -neg_e
            if s < last:
                continue
            observed = text[s:e].strip()
            rx, value, same = self._swaps[i]
            if observed == value or (same is not None and same.fullmatch(observed) is not None):
                continue
            if not self.usable(seg, s, e) or self.is_exception(seg, s, e):
                continue
            last = e
            options = [v.strip() for v in value.split("|") if v.strip()]
            if self.opts.get("preserve-case", True):
                options = [preserve_case(observed, v) for v in options]
            if observed in options:
                continue
            expected = _either(options)
            fixable = len(options) == 1 and contiguous_source_range(seg, s, e) is not None
            yield self.finding(
                doc,
                seg,
                s,
                e,
                replacement=options[0] if fixable else None,
                applicability=Applicability.UNSAFE if self.opts.get("unsafe") else Applicability.SAFE,
                suggestions=options,
                replacement_text=expected,
                preferred=expected,
            )


_EDGE_LOOK = re.compile(r"(\(\?<[=!](?:\\.|[^)])*\))?(.*?)(\(\?[=!](?:\\.|[^)])*\))?")


def _either(options: list[str]) -> str:
    """Vale's list of alternatives: 'a', 'a or b', 'a, b, or c'."""
    if len(options) <= 2:
        return " or ".join(options)
    return ", ".join(options[:-1]) + ", or " + options[-1]
