"""Safe file I/O: read a file with what is needed to write it back, and atomic writes.

One home for every write brandlint (and its plugins) make: fixed files, result-cache entries,
baselines, and whatever plugins write. A write goes to a temporary file in the
target's folder and is renamed over the target (``os.replace``), so readers never see half a
file and a crash leaves the old file intact.

* :func:`write_atomic` writes bytes (optionally flushed to disk, with a given mode);
  :func:`atomic_stream` is a file to write in pieces, renamed into place when complete;
* :func:`read_source` / :class:`SourceInfo` record a file's encoding, BOM, line breaks,
  permissions and digest; :func:`atomic_write` writes new text back *the same way* and refuses
  when the file changed on disk since it was read.

A leaf module (imports only :mod:`brandlint.errors`); re-exported by :mod:`brandlint.fixing`.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import BrandlintError

__all__ = [
    "BOM",
    "FileChangedError",
    "SourceInfo",
    "atomic_stream",
    "atomic_write",
    "match_line_endings",
    "newline_style",
    "read_source",
    "write_atomic",
]

BOM = b"\xef\xbb\xbf"
_BARE_LF = re.compile(r"(?<!\r)\n")


class FileChangedError(BrandlintError):
    """The file changed on disk between reading it and writing the fixed text: not written."""


def write_atomic(
    path: str | Path,
    data: bytes,
    *,
    mode: int | None = None,
    fsync: bool = False,
    make_parents: bool = False,
    before_replace: Callable[[Path], None] | None = None,
) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    ``mode``: the new file's permission bits (default: ``0o666`` less the umask, as ``open``
    gives). ``fsync``: flush the bytes to disk before the rename (fixed files, documents a
    plugin writes); caches skip it. ``before_replace(tmp)`` runs just before the rename (a last
    check may raise there). Raises ``OSError``; the temporary file never stays behind.
    """
    target = Path(path)
    if make_parents:
        target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        if before_replace is not None:
            before_replace(tmp)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


@contextmanager
def atomic_stream(path: str | Path, *, fsync: bool = True, make_parents: bool = False) -> Iterator[BinaryIO]:
    """A binary file to write in pieces (a large output, in constant memory) that appears at
    ``path`` only when the ``with`` block ends without an error (temporary file + rename);
    on an error the temporary file is removed and ``path`` is left as it was."""
    target = Path(path)
    if make_parents:
        target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def newline_style(text: str) -> str:
    """``"\\r\\n"``, ``"\\n"`` or ``"\\r"`` when the text uses one style only, else ``""``."""
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    styles = [s for s, k in (("\r\n", crlf), ("\n", lf), ("\r", cr)) if k]
    return styles[0] if len(styles) == 1 else ""


def convert_newlines(text: str, newline: str) -> str:
    """Bare ``\\n`` in ``text`` as ``newline`` (``"\\r\\n"`` or ``"\\r"``); other styles unchanged."""
    if newline == "\r\n":
        return _BARE_LF.sub("\r\n", text)
    if newline == "\r":
        return text.replace("\r\n", "\r").replace("\n", "\r")
    return text


@dataclass(frozen=True)
class SourceInfo:
    """What was read from disk: enough to write back the same way, and to notice changes."""

    path: Path
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"  # the file's only line-break style, or "" (none, or mixed)
    trailing_newline: bool = False
    size: int = 0
    mtime_ns: int = 0
    sha256: str = ""
    mode: int = 0o644

    @classmethod
    def from_bytes(
        cls, path: Path, raw: bytes, st: os.stat_result | None = None, encoding: str = "utf-8"
    ) -> SourceInfo:
        body = raw[3:] if raw.startswith(BOM) else raw
        # line-break style and trailing newline, judged on the bytes (ASCII-compatible encodings)
        crlf = body.count(b"\r\n")
        lf = body.count(b"\n") - crlf
        cr = body.count(b"\r") - crlf
        styles = [s for s, k in (("\r\n", crlf), ("\n", lf), ("\r", cr)) if k]
        return cls(
            path=path,
            encoding=encoding,
            bom=raw.startswith(BOM),
            newline=styles[0] if len(styles) == 1 else ("\n" if not styles else ""),
            trailing_newline=body.endswith((b"\n", b"\r")),
            size=len(raw),
            mtime_ns=st.st_mtime_ns if st else 0,
            sha256=hashlib.sha256(raw).hexdigest(),
            mode=stat.S_IMODE(st.st_mode) if st else 0o644,
        )


def read_source(path: Path) -> tuple[bytes, SourceInfo]:
    """Read a file's bytes and the facts :func:`atomic_write` needs to write it back safely."""
    real = Path(os.path.realpath(path))
    with open(real, "rb") as fh:
        st = os.fstat(fh.fileno())
        raw = fh.read()
    return raw, SourceInfo.from_bytes(Path(path), raw, st)


def match_line_endings(new_text: str, original: SourceInfo) -> str:
    """Keep a file's line-break style: in a CRLF-only file, bare ``\\n`` become ``\\r\\n``.

    Only a file that used one style throughout is normalised; a mixed file is left as is.
    """
    if original.newline in ("\r\n", "\r") and "\n" in new_text:
        return convert_newlines(new_text, original.newline)
    return new_text


def _changed_since(real: Path, original: SourceInfo) -> str:
    """Why the file on disk differs from what was read, or ``""`` when it does not."""
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return "it was deleted"
    if st.st_size != original.size or st.st_mtime_ns != original.mtime_ns:
        return "its size or modification time changed"
    with open(real, "rb") as fh:
        if hashlib.sha256(fh.read()).hexdigest() != original.sha256:
            return "its content changed"
    return ""


_TEMP = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.tmp")


_CLEANED: set[Path] = set()


def remove_stale_temps(folder: Path) -> int:
    """Remove the temporary files in ``folder`` left by writers that were killed (``kill -9``
    between creating the temporary file and the rename); a live writer's file is kept. Each
    folder is looked at once per process (``fix`` calls this for every file it reads)."""
    if folder in _CLEANED:
        return 0
    _CLEANED.add(folder)
    removed = 0
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(".") and e.name.endswith(".tmp")]
    except OSError:
        return 0
    for e in entries:
        m = _TEMP.fullmatch(e.name)
        if not m:
            continue
        pid = int(m["pid"])
        if pid == os.getpid():
            continue
        try:
            os.kill(pid, 0)
            continue  # its writer is alive
        except ProcessLookupError:
            pass
        except OSError:
            continue  # alive, another user's
        try:
            os.unlink(e.path)
            removed += 1
        except OSError:
            pass
    return removed


def atomic_write(path: Path, new_text: str, *, original: SourceInfo) -> None:
    """Write ``new_text`` (decoded, BOM excluded) over ``path`` atomically and faithfully.

    Encodes with the original encoding, restores the BOM, keeps the line-break style of a file
    that had only one (see :func:`match_line_endings`), keeps a trailing newline the original
    had, and keeps the permission bits (and owner where allowed). The text goes to a temporary
    file in the same directory, which is flushed and renamed over the target (a symlink's
    target is written, the link is kept). Raises :class:`FileChangedError`, writing nothing,
    when the file changed on disk since it was read (size, mtime or SHA-256 of its bytes).
    """
    path = Path(path)
    real = Path(os.path.realpath(path))
    text = match_line_endings(new_text, original)
    if original.trailing_newline and not text.endswith(("\n", "\r")):
        text += original.newline or "\n"
    data = (BOM if original.bom else b"") + text.encode(original.encoding)
    why = _changed_since(real, original)
    if why:
        raise FileChangedError(f"{path}: not written: {why} since it was read; run brandlint again")
    if not original.mode & 0o222:  # read-only: a rename would silently bypass that
        raise PermissionError(errno.EACCES, f"the file is read-only (mode {original.mode:04o})", str(path))

    def last_check(tmp: Path) -> None:
        try:
            st = os.stat(real)
            if hasattr(os, "chown") and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
                os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            pass  # not allowed to give the file away: it stays ours, with the same mode
        why = _changed_since(real, original)  # as close to the rename as possible
        if why:
            raise FileChangedError(f"{path}: not written: {why} since it was read; run brandlint again")

    write_atomic(real, data, mode=original.mode, fsync=True, before_replace=last_check)
