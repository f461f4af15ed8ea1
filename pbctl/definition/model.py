"""The typed, validated model of an alliance definition and of the records kept about it.

Validation happens once, at load (``pbctl.definition.loading``); everything after
trusts these frozen objects. Field names are the YAML keys. Defaults documented here are
the ones documented in docs/reference.md.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
)

from pbctl import words as W
from pbctl.definition.fields import (
    ACTIVITY_KINDS,
    KEPT_DOCUMENTS,
    LEVELS,
    MEMBER_KINDS,
    Count,
    Date,
    Frequency,
    KeptDocument,
    Level,
    MemberKind,
    NonEmpty,
    Person,
    Phone,
    Slug,
    Text,
    _aliases,
    _Model,
)
from pbctl.i18n import _

if TYPE_CHECKING:  # at run time __getattr__ imports them on first use
    from pbctl.definition.events import (
        AGENDA_KEYS,
        RECORD_MODELS,
        Activity,
        Done,
        Event,
        Meeting,
    )

#: The records (meetings, activities), importable from here as before the model was split,
#: but built only when first used: an alliance's documents never need their ~12 models.
_EVENT_NAMES = frozenset({"AGENDA_KEYS", "RECORD_MODELS", "Activity", "Done", "Event",
                          "Meeting"})


def __getattr__(name: str) -> Any:
    if name not in _EVENT_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from pbctl.definition import events

    value = getattr(events, name)
    globals()[name] = value  # the next access skips __getattr__
    return value


__all__ = [
    "ACTIVITY_KINDS", "AGENDA_KEYS", "KEPT_DOCUMENTS", "LEVELS", "MEMBER_KINDS", "RECORD_MODELS",
    "Activity", "Alliance", "Count", "Date", "Done", "Event", "Frequency", "KeptDocument",
    "Level", "Meeting", "Member", "MemberKind", "NonEmpty", "Person", "Phone", "Slug", "Text",
    "_Model",
]



class Contact(_Model):
    """The liaison person (联络员) of a member."""

    name: Text | None = None
    title: Text | None = Field(None, description="职务 of the liaison")
    phone: Phone | None = None
    email: Text | None = None


class Undertaking(_Model):
    """A concrete undertaking of one member in the agreement (每季度开放一次实训基地 …)."""

    text: NonEmpty
    frequency: Frequency | None = Field(None, description="How often, if it recurs")


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
    secretary: Text | Person | None = Field(
        None, description="Party secretary (书记), who signs: a name or {name, title}"
    )
    contact: Contact = Contact()
    undertakings: list[Undertaking] = Field(
        [], description="What this member undertakes in the agreement (各方具体承诺)")
    joined: Date | None = Field(None, description="When a unit joined after the founding")
    parent: Slug | None = Field(
        None, description="The member id of its superior organization (上级党组织)"
    )

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
            raise ValueError(_("a pairing names exactly two member ids, got {count}").format(
                count=len(value)))
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


class Integrity(_Model):
    """Reporting channels named by the integrity pact (党风廉政建设共建协议书)."""

    hotline: Phone | None = Field(None, description="举报电话")
    email: Text | None = Field(None, description="举报邮箱")
    discipline: Text | None = Field(None, description="纪检监督机构, e.g. 驻场纪检组")


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
    integrity: Integrity = Integrity()
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

    def member_tree(self) -> list[tuple[Member, int]]:
        """The members depth first under their ``parent`` (each with its depth), in the
        order listed; a member whose parent is unknown or in a cycle stands at the top."""
        ids = {m.id for m in self.members}
        children: dict[str, list[Member]] = {}
        for m in self.members:
            if m.parent is not None and m.parent in ids and m.parent != m.id:
                children.setdefault(m.parent, []).append(m)
        out: list[tuple[Member, int]] = []
        placed: set[str] = set()

        def walk(member: Member, depth: int) -> None:
            placed.add(member.id)
            out.append((member, depth))
            for child in children.get(member.id, []):
                if child.id not in placed:
                    walk(child, depth + 1)

        for m in self.members:
            if m.id not in placed and (m.parent is None or m.parent not in ids
                                       or m.parent == m.id):
                walk(m, 0)
        for m in self.members:  # left over: members of a cycle
            if m.id not in placed:
                walk(m, 0)
        return out

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
