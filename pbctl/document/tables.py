"""Tables: a data table with a repeated header row, and the borderless signature table."""

from __future__ import annotations

import itertools
import math
import unicodedata
from typing import TYPE_CHECKING

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.shared import Twips

from pbctl.document import oxml, segment, table_xml
from pbctl.document.blocks import Run, Runs, Signatures, Table
from pbctl.document.styling import BODY_SIZE, TABLE_SIZE, Typesetter, mm

if TYPE_CHECKING:
    from docx.table import Table as DocxTable
    from docx.table import _Cell, _Column, _Row

    from pbctl.document.styling import Container

#: Font sizes a data table may take (half-points): 四号, 小四, 五号 — never below 10.5 pt.
TABLE_SIZES = (TABLE_SIZE, 24, 21)

#: Left/right cell margins of data tables (1.5 mm), twips.
_DATA_CELL_MARGIN = 85
#: Top/bottom cell margin of data tables (0.5 mm), twips.
_DATA_CELL_PAD = 28
#: A column never gets more weight than this many characters, so one long column cannot
#: squeeze the others to nothing; its text wraps instead.
_MAX_WEIGHT = 12.0
#: A prose column (see :func:`_prose_columns`) counts its text up to this many characters:
#: it takes the width it needs, where unit names stop at :data:`_MAX_WEIGHT`.
_PROSE_WEIGHT = 30.0
#: A prose column narrower than this many characters that would take more than
#: :data:`_PROSE_LINES` lines makes the table take a smaller size, so that its sentences
#: are not set a few words a line.
_PROSE_MIN = 12.0
_PROSE_LINES = 2
#: Marks of a sentence: a cell holding one is prose, not a name (a 备注 such as
#: 牵头单位；秘书处所在单位 is a list of names).
_SENTENCE_MARKS = "，。！？,!?"
#: Headers of columns that hold prose whatever their length.
_PROSE_HEADERS = ("内容", "事项", "措施")
_MIN_WEIGHT = 2.0
#: Lines up to this many characters wide (2025年12月31日 is 7.5) get a column they fit in.
_NO_WRAP = 8.0

SEAL = "（盖章）："
SIGNER = "负责人（签字）："
DATE_LINE = "日期：　　年　　月　　日"
#: A seal is 40–42 mm across: each party's signature row and a signing annex's seal cell
#: give it at least this much (twips).
SEAL_SPACE = mm(42)
MAX_SIGNATURE_COLUMNS = 3
#: A column headed 签字 (a witness's or attendee's signature): this wide, a third as tall.
SIGNATURE_SPACE = mm(36)
#: Line height of a unit name that wraps in a signature block (20 pt, tighter than the
#: 28.95 pt grid), so ten parties and their seal space fit on one page.
_NAME_LEADING = 400


def add_table(document: Container, ts: Typesetter, block: Table, *, keep: bool = False
              ) -> DocxTable | None:
    """A full-width table with single borders: header row in 黑体, cells in the body font,
    14 pt. The header repeats on every page and rows of up to :data:`_WHOLE_ROW_LINES`
    lines do not break across pages (a taller one may, rather than leave a page empty
    before it); columns have fixed widths shared out by the length of
    their text, so long text wraps inside its cell; a prose column (a plan's 工作内容) takes
    the width it needs, at a smaller size if need be, and wraps where the reader wraps it.
    A short text in another column (a unit name) that needs two lines breaks between
    words, by an explicit line break. A column headed "…盖章"
    is a seal column: at least :data:`SEAL_SPACE` wide, and its rows that tall; a column
    headed 签字 or 签名 gets :data:`SIGNATURE_SPACE`. Returns
    the table, or None when the block has no cells at all. ``keep`` keeps the whole table
    on one page with what follows (a witness table in the signing unit)."""
    rows: list[tuple[Runs, ...]] = ([block.header] if block.header else []) + list(block.rows)
    ncols = max((len(r) for r in rows), default=0)
    if ncols == 0:
        return None
    seal = [j for j, cell in enumerate(block.header) if "盖章" in _plain(cell)]
    sign = [j for j, cell in enumerate(block.header)
            if j not in seal and ("签字" in _plain(cell) or "签名" in _plain(cell))]
    fixed = {j: SEAL_SPACE for j in seal} | {j: SIGNATURE_SPACE for j in sign}
    prose = _prose_columns(rows, ncols, bool(block.header))
    # 四号 where the columns fit, else 小四, else 五号 (a dense table such as a ledger)
    for size in TABLE_SIZES:
        char = size * 10 + ts.geometry.condense
        widths, fits = _column_widths(rows, ncols, ts.geometry.text_width,
                                      bool(block.header), char, 2 * _DATA_CELL_MARGIN,
                                      fixed=fixed, prose=prose)
        if fits:
            break
    table = _new_table(document, len(rows), widths, left=_DATA_CELL_MARGIN,
                       right=_DATA_CELL_MARGIN, vertical=_DATA_CELL_PAD)
    table_xml.set_table_borders(oxml.tbl_element(table), style="single", size=4)
    # the last rows keep together, so a table never ends with one row alone on a page
    tail = len(rows) - (_TAIL_ROWS_SEAL if seal else _TAIL_ROWS) if len(rows) > 5 \
        else len(rows)
    tail = min(tail, len(rows) - 1)
    for i, (row, cells) in enumerate(zip(_rows(table), rows, strict=True)):
        header = i == 0 and bool(block.header)
        whole = header or _row_lines(cells, widths, char) <= _WHOLE_ROW_LINES
        table_xml.set_row_flags(oxml.tr_element(row), header=header, cant_split=whole)
        if (seal or sign) and not header:
            table_xml.set_row_height(oxml.tr_element(row),
                                     SEAL_SPACE if seal else SIGNATURE_SPACE // 3)
        for j, cell in enumerate(row.cells):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = ts.paragraph(cell, align="center" if header else "left", indent=False,
                                     line=240, rule="auto", snap=False, first=True,
                                     keep_next=keep or tail <= i < len(rows) - 1)
            runs = cells[j] if j < len(cells) else ()
            if not header and j not in prose:
                runs = _wrap_short(runs, (widths[j] - 2 * _DATA_CELL_MARGIN) // char)
            ts.add_runs(paragraph, runs, "hei" if header else "body", size)
    return table


#: A row up to this many lines never breaks across pages; a taller one (a ledger entry's
#: 主要内容) may, rather than leave the page before it empty.
_WHOLE_ROW_LINES = 8


def _row_lines(cells: tuple[Runs, ...], widths: list[int], char: int) -> int:
    """Estimated lines of a row: its tallest cell, each line of text wrapped at the cell's
    width (``char`` twips a Chinese character)."""
    tallest = 1
    for j, runs in enumerate(cells[:len(widths)]):
        per_line = max(1, (widths[j] - 2 * _DATA_CELL_MARGIN) // char)
        lines = sum(max(1, -(-int(_text_width(part)) // per_line))
                    for part in _plain(runs).split("\n"))
        tallest = max(tallest, lines)
    return tallest


#: Rows that end a table together (keep-with-next on the rows before the last).
_TAIL_ROWS = 4
_TAIL_ROWS_SEAL = 3
#: Cell texts up to this many characters (names, places) are broken between words by the
#: writer; longer ones (prose) wrap where the reader wraps them.
_SHORT_TEXT = 40


def _prose_columns(rows: list[tuple[Runs, ...]], ncols: int, has_header: bool) -> set[int]:
    """Columns of prose (a plan's 工作内容): a cell holds a sentence mark or is longer than
    :data:`_SHORT_TEXT`, or the header names content. Their text wraps where the reader
    wraps it; the other columns hold names, broken between words."""
    header = rows[0] if has_header else ()
    body = rows[1:] if has_header else rows
    prose: set[int] = set()
    for j in range(ncols):
        texts = [_plain(row[j]) for row in body if j < len(row)]
        if (j < len(header) and any(word in _plain(header[j]) for word in _PROSE_HEADERS)) \
                or any(len(t) > _SHORT_TEXT or any(m in t for m in _SENTENCE_MARKS)
                       for t in texts):
            prose.add(j)
    return prose


def _wrap_short(runs: Runs, per_line: int) -> Runs:
    """A one-font cell text that is short but longer than a line, with explicit breaks
    between words."""
    if len(runs) != 1 or "\n" in runs[0].text or per_line < 2:
        return runs
    text = runs[0].text
    if len(text) > _SHORT_TEXT or _text_width(text) <= per_line:
        return runs
    return (Run("\n".join(segment.wrap(text, per_line)), runs[0].font),)


def _plain(runs: Runs) -> str:
    return "".join(r.text for r in runs)


def add_unit(document: Container, ts: Typesetter, rows: int) -> list[_Cell]:
    """A borderless one-column table the width of the text whose rows cannot split: what
    is put in a row's cell stays on one page (Word and LibreOffice both keep a row whole,
    where LibreOffice ignores keep-with-next from a table to the paragraph after it).
    Every row but the last keeps with the next where it can. Returns the cells."""
    table = _new_table(document, rows, [ts.geometry.text_width], left=0, right=0)
    table_xml.set_table_borders(oxml.tbl_element(table), style="nil")
    for row in _rows(table):
        table_xml.set_row_flags(oxml.tr_element(row), cant_split=True)
    return [row.cells[0] for row in _rows(table)]


def signature_columns(block: Signatures) -> int:
    """Parties a row: the block's ``columns`` if set (at most 3: a fourth column would be
    narrower than a 40 mm seal), else 2 for 2 or 4 parties, else 3."""
    if block.columns > 0:
        return min(block.columns, MAX_SIGNATURE_COLUMNS)
    return 2 if len(block.parties) in (2, 4) else 3


def add_signatures(document: Container, ts: Typesetter, block: Signatures, *,
                   dated: bool = True, keep: bool = False) -> DocxTable | None:
    """The parties' signature blocks in a borderless table, each cell holding
    "甲方（盖章）：", the party's full name, room for the seal, "负责人（签字）：" and, when
    ``dated`` (the document prints no 签订日期 for all), "日期：　　年　　月　　日".

    Everything in 3号 (16 pt). A name that does not fit its column breaks only between
    words (an explicit line break, so Word and LibreOffice agree); a name that wraps to
    fewer lines than its row's longest gets the difference as space, so the signer lines
    of a row stay level. Every row is at least :data:`SEAL_SPACE` tall and every column at
    least that wide, so a 40–42 mm seal fits. Rows never split across pages and are kept
    together, and with what follows when ``keep``. Returns the table, or None without
    parties."""
    parties = block.parties
    if not parties:
        return None
    ncols = signature_columns(block)
    nrows = math.ceil(len(parties) / ncols)
    width = ts.geometry.text_width // ncols
    size = BODY_SIZE
    gap = size * 5  # half a character between columns; the first is flush with the text
    table = _new_table(document, nrows, [width] * ncols, left=0, right=gap)
    table_xml.set_table_borders(oxml.tbl_element(table), style="nil")
    advance = size * 10 + ts.geometry.condense  # twips a full-width character
    per_line = max(2, (width - gap) // advance)
    pitch = ts.geometry.line_pitch
    for r, row in enumerate(_rows(table)):
        table_xml.set_row_flags(oxml.tr_element(row), cant_split=True)
        table_xml.set_row_height(oxml.tr_element(row), SEAL_SPACE)
        keep_row = keep or r < nrows - 1  # every row on the page of the next
        group = parties[r * ncols : (r + 1) * ncols]
        names = [segment.wrap(p.name, per_line) for p in group]
        tallest = max(len(n) for n in names)
        top = pitch // 4 if r else 0  # a little air between rows
        # label, name and signer lines with room between them to make the seal space
        used = top + 2 * pitch + tallest * _NAME_LEADING
        room = max(0, SEAL_SPACE - used - (pitch if dated else 0))
        for c, cell in enumerate(row.cells):
            if c >= len(group):
                ts.paragraph(cell, align="left", indent=False, keep_next=keep_row,
                             snap=False, first=True)
                continue
            lines = [
                (group[c].label + SEAL, top, pitch),
                ("\n".join(names[c]), 0, _NAME_LEADING),
                (SIGNER, _NAME_LEADING * (tallest - len(names[c])) + room, pitch),
            ]
            if dated:
                lines.append((DATE_LINE, 0, pitch))
            for k, (text, before, leading) in enumerate(lines):
                paragraph = ts.paragraph(cell, align="left", indent=False, before=before,
                                         line=leading, keep_next=keep_row or k < len(lines) - 1,
                                         snap=False, first=k == 0)
                oxml.set_flag(oxml.ppr_of(paragraph), "w:keepLines")
                ts.add_run(paragraph, text, "body", size)
    return table


def _new_table(document: Container, nrows: int, widths: list[int], *, left: int, right: int,
               vertical: int = 0) -> DocxTable:
    """A centred table of fixed column ``widths`` with the given cell margins (twips)."""
    table = document.add_table(rows=nrows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl = oxml.tbl_element(table)
    table_xml.set_table_width(tbl, sum(widths))
    table_xml.set_cell_margins(tbl, top=vertical, left=left, bottom=vertical, right=right)
    for column, width in zip(_columns(table), widths, strict=True):
        column.width = Twips(width)
    for row in _rows(table):
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Twips(width)
    return table


def _rows(table: DocxTable) -> list[_Row]:
    return list(table.rows)  # python-docx leaves _Rows.__iter__ unannotated


def _columns(table: DocxTable) -> list[_Column]:
    return list(table.columns)  # python-docx leaves Table.columns unannotated


def _column_widths(rows: list[tuple[Runs, ...]], ncols: int, total: int, has_header: bool,
                   char: int, padding: int, fixed: dict[int, int] | None = None,
                   prose: set[int] | frozenset[int] = frozenset()
                   ) -> tuple[list[int], bool]:
    """Fixed column widths (twips) adding up to ``total``.

    Each column first gets room for its header on one line (2–12 characters of ``char``
    twips, plus ``padding``); the rest is shared by how much longer than that the column's
    longest text is, counted up to 12 characters (30 in a ``prose`` column), so one long
    column wraps instead of squeezing the others. When even the headers do not fit, those
    minimums shrink in proportion. The last column takes the rounding remainder. Columns in
    ``fixed`` get their given width and the others share what is left. Also says whether
    the minimums fitted (a header may take two lines; a short line such as a date never
    wraps) and every prose column is :data:`_PROSE_MIN` characters wide, or holds its
    longest text in :data:`_PROSE_LINES` lines."""
    fixed = fixed or {}
    if fixed:
        others = [j for j in range(ncols) if j not in fixed]
        rest = total - sum(fixed.values())
        if others and rest > 0:
            sub, fits = _column_widths([tuple(r[j] for j in others if j < len(r))
                                        for r in rows], len(others), rest, has_header, char,
                                       padding, prose={others.index(j) for j in prose
                                                       if j in others})
            shared = dict(zip(others, sub, strict=True))
            return [fixed.get(j, shared.get(j, 0)) for j in range(ncols)], fits
    minimum: list[float] = []
    extra: list[float] = []
    wanted: dict[int, float] = {}  # characters each prose column should be wide
    for j in range(ncols):
        header = _display_width(rows[0][j]) if has_header and j < len(rows[0]) else 0.0
        body = [row[j] for row in rows[1 if has_header else 0:] if j < len(row)]
        longest = max((_display_width(cell) for cell in body), default=0.0)
        # a short line (a date, a number, a name of a few characters) never wraps
        short = max((_set_width(line) for cell in body for line in _plain(cell).split("\n")
                     if _text_width(line) <= _NO_WRAP), default=0.0)
        head = header if header <= 4 else math.ceil(header / 2)  # two lines at most
        need = math.ceil(min(max(head, short, _MIN_WEIGHT), _MAX_WEIGHT))
        minimum.append(need * char + char // 2 + padding)  # half a character of slack
        cap = _PROSE_WEIGHT if j in prose else _MAX_WEIGHT
        if j in prose:
            wanted[j] = min(longest / _PROSE_LINES, _PROSE_MIN)
        extra.append(max(0.0, min(longest, cap) - need))
    spare = total - sum(minimum)
    if spare < 0:
        shares = [m * total / sum(minimum) for m in minimum]
    else:
        weights = extra if sum(extra) > 0 else minimum
        shares = [m + spare * w / sum(weights) for m, w in zip(minimum, weights, strict=True)]
    widths = [int(w) for w in shares]
    widths[-1] += total - sum(widths)
    roomy = all(widths[j] - padding >= n * char for j, n in wanted.items())
    return widths, spare >= 0 and roomy


def _set_width(line: str) -> float:
    """The width a short line takes when set: LibreOffice puts a gap of about a quarter
    character between Chinese and Latin letters or digits ("2024 年 3 月")."""
    changes = sum(1 for a, b in itertools.pairwise(line)
                  if a.isascii() != b.isascii())
    return _text_width(line) + 0.25 * changes


def _display_width(runs: Runs) -> float:
    return sum(_text_width(run.text) for run in runs)


def _text_width(text: str) -> float:
    """Width in full-width characters: CJK and other wide characters 1, the rest 1/2."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)
