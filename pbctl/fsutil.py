"""Atomic file writes: a temporary file in the same folder, fsync, then rename."""

from __future__ import annotations

import contextlib
import io
import os
import stat
import tempfile
import zipfile
from pathlib import Path

from pbctl.errors import WriteError

#: Every zip member pbctl writes (docx, xlsx) is dated this, so output never depends on
#: the clock: same content in, same bytes out.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def cache_dir() -> Path:
    """Where pbctl keeps what it can rebuild (dictionaries as SQLite files):
    ``$XDG_CACHE_HOME/pbctl`` or ``~/.cache/pbctl``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pbctl"


def with_line(path: Path, line: str, comment: str) -> str | None:
    """The text of a git attributes-like file with ``line`` (after its ``# comment``)
    appended; None when a line with the same words is there already (or the file is
    missing: then the text is just the comment and the line)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    if any(existing.split() == line.split() for existing in text.splitlines()):
        return None
    if text and not text.endswith("\n"):
        text += "\n"
    return f"{text}# {comment}\n{line}\n"


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    A file-system failure (no such folder, no permission, disk full) is a WriteError naming
    the file; the old file, if any, is left as it was."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    refuse_special(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WriteError(path, exc) from None
    try:
        _set_mode(fd, path)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise WriteError(path, exc) from None
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _kind(mode: int) -> str | None:
    for test, name in ((stat.S_ISDIR, "folder"), (stat.S_ISFIFO, "FIFO (named pipe)"),
                       (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device"),
                       (stat.S_ISSOCK, "socket")):
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "special file"


def refuse_special(path: Path) -> None:
    """A WriteError when ``path`` exists and is not a regular file (a folder, a FIFO, a
    device): pbctl replaces files, never those."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    kind = _kind(mode)
    if kind is not None:
        raise WriteError(path, OSError(0, f"it is a {kind}, not a regular file; "
                                          "refused, nothing was written"))


def _set_mode(fd: int, path: Path) -> None:
    """Give the new file the mode of the one it replaces, or what the umask allows (mkstemp
    makes 0600: a calendar meant for subscription would be unreadable to the web server)."""
    if not hasattr(os, "fchmod"):  # Windows: no POSIX modes
        return
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.fchmod(fd, mode)


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with the same members in the same order, each with a fixed date,
    deflate at a fixed level and fixed attributes: same content in, same bytes out."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 3  # unix
            fixed.external_attr = 0o100644 << 16
            target.writestr(fixed, source.read(info.filename), compresslevel=6)
    return out.getvalue()
