"""The workspace write lock: one pbctl writer at a time, per repository.

An OS file lock (``flock`` through the filelock package) on ``.git/pbctl.lock``. The kernel
releases it when its holder dies, however it dies; the file also holds the holder's pid
while it is held and is emptied on a clean release, so a pid found in it on acquiring means
the previous holder was killed: the lock is taken over and a notice says so.

The lock is re-entrant within a thread (nested ``Store.lock()`` calls, even from different
``Store`` objects, share one hold), so library functions can lock without deadlocking a
caller that already holds it.

A writer kept waiting more than ``WAIT_NOTICE_AFTER`` seconds calls ``on_wait`` (when set:
the CLI sets it to print a line naming the holder) once, then goes on waiting.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from pbctl.errors import RecordsError
from pbctl.i18n import _

if TYPE_CHECKING:
    from filelock import BaseFileLock

DEFAULT_TIMEOUT = 120.0
WAIT_NOTICE_AFTER = 1.0
#: Called with the holder's pid (None if unknown) once a writer has waited
#: ``WAIT_NOTICE_AFTER`` seconds for the lock. The library never prints: the CLI sets this.
on_wait: Callable[[int | None], None] | None = None
_local = threading.local()


def _depths() -> dict[str, int]:
    depths: dict[str, int] | None = getattr(_local, "depths", None)
    if depths is None:
        depths = _local.depths = {}
    return depths


def read_holder(path: Path) -> int | None:
    """The pid written in the lock file, if any."""
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _write_holder(path: Path, pid: int | None) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_WRONLY)
        try:
            os.ftruncate(fd, 0)
            if pid is not None:
                os.write(fd, f"{pid}\n".encode("ascii"))
        finally:
            os.close(fd)


def _unwritable(path: Path, exc: OSError) -> RecordsError:
    return RecordsError(
        _("cannot take the workspace write lock {path}: {reason}; nothing was written").format(
            path=path, reason=exc.strerror or exc),
        hint=_("is this a read-only checkout? verify, check, status, history, due and diff "
               "work there; writing commands need write access"))


def _acquire(lock: BaseFileLock, path: Path, timeout: float) -> None:
    """Acquire ``lock``, calling ``on_wait`` once if it takes longer than a moment."""
    from filelock import Timeout

    hook = on_wait
    if hook is None or timeout <= WAIT_NOTICE_AFTER:
        lock.acquire()
        return
    try:
        lock.acquire(timeout=WAIT_NOTICE_AFTER)
        return
    except Timeout:
        pass
    hook(read_holder(path))
    lock.acquire(timeout=timeout - WAIT_NOTICE_AFTER)


@contextlib.contextmanager
def workspace_lock(path: Path, *, notices: list[str],
                   timeout: float = DEFAULT_TIMEOUT) -> Iterator[bool]:
    """Hold the lock at ``path``; yields True for the outermost hold in this thread."""
    key = str(path)
    depths = _depths()
    if depths.get(key):
        depths[key] += 1
        try:
            yield False
        finally:
            depths[key] -= 1
        return

    from filelock import FileLock, Timeout

    try:  # a read-only checkout: say so now, rather than retrying until the timeout
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o644))
    except OSError as exc:
        raise _unwritable(path, exc) from None
    lock = FileLock(key, timeout=timeout)
    try:
        _acquire(lock, path, timeout)
    except Timeout:
        holder = read_holder(path)
        raise RecordsError(
            (_("pbctl process {pid} is writing to this workspace; gave up after waiting "
               "{seconds:g} s") if holder else
             _("another pbctl process is writing to this workspace; gave up after waiting "
               "{seconds:g} s")).format(pid=holder, seconds=timeout),
            hint=_("wait for it to finish and try again"),
        ) from None
    except OSError as exc:  # after Timeout, which is a TimeoutError (an OSError)
        raise _unwritable(path, exc) from None
    try:
        previous = read_holder(path)
        if previous is not None:
            notices.append(
                _("pbctl process {pid} ended without releasing the workspace lock (it was "
                  "killed or crashed); took the lock over").format(pid=previous)
            )
        _write_holder(path, os.getpid())
        depths[key] = 1
        try:
            yield True
        finally:
            depths.pop(key, None)
            _write_holder(path, None)
    finally:
        lock.release()
