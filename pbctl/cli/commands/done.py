"""``pbctl done ALLIANCE REF``: mark a decision, a plan item or a list item carried out."""

from __future__ import annotations

import datetime as dt

import click

from pbctl.cli import Options, completion, options
from pbctl.i18n import _


def _ref(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from pbctl.definition.plan import parse_tracked_ref
    from pbctl.records.tracked import is_group_decision

    try:
        if not is_group_decision(value):
            parse_tracked_ref(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
    return value.strip()


@click.command()
@options.alliance()
@click.argument("ref", metavar="REF", callback=_ref, shell_complete=completion.decisions)
@options.date("--date", "date",
              help="When it was carried out (default: today).")
@click.option("--note", help="How it was carried out (落实情况).")
@click.option("--force", is_flag=True,
              help="Replace an earlier marking (kept in done.history).")
@click.option("-m", "--message", help="Reason recorded with the commit.")
@click.pass_obj
def done(opts: Options, alliance_ref: str, ref: str, date: dt.date | None,
         note: str | None, force: bool, message: str | None) -> None:
    """Mark REF as carried out: a decision MEETING.DECISION (3.2: the second decision of
    meeting 3, as 'pbctl status ALLIANCE' shows it), a decision of a group's meeting
    (ruanjian-2.1), a plan item (plan.2025.3) or a list item (needs.4, resources.1,
    services.2).

    Sets done: {date, note} in its file; in a git workspace the change is one commit.
    Something already done is refused unless --force, which keeps the earlier date and
    note in done.history.
    """
    from pbctl.cli import ui
    from pbctl.records.tracked import mark_done

    result = mark_done(opts.workspace(), alliance_ref, ref, date=date or dt.date.today(),
                       note=note, force=force, message=message)
    what = {"decision": _("decision"), "plan": _("plan item")}.get(result.kind,
                                                                  _("list item"))
    before = (_(" (was {date})").format(date=result.previous.isoformat())
              if result.previous else "")
    ui.success(_("{what} {ref} of {alliance} ({text}): done on {date}{before}").format(
        what=what, ref=result.ref, alliance=result.alliance_id, text=result.text,
        date=result.date.isoformat(), before=before))
    if result.committed:
        ui.info(_("recorded: {subject}").format(subject=result.subject))
    else:
        ui.info(_("not recorded: the workspace is not a git repository"))
