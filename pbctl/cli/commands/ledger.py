"""``pbctl ledger ALLIANCE``: the ledger (台账) of a period as .xlsx and .docx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from pbctl.cli import Options, options
from pbctl.cli.progress import load_with_progress
from pbctl.i18n import _


@click.command()
@options.alliance(required=False)
@click.option("--all", "all_", is_flag=True, help="Every alliance in one workbook.")
@click.option("--year", type=click.IntRange(1921, 2999), help="The calendar year Y.")
@options.date("--from", "start", help="First day.")
@options.date("--to", "end", help="Last day.")
@click.option("-o", "--output", type=click.Path(),
              help="Export here (a folder, or a file name for the .xlsx; the .docx goes "
                   "beside it) instead of the records.")
@click.option("--pdf", is_flag=True, help="Also make a PDF of the .docx with LibreOffice.")
@click.option("--by-parent", is_flag=True,
              help="Group the members' statistics by parent organization (上级党组织), with "
                   "subtotals.")
@click.option("-m", "--message", help="Reason recorded with the revision.")
@click.pass_obj
def ledger(opts: Options, alliance_ref: str | None, all_: bool, year: int | None,
           start: dt.date | None, end: dt.date | None, output: str | None, pdf: bool,
           by_parent: bool, message: str | None) -> None:
    """Write the ledger (台账) of a period: an .xlsx workbook (meetings and activities,
    decisions, statistics) and a landscape .docx table.

    The period is --year Y, or --from/--to, or else the current year. Without -o the
    files go into alliances/<id>/documents/ as ledger-<period> and are recorded as a
    revision; with --all (every alliance) they go to -o or the current folder.
    """
    from pbctl.cli import ui
    from pbctl.definition.workspace import display_path
    from pbctl.fsutil import atomic_write
    from pbctl.tracking.dates import resolve_period
    from pbctl.tracking.ledger import build_ledger, export_paths, ledger_docx
    from pbctl.tracking.xlsx import workbook_bytes

    if all_ == (alliance_ref is not None):
        raise click.UsageError(_("name one ALLIANCE, or give --all for every alliance"))
    workspace = opts.workspace()
    today = dt.date.today()
    try:
        period = resolve_period(year, start, end, today)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    records = load_with_progress(workspace, None if all_ else [alliance_ref or ""],
                                 "reading records")
    if not records:
        raise click.UsageError(_("there are no alliances in this workspace"))
    settings = workspace.settings()
    book = build_ledger(records, period, min(today, period.end), by_parent=by_parent)
    author = settings.author or (records[0].alliance.secretariat_member.name
                                 if len(records) == 1 else "pbctl")
    xlsx = workbook_bytes(book, author=author)
    docx = ledger_docx(book, settings, author=author)
    kind = f"ledger-{period.slug}"
    pdfs: dict[str, bytes] = {}
    if pdf:
        from pbctl.cli.fonts import warn_about_pdf_fonts
        from pbctl.document.pdf import docx_bytes_to_pdf

        warn_about_pdf_fonts(settings.fonts)
        pdfs = docx_bytes_to_pdf({f"{kind}.docx": docx})
    if output is None and all_:
        output = str(Path.cwd()) + "/"
    if output is not None:
        xlsx_path, docx_path = export_paths(output, kind)
        atomic_write(xlsx_path, xlsx)
        atomic_write(docx_path, docx)
        for data in pdfs.values():
            atomic_write(docx_path.with_suffix(".pdf"), data)
            ui.success(_("wrote {path}").format(path=display_path(docx_path.with_suffix(".pdf"))))
        ui.success(_("wrote {xlsx} and {docx} ({n} entries, {d} decisions)").format(
            xlsx=display_path(xlsx_path), docx=display_path(docx_path), n=len(book.rows),
            d=len(book.decisions)))
        ui.info(_("not recorded: the ledger was exported outside the records folder"))
        return
    from pbctl.records.api import write_documents

    result = write_documents(workspace, records[0].id, {kind: docx}, message=message,
                             amend=False, extra={f"{kind}.xlsx": xlsx, **pdfs})
    ui.success(_("ledger of {id} for {period}: {n} entries, {d} decisions").format(
        id=records[0].id, period=period.label, n=len(book.rows), d=len(book.decisions)))
    for line in result.summary_lines():
        ui.info(line)
