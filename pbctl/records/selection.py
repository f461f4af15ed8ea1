"""Which documents ``pbctl render KIND ALLIANCE …`` means, rendered: the alliance's own
documents, a meeting's minutes, a year's plan, a pairing's agreement, a supplement, an
event's sign-in sheet or activity record.

The command passes its words through unchanged (``minutes 3``, ``signin activity 2``,
``plan 2025``); the rules for what each kind takes live here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pbctl.errors import PbctlError, UsageError, WorkspaceError
from pbctl.i18n import _

if TYPE_CHECKING:
    from pbctl.definition.model import Alliance
    from pbctl.definition.settings import Settings
    from pbctl.definition.workspace import Workspace
    from pbctl.rendering.news import NewsOptions
    from pbctl.rendering.news_render import TextFormat
    from pbctl.rendering.render import Rendered

#: The kinds that name one event: ``signin meeting|activity N``, ``record activity N``,
#: ``news meeting|activity N``.
EVENT_KINDS = ("signin", "record", "news")


def _record_target(kind: str, target: Sequence[str]) -> tuple[str, int]:
    """``meeting|activity N`` of signin and record."""
    if len(target) != 2 or target[0] not in ("meeting", "activity") \
            or not target[1].isdigit() or int(target[1]) < 1:
        raise UsageError(_("which record? pbctl render {kind} {alliance} {which} N").format(
            kind=kind, alliance="ALLIANCE",
            which="activity" if kind == "record" else "meeting|activity"))
    return target[0], int(target[1])


def _number(kind: str, target: Sequence[str], alliance_ref: str) -> int | None:
    """N of ``minutes N`` or YEAR of ``plan YEAR``; None for kinds that take nothing."""
    takes = kind in ("minutes", "plan")
    if len(target) > (1 if takes else 0):
        raise UsageError(_("{kind} takes no number: N is only for minutes, signin, record, "
                           "news and plan").format(kind=kind))
    if not target:
        if takes:
            asked = (_("which meeting? pbctl render {kind} {alliance} N") if kind == "minutes"
                     else _("which year? pbctl render {kind} {alliance} YEAR"))
            raise PbctlError(asked.format(kind=kind, alliance=alliance_ref))
        return None
    if not target[0].isdigit() or int(target[0]) < 1:
        raise PbctlError(_("{kind} needs a number such as {example}, not {value!r}").format(
            kind=kind, example="1" if kind == "minutes" else "2025", value=target[0]))
    return int(target[0])


def render_selected(workspace: Workspace, alliance: Alliance, source: Path, kind: str,
                    target: Sequence[str], *, alliance_ref: str, pairing: int | None = None,
                    member_id: str | None = None, settings: Settings | None = None,
                    templates: Path | None = None, news: NewsOptions | None = None,
                    progress: Callable[[Sequence[str], str], Iterable[str]] | None = None,
                    ) -> list[Rendered]:
    """Render what ``kind`` and ``target`` name; an empty list when the alliance keeps none
    of the documents ``all`` means (``documents: []``)."""
    from pbctl.rendering.render import ALLIANCE_DOCUMENTS, render_alliance_document

    if kind in EVENT_KINDS or kind == "supplement" or pairing is not None:
        from pbctl.records.event_documents import render_event_document

        record_kind, number = _record_target(kind, target) if kind in EVENT_KINDS \
            else (None, _number(kind, target, alliance_ref))
        return [render_event_document(workspace, alliance, source, kind,
                                      record_kind=record_kind, number=number,
                                      pairing=pairing, member_id=member_id,
                                      settings=settings, templates=templates, news=news)]
    if kind == "minutes" and len(target) == 1:  # a group's meeting: ruanjian-2
        from pbctl.definition.numbering import parse_group_ref

        group_ref = parse_group_ref(target[0], [g.id for g in alliance.groups])
        if group_ref is not None:
            from pbctl.definition.loading import load_group_meeting
            from pbctl.rendering.render import render_minutes

            meeting = load_group_meeting(alliance, source, *group_ref)
            return [render_minutes(alliance, meeting, settings=settings, templates=templates)]
    number = _number(kind, target, alliance_ref)
    if kind == "minutes":
        from pbctl.definition.loading import load_meeting
        from pbctl.rendering.render import render_minutes

        assert number is not None
        meeting = load_meeting(alliance, source, number)
        return [render_minutes(alliance, meeting, settings=settings, templates=templates)]
    if kind == "plan":
        from pbctl.definition.plan import load_plans
        from pbctl.rendering.plan import render_plan

        plan = load_plans(source.parent, alliance).get(number or 0)
        if plan is None:
            raise WorkspaceError(
                _("{alliance} has no plan for {year}").format(alliance=alliance.id, year=number),
                hint=_("write one with 'pbctl plan new {alliance} {year}'").format(
                    alliance=alliance.id, year=number))
        return [render_plan(alliance, plan, settings=settings, templates=templates)]
    kinds = tuple(k for k in ALLIANCE_DOCUMENTS if alliance.keeps(k)) if kind == "all" \
        else (kind,)
    walk = progress(kinds, f"rendering {alliance.id}") if progress is not None else kinds
    return [render_alliance_document(k, alliance, settings=settings, templates=templates)
            for k in walk]


def news_text_selected(alliance: Alliance, source: Path, target: Sequence[str],
                       news: NewsOptions, text_format: TextFormat, *,
                       settings: Settings | None = None, templates: Path | None = None) -> str:
    """``news meeting|activity N --format md|txt``: the release as text, not recorded."""
    from pbctl.records.event_documents import event_news_text

    record_kind, number = _record_target("news", target)
    return event_news_text(alliance, source, record_kind, number, news, text_format,
                           settings=settings, templates=templates)
