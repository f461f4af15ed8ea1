"""history, diff and the .docx textconv driver (through real git diff / git log -p)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    git,
    isolated_git,
    make_docx,
    records_workspace,
)

from pbctl.definition.workspace import Workspace
from pbctl.errors import RecordsError
from pbctl.records.api import diff, docx_text, history, sign, textconv, write_documents
from pbctl.records.history import split_trailers

R1 = make_docx("共建协议书", "第一条 甲乙双方共建", table=[["甲方", "乙方"], ["签字", "签字"]])
R2 = make_docx("共建协议书", "第一条 甲乙丙三方共建", table=[["甲方", "乙方"], ["签字", "签字"]])


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    workspace = records_workspace(tmp_path / "ws")
    monkeypatch.chdir(workspace.root)
    write_documents(workspace, "demo", {"agreement": R1}, message="首次生成")
    sign(workspace, "demo", "agreement", "2024-03-05", message=None)
    write_documents(workspace, "demo", {"agreement": R2}, message="新增成员", amend=True)
    return workspace


@pytest.mark.slow
def test_history_lists_revisions_with_signed_flags(ws: Workspace) -> None:
    revisions = history(ws, "demo", "agreement")
    assert [(r.revision, r.signed, r.signed_date) for r in revisions] == [
        (2, False, None), (1, True, "2024-03-05")]
    assert revisions[0].reason == "新增成员" and revisions[0].author == "Tester"
    assert revisions[1].tag == "demo/agreement/signed-r1"
    every = history(ws, "demo")
    assert {(r.document, r.revision) for r in every} == {
        ("agreement", 2), ("agreement", 1), ("alliance", 1)}


@pytest.mark.slow
def test_history_command(ws: Workspace) -> None:
    result = run_cli("history", "demo", "agreement")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("agreement r2  ") and "新增成员" in lines[0]
    assert lines[1].startswith("agreement r1 [signed 2024-03-05]")
    data = json.loads(run_cli("history", "demo", "--format", "json").output)
    assert {d["document"] for d in data} == {"agreement", "alliance"}
    assert run_cli("history", "demo", "charter").exit_code == 1


@pytest.mark.slow
def test_diff_shows_the_text_change(ws: Workspace) -> None:
    out = diff(ws, "demo", "agreement")
    assert "--- agreement r1\n+++ agreement r2\n" in out
    assert "-第一条 甲乙双方共建\n+第一条 甲乙丙三方共建\n" in out
    assert diff(ws, "demo", "agreement", "r2", "r2") == ""
    assert diff(ws, "demo", "agreement", "1") == out
    with pytest.raises(RecordsError, match="has no revision r7"):
        diff(ws, "demo", "agreement", "r7")
    result = run_cli("diff", "demo", "agreement", "r1", "r2")
    assert result.exit_code == 0 and "+第一条 甲乙丙三方共建" in result.output


@pytest.mark.slow
def test_diff_of_the_definition_is_yaml(ws: Workspace) -> None:
    with pytest.raises(RecordsError, match="only r1"):
        diff(ws, "demo", "alliance")
    definition = ws.alliance_file("demo")
    definition.write_text(definition.read_text().replace("name: 测试党建联建", "name: 新名称"))
    git(ws.root, "commit", "-qam", "rename")
    out = diff(ws, "demo", "definition")
    assert "-name: 测试党建联建\n+name: 新名称\n" in out


def test_docx_text_in_order_with_tables() -> None:
    assert docx_text(R1) == "共建协议书\n第一条 甲乙双方共建\n甲方 | 乙方\n签字 | 签字\n"
    assert docx_text(b"") == ""
    with pytest.raises(RecordsError, match=r"not a readable \.docx"):
        docx_text(b"plain text", "x.docx")


def test_textconv_command(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    path.write_bytes(R1)
    result = run_cli("textconv", str(path))
    assert result.exit_code == 0 and result.output == textconv(path)
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    result = run_cli("textconv", str(tmp_path / "bad.docx"))
    assert result.exit_code == 0 and "[pbctl textconv:" in result.output


@pytest.mark.slow
def test_git_log_p_shows_docx_text_through_the_driver(ws: Workspace) -> None:
    out = git(ws.root, "log", "-p", "-1", "--format=%s", "--",
              "alliances/demo/documents/agreement.docx")
    assert "render(demo): agreement r2 (amends signed r1)" in out
    assert "-第一条 甲乙双方共建" in out and "+第一条 甲乙丙三方共建" in out
    assert "Binary files" not in out
    (ws.root / "alliances/demo/documents/agreement.docx").write_bytes(
        make_docx("共建协议书", "第一条 改"))
    assert "+第一条 改" in git(ws.root, "diff")


def test_split_trailers() -> None:
    assert split_trailers("why\n\nPbctl-Alliance: x\nPbctl-Revision: 2\n") == (
        "why", [("Pbctl-Alliance", "x"), ("Pbctl-Revision", "2")])
    assert split_trailers("just a reason: with colon\n\nmore") == (
        "just a reason: with colon\n\nmore", [])
    assert split_trailers("") == (None, [])
    assert split_trailers("Note: a user's own line") == ("Note: a user's own line", [])
