"""Dates, the meeting schedule and what falls due (pure functions)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tracking_helpers import build_workspace

from pbctl.definition.workspace import Workspace
from pbctl.numerals import cn_number as cn_ordinal
from pbctl.numerals import parse_date
from pbctl.tracking.dates import Period, add_months, quarter_label
from pbctl.tracking.records import AllianceRecords, load_alliance_records
from pbctl.tracking.schedule import decision_states, due_items, next_meeting_due
from pbctl.words import meeting_title

D = dt.date


@pytest.fixture
def records(in_tmp: Path) -> AllianceRecords:
    ws = build_workspace(in_tmp / "ws")
    return load_alliance_records(Workspace(ws), "demo")


@pytest.mark.parametrize(("day", "months", "expected"), [
    (D(2024, 1, 31), 1, D(2024, 2, 29)),
    (D(2023, 1, 31), 1, D(2023, 2, 28)),
    (D(2024, 8, 31), 6, D(2025, 2, 28)),
    (D(2024, 11, 15), 3, D(2025, 2, 15)),
    (D(2024, 2, 29), 12, D(2025, 2, 28)),
])
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_parse_date() -> None:
    assert parse_date("2024-12-03") == D(2024, 12, 3)
    assert parse_date("2024年12月3日") == D(2024, 12, 3)
    with pytest.raises(ValueError, match="not a real date"):
        parse_date("2024-02-30")
    with pytest.raises(ValueError, match="expected a date"):
        parse_date("yesterday")


def test_period() -> None:
    year = Period.year(2024)
    assert (year.slug, year.label) == ("2024", "2024年度")
    half = Period(D(2024, 1, 1), D(2024, 6, 30))
    assert half.slug == "20240101-20240630"
    assert half.label == "2024年1月1日至2024年6月30日"
    assert Period(D(2024, 11, 5), D(2025, 2, 1)).quarters() == [(2024, 4), (2025, 1)]
    assert quarter_label(2024, 3) == "2024年第三季度"


def test_chinese_ordinals() -> None:
    assert [cn_ordinal(n) for n in (1, 10, 11, 20, 25, 99)] == [
        "一", "十", "十一", "二十", "二十五", "九十九"]
    assert cn_ordinal(101) == "一百零一"
    assert meeting_title(12, None) == "第十二次联席会议"
    assert meeting_title(3, "专题会议") == "专题会议"


@pytest.mark.parametrize(("frequency", "due"), [
    ("monthly", D(2024, 7, 20)),
    ("quarterly", D(2024, 9, 20)),
    ("half-yearly", D(2024, 12, 20)),
    ("yearly", D(2025, 6, 20)),
])
def test_next_meeting_by_frequency(records: AllianceRecords, frequency: str,
                                   due: dt.date) -> None:
    alliance = records.alliance.model_copy(
        update={"meetings": records.alliance.meetings.model_copy(
            update={"frequency": frequency})})
    changed = AllianceRecords(alliance, records.folder, records.meetings, records.activities)
    assert next_meeting_due(changed, D(2024, 7, 1)).due == due


def test_records_after_as_of_are_ignored(records: AllianceRecords) -> None:
    meeting = next_meeting_due(records, D(2024, 3, 14))
    assert meeting.last_date is None
    assert meeting.due == D(2024, 6, 1)  # founded 2024-03-01 + a quarter
    assert decision_states(records, D(2024, 3, 14)) == []


def test_due_items(records: AllianceRecords) -> None:
    items = due_items(records, D(2024, 9, 10), within=30, renewal_days=60)
    assert [(i.kind, i.date, i.overdue) for i in items] == [
        ("decision", D(2024, 6, 30), True),
        ("meeting", D(2024, 9, 20), False),
        ("decision", D(2024, 9, 30), False),
    ]
    assert [i.uid for i in items] == [
        "demo-decision-1.2@pbctl", "demo-meeting-3@pbctl", "demo-decision-2.1@pbctl"]
    assert items[1].summary == "测试联建第3次联席会议应召开"
    assert "乙大学党委" in items[0].detail


def test_due_items_renewal(records: AllianceRecords) -> None:
    items = due_items(records, D(2025, 1, 1), within=0, renewal_days=60)
    renewal = [i for i in items if i.kind == "renewal"]
    assert len(renewal) == 1
    assert renewal[0].date == D(2025, 2, 28)
    assert renewal[0].overdue is False
    assert renewal[0].uid == "demo-term-20250228@pbctl"
    expired = [i for i in due_items(records, D(2025, 3, 2), within=0, renewal_days=60)
               if i.kind == "renewal"]
    assert expired[0].overdue is True
    assert "已到期" in expired[0].summary


def test_due_state_words() -> None:
    from pbctl.tracking.schedule import DueItem, due_state

    def item(day: int, overdue: bool) -> DueItem:
        return DueItem("demo", "测试", "meeting", dt.date(2024, 6, day), "s", "d", overdue, "u")

    today = dt.date(2024, 6, 10)
    assert due_state(item(7, True), today) == "overdue by 3 days"
    assert due_state(item(9, True), today) == "overdue by 1 day"
    assert due_state(item(10, False), today) == "today"
    assert due_state(item(11, False), today) == "in 1 day"
    assert due_state(item(12, False), today) == "in 2 days"


def test_resolve_period() -> None:
    from pbctl.tracking.dates import resolve_period

    today = dt.date(2025, 5, 6)
    assert resolve_period(None, None, None, today).label == resolve_period(
        2025, None, None, today).label
    period = resolve_period(None, dt.date(2025, 2, 1), None, today)
    assert (period.start, period.end) == (dt.date(2025, 2, 1), today)
    with pytest.raises(ValueError, match="either --year or --from/--to"):
        resolve_period(2024, dt.date(2024, 1, 1), None, today)
    with pytest.raises(ValueError, match="--from 2025-06-01 is after --to 2025-05-06"):
        resolve_period(None, dt.date(2025, 6, 1), None, today)


def test_status_words_for_meetings_and_terms() -> None:
    from pbctl.tracking.schedule import MeetingDue, TermState
    from pbctl.tracking.status import meeting_words, term_words

    day = dt.date(2025, 1, 1)
    assert meeting_words(MeetingDue("quarterly", None, None, 1, day, -3, "overdue")) == \
        "overdue by 3 days"
    assert meeting_words(MeetingDue("quarterly", None, None, 1, day, 0, "due-soon")) == \
        "due today"
    assert meeting_words(MeetingDue("quarterly", None, None, 1, day, 1, "due-soon")) == \
        "due in 1 day"
    assert meeting_words(MeetingDue("quarterly", None, None, 1, day, 90, "scheduled")) == \
        "scheduled"
    assert term_words(TermState(day, day, -1, "expired")) == "expired 1 day ago"
    assert term_words(TermState(day, day, 20, "renewal-due")) == \
        "due for renewal (20 days left)"
    assert term_words(TermState(day, day, 400, "active")) == "active"
