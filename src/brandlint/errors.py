"""Errors that end a run with exit code 2, each saying where and what to do."""

from __future__ import annotations

import sys


class BrandlintError(Exception):
    """A user-facing error: printed as ``error: <message>`` without a traceback."""

    exit_code = 2


class ConfigError(BrandlintError):
    """A config or rule-pack problem, located by file, line and key path."""

    def __init__(self, message: str, *, path: str = "", line: int = 0, key: str = "", hint: str = "") -> None:
        self.message, self.path, self.line, self.key, self.hint = message, path, line, key, hint
        where = path + (f":{line}" if line else "")
        text = f"{where}: " if where else ""
        text += f"{key}: " if key else ""
        text += message
        if hint:
            text += f" ({hint})"
        super().__init__(text)


class PluginError(BrandlintError):
    """One or more plugins failed to import or register."""

    def __init__(self, failures: list[tuple[str, str]]) -> None:
        self.failures = failures
        lines = [f"plugin {name!r} failed to load: {reason}" for name, reason in failures]
        lines.append("fix or uninstall the plugin, or remove it from plugin-paths")
        super().__init__("\n".join(lines))


class MissingDependency(BrandlintError):
    """An optional package a rule needs is not installed (spaCy, a spaCy model, textstat).

    Raised where the package is first needed (a service, a rule kind), which does not know the
    rule that asked; the engine re-raises it as a plain :class:`BrandlintError` naming every
    enabled rule that needs the package (:func:`missing_dependency_message`).
    ``requirement`` is what pip installs, ``extra`` the brandlint extra that brings it (rules
    declare theirs in ``Rule.extra`` or through a service in ``needs`` of the same name).
    """

    def __init__(self, what: str, requirement: str, extra: str = "") -> None:
        self.what, self.requirement, self.extra = what, requirement, extra
        super().__init__(what, requirement, extra)

    def __str__(self) -> str:
        return missing_dependency_message(self, [])


def missing_dependency_message(exc: MissingDependency, rule_ids: list[str], *, pre_commit: bool = False) -> str:
    """What is missing, which rules need it, and the exact lines that install it (or turn the rules off)."""
    n = len(rule_ids)
    who = "an enabled rule" if not n else (f"rule {rule_ids[0]}" if n == 1 else f"rules {', '.join(rule_ids)}")
    verb = "need" if n > 1 else "needs"
    if exc.extra:
        lines = [f"{who} {verb} the optional packages of 'brandlint[{exc.extra}]': {exc.what} not installed"]
    else:
        lines = [f"{who} {verb} {exc.what}: not installed"]
    lines[0] += f" in this environment ({sys.executable})"
    if pre_commit:
        lines.append(
            '  pre-commit: the brandlint hooks install it (additional_dependencies: [".[nlp]"] in the hook '
            "manifest); if your .pre-commit-config.yaml sets additional_dependencies for the hook, "
            'add ".[nlp]" to them'
        )
    lines.append(f"  install: {sys.executable} -m pip install '{exc.requirement}'")
    if n:
        ids = ", ".join(f'"{r}"' for r in rule_ids)
        lines.append(f"  or turn {'it' if n == 1 else 'them'} off in brandlint.toml: ignore = [{ids}]")
    return "\n".join(lines)
