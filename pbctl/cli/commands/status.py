"""``pbctl status [ALLIANCE]``: documents, meetings, decisions and term at a glance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import click

from pbctl.cli import Options, completion
from pbctl.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from rich.table import Table

    from pbctl.definition.workspace import Workspace
    from pbctl.tracking.documents import DocumentState
    from pbctl.tracking.records import AllianceRecords
    from pbctl.tracking.schedule import MeetingDue, TermState
    from pbctl.tracking.status import AllianceStatus

T = TypeVar("T")


def date_option(ctx: click.Context, param: click.Parameter, value: str | None
                ) -> dt.date | None:
    """Click callback: ``2024-12-03`` or ``2024年12月3日`` → a date."""
    from pbctl.numerals import parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


def read_with_progress(workspace: Workspace, ids: list[str] | None, label: str,
                       use: Callable[[AllianceRecords], T]) -> list[T]:
    """Read alliances one at a time and keep only ``use(records)`` of each, with a
    transient progress bar on a terminal (none when piped)."""
    from pbctl.cli import ui
    from pbctl.tracking.records import iter_workspace_records

    con = ui.console(stderr=True)
    if not con.is_terminal or (ids is not None and len(ids) <= 1):
        return [use(r) for r in iter_workspace_records(workspace, ids)]
    from rich.progress import Progress

    with Progress(console=con, transient=True) as progress:
        task = progress.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return [use(r) for r in iter_workspace_records(workspace, ids, on_progress=advance)]


def load_with_progress(workspace: Workspace, ids: list[str] | None, label: str
                       ) -> list[AllianceRecords]:
    """Read alliances' records, with a transient progress bar on a terminal only."""
    return read_with_progress(workspace, ids, label, lambda records: records)


def status_function(workspace: Workspace, as_of: dt.date
                    ) -> Callable[[AllianceRecords], AllianceStatus]:
    """records → their status on ``as_of``, with the workspace's settings."""
    from pbctl.tracking.documents import document_states
    from pbctl.tracking.status import alliance_status

    renewal_days = workspace.settings().renewal_days

    def status_of(records: AllianceRecords) -> AllianceStatus:
        return alliance_status(records, as_of, renewal_days=renewal_days,
                               documents=document_states(workspace, records))

    return status_of


@click.command()
@click.argument("alliance_ref", metavar="[ALLIANCE]", required=False,
                shell_complete=completion.alliances)
@click.option("--as-of", "as_of", metavar="DATE", callback=date_option,
              help="Show the state on this day (default: today).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json: for scripts.")
@click.option("--strict", is_flag=True,
              help="Exit 1 when a meeting or decision is overdue or a signed file fails "
                   "verification (for CI or cron).")
@click.pass_obj
def status(opts: Options, alliance_ref: str | None, as_of: dt.date | None, fmt: str,
           strict: bool) -> None:
    """Documents, meetings, decisions and term of every alliance, or of ALLIANCE in detail.

    States are shown in colour and in words. Records dated after --as-of are left out, so
    the state on any past day can be reproduced.
    """
    from pbctl.cli import ui
    from pbctl.errors import WorkspaceError
    from pbctl.tracking.status import workspace_summary

    workspace = opts.workspace()
    day = as_of or dt.date.today()
    if alliance_ref is None and not workspace.is_initialized:
        raise WorkspaceError(_("not in a pbctl workspace (no pbctl.yaml here or above)"),
                             hint=_("run 'pbctl init', or name an alliance file"))
    ids = [alliance_ref] if alliance_ref is not None else None
    statuses = read_with_progress(workspace, ids, "reading records",
                                  status_function(workspace, day))
    if fmt == "json":
        ui.emit_json({"as_of": day.isoformat(),
                      "alliances": [s.as_dict() for s in statuses],
                      "summary": workspace_summary(statuses)})
    elif alliance_ref is not None:
        _print_detail(statuses[0])
    elif not statuses:
        ui.info(_("no alliances in this workspace yet; create one with 'pbctl new alliance'"))
    else:
        _print_table(statuses, day)
    if strict and any(s.overdue or s.verify_failed for s in statuses):
        raise click.exceptions.Exit(1)


# ---------------------------------------------------------------------------- words

_DOC_STYLE = {"not-rendered": "dim", "draft": "yellow", "signed": "green", "changed": "yellow",
              "verify-failed": "bold red"}


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


def _print_table(statuses: list[AllianceStatus], day: dt.date) -> None:
    from pbctl.cli import ui

    con = ui.console()
    if con.width < _TABLE_WIDTH:
        _print_list(statuses, day)
    else:
        con.print(_table(statuses, day))
    attention = sum(1 for s in statuses if s.overdue or s.verify_failed)
    if attention:
        con.print("[bold red]" + _("{n} of {total} alliances need attention").format(
            n=attention, total=len(statuses)) + "[/] " + _("(see 'pbctl status ALLIANCE')"))


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


def _print_detail(s: AllianceStatus) -> None:
    from rich.table import Table

    from pbctl.cli import ui
    from pbctl.cli.ui import escape
    from pbctl.words import FREQUENCY_LABELS

    con = ui.console()
    con.print(f"[bold]{escape(s.name)}[/] ({escape(s.id)}) " + _("on {date}").format(
        date=s.as_of.isoformat()))
    con.print("  " + _("members: {n}").format(n=s.members))
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
    if s.recent:
        table = Table(title=_("Recent meetings and activities"), title_justify="left")
        for name in (N_("date"), N_("kind"), N_("no."), N_("title")):
            table.add_column(_(name), overflow="fold")
        for r in s.recent:
            table.add_row(r.date.isoformat(), r.kind, str(r.number), escape(r.title))
        con.print(table)
