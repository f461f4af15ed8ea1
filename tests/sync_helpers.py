"""Builders for the sync tests: a bare remote, clones of it, records logged offline."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from records_helpers import TEXTCONV, git, records_workspace

from pbctl.definition import yamlio
from pbctl.definition.workspace import Workspace
from pbctl.records.logbook import log_activity, log_meeting
from pbctl.sync.api import SyncResult, sync
from pbctl.sync.clone import clone_workspace

ALLIANCE = "demo"
MEETINGS = f"alliances/{ALLIANCE}/meetings"
ACTIVITIES = f"alliances/{ALLIANCE}/activities"


def bare_remote(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "--bare", "--initial-branch=main", str(path)],
                   check=True)
    return path


def seeded(tmp_path: Path, url: str | None = None, *, remote: Path | None = None
           ) -> tuple[Path, Workspace]:
    """A bare remote (``tmp_path/remote.git`` unless given) holding a workspace with one
    alliance, pushed by a first clone ``tmp_path/a``; the remote's path and clone a."""
    remote = remote or bare_remote(tmp_path / "remote.git")
    first = records_workspace(tmp_path / "a", ALLIANCE)
    git(first.root, "remote", "add", "origin", url or str(remote))
    sync(first)
    return remote, first


def clone(url: str | Path, directory: Path) -> Workspace:
    return Workspace(clone_workspace(str(url), directory, textconv_command=TEXTCONV))


def meeting(ws: Workspace, venue: str, day: str = "2024-05-01", *, topic: str = "议题",
            title: str | None = None) -> Path:
    data: dict[str, object] = {"date": day, "venue": venue, "topics": [topic]}
    if title:
        data["title"] = title
    return log_meeting(ws, ALLIANCE, data, message=None).path


def activity(ws: Workspace, summary: str, day: str = "2024-05-02") -> Path:
    return log_activity(ws, ALLIANCE, {"kind": "study", "date": day, "summary": summary},
                        message=None).path


def records(ws: Workspace, folder: str = MEETINGS) -> dict[int, str]:
    """number → stable key (date + venue/summary + topics) of each record file."""
    out: dict[int, str] = {}
    for path in sorted((ws.root / folder).glob("*.yaml")):
        data = yamlio.load(path).data
        assert int(path.stem) == data["number"], path
        out[data["number"]] = "|".join(str(data.get(k)) for k in
                                       ("date", "venue", "summary", "topics"))
    return out


def assert_numbered(ws: Workspace, folder: str = MEETINGS) -> dict[int, str]:
    found = records(ws, folder)
    assert sorted(found) == list(range(1, len(found) + 1)), sorted(found)
    return found


def ref(repo: Path, name: str = "refs/heads/main") -> str:
    return git(repo, "rev-parse", "-q", "--verify", name, check=False).strip()


def fsck(repo: Path) -> None:
    out = subprocess.run(["git", "-C", str(repo), "fsck", "--strict", "--no-dangling"],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr


def synced(ws: Workspace, **kwargs: object) -> SyncResult:
    return sync(ws, **kwargs)  # type: ignore[arg-type]


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def git_daemon(base: Path) -> Iterator[str]:
    """``git daemon`` serving ``base`` on 127.0.0.1 (push enabled); yields git://host:port/."""
    port = free_port()
    proc = subprocess.Popen(
        ["git", "daemon", "--reuseaddr", f"--base-path={base}", "--export-all",
         "--enable=receive-pack", "--listen=127.0.0.1", f"--port={port}", str(base)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while True:
            if proc.poll() is not None:
                said = proc.stderr.read() if proc.stderr else b""
                raise RuntimeError(f"git daemon exited: {said!r}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("git daemon did not start") from None
                time.sleep(0.05)
        yield f"git://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()
