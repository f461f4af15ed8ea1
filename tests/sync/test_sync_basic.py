"""``pbctl sync``: no remote, up to date, first push, fast-forward, renumbering, minutes."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli, run_pbctl
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    git,
    isolated_git,
    make_docx,
    records_workspace,
    status,
    subjects,
)
from sync_helpers import (
    ACTIVITIES,
    MEETINGS,
    activity,
    assert_numbered,
    bare_remote,
    clone,
    meeting,
    records,
    ref,
    seeded,
    synced,
)

from pbctl.definition import yamlio
from pbctl.errors import RecordsError
from pbctl.records.api import sign, write_documents
from pbctl.records.signing import check_signed


def test_no_remote_says_how_to_add_one(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    result = run_cli("sync", cwd=ws.root)
    assert result.exit_code == 1
    assert "this workspace has no remote to sync with" in result.output
    assert "git remote add origin URL" in result.output
    assert "pbctl init --from URL" in result.output


@pytest.mark.slow
def test_unknown_remote_names_the_ones_there(tmp_path: Path) -> None:
    _, a = seeded(tmp_path)
    result = run_cli("sync", "--remote", "upstream", cwd=a.root)
    assert result.exit_code == 1
    assert "no remote named 'upstream' (it has: origin)" in result.output


@pytest.mark.slow
def test_first_sync_pushes_a_new_branch(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path / "remote.git")
    ws = records_workspace(tmp_path / "a")
    git(ws.root, "remote", "add", "origin", str(remote))
    result = synced(ws)
    assert result.created_branch and not result.up_to_date
    assert ref(remote) == ref(ws.root)
    assert git(ws.root, "config", "branch.main.remote").strip() == "origin"


@pytest.mark.slow
def test_nothing_to_do_is_up_to_date(tmp_path: Path) -> None:
    _, a = seeded(tmp_path)
    result = run_cli("sync", cwd=a.root)
    assert result.exit_code == 0, result.output
    assert "already up to date with origin/main" in result.output
    assert synced(a).up_to_date


@pytest.mark.slow
def test_fast_forward_brings_records_in(tmp_path: Path) -> None:
    remote, a = seeded(tmp_path)
    b = clone(remote, tmp_path / "b")
    meeting(a, "甲会议室")
    activity(a, "共学")
    out = run_cli("sync", cwd=a.root)
    assert out.exit_code == 0, out.output
    assert "out: 2 commits to origin/main, 2 records (demo: meeting 1, activity 1)" in out.output
    (b.root / "pbctl.yaml").write_text((b.root / "pbctl.yaml").read_text() + "# mine\n")
    got = run_cli("sync", cwd=b.root)
    assert got.exit_code == 0, got.output
    assert "in: 2 commits from origin/main (fast-forward), 2 records" in got.output
    assert records(b) == records(a)
    assert status(b.root) == [" M pbctl.yaml"]  # the user's own change is kept


@pytest.mark.slow
def test_clashing_numbers_are_renumbered_after_the_remote(tmp_path: Path) -> None:
    remote, a = seeded(tmp_path)
    b = clone(remote, tmp_path / "b")
    meeting(a, "A-1")
    meeting(a, "A-2")
    synced(a)
    first = meeting(b, "B-1")  # meeting 1 here too
    explicit = meeting(b, "B-2", title="专题联席会议")
    activity(b, "B 的活动")
    original = first.read_text(encoding="utf-8")
    result = synced(b)
    assert [str(m) for m in result.renumbered] == ["meeting 1 → 3 (demo)",
                                                   "meeting 2 → 4 (demo)"]
    assert "sync: renumber meetings 1 → 3, 2 → 4 (demo)" in subjects(b.root)
    assert any("renumbered meeting 1 → 3 of demo: number 1 was taken on origin" in line
               for line in result.summary_lines())
    renamed = (b.root / MEETINGS / "003.yaml").read_text(encoding="utf-8")
    assert renamed == original.replace("number: 1\n", "number: 3\n").replace(
        "title: 第一次联席会议", "title: 第三次联席会议")
    kept = yamlio.load(b.root / MEETINGS / "004.yaml").data
    assert kept["title"] == "专题联席会议" and kept["number"] == 4
    assert not explicit.exists() or yamlio.load(explicit).data["venue"] == "A-2"
    assert records(b, ACTIVITIES) == {1: "2024-05-02|None|B 的活动|None"}
    synced(a)
    assert records(a) == records(b)
    assert [v.split("|")[1] for v in assert_numbered(a).values()] == ["A-1", "A-2", "B-1",
                                                                      "B-2"]
    assert ref(remote) == ref(a.root) == ref(b.root)


@pytest.mark.slow
def test_same_record_on_both_sides_is_not_renumbered(tmp_path: Path) -> None:
    remote, a = seeded(tmp_path)
    b = clone(remote, tmp_path / "b")
    meeting(a, "同一会议")
    activity(b, "b")  # first, so that b's meeting commit differs from a's
    meeting(b, "同一会议")
    synced(a)
    result = synced(b)
    assert result.renumbered == [] and result.merges
    assert list(records(b)) == [1]


@pytest.mark.slow
def test_renumbering_removes_minutes_rendered_for_the_old_number(tmp_path: Path) -> None:
    remote, a = seeded(tmp_path)
    b = clone(remote, tmp_path / "b")
    meeting(a, "A-1")
    synced(a)
    meeting(b, "B-1")
    write_documents(b, "demo", {"minutes-001": make_docx("第一次联席会议纪要")},
                    extra={"minutes-001.pdf": b"%PDF-1.4 minutes"}, message=None)
    result = synced(b)
    docs = "alliances/demo/documents"
    assert result.removed == [f"{docs}/minutes-001.docx", f"{docs}/minutes-001.pdf"]
    assert result.rerender == [("demo", 2)]
    assert "render the minutes again: pbctl render minutes demo 2" in result.summary_lines()
    assert not (b.root / docs / "minutes-001.docx").exists()
    assert "minutes-001" not in (b.root / "alliances/demo/records.yaml").read_text()
    renumber_commit = next(line.split()[0] for line in
                           git(b.root, "log", "--format=%H %s").splitlines()
                           if "renumber" in line)
    assert git(b.root, "diff-tree", "--no-renames", "--name-only", "-r", f"{renumber_commit}^",
               renumber_commit).split() == sorted([
        f"{docs}/minutes-001.docx", f"{docs}/minutes-001.pdf", "alliances/demo/records.yaml",
        f"{MEETINGS}/001.yaml", f"{MEETINGS}/002.yaml"])
    assert check_signed(b, strict=True).ok


@pytest.mark.slow
def test_signed_minutes_are_never_renumbered(tmp_path: Path) -> None:
    remote, a = seeded(tmp_path)
    b = clone(remote, tmp_path / "b")
    meeting(a, "A-1")
    synced(a)
    meeting(b, "B-1")
    write_documents(b, "demo", {"minutes-001": make_docx("纪要")}, message=None)
    sign(b, "demo", "minutes-001", "2024-05-03", message=None)
    before, remote_before = ref(b.root), ref(remote)
    with pytest.raises(RecordsError, match="minutes-001\\) are signed here"):
        synced(b)
    assert ref(b.root) == before and ref(remote) == remote_before


@pytest.mark.slow
def test_uncommitted_change_to_incoming_file_is_refused_and_kept(tmp_path: Path) -> None:
    remote, a = seeded(tmp_path)
    b = clone(remote, tmp_path / "b")
    definition = "alliances/demo/alliance.yaml"
    text = (a.root / definition).read_text(encoding="utf-8")
    (a.root / definition).write_text(text.replace("测试党建联建", "甲方改名"), encoding="utf-8")
    git(a.root, "commit", "-qam", "rename")
    synced(a)
    mine = text.replace("测试党建联建", "乙方本地草稿")
    (b.root / definition).write_text(mine, encoding="utf-8")
    with pytest.raises(RecordsError, match=r"changes files you have changed and not committed: "
                                           r"alliances/demo/alliance\.yaml"):
        synced(b)
    assert (b.root / definition).read_text(encoding="utf-8") == mine


@pytest.mark.slow
def test_staged_changes_block_a_merge_clearly(tmp_path: Path) -> None:
    remote, a = seeded(tmp_path)
    b = clone(remote, tmp_path / "b")
    meeting(a, "A")
    synced(a)
    meeting(b, "B")
    (b.root / "notes.txt").write_text("草稿\n", encoding="utf-8")
    git(b.root, "add", "notes.txt")
    with pytest.raises(RecordsError, match=r"changes you staged: notes\.txt"):
        synced(b)
    assert status(b.root) == ["A  notes.txt"]
    git(b.root, "restore", "--staged", "notes.txt")
    assert synced(b).merges
    assert (b.root / "notes.txt").read_text(encoding="utf-8") == "草稿\n"


@pytest.mark.slow
def test_push_rejected_meanwhile_is_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    from pbctl.sync import remote as remote_module

    remote, a = seeded(tmp_path)
    b = clone(remote, tmp_path / "b")
    real_push = remote_module.push
    calls: list[int] = []

    def racing_push(*args: object, **kwargs: object) -> remote_module.PushOutcome:
        if not calls:  # a colleague pushes just before us
            meeting(b, "B 抢先")
            monkeypatch.setattr(remote_module, "push", real_push)
            synced(b)
            monkeypatch.setattr(remote_module, "push", racing_push)
        calls.append(1)
        return real_push(*args, **kwargs)  # type: ignore[arg-type]

    meeting(a, "A 随后")
    monkeypatch.setattr(remote_module, "push", racing_push)
    result = synced(a)
    assert result.attempts == 2 and len(calls) == 2
    assert any("changed while syncing" in n for n in result.notices)
    assert [m.new for m in result.renumbered] == [2]
    assert ref(remote) == ref(a.root)
    assert len(records(a)) == 2


@pytest.mark.slow
def test_merge_without_a_git_identity_is_made_by_pbctl(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    remote, a = seeded(tmp_path)
    b = clone(remote, tmp_path / "b")
    meeting(a, "A")
    synced(a)
    meeting(b, "B")
    bare = tmp_path / "no-identity"
    bare.write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(bare))
    result = synced(b, message="周例会后同步")
    assert result.merges and result.renumbered
    log = git(b.root, "log", "-2", "--format=%an <%ae>|%s|%b")
    assert "pbctl <pbctl@localhost>|sync: merge 1 commit from origin/main|周例会后同步" in log
    assert "sync: renumber meeting 1 → 2 (demo)|周例会后同步" in log


def test_outside_a_records_workspace(tmp_path: Path) -> None:
    (tmp_path / "pbctl.yaml").write_text("", encoding="utf-8")
    result = run_cli("sync", cwd=tmp_path)
    assert result.exit_code == 1
    assert "is not a records workspace" in result.output


def test_a_push_the_remote_rejects_for_a_racing_update_is_retried(tmp_path: Path) -> None:
    """The remote's ref transaction fails once, as when another push lands between ours
    checking and updating (git says "atomic transaction failed"): sync tries again."""
    remote, a = seeded(tmp_path)
    hook = remote / "hooks" / "pre-receive"
    flag = tmp_path / "raced"
    # the first push finds the branch locked by "another push"; that push is done by the next
    hook.write_text(f'#!/bin/sh\nif [ ! -e "{flag}" ]; then touch "{flag}" '
                    'refs/heads/main.lock; else rm -f refs/heads/main.lock; fi\nexit 0\n',
                    encoding="utf-8")
    hook.chmod(0o755)
    meeting(a, "A 随后")
    result = synced(a)
    assert flag.exists()
    assert result.attempts == 2
    assert ref(remote) == ref(a.root)


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "error there is no unfinished sync (merge) to abort"),
    ("zh", "错误 没有未完成的同步（合并）可以放弃"),
])
def test_abort_without_a_merge_says_so_in_the_users_language(tmp_path: Path, lang: str,
                                                              line: str) -> None:
    ws = records_workspace(tmp_path / "ws")
    result = run_pbctl("sync", "--abort", cwd=ws.root, env={"PBCTL_LANG": lang})
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == line
