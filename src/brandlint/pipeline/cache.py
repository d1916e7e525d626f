"""The result cache: a file's findings, reused while nothing that could change them has changed.

:class:`CachedLintJob` decorates "lint one file" (:class:`~brandlint.pipeline.lint_one.LintJob`):
a run asks it to *settle* each file from the cache in this process, lints the misses wherever
its runner works (returning the digest of the bytes linted), and stores new results here.

An entry is keyed on a SHA-256 of

* the file's bytes and its resolved path (findings carry the path; overrides select rules by it),
* the *effective configuration*: the settings data (every key of the config file, after
  ``extend``), and for each rule that applies to the file its id, kind, severity, options,
  metadata and the bytes of the TOML file that defined it,
* the code that runs: brandlint's version and the size and mtime of its modules (so an
  editable install that changed is never served stale results), each plugin's name, version and
  the modules of the rule kinds, formats and services it registered,
* model digests: :meth:`Rule.cache_token` of every rule (a classifier's model sha256...) and the
  ``cache_token(settings)`` of each service a rule needs (the spaCy model name and version).

Entries live in ``<config root>/.brandlint_cache/results-v1/`` (or ``$BRANDLINT_CACHE_DIR``),
one file per entry, written to a temporary file and renamed into place (``os.replace``), so
concurrent runs never see half an entry. An entry is a header line (key, SHA-256 of the
payload) and a JSON payload; anything that does not match exactly (a truncated file, a flipped
bit, a foreign file, another format) is ignored and overwritten, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import brandlint  # its __version__ is read when a key is made (a test may change it)

from ..config.settings import RuleSet, Settings
from ..fileio import write_atomic
from ..findings import Finding
from ..plugins.manager import Registry
from ..results import INTERNAL_ERROR, FileResult
from ..rules.base import Rule
from .lint_one import LintJob, file_digest, lint_file, lint_file_hashed
from .options import RunOptions

CACHE_DIR_ENV = "BRANDLINT_CACHE_DIR"
CACHE_DIRNAME = ".brandlint_cache"
FORMAT = 1
RESULTS_DIR = f"results-v{FORMAT}"
_MAGIC = "brandlint-cache"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by brandlint.\n"


def default_root(config_root: Path) -> Path:
    """``$BRANDLINT_CACHE_DIR`` or ``<config root>/.brandlint_cache``."""
    env = os.environ.get(CACHE_DIR_ENV)
    return Path(env) if env else Path(config_root) / CACHE_DIRNAME


# --------------------------------------------------------------------------------------------
# What the key is made of


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr, separators=(",", ":"))


def _stat_token(path: str | Path) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return f"{path}:missing"
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


_CODE: dict[tuple, str] = {}


def _module_file(obj: Any) -> str | None:
    mod = getattr(obj, "__module__", None) or getattr(type(obj), "__module__", None)
    m = sys.modules.get(mod) if mod else None
    return getattr(m, "__file__", None)


def code_token(registry: Registry) -> str:
    """brandlint's version and modules, and each plugin's version and registered code."""
    key = (id(registry),)
    tok = _CODE.get(key)
    if tok is not None:
        return tok
    h = hashlib.sha256(f"brandlint {brandlint.__version__}\n".encode())
    pkg = Path(__file__).resolve().parent.parent
    for dirpath, dirnames, filenames in os.walk(pkg):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith(".py"):
                h.update(_stat_token(os.path.join(dirpath, name)).encode() + b"\n")
    for info in registry.plugins:
        h.update(f"plugin {info.name} {info.version} {info.origin}\n".encode())
    files: set[str] = set()
    registered: list[dict[str, Any]] = [registry.kinds, registry.formats, registry.services, registry.reporters]
    for table in registered:
        for obj in table.values():
            f = _module_file(obj)
            if f and not Path(f).resolve().is_relative_to(pkg):
                files.add(f)
    for f in sorted(files):
        h.update(_stat_token(f).encode() + b"\n")
    tok = _CODE[key] = h.hexdigest()
    return tok


def _rule_token(rule: Rule) -> list:
    meta = rule.meta
    src = meta.source
    try:
        src_digest = file_digest(src) if src else ""
    except OSError:
        src_digest = "unreadable"
    try:
        token = str(rule.cache_token() or "")
    except Exception as exc:  # a token that cannot be computed: never match an older entry
        token = f"error:{type(exc).__name__}:{exc}:{os.urandom(8).hex()}"
    return [
        rule.id,
        meta.kind,
        str(meta.severity),
        type(rule).__module__ + "." + type(rule).__qualname__,
        repr(meta),
        _canonical(rule.opts),
        src,
        src_digest,
        token,
    ]


def _service_tokens(rules: list[Rule], settings: Settings) -> list:
    needed = sorted({n for r in rules for n in r.needs})
    out = []
    factories = settings.registry.services
    for name in needed:
        factory = factories.get(name)
        try:
            out.append([name, str(factory.cache_token(settings)) if factory is not None else ""])
        except Exception as exc:  # e.g. no model installed: linting reports it; never reuse
            out.append([name, f"error:{type(exc).__name__}:{os.urandom(8).hex()}"])
    return out


_CONFIG: dict[tuple, str] = {}


def config_token(settings: Settings, ruleset: RuleSet) -> str:
    """Digest of the effective configuration for one rule set (memoised per process)."""
    key = (id(settings), ruleset.key)
    tok = _CONFIG.get(key)
    if tok is None:
        parts = {
            "format": FORMAT,
            "code": code_token(settings.registry),
            "settings": _canonical(settings.data),
            "config": str(settings.path or ""),
            "rules": [_rule_token(r) for r in ruleset.rules],
            "services": _service_tokens(ruleset.rules, settings),
        }
        tok = _CONFIG[key] = hashlib.sha256(_canonical(parts).encode("utf-8")).hexdigest()
    return tok


def entry_key(config: str, path: Path | str, content: str) -> str:
    """The key of one file's entry: effective config + resolved path + content digest."""
    resolved = os.path.abspath(path)  # no symlink resolution: one syscall-free call per file
    return hashlib.sha256(f"{config}\0{resolved}\0{content}".encode("utf-8", "surrogatepass")).hexdigest()


# --------------------------------------------------------------------------------------------
# Entries on disk


def _json_default(obj: Any) -> Any:
    item = getattr(obj, "item", None)  # numpy scalars from model scores
    if callable(item):
        return item()
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


class ResultCache:
    """One cache directory. ``load`` returns a FileResult or None; ``store`` never raises."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.dir = self.root / RESULTS_DIR
        self.hits = self.misses = self.rejected = self.writes = 0
        self._ready = False
        self._broken = False

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key[2:]}.json"

    # -- reading ---------------------------------------------------------------------------
    def load(self, key: str, shown: str) -> FileResult | None:
        """The cached result for ``key`` with paths set to ``shown``; None when absent or invalid."""
        p = self._path(key)
        try:
            raw = p.read_bytes()
        except OSError:
            self.misses += 1
            return None
        try:
            head, _, body = raw.partition(b"\n")
            header = json.loads(head)
            if (
                not isinstance(header, dict)
                or header.get(_MAGIC) != FORMAT
                or header.get("key") != key
                or header.get("sha256") != hashlib.sha256(body).hexdigest()
            ):
                raise ValueError("header does not match")
            data = json.loads(body)
            if not isinstance(data, dict):
                raise ValueError("payload is not an object")
            words, fmt, note, items = data["words"], data["format"], data["note"], data["findings"]
            if not (
                isinstance(words, int) and isinstance(fmt, str) and isinstance(note, str) and isinstance(items, list)
            ):
                raise ValueError("payload fields have the wrong types")
            findings = []
            for d in items:
                f = Finding.from_dict(d)
                f.path = shown
                findings.append(f)
        except Exception:  # corrupt, truncated, foreign or older: relint and overwrite
            self.rejected += 1
            self.misses += 1
            return None
        self.hits += 1
        return FileResult(shown, findings, words=words, format=fmt, note=note)

    # -- writing ---------------------------------------------------------------------------
    def _prepare(self) -> bool:
        if self._ready or self._broken:
            return self._ready
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            for name, text in (
                (".gitignore", "# created by brandlint: never commit the cache\n*\n"),
                ("CACHEDIR.TAG", _TAG),
            ):
                target = self.root / name
                if not target.exists():
                    write_atomic(target, text.encode("utf-8"))
            self._ready = True
        except OSError:
            self._broken = True  # an unwritable cache only makes runs slower
        return self._ready

    def store(self, key: str, result: FileResult) -> bool:
        if not self._prepare():
            return False
        try:
            body = json.dumps(
                {
                    "words": result.words,
                    "format": result.format,
                    "note": result.note,
                    "findings": [f.to_dict() for f in result.findings],
                },
                ensure_ascii=False,
                default=_json_default,
                separators=(",", ":"),
            ).encode("utf-8")
            head = json.dumps({_MAGIC: FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()})
            p = self._path(key)
            p.parent.mkdir(exist_ok=True)
            write_atomic(p, head.encode("ascii") + b"\n" + body)
        except (OSError, TypeError, ValueError):
            return False
        self.writes += 1
        return True


_CACHES: dict[str, ResultCache] = {}


def cache_for(settings: Settings, override: Path | str | None = None) -> ResultCache:
    """The process's ResultCache for a config root (or the given/env directory)."""
    root = Path(override) if override else default_root(settings.root)
    key = str(root.resolve())
    c = _CACHES.get(key)
    if c is None:
        c = _CACHES[key] = ResultCache(root)
    return c


def stats_line() -> str:
    """``cache: H hits, M misses (R invalid entries), W written`` over this process's caches."""
    cs = list(_CACHES.values())
    hits, misses = sum(c.hits for c in cs), sum(c.misses for c in cs)
    rejected, writes = sum(c.rejected for c in cs), sum(c.writes for c in cs)
    where = ", ".join(str(c.dir) for c in cs) or "unused"
    extra = f" ({rejected} invalid entr{'ies' if rejected != 1 else 'y'} ignored)" if rejected else ""
    return f"cache: {hits} hits, {misses} misses{extra}, {writes} written ({where})"


# --------------------------------------------------------------------------------------------
# The decorator of "lint one file"


@dataclass
class CachedLintJob:
    """:class:`~brandlint.pipeline.lint_one.LintJob` with the result cache around it.

    ``settle`` serves a valid entry (in this process, before any worker starts); ``work`` lints
    a miss and returns the digest of the bytes it linted; ``finish`` stores the new result here
    (so ``check -v`` counts every write) and returns it.
    """

    options: RunOptions
    inner: LintJob = field(init=False)

    def __post_init__(self) -> None:
        self.inner = LintJob(self.options)

    def _cache(self, settings: Settings) -> ResultCache:
        return cache_for(settings, self.options.cache_dir)

    def settle(self, path: Path, settings: Settings, explicit: bool) -> FileResult | None:
        done = self.inner.settle(path, settings, explicit)
        if done is not None or settings.registry.format_for(str(path)) is None:
            return done
        try:
            fmt = settings.registry.format_for(str(path))
            if fmt is not None and not fmt.streaming and path.stat().st_size > settings.limits["file-size"]:
                return None  # over the size limit: linting reports it without reading the file
            digest = file_digest(path)
        except OSError:
            return None  # linting reports the read error
        key = entry_key(config_token(settings, settings.ruleset_for(path)), path, digest)
        return self._cache(settings).load(key, str(path))

    def work(self, path: Path, settings: Settings) -> tuple[FileResult, str | None]:
        if settings.registry.format_for(str(path)) is None:
            return lint_file(path, settings), None
        return lint_file_hashed(path, settings)

    def finish(self, path: Path, settings: Settings, output: tuple[FileResult, str | None]) -> FileResult:
        result, digest = output
        if digest is not None and not any(f.rule_id == INTERNAL_ERROR for f in result.findings):
            key = entry_key(config_token(settings, settings.ruleset_for(path)), path, digest)
            self._cache(settings).store(key, result)
        return result
