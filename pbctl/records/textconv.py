"""The text of a .docx, for ``git diff`` (a textconv driver) and ``pbctl diff``.

Paragraphs and tables in document order; a table row is its cells joined by `` | ``
(a merged cell once). Headers and footers (page numbers) are left out.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from pbctl.errors import RecordsError
from pbctl.i18n import _


def docx_text(data: bytes, name: str = "document") -> str:
    """The text of .docx ``data``, one paragraph (or table row) a line."""
    if not data:
        return ""
    try:
        from docx import Document

        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise RecordsError(_("{path}: not a readable .docx file ({reason})").format(
            path=name, reason=exc)) from None
    lines: list[str] = []
    _block_text(document, lines)
    return "\n".join(lines) + ("\n" if lines else "")


def _block_text(container: Any, lines: list[str]) -> None:
    from docx.table import Table

    from pbctl.document import oxml

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen: list[Any] = []  # a merged cell appears once per grid column
                cells = []
                for cell in row.cells:
                    if any(oxml.tc_element(cell) is tc for tc in seen):
                        continue
                    seen.append(oxml.tc_element(cell))
                    nested: list[str] = []
                    _block_text(cell, nested)
                    cells.append(" / ".join(line for line in nested if line))
                lines.append(" | ".join(cells))
        else:
            lines.append(block.text)


def textconv(path: Path) -> str:
    """The text of the .docx file at ``path`` (what ``pbctl textconv FILE`` prints)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RecordsError(_("{path}: cannot read ({reason})").format(
            path=path, reason=exc.strerror)) from None
    return docx_text(data, str(path))
