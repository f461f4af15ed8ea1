"""The year-end summary (年度工作总结): facts drawn from the records, words from a template.

:func:`report_context` gathers the year's figures; :func:`render_report` renders
``report/report.md.j2`` (a workspace's ``templates/report/report.md.j2`` overrides it)
into a .docx through the same pipeline as every document.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pbctl.tracking.dates import FREQUENCY_MONTHS, Period
from pbctl.words import activity_label, activity_title, meeting_title

if TYPE_CHECKING:
    from pbctl.definition.settings import Settings
    from pbctl.tracking.documents import DocumentState
    from pbctl.tracking.records import AllianceRecords

DOCUMENT_NAMES = {"charter": "章程", "agreement": "协议书",
                  "integrity-pact": "党风廉政建设共建协议书"}


def report_kind(year: int) -> str:
    return f"report-{year}"


def report_context(records: AllianceRecords, year: int, as_of: dt.date,
                   documents: list[DocumentState]) -> dict[str, Any]:
    """Everything the template may use, on top of the alliance context."""
    from pbctl.rendering.context import alliance_context
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
    required = 12 // FREQUENCY_MONTHS[records.alliance.meetings.frequency]
    signed = [
        {"kind": d.kind, "name": records.alliance.name + DOCUMENT_NAMES.get(d.kind, d.kind),
         "revision": d.signed_revision, "date": d.signed_on,
         "renewed": (d.signed_revision or 1) > 1}
        for d in signed_in(documents, period.start, period.end)
    ]
    term = term_state(records, as_of, 0)
    context = alliance_context(records.alliance)
    context.update({
        "year": year,
        "as_of": as_of,
        "report_date": min(as_of, period.end),
        "meetings": [{"meeting": m, "title": meeting_title(m.number, m.title), "date": m.date,
                      "topics": m.topics, "decisions": m.decisions} for m in meetings],
        "activities": [{"activity": a, "title": activity_title(a.kind, a.title),
                        "kind": activity_label(a.kind), "date": a.date, "place": a.place,
                        "summary": a.summary, "outcomes": a.outcomes,
                        "headcount": a.headcount} for a in activities],
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
    return context


def render_report(records: AllianceRecords, year: int, as_of: dt.date, *,
                  documents: list[DocumentState], settings: Settings,
                  templates: Path | None = None) -> tuple[bytes, str]:
    """The .docx bytes of the year-end summary and the template file used."""
    from pbctl.rendering.render import build_docx
    from pbctl.rendering.templating import TEMPLATE_NAMES, render_template

    context = report_context(records, year, as_of, documents)
    text, source = render_template(TEMPLATE_NAMES["report"], context, templates,
                                   timeout=settings.render_timeout)
    alliance = records.alliance
    data = build_docx(
        text, source, title=f"{alliance.name}{year}年度工作总结",
        author=settings.author or alliance.secretariat_member.name, subject=alliance.name,
        keywords="report", created=min(as_of, dt.date(year, 12, 31)), settings=settings,
    )
    return data, source
