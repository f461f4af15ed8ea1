"""``pbctl status [ALLIANCE]``: documents, meetings, decisions and term at a glance."""

from __future__ import annotations

import datetime as dt

import click

from pbctl.cli import Options, Outcome, options
from pbctl.i18n import _


@click.command()
@options.alliance(required=False)
@options.as_of()
@options.output_format(help="json: for scripts.")
@click.option("--strict", is_flag=True,
              help="Exit 1 when a meeting or decision is overdue or a signed file fails "
                   "verification (for CI or cron).")
@click.pass_obj
def status(opts: Options, alliance_ref: str | None, as_of: dt.date | None, fmt: str,
           strict: bool) -> Outcome:
    """Documents, meetings, decisions and term of every alliance, or of ALLIANCE in detail.

    States are shown in colour and in words. Records dated after --as-of are left out, so
    the state on any past day can be reproduced.
    """
    from pbctl.cli import status_view, ui
    from pbctl.cli.progress import read_with_progress
    from pbctl.tracking.records import require_workspace
    from pbctl.tracking.status import needs_attention, status_function, workspace_summary

    workspace = opts.workspace()
    require_workspace(workspace, alliance_ref)
    day = as_of or dt.date.today()
    ids = [alliance_ref] if alliance_ref is not None else None
    statuses = read_with_progress(workspace, ids, "reading records",
                                  status_function(workspace, day))
    if fmt == "json":
        ui.emit_json({"as_of": day.isoformat(),
                      "alliances": [s.as_dict() for s in statuses],
                      "summary": workspace_summary(statuses)})
    elif alliance_ref is not None:
        status_view.print_detail(statuses[0])
    elif not statuses:
        ui.info(_("no alliances in this workspace yet; create one with 'pbctl new alliance'"))
    else:
        status_view.print_table(statuses, day)
    return Outcome(ok=not (strict and needs_attention(statuses)))
