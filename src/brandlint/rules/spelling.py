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

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..documents.base import Document, Segment
from ..findings import Applicability, Finding
from . import hunspell
from .base import FixAvailability, Option, Rule, RuleContext, RuleMeta, contiguous_source_range
from .vocab import Vocab, load_vocab

DICTIONARY_DIR = Path(__file__).resolve().parent.parent / "dictionaries"
#: dictionary names that mean a shipped file
ALIASES = {"en_US": "en_US-web", "en_us": "en_US-web"}

_CHUNK = re.compile(r"\S+")
_LEAD = "\"'([{<\u201c\u2018*_\u00ab\u00bf\u00a1"
_TRAIL = "\"')]}>,.;:!?\u201d\u2019*_\u2026\u00bb"
_DASHES = re.compile(r"[-\u2010\u2011\u2013\u2014]")
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


class SpellingRule(Rule):
    """Flags words that no dictionary, word list or accepted vocabulary entry knows."""

    kind = "spelling"
    summary = "Report words missing from Hunspell dictionaries (brand vocabulary aware); suggest fixes."
    default_message = "'{match}' is not in the dictionary."
    fix_availability = FixAvailability.SOMETIMES  # when a suggestion exists and the word maps verbatim
    segment_local = True
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
        "suggestions": Option("int", 3, "how many suggestions to offer (0: none)"),
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
        return False

    def words_of(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, token) of each token to check: whole chunks, or their hyphen/slash parts."""
        custom = self.opts.get("custom", False)
        min_len = self.opts.get("min-length", 2)
        filters = self._filters
        for m in _CHUNK.finditer(text):
            s, e = m.span()
            while s < e and text[s] in _LEAD:
                s += 1
            while e > s and text[e - 1] in _TRAIL:
                e -= 1
            if e - s < min_len:
                continue
            tok = text[s:e]
            if tok.isalpha():
                parts: list[tuple[int, str]] = [(s, tok)]
            else:
                if _is_code(tok):
                    continue
                if "/" in tok:
                    pieces = tok.split("/")
                    if len(pieces) > 3 or not all(p.isalpha() for p in pieces):
                        continue  # a path, not "and/or"
                parts = []
                pos = s
                for piece in re.split(r"([-/\u2010\u2011\u2013\u2014])", tok):
                    if piece and not _DASHES.fullmatch(piece) and piece != "/":
                        parts.append((pos, piece))
                    pos += len(piece)
            for ps, word in parts:
                word = word.strip("'\u2019")
                if len(word) < min_len:
                    continue
                if not custom:
                    if not word.replace("'", "").replace("\u2019", "").isalpha():
                        continue
                    if word.isupper() or (word[:-1].isupper() and word[-1] == "s" and len(word) > 2):
                        continue  # acronyms, "APIs"
                    if any(c.isupper() for c in word[1:]):
                        continue  # camelCase, PascalCase, "iPhone"
                if filters and any(f.fullmatch(word) for f in filters):
                    continue
                start = text.index(word, ps) if word != text[ps : ps + len(word)] else ps
                yield start, start + len(word), word

    def check_segment(self, doc: Document, seg: Segment, ctx: RuleContext) -> Iterator[Finding]:
        lists = self.wordlists()
        first = lists[0].words if lists else set()
        vocab = self.vocab(ctx)
        skip = vocab.accept.spans(seg.text) if vocab is not None else []
        limit = self.opts.get("suggestions", 3)
        for s, e, word in self.words_of(seg.text):
            rejected = vocab is not None and vocab.reject.has(word)
            if not rejected:
                if word in first or self.known(word.replace("\u2019", "'"), vocab):
                    continue
                if word.endswith(("'s", "\u2019s")) and self.known(word[:-2], vocab):
                    continue
            if skip and any(a <= s and e <= b for a, b in skip):
                continue
            if not self.usable(seg, s, e):
                continue
            if rejected:
                yield self.finding(doc, seg, s, e, message=f"'{word}' is a rejected term.")
                continue
            sugg = hunspell.suggest(lists[0], word, limit) if lists and limit > 0 else []
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
