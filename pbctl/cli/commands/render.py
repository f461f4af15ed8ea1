"""``pbctl render KIND ALLIANCE [N]``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from pbctl.cli import Options, options
from pbctl.constants import DOCUMENT_KINDS

if TYPE_CHECKING:
    from pbctl.definition.model import Alliance
    from pbctl.definition.settings import Settings
    from pbctl.rendering.render import Rendered

KINDS = (*DOCUMENT_KINDS, "all", "minutes", "plan")


@click.command()
@click.argument("kind", type=click.Choice(KINDS))
@options.alliance()
@click.argument("number", metavar="[N]", type=click.IntRange(min=1), required=False)
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write here instead of the records (a folder for 'all').")
@click.option("--pdf", is_flag=True, help="Also make a PDF with LibreOffice.")
@click.option("--pdfa", is_flag=True, help="Make the PDF a PDF/A-2b (for archiving).")
@click.option("--amend", is_flag=True, help="Allow a new revision of a signed document.")
@click.option("--renew", is_flag=True,
              help="Start the next term: move term.start past the current term's end (a "
                   "revision of the definition), then render the agreement for it.")
@click.option("-m", "--message", help="Reason recorded with the revision.")
@click.pass_obj
def render(opts: Options, kind: str, alliance_ref: str, number: int | None,
           output: Path | None, pdf: bool, pdfa: bool, amend: bool, renew: bool,
           message: str | None) -> None:
    """Render documents: charter, agreement, integrity-pact, all, minutes N, or plan YEAR
    (the annual plan, from plans/YEAR.yaml).

    ALLIANCE is an alliance id in the workspace or a path to a definition file. The
    definition is checked first; on any error nothing is written. Without -o the
    documents go to alliances/<id>/documents/ and each change is a revision (a commit).
    """
    from pbctl.cli import ui
    from pbctl.definition.loading import load_alliance, load_meeting
    from pbctl.definition.workspace import display_path
    from pbctl.errors import PbctlError
    from pbctl.records.renewal import RENEWABLE, next_term, record_renewal
    from pbctl.rendering.export import export, pdf_bytes, stale_pdfs
    from pbctl.rendering.render import ALLIANCE_DOCUMENTS, render_alliance_document, render_minutes

    workspace = opts.workspace()
    source = workspace.resolve_alliance(alliance_ref)
    alliance = load_alliance(source, display=display_path(source))
    renewal = None
    if renew:
        if kind not in RENEWABLE:
            raise click.UsageError("--renew renews the term of the agreement: use it with "
                                   "agreement, integrity-pact or all")
        if output is not None:
            raise click.UsageError("--renew records the new term; it cannot be used with -o")
        renewal = next_term(workspace, source, alliance.id)
        alliance, amend = renewal.alliance, True
    settings = workspace.settings()
    templates = workspace.templates_dir()
    pdf = pdf or pdfa

    if kind == "minutes":
        if number is None:
            raise PbctlError("which meeting? give its number: pbctl render minutes "
                             f"{alliance_ref} N")
        meeting = load_meeting(alliance, source, number)
        rendered = [render_minutes(alliance, meeting, settings=settings, templates=templates)]
    elif kind == "plan":
        rendered = [_render_plan(alliance, source, number, alliance_ref, settings, templates)]
    else:
        if number is not None:
            raise click.UsageError(f"N is only for minutes, not {kind}")
        kinds = ALLIANCE_DOCUMENTS if kind == "all" else (kind,)
        rendered = [render_alliance_document(k, alliance, settings=settings,
                                             templates=templates)
                    for k in ui.progress(kinds, f"rendering {alliance.id}")]

    if pdf:
        from pbctl.document.pdf import cjk_fonts_available

        if not cjk_fonts_available():
            ui.warning("no Chinese (CJK) font is installed: the PDF would show empty boxes; "
                       "install fonts-noto-cjk (Debian/Ubuntu) or another CJK font")

    if output is not None:
        written = export(rendered, output, pdf=pdf, pdfa=pdfa)
        for path in written:
            ui.success(f"wrote {display_path(path)}")
        ui.info("not recorded: -o writes outside the records folder")
        return

    from pbctl.records.api import write_documents

    if renewal is not None:
        from pbctl.numerals import cn_date

        record_renewal(workspace, renewal, message)
        ui.success(f"term renewed: {cn_date(renewal.start)} to {cn_date(renewal.end)}")

    outputs = {r.kind: r.data for r in rendered}
    documents_dir = workspace.documents_dir(alliance.id)
    extra: dict[str, bytes] = {}
    if pdf:
        extra = pdf_bytes(stale_pdfs(documents_dir, rendered, pdfa=pdfa), pdfa=pdfa)
    result = write_documents(workspace, alliance.id, outputs, message=message, amend=amend,
                             extra=extra)
    for line in result.summary_lines():
        ui.info(line)


def _render_plan(alliance: Alliance, source: Path, year: int | None, alliance_ref: str,
                 settings: Settings, templates: Path) -> Rendered:
    from pbctl.definition.plan import load_plans
    from pbctl.errors import PbctlError, WorkspaceError
    from pbctl.rendering.plan import render_plan

    if year is None:
        raise PbctlError(f"which year? pbctl render plan {alliance_ref} YEAR")
    plan = load_plans(source.parent, alliance).get(year)
    if plan is None:
        raise WorkspaceError(f"{alliance.id} has no plan for {year}",
                             hint=f"write one with 'pbctl plan new {alliance.id} {year}'")
    return render_plan(alliance, plan, settings=settings, templates=templates)
