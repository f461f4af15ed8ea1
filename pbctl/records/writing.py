"""The one write path: every command that writes records goes through :func:`writing`.

::

    with writing(Store.open(workspace)) as writer:   # the workspace lock (recovery first)
        ...                                          # read and decide under the lock
        sha = writer.record(Change(files, subject, message=..., trailers=...))

:meth:`Writer.record` opens the journalled transaction on the change's paths, writes each
file atomically (or deletes it), makes one commit holding exactly those paths, and the tag
if the change names one. An error (or Ctrl-C) before the commit lands puts every file back;
a process killed at any point is finished or rolled back by the next writer. Outside a git
workspace (``store`` None) the files are just written and nothing is recorded.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pbctl.definition.workspace import Workspace
from pbctl.errors import RecordsError
from pbctl.fsutil import atomic_write
from pbctl.records.git import Trailers
from pbctl.records.store import Store


@dataclass(frozen=True)
class Change:
    """What one command writes and records as one commit."""

    #: path → new content; None deletes the file
    files: Mapping[Path, str | bytes | None]
    subject: str
    message: str | None = None
    trailers: Trailers = ()
    #: paths recorded as they already are in the work tree (written before, or unchanged)
    also: Sequence[Path] = ()
    #: an annotated tag (name, message) made on the commit
    tag: tuple[str, str] | None = None

    @property
    def paths(self) -> list[Path]:
        return sorted({*self.files, *self.also})


@dataclass
class Writer:
    """Handed out by :func:`writing`; ``store`` None outside a git workspace."""

    store: Store | None
    #: commits made through this writer, in order
    commits: list[str] = field(default_factory=list)

    @property
    def recorded(self) -> bool:
        return self.store is not None

    @property
    def notices(self) -> list[str]:
        return list(self.store.notices) if self.store is not None else []

    def record_source(self, workspace: Workspace, alliance_id: str, command: str) -> None:
        """Record the alliance's definition first when it is new or was edited by hand, so
        that what ``command`` records has its source in history (see records.sources)."""
        if self.store is not None:
            from pbctl.records.sources import record_definition

            record_definition(self.store, workspace, alliance_id, command)

    def record(self, change: Change) -> str | None:
        """Write ``change`` and commit it; the sha, or None when nothing changed (or
        nothing is recorded here)."""
        store = self.store
        if store is None:
            _write_files(change.files)
            return None
        with store.transaction(change.paths, change.subject, tag=change.tag):
            _write_files(change.files)
            sha = store.commit(change.paths, change.subject, body=change.message,
                               trailers=change.trailers)
            if change.tag is not None:
                if sha is None:
                    raise RecordsError(f"nothing to record for the tag {change.tag[0]}")
                store.make_tag(change.tag[0], sha, change.tag[1])
        if sha is not None:
            self.commits.append(sha)
        return sha


@contextlib.contextmanager
def writing(store: Store | None) -> Iterator[Writer]:
    """Hold the workspace lock (when there is a store) while the caller decides and
    records; see the module docstring."""
    held = store.lock() if store is not None else contextlib.nullcontext()
    with held:
        yield Writer(store)


def _write_files(files: Mapping[Path, str | bytes | None]) -> None:
    for path, data in files.items():
        if data is None:
            path.unlink(missing_ok=True)
        else:
            atomic_write(path, data)
