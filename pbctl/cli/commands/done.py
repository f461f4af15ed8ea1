"""``pbctl done ALLIANCE MEETING.DECISION``: mark a decision carried out."""

from __future__ import annotations

import datetime as dt

import click

from pbctl.cli import Options, completion
from pbctl.cli.commands.status import date_option
from pbctl.i18n import _


def _ref(ctx: click.Context, param: click.Parameter, value: str) -> tuple[int, int]:
    from pbctl.tracking.decisions import parse_ref

    try:
        return parse_ref(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


@click.command()
@click.argument("alliance_ref", metavar="ALLIANCE", shell_complete=completion.alliances)
@click.argument("ref", metavar="MEETING.DECISION", callback=_ref,
                shell_complete=completion.decisions)
@click.option("--date", "date", metavar="DATE", callback=date_option,
              help="When it was carried out (default: today).")
@click.option("--note", help="How it was carried out (落实情况).")
@click.option("-m", "--message", help="Reason recorded with the commit.")
@click.pass_obj
def done(opts: Options, alliance_ref: str, ref: tuple[int, int], date: dt.date | None,
         note: str | None, message: str | None) -> None:
    """Mark decision MEETING.DECISION as carried out, e.g. 3.2 for the second decision of
    meeting 3 (the numbers 'pbctl status ALLIANCE' shows).

    Sets done: {date, note} on the decision in meetings/NNN.yaml; in a git workspace the
    change is one commit.
    """
    from pbctl.cli import ui
    from pbctl.tracking.decisions import mark_done

    meeting, index = ref
    result = mark_done(opts.workspace(), alliance_ref, meeting, index,
                       date=date or dt.date.today(), note=note, message=message)
    what = _("decision {ref} of {alliance} ({text})").format(
        ref=f"{meeting}.{index}", alliance=result.alliance_id, text=result.text)
    if not result.changed:
        ui.info(_("{what} was already marked done on {date}; nothing changed").format(
            what=what, date=result.date.isoformat()))
        return
    before = (_(" (was {date})").format(date=result.previous.isoformat())
              if result.previous and result.previous != result.date else "")
    ui.success(_("{what}: done on {date}").format(what=what, date=result.date.isoformat())
               + before)
    if result.committed:
        ui.info(_("recorded: {subject}").format(subject=result.subject))
    else:
        ui.info(_("not recorded: the workspace is not a git repository"))
