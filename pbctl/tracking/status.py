"""The state of an alliance on a given day: documents, meetings, decisions, term.

:func:`alliance_status` is a pure function of the loaded records, the document states
(from :mod:`pbctl.tracking.documents`) and the date; :meth:`AllianceStatus.as_dict` is the
``--format json`` shape.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pbctl.tracking.schedule import (
    DecisionState,
    MeetingDue,
    TermState,
    decision_states,
    next_meeting_due,
    term_state,
)
from pbctl.words import activity_title, meeting_title

if TYPE_CHECKING:
    from collections.abc import Callable

    from pbctl.definition.model import Activity, Alliance, Meeting
    from pbctl.definition.workspace import Workspace
    from pbctl.tracking.documents import DocumentState
    from pbctl.tracking.plan_status import YearState
    from pbctl.tracking.records import AllianceRecords

#: How many recent meetings and activities the detail view lists.
RECENT = 5


@dataclass(frozen=True)
class RecentRecord:
    """A meeting or activity, as the detail view lists it."""

    kind: str  # "meeting" or the activity kind
    number: int
    date: dt.date
    title: str

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "number": self.number, "date": self.date.isoformat(),
                "title": self.title}


@dataclass(frozen=True)
class AllianceStatus:
    """Everything ``pbctl status`` shows about one alliance on ``as_of``."""

    id: str
    name: str
    as_of: dt.date
    members: int
    documents: tuple[DocumentState, ...]
    meetings_held: int
    activities_held: int
    next_meeting: MeetingDue
    decisions: tuple[DecisionState, ...]
    term: TermState
    recent: tuple[RecentRecord, ...]
    year: YearState | None = None  # the plan of as_of's year and the three lists
    #: members under each parent (上级党组织) that has any: (parent id, its name, ids under it)
    by_parent: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    #: each group's own meetings held by ``as_of``: (group id, its name, how many)
    group_meetings: tuple[tuple[str, str, int], ...] = ()

    def count(self, state: str) -> int:
        return sum(1 for d in self.decisions if d.state == state)

    @property
    def open_decisions(self) -> list[DecisionState]:
        """Decisions not carried out yet (overdue ones included)."""
        return [d for d in self.decisions if d.state != "done"]

    @property
    def overdue(self) -> bool:
        """A meeting or a decision is overdue."""
        return self.next_meeting.overdue or self.count("overdue") > 0

    @property
    def verify_failed(self) -> bool:
        return any(d.state == "verify-failed" for d in self.documents)

    def as_dict(self) -> dict[str, object]:
        meeting = self.next_meeting
        return {
            "id": self.id,
            "name": self.name,
            "as_of": self.as_of.isoformat(),
            "members": self.members,
            "members_by_parent": [{"parent": p, "name": n, "members": list(ids)}
                                  for p, n, ids in self.by_parent],
            "documents": [d.as_dict() for d in self.documents],
            "meetings": {
                "held": self.meetings_held,
                "frequency": meeting.frequency,
                "last": meeting.last_date.isoformat() if meeting.last_date else None,
                "last_number": meeting.last_number,
                "next_number": meeting.next_number,
                "next_due": meeting.due.isoformat(),
                "days": meeting.days,
                "state": meeting.state,
            },
            "activities": {"held": self.activities_held},
            "group_meetings": [{"group": g, "name": n, "held": held}
                               for g, n, held in self.group_meetings],
            "decisions": {
                "total": len(self.decisions),
                "open": len(self.open_decisions),
                "done": self.count("done"),
                "overdue": self.count("overdue"),
                "items": [_decision_dict(d) for d in self.decisions],
            },
            "term": {
                "start": self.term.start.isoformat(),
                "end": self.term.end.isoformat(),
                "days_left": self.term.days_left,
                "state": self.term.state,
            },
            "recent": [r.as_dict() for r in self.recent],
            **self._year_dict(),
            "overdue": self.overdue,
            "verify_failed": self.verify_failed,
        }


    def _year_dict(self) -> dict[str, object]:
        if self.year is None:
            return {}
        return {"plan": self.year.plan_counts(), "lists": self.year.list_counts()}


def _decision_dict(d: DecisionState) -> dict[str, object]:
    return {
        "ref": d.ref, "meeting": d.meeting, "index": d.index, "text": d.text,
        "owner": d.owner, "owner_name": d.owner_name,
        "due": d.due.isoformat() if d.due else None,
        "state": d.state, "days_overdue": d.days_overdue,
        "done": d.done_date.isoformat() if d.done_date else None, "note": d.note,
    }


def recent_records(records: AllianceRecords, as_of: dt.date,
                   limit: int = RECENT) -> list[RecentRecord]:
    """The latest meetings and activities held on or before ``as_of``, newest first."""
    held: list[tuple[dt.date, bool, int, Meeting | Activity]] = [
        (m.date, True, m.number, m) for m in records.meetings_until(as_of)]
    held += [(a.date, False, a.number, a) for a in records.activities_until(as_of)]
    held.sort(key=lambda item: item[:3], reverse=True)
    out: list[RecentRecord] = []
    for _, is_meeting, number, record in held[:limit]:
        if is_meeting:
            out.append(RecentRecord("meeting", number, record.date,
                                    meeting_title(number, record.title)))
        else:
            kind = getattr(record, "kind", "other")
            out.append(RecentRecord(kind, number, record.date, activity_title(kind, record.title)))
    return out


def alliance_status(records: AllianceRecords, as_of: dt.date, *, renewal_days: int,
                    documents: list[DocumentState]) -> AllianceStatus:
    """The status of one alliance on ``as_of``."""
    from pbctl.tracking.plan_status import year_state

    alliance = records.alliance
    return AllianceStatus(
        id=alliance.id,
        name=alliance.name,
        as_of=as_of,
        members=alliance.total_members,
        documents=tuple(documents),
        meetings_held=len(records.meetings_until(as_of)),
        activities_held=len(records.activities_until(as_of)),
        next_meeting=next_meeting_due(records, as_of),
        decisions=tuple(decision_states(records, as_of)),
        term=term_state(records, as_of, renewal_days),
        recent=tuple(recent_records(records, as_of)),
        year=year_state(records, as_of),
        by_parent=members_by_parent(alliance),
        group_meetings=group_meetings_held(records, as_of),
    )


def group_meetings_held(records: AllianceRecords, as_of: dt.date
                        ) -> tuple[tuple[str, str, int], ...]:
    """How many of its own meetings each group held by ``as_of`` (every group listed)."""
    held = records.group_meetings_until(as_of)
    return tuple((g.id, g.name, sum(1 for m in held if m.group == g.id))
                 for g in records.alliance.groups)


def members_by_parent(alliance: Alliance) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Each member that has members under it (``parent``), with their ids, as listed."""
    under: dict[str, list[str]] = {}
    for m in alliance.members:
        if m.parent is not None and m.parent != m.id:
            under.setdefault(m.parent, []).append(m.id)
    names = {m.id: m.name for m in alliance.members}
    return tuple((p, names.get(p, p), tuple(ids)) for p, ids in under.items())


def workspace_summary(statuses: list[AllianceStatus]) -> dict[str, object]:
    """Totals over a workspace (the ``summary`` of ``--format json``)."""
    return {
        "alliances": len(statuses),
        "overdue_meetings": sum(1 for s in statuses if s.next_meeting.overdue),
        "open_decisions": sum(len(s.open_decisions) for s in statuses),
        "overdue_decisions": sum(s.count("overdue") for s in statuses),
        "renewal_due": sum(1 for s in statuses if s.term.state == "renewal-due"),
        "expired": sum(1 for s in statuses if s.term.state == "expired"),
        "verify_failed": sum(1 for s in statuses if s.verify_failed),
        "overdue_plan_items": sum(s.year.overdue_plan_items for s in statuses
                                  if s.year is not None),
        "overdue_needs": sum(s.year.list_counts()["needs"]["overdue"]
                             for s in statuses if s.year is not None),
        "attention": any(s.overdue or s.verify_failed for s in statuses),
    }


def needs_attention(statuses: list[AllianceStatus]) -> list[AllianceStatus]:
    """The alliances with an overdue meeting or decision, or a signed file that fails."""
    return [s for s in statuses if s.overdue or s.verify_failed]


def status_function(workspace: Workspace, as_of: dt.date
                    ) -> Callable[[AllianceRecords], AllianceStatus]:
    """records → their status on ``as_of``, with the workspace's settings."""
    from pbctl.tracking.documents import document_states

    renewal_days = workspace.settings().renewal_days

    def status_of(records: AllianceRecords) -> AllianceStatus:
        return alliance_status(records, as_of, renewal_days=renewal_days,
                               documents=document_states(records))

    return status_of


def days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def meeting_words(meeting: MeetingDue) -> str:
    """The next meeting's state in words: overdue by 3 days, due today, due in 5 days,
    scheduled."""
    if meeting.state == "overdue":
        return f"overdue by {days(-meeting.days)}"
    if meeting.state == "due-soon":
        return "due today" if meeting.days == 0 else f"due in {days(meeting.days)}"
    return "scheduled"


def term_words(term: TermState) -> str:
    """The term's state in words: expired 3 days ago, due for renewal (20 days left), active."""
    if term.state == "expired":
        return f"expired {days(-term.days_left)} ago"
    if term.state == "renewal-due":
        return f"due for renewal ({days(term.days_left)} left)"
    return "active"
