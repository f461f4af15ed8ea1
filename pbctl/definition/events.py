"""Meetings and activities: one event body (when, where, who, what happened, in order) and
what each kind adds (a meeting's decisions, an activity's kind and members)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    Field,
    SerializerFunctionWrapHandler,
    WithJsonSchema,
    model_serializer,
)

from pbctl import words as W
from pbctl.definition.fields import (
    ActivityKind,
    AgendaKind,
    Count,
    Date,
    GuestRole,
    Headcount,
    NonEmpty,
    Person,
    PersonIn,
    Slug,
    Text,
    Time,
    _aliases,
    _Model,
    _role_in,
)
from pbctl.i18n import _


class Attendance(_Model):
    """Who came for one member unit: names as text or ``{name, title}``."""

    member: Slug
    names: list[PersonIn] = []


class Guest(_Model):
    """Someone present who is not a member's representative."""

    name: NonEmpty
    title: Text | None = None
    unit: Text | None = None
    role: Annotated[GuestRole, BeforeValidator(_role_in, json_schema_input_type=str)] = "guest"

    @property
    def person(self) -> Person:
        return Person(name=self.name, title=self.title)


class Speech(_Model):
    """A speech: by a member's representative (``member``) or a guest's unit (``unit``)."""

    member: Slug | None = None
    unit: Text | None = None
    speaker: Text | None = None
    title: Text | None = Field(None, description="The speaker's title (职务)")
    summary: Text | None = None
    points: list[Text] = []


def _site_in(value: Any) -> Any:
    return {"name": value} if isinstance(value, str) else value


class Site(_Model):
    """A visited site, with its host (接待方) as text."""

    name: NonEmpty
    host: Text | None = None

    @model_serializer(mode="wrap")
    def _as_written(self, handler: SerializerFunctionWrapHandler) -> Any:
        return self.name if self.host is None else handler(self)


SiteIn = Annotated[Site, BeforeValidator(_site_in, json_schema_input_type=str | Site)]


class AgendaItem(_Model):
    """One part of an event, in the order it happened."""

    kind: AgendaKind
    summary: Text | None = None
    documents: list[NonEmpty] = Field([], description="signing: document names signed")
    plaque: Text | None = Field(None, description="unveiling: the plaque's text")
    by: list[NonEmpty] = Field([], description="unveiling: who unveiled it")
    speaker: Text | None = Field(None, description="speech, lecture: who spoke")
    titles: list[NonEmpty] = Field([], description="video: the films shown")
    sites: list[SiteIn] = Field([], description="visit: the sites visited")
    title: Text | None = Field(None, description="lecture: its title")
    topic: Text | None = Field(None, description="lecture: its topic")
    projects: list[NonEmpty] = Field([], description="release: the projects released")


#: Keys an agenda item may carry besides kind and summary, by kind.
AGENDA_KEYS: dict[str, tuple[str, ...]] = {
    "signing": ("documents",), "unveiling": ("plaque", "by"), "speech": ("speaker",),
    "video": ("titles",), "visit": ("sites",), "lecture": ("speaker", "title", "topic"),
    "symposium": (), "release": ("projects",), "other": (),
}


class Attachment(_Model):
    """Evidence (佐证材料): a file inside the alliance's ``attachments/`` or a URL."""

    file: Text | None = None
    url: Text | None = None
    caption: Text | None = None

    @property
    def label(self) -> str:
        return self.caption or (self.file or self.url or "").rsplit("/", 1)[-1]


class DoneEntry(_Model):
    """An earlier marking as done, kept when ``pbctl done --force`` replaces it."""

    date: Date
    note: Text | None = None


class Done(_Model):
    date: Date
    note: Text | None = None
    history: list[DoneEntry] = Field([], description="Earlier markings, oldest first")


class Decision(_Model):
    """A decision (议定事项) with its owner (责任单位) and due date (时限)."""

    text: NonEmpty
    owner: Slug
    due: Date | None = None
    done: Done | None = None


_PLAN_REF = r"^plan\.\d{4}\.[1-9]\d*$"


def _plan_ref(value: Any) -> Any:
    if isinstance(value, str) and re.match(_PLAN_REF, value.strip()):
        return value.strip()
    raise ValueError(_("expected a plan item such as plan.2025.3 (the 3rd item of the 2025 "
                       "plan), got {value!r}").format(value=value))


#: A plan item a meeting or activity carries out: ``plan.2025.3``.
PlanRef = Annotated[str, BeforeValidator(_plan_ref),
                    WithJsonSchema({"type": "string", "pattern": _PLAN_REF})]


class Event(_Model):
    """What meetings and activities share: when, where, who, what happened."""

    number: Annotated[Count, Field(ge=1, le=9999)]
    date: Date
    end_date: Date | None = Field(None, description="Last day of a multi-day event")
    time: Time | None = None
    end_time: Time | None = None
    venue: Text | None = None
    title: Text | None = None
    host: Slug | None = None
    headcount: Headcount | None = Field(None, description="People present: 40, 40余, 近40")
    attendees: list[Attendance] = []
    guests: list[Guest] = Field([], description="People who are not member representatives")
    agenda: list[AgendaItem] = []
    speeches: list[Speech] = []
    summary: Text | None = None
    recorder: Text | None = None
    attachments: list[Attachment] = []
    plan_items: list[PlanRef] = Field([], description="Plan items it carries out (对应计划事项)")

    @property
    def where(self) -> str | None:
        return self.venue

    @property
    def sites(self) -> list[Site]:
        """Every site visited, in agenda order."""
        return [site for item in self.agenda if item.kind == "visit" for site in item.sites]

    @property
    def signed(self) -> list[str]:
        """The records' document names signed or adopted at this event."""
        return [d for item in self.agenda if item.kind == "signing" for d in item.documents]

    def guests_as(self, *roles: str) -> list[Guest]:
        return [g for g in self.guests if g.role in roles]


class Meeting(Event):
    """A numbered joint meeting: ``alliances/<id>/meetings/NNN.yaml``."""

    title: Text | None = Field(None, description="Defaults to 第N次联席会议")
    group: Slug | None = Field(
        None, description="The group (联组/专委会) whose meeting this is, numbered per group "
                          "in meetings/<group>-NNN.yaml; none for a joint meeting")
    chair: Text | None = None
    absent: list[Attendance] = Field([], description="请假")
    observers: list[NonEmpty] = Field([], description="列席: name and unit as one line")
    topics: list[Text] = []
    decisions: list[Decision] = []

    @property
    def display_title(self) -> str:
        """The title, or 第N次联席会议 by default."""
        from pbctl.numerals import cn_number

        return self.title or f"第{cn_number(self.number)}次联席会议"

    @property
    def ref(self) -> str:
        """How commands name it: ``3``, or ``ruanjian-2`` for a group's meeting."""
        return f"{self.group}-{self.number}" if self.group else str(self.number)


class Activity(Event):
    """A joint activity: ``alliances/<id>/activities/NNN.yaml``."""

    kind: Annotated[ActivityKind, _aliases(W.ACTIVITY_ALIASES)]
    place: Text | None = Field(None, description="Alias of venue")
    members: list[Slug] = []
    outcomes: list[Text] = []

    @property
    def where(self) -> str | None:
        return self.venue or self.place


RECORD_MODELS: dict[str, type[_Model]] = {"meeting": Meeting, "activity": Activity}
