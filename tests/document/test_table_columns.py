"""Columns of a data table: prose (a plan's 工作内容) takes the width it needs and wraps
where the reader wraps it; unit names keep their breaks between words."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn

from pbctl.definition.settings import Fonts
from pbctl.document.blocks import DocumentSpec, Run, Table
from pbctl.document.writer import write_docx

WORK = ("联合开展理论学习，深入学习贯彻党的二十大和二十届二中、三中全会精神，"
        "以及关于广西工作论述的重要要求")
OWNER = "柳州两面针股份有限公司党委"
PARTNERS = "广西科技大学党委、柳州市质量检验检测研究中心党总支"


def plan_table() -> list[list[tuple[int, str]]]:
    """(width, text with line breaks as \\n) of each cell, row by row."""
    header = tuple((Run(h),) for h in ("序号", "工作内容", "责任单位", "配合单位", "完成时限"))
    row = tuple((Run(t),) for t in ("1", WORK, OWNER, PARTNERS, "第一季度"))
    spec = DocumentSpec(title="计划", author="秘书处", blocks=[Table(header, (row,))])
    table = docx.Document(io.BytesIO(write_docx(spec, Fonts()))).tables[0]
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.iter(qn("w:gridCol"))]
    return [[(grid[j], cell.text) for j, cell in enumerate(r.cells)] for r in table.rows]


def test_prose_takes_the_width_it_needs_and_wraps_naturally() -> None:
    _, row = plan_table()
    widths = [w for w, _ in row]
    assert widths[1] == max(widths) and widths[1] > 1.5 * widths[2]
    assert widths[1] >= 12 * 234 + 170  # 12 characters of 小四 and the cell margins
    assert row[1][1] == WORK  # no break inside a sentence


def test_unit_names_still_break_between_words() -> None:
    _, row = plan_table()
    for cell, name in ((row[2][1], OWNER), (row[3][1], PARTNERS)):
        assert "\n" in cell and cell.replace("\n", "") == name
    assert row[2][1].split("\n")[0] == "柳州两面针"  # between words, not 柳州两面针股


def test_a_very_tall_row_may_break_across_pages_a_short_one_never() -> None:
    """A ledger entry whose 主要内容 runs to thirty lines would otherwise leave the page
    before it empty (a title alone on the first page); rows of a few lines stay whole."""
    header = tuple((Run(h),) for h in ("序号", "主要内容", "责任单位"))
    short = tuple((Run(t),) for t in ("1", "联合开展理论学习。", OWNER))
    tall = tuple((Run(t),) for t in ("2", "\n".join([WORK] * 12), OWNER))
    spec = DocumentSpec(title="台账", author="秘书处", blocks=[Table(header, (short, tall))])
    table = docx.Document(io.BytesIO(write_docx(spec, Fonts()))).tables[0]
    whole = [tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
             for tr in table._tbl.iter(qn("w:tr"))]
    assert whole == [True, True, False]
