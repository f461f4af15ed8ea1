"""The rendering pipeline: model → context → template → blocks → .docx bytes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pbctl.constants import DOCUMENT_KINDS, DOCUMENTS
from pbctl.definition.model import Alliance
from pbctl.definition.settings import Settings
from pbctl.document.blocks import DocumentSpec, Title

if TYPE_CHECKING:
    from pbctl.definition.events import Meeting

ALLIANCE_DOCUMENTS = DOCUMENT_KINDS


@dataclass(frozen=True)
class Rendered:
    kind: str  # charter, agreement, integrity-pact, minutes-003 …
    data: bytes
    template: str

    @property
    def filename(self) -> str:
        return f"{self.kind}.docx"


def _created(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def build_docx(text: str, source: str, *, title: str, author: str, subject: str,
               keywords: str, created: dt.date, settings: Settings,
               layout: Literal["document", "brief"] = "document") -> bytes:
    """Parse rendered template text and write it as a .docx."""
    from pbctl.document.writer import write_docx
    from pbctl.rendering.markup import parse

    blocks = parse(text, source)
    first_title = next((b.text for b in blocks if isinstance(b, Title)), title)
    spec = DocumentSpec(title=first_title, author=author, subject=subject, keywords=keywords,
                        created=_created(created), layout=layout, blocks=blocks)
    return write_docx(spec, settings.fonts)


def render_alliance_document(kind: str, alliance: Alliance, *, settings: Settings | None = None,
                             templates: Path | None = None) -> Rendered:
    """Render the charter, agreement or integrity pact of an alliance."""
    from pbctl.rendering.context import alliance_context
    from pbctl.rendering.templating import render_template

    settings = settings or Settings()
    text, source = render_template(DOCUMENTS[kind].template, alliance_context(alliance), templates,
                                   timeout=settings.render_timeout)
    data = build_docx(
        text, source, title=alliance.name + DOCUMENTS[kind].title,
        author=settings.author or alliance.secretariat_member.name, subject=alliance.name,
        keywords=kind, created=alliance.signing_date, settings=settings,
    )
    return Rendered(kind, data, source)


def render_minutes(alliance: Alliance, meeting: Meeting, *, settings: Settings | None = None,
                   templates: Path | None = None) -> Rendered:
    """Render the 会议纪要 of one joint meeting."""
    from pbctl.rendering.templating import render_template

    settings = settings or Settings()
    context = minutes_context(alliance, meeting)
    text, source = render_template(DOCUMENTS["minutes"].template, context, templates,
                                   timeout=settings.render_timeout)
    data = build_docx(
        text, source, title=context["minutes_title"],
        author=settings.author or alliance.secretariat_member.name, subject=alliance.name,
        keywords="minutes", created=meeting.date, settings=settings,
    )
    kind = DOCUMENTS["minutes"].records_name(meeting.number)
    if meeting.group:  # minutes-ruanjian-002
        kind = f"minutes-{meeting.group}-{meeting.number:03d}"
    return Rendered(kind, data, source)



def render_document(kind: str, alliance: Alliance, *, meeting: Meeting | None = None,
                    settings: Settings | None = None, templates: Path | None = None
                    ) -> Rendered:
    """Render one document of ``alliance``: ``charter``, ``agreement``, ``integrity-pact``,
    or ``minutes`` of ``meeting``. Returns its kind (``minutes-003`` …) and .docx bytes."""
    if kind == "minutes":
        if meeting is None:
            raise ValueError("minutes need the meeting they record")
        return render_minutes(alliance, meeting, settings=settings, templates=templates)
    if kind not in ALLIANCE_DOCUMENTS:
        raise ValueError(f"no document kind {kind!r}: one of "
                         f"{', '.join((*ALLIANCE_DOCUMENTS, 'minutes'))}")
    return render_alliance_document(kind, alliance, settings=settings, templates=templates)


def minutes_title(alliance: Alliance, meeting: Meeting) -> str:
    """The event's own title + 纪要 when it has one (never doubling the alliance's name),
    else the alliance's name + 第N次联席会议纪要."""
    if has_own_title(meeting):
        assert meeting.title is not None
        return meeting.title.removesuffix("纪要") + "纪要"
    if meeting.group:
        return group_meeting_title(alliance, meeting) + "纪要"
    return alliance.name + meeting.display_title + "纪要"


def group_meeting_title(alliance: Alliance, meeting: Meeting) -> str:
    """第二次软件联组会议: a group's meeting by its group's name."""
    from pbctl.words import group_meeting_title as titled

    name = next((g.name for g in alliance.groups if g.id == meeting.group), meeting.group)
    return meeting.title or titled(str(name), meeting.number)


def has_own_title(meeting: Meeting) -> bool:
    """Whether the meeting's title is its own, not the default 第N次联席会议."""
    from pbctl.numerals import cn_number

    return bool(meeting.title) and meeting.title != f"第{cn_number(meeting.number)}次联席会议"


def minutes_context(alliance: Alliance, meeting: Meeting) -> dict[str, Any]:
    """What the minutes template sees: the alliance's context, the meeting, and the
    meeting's event body as plain data (``event``)."""
    from pbctl.rendering.context import alliance_context
    from pbctl.rendering.events import event_context

    context: dict[str, Any] = alliance_context(alliance)
    context["meeting"] = meeting
    context["meeting_title"] = group_meeting_title(alliance, meeting) if meeting.group \
        else meeting.display_title
    context.update(event_context(alliance, meeting))
    context["minutes_title"] = minutes_title(alliance, meeting)
    context["own_title"] = has_own_title(meeting)
    return context
