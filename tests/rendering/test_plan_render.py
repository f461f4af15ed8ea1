"""``pbctl render plan``: the 年度工作计划 of every example, checked like the other documents
(layout, table, no placeholder, hostile text literal), and its PDF pages."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import EXAMPLES, run_cli
from records_helpers import isolated_git  # noqa: F401  (a known git identity)
from year_helpers import build_year, ok

from pbctl.definition.loading import load_alliance, model_from_data
from pbctl.definition.plan import Plan
from pbctl.document.blocks import Heading, Paragraph, Table, Title
from pbctl.records.plan import prefilled_plan
from pbctl.rendering.markup import parse
from pbctl.rendering.plan import plan_context
from pbctl.rendering.templating import TEMPLATE_NAMES, render_template

EXAMPLE_FILES = sorted(EXAMPLES.glob("*/alliance.yaml"))
HEADER = ["序号", "工作内容", "责任单位", "配合单位", "完成时限"]


def cell_text(cell: tuple[object, ...]) -> str:
    return "".join(getattr(run, "text", "") for run in cell)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.parent.name for p in EXAMPLE_FILES])
def test_every_example_plan_renders_clean_blocks(path: Path) -> None:
    alliance = load_alliance(path)
    year = alliance.founded.year + 1
    plan = model_from_data(prefilled_plan(alliance, year), Plan, "plan.yaml")
    text, source = render_template(TEMPLATE_NAMES["plan"], plan_context(alliance, plan))
    blocks = parse(text, source)
    assert isinstance(blocks[0], Title)
    assert blocks[0].text == f"{alliance.label}{year}年度工作计划"
    assert isinstance(blocks[1], Paragraph)  # the opening paragraph
    assert "全年共安排" in "".join(r.text for r in blocks[1].runs)
    for bad in ("XXX", "××", "None", "{{", "{%", "**", "\\"):
        assert bad not in text.split("-#}", 1)[-1], bad
    tables = [b for b in blocks if isinstance(b, Table)]
    headings = [b for b in blocks if isinstance(b, Heading)]
    assert len(tables) == len(headings) >= 1  # one table under each area's heading
    numbers: list[str] = []
    for table in tables:
        assert [cell_text(c) for c in table.header] == HEADER
        assert all(len(row) == 5 and all(cell_text(c).strip() for c in row)
                   for row in table.rows)
        numbers += [cell_text(row[0]) for row in table.rows]
    assert numbers == [str(n) for n in range(1, len(plan.items) + 1)]  # = plan.YEAR.N


def test_hostile_text_comes_out_literally(in_tmp: Path) -> None:
    from pbctl.records.textconv import docx_text

    ws = build_year(in_tmp / "ws")
    plan = ws / "alliances/yearly/plans/2025.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "开展年终交流", "A|B {{ 7*7 }} **b** <x>"), encoding="utf-8")
    ok("render", "plan", "yearly", "2025", cwd=ws)
    text = docx_text((ws / "alliances/yearly/documents/plan-2025.docx").read_bytes())
    # literally (the writer may break a long cell between words, so line breaks are joined)
    assert "A|B {{ 7*7 }} **b** <x>" in text.replace("\n", "")


def test_render_plan_writes_a_signable_gbt_document(in_tmp: Path) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    ws = build_year(in_tmp / "ws", git=True)
    out = ok("render", "plan", "yearly", "2025", cwd=ws)
    assert "plan-2025 r1" in out
    path = ws / "alliances/yearly/documents/plan-2025.docx"
    document = Document(io.BytesIO(path.read_bytes()))
    sect = document.sections[0]._sectPr
    size = sect.find(qn("w:pgSz"))
    margins = sect.find(qn("w:pgMar"))
    assert (size.get(qn("w:w")), size.get(qn("w:h"))) == ("11906", "16838")
    assert {k: margins.get(qn(f"w:{k}")) for k in ("top", "bottom", "left", "right")} == {
        "top": "2098", "bottom": "1984", "left": "1587", "right": "1474"}
    tables = document.tables
    assert [c.text for c in tables[0].rows[0].cells] == HEADER
    rows = [[c.text for c in r.cells] for t in tables for r in t.rows[1:]]
    assert rows[0] == ["1", "联合开展理论学习", "甲公司", "乙大学", "第一季度"]
    assert rows[1][4] == "4月底" and rows[2][4] == "6月30日前" and rows[6][4] == "全年"
    assert rows[6][3] == "各成员单位"
    headings = [p.text for p in document.paragraphs if p.text.endswith(
        ("共学理论", "共办活动", "其他工作", "品牌项目建设"))]
    assert headings == ["一、共学理论", "二、共办活动", "三、其他工作", "四、品牌项目建设",
                        "五、其他工作"]
    assert [r[0] for r in rows] == [str(n) for n in range(1, 9)]
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    assert paragraphs[0] == "年度联建2025年度工作计划"
    assert "共学理论" in paragraphs[2] and "共办活动" in " ".join(paragraphs)
    assert paragraphs[-1] == "2025年1月1日" and paragraphs[-2] == "甲公司党委"
    again = run_cli("render", "plan", "yearly", "2025", cwd=ws)
    assert "unchanged" in again.output or "no change" in again.output.lower()
    signed = run_cli("sign", "yearly", "plan-2025", "--date", "2025-01-15", cwd=ws)
    assert signed.exit_code == 0, signed.output


def test_render_plan_needs_a_year_that_has_a_plan(in_tmp: Path) -> None:
    ws = build_year(in_tmp / "ws")
    result = run_cli("render", "plan", "yearly", "2026", cwd=ws)
    assert result.exit_code == 1
    assert "yearly has no plan for 2026" in result.output
    assert "pbctl plan new yearly 2026" in result.output
    result = run_cli("render", "plan", "yearly", cwd=ws)
    assert result.exit_code == 1 and "which year?" in result.output


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_plan_pdf_pages(in_tmp: Path) -> None:
    ws = build_year(in_tmp / "ws")
    ok("render", "plan", "yearly", "2025", "--pdf", cwd=ws)
    pdf = ws / "alliances/yearly/documents/plan-2025.pdf"
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) == 2  # looked at: five headed tables, the sign-off on page 2
    first, last = (" ".join(p.split()).replace(" ", "") for p in pages)
    for needle in ("年度联建2025年度工作计划", "序号工作内容责任单位配合单位完成时限",
                   "1联合开展理论学习甲公司乙大学第一季度", "一、共学理论", "—1—"):
        assert needle in first, needle
    for needle in ("五、其他工作", "8开展年终交流乙大学各成员单位12月31日前", "甲公司党委",
                   "2025年1月1日", "—2—"):
        assert needle in last, needle
