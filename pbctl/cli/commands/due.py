"""``pbctl due``: what falls due (meetings, decisions, renewals), as a list or .ics."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from pbctl.cli import Options, completion
from pbctl.cli.commands.status import date_option, load_with_progress
from pbctl.i18n import N_, _, ngettext

_KIND_WORDS = {"meeting": "meeting due", "decision": "decision due", "renewal": "term ends"}


@click.command()
@click.argument("alliance_ref", metavar="[ALLIANCE]", required=False,
                shell_complete=completion.alliances)
@click.option("--within", type=click.IntRange(min=0), default=30, show_default=True,
              metavar="DAYS", help="Look this many days ahead (overdue items always show).")
@click.option("--as-of", "as_of", metavar="DATE", callback=date_option,
              help="Count from this day (default: today).")
@click.option("--ics", "ics_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write an iCalendar file to subscribe to, instead of the list.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.pass_obj
def due(opts: Options, alliance_ref: str | None, within: int, as_of: dt.date | None,
        ics_file: Path | None, fmt: str) -> None:
    """Joint meetings due by the charter's frequency, decisions due and renewals.

    With --ics FILE, write them as an iCalendar file: entries keep stable ids, so a
    calendar subscribed to the file updates them instead of adding duplicates.
    """
    from pbctl.cli import ui
    from pbctl.definition.workspace import display_path
    from pbctl.errors import WorkspaceError
    from pbctl.fsutil import atomic_write
    from pbctl.tracking.schedule import due_items

    workspace = opts.workspace()
    day = as_of or dt.date.today()
    if alliance_ref is None and not workspace.is_initialized:
        raise WorkspaceError(_("not in a pbctl workspace (no pbctl.yaml here or above)"),
                             hint=_("run 'pbctl init', or name an alliance file"))
    records = load_with_progress(workspace, [alliance_ref] if alliance_ref else None,
                                 "reading records")
    renewal_days = workspace.settings().renewal_days
    items = sorted((item for r in records
                    for item in due_items(r, day, within=within, renewal_days=renewal_days)),
                   key=lambda item: (item.date, item.alliance_id, item.uid))
    if ics_file is not None:
        from pbctl.tracking.ics import calendar

        text = calendar(items, stamp=dt.datetime(day.year, day.month, day.day))
        atomic_write(ics_file, text.encode("utf-8"))
        ui.success(ngettext("wrote {path} ({n} entry)", "wrote {path} ({n} entries)",
                            len(items)).format(path=display_path(ics_file), n=len(items)))
        return
    if fmt == "json":
        ui.emit_json({"as_of": day.isoformat(), "within": within,
                      "items": [item.as_dict() for item in items]})
        return
    if not items:
        ui.info(_("nothing falls due within {n} days of {date}").format(
            n=within, date=day.isoformat()))
        return
    from rich.table import Table

    from pbctl.cli.ui import escape

    table = Table(title=_("Due within {n} days of {date}").format(n=within, date=day.isoformat()),
                  title_justify="left")
    for name in (N_("date"), N_("alliance"), N_("what"), N_("state")):
        table.add_column(_(name), overflow="fold")
    for item in items:
        days = (item.date - day).days
        state = ("[bold red]" + ngettext("overdue by {n} day", "overdue by {n} days", -days)
                 .format(n=-days) + "[/]"
                 if item.overdue else "[yellow]" + _("today") + "[/]" if days == 0
                 else "[yellow]" + ngettext("in {n} day", "in {n} days", days).format(n=days)
                 + "[/]" if days > 0
                 else "[yellow]" + _("due") + "[/]")
        table.add_row(item.date.isoformat(), escape(item.alliance_id),
                      f"{_KIND_WORDS[item.kind]}: {escape(item.summary)}", state)
    ui.console().print(table)
