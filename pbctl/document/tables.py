"""Tables: a data table with a repeated header row, and the borderless signature table."""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.shared import Twips

from pbctl.document import oxml
from pbctl.document.blocks import Runs, Signatures, Table
from pbctl.document.styling import BODY_SIZE, TABLE_SIZE, Typesetter

#: Left/right cell margins of data tables (1.5 mm), twips.
_DATA_CELL_MARGIN = 85
#: Top/bottom cell margin of data tables (0.5 mm), twips.
_DATA_CELL_PAD = 28
#: A column never gets more weight than this many characters, so one long column cannot
#: squeeze the others to nothing; its text wraps instead.
_MAX_WEIGHT = 12.0
_MIN_WEIGHT = 2.0

SEAL = "（盖章）："
SIGNER = "负责人（签字）："
DATE_LINE = "日期：　　年　　月　　日"


def add_table(document: Any, ts: Typesetter, block: Table) -> Any:
    """A full-width table with single borders: header row in 黑体, cells in the body font,
    14 pt. The header repeats on every page and rows do not break across pages (a row
    taller than a page still does); columns have fixed widths shared out by the length of
    their text, so long text wraps inside its cell. Returns the table, or None when the
    block has no cells at all."""
    rows: list[tuple[Runs, ...]] = ([block.header] if block.header else []) + list(block.rows)
    ncols = max((len(r) for r in rows), default=0)
    if ncols == 0:
        return None
    widths = _column_widths(rows, ncols, ts.geometry.text_width, bool(block.header),
                            TABLE_SIZE * 10 + ts.geometry.condense, 2 * _DATA_CELL_MARGIN)
    table = _new_table(document, len(rows), widths, left=_DATA_CELL_MARGIN,
                       right=_DATA_CELL_MARGIN, vertical=_DATA_CELL_PAD)
    oxml.set_table_borders(oxml.tbl_element(table), style="single", size=4)
    for i, (row, cells) in enumerate(zip(table.rows, rows, strict=True)):
        header = i == 0 and bool(block.header)
        oxml.set_row_flags(oxml.tr_element(row), header=header, cant_split=True)
        for j, cell in enumerate(row.cells):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = ts.paragraph(cell, align="center" if header else "left", indent=False,
                                     line=240, rule="auto", snap=False, first=True)
            ts.add_runs(paragraph, cells[j] if j < len(cells) else (),
                        "hei" if header else "body", TABLE_SIZE)
    return table


def signature_columns(block: Signatures) -> int:
    """Parties a row: the block's ``columns`` if set, else 2 for 2 or 4 parties, else 3."""
    if block.columns > 0:
        return block.columns
    return 2 if len(block.parties) in (2, 4) else 3


def add_signatures(document: Any, ts: Typesetter, block: Signatures) -> Any:
    """The parties' signature blocks in a borderless table, each cell holding
    "甲方（盖章）：", the party's name, "负责人（签字）：" and "日期：　　年　　月　　日".

    Two columns set in 16 pt, three in 14 pt (narrower: 12 pt); the date line is scaled
    horizontally where it would not fit on one line. A name that wraps to fewer lines than
    its row's longest gets the difference as space, so the signer and date lines of a row
    stay level. Rows never split across pages and are kept together. Returns the table, or
    None without parties."""
    parties = block.parties
    if not parties:
        return None
    ncols = signature_columns(block)
    nrows = math.ceil(len(parties) / ncols)
    width = ts.geometry.text_width // ncols
    size = BODY_SIZE if ncols <= 2 else TABLE_SIZE if ncols == 3 else 24
    gap = size * 5  # half a character between columns; the first is flush with the text
    table = _new_table(document, nrows, [width] * ncols, left=0, right=gap)
    oxml.set_table_borders(oxml.tbl_element(table), style="nil")
    advance = size * 10 + ts.geometry.condense  # twips a full-width character
    per_line = max(1, (width - gap) // advance)
    date_scale = min(100, max(50, per_line * 100 // len(DATE_LINE)))
    pitch = ts.geometry.line_pitch
    for r, row in enumerate(table.rows):
        oxml.set_row_flags(oxml.tr_element(row), cant_split=True)
        keep = r < nrows - 1  # keep every row on the page of the next
        group = parties[r * ncols : (r + 1) * ncols]
        name_lines = [_lines(p.name, per_line) for p in group]
        for c, cell in enumerate(row.cells):
            if c >= len(group):
                ts.paragraph(cell, align="left", indent=False, keep_next=keep, snap=False,
                             first=True)
                continue
            lines = (
                (group[c].label + SEAL, pitch if r else 0),
                (group[c].name, 0),
                (SIGNER, pitch * (1 + max(name_lines) - name_lines[c])),
                (DATE_LINE, pitch),
            )
            for k, (text, before) in enumerate(lines):
                paragraph = ts.paragraph(cell, align="left", indent=False, before=before,
                                         keep_next=keep, snap=False, first=k == 0)
                run = ts.add_run(paragraph, text, "body", size)
                if k == len(lines) - 1 and date_scale < 100:
                    oxml.set_char_scale(oxml.rpr_of(run), date_scale)
    return table


def _lines(text: str, per_line: int) -> int:
    """Estimated lines ``text`` wraps to at ``per_line`` full-width characters a line."""
    return max(1, math.ceil(_text_width(text) / per_line))


def _new_table(document: Any, nrows: int, widths: list[int], *, left: int, right: int,
               vertical: int = 0) -> Any:
    """A centred table of fixed column ``widths`` with the given cell margins (twips)."""
    table = document.add_table(rows=nrows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl = oxml.tbl_element(table)
    oxml.set_table_width(tbl, sum(widths))
    oxml.set_cell_margins(tbl, top=vertical, left=left, bottom=vertical, right=right)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Twips(width)
    return table


def _column_widths(rows: list[tuple[Runs, ...]], ncols: int, total: int, has_header: bool,
                   char: int, padding: int) -> list[int]:
    """Fixed column widths (twips) adding up to ``total``.

    Each column first gets room for its header on one line (2–12 characters of ``char``
    twips, plus ``padding``); the rest is shared by how much longer than that the column's
    longest text is, counted up to 12 characters, so one long column wraps instead of
    squeezing the others. When even the headers do not fit, those minimums shrink in
    proportion. The last column takes the rounding remainder."""
    minimum: list[float] = []
    extra: list[float] = []
    for j in range(ncols):
        header = _display_width(rows[0][j]) if has_header and j < len(rows[0]) else 0.0
        longest = max((_display_width(row[j]) for row in rows if j < len(row)), default=0.0)
        need = math.ceil(min(max(header, _MIN_WEIGHT), _MAX_WEIGHT))
        minimum.append(need * char + char // 2 + padding)  # half a character of slack
        extra.append(max(0.0, min(longest, _MAX_WEIGHT) - need))
    spare = total - sum(minimum)
    if spare < 0:
        shares = [m * total / sum(minimum) for m in minimum]
    else:
        weights = extra if sum(extra) > 0 else minimum
        shares = [m + spare * w / sum(weights) for m, w in zip(minimum, weights, strict=True)]
    widths = [int(w) for w in shares]
    widths[-1] += total - sum(widths)
    return widths


def _display_width(runs: Runs) -> float:
    return sum(_text_width(run.text) for run in runs)


def _text_width(text: str) -> float:
    """Width in full-width characters: CJK and other wide characters 1, the rest 1/2."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)
