"""Read-only commands on a read-only checkout (CI): no write lock, no journal, nothing
written. Tests run as root here, which ignores file permissions, so besides ``chmod -R a-w``
the lock file is made impossible to take (a folder in its place): a command that tried to
lock would fail."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from helpers import run_cli
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    git,
    isolated_git,
    make_docx,
    records_workspace,
)

from pbctl.records.api import write_documents

COMMANDS = [("verify",), ("verify", "--strict"), ("check",), ("status",),
            ("history", "demo", "agreement"), ("due",), ("diff", "demo", "agreement", "r1", "r2")]


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            info = path.lstat()
            out[str(path.relative_to(root))] = (info.st_size, info.st_mtime_ns)
    return out


@pytest.fixture
def read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    ws = records_workspace(tmp_path / "ws")
    monkeypatch.chdir(ws.root)
    write_documents(ws, "demo", {"agreement": make_docx("协议", "一")}, message=None)
    write_documents(ws, "demo", {"agreement": make_docx("协议", "二")}, message=None)
    assert run_cli("sign", "demo", "agreement", "--date", "2024-03-05").exit_code == 0
    lock = ws.root / ".git" / "pbctl.lock"
    lock.unlink(missing_ok=True)
    lock.mkdir()  # nobody can take the lock now
    for folder, dirs, files in os.walk(ws.root):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            if not path.is_symlink():
                path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    yield ws.root
    for folder, dirs, _ in os.walk(ws.root):
        for name in dirs:
            (Path(folder) / name).chmod(0o755)
    ws.root.chmod(0o755)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_read_only_commands_take_no_lock_and_write_nothing(read_only: Path,
                                                           args: tuple[str, ...]) -> None:
    before = snapshot(read_only)
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert snapshot(read_only) == before
    assert not (read_only / ".git" / "pbctl-journal.json").exists()


def test_a_writer_is_refused_cleanly_there(read_only: Path) -> None:
    result = run_cli("render", "agreement", "demo", "--amend")
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_verify_leaves_an_interrupted_write_to_the_next_writer(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    import json

    ws = records_workspace(tmp_path / "ws")
    monkeypatch.chdir(ws.root)
    write_documents(ws, "demo", {"agreement": make_docx("协议", "一")}, message=None)
    head = git(ws.root, "rev-parse", "HEAD").strip()
    journal = ws.root / ".git" / "pbctl-journal.json"
    journal.write_text(json.dumps({"pid": 1, "head": head, "paths": {}, "subject": "x"}),
                       encoding="utf-8")
    result = run_cli("verify")
    assert result.exit_code == 0
    assert "the next writing command will finish or undo it" in result.output
    assert journal.exists()
