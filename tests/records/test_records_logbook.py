"""Numbered meetings and activities: numbering, validation against the alliance, commits."""

from __future__ import annotations

import datetime as dt
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

from pbctl.definition import numbering, yamlio
from pbctl.definition.loading import load_record
from pbctl.definition.model import Meeting
from pbctl.definition.workspace import Workspace
from pbctl.errors import ValidationError
from pbctl.numerals import cn_number
from pbctl.records import forms
from pbctl.records.api import log_activity, log_meeting

MEETING = {
    "date": "2024-05-10", "venue": "甲公司会议室", "chair": "张三", "host": "alpha",
    "attendees": [{"member": "alpha", "names": ["张三", "李四"]}, {"member": "beta"}],
    "topics": ["审议年度计划"],
    "decisions": [{"text": "建立联络员制度", "owner": "beta", "due": "2024-06-30"}],
    "recorder": "王五",
}


@pytest.mark.slow
def test_meetings_are_numbered_in_order_one_commit_each(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    first = log_meeting(ws, "demo", MEETING, message="例会")
    second = log_meeting(ws, "demo", {**MEETING, "title": "专题会"}, message=None)
    assert first.path.name == "001.yaml" and second.path.name == "002.yaml"
    assert first.record.number == 1 and first.record.title == "第一次联席会议"
    assert second.record.title == "专题会"
    assert subjects(ws.root)[:2] == ["log(demo): meeting 2", "log(demo): meeting 1"]
    assert trailers(ws.root) == [("Pbctl-Alliance", "demo"), ("Pbctl-Meeting", "2")]
    assert changed_files(ws.root) == ["alliances/demo/meetings/002.yaml"]
    assert "例会" in git(ws.root, "log", "-1", "--format=%b", "HEAD~1")
    assert status(ws.root) == []
    # the file reads back as the same record, and passes pbctl check's loader
    alliance_file = ws.alliance_file("demo")
    from pbctl.definition.loading import load_alliance

    again = load_record(first.path, Meeting, load_alliance(alliance_file))
    assert again == first.record
    assert "&" not in first.path.read_text() and "*" not in first.path.read_text()


def test_number_is_one_more_than_the_highest_file(tmp_path: Path) -> None:
    folder = tmp_path / "meetings"
    assert numbering.next_number(folder) == 1
    folder.mkdir()
    for name in ("001.yaml", "007.yaml", "notes.yaml", ".008.yaml.x.tmp", "0999.txt"):
        (folder / name).write_text("")
    assert numbering.next_number(folder) == 8
    assert numbering.file_name(8) == "008.yaml" and numbering.file_name(1234) == "1234.yaml"
    assert numbering.number_of("1000.yaml") == 1000 and numbering.number_of("x.yaml") is None
    assert cn_number(12) == "十二"


@pytest.mark.slow
def test_chinese_ordinals_agree_with_cn2an() -> None:
    import cn2an  # type: ignore[import-untyped]

    for n in [*range(1, 2100), 10000, 10001, 10010, 100000, 101000, 1001000, 12345678]:
        assert cn_number(n) == cn2an.an2cn(n, "low"), n


@pytest.mark.slow
@pytest.mark.parametrize(("change", "expected"), [
    ({"host": "gamma"},
     "alliances/demo/meetings/001.yaml:6:7: host: no member has the id 'gamma'"),
    ({"date": "2024-01-01"},
     "alliances/demo/meetings/001.yaml:2:7: date: 2024-01-01 is before the alliance was "
     "founded (2024-03-01)"),
    ({"decisions": [{"text": "无人负责"}]},
     "alliances/demo/meetings/001.yaml:16:3: decisions[0].owner: is required but not given"),
])
def test_invalid_records_write_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       change: dict[str, object], expected: str) -> None:
    ws = records_workspace(tmp_path / "ws")
    count = commit_count(ws.root)
    monkeypatch.chdir(ws.root)  # paths in messages are relative to the current folder
    with pytest.raises(ValidationError) as info:
        log_meeting(ws, "demo", {**MEETING, **change}, message=None)
    assert str(info.value.problems[0]).startswith(expected), str(info.value)
    assert not (ws.root / "alliances/demo/meetings").exists()
    assert commit_count(ws.root) == count


@pytest.mark.slow
def test_a_file_keeps_its_own_line_numbers(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    source = tmp_path / "m.yaml"
    source.write_text("date: 2024-05-10\nvenue: 会议室\nhost: alhpa\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        log_meeting(ws, "demo", yamlio.load(source, "m.yaml"), message=None)
    assert str(info.value.problems[0]) == (
        "m.yaml:3:7: host: no member has the id 'alhpa' (did you mean 'alpha'?)")
    source.write_text("number: 5\ndate: 2024-05-10\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"m\.yaml:1:9: number: 5 is not the next meeting"):
        log_meeting(ws, "demo", yamlio.load(source, "m.yaml"), message=None)
    source.write_text("number: 1\ndate: 2024-05-10\n", encoding="utf-8")
    assert log_meeting(ws, "demo", yamlio.load(source, "m.yaml"), message=None).record.number == 1


@pytest.mark.slow
def test_activities(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    logged = log_activity(ws, "demo", {"kind": "observation", "date": "2024-04-02",
                                       "members": ["alpha", "beta"], "headcount": 30,
                                       "outcomes": ["交流经验"]}, message=None)
    assert logged.path == ws.alliance_dir("demo") / "activities" / "001.yaml"
    assert subjects(ws.root)[0] == "log(demo): activity 1"
    assert trailers(ws.root)[-1] == ("Pbctl-Activity", "1")
    with pytest.raises(ValidationError, match="members\\[0\\]: no member has the id"):
        log_activity(ws, "demo", {"kind": "study", "date": "2024-04-02", "members": ["x-y"]},
                     message=None)


def test_outside_git_the_record_is_written_not_committed(tmp_path: Path) -> None:
    from helpers import make_workspace

    root = make_workspace(tmp_path / "plain", "demo")
    logged = log_meeting(Workspace(root), "demo", MEETING, message=None)
    assert logged.commit is None and logged.path.is_file()


def test_flag_specs() -> None:
    assert forms.parse_decision("完成调研; owner=alpha ;due=2025-03-01") == {
        "text": "完成调研", "owner": "alpha", "due": "2025-03-01"}
    assert forms.parse_decision("text=a;owner=b") == {"text": "a", "owner": "b"}
    assert forms.parse_attendance("alpha:张三，李四、王五") == {
        "member": "alpha", "names": ["张三", "李四", "王五"]}
    assert forms.parse_attendance("beta") == {"member": "beta"}
    assert forms.parse_speech("alpha;speaker=林某;summary=介绍") == {
        "member": "alpha", "speaker": "林某", "summary": "介绍"}
    with pytest.raises(ValidationError, match="--decision: 'x;owner': cannot read 'owner'"):
        forms.parse_decision("x;owner")
    with pytest.raises(ValidationError, match="expected one of owner=…, due=…"):
        forms.parse_decision("x;who=alpha")


def test_forms_are_valid_yaml_that_records_nothing_unchanged(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    from pbctl.definition.loading import load_alliance

    alliance = load_alliance(ws.alliance_file("demo"))
    for form in (forms.meeting_form(alliance, dt.date(2024, 5, 1), 3),
                 forms.activity_form(alliance, dt.date(2024, 5, 1), 3)):
        doc = yamlio.loads(form)
        assert isinstance(doc.data, dict) and doc.data["date"] == "2024-05-01"
        assert not forms.form_is_empty(doc.data)
    assert "第三次联席会议" in forms.meeting_form(alliance, dt.date(2024, 5, 1), 3)
    assert forms.form_is_empty(None) and forms.form_is_empty({"venue": None, "topics": []})
