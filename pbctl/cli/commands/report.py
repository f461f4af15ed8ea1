"""``pbctl report ALLIANCE --year Y``: the year-end summary (年度工作总结)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from pbctl.cli import Options, options
from pbctl.i18n import _


@click.command()
@options.alliance()
@click.option("--year", type=click.IntRange(1921, 2999), required=True, help="The year Y.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Export the .docx here instead of the records.")
@click.option("--pdf", is_flag=True, help="Also make a PDF with LibreOffice.")
@click.option("-m", "--message", help="Reason recorded with the revision.")
@click.pass_obj
def report(opts: Options, alliance_ref: str, year: int, output: Path | None, pdf: bool,
           message: str | None) -> None:
    """Write the year-end summary of ALLIANCE for year Y as a .docx (report-Y).

    Counts of meetings and activities, members' participation, decisions made and carried
    out and documents signed, drawn from the records; the words come from the template
    report/report.md.j2, which a workspace's templates/ folder may override.
    """
    from pbctl.cli import ui
    from pbctl.definition.workspace import display_path
    from pbctl.fsutil import atomic_write
    from pbctl.tracking.report import export_path, year_report

    workspace = opts.workspace()
    try:
        report = year_report(workspace, alliance_ref, year, dt.date.today())
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--year") from None
    pdfs: dict[str, bytes] = {}
    if pdf:
        from pbctl.cli.fonts import warn_about_pdf_fonts
        from pbctl.document.pdf import docx_bytes_to_pdf

        warn_about_pdf_fonts(workspace.settings().fonts)
        pdfs = docx_bytes_to_pdf({f"{report.kind}.docx": report.data})
    if output is not None:
        target = export_path(output, report.kind)
        atomic_write(target, report.data)
        ui.success(_("wrote {path}").format(path=display_path(target)))
        for pdf_data in pdfs.values():
            atomic_write(target.with_suffix(".pdf"), pdf_data)
            ui.success(_("wrote {path}").format(path=display_path(target.with_suffix(".pdf"))))
        ui.info(_("not recorded: -o writes outside the records folder"))
        return
    from pbctl.records.api import write_documents

    result = write_documents(workspace, report.alliance_id, {report.kind: report.data},
                             message=message, amend=False, extra=pdfs)
    for line in result.summary_lines():
        ui.info(line)
