"""The rendering pipeline: model → context → template → blocks → .docx bytes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pbctl.constants import minutes_kind
from pbctl.definition.model import Alliance, Meeting
from pbctl.definition.settings import Settings
from pbctl.document.blocks import DocumentSpec, Title

ALLIANCE_DOCUMENTS = ("charter", "agreement", "integrity-pact")
DOCUMENT_TITLES = {
    "charter": "章程", "agreement": "协议书", "integrity-pact": "党风廉政建设共建协议书",
    "minutes": "会议纪要",
}


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
               keywords: str, created: dt.date, settings: Settings) -> bytes:
    """Parse rendered template text and write it as a .docx."""
    from pbctl.document.writer import write_docx
    from pbctl.rendering.markup import parse

    blocks = parse(text, source)
    first_title = next((b.text for b in blocks if isinstance(b, Title)), title)
    spec = DocumentSpec(title=first_title, author=author, subject=subject, keywords=keywords,
                        created=_created(created), blocks=blocks)
    return write_docx(spec, settings.fonts)


def render_alliance_document(kind: str, alliance: Alliance, *, settings: Settings | None = None,
                             templates: Path | None = None) -> Rendered:
    """Render the charter, agreement or integrity pact of an alliance."""
    from pbctl.rendering.context import alliance_context
    from pbctl.rendering.templating import TEMPLATE_NAMES, render_template

    settings = settings or Settings()
    text, source = render_template(TEMPLATE_NAMES[kind], alliance_context(alliance), templates,
                                   timeout=settings.render_timeout)
    data = build_docx(
        text, source, title=alliance.name + DOCUMENT_TITLES[kind],
        author=settings.author or alliance.secretariat_member.name, subject=alliance.name,
        keywords=kind, created=alliance.signing_date, settings=settings,
    )
    return Rendered(kind, data, source)


def render_minutes(alliance: Alliance, meeting: Meeting, *, settings: Settings | None = None,
                   templates: Path | None = None) -> Rendered:
    """Render the 会议纪要 of one joint meeting."""
    from pbctl.rendering.context import alliance_context
    from pbctl.rendering.templating import TEMPLATE_NAMES, render_template

    settings = settings or Settings()
    context: dict[str, Any] = alliance_context(alliance)
    context["meeting"] = meeting
    context["meeting_title"] = meeting.display_title
    text, source = render_template(TEMPLATE_NAMES["minutes"], context, templates,
                                   timeout=settings.render_timeout)
    data = build_docx(
        text, source, title=alliance.name + context["meeting_title"] + "纪要",
        author=settings.author or alliance.secretariat_member.name, subject=alliance.name,
        keywords="minutes", created=meeting.date, settings=settings,
    )
    return Rendered(minutes_kind(meeting.number), data, source)

