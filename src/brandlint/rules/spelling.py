"""The ``spelling`` kind: words missing from Hunspell dictionaries, with a brand vocabulary.

::

    kind = "spelling"
    dictionaries = ["en_US"]          # the shipped en_US-web dictionary (the default)
    dic = "dicts/medical.dic"         # any other Hunspell pair, next to its .aff
    ignore = ["words.txt"]            # one accepted word a line
    vocab = ["styles/config/vocabularies/Brand"]   # Vale's accept.txt / reject.txt

Tokens that are code rather than words are skipped: URLs, paths, file names, e-mail addresses
and @handles, snake_case, words with digits (versions, hex, ordinals) or code symbols. Unless
``custom = true``, Vale's default filters also skip all-caps words (acronyms, "APIs") and words
with capitals inside (camelCase, PascalCase, "iPhone"). Hyphenated and slashed words are
checked part by part. Entries accepted by the vocabulary are never flagged; rejected ones
always are. Suggestions (computed only for misspellings) come as unsafe fixes.

The dictionary is expanded once into a set of word forms and cached on disk
(:mod:`brandlint.rules.hunspell`), so checking a word is a set lookup.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..documents.base import Document, Segment
from ..findings import Applicability, Finding
from . import hunspell, suggest
from .base import FixAvailability, Option, Rule, RuleContext, RuleMeta, contiguous_source_range
from .vocab import Vocab, load_vocab

DICTIONARY_DIR = Path(__file__).resolve().parent.parent / "dictionaries"
#: dictionary names that mean a shipped file
ALIASES = {"en_US": "en_US-web", "en_us": "en_US-web"}

_CHUNK = re.compile(r"\S+")
#: punctuation around a word: quotes, brackets, emphasis marks, sentence punctuation
_STRIP = "\"'([{<\u201c\u2018*_\u00ab\u00bf\u00a1)]}>,.;:!?\u201d\u2019\u2026\u00bb"
_OPENING = "\"'([{<\u201c\u2018*_\u00ab\u00bf\u00a1-\u2013\u2014>#|"
_SPLIT = re.compile(r"([-/\u2010\u2011\u2013\u2014])")
_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "able", "ability", "ly")
#: prefixes accepted before a known word ("unzip", "preinstall"); short ones such as re- and de-
#: are left out: they would hide typos ("relase" = re + "lase")
_PREFIXES = ("un", "pre", "non", "sub", "auto", "multi", "over", "under", "mis", "anti", "semi", "post", "inter")
#: prefixes that may stand alone before a hyphen ("pre-trained", "re-run", "co-author", "e-book")
_HYPHEN_PREFIXES = _PREFIXES + ("re", "de", "co", "e", "intra", "cross", "self")
_CODE_CHARS = set("=<>{}[]$%#~`|+^&\\@_*")


def _is_code(tok: str) -> bool:
    """A token that is code, a URL, a path, a file name, an address or a handle: never a word."""
    if "://" in tok or tok.startswith("www."):
        return True
    if any(c in _CODE_CHARS for c in tok):
        return True
    if "." in tok:  # a file name, a domain, an abbreviation such as e.g.
        return True
    return any(c.isdigit() for c in tok)


def _sentence_start(text: str, pos: int) -> bool:
    """Whether ``text[pos]`` starts a sentence: only opening punctuation and spaces before it
    since the segment's start or a full stop, question mark, exclamation mark or colon."""
    i = pos - 1
    while i >= 0 and (text[i].isspace() or text[i] in _OPENING):
        i -= 1
    return i < 0 or text[i] in ".!?:;\u2026"


class SpellingRule(Rule):
    """Flags words that no dictionary, word list or accepted vocabulary entry knows."""

    kind = "spelling"
    summary = "Report words missing from Hunspell dictionaries (brand vocabulary aware); suggest fixes."
    default_message = "'{match}' is not in the dictionary."
    fix_availability = FixAvailability.SOMETIMES  # when a suggestion exists and the word maps verbatim
    segment_local = False  # with 'repeated', a word's findings depend on the whole document
    options = {
        "dictionaries": Option("str-list", ["en_US"], "Hunspell dictionary names, looked up in dicpath then shipped"),
        "dicpath": Option("str", "", "folder holding NAME.dic and NAME.aff files (relative to the rule file)"),
        "dic": Option("str", "", "path of one more .dic file (its .aff beside it, or 'aff')"),
        "aff": Option("str", "", "path of the .aff file that goes with 'dic'"),
        "append": Option("bool", False, "with dicpath/dic: use these dictionaries besides the default one"),
        "ignore": Option("str-list", [], "word-list files, one accepted word a line (relative to the rule file)"),
        "words": Option("str-list", [], "accepted words"),
        "filters": Option("regex-list", [], "RE2 patterns: a word matching one entirely is skipped"),
        "custom": Option("bool", False, "turn off the default filters (acronyms, camelCase, words with digits)"),
        "vocab": Option("str-list", [], "vocabulary folders (accept.txt / reject.txt), besides the config's 'vocab'"),
        "accept-case": Option(
            "bool",
            False,
            "an accepted entry in another casing is a spelling error too (Vale); default: vocab/terms reports it",
        ),
        "suggestions": Option("int", 3, "how many suggestions to offer (0: none)"),
        "repeated": Option(
            "int", 3, "an unknown word used this many times in one document is its term, not a typo (0: off)"
        ),
        "names": Option("bool", False, "also check capitalised words inside a sentence (names: use the vocabulary)"),
        "affixes": Option("bool", True, "accept a known word with a regular suffix or prefix ('sandboxed')"),
        "compounds": Option("bool", True, "accept a closed compound of two known words of 3+ letters ('tooltip')"),
        "min-length": Option("int", 2, "skip words shorter than this"),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        self.base = Path(meta.source).parent if meta.source else Path.cwd()
        self._pairs = self._dictionary_files()
        self._filters = [self.compile_option(p, "filters", i) for i, p in enumerate(opts.get("filters") or ())]
        extra: set[str] = set(opts.get("words") or ())
        for i, name in enumerate(opts.get("ignore") or ()):
            path = self._path(name)
            if not path.is_file():
                raise self.config_error(f"word list not found: {path}", "ignore", i)
            extra.update(w.strip() for w in path.read_text("utf-8-sig").splitlines() if w.strip())
        self._extra = hunspell.Wordlist(extra, set(), set(), set(), "", [], [])
        self._lists: list[hunspell.Wordlist] | None = None
        self._vocab: dict[tuple[str, ...], Vocab] = {}

    # -- configuration -------------------------------------------------------------------
    def _path(self, name: str) -> Path:
        p = Path(name).expanduser()
        return p if p.is_absolute() else self.base / p

    def _dictionary_files(self) -> list[tuple[Path, Path]]:
        o = self.opts
        pairs: list[tuple[Path, Path]] = []
        own = bool(o.get("dicpath") or o.get("dic"))
        names = list(o.get("dictionaries") or ())
        if own and o.get("append") and "en_US" not in names:
            names.insert(0, "en_US")
        for i, name in enumerate(names):
            dirs = [self._path(o["dicpath"])] if o.get("dicpath") else []
            dirs.append(DICTIONARY_DIR)
            for d in dirs:
                stem = ALIASES.get(name, name) if d == DICTIONARY_DIR else name
                dic = d / f"{stem}.dic"
                if dic.is_file() and dic.with_suffix(".aff").is_file():
                    pairs.append((dic, dic.with_suffix(".aff")))
                    break
            else:
                where = ", ".join(str(d) for d in dirs)
                raise self.config_error(
                    f"dictionary {name!r} not found (looked for {name}.dic and {name}.aff in {where})",
                    "dictionaries",
                    i,
                )
        if o.get("dic"):
            dic = self._path(o["dic"])
            aff = self._path(o["aff"]) if o.get("aff") else dic.with_suffix(".aff")
            for path, key in ((dic, "dic"), (aff, "aff")):
                if not path.is_file():
                    raise self.config_error(f"dictionary file not found: {path}", key)
            pairs.append((dic, aff))
        return pairs

    def wordlists(self) -> list[hunspell.Wordlist]:
        if self._lists is None:
            self._lists = [hunspell.load(dic, aff) for dic, aff in self._pairs]
        return self._lists

    def cache_token(self) -> str:
        parts = [hunspell.digest(d, a) for d, a in self._pairs]
        parts += sorted(self._extra.words)
        return "|".join(parts)

    def vocab(self, ctx: RuleContext) -> Vocab | None:
        folders = [str(self._path(f)) for f in self.opts.get("vocab") or ()]
        settings = ctx.settings
        if settings is not None:
            root = Path(getattr(settings, "root", Path.cwd()))
            for f in settings.get("vocab", ()) or ():
                p = Path(f).expanduser()
                folders.append(str(p if p.is_absolute() else root / p))
        if not folders:
            return None
        key = tuple(folders)
        v = self._vocab.get(key)
        if v is None:
            v = self._vocab[key] = load_vocab(key)
        return v

    # -- checking ------------------------------------------------------------------------
    def known(self, word: str, vocab: Vocab | None) -> bool:
        """Whether ``word`` is spelled right: a dictionary, the word lists or the vocabulary know it."""
        for wl in self.wordlists():
            if wl.check(word):
                return True
        if self._extra.words and self._extra.check(word):
            return True
        if vocab is not None:
            acc = vocab.accept
            if acc.has(word) or (word[:1].isupper() and acc.has(word.lower())):
                return True
            if not self.opts.get("accept-case", False) and acc.has_any_case(word):
                return True  # another casing of a brand name: vocab/terms reports it, with a fix
        return False

    def accepted_form(self, word: str, vocab: Vocab | None) -> bool:
        """The lenient default filters: a known word with a regular suffix or prefix, or a closed
        compound of two known words of 3+ letters ("breakpoint", "sandboxed", "rulesets")."""
        low = word.lower()
        if self.opts.get("affixes", True):
            for suffix in _SUFFIXES:
                if low.endswith(suffix) and len(low) - len(suffix) >= 3:
                    stem = low[: -len(suffix)]
                    if self.known(stem, vocab) or self.known(stem + "e", vocab):
                        return True
                    if len(stem) > 3 and stem[-1] == stem[-2] and self.known(stem[:-1], vocab):
                        return True  # a doubled consonant: "unzipped"
            for prefix in _PREFIXES:
                if low.startswith(prefix) and len(low) - len(prefix) >= 3 and self.known(low[len(prefix) :], vocab):
                    return True
        if self.opts.get("compounds", True) and len(low) >= 6:
            for i in range(3, len(low) - 2):
                head, tail = low[:i], low[i:]
                if self.known(head, vocab) and (self.known(tail, vocab) or self.accepted_form(tail, vocab)):
                    return True
        return False

    def words_of(self, text: str, known: set[str]) -> Iterator[tuple[int, int, str]]:
        """(start, end, token) of each token to check, skipping those in ``known`` (the fast path):
        whole chunks, or their hyphen/slash parts."""
        custom = self.opts.get("custom", False)
        min_len = self.opts.get("min-length", 2)
        filters = self._filters
        names = self.opts.get("names", False)
        for m in _CHUNK.finditer(text):
            tok = m.group()
            if tok in known:
                continue
            core = tok.strip(_STRIP)
            if core in known or len(core) < min_len:
                continue
            s = m.start() + tok.find(core)
            if core.isalpha():
                parts: list[tuple[int, str]] = [(s, core)]
            else:
                if _is_code(core):
                    continue
                if "/" in core:
                    pieces = core.split("/")
                    if len(pieces) > 2 or not all(p.isalpha() for p in pieces):
                        continue  # a path, not "and/or"
                if self.known(core, None):
                    continue  # "Wi-Fi", "e-mail": hyphenated dictionary entries
                parts = []
                pos = s
                pieces = _SPLIT.split(core)
                for k, piece in enumerate(pieces):
                    if piece and not _SPLIT.fullmatch(piece):
                        word = piece.strip("'\u2019")
                        if not (word.lower() in _HYPHEN_PREFIXES and k + 1 < len(pieces) and pieces[k + 1] == "-"):
                            parts.append((pos + piece.find(word), word))  # not a prefix as in "pre-trained"
                    pos += len(piece)
            for ps, word in parts:
                if len(word) < min_len or word in known:
                    continue
                if not custom:
                    if not word.replace("'", "").replace("\u2019", "").isalpha():
                        continue
                    if word.isupper() or (word[:-1].isupper() and word[-1] == "s" and len(word) > 2):
                        continue  # acronyms, "APIs"
                    if any(c.isupper() for c in word[1:]):
                        continue  # camelCase, PascalCase, "iPhone"
                if not names and word[:1].isupper() and not _sentence_start(text, ps):
                    continue  # a name inside a sentence: names belong in the vocabulary
                if filters and any(f.fullmatch(word) for f in filters):
                    continue
                yield ps, ps + len(word), word

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        found = [f for seg in self.segments(doc) for f in self.check_segment(doc, seg, ctx)]
        repeated = self.opts.get("repeated", 3)
        if repeated > 0 and len(found) >= repeated:
            counts = collections.Counter(f.matched.lower() for f in found if not f.data.get("rejected"))
            found = [f for f in found if f.data.get("rejected") or counts[f.matched.lower()] < repeated]
        return iter(found)

    def check_segment(self, doc: Document, seg: Segment, ctx: RuleContext) -> Iterator[Finding]:
        lists = self.wordlists()
        first = lists[0].words if lists else set()
        vocab = self.vocab(ctx)
        skip = vocab.accept.spans(seg.text) if vocab is not None else []
        limit = self.opts.get("suggestions", 3)
        rejecting = vocab is not None and bool(vocab.reject.entries)
        for s, e, word in self.words_of(seg.text, self._fast_set(first, vocab) if rejecting else first):
            rejected = rejecting and vocab is not None and vocab.reject.has(word)
            if not rejected:
                if word in first or self.known(word.replace("\u2019", "'"), vocab):
                    continue
                if word.endswith(("'s", "\u2019s")) and self.known(word[:-2], vocab):
                    continue
                if self.accepted_form(word.replace("\u2019", "'"), vocab):
                    continue
            if skip and any(a <= s and e <= b for a, b in skip):
                continue
            if not self.usable(seg, s, e):
                continue
            if rejected:
                f = self.finding(doc, seg, s, e, message=f"'{word}' is a rejected term.")
                f.data["rejected"] = True  # always reported, however often it appears
                yield f
                continue
            sugg = self._suggest(lists[0], word, limit) if lists and limit > 0 else []
            fixable = bool(sugg) and contiguous_source_range(seg, s, e) is not None
            yield self.finding(
                doc,
                seg,
                s,
                e,
                message=self.message(match=word, suggestions=", ".join(sugg)),
                replacement=sugg[0] if fixable else None,
                applicability=Applicability.UNSAFE,
                suggestions=sugg,
            )

    def _fast_set(self, first: set[str], vocab: Vocab | None) -> set[str]:
        """Dictionary words that need no further check: all of them minus rejected entries."""
        if vocab is None or vocab.reject.full is not None:
            return set()  # rejected patterns: every word takes the slow path
        key = ("fast", id(vocab))
        cached = self.__dict__.get("_fast")
        if cached is None or cached[0] != key:
            rej = vocab.reject
            cached = (key, {w for w in first if w not in rej.words and w.lower() not in rej.lower_words})
            self.__dict__["_fast"] = cached
        return cached[1]

    def _suggest(self, wl: hunspell.Wordlist, word: str, limit: int) -> list[str]:
        memo = self.__dict__.setdefault("_memo", {})
        found = memo.get(word)
        if found is None:
            found = memo[word] = suggest.suggest(wl, word, limit)
        return found
