"""Render the documents of an event or a pairing from the workspace: the records
(meetings, activities) and the signed agreement are read here, below the command."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pbctl import constants as C
from pbctl.definition.model import Activity, Alliance, Meeting
from pbctl.definition.settings import Settings
from pbctl.definition.workspace import Workspace, display_path
from pbctl.errors import PbctlError, WorkspaceError
from pbctl.i18n import _
from pbctl.rendering.render import Rendered

if TYPE_CHECKING:
    from pbctl.rendering.news import NewsOptions
    from pbctl.rendering.news_render import TextFormat

RECORD_FOLDERS = {"meeting": C.MEETINGS_DIR, "activity": C.ACTIVITIES_DIR}


def load_event(alliance: Alliance, source: Path, record_kind: str, number: int
               ) -> Meeting | Activity:
    """Meeting or activity ``number`` of the alliance whose definition is ``source``."""
    from pbctl.definition.loading import load_record

    folder = source.parent / RECORD_FOLDERS[record_kind]
    matches = sorted(p for p in folder.glob("*.yaml")
                     if p.stem.isdigit() and int(p.stem) == number)
    if not matches:
        raise WorkspaceError(
            (_("{alliance} has no meeting {number}") if record_kind == "meeting"
             else _("{alliance} has no activity {number}")).format(alliance=alliance.id,
                                                                  number=number),
            hint=(_("meetings are in {path}") if record_kind == "meeting"
                  else _("activities are in {path}")).format(path=display_path(folder)))
    model = Meeting if record_kind == "meeting" else Activity
    return load_record(matches[0], model, alliance, display=display_path(matches[0]))


def render_event_document(workspace: Workspace, alliance: Alliance, source: Path, kind: str,
                          *, record_kind: str | None = None, number: int | None = None,
                          pairing: int | None = None, member_id: str | None = None,
                          settings: Settings | None = None,
                          templates: Path | None = None,
                          news: NewsOptions | None = None) -> Rendered:
    """``agreement`` with a pairing, ``supplement`` of a member, ``signin`` or ``news`` of a
    meeting or activity, ``record`` of an activity."""
    from pbctl.rendering import events

    if kind == "agreement" and pairing is not None:
        return events.render_pairing_agreement(alliance, pairing, settings=settings,
                                               templates=templates)
    if pairing is not None:
        raise PbctlError(_("--pairing is for the agreement, not {kind}").format(kind=kind),
                         hint=f"pbctl render agreement {alliance.id} --pairing {pairing}")
    if kind == "supplement":
        if member_id is None:
            raise PbctlError(_("which member accedes? give it: pbctl render supplement "
                               "{alliance} --member ID").format(alliance=alliance.id))
        from pbctl.records.accession import signed_agreement

        signed = signed_agreement(workspace, alliance.id)
        return events.render_supplement(
            alliance, member_id, signed=signed.date if signed else None,
            parties=signed.parties if signed else None, settings=settings,
            templates=templates)
    if record_kind is None or number is None:
        raise PbctlError(_("which record? pbctl render {kind} {alliance} {which} N").format(
            kind=kind, alliance=alliance.id,
            which="activity" if kind == "record" else "meeting|activity"))
    if kind == "record" and record_kind != "activity":
        raise PbctlError(_("a meeting's record is its minutes"),
                         hint=f"pbctl render minutes {alliance.id} {number}")
    event = load_event(alliance, source, record_kind, number)
    if kind == "news":
        from pbctl.rendering.news import NewsOptions
        from pbctl.rendering.news_render import render_news

        return render_news(alliance, event, news or NewsOptions(), settings=settings,
                           templates=templates)
    if kind == "record":
        assert isinstance(event, Activity)
        return events.render_record(alliance, event, settings=settings, templates=templates)
    return events.render_signin(alliance, event, settings=settings, templates=templates)


def event_news_text(alliance: Alliance, source: Path, record_kind: str, number: int,
                    news: NewsOptions, text_format: TextFormat, *,
                    settings: Settings | None = None, templates: Path | None = None) -> str:
    """The release (or brief) of meeting or activity ``number`` as Markdown or plain text."""
    from pbctl.rendering.news_render import news_text

    event = load_event(alliance, source, record_kind, number)
    return news_text(alliance, event, news, text_format, settings=settings,
                     templates=templates)
