"""Who and what a news release names: organizations in full at first mention and by their
short name after, people by unit, title and name at first mention and by name after, and
the event by its own title."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pbctl.definition.events import Guest
from pbctl.definition.model import Activity, Alliance, Event, Meeting
from pbctl.rendering.events import _UNIT_WORDS, _before_title


@dataclass
class Mentions:
    """Who has been named already: full names first, short names after."""

    alliance: Alliance
    event: Event
    orgs: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)

    def org(self, member_id: str) -> str:
        member = next((m for m in self.alliance.members if m.id == member_id), None)
        if member is None:
            return member_id
        if member_id in self.orgs:
            return member.label
        self.orgs.add(member_id)
        return member.name

    def person(self, name: str, fallback: str = "") -> str:
        """The person's name, with unit and title the first time."""
        if name in self.people:
            return name
        self.people.add(name)
        return self.intro(name) or (fallback or name)

    def intro(self, name: str) -> str:
        for attendance in self.event.attendees:
            for p in attendance.names:
                if p.name == name:
                    return self._member_titled(attendance.member, p.title or "", name)
        guest = next((g for g in self.event.guests if g.name == name), None)
        if guest is not None:
            return guest_titled(guest)
        for s in self.event.speeches:
            if s.speaker == name:
                if s.member:
                    return self._member_titled(s.member, s.title or "", name)
                return _join_unit(s.unit or "", s.title or "") + name
        return ""

    def _member_titled(self, member_id: str, title: str, name: str) -> str:
        member = next((m for m in self.alliance.members if m.id == member_id), None)
        unit = member.label if member else member_id
        if member_id not in self.orgs and member is not None:
            self.orgs.add(member_id)
            unit = member.name
        return _join_unit(unit, title) + name


def _join_unit(unit: str, title: str) -> str:
    """两面针公司党委 + 党委书记、董事长 → 两面针公司党委书记、董事长; a title that names its
    own unit (合肥工业大学资环学院副院长) stands alone."""
    first = re.split("[、，,]", title)[0]
    if not unit or any(word in first for word in _UNIT_WORDS) or title.startswith(unit):
        return title
    if not any(word in title for word in _PARTY_WORDS):
        unit = re.sub(_PARTY_SUFFIX, "", unit) or unit
    return _before_title(unit, title) + title


_PARTY_WORDS = ("党", "纪委", "组织部", "宣传部", "负责人", "书记")


_PARTY_SUFFIX = "(联合党支部|党支部|党总支|综合党委|党委)$"


def guest_titled(guest: Guest) -> str:
    return _join_unit(guest.unit or "", guest.title or "") + guest.name


def subject_ids(alliance: Alliance, event: Event) -> list[str]:
    ids = [a.member for a in event.attendees]
    if isinstance(event, Activity) and not ids:
        ids = list(event.members)
    if event.host and event.host in ids:
        ids.remove(event.host)
        ids.insert(0, event.host)
    return [i for i in ids if any(m.id == i for m in alliance.members)]


def event_name(alliance: Alliance, event: Event) -> str:
    """The event as the record names it, never with the alliance's name twice."""
    from pbctl import words

    if event.title:
        return event.title
    if isinstance(event, Meeting):
        return alliance.label + event.display_title
    assert isinstance(event, Activity)
    return alliance.label + words.activity_label(event.kind) + "活动"


def noun(event: Event) -> str:
    name = event.title or ""
    if "仪式" in name or "活动" in name or isinstance(event, Activity):
        return "活动"
    return "会议"
