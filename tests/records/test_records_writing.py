"""The one write path (records.writing): one commit holding only its files, all or nothing."""

from __future__ import annotations

import subprocess
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
    trailers,
)

from pbctl.definition.workspace import Workspace
from pbctl.errors import RecordsError, WriteError
from pbctl.records import journal
from pbctl.records.store import Store
from pbctl.records.writing import Change, writing


def _store(workspace: Workspace) -> Store:
    store = Store.open(workspace)
    assert store is not None
    return store


def test_one_commit_holds_only_the_change_and_leaves_the_users_work(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path)
    staged = tmp_path / "notes.txt"
    staged.write_text("mine, staged\n", encoding="utf-8")
    git(tmp_path, "add", "notes.txt")
    definition = ws.alliance_file("demo")
    edited = definition.read_text(encoding="utf-8") + "# my unsaved thought\n"
    definition.write_text(edited, encoding="utf-8")
    before = commit_count(tmp_path)
    a, b = tmp_path / "alliances" / "demo" / "a.txt", tmp_path / "alliances" / "demo" / "b.txt"
    with writing(_store(ws)) as writer:
        sha = writer.record(Change({a: "一\n", b: b"two\n"}, "test(demo): two files",
                                   message="why", trailers={"Pbctl-Alliance": "demo"}))
    assert sha is not None and writer.commits == [sha]
    assert commit_count(tmp_path) == before + 1
    assert changed_files(tmp_path) == ["alliances/demo/a.txt", "alliances/demo/b.txt"]
    assert subjects(tmp_path)[0] == "test(demo): two files"
    assert trailers(tmp_path) == [("Pbctl-Alliance", "demo")]
    assert git(tmp_path, "log", "-1", "--format=%b").startswith("why\n")
    assert a.read_text(encoding="utf-8") == "一\n"
    # the user's staged file is still staged (not committed), the edit still unstaged
    assert sorted(status(tmp_path)) == [" M alliances/demo/alliance.yaml", "A  notes.txt"]
    assert definition.read_text(encoding="utf-8") == edited


def test_recording_the_same_content_again_makes_no_commit(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path)
    path = tmp_path / "alliances" / "demo" / "a.txt"
    with writing(_store(ws)) as writer:
        assert writer.record(Change({path: "x\n"}, "first")) is not None
        assert writer.record(Change({path: "x\n"}, "again")) is None
    assert subjects(tmp_path)[0] == "first"


def test_a_failure_inside_the_write_rolls_every_file_back(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path)
    store = _store(ws)
    definition = ws.alliance_file("demo")
    original = definition.read_bytes()
    blocker = tmp_path / "alliances" / "demo" / "blocked"
    blocker.write_text("a file, not a folder\n", encoding="utf-8")
    git(tmp_path, "add", "alliances/demo/blocked")
    git(tmp_path, "commit", "-q", "-m", "blocker")
    fresh = tmp_path / "alliances" / "demo" / "fresh.txt"
    before = commit_count(tmp_path)
    with pytest.raises(WriteError), writing(store) as writer:
        writer.record(Change({definition: "changed: true\n", fresh: "new\n",
                              blocker / "cannot.txt": "x\n"}, "test: fails half way"))
    assert definition.read_bytes() == original  # written, then put back
    assert not fresh.exists()  # created, then removed
    assert commit_count(tmp_path) == before
    assert not (store.git_dir / journal.FILE_NAME).exists()
    assert status(tmp_path) == []


def test_a_tagged_change_tags_its_commit_and_deletes_files(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path)
    store = _store(ws)
    gone = tmp_path / "alliances" / "demo" / "gone.txt"
    with writing(store) as writer:
        writer.record(Change({gone: "soon gone\n"}, "add"))
        sha = writer.record(Change({gone: None}, "remove", tag=("demo/test/t1", "a note\n")))
    assert not gone.exists() and changed_files(tmp_path) == ["alliances/demo/gone.txt"]
    assert git(tmp_path, "rev-parse", "demo/test/t1^{commit}").strip() == sha
    assert store.tag_target("demo/test/t1") == sha
    with pytest.raises(RecordsError, match="nothing to record for the tag"), \
            writing(store) as writer:
        writer.record(Change({}, "empty", tag=("demo/test/t2", "x")))
    assert store.tag_target("demo/test/t2") is None


def test_outside_a_git_workspace_the_files_are_just_written(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    with writing(None) as writer:
        assert writer.record(Change({path: "text\n"}, "unrecorded")) is None
    assert not writer.recorded and writer.notices == []
    assert path.read_text(encoding="utf-8") == "text\n"


def test_a_new_alliance_is_written_under_the_lock_and_never_replaces_one(tmp_path: Path
                                                                        ) -> None:
    """pbctl new checks that the file is free before asking anything, and again under the
    lock as it writes: a definition that appeared meanwhile is left as it is."""
    from pbctl.errors import WorkspaceError
    from pbctl.records.api import create_alliance, init_workspace

    init_workspace(tmp_path / "ws")
    workspace = Workspace(tmp_path / "ws")
    path = workspace.alliance_file("demo")
    assert create_alliance(workspace, "demo", path, "id: demo\n", None)
    head = subprocess.run(["git", "-C", str(workspace.root), "rev-parse", "HEAD"],
                          capture_output=True, text=True, check=True).stdout
    with pytest.raises(WorkspaceError, match="already exists"):
        create_alliance(workspace, "demo", path, "id: other\n", None)
    assert path.read_text(encoding="utf-8") == "id: demo\n"
    assert subprocess.run(["git", "-C", str(workspace.root), "rev-parse", "HEAD"],
                          capture_output=True, text=True, check=True).stdout == head
