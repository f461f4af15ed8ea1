"""How ``pbctl status`` shows alliances: colours and words over the library's states."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pbctl.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from rich.table import Table

    from pbctl.tracking.documents import DocumentState
    from pbctl.tracking.schedule import MeetingDue, TermState
    from pbctl.tracking.status import AllianceStatus

# ---------------------------------------------------------------------------- words

_DOC_STYLE = {"not-rendered": "dim", "draft": "yellow", "signed": "green", "changed": "yellow",
              "verify-failed": "bold red"}

#: The three lists, as the year lines of status name them.
LIST_NAMES = {"needs": N_("needs"), "resources": N_("resources"), "services": N_("services")}


def _doc_markup(doc: DocumentState) -> str:
    from pbctl.cli.ui import escape
    from pbctl.tracking.documents import describe

    return f"[{_DOC_STYLE[doc.state]}]{escape(doc.kind)}: {escape(describe(doc))}[/]"


def _days(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=n)


def _meeting_markup(meeting: MeetingDue, sep: str = " ") -> str:
    due = meeting.due.isoformat()
    if meeting.state == "overdue":
        return f"[bold red]{due}{sep}" + _("overdue by {days}").format(days=_days(-meeting.days)) \
            + "[/]"
    if meeting.state == "due-soon":
        when = _("due today") if meeting.days == 0 else _("due in {days}").format(
            days=_days(meeting.days))
        return f"[yellow]{due}{sep}{when}[/]"
    return f"[green]{due}{sep}" + _("scheduled") + "[/]"


def _term_markup(term: TermState, sep: str = " ") -> str:
    end = term.end.isoformat()
    if term.state == "expired":
        return f"[bold red]{end}{sep}" + _("expired {days} ago").format(
            days=_days(-term.days_left)) + "[/]"
    if term.state == "renewal-due":
        return f"[yellow]{end}{sep}" + _("due for renewal ({days} left)").format(
            days=_days(term.days_left)) + "[/]"
    return f"[green]{end}{sep}" + _("active") + "[/]"


def _decisions_markup(s: AllianceStatus, sep: str = " · ") -> str:
    parts = [_("{n} open").format(n=len(s.open_decisions))]
    overdue = s.count("overdue")
    if overdue:
        parts.append("[bold red]" + _("{n} overdue").format(n=overdue) + "[/]")
    parts.append("[green]" + _("{n} done").format(n=s.count("done")) + "[/]")
    return sep.join(parts)


def _last_meeting(s: AllianceStatus, sep: str = " ") -> str:
    meeting = s.next_meeting
    if meeting.last_date is None:
        return "[dim]" + _("none yet") + "[/]"
    return meeting.last_date.isoformat() + sep + _("(no. {n})").format(n=meeting.last_number)


# ---------------------------------------------------------------------------- views

_TABLE_WIDTH = 100  # below this many columns the overview is a list, not a table


def _print_list(statuses: list[AllianceStatus], day: dt.date) -> None:
    """The overview as a list, one block per alliance: on a terminal narrower than 100
    columns the seven-column table would fold every cell."""
    from pbctl.cli import ui
    from pbctl.cli.ui import escape

    con = ui.console()
    con.print(_("Alliances on {date}").format(date=day.isoformat()))
    for s in statuses:
        con.print(f"[bold]{escape(s.id)}[/]  {escape(s.name)}")
        con.print("  " + _("{label}: {value}").format(label=_("members"), value=s.members))
        con.print("  " + _("documents:"))
        for doc in s.documents:
            con.print(f"    {_doc_markup(doc)}")
        rows = (
            (N_("last meeting"), _last_meeting(s)),
            (N_("next meeting"), _meeting_markup(s.next_meeting, " ")),
            (N_("decisions"), _decisions_markup(s)),
            (N_("term ends"), _term_markup(s.term, " ")),
        )
        for label, value in rows:
            con.print("  " + _("{label}: {value}").format(label=_(label), value=value))


def print_table(statuses: list[AllianceStatus], day: dt.date) -> None:
    from pbctl.cli import ui

    con = ui.console()
    if con.width < _TABLE_WIDTH:
        _print_list(statuses, day)
    else:
        con.print(_table(statuses, day))
    attention = sum(1 for s in statuses if s.overdue or s.verify_failed)
    if attention:
        con.print("[bold red]" + _("{n} of {total} alliances need attention").format(
            n=attention, total=len(statuses)) + "[/]" + _(" (see 'pbctl status ALLIANCE')"))


def _table(statuses: list[AllianceStatus], day: dt.date) -> Table:
    from rich.table import Table

    from pbctl.cli.ui import escape

    table = Table(title=_("Alliances on {date}").format(date=day.isoformat()), title_justify="left",
                  show_lines=True)
    for name, width in ((N_("alliance"), 8), (N_("members"), 7), (N_("documents"), 14),
                        (N_("last meeting"), 10), (N_("next meeting"), 10), (N_("decisions"), 10),
                        (N_("term ends"), 10)):
        table.add_column(_(name), overflow="fold", min_width=width)
    for s in statuses:
        table.add_row(
            f"[bold]{escape(s.id)}[/]\n{escape(s.name)}", str(s.members),
            "\n".join(_doc_markup(d) for d in s.documents), _last_meeting(s, "\n"),
            _meeting_markup(s.next_meeting, "\n"), _decisions_markup(s, "\n"),
            _term_markup(s.term, "\n"),
        )
    return table


def print_detail(s: AllianceStatus) -> None:
    from rich.table import Table

    from pbctl.cli import ui
    from pbctl.cli.ui import escape
    from pbctl.words import FREQUENCY_LABELS

    con = ui.console()
    con.print(f"[bold]{escape(s.name)}[/] ({escape(s.id)}) " + _("on {date}").format(
        date=s.as_of.isoformat()))
    con.print("  " + _("members: {n}").format(n=s.members))
    for _id, name, ids in s.by_parent:
        con.print("    " + _("under {name}: {n}").format(name=escape(name), n=len(ids)))
    con.print("  " + _("term: {start} to {end}").format(start=s.term.start.isoformat(),
                                                         end=_term_markup(s.term)))
    con.print("  " + _("documents:"))
    for doc in s.documents:
        con.print(f"    {_doc_markup(doc)}")
    meeting = s.next_meeting
    con.print("  " + _("joint meetings: {n} held, {label} ({frequency}); last {last}").format(
        n=s.meetings_held, label=FREQUENCY_LABELS[meeting.frequency],
        frequency=meeting.frequency, last=_last_meeting(s)))
    con.print("  " + _("next meeting (no. {n}): {state}").format(
        n=meeting.next_number, state=_meeting_markup(meeting)))
    con.print("  " + _("activities: {n} held").format(n=s.activities_held))
    if any(held for _id, _name, held in s.group_meetings):
        con.print("  " + _("group meetings: {list}").format(list=", ".join(
            f"{escape(name)} {held}" for _id, name, held in s.group_meetings)))
    con.print("  " + _("decisions: {state}").format(state=_decisions_markup(s)))
    if s.open_decisions:
        table = Table(title=_("Open decisions"), title_justify="left")
        for name in (N_("no."), N_("decision"), N_("owner"), N_("due"), N_("state")):
            table.add_column(_(name), overflow="fold")
        for d in s.open_decisions:
            state = ("[bold red]" + _("overdue by {days}").format(days=_days(d.days_overdue))
                     + "[/]" if d.state == "overdue" else "[yellow]" + _("open") + "[/]")
            table.add_row(d.ref, escape(d.text), escape(d.owner_name),
                          d.due.isoformat() if d.due else "[dim]" + _("no due date") + "[/]",
                          state)
        con.print(table)
    if s.year is not None:
        print_year(s)
    if s.recent:
        table = Table(title=_("Recent meetings and activities"), title_justify="left")
        for name in (N_("date"), N_("kind"), N_("no."), N_("title")):
            table.add_column(_(name), overflow="fold")
        for r in s.recent:
            table.add_row(r.date.isoformat(), r.kind, str(r.number), escape(r.title))
        con.print(table)


def print_year(s: AllianceStatus) -> None:
    from pbctl.cli import ui

    assert s.year is not None
    con = ui.console()
    plan = s.year.plan_counts()
    if plan["year"] is not None:
        overdue = (" · [bold red]" + _("{count} overdue").format(count=plan["overdue"]) + "[/]"
                   if plan["overdue"] else "")
        con.print("  " + _("plan {year}: {total} items").format(year=plan["year"],
                                                                 total=plan["total"])
                  + " · [green]" + _("{count} done").format(count=plan["done"]) + f"[/]{overdue}")
    for kind, counts in s.year.list_counts().items():
        if sum(counts[k] for k in ("open", "claimed", "done")):
            overdue = (" · [bold red]" + _("{count} overdue").format(count=counts["overdue"])
                       + "[/]" if counts["overdue"] else "")
            con.print(f"  {_(LIST_NAMES.get(kind, kind))}: "
                      + _("{count} open").format(count=counts["open"]) + " · "
                      + _("{count} claimed").format(count=counts["claimed"])
                      + " · [green]" + _("{count} done").format(count=counts["done"])
                      + f"[/]{overdue}")
