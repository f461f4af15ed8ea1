"""write_documents: revisions per document, one commit per batch, frozen signed revisions."""

from __future__ import annotations

from pathlib import Path

import pytest
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

from pbctl.definition import yamlio
from pbctl.definition.workspace import Workspace
from pbctl.errors import RecordsError
from pbctl.records.api import sign, verify, write_documents

AGREEMENT_1 = make_docx("共建协议书", "第一条 甲乙双方", table=[["甲方", "乙方"]])
AGREEMENT_2 = make_docx("共建协议书", "第一条 甲乙丙三方", table=[["甲方", "乙方"]])
CHARTER_1 = make_docx("联建章程", "第一章 总则")


def _records(ws: Workspace) -> dict[str, object]:
    data = yamlio.load(ws.alliance_dir("demo") / "records.yaml").data
    assert isinstance(data, dict)
    return data


@pytest.mark.slow
def test_first_render_is_r1_of_each_in_one_commit(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    result = write_documents(ws, "demo", {"charter": CHARTER_1, "agreement": AGREEMENT_1},
                             message="首次生成")
    assert result.recorded and result.commit is not None
    assert {k: (d.revision, d.changed) for k, d in result.documents.items()} == {
        "agreement": (1, True), "charter": (1, True)}
    assert subjects(ws.root)[0] == "render(demo): agreement r1, charter r1"
    assert trailers(ws.root) == [
        ("Pbctl-Alliance", "demo"), ("Pbctl-Document", "agreement"), ("Pbctl-Revision", "1"),
        ("Pbctl-Document", "charter"), ("Pbctl-Revision", "1")]
    assert "首次生成" in git(ws.root, "log", "-1", "--format=%b")
    assert sorted(changed_files(ws.root)) == [
        "alliances/demo/documents/agreement.docx", "alliances/demo/documents/charter.docx",
        "alliances/demo/records.yaml"]
    assert (ws.documents_dir("demo") / "agreement.docx").read_bytes() == AGREEMENT_1
    assert status(ws.root) == []


@pytest.mark.slow
def test_unchanged_render_makes_no_commit_and_does_not_rewrite(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    write_documents(ws, "demo", {"agreement": AGREEMENT_1}, message=None)
    path = ws.documents_dir("demo") / "agreement.docx"
    mtime = path.stat().st_mtime_ns
    count = commit_count(ws.root)
    result = write_documents(ws, "demo", {"agreement": make_docx(
        "共建协议书", "第一条 甲乙双方", table=[["甲方", "乙方"]])}, message="again")
    assert result.commit is None and not result.documents["agreement"].changed
    assert result.documents["agreement"].revision == 1
    assert commit_count(ws.root) == count
    assert path.stat().st_mtime_ns == mtime
    assert result.summary_lines()[-1] == "nothing changed: no new revision"


@pytest.mark.slow
def test_a_changed_document_is_the_next_revision_alone(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    write_documents(ws, "demo", {"agreement": AGREEMENT_1, "charter": CHARTER_1}, message=None)
    result = write_documents(ws, "demo", {"agreement": AGREEMENT_2, "charter": CHARTER_1},
                             message=None)
    assert result.documents["agreement"].revision == 2
    assert not result.documents["charter"].changed
    assert subjects(ws.root)[0] == "render(demo): agreement r2"
    assert sorted(changed_files(ws.root)) == ["alliances/demo/documents/agreement.docx",
                                              "alliances/demo/records.yaml"]
    records = _records(ws)["documents"]
    assert isinstance(records, dict)
    assert records["agreement"]["revision"] == 2 and records["charter"]["revision"] == 1


@pytest.mark.slow
def test_extra_files_go_in_the_same_commit(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    result = write_documents(ws, "demo", {"agreement": AGREEMENT_1}, message=None,
                             extra={"agreement.pdf": b"%PDF-1.7 fake"})
    assert "alliances/demo/documents/agreement.pdf" in changed_files(ws.root)
    assert result.extra["agreement.pdf"].read_bytes() == b"%PDF-1.7 fake"
    with pytest.raises(RecordsError):
        write_documents(ws, "demo", {}, message=None, extra={"../x.pdf": b""})
    with pytest.raises(RecordsError, match="not a document kind"):
        write_documents(ws, "demo", {"../evil": b""}, message=None)


def test_outside_a_git_workspace_files_are_written_but_not_recorded(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    result = write_documents(ws, "demo", {"agreement": AGREEMENT_1}, message=None)
    assert not result.recorded and result.commit is None
    assert result.documents["agreement"].revision is None
    assert (tmp_path / "alliances/demo/documents/agreement.docx").read_bytes() == AGREEMENT_1
    assert not (tmp_path / "alliances/demo/records.yaml").exists()
    assert "not recorded" in result.summary_lines()[-1]


@pytest.mark.slow
def test_signed_revision_is_frozen_until_amended(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    write_documents(ws, "demo", {"agreement": AGREEMENT_1, "charter": CHARTER_1}, message=None)
    signed = sign(ws, "demo", "agreement", "2024-03-05", message="签约仪式")
    assert signed.revision == 1 and signed.tag == "demo/agreement/signed-r1"
    count = commit_count(ws.root)
    path = ws.documents_dir("demo") / "agreement.docx"

    with pytest.raises(RecordsError) as info:
        write_documents(ws, "demo", {"agreement": AGREEMENT_2, "charter": CHARTER_1},
                        message=None)
    assert "agreement r1 of demo was signed on 2024-03-05 and is frozen" in str(info.value)
    assert "--amend" in (info.value.hint or "")
    assert path.read_bytes() == AGREEMENT_1 and commit_count(ws.root) == count

    # the same bytes again are fine (no change to the signed revision)
    assert write_documents(ws, "demo", {"agreement": AGREEMENT_1}, message=None).commit is None

    result = write_documents(ws, "demo", {"agreement": AGREEMENT_2}, message="新增成员",
                             amend=True)
    outcome = result.documents["agreement"]
    assert (outcome.revision, outcome.amends) == (2, 1)
    assert subjects(ws.root)[0] == "render(demo): agreement r2 (amends signed r1)"
    assert ("Pbctl-Amends", "agreement r1") in trailers(ws.root)
    assert verify(ws) == []
    # the signed revision stays in history, tagged
    tagged = git(ws.root, "rev-parse", "demo/agreement/signed-r1^{commit}").strip()
    assert git(ws.root, "merge-base", "--is-ancestor", tagged, "HEAD", check=False) == ""
    # r2 is not signed: rendering it again with other bytes needs no --amend
    third = make_docx("共建协议书", "第一条 四方")
    assert write_documents(ws, "demo", {"agreement": third}, message=None) \
        .documents["agreement"].revision == 3


@pytest.mark.slow
def test_refusals_are_all_named(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    write_documents(ws, "demo", {"agreement": AGREEMENT_1, "charter": CHARTER_1}, message=None)
    sign(ws, "demo", "agreement", "2024-03-05", message=None)
    sign(ws, "demo", "charter", "2024-03-05", message=None)
    with pytest.raises(RecordsError) as info:
        write_documents(ws, "demo", {"agreement": AGREEMENT_2,
                                     "charter": make_docx("章程二")}, message=None)
    assert "agreement r1" in str(info.value) and "charter r1" in str(info.value)
    assert "nothing was written" in str(info.value)


@pytest.mark.slow
def test_restoring_a_hand_edited_file_keeps_its_revision(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    write_documents(ws, "demo", {"agreement": AGREEMENT_1}, message=None)
    path = ws.documents_dir("demo") / "agreement.docx"
    path.write_bytes(b"edited by hand")
    git(ws.root, "commit", "-qam", "hand edit")
    result = write_documents(ws, "demo", {"agreement": AGREEMENT_1}, message=None)
    assert result.documents["agreement"].revision == 1 and result.commit is not None
    assert path.read_bytes() == AGREEMENT_1
