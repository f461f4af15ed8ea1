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
    StringConstraints,
)

from pbctl import words as W
from pbctl.i18n import _

# Characters that XML 1.0 cannot hold: C0 controls other than tab/newline/CR, lone
# surrogates, U+FFFE and U+FFFF.
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(value: str) -> str:
    bad = _BAD_XML.search(value)
    if bad:
        raise ValueError(
            _("contains the control character U+{code}, which a document cannot hold").format(
                code=f"{ord(bad.group()):04X}"))
    return value


def _parse_date(value: Any) -> Any:
    from pbctl.numerals import parse_date

    return parse_date(value)


def _parse_time(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", value.strip()):
        return value.strip()
    raise ValueError(_("expected a time like 14:30, got {value!r}").format(value=value))


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


def _aliases(aliases: dict[str, str]) -> BeforeValidator:
    """Accept the Chinese names of an enumerated value (企业, 每季度 …), normalised."""
    return BeforeValidator(lambda value: W.normalise(value, aliases))


LEVELS: tuple[str, ...] = typing.get_args(Level)
FREQUENCIES: tuple[str, ...] = typing.get_args(Frequency)
ACTIVITY_KINDS: tuple[str, ...] = typing.get_args(ActivityKind)


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, validate_default=False
    )


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
    kind: Annotated[MemberKind, _aliases(W.KIND_ALIASES)] = "other"
    level: Level = "党支部"
    secretary: Text | None = Field(None, description="Party secretary (书记), who signs")
    contact: Contact = Contact()

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
            raise ValueError(_("a pairing names exactly two member ids, got {count}").format(
                count=len(value)))
        return {"a": value[0], "b": value[1]}
    return value


class Pairing(_Model):
    """A pairing (结对) of two members, e.g. a college with a company branch."""

    a: Slug
    b: Slug
    note: Text | None = None


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

    frequency: Annotated[Frequency, _aliases(W.FREQUENCY_ALIASES)] = "half-yearly"


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
    convener: Annotated[Literal["lead", "rotating"], _aliases(W.CONVENER_ALIASES)] = "lead"
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


# ---------------------------------------------------------------------------- records


class Attendance(_Model):
    """Who came for one member unit."""

    member: Slug
    names: list[NonEmpty] = []


class Speech(_Model):
    member: Slug
    speaker: Text | None = None
    summary: Text | None = None


class Done(_Model):
    date: Date
    note: Text | None = None


class Decision(_Model):
    """A decision (议定事项) with its owner (责任单位) and due date (时限)."""

    text: NonEmpty
    owner: Slug
    due: Date | None = None
    done: Done | None = None


class Meeting(_Model):
    """A numbered joint meeting: ``alliances/<id>/meetings/NNN.yaml``."""

    number: Annotated[Count, Field(ge=1)]
    date: Date
    time: Time | None = None
    venue: Text | None = None
    title: Text | None = Field(None, description="Defaults to 第N次联席会议")
    chair: Text | None = None
    host: Slug | None = None
    attendees: list[Attendance] = []
    absent: list[Attendance] = Field([], description="请假")
    observers: list[NonEmpty] = Field([], description="列席: name and unit as one line")
    topics: list[Text] = []
    speeches: list[Speech] = []
    decisions: list[Decision] = []
    summary: Text | None = None
    recorder: Text | None = None

    @property
    def display_title(self) -> str:
        """The title, or 第N次联席会议 by default."""
        from pbctl.numerals import cn_number

        return self.title or f"第{cn_number(self.number)}次联席会议"


class Activity(_Model):
    """A joint activity: ``alliances/<id>/activities/NNN.yaml``."""

    number: Annotated[Count, Field(ge=1)]
    kind: Annotated[ActivityKind, _aliases(W.ACTIVITY_ALIASES)]
    date: Date
    title: Text | None = None
    place: Text | None = None
    host: Slug | None = None
    members: list[Slug] = []
    headcount: Annotated[Count, Field(ge=0)] | None = None
    summary: Text | None = None
    outcomes: list[Text] = []
    recorder: Text | None = None


RECORD_MODELS: dict[str, type[_Model]] = {"meeting": Meeting, "activity": Activity}
