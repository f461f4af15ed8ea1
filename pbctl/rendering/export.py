"""Where rendered documents go besides the records: a PDF beside each, or -o's own path.

PDFs are made only for documents whose .docx changed (or that have none yet), since
LibreOffice is the slowest step by far.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pbctl.rendering.render import Rendered


def stale_pdfs(documents_dir: Path, rendered: Sequence[Rendered], *, pdfa: bool
               ) -> list[Rendered]:
    """The documents that need a new PDF: all for PDF/A, else those whose .docx bytes
    changed or whose PDF is missing."""
    return [r for r in rendered if not _unchanged(documents_dir, r.kind, r.data, pdfa)]


def _unchanged(documents_dir: Path, kind: str, data: bytes, pdfa: bool) -> bool:
    """A document whose .docx bytes are unchanged and whose PDF exists needs no new PDF."""
    docx = documents_dir / f"{kind}.docx"
    pdf = documents_dir / f"{kind}.pdf"
    return docx.is_file() and pdf.is_file() and docx.read_bytes() == data and not pdfa


def pdf_bytes(rendered: Sequence[Rendered], *, pdfa: bool) -> dict[str, bytes]:
    """Convert rendered documents in a private temporary folder; return the PDFs' bytes."""
    import tempfile

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
        pdfs = to_pdf(paths, folder / "out", pdfa=pdfa)
        return {p.name: p.read_bytes() for p in pdfs}


def export(rendered: Sequence[Rendered], output: Path, *, pdf: bool, pdfa: bool
            ) -> list[Path]:
    from pbctl.errors import PbctlError
    from pbctl.fsutil import atomic_write
    from pbctl.i18n import _

    # A path ending in .docx is the file; anything else is a folder to write into.
    if output.suffix.lower() == ".docx" and len(rendered) == 1:
        targets = [output]
    else:
        if output.suffix.lower() == ".docx":
            raise PbctlError(_("{path}: rendering several documents needs a folder, not a file"
                               ).format(path=output))
        if output.exists() and not output.is_dir():
            raise PbctlError(_("{path}: is a file; give a folder or a .docx path").format(
                path=output))
        targets = [output / r.filename for r in rendered]
    written: list[Path] = []
    for item, target in zip(rendered, targets, strict=True):
        atomic_write(target, item.data)
        written.append(target)
    if pdf:
        from pbctl.document.pdf import to_pdf

        written += to_pdf(targets, targets[0].parent, pdfa=pdfa)
    return written
