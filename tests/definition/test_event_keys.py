"""The event body of meetings and activities, and the definition's newer keys: each error
with its exact file, line, column, field and message."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MINIMAL, make_workspace, write_yaml

from pbctl.definition.check import check_paths
from pbctl.definition.loading import load_alliance, load_record
from pbctl.definition.model import Activity, Meeting

pytestmark = pytest.mark.usefixtures("in_tmp")

PAIRED = MINIMAL + "pairings:\n  - [alpha, beta]\n"

EVENT = """\
number: 1
date: 2024-06-01
end_date: 2024-06-02
time: 09:00
end_time: 11:30
venue: 甲公司会议室
title: 党建共建观摩活动
headcount: 40余
attendees:
  - member: alpha
    names: [张三, {name: 李四, title: 党委书记、董事长}]
guests:
  - {name: 王五, title: 区委组织部副部长, unit: 区委组织部, role: 出席领导}
  - {name: 赵六, title: 副教授, unit: 某大学, role: 主讲人}
  - {name: 钱七, role: 东道主}
speeches:
  - {speaker: 王五, title: 副部长, unit: 区委组织部, summary: 提出三点希望, points: [提高站位]}
  - {member: alpha, speaker: 李四, summary: 介绍经验}
agenda:
  - {kind: signing, documents: [charter, agreement, pairing-1-agreement, supplement-beta]}
  - {kind: unveiling, by: [王五, 李四], plaque: 测试党建联建}
  - {kind: visit, sites: [甲公司党建阵地, {name: 乙园区, host: 乙园区管委会}]}
  - {kind: lecture, speaker: 赵六, title: 初心之地, topic: 党史学习教育}
attachments:
  - {file: attachments/meeting-1/photo.jpg, caption: 合影}
  - {url: "https://example.org/news", caption: 新闻报道}
"""


@pytest.fixture
def demo() -> Path:
    make_workspace(Path("."), "demo", PAIRED)
    return Path("alliances/demo")


def problems(path: Path) -> list[str]:
    return [str(p) for p in check_paths([path]).problems]


def test_a_full_event_body_loads_for_a_meeting_and_an_activity(demo: Path) -> None:
    write_yaml(demo / "meetings/001.yaml", EVENT)
    write_yaml(demo / "activities/001.yaml", EVENT.replace("venue:", "kind: observation\nplace:"))
    assert problems(demo) == []
    alliance = load_alliance(demo / "alliance.yaml")
    meeting = load_record(demo / "meetings/001.yaml", Meeting, alliance)
    activity = load_record(demo / "activities/001.yaml", Activity, alliance)
    assert meeting.headcount == "40余" and activity.where == "甲公司会议室"
    assert [g.role for g in meeting.guests] == ["leader", "lecturer", "host"]
    assert meeting.attendees[0].names[1].titled == "党委书记、董事长李四"
    assert [s.name for s in meeting.sites] == ["甲公司党建阵地", "乙园区"]
    assert meeting.signed == ["charter", "agreement", "pairing-1-agreement", "supplement-beta"]


def test_the_old_speech_and_attendee_shapes_keep_working(demo: Path) -> None:
    write_yaml(demo / "meetings/001.yaml", "number: 1\ndate: 2024-06-01\nattendees:\n"
               "  - {member: alpha, names: [张三]}\nspeeches:\n  - {member: beta, speaker: 李四}\n"
               "headcount: 12\n")
    assert problems(demo) == []


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("role: 出席领导}", "role: leadr}",
     "13:52: guests[0].role: 'leadr' is not one of: leader, guest, witness, host, lecturer "
     "(did you mean 'leader'?)"),
    ("unit: 区委组织部, summary: 提出三点希望",
     "unit: 区委组织部, member: alpha, summary: 提出三点希望",
     "17:37: speeches[0].unit: a speech belongs to a member or to a unit, not both (keep "
     "member for a member's representative, unit for a guest)"),
    ("{member: alpha, speaker: 李四", "{speaker: 李四",
     "18:5: speeches[1]: a speech needs a member or a unit (member: <member id> for a "
     "member's representative, unit: <text> for a guest)"),
    ("end_date: 2024-06-02", "end_date: 2024-05-31",
     "3:11: end_date: 2024-05-31 is before the date 2024-06-01"),
    ("end_date: 2024-06-02\ntime: 09:00\nend_time: 11:30", "time: 09:00\nend_time: 08:30",
     "4:11: end_time: 08:30 is before the time 09:00"),
    ("headcount: 40余", "headcount: 很多人",
     "8:12: headcount: expected a number of people such as 40, 40余, 近40 or 约40, got '很多人'"),
    ("pairing-1-agreement", "pairing-2-agreement",
     "20:53: agenda[0].documents[2]: 'pairing-2-agreement' is not a document of demo (did "
     "you mean 'pairing-1-agreement'?)"),
    ("supplement-beta]", "协议书]",
     "20:74: agenda[0].documents[3]: '协议书' is not a document of demo (documents: charter, "
     "agreement, integrity-pact, pairing-1-agreement, supplement-alpha, supplement-beta)"),
    ("plaque: 测试党建联建}", "sites: [甲]}",
     "21:44: agenda[1].sites: 'sites' is not a key of an unveiling item (an unveiling item "
     "takes: plaque, by)"),
    ("file: attachments/meeting-1/photo.jpg", "file: ../../secret.txt",
     "25:12: attachments[0].file: '../../secret.txt' is not inside the alliance's "
     "attachments/ folder (give a path such as attachments/meeting-1/photo.jpg (pbctl "
     "attach copies files there))"),
    ("file: attachments/meeting-1/photo.jpg", "file: /etc/passwd",
     "25:12: attachments[0].file: '/etc/passwd' is not inside the alliance's attachments/ "
     "folder (give a path such as attachments/meeting-1/photo.jpg (pbctl attach copies "
     "files there))"),
    ('{url: "https://example.org/news", caption', "{caption",
     "26:5: attachments[1]: an attachment needs a file or a url"),
])
def test_each_event_error_names_file_line_and_field(demo: Path, old: str, new: str,
                                                   expected: str) -> None:
    assert old in EVENT
    write_yaml(demo / "meetings/001.yaml", EVENT.replace(old, new, 1))
    assert problems(demo) == [f"alliances/demo/meetings/001.yaml:{expected}"]


def test_chinese_role_names_are_accepted(demo: Path) -> None:
    roles = "".join(f"  - {{name: 某{i}, role: {r}}}\n" for i, r in
                    enumerate(["出席领导", "嘉宾", "见证", "东道主", "接待方", "主讲人"]))
    write_yaml(demo / "meetings/001.yaml", f"number: 1\ndate: 2024-06-01\nguests:\n{roles}")
    alliance = load_alliance(demo / "alliance.yaml")
    meeting = load_record(demo / "meetings/001.yaml", Meeting, alliance)
    assert [g.role for g in meeting.guests] == ["leader", "guest", "witness", "host", "host",
                                                "lecturer"]


def test_definition_keys_load(demo: Path) -> None:
    text = (MINIMAL.replace("    level: 党委\n", "    level: 党委\n    secretary: {name: 张三, "
                            "title: 党委书记、董事长}\n    joined: 2024-05-01\n", 1)
            + "founders: [alpha]\nmember_count: 191\nsupervisor: {name: 区委组织部}\n"
              "documents: [charter]\n"
              "witnesses:\n  - {name: 王五, title: 副部长, unit: 区委组织部}\n"
              "pairings:\n  - {a: alpha, b: beta, title: 党建共建、校企共建协议书,\n"
              "     date: 2024-06-01, areas: [{name: 组织共建, items: [互学互访]}]}\n")
    write_yaml(demo / "alliance.yaml", text.replace("id: demo", "id: demo", 1))
    assert problems(demo) == []
    alliance = load_alliance(demo / "alliance.yaml")
    assert str(alliance.members[0].secretary) == "张三"
    assert alliance.total_members == 191 and alliance.documents == ["charter"]
    assert not alliance.keeps("agreement") and alliance.keeps("pairing-1-agreement")


def test_member_count_below_the_listed_members_is_reported(demo: Path) -> None:
    write_yaml(demo / "alliance.yaml", PAIRED + "member_count: 1\n")
    assert problems(demo) == [
        "alliances/demo/alliance.yaml:16:15: member_count: 1 is fewer than the 2 members "
        "listed (member_count counts every member unit, at least 2)"
    ]


def test_unknown_founder_and_document_are_reported(demo: Path) -> None:
    write_yaml(demo / "alliance.yaml", PAIRED + "founders: [alpah]\ndocuments: [charte]\n")
    assert problems(demo) == [
        "alliances/demo/alliance.yaml:17:13: documents[0]: 'charte' is not one of: charter, "
        "agreement, integrity-pact (did you mean 'charter'?)",
        "alliances/demo/alliance.yaml:16:12: founders[0]: no member has the id 'alpah' (did "
        "you mean 'alpha'?)",
    ]
