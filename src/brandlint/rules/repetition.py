"""The ``repetition`` kind: a word or phrase typed twice in a row ("the the", "in the in the").

Words are compared case-folded (unless ``ignorecase = false``) and may be separated by any white
space, line breaks included; a repeated phrase of up to ``max-words`` words is found the same way
(the longest one wins). The fix deletes the repeats when only white space (or a blockquote ``>`` /
list indentation after a line break) separates the words in the source; it is safe unless the rule
says ``unsafe = true`` (then ``safe-tokens`` lists the words whose doubling is never correct, so
deleting one is safe: "the the").

Not reported: a repeat that runs into a URL, path or address ("johndoe johndoe.github.io"),
``exceptions`` (correct doublings such as "had had"), capitalised pairs ("Bora Bora"), and the
reduplicative idioms "X by X" ("line by line by an interpreter") and "as X as X" ("as free as free
can be"), and a verb doubled after a free relative clause ("What it is is a cache"). A triple of an allowed pair ("that that that") is reported with an unsafe fix that deletes
one word.
"""

from __future__ import annotations

import itertools
import operator
import re
from dataclasses import dataclass
from typing import Any

from ..findings import Applicability, Fix
from .base import FixAvailability, Option, Rule, RuleMeta, contiguous_source_range, source_edit
from .text import normalize_term, squash_space

_GAP_OK = re.compile(r"[ \t>]*")  # container prefixes a deletion may join across (quote, indent)

_TOKENS = re.compile(r"[\w'’]+")
_CHUNK = re.compile(r"[\w'’-]+")  # a maximal run of word characters: a word, or something that breaks a repeat
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SPACE = re.compile(r"\s+")
_INTO_ADDRESS = re.compile(r"[./@:]\w")  # "johndoe johndoe.github.io", "docs docs/index.md"
_HARD_BREAK = re.compile(r"(?: {2,}|\\)\r?\n")  # Markdown hard line break: a new line of a term list

DEFAULT_REPEAT_EXCEPTIONS = (
    "had had",
    "that that",
    "bye bye",
    "so so",
    "no no",
    "ha ha",
    "knock knock",
    "chop chop",
    "tut tut",
    "hush hush",
    "night night",
    "there there",
    "now now",
)

#: A verb that closes a free relative clause may be doubled by the main verb: "What it is is a
#: cache", "Whatever the script does does not change it". Allowed after such a wh-word in the
#: same sentence; "availability is is dependent" is still reported.
CLEFT_VERBS = frozenset("is was are were does did has have will can".split())
FREE_RELATIVE = re.compile(r"\b(?:what|whatever|whoever|whichever|wherever|however|how|why|where|who|all)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?:;]\s")

#: "X P X" idioms: "line by line", "day after day", "word for word", "layer upon layer".
REDUPLICATIVE_LINKS = frozenset({"by", "after", "for", "upon"})


@dataclass(frozen=True)
class Repeat:
    """``count`` copies of a unit of ``size`` words starting at word ``first`` of a segment."""

    first: int
    size: int
    count: int


def words_of(text: str) -> tuple[list[tuple[int, int]], list[str], list[bool]]:
    """Word spans, their texts (``""`` for a chunk that is not a word: a number, ``foo-bar``) and
    whether only white space links each word to the next."""
    spans: list[tuple[int, int]] = []
    texts: list[str] = []
    for m in _CHUNK.finditer(text):
        spans.append(m.span())
        texts.append(m.group() if _WORD.fullmatch(m.group()) else "")
    linked = [
        bool(texts[j] and texts[j + 1] and _SPACE.fullmatch(text, spans[j][1], spans[j + 1][0]))
        for j in range(len(spans) - 1)
    ]
    return spans, texts, linked


def primitive(unit: list[str]) -> int:
    """The shortest period of ``unit`` ("the the" -> 1, "in the" -> 2)."""
    n = len(unit)
    for p in range(1, n):
        if n % p == 0 and unit == unit[:p] * (n // p):
            return p
    return n


def find_repeats(keys: list[str], linked: list[bool], max_words: int) -> list[Repeat]:
    """Units of 1..max_words words repeated right after themselves (the longest unit wins)."""
    n = len(keys)
    out: list[Repeat] = []
    i = 0

    def joined(a: int, b: int) -> bool:  # words a..b (inclusive) are linked by white space only
        return all(linked[a:b])

    while i < n:
        size = 0
        if keys[i]:
            for k in range(min(max_words, (n - i) // 2), 0, -1):
                if keys[i : i + k] == keys[i + k : i + 2 * k] and joined(i, i + 2 * k - 1):
                    size = primitive(keys[i : i + k])
                    break
        if not size:
            i += 1
            continue
        count = 2
        while True:
            s = i + count * size
            if s + size > n or keys[s : s + size] != keys[i : i + size] or not joined(s - 1, s + size - 1):
                break
            count += 1
        out.append(Repeat(i, size, count))
        i += count * size
    return out


class RepetitionRule(Rule):
    """A word or phrase typed twice in a row ("the the", "in the in the"), across soft line breaks."""

    kind = "repetition"
    summary = "Report a word or phrase repeated twice in a row, e.g. 'the the' (fix: delete the repeat)."
    default_message = "Repeated word '{word}'."
    fix_availability = FixAvailability.SOMETIMES  # when only markup-free space separates the words
    segment_local = True
    options = {
        "tokens": Option("str-list", [], "only report these words (default: any word)"),
        "ignorecase": Option("bool", True, "'The the' counts as a repetition"),
        "exceptions": Option(
            "str-list",
            list(DEFAULT_REPEAT_EXCEPTIONS),
            "repeated words or phrases that are correct English, both copies (replaces the default list)",
        ),
        "proper-nouns": Option("bool", False, "also report capitalised pairs such as 'Bora Bora'"),
        "max-words": Option("int", 1, "also report a repeated phrase of up to this many words ('in the in the')"),
        "unsafe": Option("bool", False, "mark the fix unsafe (a doubling may be correct: 'a beer can can be')"),
        "safe-tokens": Option(
            "str-list", [], "with unsafe: a doubled word from this list still gets a safe fix ('the the')"
        ),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        self.require_at_least("max-words", 1)
        self._fold = bool(self.opts["ignorecase"])
        self._only = frozenset(self._key(normalize_term(t)) for t in self.opts["tokens"])
        self._safe = frozenset(self._key(normalize_term(t)) for t in self.opts["safe-tokens"])
        self._exceptions = frozenset(self._key(squash_space(normalize_term(t))) for t in self.opts["exceptions"])
        for t in self.opts["exceptions"]:
            if len(normalize_term(t).split(" ")) < 2:
                raise self.config_error(
                    f'exception {t!r} must be a repeated word or phrase, both copies, e.g. "had had"', "exceptions"
                )

    def _key(self, word: str) -> str:
        return word.lower() if self._fold else word

    @staticmethod
    def _cleft(text: str, start: int, unit: list[str], count: int) -> bool:
        """A verb doubled after a free relative clause: "What it is is a cache"."""
        if count != 2 or len(unit) != 1 or unit[0].lower() not in CLEFT_VERBS:
            return False
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
        return FREE_RELATIVE.search(text, ends[-1] if ends else 0, start) is not None

    @staticmethod
    def _hard_break(doc, seg, start: int, end: int) -> bool:
        """Whether a Markdown hard line break separates words of the match ("**Term**  \\nTerm ...")."""
        a, b = seg.source_range(start, end)
        return _HARD_BREAK.search(doc.source, a, b) is not None

    def _skip(self, unit: list[str], words: list[str], pair_key: str, count: int) -> bool:
        if self._only and not all(w in self._only for w in unit):
            return True
        if count == 2 and pair_key in self._exceptions:
            return True  # "had had" is fine; "that that that" is still a slip
        if len(unit) == 2 and (unit[1].lower() in REDUPLICATIVE_LINKS or unit[0].lower() == "as"):
            return True  # "line by line by", "as free as free can be"
        if not self.opts["proper-nouns"] and all(x[:1].isupper() and not x.isupper() for x in words):
            return True  # "Bora Bora", "Walla Walla"
        second = words[len(unit)]
        if words[0][:1].islower() and second[:1].isupper() and not second.isupper():
            return True  # a title starts with the second copy: "see [See Also](...)"
        if any(len(w) == 1 and w.lower() not in ("a", "i") for w in unit):
            return True  # symbols, not words: "a V x V x V tensor"
        return False

    def check_segment(self, doc, seg, ctx):
        text = seg.text
        max_words = self.opts["max-words"]
        # cheap C-level prefilter: any token equal to one up to max-words later? (a superset)
        tokens = _TOKENS.findall(text.lower() if self._fold else text)
        if not any(any(map(operator.eq, tokens, itertools.islice(tokens, k, None))) for k in range(1, max_words + 1)):
            return
        spans, texts, linked = words_of(text)
        keys = [self._key(t) for t in texts]
        for rep in find_repeats(keys, linked, max_words):
            i, k, count = rep.first, rep.size, rep.count
            last = i + count * k - 1
            s, e = spans[i][0], spans[last][1]
            if _INTO_ADDRESS.match(text, e):
                continue
            unit = texts[i : i + k]
            words = texts[i : last + 1]
            pair_key = " ".join(keys[i : i + 2 * k])
            if self._skip(unit, words, pair_key, count) or self._cleft(text, s, unit, count):
                continue
            if not self.usable(seg, s, e):
                continue
            if "\n" in text[s:e] and self._hard_break(doc, seg, s, e):
                continue
            word = text[spans[i][0] : spans[i + k - 1][1]]
            default = "Repeated word '{word}'." if k == 1 else "Repeated phrase '{word}'."
            f = self.finding(doc, seg, s, e, message=self.message(default, word=word, match=text[s:e], count=count))
            allowed_pair = pair_key in self._exceptions
            keep = 2 if allowed_pair else 1  # "that that that" -> "that that"
            cut = contiguous_source_range(seg, spans[i + keep * k - 1][1], e, _GAP_OK, doc.source)
            if cut is not None:
                unsafe = allowed_pair or (self.opts["unsafe"] and not (k == 1 and keys[i] in self._safe))
                f.fix = Fix(
                    (source_edit(doc, seg, cut[0], cut[1], ""),),
                    Applicability.UNSAFE if unsafe else Applicability.SAFE,
                    f"Delete the repeated {word!r}",
                )
            yield f
