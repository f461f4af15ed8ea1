"""The typed, validated model of an alliance definition and of the records kept about it.

Validation happens once, at load (``pbctl.definition.loading``); everything after
trusts these frozen objects. Field names are the YAML keys. Defaults documented here are
the ones documented in docs/reference.md.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    model_serializer,
)

# Characters that XML 1.0 cannot hold: C0 controls other than tab/newline/CR, lone
# surrogates, U+FFFE and U+FFFF.
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(value: str) -> str:
    bad = _BAD_XML.search(value)
    if bad:
        raise ValueError(
            f"contains the control character U+{ord(bad.group()):04X}, "
            "which a document cannot hold"
        )
    return value


def _parse_date(value: Any) -> Any:
    from pbctl.numerals import parse_date

    return parse_date(value)


def _parse_time(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", value.strip()):
        return value.strip()
    raise ValueError(f"expected a time like 14:30, got {value!r}")


Text = Annotated[str, AfterValidator(_xml_safe)]
NonEmpty = Annotated[str, StringConstraints(min_length=1), AfterValidator(_xml_safe)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")]
Date = Annotated[
    dt.date, BeforeValidator(_parse_date, json_schema_input_type=str)
]
Time = Annotated[str, BeforeValidator(_parse_time)]
#: A phone number: an unquoted 13800000000 is read as a number and kept as text.
Phone = Annotated[
    str,
    BeforeValidator(lambda v: str(v) if type(v) is int else v, json_schema_input_type=str | int),
    AfterValidator(_xml_safe),
]
Count = Annotated[int, Field(strict=True)]

MemberKind = Literal[
    "enterprise", "university", "government", "institution", "association", "community", "other"
]
Level = Literal["党委", "党总支", "党支部", "联合党支部", "综合党委", "党组", "党工委"]
Frequency = Literal["monthly", "quarterly", "half-yearly", "yearly"]
ActivityKind = Literal["observation", "symposium", "study", "volunteer", "training", "other"]

MEMBER_KINDS: tuple[str, ...] = typing.get_args(MemberKind)
LEVELS: tuple[str, ...] = typing.get_args(Level)
FREQUENCIES: tuple[str, ...] = typing.get_args(Frequency)
ACTIVITY_KINDS: tuple[str, ...] = typing.get_args(ActivityKind)


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, validate_default=False
    )


#: Chinese names users write for a guest's ``role``.
ROLE_WORDS = {
    "出席领导": "leader", "领导": "leader", "上级领导": "leader", "嘉宾": "guest",
    "见证": "witness", "见证人": "witness", "东道主": "host", "接待方": "host",
    "主讲人": "lecturer", "主讲": "lecturer",
}
GuestRole = Literal["leader", "guest", "witness", "host", "lecturer"]
GUEST_ROLES: tuple[str, ...] = typing.get_args(GuestRole)
AgendaKind = Literal["signing", "unveiling", "speech", "video", "visit", "lecture",
                     "symposium", "release", "other"]
AGENDA_KINDS: tuple[str, ...] = typing.get_args(AgendaKind)
#: The documents an alliance may keep (``documents:``), in their usual order.
KeptDocument = Literal["charter", "agreement", "integrity-pact"]
KEPT_DOCUMENTS: tuple[KeptDocument, ...] = typing.get_args(KeptDocument)
_APPROX = re.compile(r"^(约|近|逾|超过|共)?\s*\d+\s*(余|多)?\s*(人|名)?$")


def _headcount_in(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit():
            return int(text)
        if not _APPROX.match(text):
            raise ValueError(f"expected a number of people such as 40, 40余, 近40 or 约40, "
                             f"got {value!r}")
        return text
    return value


#: People present: a whole number, or approximate text (40余, 近40, 约40).
Headcount = Annotated[
    Annotated[int, Field(strict=True, ge=0)] | str,
    BeforeValidator(_headcount_in, json_schema_input_type=int | str),
]


def _role_in(value: Any) -> Any:
    return ROLE_WORDS.get(value.strip(), value) if isinstance(value, str) else value


def _person_in(value: Any) -> Any:
    return {"name": value} if isinstance(value, str) else value


class Person(_Model):
    """A person with an optional title (职务), e.g. ``{name: 林钻煌, title: 党委书记、董事长}``.
    Printed, a person is its name."""

    name: NonEmpty
    title: Text | None = None

    @model_serializer(mode="wrap")
    def _as_written(self, handler: SerializerFunctionWrapHandler) -> Any:
        """Written back as plain text when it has no title, as the user would write it."""
        return self.name if self.title is None else handler(self)

    def __str__(self) -> str:
        return self.name

    @property
    def titled(self) -> str:
        """``title name`` as running text names a person: 党委书记、董事长林钻煌."""
        return f"{self.title}{self.name}" if self.title else self.name


PersonIn = Annotated[Person, BeforeValidator(_person_in, json_schema_input_type=str | Person)]


class Contact(_Model):
    """The liaison person (联络员) of a member."""

    name: Text | None = None
    phone: Phone | None = None
    email: Text | None = None


class Member(_Model):
    """A member unit: one party organization."""

    id: Slug
    name: NonEmpty = Field(description="Full name of the party organization, e.g. ××公司党委")
    organization: Text | None = Field(
        None, description="The unit it belongs to (defaults to the name)"
    )
    short_name: Text | None = None
    kind: MemberKind = "other"
    level: Level = "党支部"
    secretary: Text | Person | None = Field(
        None, description="Party secretary (书记), who signs: a name or {name, title}"
    )
    contact: Contact = Contact()
    joined: Date | None = Field(None, description="When a unit joined after the founding")

    @property
    def secretary_name(self) -> str | None:
        return str(self.secretary) if self.secretary is not None else None

    @property
    def secretary_title(self) -> str | None:
        return self.secretary.title if isinstance(self.secretary, Person) else None

    @property
    def unit(self) -> str:
        return self.organization or self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name


class Area(_Model):
    """A co-building area (共建内容) with concrete undertakings."""

    name: NonEmpty
    items: list[Text] = []


def _pairing_in(value: Any) -> Any:
    if isinstance(value, list):
        if len(value) != 2:
            raise ValueError(f"a pairing names exactly two member ids, got {len(value)}")
        return {"a": value[0], "b": value[1]}
    return value


class Pairing(_Model):
    """A pairing (结对) of two members, e.g. a college with a company branch."""

    a: Slug
    b: Slug
    note: Text | None = None
    title: Text | None = Field(
        None, description="Its agreement's title, e.g. 党建共建、校企共建协议书"
    )
    date: Date | None = Field(None, description="Its signing date")
    areas: list[Area] = Field([], description="Its own undertakings; else the alliance's")


PairingIn = Annotated[
    Pairing, BeforeValidator(_pairing_in, json_schema_input_type=list[Slug] | Pairing)
]


class Group(_Model):
    """A joint group (联组) or special committee (专委会) of a large alliance."""

    id: Slug
    name: NonEmpty
    members: list[Slug] = []
    lead: Slug | None = None
    duties: list[Text] = []


class Witness(_Model):
    """An attending official who witnesses the signing (见证 / 出席领导)."""

    name: NonEmpty
    title: Text | None = None
    unit: Text | None = None


class Supervisor(_Model):
    """The guiding body that is not a member (指导单位), e.g. 区委组织部."""

    name: NonEmpty


def _project_in(value: Any) -> Any:
    return {"name": value} if isinstance(value, str) else value


class Project(_Model):
    """A named service project (品牌项目)."""

    name: NonEmpty
    description: Text | None = None
    owner: Slug | None = None


ProjectIn = Annotated[Project, BeforeValidator(_project_in, json_schema_input_type=str | Project)]


class Lists(_Model):
    """The three lists (三张清单)."""

    resources: list[Text] = []
    services: list[Text] = []
    needs: list[Text] = []


class Meetings(_Model):
    """How often the joint meeting (联席会议) sits."""

    frequency: Frequency = "half-yearly"


class Term(_Model):
    """The agreement's term. ``start`` defaults to ``founded``."""

    start: Date | None = None
    years: Annotated[Count, Field(ge=1, le=50)] = 3


class Ceremony(_Model):
    """The signing and plaque ceremony (签约揭牌仪式)."""

    date: Date | None = None
    venue: Text | None = None
    name: Text | None = None


class Alliance(_Model):
    """An alliance definition: ``alliances/<id>/alliance.yaml``."""

    id: Slug
    name: NonEmpty = Field(description="Full name, e.g. ××产业链党建联建")
    short_name: Text | None = None
    theme: Text | None = None
    founded: Date
    venue: Text | None = None
    principles: list[Text] = []
    goals: list[Text] = []
    areas: list[Area] = []
    members: Annotated[list[Member], Field(min_length=2)]
    lead: Slug
    secretariat: Slug | None = Field(None, description="Member id; defaults to the lead")
    convener: Literal["lead", "rotating"] = "lead"
    meetings: Meetings = Meetings()
    term: Term = Term()
    groups: list[Group] = []
    pairings: list[PairingIn] = []
    witnesses: list[Witness] = []
    projects: list[ProjectIn] = []
    lists: Lists = Lists()
    ceremony: Ceremony = Ceremony()
    copies: Annotated[Count, Field(ge=1, le=99)] | None = Field(
        None, description="Signed copies of each agreement; defaults to one per party"
    )
    founders: list[Slug] = Field([], description="发起单位, when not all members founded it")
    member_count: Annotated[Count, Field(ge=1)] | None = Field(
        None, description="成员单位 in all, when not all are listed"
    )
    supervisor: Supervisor | None = Field(None, description="指导单位 that is not a member")
    documents: list[KeptDocument] = Field(
        list(KEPT_DOCUMENTS), description="The documents this alliance keeps"
    )

    def member(self, member_id: str) -> Member:
        for member in self.members:
            if member.id == member_id:
                return member
        raise KeyError(member_id)

    @property
    def label(self) -> str:
        """The name used in running text: the short name if there is one."""
        return self.short_name or self.name

    @property
    def lead_member(self) -> Member:
        return self.member(self.lead)

    @property
    def secretariat_member(self) -> Member:
        return self.member(self.secretariat or self.lead)

    @property
    def term_start(self) -> dt.date:
        return self.term.start or self.founded

    @property
    def term_end(self) -> dt.date:
        start = self.term_start
        try:
            end = start.replace(year=start.year + self.term.years)
        except ValueError:  # 29 February
            end = start.replace(year=start.year + self.term.years, day=28)
        return end - dt.timedelta(days=1)

    @property
    def signing_date(self) -> dt.date:
        return self.ceremony.date or self.founded

    @property
    def copy_count(self) -> int:
        return self.copies or len(self.members)

    @property
    def total_members(self) -> int:
        """共N个成员单位: ``member_count`` or the number listed."""
        return self.member_count or len(self.members)

    @property
    def founder_members(self) -> list[Member]:
        return [self.member(i) for i in self.founders] if self.founders else list(self.members)

    def keeps(self, document: str) -> bool:
        """Whether this alliance keeps ``document`` (charter, agreement, integrity-pact);
        other documents (pairing agreements, supplements) are kept when made."""
        return document not in KEPT_DOCUMENTS or document in self.documents

    def pairing(self, number: int) -> Pairing:
        """Pairing ``number`` (1-based, as listed)."""
        if not 1 <= number <= len(self.pairings):
            raise KeyError(number)
        return self.pairings[number - 1]


# ---------------------------------------------------------------------------- records


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


class Done(_Model):
    date: Date
    note: Text | None = None


class Decision(_Model):
    """A decision (议定事项) with its owner (责任单位) and due date (时限)."""

    text: NonEmpty
    owner: Slug
    due: Date | None = None
    done: Done | None = None


class Event(_Model):
    """What meetings and activities share: when, where, who, what happened."""

    number: Annotated[Count, Field(ge=1)]
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


class Activity(Event):
    """A joint activity: ``alliances/<id>/activities/NNN.yaml``."""

    kind: ActivityKind
    place: Text | None = Field(None, description="Alias of venue")
    members: list[Slug] = []
    outcomes: list[Text] = []

    @property
    def where(self) -> str | None:
        return self.venue or self.place


RECORD_MODELS: dict[str, type[_Model]] = {"meeting": Meeting, "activity": Activity}
