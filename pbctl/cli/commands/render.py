"""``pbctl render KIND ALLIANCE [N]``."""

from __future__ import annotations

from pathlib import Path

import click

from pbctl.cli import Options, options
from pbctl.constants import DOCUMENT_KINDS

KINDS = (*DOCUMENT_KINDS, "all", "minutes", "plan", "supplement", "signin", "record")


@click.command()
@click.argument("kind", type=click.Choice(KINDS))
@options.alliance(required=False)
@click.argument("target", metavar="[meeting|activity] [N]", nargs=-1)
@click.option("--pairing", type=click.IntRange(min=1),
              help="With agreement: the bilateral agreement of pairing N (as listed).")
@click.option("--member", "member_id", metavar="ID",
              help="With supplement: the member that accedes to the signed agreement.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write here instead of the records (a folder for 'all').")
@click.option("--pdf", is_flag=True, help="Also make a PDF with LibreOffice.")
@click.option("--pdfa", is_flag=True, help="Make the PDF a PDF/A-2b (for archiving).")
@click.option("--amend", is_flag=True, help="Allow a new revision of a signed document.")
@click.option("--renew", is_flag=True,
              help="Start the next term: move term.start past the current term's end (a "
                   "revision of the definition), then render the agreement for it.")
@click.option("--all", "every", is_flag=True, help="Every alliance of the workspace, "
              "in parallel (charter, agreement, integrity-pact, all); a revision each.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="With --all: processes.")
@click.option("-m", "--message", help="Reason recorded with the revision.")
@click.pass_obj
def render(opts: Options, kind: str, alliance_ref: str | None, target: tuple[str, ...],
           pairing: int | None, member_id: str | None, output: Path | None, pdf: bool,
           pdfa: bool, amend: bool, renew: bool, every: bool, jobs: int | None,
           message: str | None) -> None:
    """Render documents: charter, agreement, integrity-pact, all (--all: of every alliance),
    minutes N (a group's: minutes GROUP-N), or plan YEAR (from plans/YEAR.yaml).

    Also: agreement --pairing N (a pairing's own agreement), supplement --member ID (补充协议),
    signin meeting|activity N (签到表), record activity N (活动记录).

    ALLIANCE is an alliance id in the workspace or a path to a definition file. The
    definition is checked first; on any error nothing is written. Without -o the
    documents go to alliances/<id>/documents/ and each change is a revision (a commit).
    """
    if every:
        from pbctl.cli.render_all import render_every

        return render_every(opts, kind, (alliance_ref, *target, pairing, member_id, output,
                                         renew), pdf=pdf or pdfa, pdfa=pdfa, amend=amend,
                            jobs=jobs, message=message)
    if alliance_ref is None:
        raise click.UsageError("missing ALLIANCE (or --all for every alliance)")
    from pbctl.cli import ui
    from pbctl.definition.loading import load_alliance
    from pbctl.definition.workspace import display_path
    from pbctl.records.renewal import RENEWABLE, next_term, record_renewal
    from pbctl.records.selection import render_selected
    from pbctl.rendering.export import export, pdf_bytes, stale_pdfs

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
    pdf = pdf or pdfa
    rendered = render_selected(workspace, alliance, source, kind, target,
                               alliance_ref=alliance_ref, pairing=pairing, member_id=member_id,
                               settings=workspace.settings(),
                               templates=workspace.templates_dir(), progress=ui.progress)
    if not rendered:
        ui.info(f"{alliance.id} keeps no charter, agreement or integrity pact "
                "(documents: [] in its definition)")
        return
    if pdf:
        from pbctl.document.pdf import cjk_fonts_available

        if not cjk_fonts_available():
            ui.warning("no Chinese (CJK) font is installed: the PDF would show empty boxes; "
                       "install fonts-noto-cjk (Debian/Ubuntu) or another CJK font")
    if output is not None:
        for path in export(rendered, output, pdf=pdf, pdfa=pdfa):
            ui.success(f"wrote {display_path(path)}")
        ui.info("not recorded: -o writes outside the records folder")
        return

    from pbctl.records.api import write_documents

    if renewal is not None:
        from pbctl.numerals import cn_date

        record_renewal(workspace, renewal, message)
        ui.success(f"term renewed: {cn_date(renewal.start)} to {cn_date(renewal.end)}")
    documents_dir = workspace.documents_dir(alliance.id)
    extra = pdf_bytes(stale_pdfs(documents_dir, rendered, pdfa=pdfa), pdfa=pdfa) if pdf else {}
    result = write_documents(workspace, alliance.id, {r.kind: r.data for r in rendered},
                             message=message, amend=amend, extra=extra)
    for line in result.summary_lines():
        ui.info(line)
