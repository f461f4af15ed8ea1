"""The git layer (GitPython): a clean environment, persistent readers that are stopped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    changed_files,
    commit_count,
    git,
    isolated_git,
    records_workspace,
    status,
    subjects,
)

from pbctl.errors import GitFailed
from pbctl.records import git as gitlayer
from pbctl.records.api import log_meeting
from pbctl.records.store import Store

MEETING = {"date": "2024-05-10", "topics": ["审议年度计划"]}


def test_inherited_git_variables_do_not_redirect_pbctl(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    ws = records_workspace(tmp_path / "ws")
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q")
    git(other, "commit", "-q", "--allow-empty", "-m", "other's only commit")
    foreign_index = tmp_path / "foreign-index"
    before = commit_count(ws.root)
    # as inside a git hook of another repository
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other))
    monkeypatch.setenv("GIT_INDEX_FILE", str(foreign_index))
    monkeypatch.setenv("GIT_OBJECT_DIRECTORY", str(other / ".git" / "objects"))
    logged = log_meeting(ws, "demo", dict(MEETING), message=None)
    store = Store.open(ws)
    assert store is not None and store.toplevel == ws.root.resolve()
    assert store.read_blobs([f"{logged.commit}:alliances/demo/meetings/001.yaml"])[0] \
        == (ws.root / "alliances/demo/meetings/001.yaml").read_bytes()
    assert os.environ["GIT_DIR"] == str(other / ".git")  # put back for the caller
    monkeypatch.delenv("GIT_DIR")
    monkeypatch.delenv("GIT_WORK_TREE")
    monkeypatch.delenv("GIT_INDEX_FILE")
    monkeypatch.delenv("GIT_OBJECT_DIRECTORY")
    assert logged.commit is not None and commit_count(ws.root) == before + 1
    assert subjects(ws.root)[0] == "log(demo): meeting 1"
    assert changed_files(ws.root) == ["alliances/demo/meetings/001.yaml"]
    assert status(ws.root) == []  # the workspace's own index was updated
    assert subjects(other) == ["other's only commit"]
    assert not foreign_index.exists()


def test_run_cleans_the_environment_and_reports_failures(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    git(tmp_path, "init", "-q")
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "nowhere"))
    top = gitlayer.output(tmp_path, "rev-parse", "--show-toplevel")
    assert Path(top) == tmp_path.resolve()
    assert gitlayer.output(tmp_path, "hash-object", "--stdin", input=b"x\n") \
        == "587be6b4c3f93f93c489c0111bba5596147a26cb"
    with pytest.raises(GitFailed, match="git rev-parse failed: Needed a single revision") as failed:
        gitlayer.run(tmp_path, "rev-parse", "--verify", "no-such-thing^{commit}", "--")
    assert failed.value.returncode != 0 and failed.value.stderr
    proc = gitlayer.run(tmp_path, "rev-parse", "-q", "--verify", "HEAD", check=False)
    assert proc.returncode == 1 and proc.stdout == b""


def test_index_lock_is_named_in_the_message(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path)
    store = Store.open(ws)
    assert store is not None
    lock = store.git_dir / "index.lock"
    lock.write_text("")
    (tmp_path / "pbctl.yaml").write_text("changed: true\n", encoding="utf-8")
    with pytest.raises(GitFailed, match="another git process is running") as failed:
        store.git("update-index", "--add", "--", "pbctl.yaml")
    assert str(lock) in failed.value.message


def test_persistent_readers_are_stopped_after_reading(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path)
    store = Store.open(ws)
    assert store is not None
    with store.reading():
        head = store.head()
        assert head is not None
        assert store.read_blobs([f"{head}:pbctl.yaml", f"{head}:missing.txt"])[1] is None
        assert store.tag_target("no/such/tag") is None
        running = store.repo.git.cat_file_all
        assert running is not None and running.proc.poll() is None
    assert store.repo.git.cat_file_all is None and store.repo.git.cat_file_header is None
    assert running.proc is None  # terminated and waited for


def test_a_missing_git_binary_is_named(tmp_path: Path) -> None:
    script = (
        "from pathlib import Path\n"
        "from pbctl.errors import ToolMissingError\n"
        "from pbctl.records import git\n"
        "try:\n"
        "    git.run(Path('.'), 'version')\n"
        "except ToolMissingError as exc:\n"
        "    print('MISSING', exc.message)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**os.environ, "PATH": str(tmp_path)}, check=False, timeout=60)
    assert proc.stdout.strip() == \
        "MISSING git is not installed; pbctl keeps its records with it", proc.stderr
