"""The write-ahead journal that makes "write files, then commit" all-or-nothing.

Before a command writes anything it records, in ``.git/pbctl-journal.json``, the HEAD it
started from and the prior state of every path it will write (a blob saved with
``git hash-object -w``, or "absent"). Once the commit object exists its sha is added. A
process killed at any point leaves the journal behind, and the next writer (under the
workspace lock) either finishes the job (HEAD already moved to the journalled commit:
update git's index, make the tag) or rolls the files back to their prior state. Either way
the workspace is as if the command ran completely or not at all.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pbctl.fsutil import atomic_write

FILE_NAME = "pbctl-journal.json"


@dataclass
class Journal:
    pid: int
    head: str | None
    #: path relative to the git top level → blob sha of its prior content, None if absent
    paths: dict[str, str | None] = field(default_factory=dict)
    subject: str = ""
    commit: str | None = None
    #: a tag to make on ``commit``: [name, message]
    tag: list[str] | None = None


def write(path: Path, journal: Journal) -> None:
    atomic_write(path, json.dumps(asdict(journal), ensure_ascii=False, indent=1) + "\n")


def read(path: Path) -> Journal | None:
    """The journal left at ``path``, or None. A journal that cannot be read is dropped:
    it is written atomically, so that only happens when a person edited it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        remove(path)
        return None
    try:
        return Journal(
            pid=int(data["pid"]), head=data.get("head"), paths=dict(data.get("paths", {})),
            subject=str(data.get("subject", "")), commit=data.get("commit"),
            tag=data.get("tag"),
        )
    except (KeyError, TypeError, ValueError):
        remove(path)
        return None


def remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def remove_temp_files(folder: Path, name: str) -> None:
    """Delete the temporary files ``pbctl.fsutil.atomic_write`` leaves when killed."""
    with contextlib.suppress(OSError):
        for leftover in folder.glob(f".{name}.*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()
