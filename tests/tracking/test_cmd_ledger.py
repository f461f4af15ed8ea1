"""``pbctl ledger``: the workbook's cells, the .docx table, determinism, recording."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx.oxml.ns import qn
from helpers import run_cli
from tracking_helpers import build_workspace, git, git_workspace

from pbctl.tracking.ledger import COLUMNS
from pbctl.tracking.xlsx import display_width


@pytest.fixture
def ws(in_tmp: Path) -> Path:
    return build_workspace(in_tmp / "ws")


def export(ws: Path, *args: str) -> tuple[Path, Path]:
    result = run_cli("ledger", *args, "-o", "out/", cwd=ws)
    assert result.exit_code == 0, result.output
    assert "not recorded" in result.output
    xlsx = sorted((ws / "out").glob("*.xlsx"))
    docx = sorted((ws / "out").glob("*.docx"))
    assert len(xlsx) == len(docx) == 1
    return xlsx[0], docx[0]


def rows(sheet: Any) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(values_only=True))


def test_ledger_sheet(ws: Path) -> None:
    xlsx, _ = export(ws, "demo", "--year", "2024")
    assert xlsx.name == "ledger-2024.xlsx"
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == ["台账", "议定事项", "统计"]
    sheet = wb["台账"]
    table = rows(sheet)
    assert table[0] == COLUMNS
    assert [r[0] for r in table[1:]] == [1, 2, 3, 4]
    assert [r[2] for r in table[1:]] == ["第一次联席会议", "党建阵地观摩", "第二次联席会议",
                                         "共学活动"]
    assert [r[3] for r in table[1:]] == ["联席会议", "观摩", "联席会议", "共学"]
    first = dict(zip(COLUMNS, table[1], strict=True))
    assert first["日期"] == dt.datetime(2024, 3, 15)
    assert sheet["B2"].is_date and "yyyy" in sheet["B2"].number_format
    assert first["牵头（轮值）单位"] == "甲公司"
    assert first["参与单位"] == "甲公司、乙大学党委"
    assert first["应到/实到"] == "2/2"
    assert first["议定事项/成效"] == "1. 建立联络员制度\n2. 共建实践基地"
    assert first["责任单位"] == "甲公司\n乙大学党委"
    assert first["时限"] == "2024年4月30日\n2024年6月30日"
    # on 2024-12-31, 1.2 is 184 days overdue
    assert first["落实情况"] == "已办结（2024年4月20日）\n逾期184天"
    assert first["记录人"] == "赵六"
    second_meeting = dict(zip(COLUMNS, table[3], strict=True))
    assert second_meeting["备注"] == "请假：乙大学党委"
    assert second_meeting["落实情况"] == "已办结（2024年10月8日，已开展）\n进行中"
    activity = dict(zip(COLUMNS, table[2], strict=True))
    assert activity["应到/实到"] == "30人"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b
    # widths fit Chinese text: a CJK character counts as two
    width = sheet.column_dimensions["K"].width  # 主要内容
    assert width >= display_width("2. 研究年度工作计划")
    assert display_width("甲公司") == 6


def test_decisions_sheet(ws: Path) -> None:
    xlsx, _ = export(ws, "demo", "--year", "2024")
    sheet = openpyxl.load_workbook(xlsx)["议定事项"]
    table = rows(sheet)
    assert table[0] == ("序号", "会议", "会议日期", "议定事项", "责任单位", "时限", "状态",
                        "完成日期", "落实情况")
    assert [(r[3], r[4], r[5], r[6]) for r in table[1:]] == [
        ("建立联络员制度", "甲公司党委", dt.datetime(2024, 4, 30), "已办结"),
        ("共建实践基地", "乙大学党委", dt.datetime(2024, 6, 30), "逾期"),
        ("联合开展主题党日活动", "甲公司党委", dt.datetime(2024, 9, 30), "已办结"),
        ("编制资源清单", "乙大学党委", None, "进行中"),
    ]
    assert table[1][7] == dt.datetime(2024, 4, 20)
    assert table[2][8] == "逾期184天"
    assert sheet.freeze_panes == "A2"


def test_statistics_sheet(ws: Path) -> None:
    xlsx, _ = export(ws, "demo", "--year", "2024")
    table = rows(openpyxl.load_workbook(xlsx)["统计"])
    assert table[1] == ("2024年第一季度", 1, 0, 2, 1, 1)
    assert table[2] == ("2024年第二季度", 1, 1, 2, 1, 0)
    assert table[3] == ("2024年第三季度", 0, 1, 0, 0, 0)
    assert table[5] == ("合计", 2, 2, 4, 2, 1)
    members = {r[0]: r[1:] for r in table[8:]}
    assert members["甲公司党委"] == (2, 1, 2, 2, 2)  # hosted meeting 1 and activity 1
    assert members["乙大学党委"] == (1, 2, 2, 2, 0)


def test_period_filter(ws: Path) -> None:
    xlsx, _ = export(ws, "demo", "--from", "2024-04-01", "--to", "2024-06-30")
    assert xlsx.name == "ledger-20240401-20240630.xlsx"
    wb = openpyxl.load_workbook(xlsx)
    assert [r[2] for r in rows(wb["台账"])[1:]] == ["党建阵地观摩", "第二次联席会议"]
    assert [r[0] for r in rows(wb["统计"])[1:3]] == ["2024年第二季度", "合计"]


@pytest.mark.slow
def test_deterministic_bytes(ws: Path) -> None:
    first = [p.read_bytes() for p in export(ws, "demo", "--year", "2024")]
    for p in (ws / "out").iterdir():
        p.unlink()
    second = [p.read_bytes() for p in export(ws, "demo", "--year", "2024")]
    assert first == second
    props = openpyxl.load_workbook(io.BytesIO(first[0])).properties
    assert props.created == props.modified == dt.datetime(2024, 12, 31)


def test_all_alliances_in_one_workbook(ws: Path) -> None:
    result = run_cli("ledger", "--all", "--year", "2024", cwd=ws)
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(ws / "ledger-2024.xlsx")
    table = rows(wb["台账"])
    assert table[0][:3] == ("序号", "所属联建", "日期")
    assert {r[1] for r in table[1:]} == {"测试联建"}
    member_rows = rows(wb["统计"])
    assert ("另一党建联建", "丙街道党工委", 0, 0, 0, 0, 0) in member_rows


@pytest.mark.slow
def test_docx_is_a_landscape_table(ws: Path) -> None:
    import docx

    _, path = export(ws, "demo", "--year", "2024")
    document = docx.Document(str(path))
    section = document.sections[0]
    assert section.page_width > section.page_height
    texts = [p.text for p in document.paragraphs]
    assert "测试党建联建工作台账" in texts
    assert "（2024年度）" in texts
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[:4] == ["序号", "日期", "名称", "类型"]
    assert table.rows[1].cells[1].text == "2024年3月15日"
    assert len(table.rows) == 5
    # every column of the xlsx, in two tables that both name the row
    headers = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert len(headers) == 2 and set(headers[0]) | set(headers[1]) == set(COLUMNS)
    assert headers[1][:2] == ["序号", "名称"]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}", c) for c in cells)
    assert "未完成" not in "".join(cells)
    assert any(t.startswith("填报单位：") and "填报人：" in t and "审核人：" in t
               and "填报日期：" in t for t in texts)
    # body at least 五号 (10.5 pt): every run in the tables
    sizes = {int(sz.get(qn("w:val"))) for t in document.tables
             for sz in t._tbl.iter(qn("w:sz"))}
    assert sizes and min(sizes) >= 21


def test_xlsx_prints_on_a4_landscape_readably(ws: Path) -> None:
    xlsx, _ = export(ws, "demo", "--year", "2024")
    for sheet in openpyxl.load_workbook(xlsx).worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape" and str(setup.paperSize) == str(sheet.PAPERSIZE_A4)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert setup.fitToWidth == 1 and setup.fitToHeight == 0
        assert sheet.print_title_rows.replace("$", "") == "1:1"
        assert all(sheet.column_dimensions[c].width for c in ("A", "B"))
        assert all(cell.font.sz >= 10 for row in sheet.iter_rows() for cell in row
                   if cell.value is not None)
    sheet = openpyxl.load_workbook(xlsx)["台账"]
    assert sheet["K2"].alignment.wrap_text


def test_usage_errors(ws: Path) -> None:
    assert run_cli("ledger", cwd=ws).exit_code == 2
    assert run_cli("ledger", "demo", "--all", cwd=ws).exit_code == 2
    result = run_cli("ledger", "demo", "--year", "2024", "--from", "2024-01-01", cwd=ws)
    assert result.exit_code == 2 and "not both" in result.output
    result = run_cli("ledger", "demo", "--from", "2024-05-01", "--to", "2024-04-01", cwd=ws)
    assert result.exit_code == 2 and "is after" in result.output


def test_recorded_as_a_revision(in_tmp: Path) -> None:
    ws = git_workspace(in_tmp / "ws")
    result = run_cli("ledger", "demo", "--year", "2024", "-m", "年终检查", cwd=ws)
    assert result.exit_code == 0, result.output
    docs = ws / "alliances" / "demo" / "documents"
    assert (docs / "ledger-2024.docx").is_file() and (docs / "ledger-2024.xlsx").is_file()
    subject = git(ws, "log", "-1", "--format=%s")
    assert subject.startswith("render(demo): ledger-2024 r1")
    files = set(git(ws, "show", "--name-only", "--format=", "HEAD").split())
    assert {"alliances/demo/documents/ledger-2024.docx",
            "alliances/demo/documents/ledger-2024.xlsx"} <= files
    count = git(ws, "rev-list", "--count", "HEAD")
    again = run_cli("ledger", "demo", "--year", "2024", cwd=ws)
    assert again.exit_code == 0, again.output
    assert git(ws, "rev-list", "--count", "HEAD") == count  # unchanged: no new commit


FORMULAS = ['=HYPERLINK("http://evil.example/","点此")', "+1+1", "-2+3", "@SUM(A1:A2)",
            "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0"]


def test_user_text_is_never_a_formula(in_tmp: Path) -> None:
    import json
    import zipfile

    ws = build_workspace(in_tmp / "ws")
    demo = ws / "alliances" / "demo"
    meeting = (demo / "meetings" / "001.yaml").read_text(encoding="utf-8")
    meeting = meeting.replace("venue: 甲公司会议室", f"venue: {json.dumps(FORMULAS[0])}")
    meeting = meeting.replace("title: 第一次联席会议", f"title: {json.dumps(FORMULAS[1])}")
    meeting = meeting.replace("  - text: 建立联络员制度", f"  - text: {json.dumps(FORMULAS[2])}")
    meeting = meeting.replace("  - 审议联建章程", f"  - {json.dumps(FORMULAS[6])}")
    (demo / "meetings" / "001.yaml").write_text(meeting, encoding="utf-8")
    activity = (demo / "activities" / "001.yaml").read_text(encoding="utf-8")
    activity = activity.replace("place: 甲公司党建馆", f"place: {json.dumps(FORMULAS[3])}")
    activity = activity.replace("summary: 参观党建阵地，交流经验",
                                f"summary: {json.dumps(FORMULAS[4])}")
    activity = activity.replace("  - 形成交流材料一份", f"  - {json.dumps(FORMULAS[5])}")
    (demo / "activities" / "001.yaml").write_text(activity, encoding="utf-8")
    xlsx, _ = export(ws, "demo", "--year", "2024")
    with zipfile.ZipFile(xlsx) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    wb = openpyxl.load_workbook(xlsx)
    texts = []
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (cell.coordinate, cell.value)
                    texts.append(cell.value)
    joined = "\n".join(texts)
    for formula in (FORMULAS[0], FORMULAS[2], FORMULAS[3]):
        assert formula in joined, formula


@pytest.mark.slow
def test_ledger_and_report_take_pdf(ws: Path) -> None:
    import subprocess

    result = run_cli("ledger", "demo", "--year", "2024", "-o", "out/", "--pdf", cwd=ws)
    assert result.exit_code == 0, result.output
    pdf = ws / "out" / "ledger-2024.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert width > height  # landscape
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    text = text.replace(" ", "")
    assert "填报单位" in text and "2024年3月15日" in text
    result = run_cli("report", "demo", "--year", "2024", "-o", "out/r.docx", "--pdf", cwd=ws)
    assert result.exit_code == 0, result.output
    assert (ws / "out" / "r.pdf").stat().st_size > 0


def test_rows_that_wrap_are_as_tall_as_their_longest_cell(ws: Path) -> None:
    """LibreOffice keeps a row's default height and clips wrapped lines, so the workbook
    says how tall each wrapping row is; a row that fits on one line keeps the default."""
    from pbctl.tracking.xlsx import LINE_HEIGHT

    xlsx, _ = export(ws, "demo", "--year", "2024")
    sheet = openpyxl.load_workbook(xlsx)["台账"]
    for row in sheet.iter_rows(min_row=2):
        lines = max(str(c.value).count("\n") + 1 for c in row if c.value is not None)
        height = sheet.row_dimensions[row[0].row].height
        assert height is not None and height >= lines * LINE_HEIGHT
    first = sheet.row_dimensions[2].height  # the first meeting's row: three lines or more
    assert first is not None and first >= 3 * LINE_HEIGHT
    totals = openpyxl.load_workbook(xlsx)["统计"]
    assert totals.row_dimensions[2].height is None  # 2024年第一季度: one line
