"""Who took part, counted for the ledger's statistics: each member (listed under its parent,
or grouped by parent with subtotals) and each joint group (联组 / 专委会) with its own
meetings.

Pure functions of the loaded records and the period; :mod:`pbctl.tracking.xlsx` writes
them as tables, the report and the evaluation read the same counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pbctl.definition.model import Activity, Meeting
    from pbctl.tracking.records import AllianceRecords
    from pbctl.tracking.schedule import DecisionState

#: 上级党组织 of a member at the top of the tree (its parent, if any, is not a member)
NO_PARENT = "（无）"
#: the columns counted in a member row and summed in a subtotal
MEMBER_NUMBERS = ("meetings", "activities", "hosted", "decisions", "done")


@dataclass(frozen=True)
class MemberCount:
    alliance: str
    member: str  # its name as the tree lists it: under its parent with └─
    meetings: int  # joint meetings attended
    activities: int  # activities joined
    hosted: int  # meetings and activities hosted (牵头/承办)
    decisions: int  # decisions it owns
    done: int
    name: str = ""  # its plain name
    parent: str = ""  # its parent's name (上级党组织); "" at the top of the tree

    def numbers(self) -> tuple[int, ...]:
        return tuple(getattr(self, n) for n in MEMBER_NUMBERS)


@dataclass(frozen=True)
class ParentSection:
    """The members directly under one parent (上级党组织), and their sums."""

    alliance: str
    parent: str  # the parent's name, or NO_PARENT
    members: tuple[MemberCount, ...]

    def totals(self) -> tuple[int, ...]:
        return tuple(sum(m.numbers()[i] for m in self.members)
                     for i in range(len(MEMBER_NUMBERS)))


@dataclass(frozen=True)
class GroupCount:
    """A joint group's own meetings (联组会议) held in the period, and their decisions."""

    alliance: str
    group: str  # its id
    name: str
    lead: str  # its lead's short name, "" if none
    members: int
    meetings: tuple[str, ...]  # 第一次软件联组会议（2024年5月2日）, by date
    refs: tuple[str, ...]  # ruanjian-1, in the same order
    decisions: int
    done: int  # carried out by the ledger's day

    @property
    def held(self) -> int:
        return len(self.meetings)


def member_counts(records: AllianceRecords, label: str, meetings: Sequence[Meeting],
                  activities: Sequence[Activity], decisions: Sequence[DecisionState]
                  ) -> list[MemberCount]:
    """Each member's part in the period's joint meetings and activities and the decisions
    of those meetings, in tree order (depth first under their parents)."""
    alliance = records.alliance
    names = {m.id: m.name for m in alliance.members}
    out = []
    for member, depth in alliance.member_tree():
        out.append(MemberCount(
            label, ("└─" + "──" * (depth - 1) if depth else "") + member.name,
            meetings=sum(1 for m in meetings if any(a.member == member.id for a in m.attendees)),
            activities=sum(1 for a in activities if member.id in a.members or a.host == member.id),
            hosted=sum(1 for m in meetings if m.host == member.id)
            + sum(1 for a in activities if a.host == member.id),
            decisions=sum(1 for d in decisions if d.owner == member.id),
            done=sum(1 for d in decisions if d.owner == member.id and d.state == "done"),
            name=member.name,
            parent=names.get(member.parent or "", "") if depth else "",
        ))
    return out


def parent_sections(members: Sequence[MemberCount]) -> list[ParentSection]:
    """The members grouped by their direct parent, alliance by alliance: first those at the
    top of the tree (parent :data:`NO_PARENT`), then one section per parent in the order the
    tree reaches it; members keep their tree order within a section."""
    by_alliance: dict[str, dict[str, list[MemberCount]]] = {}
    for m in members:
        sections = by_alliance.setdefault(m.alliance, {NO_PARENT: []})
        sections.setdefault(m.parent or NO_PARENT, []).append(m)
    return [ParentSection(alliance, parent, tuple(ms))
            for alliance, sections in by_alliance.items()
            for parent, ms in sections.items() if ms]


def group_counts(records: AllianceRecords, label: str, meetings: Sequence[Meeting],
                 as_of: dt.date) -> list[GroupCount]:
    """Every group of the alliance with its own meetings among ``meetings`` (a group that
    held none is listed with none); a decision counts as carried out if marked done by
    ``as_of``."""
    from pbctl.numerals import cn_date
    from pbctl.rendering.render import group_meeting_title

    alliance = records.alliance
    out = []
    for group in alliance.groups:
        held = sorted((m for m in meetings if m.group == group.id),
                      key=lambda m: (m.date, m.number))
        decisions = [d for m in held for d in m.decisions]
        out.append(GroupCount(
            label, group.id, group.name, records.member_label(group.lead), len(group.members),
            tuple(f"{group_meeting_title(alliance, m)}（{cn_date(m.date)}）" for m in held),
            tuple(f"{group.id}-{m.number}" for m in held), len(decisions),
            sum(1 for d in decisions if d.done is not None and d.done.date <= as_of)))
    return out
