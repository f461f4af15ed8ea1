"""``pbctl render KIND ALLIANCE [N]``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pbctl.cli import Options, completion
from pbctl.cli.choice import Choice
from pbctl.i18n import _

if TYPE_CHECKING:
    from pbctl.definition.model import Alliance, Meeting
    from pbctl.definition.workspace import Workspace
    from pbctl.rendering.render import Rendered

KINDS = ("charter", "agreement", "integrity-pact", "all", "minutes")


@click.command()
@click.argument("kind", type=Choice(KINDS))
@click.argument("alliance_ref", metavar="ALLIANCE", shell_complete=completion.alliances)
@click.argument("number", metavar="[N]", type=click.IntRange(min=1), required=False,
                shell_complete=completion.meetings)
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
    """Render documents: charter, agreement, integrity-pact, all, or minutes N.

    ALLIANCE is an alliance id in the workspace or a path to a definition file. The
    definition is checked first; on any error nothing is written. Without -o the
    documents go to alliances/<id>/documents/ and each change is a revision (a commit).
    """
    from pbctl.cli import ui
    from pbctl.definition.loading import load_alliance
    from pbctl.definition.workspace import display_path
    from pbctl.errors import PbctlError
    from pbctl.rendering.render import ALLIANCE_DOCUMENTS, render_alliance_document, render_minutes

    workspace = opts.workspace()
    source = workspace.resolve_alliance(alliance_ref)
    alliance = load_alliance(source, display=display_path(source))
    renewal = None
    if renew:
        if kind not in ("agreement", "integrity-pact", "all"):
            raise click.UsageError(_("--renew renews the term of the agreement: use it with "
                                     "agreement, integrity-pact or all"))
        if output is not None:
            raise click.UsageError(_("--renew records the new term; it cannot be used with -o"))
        if source.resolve() != workspace.alliance_file(alliance.id).resolve():
            raise PbctlError(_("{path} is not an alliance of this workspace").format(
                path=display_path(source)),
                             hint=_("--renew changes the definition in the records"))
        from pbctl.definition.renewal import renew as next_term

        renewal = next_term(source, display_path(source))
        alliance, amend = renewal.alliance, True
    settings = workspace.settings()
    templates = workspace.templates_dir()
    pdf = pdf or pdfa

    if kind == "minutes":
        if number is None:
            raise PbctlError(_("which meeting? give its number: {command}").format(
                command=f"pbctl render minutes {alliance_ref} N"))
        meeting = _load_meeting(workspace, alliance, source, number)
        rendered = [render_minutes(alliance, meeting, settings=settings, templates=templates)]
    else:
        if number is not None:
            raise click.UsageError(_("N is only for minutes, not {kind}").format(kind=kind))
        kinds = ALLIANCE_DOCUMENTS if kind == "all" else (kind,)
        rendered = [render_alliance_document(k, alliance, settings=settings,
                                             templates=templates)
                    for k in ui.progress(kinds, _("rendering {id}").format(id=alliance.id))]

    if pdf:
        from pbctl.document.pdf import cjk_fonts_available

        if not cjk_fonts_available():
            ui.warning(_("no Chinese (CJK) font is installed: the PDF would show empty boxes; "
                         "install fonts-noto-cjk (Debian/Ubuntu) or another CJK font"))

    if output is not None:
        written = _export(rendered, output, pdf=pdf, pdfa=pdfa)
        for path in written:
            ui.success(_("wrote {path}").format(path=display_path(path)))
        ui.info(_("not recorded: -o writes outside the records folder"))
        return

    from pbctl.records.api import record_files, write_documents

    if renewal is not None:
        from pbctl.numerals import cn_date

        term = f"{renewal.start.isoformat()}/{renewal.end.isoformat()}"
        record_files(workspace, {renewal.path: renewal.text},
                     f"renew({alliance.id}): term {term}", message=message,
                     trailers={"Pbctl-Alliance": alliance.id, "Pbctl-Renewal": term})
        ui.success(_("term renewed: {start} to {end}").format(
            start=cn_date(renewal.start), end=cn_date(renewal.end)))

    outputs = {r.kind: r.data for r in rendered}
    documents_dir = workspace.documents_dir(alliance.id)
    extra: dict[str, bytes] = {}
    if pdf:
        stale = [r for r in rendered if not _unchanged(documents_dir, r.kind, r.data, pdfa)]
        extra = _pdf_bytes(stale, pdfa=pdfa)
    result = write_documents(workspace, alliance.id, outputs, message=message, amend=amend,
                             extra=extra)
    for line in result.summary_lines():
        ui.info(line)


def _load_meeting(workspace: Workspace, alliance: Alliance, source: Path,
                  number: int) -> Meeting:
    from pbctl.constants import MEETINGS_DIR
    from pbctl.definition.loading import load_record
    from pbctl.definition.model import Meeting
    from pbctl.definition.workspace import display_path
    from pbctl.errors import WorkspaceError

    folder = source.parent / MEETINGS_DIR
    matches = [p for p in folder.glob("*.yaml") if p.stem.isdigit() and int(p.stem) == number]
    if not matches:
        raise WorkspaceError(_("{id} has no meeting {n}").format(id=alliance.id, n=number),
                             hint=_("meetings are in {path}").format(path=display_path(folder)))
    record = load_record(matches[0], Meeting, alliance, display=display_path(matches[0]))
    assert isinstance(record, Meeting)
    return record


def _unchanged(documents_dir: Path, kind: str, data: bytes, pdfa: bool) -> bool:
    """A document whose .docx bytes are unchanged and whose PDF exists needs no new PDF."""
    docx = documents_dir / f"{kind}.docx"
    pdf = documents_dir / f"{kind}.pdf"
    return docx.is_file() and pdf.is_file() and docx.read_bytes() == data and not pdfa


def _pdf_bytes(rendered: Sequence[Rendered], *, pdfa: bool) -> dict[str, bytes]:
    """Convert rendered documents in a private temporary folder; return the PDFs' bytes."""
    import tempfile

    from pbctl.cli import ui
    from pbctl.document.pdf import to_pdf

    if not rendered:
        return {}
    with tempfile.TemporaryDirectory(prefix="pbctl-pdf-") as tmp:
        folder = Path(tmp)
        paths = []
        for item in rendered:
            path = folder / item.filename
            path.write_bytes(item.data)
            paths.append(path)
        with ui.working(_("Making the PDF with LibreOffice…")):
            pdfs = to_pdf(paths, folder / "out", pdfa=pdfa)
        return {p.name: p.read_bytes() for p in pdfs}


def _export(rendered: Sequence[Rendered], output: Path, *, pdf: bool, pdfa: bool
            ) -> list[Path]:
    from pbctl.cli import ui
    from pbctl.errors import PbctlError
    from pbctl.fsutil import atomic_write

    # A path ending in .docx is the file; anything else is a folder to write into.
    if output.suffix.lower() == ".docx" and len(rendered) == 1:
        targets = [output]
    else:
        if output.suffix.lower() == ".docx":
            raise PbctlError(_("{output}: rendering several documents needs a folder, not a file")
                             .format(output=output))
        if output.exists() and not output.is_dir():
            raise PbctlError(_("{output}: is a file; give a folder or a .docx path").format(
                output=output))
        targets = [output / r.filename for r in rendered]
    written: list[Path] = []
    for item, target in zip(rendered, targets, strict=True):
        atomic_write(target, item.data)
        written.append(target)
    if pdf:
        from pbctl.document.pdf import to_pdf

        with ui.working(_("Making the PDF with LibreOffice…")):
            written += to_pdf(targets, targets[0].parent, pdfa=pdfa)
    return written
