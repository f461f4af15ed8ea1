"""The groups' own meetings counted per group by the ledger and the evaluation, and the
ledger's members grouped by parent (``--by-parent``): seed 003's shape, a comprehensive
committee (综合党委) with park committees under it and a company under a park."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from helpers import run_cli

from pbctl.records.textconv import docx_text

ALLIANCE = """\
id: park
name: 科学城区域化党建促进会
short_name: 促进会
founded: 2024-01-10
members:
  - id: zonghe
    name: 科学城综合党委
    level: 综合党委
  - id: park-ic
    name: 集成电路产业园党委
    level: 党委
    parent: zonghe
  - id: chip-a
    name: 甲芯片公司党支部
    parent: park-ic
  - id: park-bio
    name: 生物医药产业园党委
    level: 党委
    parent: zonghe
  - id: group
    name: 科学城集团党委
    short_name: 集团党委
    level: 党委
lead: zonghe
groups:
  - id: cmte-dj
    name: 基层党建专委会
    lead: zonghe
    members: [zonghe, park-ic, park-bio]
  - id: cmte-rc
    name: 人才服务专委会
    lead: group
    members: [group, park-bio]
"""

MEETING = """\
number: 1
date: 2024-03-15
host: zonghe
attendees:
  - member: zonghe
  - member: park-ic
  - member: chip-a
decisions:
  - text: 建立园区党建联络员制度
    owner: park-ic
    due: 2024-04-30
    done:
      date: 2024-04-20
"""

ACTIVITY = """\
number: 1
kind: observation
date: 2024-05-10
host: park-bio
members: [park-bio, group]
"""

GROUP_MEETING_1 = """\
number: 1
group: cmte-dj
date: 2024-04-02
attendees:
  - member: zonghe
  - member: park-ic
decisions:
  - text: 走访园区企业
    owner: park-ic
    due: 2024-05-31
    done:
      date: 2024-05-20
  - text: 编写党建工作指引
    owner: zonghe
    due: 2024-06-30
"""

GROUP_MEETING_2 = """\
number: 2
group: cmte-dj
date: 2024-09-12
attendees:
  - member: park-bio
"""

OTHER = """\
id: other
name: 另一党建联建
founded: 2023-01-10
members:
  - id: street
    name: 丙街道党工委
  - id: branch
    name: 丁社区党支部
    parent: street
lead: street
"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def ws(in_tmp: Path) -> Path:
    root = in_tmp / "ws"
    root.mkdir()
    (root / "pbctl.yaml").write_text("renewal_days: 60\n", encoding="utf-8")
    park = root / "alliances" / "park"
    _write(park / "alliance.yaml", ALLIANCE)
    _write(park / "meetings" / "001.yaml", MEETING)
    _write(park / "meetings" / "cmte-dj-001.yaml", GROUP_MEETING_1)
    _write(park / "meetings" / "cmte-dj-002.yaml", GROUP_MEETING_2)
    _write(park / "activities" / "001.yaml", ACTIVITY)
    _write(root / "alliances" / "other" / "alliance.yaml", OTHER)
    return root


def _ok(ws: Path, *args: str) -> str:
    result = run_cli(*args, cwd=ws)
    assert result.exit_code == 0, result.output
    return result.output


def _statistics(xlsx: Path) -> list[tuple[Any, ...]]:
    return list(openpyxl.load_workbook(xlsx)["统计"].iter_rows(values_only=True))


def _table(rows: list[tuple[Any, ...]], caption: str) -> list[tuple[Any, ...]]:
    """The rows of the table under ``caption`` (its header first), up to a blank row."""
    start = next(i for i, r in enumerate(rows) if r[0] == caption) + 1
    out = []
    for row in rows[start:]:
        if all(v is None for v in row):
            break
        out.append(tuple(v for v in row))
    return out


def _trim(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    width = max(max((i + 1 for i, v in enumerate(r) if v is not None), default=0) for r in rows)
    return [r[:width] for r in rows]


def test_the_ledger_counts_each_groups_meetings(ws: Path) -> None:
    _ok(ws, "ledger", "park", "--year", "2024", "-o", "out/")
    rows = _statistics(ws / "out" / "ledger-2024.xlsx")
    groups = _trim(_table(rows, "联组（专委会）会议情况"))
    assert groups == [
        ("联组（专委会）", "牵头单位", "成员单位（个）", "召开联组会议（次）", "会议",
         "议定事项（项）", "已落实（项）"),
        ("基层党建专委会", "科学城综合党委", 3, 2,
         "第一次基层党建专委会会议（2024年4月2日）\n第二次基层党建专委会会议（2024年9月12日）",
         2, 1),
        ("人才服务专委会", "集团党委", 2, 0, None, 0, 0),
    ]
    # the group meetings' rows in 台账 say how their decisions stand, as joint meetings' do
    book = openpyxl.load_workbook(ws / "out" / "ledger-2024.xlsx")
    ledger = list(book["台账"].iter_rows(values_only=True))
    first = dict(zip(ledger[0], next(r for r in ledger if r[2] == "第一次基层党建专委会会议"),
                     strict=True))
    assert first["类型"] == "联组会议"
    assert first["牵头（轮值）单位"] == "科学城综合党委"  # the group's lead, not the alliance's
    assert first["应到/实到"] == "3/2"  # the group's members are due, not the alliance's
    assert first["落实情况"] == "已办结（2024年5月20日）\n逾期184天"
    text = docx_text((ws / "out" / "ledger-2024.docx").read_bytes())
    assert "各联组（专委会）共召开联组会议2次：基层党建专委会2次、人才服务专委会0次。" in text


def test_a_period_without_group_meetings_lists_the_groups_with_none(ws: Path) -> None:
    _ok(ws, "ledger", "park", "--from", "2024-01-01", "--to", "2024-03-31", "-o", "out/")
    rows = _statistics(next((ws / "out").glob("*.xlsx")))
    groups = _table(rows, "联组（专委会）会议情况")
    assert [(r[0], r[3]) for r in groups[1:]] == [("基层党建专委会", 0), ("人才服务专委会", 0)]


def test_the_ledger_without_groups_has_no_group_table(ws: Path) -> None:
    _ok(ws, "ledger", "other", "--year", "2024", "-o", "out/")
    rows = _statistics(ws / "out" / "ledger-2024.xlsx")
    assert not any(r[0] == "联组（专委会）会议情况" for r in rows)
    assert "联组会议" not in docx_text((ws / "out" / "ledger-2024.docx").read_bytes())


BY_PARENT = [
    ("上级党组织", "成员单位", "出席联席会议（次）", "参加联建活动（次）", "牵头承办（次）",
     "负责议定事项（项）", "已完成（项）"),
    ("（无）", "科学城综合党委", 1, 0, 1, 0, 0),
    ("（无）", "科学城集团党委", 0, 1, 0, 0, 0),
    ("（无）　小计", "共2个单位", 1, 1, 1, 0, 0),
    ("科学城综合党委", "集成电路产业园党委", 1, 0, 0, 1, 1),
    ("科学城综合党委", "生物医药产业园党委", 0, 1, 1, 0, 0),
    ("科学城综合党委　小计", "共2个单位", 1, 1, 1, 1, 1),
    ("集成电路产业园党委", "甲芯片公司党支部", 1, 0, 0, 0, 0),
    ("集成电路产业园党委　小计", "共1个单位", 1, 0, 0, 0, 0),
    ("合计", "共5个单位", 3, 2, 2, 1, 1),
]


def test_the_ledger_groups_members_by_parent_with_subtotals(ws: Path) -> None:
    _ok(ws, "ledger", "park", "--year", "2024", "--by-parent", "-o", "out/")
    xlsx = ws / "out" / "ledger-2024.xlsx"
    rows = _statistics(xlsx)
    assert _trim(_table(rows, "成员单位参与情况（按上级党组织）")) == BY_PARENT
    assert not any(r[0] == "成员单位参与情况" for r in rows)
    # subtotals in bold; members one outline level below them, to fold in Excel
    sheet = openpyxl.load_workbook(xlsx)["统计"]
    for row in sheet.iter_rows(min_row=1):
        label = row[0].value
        if label in {r[0] for r in BY_PARENT[1:]}:
            is_sum = label == "合计" or str(label).endswith("小计")
            assert row[0].font.b == is_sum, label
            assert sheet.row_dimensions[row[0].row].outline_level == (0 if is_sum else 1)


def test_without_by_parent_the_members_stand_in_their_tree(ws: Path) -> None:
    _ok(ws, "ledger", "park", "--year", "2024", "-o", "out/")
    rows = _trim(_table(_statistics(ws / "out" / "ledger-2024.xlsx"), "成员单位参与情况"))
    assert [r[0] for r in rows[1:]] == ["科学城综合党委", "└─集成电路产业园党委",
                                        "└───甲芯片公司党支部", "└─生物医药产业园党委",
                                        "科学城集团党委"]


def test_every_alliance_by_parent(ws: Path) -> None:
    _ok(ws, "ledger", "--all", "--year", "2024", "--by-parent", "-o", "out/")
    rows = _trim(_table(_statistics(ws / "out" / "ledger-2024.xlsx"),
                        "成员单位参与情况（按上级党组织）"))
    assert rows[0][:3] == ("所属联建", "上级党组织", "成员单位")
    # alliances in the workspace's order, each with its sections and its own 合计
    assert rows[1:6] == [
        ("另一党建联建", "（无）", "丙街道党工委", 0, 0, 0, 0, 0),
        ("另一党建联建", "（无）　小计", "共1个单位", 0, 0, 0, 0, 0),
        ("另一党建联建", "丙街道党工委", "丁社区党支部", 0, 0, 0, 0, 0),
        ("另一党建联建", "丙街道党工委　小计", "共1个单位", 0, 0, 0, 0, 0),
        ("另一党建联建", "合计", "共2个单位", 0, 0, 0, 0, 0),
    ]
    assert rows[6:] == [("促进会", *r) for r in BY_PARENT[1:]]


def test_by_parent_help_in_both_languages(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "Groupthemembers'statisticsbyparentorganization(上级党组织),withsubtotals." in "".join(
        _ok(ws, "ledger", "--help").split())
    monkeypatch.setenv("PBCTL_LANG", "zh_CN")
    assert "成员单位统计按上级党组织分组" in "".join(_ok(ws, "ledger", "--help").split())


def test_the_evaluation_counts_and_lists_each_groups_meetings(
        ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.loads(_ok(ws, "evaluate", "park", "--year", "2024", "--format", "json"))
    assert data["groups"] == [
        {"group": "cmte-dj", "name": "基层党建专委会", "held": 2,
         "meetings": ["cmte-dj-1", "cmte-dj-2"], "decisions": 2, "decisions_done": 1},
        {"group": "cmte-rc", "name": "人才服务专委会", "held": 0, "meetings": [],
         "decisions": 0, "decisions_done": 0}]
    # a group's meetings are counted, not scored: the members' facts are the joint ones
    zonghe = next(m for m in data["members"] if m["member"] == "zonghe")
    assert zonghe["meetings_held"] == 1 and zonghe["meetings_attended"] == 1
    documents = ws / "alliances" / "park" / "documents"
    text = docx_text((documents / "evaluation-2024.docx").read_bytes())
    assert ("联组（专委会）会议情况（不计分）：基层党建专委会召开联组会议2次：第一次基层党建专委会"
            "会议（2024年4月2日）、第二次基层党建专委会会议（2024年9月12日）；形成议定事项2项，"
            "已落实1项。人才服务专委会未召开联组会议。") in text.replace("\n", "")
    sheet = openpyxl.load_workbook(documents / "evaluation-2024.xlsx")["联组会议"]
    assert [r[:4] for r in sheet.iter_rows(values_only=True)] == [
        ("联组（专委会）", "牵头单位", "成员单位（个）", "召开联组会议（次）"),
        ("基层党建专委会", "科学城综合党委", 3, 2), ("人才服务专委会", "集团党委", 2, 0)]
    out = _ok(ws, "evaluate", "park", "--year", "2024")
    assert "group meetings: 基层党建专委会 2, 人才服务专委会 0" in out
    monkeypatch.setenv("PBCTL_LANG", "zh_CN")
    zh = _ok(ws, "evaluate", "park", "--year", "2024")
    assert "联组会议：基层党建专委会 2、人才服务专委会 0" in zh


def test_status_counts_each_groups_meetings(ws: Path) -> None:
    data = json.loads(_ok(ws, "status", "park", "--format", "json", "--as-of", "2024-12-31"))
    assert data["alliances"][0]["group_meetings"] == [
        {"group": "cmte-dj", "name": "基层党建专委会", "held": 2},
        {"group": "cmte-rc", "name": "人才服务专委会", "held": 0}]
    text = _ok(ws, "status", "park", "--as-of", "2024-06-30")
    assert "group meetings: 基层党建专委会 1, 人才服务专委会 0" in text


def test_the_report_counts_each_groups_meetings(ws: Path) -> None:
    _ok(ws, "report", "park", "--year", "2024", "-o", "report.docx")
    text = docx_text((ws / "report.docx").read_bytes()).replace("\n", "")
    assert "各联组共召开联组会议2次（基层党建专委会2次、人才服务专委会0次）" in text
