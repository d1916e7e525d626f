"""Errors that end a run with exit code 2, each saying where and what to do."""

from __future__ import annotations


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
