"""The ledger as an .xlsx workbook (openpyxl), byte-deterministic.

Sheets: 台账 (meetings and activities), 议定事项 (decisions), 统计 (counts per quarter, per
member — under its parent, or grouped by parent with subtotals — and per joint group's own
meetings). Header rows are frozen and bold, dates are real dates with a number format,
column widths fit Chinese text (a CJK character counts as two). The same ledger always
gives the same bytes: document properties come from the period, not the clock, and the zip
entries carry a fixed date.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pbctl.fsutil import normalize_zip

if TYPE_CHECKING:
    from pbctl.tracking.ledger import Cell, Ledger
    from pbctl.tracking.participation import GroupCount

DATE_FORMAT = 'yyyy"年"m"月"d"日"'
FONT = "宋体"
MAX_WIDTH = 18  # wider text wraps, so 17 columns print on A4 landscape at a readable size
MIN_WIDTH = 6


def display_width(text: str) -> int:
    """Columns a text takes: wide (CJK) characters 2, others 1; the longest line counts."""
    return max((sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
                for line in text.split("\n")), default=0)


def _cell_width(value: object) -> int:
    if isinstance(value, dt.date):
        return 15  # 2024年12月31日
    return display_width("" if value is None else str(value))


class _Styles:
    """The few cell styles the workbook uses (openpyxl style objects are immutable)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="808080")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.head_font = Font(name=FONT, bold=True, size=11)
        self.body_font = Font(name=FONT, size=11)
        self.fill = PatternFill("solid", fgColor="D9E1F2")
        self.head_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")

    def head(self, cell: Any) -> None:
        cell.font, cell.fill, cell.border, cell.alignment = (
            self.head_font, self.fill, self.border, self.head_align)

    def body(self, cell: Any) -> None:
        cell.font, cell.border, cell.alignment = self.body_font, self.border, self.wrap
        if isinstance(cell.value, dt.datetime | dt.date):
            cell.number_format = DATE_FORMAT


def _widths(ws: Any, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Widen columns to fit their text (never narrower than they already are)."""
    from openpyxl.utils import get_column_letter

    for j, name in enumerate(header, start=1):
        widest = max([display_width(name), *(_cell_width(r[j - 1]) for r in rows)])
        letter = get_column_letter(j)
        width = min(max(widest, MIN_WIDTH), MAX_WIDTH) + 2
        ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 0,
                                                 width)


#: Points a line of 11 pt 宋体 takes in a row (Excel's default row is 15 pt for 11 pt text).
LINE_HEIGHT = 15


def fit_row_heights(wb: Any) -> None:
    """Give each row that wraps the height of its longest cell, counted from the column
    widths. Excel and WPS would fit rows when the file is opened, but LibreOffice (and its
    PDF conversion) keeps the default height and clips the wrapped lines, so the heights
    are written."""
    import math

    from openpyxl.utils import get_column_letter

    for ws in wb.worksheets:
        widths = {j: (ws.column_dimensions[get_column_letter(j)].width or 8.43) - 1
                  for j in range(1, ws.max_column + 1)}
        for row in ws.iter_rows():
            lines = 1
            for cell in row:
                if cell.value is None or isinstance(cell.value, int | float | dt.date) \
                        or not cell.alignment.wrap_text:  # a caption overflows, unwrapped
                    continue
                usable = max(widths.get(cell.column, 8.0), 1.0)
                text = str(cell.value)
                lines = max(lines, sum(max(1, math.ceil(display_width(part) / usable))
                                       for part in text.split("\n")))
            if lines > 1:
                ws.row_dimensions[row[0].row].height = lines * LINE_HEIGHT


def _sheet(wb: Any, style: _Styles, title: str, header: Sequence[str],
           rows: Sequence[Sequence[Cell]], *, first: bool = False) -> Any:
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    ws.append(list(header))
    for cell in ws[1]:
        style.head(cell)
    for row in rows:
        ws.append([_excel_value(v) for v in row])
    for row_cells in ws.iter_rows(min_row=2):
        for cell in row_cells:
            style.body(cell)
    _widths(ws, header, rows)
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4  # inches
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.print_options.horizontalCentered = True
    return ws


def _excel_value(value: object) -> object:
    # openpyxl stores a date as a date; a datetime keeps it a date cell in every reader.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value


def _text_as_text(ws: Any) -> None:
    """Every text cell a string cell: user text starting with ``= + - @`` (or a tab or CR)
    is never a formula (``=HYPERLINK(…)``, a DDE payload) for Excel or WPS to run."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def _decision_rows(ledger: Ledger) -> list[list[Cell]]:
    from pbctl.tracking.ledger import status_word

    out: list[list[Cell]] = []
    for i, item in enumerate(ledger.decisions, start=1):
        d = item.state
        cells: list[Cell] = [i]
        if ledger.many:
            cells.append(item.alliance)
        cells += [item.meeting_title, d.meeting_date, d.text, d.owner_name, d.due,
                  status_word(d), d.done_date,
                  d.note or (f"逾期{d.days_overdue}天" if d.state == "overdue" else "")]
        out.append(cells)
    return out


def _statistics(wb: Any, style: _Styles, ledger: Ledger) -> None:
    header = ("季度", "联席会议（次）", "联建活动（次）", "议定事项（项）", "已完成（项）",
              "逾期未完成（项）")
    qs = ledger.quarters
    rows: list[list[Cell]] = [[q.label, q.meetings, q.activities, q.decisions, q.done,
                               q.overdue] for q in qs]
    rows.append(["合计", sum(q.meetings for q in qs), sum(q.activities for q in qs),
                 sum(q.decisions for q in qs), sum(q.done for q in qs),
                 sum(q.overdue for q in qs)])
    ws = _sheet(wb, style, "统计", header, rows)
    ws.cell(row=len(rows) + 1, column=1).font = style.head_font
    end = _table_below(ws, style, len(rows) + 3, *_member_table(ledger))
    if ledger.groups:
        _table_below(ws, style, end + 2, *_group_table(ledger))


MEMBER_HEADER = ("成员单位", "出席联席会议（次）", "参加联建活动（次）", "牵头承办（次）",
                 "负责议定事项（项）", "已完成（项）")
GROUP_HEADER = ("联组（专委会）", "牵头单位", "成员单位（个）", "召开联组会议（次）", "会议",
                "议定事项（项）", "已落实（项）")
PARENT_COLUMN = "上级党组织"

#: a caption, a header, rows, and the rows (0-based) that are sums: bold, outside the outline
_Table = tuple[str, list[str], list[list["Cell"]], set[int]]


def _member_table(ledger: Ledger) -> _Table:
    """成员单位参与情况: the members under their parents (└─); with ``by_parent``, grouped by
    parent (上级党组织) with a 小计 row after each group and a 合计 row for each alliance."""
    from pbctl.tracking.participation import parent_sections

    header = list(MEMBER_HEADER)
    rows: list[tuple[str, list[Cell]]] = []  # (alliance, cells)
    sums: set[int] = set()
    if not ledger.by_parent:
        rows = [(m.alliance, [m.member, *m.numbers()]) for m in ledger.members]
        caption = "成员单位参与情况"
    else:
        header.insert(0, PARENT_COLUMN)
        caption = "成员单位参与情况（按上级党组织）"
        sections = parent_sections(ledger.members)
        for i, section in enumerate(sections):
            rows += [(m.alliance, [section.parent, m.name, *m.numbers()])
                     for m in section.members]
            sums.add(len(rows))
            rows.append((section.alliance, [f"{section.parent}　小计",
                                            f"共{len(section.members)}个单位",
                                            *section.totals()]))
            if i + 1 == len(sections) or sections[i + 1].alliance != section.alliance:
                mine = [m for m in ledger.members if m.alliance == section.alliance]
                sums.add(len(rows))
                rows.append((section.alliance, ["合计", f"共{len(mine)}个单位", *(
                    sum(m.numbers()[j] for m in mine) for j in range(len(MEMBER_HEADER) - 1))]))
    if ledger.many:
        header.insert(0, "所属联建")
        return caption, header, [[alliance, *cells] for alliance, cells in rows], sums
    return caption, header, [cells for _, cells in rows], sums


def _group_table(ledger: Ledger) -> _Table:
    """联组（专委会）会议情况: each group's own meetings in the period, with their decisions."""
    header, rows = group_rows(ledger.groups, many=ledger.many)
    return "联组（专委会）会议情况", header, rows, set()


def group_rows(groups: Sequence[GroupCount], *, many: bool) -> tuple[list[str], list[list[Cell]]]:
    """The header and rows of a table of groups (联组 / 专委会) and their own meetings."""
    header = list(GROUP_HEADER)
    rows: list[list[Cell]] = [[g.name, g.lead, g.members, g.held, "\n".join(g.meetings),
                               g.decisions, g.done] for g in groups]
    if many:
        header.insert(0, "所属联建")
        rows = [[g.alliance, *row] for g, row in zip(groups, rows, strict=True)]
    return header, rows


def _table_below(ws: Any, style: _Styles, start: int, caption: str, header: Sequence[str],
                 rows: Sequence[Sequence[Cell]], sums: set[int]) -> int:
    """A captioned table from row ``start`` down; the last row it takes. Rows that are not
    sums are an outline level below them, so a group folds into its 小计 in Excel."""
    ws.cell(row=start, column=1, value=caption).font = style.head_font
    for j, name in enumerate(header, start=1):
        style.head(ws.cell(row=start + 1, column=j, value=name))
    for i, values in enumerate(rows):
        r = start + 2 + i
        for j, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=j, value=_excel_value(value))
            style.body(cell)
            if i in sums:
                cell.font = style.head_font
        if sums and i not in sums:
            ws.row_dimensions[r].outline_level = 1
    _widths(ws, header, rows)
    return start + 1 + len(rows)


def workbook_bytes(ledger: Ledger, *, author: str) -> bytes:
    """The .xlsx bytes of ``ledger``; identical input gives identical bytes."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    from pbctl.tracking.ledger import COLUMNS, DECISION_COLUMNS

    wb = Workbook()
    style = _Styles()
    _sheet(wb, style, "台账", ledger.columns(COLUMNS), ledger.table(COLUMNS), first=True)
    decision_header = list(DECISION_COLUMNS)
    if ledger.many:
        decision_header.insert(1, "所属联建")
    _sheet(wb, style, "议定事项", decision_header, _decision_rows(ledger))
    _statistics(wb, style, ledger)
    for sheet in wb.worksheets:
        _text_as_text(sheet)
    fit_row_heights(wb)
    moment = dt.datetime(ledger.period.end.year, ledger.period.end.month,
                         ledger.period.end.day)
    props = wb.properties
    props.creator = author
    props.lastModifiedBy = author
    props.title = f"{ledger.title}（{ledger.period.label}）"
    props.created = moment
    props.modified = moment
    buffer = io.BytesIO()
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)
    ExcelWriter(wb, archive).save()  # closes the archive; unlike save(), keeps `modified`
    return normalize_zip(buffer.getvalue())


