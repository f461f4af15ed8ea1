"""Concurrent writers and killed writers, with real processes and real git.

* 20 ``pbctl log meeting`` processes started at once leave meetings 1–20, 20 commits.
* A writer killed with SIGKILL at random points (a loop of trials) leaves a repository that
  ``git fsck`` passes, no half-written file, and a workspace the next command works in
  (taking the stale lock over, finishing or rolling back the interrupted write).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import BIN, ROOT, run_cli
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    git,
    isolated_git,
    records_workspace,
    status,
    subjects,
)

from pbctl.definition import yamlio
from pbctl.definition.loading import load_alliance, load_record
from pbctl.definition.model import Meeting
from pbctl.records.textconv import docx_text

WRITERS = 20
TRIALS = 24

WORKER = """\
import io, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from docx import Document
from pbctl.definition.workspace import Workspace
from pbctl.records.api import log_meeting, write_documents

ws = Workspace(Path({ws!r}))
def docx(i):
    d = Document()
    d.add_paragraph(f"第{{i}}版协议")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()
print("ready", flush=True)
i = int(sys.argv[1])
while True:
    i += 1
    if i % 2:
        log_meeting(ws, "demo", {{"date": "2024-05-10", "topics": [f"议题{{i}}"]}}, message=None)
    else:
        write_documents(ws, "demo", {{"agreement": docx(i), "charter": docx(-i)}}, message=None,
                        extra={{"agreement.pdf": b"%PDF" * i}})
"""


@pytest.mark.slow
def test_concurrent_log_meeting_processes(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    before = len(subjects(ws.root))
    env = {**os.environ, "NO_COLOR": "1"}
    procs = [
        subprocess.Popen(
            [str(BIN / "pbctl"), "-C", str(ws.root), "log", "meeting", "demo", "--date",
             "2024-05-10", "--topic", f"writer {i}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
        for i in range(WRITERS)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, out + err
    folder = ws.alliance_dir("demo") / "meetings"
    assert sorted(p.name for p in folder.iterdir()) == [f"{n:03d}.yaml"
                                                         for n in range(1, WRITERS + 1)]
    alliance = load_alliance(ws.alliance_file("demo"))
    writers = set()
    for path in folder.iterdir():
        record = load_record(path, Meeting, alliance)
        assert isinstance(record, Meeting) and f"{record.number:03d}.yaml" == path.name
        writers.add(record.topics[0])
    assert writers == {f"writer {i}" for i in range(WRITERS)}
    log = subjects(ws.root)
    assert len(log) == before + WRITERS
    assert sorted(log[:WRITERS]) == sorted(f"log(demo): meeting {n}"
                                           for n in range(1, WRITERS + 1))
    assert status(ws.root) == []
    assert subprocess.run(["git", "-C", str(ws.root), "fsck", "--no-dangling"],
                          capture_output=True, check=False).returncode == 0


def _wait_for_group(pgid: int, timeout: float = 10.0) -> None:
    """Wait until every process of the group (git children of a killed writer) is gone."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)
    raise AssertionError(f"processes of group {pgid} still running")


def _check_consistent(root: Path) -> None:
    fsck = subprocess.run(["git", "-C", str(root), "fsck", "--no-dangling", "--strict"],
                          capture_output=True, text=True, check=False)
    assert fsck.returncode == 0, fsck.stdout + fsck.stderr
    alliance_dir = root / "alliances" / "demo"
    alliance = load_alliance(alliance_dir / "alliance.yaml")
    for path in (alliance_dir / "meetings").glob("*.yaml"):  # temp files are .name.x.tmp
        load_record(path, Meeting, alliance)                  # complete and valid
    for path in (alliance_dir / "documents").glob("*.docx"):
        assert docx_text(path.read_bytes()).startswith("第")
    if (alliance_dir / "records.yaml").exists():
        assert isinstance(yamlio.load(alliance_dir / "records.yaml").data, dict)


@pytest.mark.slow
def test_killed_writers_leave_a_consistent_workspace(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    worker = tmp_path / "worker.py"
    worker.write_text(WORKER.format(root=str(ROOT), ws=str(ws.root)), encoding="utf-8")
    rng = random.Random(9704)
    lock_file = ws.root / ".git" / "pbctl.lock"
    takeovers = 0
    started = time.monotonic()
    for trial in range(TRIALS):
        proc = subprocess.Popen([sys.executable, str(worker), str(trial * 1000)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"ready\n", proc.stderr.read() if proc.stderr else ""
        time.sleep(rng.uniform(0.0, 0.4))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        if proc.stderr:
            err = proc.stderr.read().decode()
            proc.stderr.close()
            assert "Traceback" not in err, err
        _wait_for_group(proc.pid)

        _check_consistent(ws.root)
        stale = lock_file.read_text().strip() if lock_file.exists() else ""
        result = run_cli("-C", str(ws.root), "log", "meeting", "demo", "--date", "2024-06-01")
        assert result.exit_code == 0, result.output
        if stale:
            takeovers += 1
            assert f"pbctl process {stale} ended without releasing" in result.output
        assert status(ws.root) == [], (trial, status(ws.root))
        numbers = sorted(int(p.stem) for p in (ws.alliance_dir("demo") / "meetings").glob(
            "*.yaml"))
        assert numbers == list(range(1, len(numbers) + 1))
        tracked = git(ws.root, "ls-files", "alliances/demo/meetings").split()
        assert len(tracked) == len(numbers)
    assert takeovers > 0  # some kills hit while the lock was held
    assert time.monotonic() - started < 120
