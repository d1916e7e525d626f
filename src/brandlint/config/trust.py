"""Which config files may make brandlint import code: the user's opt-in, never the repository's.

A config file comes with the content it lints: a contributor's pull request or a cloned
repository can carry one. By default brandlint loads code only from installed distributions
(entry points). A config key that would import code from elsewhere (``plugin-paths``, an
``[nlp] model`` given as a path) is honoured only for a config file in a directory the user
trusts, said outside the repository:

* ``--trust`` on the command line (any command; it sets the environment variable below for
  this process and its workers);
* the environment variable ``BRANDLINT_TRUST``: ``*`` (or ``1``) trusts every directory, else
  a list of directories separated by ``os.pathsep``;
* the user-level file ``$XDG_CONFIG_HOME/brandlint/trust.toml`` (``~/.config/...``; or the
  file ``$BRANDLINT_TRUST_FILE`` names) with ``trusted = ["/path/to/dir", ...]``.

A directory trusts the config files in it and in the folders below it. See docs/security.md.
"""

from __future__ import annotations

import os
from pathlib import Path

import tomllib

__all__ = ["ENV", "FILE_ENV", "HINT", "OPT_IN", "is_trusted", "trust_everything", "trust_file", "trusted_dirs"]

ENV = "BRANDLINT_TRUST"
FILE_ENV = "BRANDLINT_TRUST_FILE"
_ALL = {"*", "1", "all", "yes", "true"}

#: how to opt in (for a config error's hint)
OPT_IN = (
    f"run with --trust, set {ENV}=<that directory> (or '*'), or list the directory in `trusted` of "
    "~/.config/brandlint/trust.toml; see docs/security.md"
)
HINT = "brandlint imports no code a repository names unless you trust it: " + OPT_IN


def trust_file() -> Path:
    """The user-level trust file (never read from a repository)."""
    named = os.environ.get(FILE_ENV)
    if named:
        return Path(named).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path("~/.config").expanduser())
    return Path(base) / "brandlint" / "trust.toml"


def trust_everything() -> None:
    """``--trust``: trust every config of this run (inherited by worker processes)."""
    os.environ[ENV] = "*"


def _real(p: Path) -> Path:
    return Path(os.path.realpath(p))


def trusted_dirs() -> list[Path] | None:
    """The trusted directories (None: everything is trusted)."""
    out: list[Path] = []
    env = os.environ.get(ENV, "").strip()
    if env.lower() in _ALL:
        return None
    out += [_real(Path(d).expanduser()) for d in env.split(os.pathsep) if d.strip()]
    path = trust_file()
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        data = {}  # no file, or one we cannot use: trust nothing more
    entries = data.get("trusted", [])
    if isinstance(entries, list):
        for d in entries:
            if isinstance(d, str) and d.strip() in _ALL - {"1", "yes", "true"}:
                return None
            if isinstance(d, str) and d.strip():
                out.append(_real(Path(d).expanduser()))
    return out


def is_trusted(directory: Path) -> bool:
    """Whether a config file in ``directory`` may make brandlint import code."""
    dirs = trusted_dirs()
    if dirs is None:
        return True
    here = _real(directory)
    return any(here == d or d in here.parents for d in dirs)
