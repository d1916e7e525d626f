"""The ``contractions`` kind: avoid contractions (don't → do not) or require them (do not → don't).

Expanding an ambiguous contraction ('s: is or has; 'd: would or had) and contracting a pronoun
form ("Here you are." cannot contract) are unsafe fixes; the others are safe. A match that crosses
inline markup ("is **not**") gets no fix (the edit would eat the markup), and "not only" / "not
just" frames ("is not only fast but also ...") are not contracted.
"""

from __future__ import annotations

import re
from typing import Any

from ..findings import Applicability
from .base import FixAvailability, Option, Rule, RuleMeta, contiguous_source_range
from .text import preserve_case, whole_words

#: contraction → expansion; ``None`` in AMBIGUOUS marks expansions that depend on context.
CONTRACTIONS: dict[str, str] = {
    "can't": "cannot",
    "won't": "will not",
    "don't": "do not",
    "doesn't": "does not",
    "didn't": "did not",
    "isn't": "is not",
    "aren't": "are not",
    "wasn't": "was not",
    "weren't": "were not",
    "haven't": "have not",
    "hasn't": "has not",
    "hadn't": "had not",
    "shouldn't": "should not",
    "wouldn't": "would not",
    "couldn't": "could not",
    "mustn't": "must not",
    "needn't": "need not",
    "shan't": "shall not",
    "mightn't": "might not",
    "i'm": "I am",
    "you're": "you are",
    "we're": "we are",
    "they're": "they are",
    "i've": "I have",
    "you've": "you have",
    "we've": "we have",
    "they've": "they have",
    "i'll": "I will",
    "you'll": "you will",
    "we'll": "we will",
    "they'll": "they will",
    "he'll": "he will",
    "she'll": "she will",
    "it'll": "it will",
    "that'll": "that will",
    "let's": "let us",
    # ambiguous: 's = is/has, 'd = would/had
    "it's": "it is",
    "that's": "that is",
    "there's": "there is",
    "here's": "here is",
    "what's": "what is",
    "who's": "who is",
    "he's": "he is",
    "she's": "she is",
    "where's": "where is",
    "i'd": "I would",
    "you'd": "you would",
    "we'd": "we would",
    "they'd": "they would",
    "he'd": "he would",
    "she'd": "she would",
    "ain't": "is not",
}
AMBIGUOUS = frozenset(
    (
        "it's",
        "that's",
        "there's",
        "here's",
        "what's",
        "who's",
        "he's",
        "she's",
        "where's",
        "i'd",
        "you'd",
        "we'd",
        "they'd",
        "he'd",
        "she'd",
        "ain't",
    )
)
#: expansion → contraction for ``policy = "require"``: negations are safe to contract.
NEGATIONS = {v: k for k, v in CONTRACTIONS.items() if v.endswith(" not") and k != "ain't"}
NEGATIONS["cannot"] = "can't"
NEGATIONS["can not"] = "can't"
NEGATIONS.pop("shall not", None)
NEGATIONS.pop("might not", None)
NEGATIONS.pop("need not", None)
#: After a negation: "not only ... but", "not just ...": the contraction reads wrong ("isn't only").
_NOT_ONLY = re.compile(r"\s+(?:only|just|merely|simply)\b", re.IGNORECASE)

PRONOUN_FORMS = {
    v.lower(): k for k, v in CONTRACTIONS.items() if k not in AMBIGUOUS and not v.endswith(" not") and k != "let's"
}


class ContractionsRule(Rule):
    """Contraction policy: avoid them (don't → do not) or require them (do not → don't)."""

    kind = "contractions"
    summary = "Avoid or require contractions (don't / do not), with a fix."
    fix_availability = FixAvailability.SOMETIMES  # not across inline markup
    segment_local = True
    options = {
        "policy": Option(
            "choice",
            "avoid",
            "'avoid' flags contractions, 'require' flags forms that could be contracted",
            choices=("avoid", "require"),
        ),
        "pronouns": Option(
            "bool",
            False,
            "with policy = 'require', also flag 'you are', 'we will'... (unsafe fix: 'Here you are.' cannot contract)",
        ),
        "exceptions": Option("str-list", [], "forms to allow"),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        self._exc = {e.lower().replace("\u2019", "'") for e in opts.get("exceptions") or ()}
        if opts.get("policy", "avoid") == "avoid":
            keys = [k for k in CONTRACTIONS if k not in self._exc]
            alts = [k.replace("'", "['\u2019]") for k in keys]
            self._rxs = [whole_words(alts)] if alts else []
        else:
            table = dict(NEGATIONS)
            if opts.get("pronouns"):
                table.update(PRONOUN_FORMS)
            self._require = {k: v for k, v in table.items() if k not in self._exc}
            # negations first: in "we will not", "will not" → "won't" beats "we will" → "we'll"
            groups = [[k for k in self._require if k in NEGATIONS], [k for k in self._require if k not in NEGATIONS]]
            self._rxs = [whole_words([re.escape(k).replace(r"\ ", r"\s+") for k in g]) for g in groups if g]

    def check_segment(self, doc, seg, ctx):
        avoid = self.opts.get("policy", "avoid") == "avoid"
        text = seg.text
        taken: list[tuple[int, int]] = []
        matches = []
        for rx in self._rxs:
            for m in rx.finditer(text):
                s, e = m.start(), m.end()
                if not any(a < e and s < b for a, b in taken):
                    taken.append((s, e))
                    matches.append(m)
        matches.sort(key=lambda m: m.start())
        for m in matches:
            s, e = m.start(), m.end()
            if seg.masked and seg.is_masked(s, e):
                continue
            if not self.in_scope(seg, s, e):
                continue
            w = m.group()
            key = " ".join(w.lower().replace("\u2019", "'").split())
            if avoid:
                expansion = CONTRACTIONS[key]
                repl = _case_like(w, expansion)
                applic = Applicability.UNSAFE if key in AMBIGUOUS else Applicability.SAFE
                default = "Avoid the contraction '{match}': write '{replacement}'."
            else:
                if key in NEGATIONS and _NOT_ONLY.match(text, e):
                    continue
                form = self._require[key]
                if "\u2019" in text:  # keep the document's apostrophe style
                    form = form.replace("'", "\u2019")
                repl = _case_like(w, form)
                applic = Applicability.SAFE if key in NEGATIONS else Applicability.UNSAFE
                default = "Use the contraction '{replacement}' instead of '{match}'."
            if "\u2019" in w:
                repl = repl.replace("'", "\u2019")
            fixable = contiguous_source_range(seg, s, e) is not None  # "is **not**": no fix
            yield self.finding(
                doc,
                seg,
                s,
                e,
                replacement=repl if fixable else None,
                applicability=applic,
                suggestions=(repl,),
                message=self.message(default, match=w, replacement=repl),
            )


def _case_like(matched: str, replacement: str) -> str:
    if replacement.startswith("I ") or replacement.startswith("I'"):
        # "I am" keeps its capital I; only ALL CAPS changes it
        letters = [c for c in matched if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters):
            return replacement.upper()
        return replacement
    if matched[:1].islower() and replacement[:1].isupper() and not replacement.startswith("I"):
        return replacement
    return preserve_case(matched, replacement)
