"""How ``pbctl status`` shows alliances: colours and words over the library's states."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pbctl.tracking.documents import DocumentState
    from pbctl.tracking.schedule import MeetingDue, TermState
    from pbctl.tracking.status import AllianceStatus

# ---------------------------------------------------------------------------- words

_DOC_STYLE = {"not-rendered": "dim", "draft": "yellow", "signed": "green", "changed": "yellow",
              "verify-failed": "bold red"}


def _doc_markup(doc: DocumentState) -> str:
    from pbctl.cli.ui import escape
    from pbctl.tracking.documents import describe

    return f"[{_DOC_STYLE[doc.state]}]{escape(doc.kind)}: {escape(describe(doc))}[/]"


_STATE_STYLE = {"overdue": "bold red", "due-soon": "yellow", "scheduled": "green",
                "expired": "bold red", "renewal-due": "yellow", "active": "green"}


def _meeting_markup(meeting: MeetingDue, sep: str = " ") -> str:
    from pbctl.tracking.status import meeting_words

    style = _STATE_STYLE.get(meeting.state, "green")
    return f"[{style}]{meeting.due.isoformat()}{sep}{meeting_words(meeting)}[/]"


def _term_markup(term: TermState, sep: str = " ") -> str:
    from pbctl.tracking.status import term_words

    style = _STATE_STYLE.get(term.state, "green")
    return f"[{style}]{term.end.isoformat()}{sep}{term_words(term)}[/]"


def _decisions_markup(s: AllianceStatus, sep: str = " · ") -> str:
    parts = [f"{len(s.open_decisions)} open"]
    overdue = s.count("overdue")
    if overdue:
        parts.append(f"[bold red]{overdue} overdue[/]")
    parts.append(f"[green]{s.count('done')} done[/]")
    return sep.join(parts)


def _last_meeting(s: AllianceStatus, sep: str = " ") -> str:
    meeting = s.next_meeting
    if meeting.last_date is None:
        return "[dim]none yet[/]"
    return f"{meeting.last_date.isoformat()}{sep}(no. {meeting.last_number})"


# ---------------------------------------------------------------------------- views

def print_table(statuses: list[AllianceStatus], day: dt.date) -> None:
    from rich.table import Table

    from pbctl.cli import ui
    from pbctl.cli.ui import escape

    table = Table(title=f"Alliances on {day.isoformat()}", title_justify="left",
                  show_lines=True)
    for name, width in (("alliance", 8), ("members", 7), ("documents", 14),
                        ("last meeting", 10), ("next meeting", 10), ("decisions", 10),
                        ("term ends", 10)):
        table.add_column(name, overflow="fold", min_width=width)
    for s in statuses:
        table.add_row(
            f"[bold]{escape(s.id)}[/]\n{escape(s.name)}", str(s.members),
            "\n".join(_doc_markup(d) for d in s.documents), _last_meeting(s, "\n"),
            _meeting_markup(s.next_meeting, "\n"), _decisions_markup(s, "\n"),
            _term_markup(s.term, "\n"),
        )
    con = ui.console()
    con.print(table)
    from pbctl.tracking.status import needs_attention

    attention = len(needs_attention(statuses))
    if attention:
        con.print(f"[bold red]{attention} of {len(statuses)} alliances need attention[/] "
                  "(see 'pbctl status ALLIANCE')")


def print_detail(s: AllianceStatus) -> None:
    from rich.table import Table

    from pbctl.cli import ui
    from pbctl.cli.ui import escape
    from pbctl.tracking.status import days
    from pbctl.words import FREQUENCY_LABELS

    con = ui.console()
    con.print(f"[bold]{escape(s.name)}[/] ({escape(s.id)}) on {s.as_of.isoformat()}")
    con.print(f"  members: {s.members}")
    for _, name, ids in s.by_parent:
        con.print(f"    under {escape(name)}: {len(ids)}")
    con.print(f"  term: {s.term.start.isoformat()} to {_term_markup(s.term)}")
    con.print("  documents:")
    for doc in s.documents:
        con.print(f"    {_doc_markup(doc)}")
    meeting = s.next_meeting
    con.print(f"  joint meetings: {s.meetings_held} held, "
              f"{FREQUENCY_LABELS[meeting.frequency]} ({meeting.frequency}); "
              f"last {_last_meeting(s)}")
    con.print(f"  next meeting (no. {meeting.next_number}): {_meeting_markup(meeting)}")
    con.print(f"  activities: {s.activities_held} held")
    if any(held for _, _, held in s.group_meetings):
        con.print("  group meetings: " + ", ".join(f"{escape(name)} {held}"
                                                   for _, name, held in s.group_meetings))
    con.print(f"  decisions: {_decisions_markup(s)}")
    if s.open_decisions:
        table = Table(title="Open decisions", title_justify="left")
        for name in ("no.", "decision", "owner", "due", "state"):
            table.add_column(name, overflow="fold")
        for d in s.open_decisions:
            state = (f"[bold red]overdue by {days(d.days_overdue)}[/]"
                     if d.state == "overdue" else "[yellow]open[/]")
            table.add_row(d.ref, escape(d.text), escape(d.owner_name),
                          d.due.isoformat() if d.due else "[dim]no due date[/]", state)
        con.print(table)
    if s.year is not None:
        print_year(s)
    if s.recent:
        table = Table(title="Recent meetings and activities", title_justify="left")
        for name in ("date", "kind", "no.", "title"):
            table.add_column(name, overflow="fold")
        for r in s.recent:
            table.add_row(r.date.isoformat(), r.kind, str(r.number), escape(r.title))
        con.print(table)


def print_year(s: AllianceStatus) -> None:
    from pbctl.cli import ui

    assert s.year is not None
    con = ui.console()
    plan = s.year.plan_counts()
    if plan["year"] is not None:
        overdue = f" · [bold red]{plan['overdue']} overdue[/]" if plan["overdue"] else ""
        con.print(f"  plan {plan['year']}: {plan['total']} items · [green]{plan['done']} "
                  f"done[/]{overdue}")
    for kind, counts in s.year.list_counts().items():
        if sum(counts[k] for k in ("open", "claimed", "done")):
            overdue = f" · [bold red]{counts['overdue']} overdue[/]" if counts["overdue"] else ""
            con.print(f"  {kind}: {counts['open']} open · {counts['claimed']} claimed · "
                      f"[green]{counts['done']} done[/]{overdue}")
