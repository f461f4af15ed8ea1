"""Where ``pbctl render`` puts what it rendered: into the records (one revision, with PDFs
made only for changed documents) or, with -o, outside them (never over a signed file)."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from pbctl.i18n import _

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pbctl.definition.renewal import Renewal
    from pbctl.definition.workspace import Workspace
    from pbctl.rendering.render import Rendered


def export_to(workspace: Workspace, rendered: Sequence[Rendered], output: Path, *,
              amend: bool, pdf: bool, pdfa: bool) -> None:
    """Write the documents at ``output`` (a .docx path or a folder), refusing to replace a
    signed file there unless ``amend``; nothing is recorded."""
    from pbctl.cli import ui
    from pbctl.definition.workspace import display_path
    from pbctl.records.frozen import refuse_signed_output
    from pbctl.rendering.export import export

    for path in (output, *(output / r.filename for r in rendered)):
        refuse_signed_output(workspace, path, amend=amend)
    with ui.working(_("Making the PDF with LibreOffice…")) if pdf else nullcontext():
        written = export(rendered, output, pdf=pdf, pdfa=pdfa)
    for path in written:
        ui.success(_("wrote {path}").format(path=display_path(path)))
    ui.info(_("not recorded: -o writes outside the records folder"))


def record(workspace: Workspace, alliance_id: str, rendered: Sequence[Rendered],
           renewal: Renewal | None, *, message: str | None, amend: bool, pdf: bool,
           pdfa: bool) -> None:
    """Record the renewed term (if any), then the documents and their PDFs, and say what
    changed."""
    from pbctl.cli import ui
    from pbctl.records.api import write_documents
    from pbctl.records.renewal import record_renewal
    from pbctl.rendering.export import pdf_bytes, stale_pdfs

    if renewal is not None:
        from pbctl.numerals import cn_date

        record_renewal(workspace, renewal, message)
        ui.success(_("term renewed: {start} to {end}").format(
            start=cn_date(renewal.start), end=cn_date(renewal.end)))
    documents_dir = workspace.documents_dir(alliance_id)
    extra: dict[str, bytes] = {}
    if pdf:
        with ui.working(_("Making the PDF with LibreOffice…")):
            extra = pdf_bytes(stale_pdfs(documents_dir, rendered, pdfa=pdfa), pdfa=pdfa)
    result = write_documents(workspace, alliance_id, {r.kind: r.data for r in rendered},
                             message=message, amend=amend, extra=extra)
    for line in result.summary_lines():
        ui.info(line)
