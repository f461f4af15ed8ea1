"""Waiting for another pbctl's workspace lock: a line after one second, naming its process."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from helpers import run_pbctl
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    isolated_git,
    records_workspace,
    subjects,
)

from pbctl.records import lock

HOLD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from pbctl.records.lock import workspace_lock
    with workspace_lock(Path(sys.argv[1]), notices=[]):
        print("held", flush=True)
        time.sleep(float(sys.argv[2]))
""")


def hold_lock(root: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(root / ".git" / "pbctl.lock"),
                               str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "line"), [
    ("en", "waiting for process {pid} to release the workspace lock…"),
    ("zh", "等待进程 {pid} 释放工作区锁…"),
])
def test_a_writer_kept_waiting_says_for_which_process(tmp_path: Path, lang: str,
                                                      line: str) -> None:
    ws = records_workspace(tmp_path / "ws")
    holder = hold_lock(ws.root, 2.5)
    try:
        started = time.monotonic()
        result = run_pbctl("new", "alliance", "--from", "health-chain", cwd=ws.root,
                           env={"PBCTL_LANG": lang})
        waited = time.monotonic() - started
    finally:
        holder.communicate(timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines().count(line.format(pid=holder.pid)) == 1
    assert waited > 1.5  # it did wait for the holder, then wrote
    assert subjects(ws.root)[0] == "new(health-chain): alliance definition"


def test_no_line_when_the_lock_is_free(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                       ) -> None:
    calls: list[int | None] = []
    monkeypatch.setattr(lock, "on_wait", calls.append)
    ws = records_workspace(tmp_path / "ws")
    with lock.workspace_lock(ws.root / ".git" / "pbctl.lock", notices=[]):
        pass
    assert calls == []


def test_the_hook_is_told_the_holders_pid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    calls: list[int | None] = []
    monkeypatch.setattr(lock, "on_wait", calls.append)
    monkeypatch.setattr(lock, "WAIT_NOTICE_AFTER", 0.1)
    ws = records_workspace(tmp_path / "ws")
    holder = hold_lock(ws.root, 0.5)
    try:
        with lock.workspace_lock(ws.root / ".git" / "pbctl.lock", notices=[]):
            pass
    finally:
        holder.communicate(timeout=30)
    assert calls == [holder.pid]
