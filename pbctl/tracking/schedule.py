"""What is due when: the next joint meeting, decisions, the agreement's term.

Pure functions of the records and a date ``as_of``: records dated after ``as_of`` have not
happened yet and a decision carried out after ``as_of`` is still open on that day, so the
state on any past day can be reproduced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pbctl.tracking.dates import FREQUENCY_MONTHS, add_months
from pbctl.words import FREQUENCY_LABELS

if TYPE_CHECKING:
    from pbctl.definition.model import Meeting
    from pbctl.tracking.records import AllianceRecords

#: A meeting due within this many days shows as "due soon".
DUE_SOON_DAYS = 30

MeetingState = Literal["scheduled", "due-soon", "overdue"]
DecisionStateName = Literal["open", "done", "overdue"]
TermStateName = Literal["active", "renewal-due", "expired"]
DueKind = Literal["meeting", "decision", "renewal", "plan", "need"]


@dataclass(frozen=True)
class MeetingDue:
    """When the next joint meeting is due by the charter's ``meetings.frequency``."""

    frequency: str
    last_date: dt.date | None  # the last meeting held on or before as_of
    last_number: int | None
    next_number: int
    due: dt.date
    days: int  # due - as_of: negative when overdue
    state: MeetingState

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"


def next_meeting_due(records: AllianceRecords, as_of: dt.date) -> MeetingDue:
    """The next meeting is due one period after the last one (or after the founding)."""
    alliance = records.alliance
    frequency = alliance.meetings.frequency
    held = records.meetings_until(as_of)
    last = max(held, key=lambda m: (m.date, m.number)) if held else None
    base = last.date if last else alliance.founded
    due = add_months(base, FREQUENCY_MONTHS[frequency])
    days = (due - as_of).days
    state: MeetingState = (
        "overdue" if days < 0 else "due-soon" if days <= DUE_SOON_DAYS else "scheduled"
    )
    numbers = [m.number for m in records.meetings]
    return MeetingDue(frequency, last.date if last else None, last.number if last else None,
                      max(numbers, default=0) + 1, due, days, state)


@dataclass(frozen=True)
class DecisionState:
    """A decision (议定事项) and where it stands on ``as_of``."""

    meeting: int
    index: int  # 1-based within the meeting
    meeting_date: dt.date
    text: str
    owner: str  # member id
    owner_name: str
    due: dt.date | None
    done_date: dt.date | None  # only when done on or before as_of
    note: str | None
    state: DecisionStateName
    days_overdue: int  # 0 unless overdue

    @property
    def ref(self) -> str:
        """``3.2``: meeting 3, decision 2 (as ``pbctl done`` takes it)."""
        return f"{self.meeting}.{self.index}"

    @property
    def on_time(self) -> bool:
        return self.done_date is not None and (self.due is None or self.done_date <= self.due)


def decision_states(records: AllianceRecords, as_of: dt.date) -> list[DecisionState]:
    """Every decision of the meetings held on or before ``as_of``, in meeting order."""
    return [state for meeting in records.meetings_until(as_of)
            for state in meeting_decision_states(records, meeting, as_of)]


def meeting_decision_states(records: AllianceRecords, meeting: Meeting, as_of: dt.date
                            ) -> list[DecisionState]:
    """The decisions of one meeting (a group's too) as they stand on ``as_of``."""
    out: list[DecisionState] = []
    for i, decision in enumerate(meeting.decisions, start=1):
        done = decision.done if decision.done and decision.done.date <= as_of else None
        overdue = done is None and decision.due is not None and decision.due < as_of
        state: DecisionStateName = "done" if done else "overdue" if overdue else "open"
        owner = records.member_name(decision.owner)
        out.append(DecisionState(
            meeting=meeting.number, index=i, meeting_date=meeting.date,
            text=decision.text, owner=decision.owner, owner_name=owner,
            due=decision.due, done_date=done.date if done else None,
            note=done.note if done else None, state=state,
            days_overdue=(as_of - decision.due).days if overdue and decision.due else 0,
        ))
    return out


@dataclass(frozen=True)
class TermState:
    """The agreement's term and whether it is due for renewal."""

    start: dt.date
    end: dt.date  # the last day of the term
    days_left: int  # end - as_of: negative once expired
    state: TermStateName


def term_state(records: AllianceRecords, as_of: dt.date, renewal_days: int) -> TermState:
    """Active; due for renewal within ``renewal_days`` of the end; expired after it."""
    alliance = records.alliance
    end = alliance.term_end
    days = (end - as_of).days
    state: TermStateName = (
        "expired" if days < 0 else "renewal-due" if days <= renewal_days else "active"
    )
    return TermState(alliance.term_start, end, days, state)


@dataclass(frozen=True)
class DueItem:
    """One thing that falls due: a meeting, a decision or a renewal."""

    alliance_id: str
    alliance_name: str
    kind: DueKind
    date: dt.date
    summary: str  # one line, in Chinese (calendar entries)
    detail: str
    overdue: bool
    uid: str  # stable across runs, so calendar subscriptions update in place

    def as_dict(self) -> dict[str, object]:
        return {
            "alliance": self.alliance_id, "kind": self.kind, "date": self.date.isoformat(),
            "summary": self.summary, "detail": self.detail, "overdue": self.overdue,
            "uid": self.uid,
        }


def due_items(records: AllianceRecords, as_of: dt.date, *, within: int,
              renewal_days: int) -> list[DueItem]:
    """What falls due on or before ``as_of + within`` days (overdue items included)."""
    alliance = records.alliance
    name = alliance.label
    horizon = as_of + dt.timedelta(days=min(within, (dt.date.max - as_of).days))
    items: list[DueItem] = []
    meeting = next_meeting_due(records, as_of)
    if meeting.due <= horizon:
        last = f"上次会议：{meeting.last_date.isoformat()}" if meeting.last_date else "尚未召开"
        items.append(DueItem(
            alliance.id, alliance.name, "meeting", meeting.due,
            f"{name}第{meeting.next_number}次联席会议应召开",
            f"联席会议{FREQUENCY_LABELS[meeting.frequency]}召开一次；{last}",
            meeting.overdue, f"{alliance.id}-meeting-{meeting.next_number}@pbctl",
        ))
    for decision in decision_states(records, as_of):
        if decision.state == "done" or decision.due is None or decision.due > horizon:
            continue
        items.append(DueItem(
            alliance.id, alliance.name, "decision", decision.due,
            f"{name}议定事项{decision.ref}到期：{decision.text}",
            f"责任单位：{decision.owner_name}；第{decision.meeting}次联席会议议定",
            decision.state == "overdue", f"{alliance.id}-decision-{decision.ref}@pbctl",
        ))
    term = term_state(records, as_of, renewal_days)
    if alliance.keeps("agreement") and (term.state != "active" or term.end <= horizon):
        items.append(DueItem(
            alliance.id, alliance.name, "renewal", term.end,
            f"{name}协议期满{'（已到期）' if term.state == 'expired' else '，应办理续签'}",
            f"协议期限：{term.start.isoformat()}至{term.end.isoformat()}",
            term.state == "expired", f"{alliance.id}-term-{term.end:%Y%m%d}@pbctl",
        ))
    from pbctl.tracking.plan_status import year_due_items

    items += year_due_items(records, as_of, horizon)
    order = {"meeting": 0, "decision": 1, "plan": 2, "need": 3, "renewal": 4}
    items.sort(key=lambda item: (item.date, order[item.kind], item.uid))
    return items


#: How ``pbctl due`` names each kind of item.
DUE_KIND_WORDS = {"meeting": "meeting due", "decision": "decision due", "renewal": "term ends",
                  "plan": "plan item due", "need": "claimed need due"}


def all_due_items(records: Iterable[AllianceRecords], as_of: dt.date, *, within: int,
                  renewal_days: int) -> list[DueItem]:
    """``due_items`` of many alliances, by date, then alliance, then id."""
    return sorted((item for r in records
                   for item in due_items(r, as_of, within=within, renewal_days=renewal_days)),
                  key=lambda item: (item.date, item.alliance_id, item.uid))


def due_state(item: DueItem, as_of: dt.date) -> str:
    """When an item falls due, seen from ``as_of``: overdue by 3 days, today, in 2 days."""
    days = (item.date - as_of).days
    if item.overdue:
        return f"overdue by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "today"
    return f"in {days} day{'s' if days != 1 else ''}" if days > 0 else "due"
