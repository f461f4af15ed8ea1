"""True conflicts: sync stops naming the files, nothing is pushed, the user resolves."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli
from records_helpers import git, isolated_git, make_docx  # noqa: F401
from sync_helpers import activity, clone, meeting, records, ref, seeded, synced

from pbctl.definition.workspace import Workspace
from pbctl.errors import MergeCheckFailed, SyncConflict
from pbctl.records.api import write_documents
from pbctl.records.signing import check_signed

DEFINITION = "alliances/demo/alliance.yaml"
REGISTRY = "alliances/demo/records.yaml"
AGREEMENT = "alliances/demo/documents/agreement.docx"


def rename(ws: Workspace, name: str) -> None:
    path = ws.root / DEFINITION
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: 测试党建联建", f"name: {name}"), encoding="utf-8")
    git(ws.root, "commit", "-qam", f"rename to {name}")


@pytest.fixture
def conflicted(tmp_path: Path) -> tuple[Path, Workspace, Workspace]:
    """a and b both renamed the alliance; a pushed first; b's sync stopped."""
    remote, a = seeded(tmp_path)
    b = clone(remote, tmp_path / "b")
    rename(a, "甲方定的名称")
    meeting(a, "A 的会议")
    synced(a)
    rename(b, "乙方定的名称")
    meeting(b, "B 的会议")
    return remote, a, b


@pytest.mark.slow
def test_conflict_stops_names_the_file_and_pushes_nothing(
        conflicted: tuple[Path, Workspace, Workspace]) -> None:
    remote, _, b = conflicted
    remote_before = ref(remote)
    result = run_cli("sync", cwd=b.root)
    assert result.exit_code == 1
    assert f"true conflict) in: {DEFINITION}; the merge is left open and nothing was pushed" \
        in result.output
    assert "renumbered meeting 1 → 2 of demo" in result.output  # done before the merge
    assert ref(remote) == remote_before
    text = (b.root / DEFINITION).read_text(encoding="utf-8")
    assert "<<<<<<<" in text and "甲方定的名称" in text and "乙方定的名称" in text
    assert "乙方定的名称" in git(b.root, "show", f":2:{DEFINITION}")
    assert "甲方定的名称" in git(b.root, "show", f":3:{DEFINITION}")
    again = run_cli("sync", cwd=b.root)
    assert again.exit_code == 1
    assert f"the merge still has conflicts in: {DEFINITION}" in again.output
    assert ref(remote) == remote_before


@pytest.mark.slow
def test_resolved_conflict_is_checked_committed_and_pushed(
        conflicted: tuple[Path, Workspace, Workspace]) -> None:
    remote, a, b = conflicted
    with pytest.raises(SyncConflict) as stopped:
        synced(b)
    assert stopped.value.files == [DEFINITION]
    resolved = git(b.root, "show", f":2:{DEFINITION}").replace("乙方定的名称", "商定的名称")
    # first an invalid resolution: the lead is not a member
    (b.root / DEFINITION).write_text(resolved.replace("lead: alpha", "lead: gamma"),
                                     encoding="utf-8")
    git(b.root, "add", DEFINITION)
    checked = run_cli("sync", cwd=b.root)
    assert checked.exit_code == 1
    assert "the merged files have 1 problem; the merge was not committed" in checked.output
    assert f"{DEFINITION}:" in checked.output and "gamma" in checked.output
    with pytest.raises(MergeCheckFailed):
        synced(b)
    (b.root / DEFINITION).write_text(resolved, encoding="utf-8")
    git(b.root, "add", DEFINITION)
    done = synced(b)
    assert done.concluded and done.commits_out >= 3
    assert ref(remote) == ref(b.root)
    assert len(git(b.root, "log", "-1", "--format=%P").split()) == 2
    assert "Conflicts" not in git(b.root, "log", "-1", "--format=%B")
    synced(a)
    assert "商定的名称" in (a.root / DEFINITION).read_text(encoding="utf-8")
    assert records(a) == records(b) and len(records(a)) == 2


@pytest.mark.slow
def test_abort_gives_up_the_merge(conflicted: tuple[Path, Workspace, Workspace]) -> None:
    _, _, b = conflicted
    with pytest.raises(SyncConflict):
        synced(b)
    result = run_cli("sync", "--abort", cwd=b.root)
    assert result.exit_code == 0, result.output
    assert not (b.root / ".git" / "MERGE_HEAD").exists()
    assert "乙方定的名称" in (b.root / DEFINITION).read_text(encoding="utf-8")
    assert "<<<<<<<" not in (b.root / DEFINITION).read_text(encoding="utf-8")
    nothing = run_cli("sync", "--abort", cwd=b.root)
    assert nothing.exit_code == 1 and "no unfinished sync" in nothing.output


@pytest.mark.slow
def test_both_rendered_the_same_document(tmp_path: Path) -> None:
    remote, a = seeded(tmp_path)
    b = clone(remote, tmp_path / "b")
    write_documents(a, "demo", {"agreement": make_docx("协议 甲版")}, message=None)
    synced(a)
    write_documents(b, "demo", {"agreement": make_docx("协议 乙版"),
                                "charter": make_docx("章程")}, message=None)
    remote_before = ref(remote)
    with pytest.raises(SyncConflict) as stopped:
        synced(b)
    assert stopped.value.files == [AGREEMENT, REGISTRY]
    assert "git checkout --ours FILE" in (stopped.value.hint or "")
    assert ref(remote) == remote_before
    registry = (b.root / REGISTRY).read_text(encoding="utf-8")
    assert registry.count("charter:") == 1  # merged cleanly, outside the markers
    assert registry.index("charter:") > registry.index(">>>>>>>")
    git(b.root, "checkout", "--theirs", "--", AGREEMENT)
    text = registry.split("<<<<<<<")[0] + registry.split("=======")[1].split(">>>>>>>")[0] \
        .split("\n", 1)[1] + registry.split(">>>>>>>")[1].split("\n", 1)[1]
    (b.root / REGISTRY).write_text(text, encoding="utf-8")
    git(b.root, "add", AGREEMENT, REGISTRY)
    synced(b)
    assert check_signed(b, strict=True).ok
    synced(a)
    assert (a.root / AGREEMENT).read_bytes() == make_docx("协议 甲版")
    assert (a.root / "alliances/demo/documents/charter.docx").is_file()
    assert check_signed(a, strict=True).ok


@pytest.mark.slow
def test_documents_rendered_on_both_sides_merge_by_kind(tmp_path: Path) -> None:
    remote, a = seeded(tmp_path)
    b = clone(remote, tmp_path / "b")
    write_documents(a, "demo", {"agreement": make_docx("协议")}, message=None)
    activity(a, "甲")
    synced(a)
    write_documents(b, "demo", {"charter": make_docx("章程")}, message=None)
    result = synced(b)
    assert result.merges
    synced(a)
    for ws in (a, b):
        text = (ws.root / REGISTRY).read_text(encoding="utf-8")
        assert "agreement:" in text and "charter:" in text
        assert check_signed(ws, strict=True).ok


@pytest.mark.slow
def test_no_record_is_written_while_a_sync_merge_is_open(
        conflicted: tuple[Path, Workspace, Workspace]) -> None:
    _, _, b = conflicted
    assert run_cli("sync", cwd=b.root).exit_code == 1  # the merge stays open
    head = git(b.root, "rev-parse", "HEAD")
    result = run_cli("log", "meeting", "demo", "--date", "2025-06-01", "--venue", "会议室",
                     cwd=b.root)
    assert result.exit_code == 1
    assert f"{DEFINITION}:" in result.output
    assert "unresolved merge conflict (a '<<<<<<<' line)" in result.output
    # Resolved in the file but the merge not finished: still nothing is recorded.
    (b.root / DEFINITION).write_text(git(b.root, "show", f":2:{DEFINITION}"), encoding="utf-8")
    result = run_cli("log", "meeting", "demo", "--date", "2025-06-01", "--venue", "会议室",
                     cwd=b.root)
    assert result.exit_code == 1
    assert "a merge is in progress in this workspace" in result.output
    assert "pbctl sync --abort" in result.output
    assert git(b.root, "rev-parse", "HEAD") == head
    assert (b.root / ".git" / "MERGE_HEAD").is_file()
