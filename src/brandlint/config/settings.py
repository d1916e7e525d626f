"""Effective settings: config discovery (nearest file wins), ``extend``, overrides, selection."""

from __future__ import annotations

import difflib
import fnmatch
import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from pathspec import PathSpec

from .. import selectors
from ..errors import ConfigError
from ..findings import Severity
from ..limits import limits_of
from ..plugins.manager import Registry, get_registry
from ..rules.base import Rule
from ..vale.styles import ValeLoad, load_styles, vale_settings, vocab_rules
from . import schema as S
from .packs import load_pack
from .toml import load_toml
from .trust import HINT as TRUST_HINT
from .trust import is_trusted

try:  # pathspec >= 0.12.2 renamed the gitignore pattern style
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern  # noqa: F401

    GITIGNORE_STYLE = "gitignore"
except ImportError:  # pragma: no cover
    GITIGNORE_STYLE = "gitwildmatch"

CONFIG_NAMES = ("brandlint.toml", ".brandlint.toml", "pyproject.toml")
DEFAULT_PACKS = ("ai-tells", "inclusive", "plain-language")
#: config keys that can make brandlint import code (honoured only from a trusted directory)
CODE_KEYS = ("plugin-paths", "nlp")


def real_path(path: Path | str) -> Path:
    """``Path.resolve()`` that never raises: a symlink loop resolves as far as it goes
    (reading the file then reports the loop as a finding)."""
    return Path(os.path.realpath(path))


def _merge(base: dict, child: dict) -> dict:
    out = dict(base)
    for k, v in child.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict) and k not in ("severity",):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def read_config_file(path: Path, _seen: tuple = ()) -> tuple[dict[str, Any], dict[str, Path]]:
    """Read, validate and resolve ``extend``; return (data, origin dir of each path-like key)."""
    path = real_path(path)
    if path in _seen:
        raise ConfigError("circular 'extend'", path=str(path), key="extend")
    data, text = load_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("brandlint", {})
        text_for_lines = text  # keys live under [tool.brandlint]
        try:
            S.check_table(S.SCHEMA, data, ("tool", "brandlint"), str(path), text_for_lines)
        except ConfigError as exc:
            raise ConfigError(
                exc.message, path=exc.path, line=exc.line, key=exc.key.replace("tool.brandlint.", ""), hint=exc.hint
            ) from None
    else:
        S.check_table(S.SCHEMA, data, (), str(path), text)
    origins: dict[str, Path] = {
        k: path.parent for k in ("packs", "plugin-paths", "exclude", "extend-exclude", "include") if k in data
    }
    for k in CODE_KEYS:  # the file that set a key that can import code (see config/trust.py)
        if k in data:
            origins[f"file:{k}"] = path
    if "extend" in data:
        base_path = real_path(path.parent / data["extend"])
        if not base_path.is_file():
            raise ConfigError(
                f"'extend' file not found: {base_path}", path=str(path), line=S.locate(text, ("extend",)), key="extend"
            )
        base, base_origins = read_config_file(base_path, _seen + (path,))
        base_origins.update(origins)
        data = _merge(base, {k: v for k, v in data.items() if k != "extend"})
        origins = base_origins
    return data, origins


def find_config(start: Path) -> Path | None:
    """Nearest brandlint.toml / .brandlint.toml / pyproject.toml with [tool.brandlint]."""
    d = start if start.is_dir() else start.parent
    d = real_path(d)
    for folder in (d, *d.parents):
        for name in CONFIG_NAMES:
            p = folder / name
            if p.is_file():
                if name == "pyproject.toml":
                    try:
                        if b"[tool.brandlint" not in p.read_bytes():
                            continue
                    except OSError:
                        continue
                return p
    return None


def _matches(selector: str, rule: Rule) -> bool:
    return selectors.matches(selector, rule.id, rule.meta.pack)


def _selects(selector: str, rule: Rule) -> bool:
    """Whether a select / extend-select entry enables ``rule`` (opt-in rules only by name)."""
    if rule.meta.opt_in:
        return selectors.names_rule(selector, rule.id, rule.meta.pack)
    return _matches(selector, rule)


def _relative(path: Path, root: Path) -> str:
    try:
        return PurePosixPath(real_path(path).relative_to(root)).as_posix()
    except ValueError:
        return PurePosixPath(real_path(path)).as_posix()


@functools.lru_cache(maxsize=1024)
def compile_globs(patterns: tuple[str, ...]):
    """Gitignore-style matcher for a tuple of globs (compiled once per process)."""
    return PathSpec.from_lines(GITIGNORE_STYLE, patterns)


def glob_match(rel: str, pattern: str) -> bool:
    """Gitignore-like glob: ``**`` spans folders, a pattern without ``/`` matches any basename."""
    return compile_globs((pattern,)).match_file(rel)


@dataclass
class RuleSet:
    """The rules that apply to one file, with severity overrides already applied."""

    rules: list[Rule]
    key: tuple = ()

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.rules]


@dataclass
class Settings:
    """One config file's effective settings (or the defaults when there is none)."""

    root: Path
    path: Path | None
    data: dict[str, Any]
    registry: Registry
    all_rules: list[Rule]
    cli_select: tuple[str, ...] = ()
    cli_ignore: tuple[str, ...] = ()
    cli_extend_select: tuple[str, ...] = ()
    vale: Any = None  # brandlint.vale.styles.ValeLoad when Vale styles are loaded
    _rulesets: dict[tuple, RuleSet] = field(default_factory=dict, repr=False)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    @property
    def fail_on(self) -> Severity:
        return Severity.parse(self.data.get("fail-on", "warning"))

    def format_options(self, name: str, path: Path | str | None = None) -> dict[str, Any]:
        """``[formats.NAME]``, with the ``formats`` tables of the ``[[overrides]]`` that match
        ``path`` laid over it in order (key by key: a later override wins); ``limits`` holds
        the run's limits (see :mod:`brandlint.limits`)."""
        base = {**self.data.get("formats", {}).get(name, {}), "limits": self.limits}
        if path is None or not self.data.get("overrides"):
            return base
        rel = self.relpath(Path(path))
        merged = dict(base)
        for ov in self.data.get("overrides", ()):
            table = ov.get("formats", {}).get(name)
            if table and any(glob_match(rel, g) for g in ov.get("files", ())):
                merged.update(table)
        return merged

    @functools.cached_property
    def limits(self) -> dict[str, int]:
        return limits_of(self.data)

    def relpath(self, path: Path) -> str:
        return _relative(path, self.root)

    def ruleset_for(self, path: Path | str) -> RuleSet:
        rel = self.relpath(Path(path))
        matched = tuple(
            i
            for i, ov in enumerate(self.data.get("overrides", ()))
            if any(glob_match(rel, g) for g in ov.get("files", ()))
        )
        rs = self._rulesets.get(matched)
        if rs is None:
            rs = self._rulesets[matched] = self._build_ruleset(matched)
        return rs

    def _build_ruleset(self, override_idx: tuple[int, ...]) -> RuleSet:
        d = self.data
        select = list(self.cli_select or d.get("select") or ["ALL"])
        extend = list(d.get("extend-select", ())) + list(self.cli_extend_select)
        ignore = list(d.get("ignore", ())) + list(self.cli_ignore)
        severity = dict(d.get("severity", {}))
        for i in override_idx:
            ov = d["overrides"][i]
            if "select" in ov:
                select = list(ov["select"])
            extend += ov.get("extend-select", [])
            ignore += ov.get("ignore", [])
            severity.update(ov.get("severity", {}))
        chosen = []
        for rule in self.all_rules:
            if not any(_selects(s, rule) for s in select + extend):
                continue
            # a more specific select beats a broader ignore (Ruff's rule)
            ign = [s for s in ignore if _matches(s, rule)]
            if ign:
                broadest = max(map(selectors.specificity, ign))
                if not any(_selects(s, rule) and selectors.specificity(s) > broadest for s in select + extend):
                    continue
            sev, best = None, -1
            for sel, value in severity.items():  # the most specific matching key wins
                if _matches(sel, rule):
                    if selectors.specificity(sel) >= best:
                        sev, best = Severity.parse(value), selectors.specificity(sel)
            if sev is not None and sev != rule.meta.severity:
                rule = type(rule)(replace(rule.meta, severity=sev), rule.opts)
            chosen.append(rule)
        return RuleSet(chosen, override_idx)

    def pointer_ignored(self, pointer: str | None, rule_id: str) -> bool:
        """Whether ``pointer-ignores`` silences ``rule_id`` at a JSON pointer (no rules: all)."""
        if pointer is None:
            return False
        for pattern, rules in self.data.get("pointer-ignores", {}).items():
            if fnmatch.fnmatchcase(pointer, pattern) and (not rules or selectors.matches_any(rules, rule_id)):
                return True
        return False


def _resolve_packs(data: dict, origin: Path, registry: Registry, config_path: Path | None) -> list[Rule]:
    rules: list[Rule] = []
    seen: set[str] = set()
    defaults = "packs" not in data
    entries = DEFAULT_PACKS if defaults else data["packs"]
    for entry in entries:
        if defaults and entry not in registry.packs:
            continue  # a default pack that is not installed is simply not used
        candidate = origin / entry
        if ("/" in entry or "\\" in entry or entry.startswith(".")) or (
            candidate.is_dir() and entry not in registry.packs
        ):
            if not candidate.is_dir():
                raise ConfigError(
                    f"rule pack directory not found: {candidate}",
                    path=str(config_path or ""),
                    line=S.locate(_text(config_path), ("packs",)),
                    key="packs",
                    hint="give a directory of rule TOML files or an installed pack name",
                )
            name, directory = candidate.resolve().name, candidate
        elif entry in registry.packs:
            name, directory = entry, Path(registry.packs[entry])
        else:
            close = difflib.get_close_matches(entry, list(registry.packs), n=1)
            hint = (
                f"did you mean {close[0]!r}?"
                if close
                else f"installed packs: {', '.join(sorted(registry.packs)) or 'none'}"
            )
            raise ConfigError(
                f"unknown rule pack {entry!r}",
                path=str(config_path or ""),
                line=S.locate(_text(config_path), ("packs",)),
                key="packs",
                hint=hint,
            )
        if name in seen:
            continue
        seen.add(name)
        rules.extend(load_pack(directory, name, registry.kinds))
    return rules


def _load_vale(data: dict, root: Path, registry: Registry) -> tuple[dict, ValeLoad]:
    """Vale styles as packs; a .vale.ini's switches become ignore / severity entries."""
    paths, based_on, vocab, ini = vale_settings(data, root)
    if not based_on:
        raise ConfigError("[vale] names no style", key="vale.based-on", hint='e.g. based-on = ["Microsoft"]')
    vale = load_styles(paths, based_on, registry.kinds, vocab, ini)
    data = dict(data)
    if vale.vocab_dirs:
        data["vocab"] = [str((root / v).resolve()) for v in data.get("vocab", ())] + vale.vocab_dirs
    if ini is not None:
        data["ignore"] = list(data.get("ignore", ())) + [k.replace(".", "/") for k in ini.disabled]
        data["severity"] = {**{k.replace(".", "/"): v for k, v in ini.levels.items()}, **data.get("severity", {})}
    return data, vale


def _model_is_local(name: str) -> bool:
    """Whether an ``[nlp] model`` entry names a path (spaCy loads a folder as it finds it)
    rather than an installed package."""
    return "/" in name or "\\" in name or name.startswith(".") or Path(name).exists() or not name.isidentifier()


def check_trust(data: dict[str, Any], origins: dict[str, Path], overrides: dict[str, Any]) -> None:
    """Refuse a config key that would import code unless its file is in a trusted directory."""
    wanted: list[tuple[str, tuple[str, ...], Any]] = []
    if data.get("plugin-paths") and "plugin-paths" not in overrides:
        wanted.append(("plugin-paths", ("plugin-paths",), data["plugin-paths"]))
    nlp = data.get("nlp") or {}
    if "nlp" not in overrides:
        if isinstance(nlp.get("model"), str) and _model_is_local(nlp["model"]):
            wanted.append(("nlp", ("nlp", "model"), nlp["model"]))
        local = [m for m in nlp.get("fallback-models", ()) if isinstance(m, str) and _model_is_local(m)]
        if local:
            wanted.append(("nlp", ("nlp", "fallback-models"), local))
    for key, keys, value in wanted:
        file = origins.get(f"file:{key}")
        if file is None or is_trusted(file.parent):
            continue
        what = "imports Python code" if key == "plugin-paths" else "loads a model (and its code) from a path"
        raise ConfigError(
            f"{value!r} {what}, and {file.parent} is not a trusted directory",
            path=str(file),
            line=S.locate(_text(file), keys),
            key=".".join(keys),
            hint=TRUST_HINT,
        )


def _text(path: Path | None) -> str:
    try:
        return path.read_text("utf-8") if path else ""
    except OSError:
        return ""


_SETTINGS_CACHE: dict[tuple, Settings] = {}


def clear_settings_cache() -> None:
    """Forget every loaded config (after a config or rule file changed: the language server)."""
    _SETTINGS_CACHE.clear()


def load_settings(
    config_path: Path | None,
    *,
    cwd: Path | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    overrides: dict[str, Any] | None = None,
) -> Settings:
    """Build Settings for a config file (None: defaults rooted at ``cwd``). Cached per process."""
    key = (
        str(config_path),
        str(cwd),
        tuple(select),
        tuple(ignore),
        tuple(extend_select),
        repr(sorted((overrides or {}).items())),
        config_path.stat().st_mtime_ns if config_path and config_path.exists() else 0,
    )
    cached = _SETTINGS_CACHE.get(key)
    if cached is not None:
        return cached
    if config_path is not None:
        data, origins = read_config_file(config_path)
        root = config_path.resolve().parent
    else:
        data, origins = {}, {}
        root = (cwd or Path.cwd()).resolve()
    if overrides:
        data = _merge(data, overrides)
    check_trust(data, origins, overrides or {})
    plugin_origin = origins.get("plugin-paths", root)
    registry = get_registry([plugin_origin / p for p in data.get("plugin-paths", ())])
    rules = _resolve_packs(data, origins.get("packs", root), registry, config_path)
    if data.get("vocab"):  # the brand vocabulary: vocab/terms and vocab/avoid, shared with spelling
        rules = rules + vocab_rules([str((root / v).resolve()) for v in data["vocab"]], registry.kinds)
    vale = None
    if data.get("vale-styles") or data.get("vale"):
        data, vale = _load_vale(data, root, registry)
        rules = rules + vale.rules
    settings = Settings(
        root=root,
        path=config_path.resolve() if config_path else None,
        data=data,
        registry=registry,
        all_rules=rules,
        cli_select=tuple(select),
        cli_ignore=tuple(ignore),
        cli_extend_select=tuple(extend_select),
        vale=vale,
    )
    # resolve globs that are relative to the file that set them
    settings.data = dict(settings.data)
    settings.data["_exclude_root"] = str(origins.get("exclude", root))
    _SETTINGS_CACHE[key] = settings
    # fail early on selectors that name nothing, like Ruff does for unknown codes
    known = {r.id for r in rules} | {r.meta.pack for r in rules} | {"ALL"}
    for sel in tuple(select) + tuple(ignore) + tuple(extend_select):
        if not any(_matches(sel, r) for r in rules) and not selectors.is_all(sel):
            close = difflib.get_close_matches(sel, sorted(known), n=1)
            raise ConfigError(
                f"rule selector {sel!r} matches no loaded rule",
                hint=f"did you mean {close[0]!r}?" if close else "see `brandlint rules`",
            )
    return settings
