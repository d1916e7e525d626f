"""Tone rules: passive voice (spaCy), sentence length, exclamation marks, shouting, person,
contractions and emoji.

Each is its own rule kind with its own thresholds. Only ``passive-voice`` needs spaCy (the
dependency parse); the others are plain Python over the segment text, so they stay fast and
never import spaCy. Hedging and weasel words are word lists: they ship as ``existence`` rules
in the packs.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from ..documents.base import Document, Segment
from ..errors import ConfigError
from ..findings import Applicability, Edit, Finding, Fix
from ..nlp import NLPRuleMixin, prepare_text
from ..text_units import sentences
from .base import Option, Rule, RuleContext, _SafeDict, source_edit
from .terms import preserve_case

# --------------------------------------------------------------------------- shared helpers


def config_error(meta: Any, msg: str, keys: tuple, hint: str = "") -> ConfigError:
    """A ConfigError located at ``keys`` (e.g. ``("terms", 2, "preferred")``) of the rule's file."""
    from ..config.schema import keypath, locate
    try:
        text = Path(meta.source).read_text("utf-8") if meta.source else ""
    except OSError:
        text = ""
    return ConfigError(msg, path=meta.source, line=locate(text, keys), key=keypath(keys), hint=hint)


def message(rule: Rule, default: str, **values: Any) -> str:
    """The rule's own ``message`` template if the pack set one, else ``default``; formatted."""
    tpl = rule.meta.message
    if not tpl or tpl == type(rule).summary or tpl == rule.meta.kind:
        tpl = default
    return tpl.format_map(_SafeDict(values))


WORD = re.compile(r"[^\W_](?:[\w'\u2019\u2010\u2011-]*[^\W_])?")


def at_sentence_start(text: str, i: int) -> bool:
    """Whether ``text[i]`` starts a sentence (only opening punctuation before it)."""
    j = i - 1
    while j >= 0 and (text[j].isspace() or text[j] in "\"'\u201c\u2018([*_`>"):
        j -= 1
    return j < 0 or text[j] in ".!?:\u2026"


# --------------------------------------------------------------------------- passive voice


class PassiveVoiceRule(NLPRuleMixin, Rule):
    """Passive voice from the dependency parse: an ``auxpass`` child of a verb."""

    kind = "passive-voice"
    summary = "Flag passive voice (from spaCy's dependency parse: auxpass/nsubjpass), reporting the verb phrase."
    nlp_components = frozenset({"parser"})
    segment_local = True  # batches a document's segments, but each finding depends on one segment
    options = {
        "agent-only": Option("bool", False, "only flag passives that name the agent ('by ...'); "
                             "the span then ends with 'by' when it follows the verb"),
        "exceptions": Option("str-list", [], "participles to allow, e.g. 'based', 'born'"),
    }

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        if not doc.segments:
            return
        exc = {e.lower() for e in self.opts.get("exceptions") or ()}
        agent_only = self.opts.get("agent-only", False)
        for seg, sdoc in zip(doc.segments, self.spacy_docs(doc, ctx)):
            if not (self.in_scope(seg, 0, len(seg.text)) or self.meta.scope and seg.inline):
                continue
            seen: set[int] = set()
            for tok in sdoc:
                if tok.dep_ != "auxpass":
                    continue
                verb = tok.head
                if verb.i <= tok.i or verb.i in seen:
                    continue
                seen.add(verb.i)
                if verb.lower_ in exc:
                    continue
                start, end = tok.idx, verb.idx + len(verb.text)
                if agent_only:
                    agents = [c for c in verb.children if c.dep_ == "agent"]
                    if not agents:
                        continue
                    if agents[0].i == verb.i + 1:
                        end = agents[0].idx + len(agents[0].text)
                if seg.masked and seg.is_masked(start, end):
                    continue
                if not self.in_scope(seg, start, end):
                    continue
                phrase = seg.text[start:end]
                yield self.finding(doc, seg, start, end, message=message(
                    self, "'{match}' is passive voice: say who does what.", match=phrase,
                    verb=verb.text))


# --------------------------------------------------------------------------- sentence length


class SentenceLengthRule(Rule):
    """Sentences longer than ``max`` words."""

    kind = "sentence-length"
    summary = "Flag sentences longer than a maximum number of words."
    options = {
        "max": Option("int", 30, "most words a sentence may have"),
    }

    def check_segment(self, doc, seg, ctx):
        limit = self.opts.get("max", 30)
        text = prepare_text(seg)
        for s, e in sentences(text):
            count = sum(1 for _ in WORD.finditer(text, s, e))
            if count > limit and self.in_scope(seg, s, e):
                yield self.finding(doc, seg, s, e, message=message(
                    self, "Sentence is {words} words long (max {max}): split it.", match=seg.text[s:e],
                    words=count, max=limit))


# --------------------------------------------------------------------------- exclamation

def _word_with_bang(text: str, s: int, word: str) -> bool:
    """Whether the ``!`` at ``text[s]`` belongs to ``word`` (an exception such as "Yahoo!")."""
    k = len(word.rstrip("!"))
    return word.endswith("!") and s >= k and text.startswith(word, s - k)


class ExclamationRule(Rule):
    """Too many exclamation marks per sentence or per document."""

    kind = "exclamation"
    summary = "Limit exclamation marks per sentence and per document."
    options = {
        "max-per-sentence": Option("int", 1, "most exclamation marks in one sentence"),
        "max-per-document": Option("int", -1, "most exclamations (a run like '!!' counts once) per "
                                   "document; -1: no limit"),
        "exceptions": Option("str-list", [], "words that contain '!' legitimately, e.g. 'Yahoo!'"),
    }

    def _runs(self, seg: Segment) -> list[tuple[int, int]]:
        text = seg.text
        exc = [e for e in self.opts.get("exceptions") or ()]
        out = []
        for m in re.finditer(r"[!?\u203c\u2757\u2755\uff01]+", text):
            s, e = m.start(), m.end()
            if not any(c in "!\u203c\u2757\u2755\uff01" for c in m.group()):
                continue
            if seg.masked and seg.is_masked(s, e):
                continue
            if any(_word_with_bang(text, s, x) for x in exc):
                continue  # "Yahoo!"
            out.append((s, e))
        return out

    def check(self, doc, ctx):
        per_sentence = self.opts.get("max-per-sentence", 1)
        per_doc = self.opts.get("max-per-document", -1)
        counted: list[tuple[Segment, int, int]] = []
        for seg in doc.segments:
            if not (self.in_scope(seg, 0, len(seg.text)) or self.meta.scope and seg.inline):
                continue
            runs = [r for r in self._runs(seg) if self.in_scope(seg, *r)]
            if not runs:
                continue
            counted.extend((seg, s, e) for s, e in runs)
            if per_sentence >= 0:
                for ss, se in sentences(seg.text):
                    inside = [(s, e) for s, e in runs if ss <= s < se]
                    marks = sum(sum(1 for c in seg.text[s:e] if c != "?") for s, e in inside)
                    if marks <= per_sentence:
                        continue
                    if len(inside) == 1:
                        s, e = inside[0]
                        run = seg.text[s:e]
                        fixable = set(run) == {"!"} and per_sentence >= 1
                        yield self.finding(
                            doc, seg, s, e, replacement="!" * per_sentence if fixable else None,
                            message=message(self, "{count} exclamation marks in one sentence (max {max}).",
                                            match=run, count=marks, max=per_sentence))
                    else:
                        s, e = inside[0][0], inside[-1][1]
                        yield self.finding(doc, seg, s, e, message=message(
                            self, "{count} exclamation marks in one sentence (max {max}).",
                            match=seg.text[s:e], count=marks, max=per_sentence))
        total = len(counted)
        if per_doc >= 0 and total > per_doc:
            for seg, s, e in counted[per_doc:]:
                yield self.finding(doc, seg, s, e, message=message(
                    self, "{count} exclamations in this document (max {max}).", match=seg.text[s:e],
                    count=total, max=per_doc))


# --------------------------------------------------------------------------- shouting

#: All-caps words that are acronyms, not shouting (the ``default-acronyms`` list).
DEFAULT_ACRONYMS = frozenset("""
AJAX ANSI ARIA ASAP ASCII AVIF BIOS CAPTCHA CCPA CHANGELOG CMYK COBOL CORS COVID CRUD CSRF CUDA
DEBUG DELETE DNSSEC ECMA EMEA ERROR FALSE FIFO FIXME FORTRAN GDPR GUID HIPAA HTML HTTP HTTPS IANA
IEEE IETF IMAP INFO JPEG JSON JSONL LDAP LIFO LGBT LGBTQ LICENSE MIDI MIME MPEG NASA NASDAQ NATO
NULL NVME NYSE OAUTH ONNX OPTIONS PATCH PCIE POSIX PUT RAID README REST RGBA SAML SATA SCSI SMTP
SOAP TODO TOML TRUE UEFI UNESCO UNICEF UNIX URIS URLS USB UUID WARN WARNING WASM WCAG WEBP WIFI
XHTML YAML APAC CPUS GPUS APIS LLMS KPIS FAQS SDKS ASIC FPGA DRAM SRAM VRAM NAND CISO ISBN ISSN
""".split())

_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_ROMAN = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


class ShoutingRule(Rule):
    """Words in ALL CAPS (not acronyms)."""

    kind = "shouting"
    summary = "Flag ALL CAPS words (shouting), allowing acronyms."
    options = {
        "min-length": Option("int", 4, "shortest all-caps word that counts as shouting"),
        "exceptions": Option("str-list", [], "all-caps words to allow (acronyms, product names)"),
        "default-acronyms": Option("bool", True, "also allow brandlint's list of common acronyms"),
    }

    def check_segment(self, doc, seg, ctx):
        text = seg.text
        min_len = self.opts.get("min-length", 4)
        allowed = {e.upper() for e in self.opts.get("exceptions") or ()}
        if self.opts.get("default-acronyms", True):
            allowed |= DEFAULT_ACRONYMS
        caps: list[tuple[int, int, bool, bool]] = []  # (start, end, shouting, allowed acronym)
        for m in _TOKEN.finditer(text):
            s, e = m.start(), m.end()
            w = m.group()
            # a letter run glued to digits or underscores is an identifier ("H200", "X_AXIS")
            if (s > 0 and (text[s - 1].isdigit() or text[s - 1] == "_")) or (e < len(text) and (text[e].isdigit() or text[e] == "_")):
                continue
            letters = w.replace("'", "").replace("\u2019", "")
            if len(letters) < 2 or not letters.isupper() or _ROMAN.fullmatch(letters):
                continue
            if seg.masked and seg.is_masked(s, e):
                continue
            acronym = w.upper() in allowed or letters in allowed
            caps.append((s, e, len(letters) >= min_len and not acronym, acronym))
        # merge neighbouring caps words into one finding ("DO NOT DO THIS")
        i = 0
        while i < len(caps):
            j = i
            while j + 1 < len(caps) and re.fullmatch(r"[\s,;:\-\u2013\u2014]*", text[caps[j][1]:caps[j + 1][0]]):
                j += 1
            group = caps[i:j + 1]
            i = j + 1
            if not any(g[2] for g in group):
                continue
            # acronyms at the edges of the group are not part of the shouting
            while group[0][3]:
                group = group[1:]
            while group[-1][3]:
                group = group[:-1]
            s, e = group[0][0], group[-1][1]
            if not self.in_scope(seg, s, e):
                continue
            words = text[s:e]
            lowered = words.lower()
            if at_sentence_start(text, s):
                lowered = lowered[:1].upper() + lowered[1:]
            yield self.finding(doc, seg, s, e, replacement=lowered, applicability=Applicability.UNSAFE,
                               suggestions=(lowered,), message=message(
                                   self, "'{match}' is in all caps: do not shout.", match=words))


# --------------------------------------------------------------------------- person

FIRST_PLURAL = ("we", "us", "our", "ours", "ourselves", "we're", "we've", "we'll", "we'd")
FIRST_SINGULAR = ("i", "me", "my", "mine", "myself", "i'm", "i've", "i'll", "i'd")
SECOND = ("you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd")


def _word_regex(words) -> re.Pattern[str]:
    alts = sorted({w.replace("'", "['\u2019]") for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![\w'\u2019/-])(?:" + "|".join(alts) + r")(?![\w'\u2019/-])", re.I)


class PersonRule(Rule):
    """First person ("we/our/us") versus second person ("you/your")."""

    kind = "person"
    summary = "Enforce second person (you) or first person (we) as the brand's voice."
    options = {
        "prefer": Option("choice", "second", "the person to use: 'second' flags we/our/us, "
                         "'first' flags you/your", choices=("second", "first")),
        "singular": Option("bool", False, "with prefer = 'second', also flag I/me/my"),
        "exceptions": Option("str-list", [], "phrases to allow, e.g. 'About us'"),
    }

    def __init__(self, meta, opts):
        super().__init__(meta, opts)
        if opts.get("prefer", "second") == "second":
            words = FIRST_PLURAL + (FIRST_SINGULAR if opts.get("singular") else ())
        else:
            words = SECOND
        self._rx = _word_regex(words)
        self._exc = [e.lower().replace("\u2019", "'") for e in opts.get("exceptions") or ()]

    def check_segment(self, doc, seg, ctx):
        text = seg.text
        low = text.lower().replace("\u2019", "'") if self._exc else ""
        prefer = self.opts.get("prefer", "second")
        for m in self._rx.finditer(text):
            s, e = m.start(), m.end()
            w = m.group()
            if w == "US" or (w == "I" and s + 1 < len(text) and text[s + 1] == "."):
                continue  # the country; a list label "I."
            if seg.masked and seg.is_masked(s, e):
                continue
            if self._exc and any(_covers(low, x, s, e) for x in self._exc):
                continue
            if not self.in_scope(seg, s, e):
                continue
            if prefer == "second":
                default = "Write to the reader in the second person ('you'), not '{match}'."
            else:
                default = "Write in the first person ('we'), not '{match}'."
            yield self.finding(doc, seg, s, e, message=message(self, default, match=w, prefer=prefer))


def _covers(low: str, phrase: str, s: int, e: int) -> bool:
    """Whether an occurrence of ``phrase`` in ``low`` covers [s, e)."""
    start = max(0, e - len(phrase))
    while True:
        i = low.find(phrase, start, s + len(phrase))
        if i < 0 or i > s:
            return False
        if i + len(phrase) >= e:
            return True
        start = i + 1


# --------------------------------------------------------------------------- contractions

#: contraction → expansion; ``None`` in AMBIGUOUS marks expansions that depend on context.
CONTRACTIONS: dict[str, str] = {
    "can't": "cannot", "won't": "will not", "don't": "do not", "doesn't": "does not",
    "didn't": "did not", "isn't": "is not", "aren't": "are not", "wasn't": "was not",
    "weren't": "were not", "haven't": "have not", "hasn't": "has not", "hadn't": "had not",
    "shouldn't": "should not", "wouldn't": "would not", "couldn't": "could not",
    "mustn't": "must not", "needn't": "need not", "shan't": "shall not", "mightn't": "might not",
    "i'm": "I am", "you're": "you are", "we're": "we are", "they're": "they are",
    "i've": "I have", "you've": "you have", "we've": "we have", "they've": "they have",
    "i'll": "I will", "you'll": "you will", "we'll": "we will", "they'll": "they will",
    "he'll": "he will", "she'll": "she will", "it'll": "it will", "that'll": "that will",
    "let's": "let us",
    # ambiguous: 's = is/has, 'd = would/had
    "it's": "it is", "that's": "that is", "there's": "there is", "here's": "here is",
    "what's": "what is", "who's": "who is", "he's": "he is", "she's": "she is", "where's": "where is",
    "i'd": "I would", "you'd": "you would", "we'd": "we would", "they'd": "they would",
    "he'd": "he would", "she'd": "she would", "ain't": "is not",
}
AMBIGUOUS = frozenset(("it's", "that's", "there's", "here's", "what's", "who's", "he's", "she's",
                       "where's", "i'd", "you'd", "we'd", "they'd", "he'd", "she'd", "ain't"))
#: expansion → contraction for ``policy = "require"``: negations are safe to contract.
NEGATIONS = {v: k for k, v in CONTRACTIONS.items() if v.endswith(" not") and k != "ain't"}
NEGATIONS["cannot"] = "can't"
NEGATIONS["can not"] = "can't"
NEGATIONS.pop("shall not", None)
NEGATIONS.pop("might not", None)
NEGATIONS.pop("need not", None)
PRONOUN_FORMS = {v.lower(): k for k, v in CONTRACTIONS.items()
                 if k not in AMBIGUOUS and not v.endswith(" not") and k != "let's"}


def _alternation(alts: list[str]) -> re.Pattern[str]:
    alts = sorted(alts, key=len, reverse=True)
    return re.compile(r"(?<![\w'\u2019-])(?:" + "|".join(alts) + r")(?![\w'\u2019-])", re.I)


class ContractionsRule(Rule):
    """Contraction policy: avoid them (don't → do not) or require them (do not → don't)."""

    kind = "contractions"
    summary = "Avoid or require contractions (don't / do not), with a fix."
    options = {
        "policy": Option("choice", "avoid", "'avoid' flags contractions, 'require' flags forms "
                         "that could be contracted", choices=("avoid", "require")),
        "pronouns": Option("bool", False, "with policy = 'require', also flag 'you are', 'we will'... "
                           "(unsafe fix: 'Here you are.' cannot contract)"),
        "exceptions": Option("str-list", [], "forms to allow"),
    }

    def __init__(self, meta, opts):
        super().__init__(meta, opts)
        self._exc = {e.lower().replace("\u2019", "'") for e in opts.get("exceptions") or ()}
        if opts.get("policy", "avoid") == "avoid":
            keys = [k for k in CONTRACTIONS if k not in self._exc]
            alts = [k.replace("'", "['\u2019]") for k in keys]
            self._rxs = [_alternation(alts)] if alts else []
        else:
            table = dict(NEGATIONS)
            if opts.get("pronouns"):
                table.update(PRONOUN_FORMS)
            self._require = {k: v for k, v in table.items() if k not in self._exc}
            # negations first: in "we will not", "will not" → "won't" beats "we will" → "we'll"
            groups = [[k for k in self._require if k in NEGATIONS], [k for k in self._require if k not in NEGATIONS]]
            self._rxs = [_alternation([re.escape(k).replace(r"\ ", r"\s+") for k in g]) for g in groups if g]

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
                form = self._require[key]
                if "\u2019" in text:  # keep the document's apostrophe style
                    form = form.replace("'", "\u2019")
                repl = _case_like(w, form)
                applic = Applicability.SAFE if key in NEGATIONS else Applicability.UNSAFE
                default = "Use the contraction '{replacement}' instead of '{match}'."
            if "\u2019" in w:
                repl = repl.replace("'", "\u2019")
            yield self.finding(doc, seg, s, e, replacement=repl, applicability=applic, suggestions=(repl,),
                               message=message(self, default, match=w, replacement=repl))


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


# --------------------------------------------------------------------------- emoji

_EMOJI_PRESENTATION_BMP = (
    "\u231a\u231b\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615\u2648-\u2653\u267f\u2693"
    "\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea\u26f2\u26f3\u26f5\u26fa\u26fd"
    "\u2705\u270a\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf\u2b1b\u2b1c"
    "\u2b50\u2b55"
)
_PICTO = "\U0001f000-\U0001f0ff\U0001f10d-\U0001f10f\U0001f12f\U0001f16c-\U0001f171\U0001f17e\U0001f17f" \
         "\U0001f18e\U0001f191-\U0001f19a\U0001f201-\U0001f2ff\U0001f300-\U0001f3fa\U0001f400-\U0001faff"
_TEXT_DEFAULT = "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u2300-\u23ff\u24c2\u25aa-\u25fe" \
                "\u2600-\u27bf\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299"
_ONE = (rf"(?:[\U0001f1e6-\U0001f1ff]{{2}}"  # a flag: two regional indicators
        rf"|[0-9#*]\ufe0f?\u20e3"  # keycap
        rf"|[{_PICTO}{_EMOJI_PRESENTATION_BMP}]\ufe0f?"
        rf"|[{_TEXT_DEFAULT}]\ufe0f)"  # text-style symbols (™ ©) only as emoji with VS16
        rf"[\U0001f3fb-\U0001f3ff]?(?:[\U000e0020-\U000e007f]+)?")
EMOJI = re.compile(rf"{_ONE}(?:\u200d{_ONE})*")


class EmojiRule(Rule):
    """Emoji policy: none at all, or at most ``max`` per document."""

    kind = "emoji"
    summary = "Forbid emoji, or allow at most a number per document."
    options = {
        "policy": Option("choice", "forbid", "'forbid' flags every emoji; 'max' allows up to `max` per document",
                         choices=("forbid", "max")),
        "max": Option("int", 1, "with policy = 'max': most emoji per document"),
        "exceptions": Option("str-list", [], "emoji to allow"),
    }

    def check(self, doc, ctx):
        allowed = set(self.opts.get("exceptions") or ())
        limit = 0 if self.opts.get("policy", "forbid") == "forbid" else self.opts.get("max", 1)
        found: list[tuple[Segment, int, int]] = []
        for seg in doc.segments:
            if not (self.in_scope(seg, 0, len(seg.text)) or self.meta.scope and seg.inline):
                continue
            if seg.text.isascii():
                continue
            for m in EMOJI.finditer(seg.text):
                s, e = m.start(), m.end()
                if m.group() in allowed or m.group().replace("\ufe0f", "") in allowed:
                    continue
                if seg.masked and seg.is_masked(s, e):
                    continue
                if self.in_scope(seg, s, e):
                    found.append((seg, s, e))
        total = len(found)
        if total <= limit:
            return
        for seg, s, e in found[limit:]:
            f = self.finding(doc, seg, s, e, message=message(
                self, "Emoji '{match}': this content allows no emoji." if limit == 0 else
                "Emoji '{match}': {count} in this document (max {max}).", match=seg.text[s:e],
                count=total, max=limit))
            f.fix = self._removal(doc, seg, s, e)
            yield f

    @staticmethod
    def _removal(doc: Document, seg: Segment, s: int, e: int) -> Fix:
        text = seg.text
        a, b = s, e
        if b < len(text) and text[b] == " " and (a == 0 or text[a - 1] in " \n"):
            b += 1
        elif a > 0 and text[a - 1] == " ":
            a -= 1
        ss, se = seg.source_range(a, b)
        edit: Edit = source_edit(doc, seg, ss, se, "")
        return Fix((edit,), Applicability.UNSAFE, f"Remove {text[s:e]!r}")


TONE_KINDS = [PassiveVoiceRule, SentenceLengthRule, ExclamationRule, ShoutingRule, PersonRule,
              ContractionsRule, EmojiRule]
