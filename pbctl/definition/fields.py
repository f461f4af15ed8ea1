"""The building blocks of the model: checked text, ids, dates, times, counts, the closed
vocabularies (levels, kinds, roles) and the base model every record class shares."""

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

from pbctl import words as W
from pbctl.constants import XML_ILLEGAL
from pbctl.i18n import _


def _xml_safe(value: str) -> str:
    bad = XML_ILLEGAL.search(value)
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


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError(_("is blank: give some text, not only spaces"))
    return value


NonEmpty = Annotated[str, StringConstraints(min_length=1), AfterValidator(_xml_safe),
                     AfterValidator(_not_blank)]
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


def _aliases(aliases: dict[str, str]) -> BeforeValidator:
    """Accept the Chinese names of an enumerated value (企业, 每季度 …), normalised."""
    return BeforeValidator(lambda value: W.normalise(value, aliases))


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
            raise ValueError(_("expected a number of people such as 40, 40余, 近40 or 约40, "
                               "got {value!r}").format(value=value))
        return text
    return value


#: People present: a whole number, or approximate text (40余, 近40, 约40).
Headcount = Annotated[
    Annotated[int, Field(strict=True, ge=0, le=1_000_000)] | str,
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
