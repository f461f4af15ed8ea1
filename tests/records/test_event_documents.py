"""Documents of events and pairings in the records: pairing agreements and supplements are
signed and verified like the others; sign-in sheets and activity records are rendered;
``pbctl attach`` copies evidence and lists it in the record, as one revision."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from helpers import MINIMAL, run_cli, write_yaml
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    commit_count,
    isolated_git,
    records_workspace,
    subjects,
)

from pbctl.definition import yamlio
from pbctl.definition.workspace import Workspace

PAIRED = MINIMAL + (
    "ceremony: {date: 2024-03-01, venue: 甲公司, name: 测试联建签约仪式}\n"
    "pairings:\n  - {a: alpha, b: beta, title: 党建共建、校企共建协议书, date: 2024-03-01}\n")
GAMMA = ("  - id: gamma\n    name: 丙公司党支部\n    kind: enterprise\n"
         "    joined: 2024-09-01\n")
ACTIVITY = """\
number: 1
kind: observation
date: 2024-05-10
title: 党建阵地观摩
venue: 甲公司党建馆
host: alpha
headcount: 12
attendees:
  - {member: alpha, names: [{name: 张三, title: 党委书记}]}
  - member: beta
guests:
  - {name: 王五, title: 区委组织部副部长, role: 出席领导}
agenda:
  - {kind: visit, sites: [甲公司党建馆]}
"""


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    workspace = records_workspace(tmp_path / "ws", text=PAIRED)
    monkeypatch.chdir(workspace.root)
    return workspace


def text_of(path: Path) -> str:
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [" | ".join(c.text for c in row.cells) for row in table.rows]
    return "\n".join(lines)


def test_a_pairing_agreement_is_signed_then_tampered_and_verify_fails(ws: Workspace) -> None:
    result = run_cli("render", "agreement", "demo", "--pairing", "1")
    assert result.exit_code == 0, result.output
    path = ws.root / "alliances/demo/documents/pairing-1-agreement.docx"
    text = text_of(path)
    assert "党建共建、校企共建协议书" in text
    assert "甲方：甲公司党委" in text and "乙方：乙大学党委" in text
    assert "签订地点：甲公司（测试联建签约仪式）" in text
    signed = run_cli("sign", "demo", "pairing-1-agreement", "--date", "2024-03-01")
    assert signed.exit_code == 0, signed.output
    assert "tagged demo/pairing-1-agreement/signed-r1" in signed.output
    assert run_cli("verify").exit_code == 0
    path.write_bytes(path.read_bytes() + b"tampered")
    result = run_cli("verify")
    assert result.exit_code == 1
    assert ("alliances/demo/documents/pairing-1-agreement.docx: differs from the signed "
            "revision r1 (2024-03-01)") in result.output


def test_a_pairing_that_does_not_exist_is_refused_and_nothing_written(ws: Workspace) -> None:
    before = commit_count(ws.root)
    result = run_cli("render", "agreement", "demo", "--pairing", "2")
    assert result.exit_code == 1
    assert result.output == ("error demo has no pairing 2\nhint: its pairings are numbered 1 "
                             "to 1\n")
    assert commit_count(ws.root) == before
    assert not (ws.root / "alliances/demo/documents").exists()


def test_a_supplement_for_a_member_who_joined_later_is_signable(ws: Workspace) -> None:
    assert run_cli("render", "agreement", "demo").exit_code == 0
    assert run_cli("sign", "demo", "agreement", "--date", "2024-03-01").exit_code == 0
    definition = ws.alliance_file("demo")
    write_yaml(definition, definition.read_text(encoding="utf-8").replace(
        "lead: alpha\n", GAMMA + "lead: alpha\n"))
    refused = run_cli("render", "supplement", "demo", "--member", "beta")
    assert refused.exit_code == 1
    assert refused.output.startswith("error 乙大学党委 (beta) already signed the agreement "
                                     "of demo (2024-03-01)\n")
    result = run_cli("render", "supplement", "demo", "--member", "gamma")
    assert result.exit_code == 0, result.output
    path = ws.root / "alliances/demo/documents/supplement-gamma.docx"
    text = text_of(path)
    assert "测试党建联建协议书补充协议" in text
    assert "乙方：丙公司党支部" in text
    assert "已于2024年3月1日在测试联建签约仪式上签署《测试党建联建协议书》" in text
    assert run_cli("sign", "demo", "supplement-gamma", "--date", "2024-09-02").exit_code == 0
    path.write_bytes(b"tampered")
    assert run_cli("verify").exit_code == 1


def test_a_member_added_to_the_definition_after_signing_needs_no_joined_date(
        ws: Workspace) -> None:
    assert run_cli("render", "agreement", "demo").exit_code == 0
    assert run_cli("sign", "demo", "agreement", "--date", "2024-03-01").exit_code == 0
    definition = ws.alliance_file("demo")
    write_yaml(definition, definition.read_text(encoding="utf-8").replace(
        "lead: alpha\n", GAMMA.replace("    joined: 2024-09-01\n", "") + "lead: alpha\n"))
    result = run_cli("render", "supplement", "demo", "--member", "gamma")
    assert result.exit_code == 0, result.output


def test_signin_and_record_of_an_activity(ws: Workspace) -> None:
    write_yaml(ws.alliance_dir("demo") / "activities/001.yaml", ACTIVITY)
    signin = run_cli("render", "signin", "demo", "activity", "1")
    assert signin.exit_code == 0, signin.output
    sheet = text_of(ws.root / "alliances/demo/documents/signin-activity-001.docx")
    assert "党建阵地观摩签到表" in sheet
    assert "1 | 甲公司党委 | 张三 | 党委书记 | " in sheet
    assert "2 | 乙大学党委 |  |  | " in sheet
    assert "3 | 区委组织部副部长" not in sheet and "3 |  | 王五 | 区委组织部副部长 | " in sheet
    assert sheet.count("\n12 |") == 1 and "\n13 |" not in sheet  # rows up to the headcount
    record = run_cli("render", "record", "demo", "activity", "1")
    assert record.exit_code == 0, record.output
    text = text_of(ws.root / "alliances/demo/documents/record-activity-001.docx")
    assert text.splitlines()[0] == "党建阵地观摩活动记录"
    assert "区委组织部副部长王五出席活动，共12人参加。" in text
    assert "与会人员实地参观了甲公司党建馆。" in text
    wrong = run_cli("render", "record", "demo", "meeting", "1")
    assert wrong.exit_code == 1 and "a meeting's record is its minutes" in wrong.output


def test_attach_copies_files_and_lists_them_in_one_revision(ws: Workspace,
                                                           tmp_path: Path) -> None:
    write_yaml(ws.alliance_dir("demo") / "activities/001.yaml", ACTIVITY)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 a photo")
    before = commit_count(ws.root)
    result = run_cli("attach", "demo", "activity", "1", str(photo), "--caption", "观摩合影")
    assert result.exit_code == 0, result.output
    assert commit_count(ws.root) == before + 1
    assert subjects(ws.root)[0] == "attach(demo): activity 1, 1 file(s)"
    copied = ws.alliance_dir("demo") / "attachments/activity-1/photo.jpg"
    assert copied.read_bytes() == photo.read_bytes()
    data = yamlio.load(ws.alliance_dir("demo") / "activities/001.yaml").data
    assert data["attachments"] == [{"file": "attachments/activity-1/photo.jpg",
                                    "caption": "观摩合影"}]
    assert run_cli("check").exit_code == 0


def test_attach_refuses_a_file_over_20_mib(ws: Workspace, tmp_path: Path) -> None:
    write_yaml(ws.alliance_dir("demo") / "activities/001.yaml", ACTIVITY)
    video = tmp_path / "video.mp4"
    with video.open("wb") as f:
        f.truncate(21 * 1024 * 1024)
    before = commit_count(ws.root)
    result = run_cli("attach", "demo", "activity", "1", str(video))
    assert result.exit_code == 1
    assert "video.mp4: 21.0 MiB is over the 20 MiB limit" in result.output
    assert "git is a poor home for video" in result.output
    assert commit_count(ws.root) == before
    assert not (ws.alliance_dir("demo") / "attachments").exists()
