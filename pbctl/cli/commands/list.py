"""``pbctl list add|claim|show``: the three lists (资源清单、服务清单、需求清单) as live items."""

from __future__ import annotations

import datetime as dt

import click

from pbctl.cli import Options, options
from pbctl.i18n import _

KINDS = ("needs", "resources", "services")
_DATE_HELP = "The day (default: today)."
_DUE_HELP = "Due by: a day (2025-06-30), a month (2025-06) or a quarter (2025Q2)."


@click.group("list")
def list_() -> None:
    """The three lists as live items: alliances/<id>/lists.yaml, numbered per list
    (needs.1, resources.2 …); close an item with 'pbctl done ALLIANCE needs.1'."""


def _report(change: object, done: str) -> None:
    from pbctl.cli import ui
    from pbctl.records.lists import ListChange

    assert isinstance(change, ListChange)
    ui.success(done.format(refs=_(", ").join(change.refs), alliance=change.alliance_id))
    if change.commit:
        ui.info(_("recorded as {commit}").format(commit=change.commit[:10]))
    else:
        ui.info(_("not recorded: the workspace is not a git repository"))


@list_.command("add")
@click.argument("alliance", metavar="ALLIANCE")
@click.argument("kind", metavar="needs|resources|services", type=click.Choice(KINDS),
                required=False)
@click.argument("text", required=False)
@click.option("--member", help="Member id of the unit that offers or raises it.")
@options.date("--date", "date", help=_DATE_HELP)
@click.option("--due", metavar="DUE", help=_DUE_HELP)
@click.option("--from-definition", "seed", is_flag=True,
              help="Add the definition's lists (each raised by the lead) not yet present.")
@click.option("-m", "--message", help="Reason recorded with the commit.")
@click.pass_obj
def add(opts: Options, alliance: str, kind: str | None, text: str | None, member: str | None,
        date: dt.date | None, due: str | None, seed: bool, message: str | None) -> None:
    """Add TEXT to a list: what a member offers (resources, services) or needs."""
    from pbctl.records.lists import add_item, seed_from_definition

    day = date or dt.date.today()
    if seed:
        if kind or text or member or due:
            raise click.UsageError(_("--from-definition takes no KIND, TEXT, --member or --due"))
        _report(seed_from_definition(opts.workspace(), alliance, date=day, message=message),
                _("added {refs} to {alliance}"))
        return
    if kind is None or not text:
        raise click.UsageError(_("give KIND and TEXT, e.g. pbctl list add ALLIANCE needs "
                                 "'…' --member ID (or --from-definition)"))
    if member is None:
        raise click.UsageError(_("--member is required: who offers or raises it"))
    _report(add_item(opts.workspace(), alliance, kind, text, member=member, date=day,
                     due=due, message=message), _("added {refs} to {alliance}"))


@list_.command("claim")
@click.argument("alliance", metavar="ALLIANCE")
@click.argument("ref", metavar="REF")
@click.option("--by", "by", required=True, help="Member id of the unit taking it on.")
@options.date("--date", "date", help=_DATE_HELP)
@click.option("--due", metavar="DUE", help=_DUE_HELP)
@click.option("-m", "--message", help="Reason recorded with the commit.")
@click.pass_obj
def claim(opts: Options, alliance: str, ref: str, by: str, date: dt.date | None,
          due: str | None, message: str | None) -> None:
    """Record that a member claimed (认领) REF, e.g. needs.4."""
    from pbctl.records.lists import claim_item

    _report(claim_item(opts.workspace(), alliance, ref, by=by, date=date or dt.date.today(),
                       due=due, message=message), _("claimed {refs} of {alliance}"))


@list_.command("show")
@click.argument("alliance", metavar="ALLIANCE")
@options.as_of(help="The state on this day (default: today).")
@options.output_format()
@click.pass_obj
def show(opts: Options, alliance: str, as_of: dt.date | None, fmt: str) -> None:
    """The three lists, item by item, with who claimed what and what is done."""
    from pbctl.cli import list_view, ui
    from pbctl.tracking.plan_status import year_state
    from pbctl.tracking.records import load_alliance_records

    day = as_of or dt.date.today()
    records = load_alliance_records(opts.workspace(), alliance, today=day)
    state = year_state(records, day)
    if fmt == "json":
        ui.emit_json({"alliance": records.id, "as_of": day.isoformat(),
                      "counts": state.list_counts(),
                      **{kind: [i.as_dict() for i in state.items_of(kind)]
                         for kind in KINDS}})
        return
    list_view.print_lists(state)
