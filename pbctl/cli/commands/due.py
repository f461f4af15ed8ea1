"""``pbctl due``: what falls due (meetings, decisions, renewals), as a list or .ics."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from pbctl.cli import Options, options
from pbctl.cli.progress import load_with_progress
from pbctl.i18n import N_, _, ngettext


@click.command()
@options.alliance(required=False)
@click.option("--within", type=click.IntRange(min=0, max=36500), default=30, show_default=True,
              metavar="DAYS", help="Look this many days ahead (overdue items always show).")
@options.as_of(help="Count from this day (default: today).")
@click.option("--ics", "ics_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write an iCalendar file to subscribe to, instead of the list.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.pass_obj
def due(opts: Options, alliance_ref: str | None, within: int, as_of: dt.date | None,
        ics_file: Path | None, fmt: str) -> None:
    """Joint meetings due by the charter's frequency, decisions, plan items and claimed
    needs due, and renewals.

    With --ics FILE, write them as an iCalendar file: entries keep stable ids, so a
    calendar subscribed to the file updates them instead of adding duplicates.
    """
    from pbctl.cli import ui
    from pbctl.definition.workspace import display_path
    from pbctl.fsutil import atomic_write
    from pbctl.tracking.records import require_workspace
    from pbctl.tracking.schedule import DUE_KIND_WORDS, all_due_items, due_state

    workspace = opts.workspace()
    day = as_of or dt.date.today()
    require_workspace(workspace, alliance_ref)
    records = load_with_progress(workspace, [alliance_ref] if alliance_ref else None,
                                 "reading records")
    items = all_due_items(records, day, within=within,
                          renewal_days=workspace.settings().renewal_days)
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
        state = f"[{'bold red' if item.overdue else 'yellow'}]{due_state(item, day)}[/]"
        table.add_row(item.date.isoformat(), escape(item.alliance_id),
                      f"{DUE_KIND_WORDS[item.kind]}: {escape(item.summary)}", state)
    ui.console().print(table)
