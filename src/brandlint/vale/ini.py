"""Reading a ``.vale.ini``: StylesPath, Vocab, BasedOnStyles and per-rule switches.

brandlint applies one rule set to every file it lints with a Vale config, so the sections of all
globs (``[*]``, ``[*.md]``...) are merged: their styles are combined and a rule switched off or
given a level in any of them is switched off or given that level everywhere. What is merged this
way is listed in :attr:`ValeIni.notes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError

LEVELS = {"suggestion": "info", "warning": "warning", "error": "error"}
IGNORED_KEYS = {"packages", "minalertlevel", "ignoredscopes", "skippedscopes", "ignoredclasses", "wordtemplate"}


@dataclass
class ValeIni:
    path: Path
    styles_path: Path
    based_on: list[str] = field(default_factory=list)
    vocab: list[str] = field(default_factory=list)
    disabled: list[str] = field(default_factory=list)  # "Style.Rule" or "Style"
    enabled: list[str] = field(default_factory=list)  # "Style.Rule = YES" (rules of styles not based on)
    levels: dict[str, str] = field(default_factory=dict)  # "Style.Rule" → brandlint severity
    min_level: str = "suggestion"
    notes: list[str] = field(default_factory=list)


_LINE = re.compile(r"^\s*([^=#;]+?)\s*=\s*(.*?)\s*$")
_SECTION = re.compile(r"^\s*\[(.+)\]\s*$")


def read_vale_ini(path: Path) -> ValeIni:
    """Parse a .vale.ini; a line that is neither a section, a key or a comment is an error."""
    try:
        text = path.read_text("utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"cannot read Vale config: {exc.strerror}", path=str(path)) from None
    ini = ValeIni(path, path.parent)
    section = ""
    sections: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith(("#", ";")):
            continue
        m = _SECTION.match(line)
        if m:
            section = m.group(1).strip()
            sections.append(section)
            continue
        m = _LINE.match(line)
        if not m:
            raise ConfigError(
                "expected 'Key = value' or a [section]", path=str(path), line=n, hint="see vale.sh/docs/vale-ini"
            )
        key, value = m.group(1), m.group(2)
        values = [v.strip() for v in value.split(",") if v.strip()]
        low = key.lower()
        if not section:  # global keys
            if low == "stylespath":
                ini.styles_path = (path.parent / value).resolve()
            elif low == "vocab":
                ini.vocab.extend(values)
            elif low == "minalertlevel":
                ini.min_level = value.lower()
            elif low not in IGNORED_KEYS:
                ini.notes.append(f"{path.name}:{n}: '{key}' is not used by brandlint")
            continue
        if section.lower() == "formats":
            ini.notes.append(f"{path.name}:{n}: [formats] '{key}' is not used (brandlint picks formats by extension)")
            continue
        if low == "basedonstyles":
            ini.based_on.extend(v for v in values if v not in ini.based_on)
        elif "." in key or key in ini.based_on:
            setting = value.strip()
            if setting.upper() == "NO":
                ini.disabled.append(key)
            elif setting.upper() == "YES":
                ini.enabled.append(key)
            elif setting.lower() in LEVELS:
                ini.levels[key] = LEVELS[setting.lower()]
            else:
                raise ConfigError(
                    f"{key} = {setting!r}: expected YES, NO or suggestion/warning/error",
                    path=str(path),
                    line=n,
                )
        else:
            ini.notes.append(f"{path.name}:{n}: [{section}] '{key}' is not used by brandlint")
    if len(sections) > 1:
        ini.notes.append(
            f"{path.name}: the sections {', '.join('[' + s + ']' for s in sections)} are merged into one rule set"
        )
    return ini
