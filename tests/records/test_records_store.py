"""The store: commits hold only pbctl's paths, the user's changes survive, the lock, recovery."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from helpers import run_cli
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    changed_files,
    commit_count,
    git,
    isolated_git,
    make_docx,
    records_workspace,
    status,
    subjects,
    trailers,
)

from pbctl.definition.workspace import Workspace
from pbctl.errors import RecordsError
from pbctl.records import journal
from pbctl.records.api import write_documents
from pbctl.records.git import compose_message
from pbctl.records.store import Store


def _store(root: Path) -> Store:
    store = Store.open(Workspace(root.resolve()))
    assert store is not None
    return store


def test_open_needs_git_and_pbctl_yaml(tmp_path: Path) -> None:
    (tmp_path / "pbctl.yaml").write_text("")
    assert Store.open(Workspace(tmp_path)) is None  # no repository
    git(tmp_path, "init", "-q")
    assert Store.open(Workspace(tmp_path)) is not None
    (tmp_path / "pbctl.yaml").unlink()
    assert Store.open(Workspace(tmp_path)) is None  # a repository, but not a workspace
    inner = tmp_path / "project" / "ws"
    inner.mkdir(parents=True)
    (inner / "pbctl.yaml").write_text("")
    assert Store.open(Workspace(inner)) is None  # never recorded in an enclosing repository


def test_first_commit_in_a_repository_without_commits(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "pbctl.yaml").write_text("renewal_days: 30\n")
    store = _store(tmp_path)
    with store.lock():
        sha = store.commit([tmp_path / "pbctl.yaml"], "init: test",
                           trailers={"Pbctl-Command": "init"})
    assert sha is not None and git(tmp_path, "rev-parse", "HEAD").strip() == sha
    assert changed_files(tmp_path) == ["pbctl.yaml"]
    assert trailers(tmp_path) == [("Pbctl-Command", "init")]
    with store.lock():
        assert store.commit([tmp_path / "pbctl.yaml"], "again") is None  # nothing changed
    assert commit_count(tmp_path) == 1


@pytest.mark.slow
def test_unrelated_staged_and_unstaged_changes_are_untouched(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    root = ws.root
    (root / "notes.txt").write_text("v1\n")
    (root / "both.txt").write_text("one\n")
    git(root, "add", "notes.txt", "both.txt")
    git(root, "commit", "-qm", "user files")
    (root / "notes.txt").write_text("v2, not staged\n")           # unstaged change
    (root / "staged.txt").write_text("new and staged\n")           # staged new file
    (root / "both.txt").write_text("two\n")
    git(root, "add", "staged.txt", "both.txt")                     # staged change …
    (root / "both.txt").write_text("three\n")                      # … and more unstaged
    (root / "untracked.txt").write_text("mine\n")
    before = status(root)
    cached_before = git(root, "diff", "--cached")

    result = write_documents(ws, "demo", {"agreement": make_docx("第一条")}, message=None)

    assert result.commit is not None
    assert sorted(changed_files(root)) == ["alliances/demo/documents/agreement.docx",
                                           "alliances/demo/records.yaml"]
    assert status(root) == before                      # same staged/unstaged/untracked state
    assert git(root, "diff", "--cached") == cached_before
    assert (root / "notes.txt").read_text() == "v2, not staged\n"
    assert (root / "both.txt").read_text() == "three\n"
    assert git(root, "show", ":both.txt") == "two\n"   # the staged version, still staged
    # and the next user commit holds exactly what the user staged
    git(root, "commit", "-qm", "user commit")
    assert sorted(changed_files(root)) == ["both.txt", "staged.txt"]


def test_commit_records_a_deletion(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    store = _store(ws.root)
    extra = ws.root / "alliances" / "demo" / "notes.yaml"
    extra.write_text("a: 1\n")
    with store.lock():
        store.commit([extra], "add")
        extra.unlink()
        sha = store.commit([extra], "remove")
    assert sha is not None
    assert git(ws.root, "show", "--format=", "--name-status", "HEAD").split() == [
        "D", "alliances/demo/notes.yaml"]
    assert status(ws.root) == []


def test_fallback_identity_when_git_has_none(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    Path(os.environ["GIT_CONFIG_GLOBAL"]).write_text("")  # no user.name / user.email anywhere
    write_documents(ws, "demo", {"charter": make_docx("章程")}, message=None)
    assert git(ws.root, "log", "-1", "--format=%an <%ae>|%cn <%ce>").strip() == \
        "pbctl <pbctl@localhost>|pbctl <pbctl@localhost>"


def test_message_layout() -> None:
    assert compose_message("render(x): a r1", "  why\n", [("K", "v"), ("K", "w")]) == \
        "render(x): a r1\n\nwhy\n\nK: v\nK: w\n"
    assert compose_message("s", None, {}) == "s\n"


def test_index_lock_gives_a_clear_message(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    (ws.root / ".git" / "index.lock").write_text("")
    with pytest.raises(RecordsError) as info:
        write_documents(ws, "demo", {"charter": make_docx("章程")}, message=None)
    assert "another git process is running" in str(info.value)
    assert "index.lock" in (info.value.hint or "")
    assert not (ws.root / "alliances" / "demo" / "documents").exists()

    result = run_cli("-C", str(ws.root), "log", "meeting", "demo", "--date", "2024-05-01")
    assert result.exit_code == 1, result.output
    assert "another git process is running" in result.output
    assert "remove" in result.output and "index.lock" in result.output
    assert "Traceback" not in result.output
    assert not (ws.root / "alliances" / "demo" / "meetings").exists()


def test_error_inside_a_transaction_rolls_back(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    store = _store(ws.root)
    definition = ws.alliance_file("demo")
    original = definition.read_bytes()
    new_file = ws.root / "alliances" / "demo" / "meetings" / "001.yaml"
    with pytest.raises(RuntimeError), store.lock(), \
            store.transaction([definition, new_file], "test"):
        definition.write_text("changed\n")
        new_file.parent.mkdir()
        new_file.write_text("number: 1\n")
        raise RuntimeError("boom")
    assert definition.read_bytes() == original
    assert not new_file.exists()
    assert not store.journal_path.exists()
    assert status(ws.root) == []


def _leave_journal(store: Store, entry: journal.Journal) -> None:
    journal.write(store.journal_path, entry)


def test_recovery_rolls_back_an_unrecorded_write(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    store = _store(ws.root)
    target = ws.root / "alliances" / "demo" / "meetings" / "001.yaml"
    target.parent.mkdir()
    target.write_text("number: 1\n")
    (target.parent / ".001.yaml.abcd.tmp").write_text("half")
    _leave_journal(store, journal.Journal(pid=999999, head=store.head(),
                                          paths={store.rel(target): None},
                                          subject="log(demo): meeting 1"))
    fresh = _store(ws.root)
    with fresh.lock():
        pass
    assert not target.exists() and not list(target.parent.iterdir())
    assert any("rolled back 'log(demo): meeting 1'" in n for n in fresh.notices)
    assert not store.journal_path.exists()


def test_recovery_removes_the_temporary_file_of_a_write_killed_before_its_rename(
        tmp_path: Path) -> None:
    """Killed after atomic_write made its temporary file but before the rename: the file
    still has its prior content, and the temporary file must not be left behind."""
    ws = records_workspace(tmp_path / "ws")
    store = _store(ws.root)
    target = ws.root / "alliances" / "demo" / "alliance.yaml"
    prior = target.read_bytes()
    sha = git(ws.root, "hash-object", "-w", str(target)).strip()
    (target.parent / ".alliance.yaml.k9x2.tmp").write_text("half written")
    _leave_journal(store, journal.Journal(pid=999999, head=store.head(),
                                          paths={store.rel(target): sha}, subject="x"))
    fresh = _store(ws.root)
    with fresh.lock():
        pass
    assert target.read_bytes() == prior
    assert not list(target.parent.glob(".*.tmp"))
    assert status(ws.root) == []


def test_recovery_finishes_a_recorded_write(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    store = _store(ws.root)
    target = ws.root / "alliances" / "demo" / "notes.yaml"
    target.write_text("a: 1\n")
    head = store.head()
    # what a process killed after update-ref but before updating the index leaves
    git(ws.root, "add", str(target))
    tree = git(ws.root, "write-tree").strip()
    git(ws.root, "reset", "-q", "--", str(target))
    sha = git(ws.root, "commit-tree", tree, "-p", str(head), "-m", "x").strip()
    git(ws.root, "update-ref", "HEAD", sha)
    assert status(ws.root)  # the index still has the old state
    _leave_journal(store, journal.Journal(pid=4242, head=head, commit=sha,
                                          paths={store.rel(target): None}, subject="x",
                                          tag=["demo/notes/signed-r1", "note"]))
    fresh = _store(ws.root)
    with fresh.lock():
        pass
    assert status(ws.root) == []
    assert git(ws.root, "rev-parse", "demo/notes/signed-r1^{commit}").strip() == sha
    assert any("finished 'x'" in n for n in fresh.notices)


@pytest.mark.slow
def test_stale_lock_is_taken_over_with_a_notice(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    (ws.root / ".git" / "pbctl.lock").write_text("54321\n")  # left by a killed process
    result = write_documents(ws, "demo", {"charter": make_docx("章程")}, message=None)
    assert result.commit is not None
    assert any("pbctl process 54321 ended without releasing" in n for n in result.notices)
    assert (ws.root / ".git" / "pbctl.lock").read_text() == ""  # released cleanly


@pytest.mark.slow
def test_lock_is_reentrant_across_store_objects(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    with _store(ws.root).lock():
        result = write_documents(ws, "demo", {"charter": make_docx("章程")}, message=None)
    assert result.commit is not None


@pytest.mark.slow
def test_lock_held_elsewhere_times_out_naming_the_holder(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    held, release = threading.Event(), threading.Event()

    def holder() -> None:
        with _store(ws.root).lock():
            held.set()
            release.wait(10)

    thread = threading.Thread(target=holder)
    thread.start()
    try:
        assert held.wait(10)
        with pytest.raises(RecordsError, match=f"pbctl process {os.getpid()} is writing"), \
                _store(ws.root).lock(timeout=0.2):
            pass
    finally:
        release.set()
        thread.join()


def test_journal_that_cannot_be_read_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / journal.FILE_NAME
    path.write_text("{not json")
    assert journal.read(path) is None and not path.exists()
    path.write_text(json.dumps({"head": None}))
    assert journal.read(path) is None


def test_commit_subjects_after_a_session(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    assert subjects(ws.root) == ["new(demo): alliance definition",
                                 "init: pbctl records workspace"]
