"""Load plugins (built-ins, entry points, local paths) and collect what they register.

Each plugin is loaded on its own; a failure is recorded with the plugin's name and reason
(never a bare traceback) and turned into a :class:`PluginError` by the caller.
"""

from __future__ import annotations

import importlib
import importlib.metadata as md
import importlib.util
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pluggy

from ..errors import PluginError
from . import hookspecs
from .commands import CommandSet
from .protocols import DocumentFormat, FindingFixer, Fixer, Reporter, RunnerFactory, ServiceFactory, StreamingFormat

ENTRY_POINT_GROUP = "brandlint"


@dataclass
class PluginInfo:
    name: str
    version: str
    origin: str  # "entry point" | "local path"
    registers: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Registry:
    """Everything the loaded plugins registered, by name, with who registered it."""

    kinds: dict[str, type] = field(default_factory=dict)
    formats: dict[str, DocumentFormat] = field(default_factory=dict)
    extensions: dict[str, DocumentFormat] = field(default_factory=dict)
    reporters: dict[str, Reporter] = field(default_factory=dict)
    packs: dict[str, str] = field(default_factory=dict)
    services: dict[str, ServiceFactory] = field(default_factory=dict)
    model_backends: dict[str, Callable[..., Any]] = field(default_factory=dict)
    fixers: dict[str, Fixer | FindingFixer] = field(default_factory=dict)
    runners: dict[str, RunnerFactory] = field(default_factory=dict)
    commands: CommandSet = field(default_factory=CommandSet)
    plugins: list[PluginInfo] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)

    def format_for(self, path: str) -> DocumentFormat | None:
        suffix = Path(path).suffix.lower()
        return self.extensions.get(suffix)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _missing(obj: Any, shape: type) -> str:
    """The members of protocol ``shape`` that ``obj`` lacks, for an error message."""
    names = [n for n in getattr(shape, "__protocol_attrs__", None) or _protocol_members(shape) if not hasattr(obj, n)]
    return ", ".join(sorted(names)) or "a member"


def _protocol_members(shape: type) -> list[str]:
    out: set[str] = set()
    for base in shape.__mro__:
        if base is object or base.__name__ in ("Protocol", "Generic"):
            continue
        out.update(n for n in vars(base) if not n.startswith("_") or n == "__call__")
        out.update(getattr(base, "__annotations__", {}))
    return sorted(out)


def _plugin_modules(pm: pluggy.PluginManager) -> dict[str, str]:
    """``{module name: plugin name}`` of the registered plugins (and their packages)."""
    out: dict[str, str] = {}
    for name, plugin in pm.list_name_plugin():
        mod = getattr(plugin, "__name__", None) or type(plugin).__module__
        if mod:
            out[mod] = name
            out.setdefault(mod.rsplit(".", 1)[0], name)
    return out


def _owner(pm: pluggy.PluginManager, obj: Any) -> str:
    mod = getattr(obj, "__module__", "") or ""
    mods = _plugin_modules(pm)
    while mod:
        if mod in mods:
            return mods[mod]
        mod = mod.rpartition(".")[0]
    return "?"


def _culprit(pm: pluggy.PluginManager, exc: BaseException) -> str:
    """The plugin whose code raised ``exc`` (innermost frame of a plugin module), or ``"?"``."""
    mods = _plugin_modules(pm)
    tb = exc.__traceback__
    found = "?"
    while tb is not None:
        mod = tb.tb_frame.f_globals.get("__name__", "")
        while mod:
            if mod in mods:
                found = mods[mod]
                break
            mod = mod.rpartition(".")[0]
        tb = tb.tb_next
    return found


def _load_local(path: Path) -> Iterable[tuple[str, Any]]:
    """Yield (name, module) for each ``*.py`` file (or package) in a plugin directory."""
    if path.is_file() and path.suffix == ".py":
        candidates = [path]
    else:
        candidates = sorted(p for p in path.glob("*.py") if not p.name.startswith("_"))
        candidates += (
            sorted(p / "__init__.py" for p in path.iterdir() if (p / "__init__.py").is_file()) if path.is_dir() else []
        )
    for file in candidates:
        name = file.parent.name if file.name == "__init__.py" else file.stem
        yield name, file


def build_registry(plugin_paths: Iterable[str | Path] = (), *, entry_points: bool = True) -> Registry:
    """Load every plugin and collect registrations; failures are recorded, not raised."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    reg = Registry()
    infos: dict[str, PluginInfo] = {}

    if entry_points:
        eps = sorted(md.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.dist.name if e.dist else "", e.name))
        for ep in eps:
            dist = ep.dist.name if ep.dist else "?"
            version = ep.dist.version if ep.dist else "?"
            try:
                plugin = ep.load()
                pm.register(plugin, name=ep.name)
            except Exception as exc:  # a broken plugin must never kill the run with a traceback
                reg.failures.append((ep.name, f"{_describe(exc)} (from {dist} {version})"))
                continue
            infos[ep.name] = PluginInfo(ep.name, f"{dist} {version}", "entry point")

    for raw in plugin_paths:
        path = Path(raw)
        if not path.exists():
            reg.failures.append((str(raw), "plugin path does not exist"))
            continue
        for name, file in _load_local(path):
            mod_name = f"brandlint_local_plugin_{name}"
            try:
                spec = importlib.util.spec_from_file_location(mod_name, file)
                assert spec and spec.loader
                module = importlib.util.module_from_spec(spec)
                sys.modules[mod_name] = module
                spec.loader.exec_module(module)
                pm.register(module, name=name)
            except Exception as exc:
                sys.modules.pop(mod_name, None)
                reg.failures.append((name, f"{_describe(exc)} (local plugin {file})"))
                continue
            infos[name] = PluginInfo(name, str(getattr(module, "__version__", "local")), f"local path {file}")

    def collect(hook_name: str) -> list[tuple[str, Any]]:
        out = []
        for impl in getattr(pm.hook, hook_name).get_hookimpls():
            try:
                value = impl.function()
            except Exception as exc:
                reg.failures.append((impl.plugin_name, f"{hook_name} raised {_describe(exc)}"))
                continue
            if value is not None:
                out.append((impl.plugin_name, value))
        return sorted(out, key=lambda x: (not x[0].startswith("builtin"), x[0]))

    def note(plugin: str, what: str, name: str) -> None:
        if plugin in infos:
            infos[plugin].registers.setdefault(what, []).append(name)

    for plugin, kinds in collect("brandlint_rule_kinds"):
        for kind in kinds:
            kind_name = getattr(kind, "kind", None)  # checking what a plugin registered
            if not kind_name:
                reg.failures.append((plugin, f"rule kind {kind!r} has no 'kind' name"))
                continue
            reg.kinds[kind_name] = kind
            note(plugin, "rule kinds", kind_name)
    for plugin, formats in collect("brandlint_document_formats"):
        for fmt in formats:
            if not isinstance(fmt, DocumentFormat):
                reg.failures.append(
                    (
                        plugin,
                        f"format {fmt!r} lacks {_missing(fmt, DocumentFormat)} "
                        "(see brandlint.plugins.protocols.DocumentFormat)",
                    )
                )
                continue
            if fmt.streaming and not isinstance(fmt, StreamingFormat):
                reg.failures.append(
                    (
                        plugin,
                        f"format {fmt.name!r} has streaming = True but no parse_path "
                        "(see brandlint.plugins.protocols.StreamingFormat)",
                    )
                )
                continue
            reg.formats[fmt.name] = fmt
            for ext in fmt.extensions:
                reg.extensions[ext.lower()] = fmt
            note(plugin, "formats", fmt.name)
    # a fixer fixes whole texts (the fix loop), single findings (editors), or both
    shapes: dict[str, tuple[type, ...]] = {
        "reporters": (Reporter,),
        "services": (ServiceFactory,),
        "fixers": (Fixer, FindingFixer),
    }
    for attr, hook, what in (
        ("reporters", "brandlint_reporters", "output formats"),
        ("packs", "brandlint_rule_packs", "rule packs"),
        ("services", "brandlint_services", "services"),
        ("model_backends", "brandlint_model_backends", "model backends"),
        ("fixers", "brandlint_fixers", "fixers"),
        ("runners", "brandlint_runners", "runners"),
    ):
        shape = shapes.get(attr, ())
        for plugin, mapping in collect(hook):
            for name, value in mapping.items():
                if shape and not isinstance(value, shape):
                    reg.failures.append(
                        (
                            plugin,
                            f"{what[:-1]} {name!r} lacks {_missing(value, shape[0])} "
                            f"(see brandlint.plugins.protocols.{shape[0].__name__})",
                        )
                    )
                    continue
                getattr(reg, attr)[name] = value
                note(plugin, what, name)
    before = set(reg.commands.commands)
    try:
        pm.hook.brandlint_add_commands.call_historic(kwargs={"commands": reg.commands})
    except Exception as exc:  # a broken plugin must never kill the run with a traceback
        reg.failures.append((_culprit(pm, exc), f"brandlint_add_commands raised {_describe(exc)}"))
    for name in sorted(set(reg.commands.commands) - before):
        note(_owner(pm, reg.commands.commands[name].run), "commands", name)

    reg.plugins = sorted(infos.values(), key=lambda i: i.name)
    return reg


_CACHE: dict[tuple, Registry] = {}


def get_registry(plugin_paths: Iterable[str | Path] = (), *, strict: bool = True) -> Registry:
    """Build (once per process and plugin-path set) the registry; raise on plugin failures."""
    key = tuple(str(Path(p).resolve()) for p in plugin_paths)
    reg = _CACHE.get(key)
    if reg is None:
        reg = _CACHE[key] = build_registry(plugin_paths)
    if strict and reg.failures:
        raise PluginError(reg.failures)
    return reg
