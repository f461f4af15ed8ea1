"""Seed 002 at full size: examples/dongfanghong-two-new/roster.xlsx (191 organizations in
three 联组) imports into the example, and the charter and agreement list every one."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import openpyxl
import pytest
from helpers import EXAMPLES, run_cli
from records_helpers import isolated_git, records_workspace  # noqa: F401

from pbctl.definition.loading import load_alliance
from pbctl.records.textconv import docx_text

SEED = EXAMPLES / "dongfanghong-two-new"


def _roster_rows() -> list[tuple[object, ...]]:
    wb = openpyxl.load_workbook(SEED / "roster.xlsx", read_only=True)
    try:
        return list(wb["成员单位"].iter_rows(min_row=3, values_only=True))
    finally:
        wb.close()


def _roster_names() -> list[str]:
    return [str(r[1]) for r in _roster_rows() if r[1]]


def test_the_roster_is_what_make_roster_writes() -> None:
    spec = importlib.util.spec_from_file_location("make_roster", EXAMPLES / "make_roster.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (SEED / "roster.xlsx").read_bytes() == module.workbook_bytes()
    names = _roster_names()
    assert len(names) == len(set(names)) == 191
    for row in _roster_rows():
        assert row[9] in ("虚构示例", "报道所载", "报道所载（简称草花互动党支部）")
        assert (row[9] == "虚构示例") == str(row[1]).startswith("示例")


@pytest.mark.slow
def test_191_members_in_the_charter_and_agreement(tmp_path: Path) -> None:
    text = (SEED / "alliance.yaml").read_text(encoding="utf-8")
    ws = records_workspace(tmp_path / "ws", "dongfanghong-two-new", text=text)
    result = run_cli("-C", str(ws.root), "import", "members", "dongfanghong-two-new",
                     str(SEED / "roster.xlsx"))
    assert result.exit_code == 0, result.output
    assert "170 added, 0 updated, 21 unchanged" in result.output
    alliance = load_alliance(ws.alliance_file("dongfanghong-two-new"))
    assert len(alliance.members) == 192 and alliance.member_count == 192
    assert [len(g.members) for g in alliance.groups] == [64, 64, 63]
    for kind in ("charter", "agreement"):
        rendered = run_cli("-C", str(ws.root), "render", kind, "dongfanghong-two-new")
        assert rendered.exit_code == 0, rendered.output
        docx = ws.documents_dir("dongfanghong-two-new") / f"{kind}.docx"
        body = docx_text(docx.read_bytes())
        # a long unit name breaks between words inside its cell (an explicit line break)
        annex = body[body.rindex("成员单位名单"):].replace("\n", "")
        missing = [n for n in _roster_names() if n not in annex]
        assert not missing, (kind, missing[:5])
        if kind == "charter":  # a group of 64 is counted in its article, listed in the annex
            article = body[:body.rindex("成员单位名单")]
            assert "组长单位：中电软件园联合党支部；成员单位六十四个，名单见附件。" in article
            assert "示例星途软件有限公司党支部" not in article


@pytest.mark.slow
def test_the_year_end_report_of_191_members_lists_those_that_took_part(tmp_path: Path
                                                                       ) -> None:
    """A table of 192 rows of zeros filled fifteen pages of the 总结; a large alliance lists
    the members that took part and counts the rest."""
    text = (SEED / "alliance.yaml").read_text(encoding="utf-8")
    ws = records_workspace(tmp_path / "ws", "dongfanghong-two-new", text=text)
    assert run_cli("-C", str(ws.root), "import", "members", "dongfanghong-two-new",
                   str(SEED / "roster.xlsx")).exit_code == 0
    report = ws.documents_dir("dongfanghong-two-new") / "report-2024.docx"
    assert run_cli("-C", str(ws.root), "report", "dongfanghong-two-new", "--year",
                   "2024").exit_code == 0
    assert "192个成员单位本年度暂无参与记录。" in docx_text(report.read_bytes())
    logged = run_cli("-C", str(ws.root), "log", "activity", "dongfanghong-two-new",
                     "--kind", "symposium", "--date", "2024-11-20", "--title", "两新党建座谈会",
                     "--host", "dfh-liangxin", "--member", "dfh-liangxin", "--member", "caohua")
    assert logged.exit_code == 0, logged.output
    assert run_cli("-C", str(ws.root), "report", "dongfanghong-two-new", "--year",
                   "2024").exit_code == 0
    body = docx_text(report.read_bytes())
    assert "各成员单位参与联建工作情况如下（其余190个成员单位本年度暂无参与记录，详见工作台账）" \
        in body
    rows = [line for line in body.splitlines() if line.count(" | ") == 5]
    assert len(rows) == 3  # the header and the two that took part
