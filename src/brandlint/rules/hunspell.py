"""Hunspell dictionaries (.dic + .aff), expanded once into a set of word forms.

Checking a word is then a set lookup (no affix stripping per word), which is what makes the
``spelling`` kind fast: the en_US dictionary expands in well under a second and the result is
cached on disk, keyed by the files' contents, so later runs only unpickle it.

Supported from the .aff file: ``SET``, ``FLAG`` (characters, ``long``, ``num``, ``UTF-8``),
``PFX``/``SFX`` with conditions, cross products and continuation flags (one level),
``NEEDAFFIX``, ``ONLYINCOMPOUND``, ``FORBIDDENWORD``, ``KEEPCASE``, ``NOSUGGEST``, ``ICONV``,
``TRY`` and ``REP`` (for suggestions, :mod:`brandlint.rules.suggest`). Compounding (``COMPOUNDRULE``...) is not: the rule skips
tokens with digits, which is what en_US uses it for (ordinals such as "21st").

Case follows Hunspell: a lower-case entry accepts its capitalised and upper-case forms, a
capitalised entry ("Paris") its upper-case form, a ``KEEPCASE`` entry only itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

CACHE_VERSION = 1


@dataclass
class Affix:
    strip: str
    add: str
    cond: re.Pattern[str] | None
    cont: frozenset[str]
    cross: bool


@dataclass
class AffixFile:
    flag_mode: str = "char"
    prefixes: dict[str, list[Affix]] = field(default_factory=dict)
    suffixes: dict[str, list[Affix]] = field(default_factory=dict)
    needaffix: str | None = None
    onlyincompound: str | None = None
    forbidden: str | None = None
    keepcase: str | None = None
    nosuggest: str | None = None
    iconv: list[tuple[str, str]] = field(default_factory=list)
    try_chars: str = ""
    rep: list[tuple[str, str]] = field(default_factory=list)

    def flags(self, text: str) -> list[str]:
        if self.flag_mode == "long":
            return [text[i : i + 2] for i in range(0, len(text), 2)]
        if self.flag_mode == "num":
            return [f for f in text.split(",") if f]
        return list(text)


def _condition(cond: str, suffix: bool) -> re.Pattern[str] | None:
    """A Hunspell affix condition (``[^aeiou]y``, ``.``, ``e``) as a regex anchored at the word's end
    (suffixes) or start (prefixes)."""
    if cond in (".", ""):
        return None
    out: list[str] = []
    i = 0
    while i < len(cond):
        c = cond[i]
        if c == "[":
            j = cond.find("]", i + 1)
            j = len(cond) - 1 if j == -1 else j
            inner = cond[i + 1 : j]
            neg = inner.startswith("^")
            body = "".join(re.escape(ch) for ch in (inner[1:] if neg else inner))
            out.append(f"[{'^' if neg else ''}{body}]")
            i = j + 1
            continue
        out.append("." if c == "." else re.escape(c))
        i += 1
    body = "".join(out)
    return re.compile(body + "$" if suffix else "^" + body)


def parse_aff(text: str) -> AffixFile:
    aff = AffixFile()
    lines = [ln.split("#", 1)[0].split() if not ln.startswith("#") else [] for ln in text.splitlines()]
    for parts in lines:
        if not parts:
            continue
        key = parts[0]
        if key == "FLAG" and len(parts) > 1:
            aff.flag_mode = {"long": "long", "num": "num"}.get(parts[1], "char")
    for parts in lines:
        if not parts:
            continue
        key = parts[0]
        if key in ("PFX", "SFX") and len(parts) >= 4:
            table = aff.prefixes if key == "PFX" else aff.suffixes
            flag = parts[1]
            if len(parts) == 4 and parts[2] in ("Y", "N"):  # header: PFX A Y 1
                table.setdefault(flag, [])
                table[flag + "\0cross"] = [Affix("", "", None, frozenset(), parts[2] == "Y")]
                continue
            strip = "" if parts[2] == "0" else parts[2]
            add, _, cont = parts[3].partition("/")
            add = "" if add == "0" else add
            cond = parts[4] if len(parts) > 4 else "."
            header = table.get(flag + "\0cross")
            cross = bool(header and header[0].cross)
            table.setdefault(flag, []).append(
                Affix(strip, add, _condition(cond, key == "SFX"), frozenset(aff.flags(cont)), cross)
            )
        elif key == "NEEDAFFIX" and len(parts) > 1:
            aff.needaffix = parts[1]
        elif key == "ONLYINCOMPOUND" and len(parts) > 1:
            aff.onlyincompound = parts[1]
        elif key == "FORBIDDENWORD" and len(parts) > 1:
            aff.forbidden = parts[1]
        elif key == "KEEPCASE" and len(parts) > 1:
            aff.keepcase = parts[1]
        elif key == "NOSUGGEST" and len(parts) > 1:
            aff.nosuggest = parts[1]
        elif key == "ICONV" and len(parts) > 2:
            aff.iconv.append((parts[1], parts[2]))
        elif key == "TRY" and len(parts) > 1:
            aff.try_chars = parts[1]
        elif key == "REP" and len(parts) > 2:
            aff.rep.append((parts[1].replace("_", " "), parts[2].replace("_", " ")))
    for table in (aff.prefixes, aff.suffixes):
        for k in [k for k in table if k.endswith("\0cross")]:
            del table[k]
    return aff


def _entries(dic_text: str) -> Iterable[tuple[str, str]]:
    """(word, flags) of each line of a .dic file: ``word/FLAGS`` then optional morphology."""
    lines = dic_text.splitlines()
    start = 1 if lines and lines[0].strip().isdigit() else 0
    for line in lines[start:]:
        line = line.split("\t", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        m = _ENTRY.match(line)
        if m:
            yield m.group(1).replace("\\/", "/"), m.group(2) or ""


_ENTRY = re.compile(r"((?:\\/|[^/\s])+)(?:/(\S*))?")


@dataclass
class Wordlist:
    """Every accepted word form, with what case rules and suggestions need."""

    words: set[str]  # exact forms
    keepcase: set[str]
    nosuggest: set[str]
    forbidden: set[str]
    try_chars: str
    rep: list[tuple[str, str]]
    iconv: list[tuple[str, str]]
    _upper: set[str] | None = field(default=None, repr=False)

    @property
    def upper(self) -> set[str]:
        """Upper-cased forms of every word (an all-caps token is checked here); built on first use."""
        if self._upper is None:
            self._upper = {w.upper() for w in self.words if w not in self.keepcase}
        return self._upper

    def __contains__(self, word: str) -> bool:
        return self.check(word)

    def check(self, word: str) -> bool:
        for a, b in self.iconv:
            if a in word:
                word = word.replace(a, b)
        if word in self.forbidden:
            return False
        if word in self.words:
            return True
        if word.isupper():
            return word in self.upper
        if word[:1].isupper() and word[1:] == word[1:].lower():
            low = word.lower()
            return low in self.words and low not in self.keepcase
        return False

    def update(self, words: Iterable[str]) -> None:
        for w in words:
            self.words.add(w)
            if self._upper is not None:
                self._upper.add(w.upper())


def expand(aff: AffixFile, dic_text: str) -> Wordlist:
    words: set[str] = set()
    keepcase: set[str] = set()
    nosuggest: set[str] = set()
    forbidden: set[str] = set()
    flags_of = aff.flags
    for root, flag_text in _entries(dic_text):
        flags = set(flags_of(flag_text)) if flag_text else set()
        forms: set[str] = set()
        if aff.forbidden and aff.forbidden in flags:
            forbidden.add(root)
            continue
        if aff.onlyincompound and aff.onlyincompound in flags:
            continue
        if not (aff.needaffix and aff.needaffix in flags):
            forms.add(root)
        suffixed: list[tuple[str, bool]] = []
        for f in flags:
            for sfx in aff.suffixes.get(f, ()):
                w = _apply_suffix(root, sfx)
                if w is None:
                    continue
                forms.add(w)
                suffixed.append((w, sfx.cross))
                for f2 in sfx.cont:  # twofold suffixes: one more level
                    for sfx2 in aff.suffixes.get(f2, ()):
                        w2 = _apply_suffix(w, sfx2)
                        if w2 is not None:
                            forms.add(w2)
        for f in flags:
            for pfx in aff.prefixes.get(f, ()):
                w = _apply_prefix(root, pfx)
                if w is not None:
                    forms.add(w)
                if pfx.cross:
                    for s, cross in suffixed:
                        if cross:
                            w = _apply_prefix(s, pfx)
                            if w is not None:
                                forms.add(w)
        words |= forms
        if aff.keepcase and aff.keepcase in flags:
            keepcase |= forms
        if aff.nosuggest and aff.nosuggest in flags:
            nosuggest |= forms
    return Wordlist(words, keepcase, nosuggest, forbidden, aff.try_chars, aff.rep, aff.iconv)


def _apply_suffix(word: str, sfx: Affix) -> str | None:
    if sfx.cond is not None and not sfx.cond.search(word):
        return None
    if sfx.strip:
        if not word.endswith(sfx.strip):
            return None
        word = word[: -len(sfx.strip)]
    return word + sfx.add


def _apply_prefix(word: str, pfx: Affix) -> str | None:
    if pfx.cond is not None and not pfx.cond.search(word):
        return None
    if pfx.strip:
        if not word.startswith(pfx.strip):
            return None
        word = word[len(pfx.strip) :]
    return pfx.add + word


def _to_json(wl: Wordlist) -> dict:
    return {
        "words": sorted(wl.words),
        "keepcase": sorted(wl.keepcase),
        "nosuggest": sorted(wl.nosuggest),
        "forbidden": sorted(wl.forbidden),
        "try": wl.try_chars,
        "rep": wl.rep,
        "iconv": wl.iconv,
    }


def _from_json(data: dict) -> Wordlist:
    return Wordlist(
        set(data["words"]),
        set(data["keepcase"]),
        set(data["nosuggest"]),
        set(data["forbidden"]),
        str(data["try"]),
        [(str(a), str(b)) for a, b in data["rep"]],
        [(str(a), str(b)) for a, b in data["iconv"]],
    )


def cache_dir() -> Path:
    """``$BRANDLINT_DICT_CACHE``, else ``$XDG_CACHE_HOME/brandlint/hunspell`` (``~/.cache`` by default)."""
    own = os.environ.get("BRANDLINT_DICT_CACHE")
    if own:
        return Path(own)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "brandlint" / "hunspell"


_LOADED: dict[str, Wordlist] = {}


def digest(dic: Path, aff: Path) -> str:
    h = hashlib.sha256(f"v{CACHE_VERSION}".encode())
    for p in (aff, dic):
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:32]


def load(dic: Path, aff: Path) -> Wordlist:
    """The expanded word list of a dictionary: from memory, the disk cache, or built (and cached).

    The cache is a JSON file (data, never code), written atomically; a damaged one is rebuilt,
    and a cache folder that cannot be written only costs the expansion on the next run.
    """
    key = digest(dic, aff)
    wl = _LOADED.get(key)
    if wl is not None:
        return wl
    path = cache_dir() / f"{key}.json"
    try:
        wl = _from_json(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        wl = None
    if wl is None:
        wl = expand(parse_aff(aff.read_text("utf-8", "replace")), dic.read_text("utf-8", "replace"))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(_to_json(wl)), "utf-8")
            os.replace(tmp, path)
        except OSError:
            pass
    _LOADED[key] = wl
    return wl
