"""``pbctl report ALLIANCE --year Y``: the year-end summary (年度工作总结)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from pbctl.cli import Options, completion
from pbctl.i18n import _


@click.command()
@click.argument("alliance_ref", metavar="ALLIANCE", shell_complete=completion.alliances)
@click.option("--year", type=click.IntRange(1921, 2999), required=True, help="The year Y.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Export the .docx here instead of the records.")
@click.option("-m", "--message", help="Reason recorded with the revision.")
@click.pass_obj
def report(opts: Options, alliance_ref: str, year: int, output: Path | None,
           message: str | None) -> None:
    """Write the year-end summary of ALLIANCE for year Y as a .docx (report-Y).

    Counts of meetings and activities, members' participation, decisions made and carried
    out and documents signed, drawn from the records; the words come from the template
    report/report.md.j2, which a workspace's templates/ folder may override.
    """
    from pbctl.cli import ui
    from pbctl.definition.workspace import display_path
    from pbctl.fsutil import atomic_write
    from pbctl.tracking.documents import document_states
    from pbctl.tracking.records import load_alliance_records
    from pbctl.tracking.report import render_report, report_kind

    workspace = opts.workspace()
    today = dt.date.today()
    if year > today.year:
        raise click.BadParameter(_("{year} has not begun yet").format(year=year),
                                 param_hint="--year")
    records = load_alliance_records(workspace, alliance_ref)
    as_of = min(today, dt.date(year, 12, 31))
    data, _outline = render_report(records, year, as_of,
                            documents=document_states(workspace, records),
                            settings=workspace.settings(),
                            templates=workspace.templates_dir())
    kind = report_kind(year)
    if output is not None:
        target = output / f"{kind}.docx" if output.is_dir() else output.with_suffix(".docx")
        atomic_write(target, data)
        ui.success(_("wrote {path}").format(path=display_path(target)))
        ui.info(_("not recorded: -o writes outside the records folder"))
        return
    from pbctl.records.api import write_documents

    result = write_documents(workspace, records.id, {kind: data}, message=message,
                             amend=False)
    for line in result.summary_lines():
        ui.info(line)
