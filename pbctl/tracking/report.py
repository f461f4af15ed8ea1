"""The year-end summary (年度工作总结): facts drawn from the records, words from a template.

:func:`report_context` gathers the year's figures; :func:`render_report` renders
``report/report.md.j2`` (a workspace's ``templates/report/report.md.j2`` overrides it)
into a .docx through the same pipeline as every document.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pbctl.constants import DOCUMENTS
from pbctl.tracking.dates import FREQUENCY_MONTHS, Period
from pbctl.words import activity_label, activity_title, meeting_title

if TYPE_CHECKING:
    from pbctl.definition.model import Alliance
    from pbctl.definition.settings import Settings
    from pbctl.definition.workspace import Workspace
    from pbctl.tracking.documents import DocumentState
    from pbctl.tracking.records import AllianceRecords

def report_kind(year: int) -> str:
    return DOCUMENTS["report"].records_name(year)


def required_meetings(alliance: Alliance, year: int) -> int:
    """Joint meetings due in ``year`` by the frequency, counted from the founding date: an
    alliance founded in December owes no half-yearly meeting that year."""
    months = FREQUENCY_MONTHS[alliance.meetings.frequency]
    if alliance.founded.year > year:
        return 0
    if alliance.founded.year < year:
        return 12 // months
    return (12 - alliance.founded.month + 1) // months


def _document_name(alliance: Alliance, kind: str) -> str:
    from pbctl.rendering.events import document_title

    return document_title(alliance, kind)


def _verb(kind: str) -> str:
    """A charter is adopted (审议通过); agreements are signed (签署)."""
    return "审议通过" if kind == "charter" else "签署"


def report_context(records: AllianceRecords, year: int, as_of: dt.date,
                   documents: list[DocumentState]) -> dict[str, Any]:
    """Everything the template may use, on top of the alliance context."""
    from pbctl.rendering.context import alliance_context
    from pbctl.rendering.events import event_context
    from pbctl.rendering.plain import Helper
    from pbctl.tracking.documents import signed_in
    from pbctl.tracking.ledger import build_ledger
    from pbctl.tracking.schedule import decision_states, term_state

    period = Period.year(year)
    ledger = build_ledger([records], period, as_of)
    meetings = [m for m in records.meetings if m.date in period]
    activities = [a for a in records.activities if a.date in period]
    held = {m.number for m in meetings}
    states = decision_states(records, as_of)
    made = [d for d in states if d.meeting in held]
    kinds = Counter(a.kind for a in activities)
    required = required_meetings(records.alliance, year)
    signed = [
        {"kind": d.kind, "name": _document_name(records.alliance, d.kind),
         "revision": d.signed_revision, "date": d.signed_on,
         "renewed": (d.signed_revision or 1) > 1, "verb": _verb(d.kind)}
        for d in signed_in(documents, period.start, period.end)
    ]
    recorded = {d["kind"] for d in signed}
    for event in sorted([*meetings, *activities], key=lambda e: e.date):
        for kind in event.signed:  # signed or adopted at an event, not (yet) in the records
            if kind not in recorded:
                recorded.add(kind)
                signed.append({"kind": kind, "name": _document_name(records.alliance, kind),
                               "revision": None, "date": event.date, "renewed": False,
                               "verb": _verb(kind)})
    term = term_state(records, as_of, 0)
    context = alliance_context(records.alliance)
    context.update({
        "year": year,
        "as_of": as_of,
        "report_date": min(as_of, period.end),
        "meetings": [{"meeting": m, "title": meeting_title(m.number, m.title), "date": m.date,
                      "topics": m.topics, "decisions": m.decisions,
                      **event_context(records.alliance, m)} for m in meetings],
        "activities": [{"activity": a, "title": activity_title(a.kind, a.title),
                        "kind": activity_label(a.kind), "date": a.date, "place": a.where,
                        "summary": a.summary, "outcomes": a.outcomes,
                        "headcount": a.headcount, **event_context(records.alliance, a)}
                       for a in activities],
        "member_total": records.alliance.total_members,
        # each group's own meetings in the year (联组会议), every group listed
        "group_meetings": [{"name": g.name, "count": sum(
            1 for m in records.group_meetings if m.group == g.id and m.date in period)}
            for g in records.alliance.groups],
        "kept_documents": [_document_name(records.alliance, k)
                           for k in records.alliance.documents],
        "principles_text": "、".join(records.alliance.principles),
        "activity_kinds": [{"kind": activity_label(k), "count": n}
                           for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))],
        "participation": [m for m in ledger.members],
        "quarters": list(ledger.quarters),
        "required_meetings": required,
        "decisions_made": made,
        "decisions_done": [d for d in made if d.state == "done"],
        "decisions_on_time": [d for d in made if d.on_time],
        "decisions_open": [d for d in states if d.state != "done"],
        "decisions_overdue": [d for d in states if d.state == "overdue"],
        "done_from_earlier": [d for d in states if d.meeting not in held
                              and d.done_date is not None and d.done_date in period],
        "signed_documents": signed,
        "term_end": term.end,
        "term_ends_next_year": term.end.year == year + 1 or term.end in period,
        "member_label": Helper(records.member_label),
    })
    context.update(_year_context(records, year, min(as_of, period.end)))
    return context


def _year_context(records: AllianceRecords, year: int, day: dt.date) -> dict[str, Any]:
    """The plan of ``year`` item by item and the three lists, on ``day``."""
    from pbctl.tracking.plan_status import STATE_LABELS, year_state

    state = year_state(records, day, year)
    items = [{"ref": i.ref, "number": i.number, "text": i.text, "owner": i.owner_name,
              "due": i.due_text, "state": i.state, "state_label": STATE_LABELS[i.state],
              "done_date": i.done_date, "on_time": i.on_time, "note": i.note,
              "carried_out_by": i.carried_out_by} for i in state.plan_items]
    lists = {kind: {**counts, "total": counts["open"] + counts["claimed"] + counts["done"]}
             for kind, counts in state.list_counts().items()}
    return {
        "plan_items": items,
        "plan_done": [i for i in items if i["state"] == "done"],
        "plan_on_time": [i for i in items if i["on_time"]],
        "plan_overdue": [i for i in items if i["state"] == "overdue"],
        "lists": lists,
        "needs_closed": [{"ref": n.ref, "text": n.text, "by": n.claimed_by_name,
                          "date": n.done_date} for n in state.items_of("needs")
                         if n.state == "done"],
    }


def render_report(records: AllianceRecords, year: int, as_of: dt.date, *,
                  documents: list[DocumentState], settings: Settings,
                  templates: Path | None = None) -> tuple[bytes, str]:
    """The .docx bytes of the year-end summary and the template file used."""
    from pbctl.rendering.render import build_docx
    from pbctl.rendering.templating import render_template

    context = report_context(records, year, as_of, documents)
    text, source = render_template(DOCUMENTS["report"].template, context, templates,
                                   timeout=settings.render_timeout)
    alliance = records.alliance
    data = build_docx(
        text, source, title=f"{alliance.name}{year}年度{DOCUMENTS['report'].title}",
        author=settings.author or alliance.secretariat_member.name, subject=alliance.name,
        keywords="report", created=min(as_of, dt.date(year, 12, 31)), settings=settings,
    )
    return data, source


@dataclass(frozen=True)
class YearReport:
    alliance_id: str
    kind: str  # report-2025
    data: bytes


def year_report(workspace: Workspace, alliance_ref: str, year: int, today: dt.date
                ) -> YearReport:
    """The year-end summary of an alliance, as of the end of ``year`` (or today, for the
    current year). ValueError for a year that has not begun."""
    from pbctl.tracking.documents import document_states
    from pbctl.tracking.records import load_alliance_records

    if year > today.year:
        raise ValueError(f"{year} has not begun yet")
    records = load_alliance_records(workspace, alliance_ref)
    data, _ = render_report(records, year, min(today, dt.date(year, 12, 31)),
                            documents=document_states(records),
                            settings=workspace.settings(), templates=workspace.templates_dir())
    return YearReport(records.id, report_kind(year), data)


def export_path(output: Path, kind: str) -> Path:
    """-o: a folder gets ``<kind>.docx``; a file name gets the .docx suffix."""
    return output / f"{kind}.docx" if output.is_dir() else output.with_suffix(".docx")
