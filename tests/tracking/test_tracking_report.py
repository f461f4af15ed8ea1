"""``pbctl report``: the year-end summary's text, drawn from the records."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import docx
import pytest
from helpers import run_cli, trust_templates
from tracking_helpers import build_workspace, git, git_workspace

from pbctl.definition.workspace import Workspace
from pbctl.tracking.documents import DocumentState
from pbctl.tracking.records import load_alliance_records
from pbctl.tracking.report import report_context


def report_text(path: Path) -> str:
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [" | ".join(c.text for c in row.cells) for row in table.rows]
    return "\n".join(lines)


@pytest.fixture
def ws(in_tmp: Path) -> Path:
    return build_workspace(in_tmp / "ws")


def test_report_text(ws: Path) -> None:
    result = run_cli("report", "demo", "--year", "2024", "-o", "report.docx", cwd=ws)
    assert result.exit_code == 0, result.output
    text = report_text(ws / "report.docx")
    assert "测试党建联建2024年度工作总结" in text
    assert "共召开联席会议2次，开展联建活动2次（观摩1次、共学1次）" in text
    assert "形成议定事项4项，截至2024年12月31日已落实2项，其中按期完成1项" in text
    assert ("第一次联席会议。2024年3月15日在甲公司会议室召开，"
            "议题为审议联建章程、研究年度工作计划") in text
    assert "党建阵地观摩。2024年5月10日在甲公司党建馆开展，参加人员共30人" in text
    assert "共建实践基地（责任单位：乙大学党委；时限：2024年6月30日）：尚未完成，已逾期184天" \
        in text
    assert "编制资源清单（责任单位：乙大学党委）：正在推进" in text
    assert "甲公司党委 | 2 | 1 | 2 | 2 | 2" in text
    # two meetings where the charter asks for one a quarter
    assert "联席会议召开次数少于章程规定的每季度一次" in text
    assert "共建协议将于2025年2月28日期满" in text
    assert "两个党组织" in text
    # the template writes no numbers: the writer numbers headings and items
    assert "\n一、基本情况\n" in text
    assert "\n（一）坚持联席会议制度，共商联建大事\n1.第一次联席会议。" in text


def test_report_counts_a_decision_done_later_in_the_year(ws: Path) -> None:
    run_cli("done", "demo", "1.2", "--date", "2024-12-01", "--note", "基地已挂牌", cwd=ws)
    run_cli("report", "demo", "--year", "2024", "-o", "r.docx", cwd=ws)
    text = report_text(ws / "r.docx")
    assert "已落实3项" in text
    assert "已于2024年12月1日完成，基地已挂牌" in text


def test_signed_documents_are_listed(ws: Path) -> None:
    records = load_alliance_records(Workspace(ws), "demo")
    docs = [DocumentState("agreement", "signed", 2, 2, dt.date(2024, 12, 3), True),
            DocumentState("charter", "signed", 1, 1, dt.date(2023, 5, 1), True)]
    context = report_context(records, 2024, dt.date(2024, 12, 31), docs)
    assert [d["name"] for d in context["signed_documents"]] == ["测试党建联建协议书"]
    assert context["signed_documents"][0]["renewed"] is True


def test_signed_documents_from_the_records(ws: Path) -> None:
    docs = ws / "alliances" / "demo" / "documents"
    docs.mkdir()
    (docs / "charter.docx").write_bytes(b"charter")
    sha = hashlib.sha256(b"charter").hexdigest()
    (ws / "alliances" / "demo" / "records.yaml").write_text(f"""\
documents:
  charter:
    file: charter.docx
    revision: 1
    sha256: {sha}
    date: 2024-03-01
    signed:
      - revision: 1
        date: 2024-03-15
        sha256: {sha}
        tag: demo/charter/signed-r1
""", encoding="utf-8")
    run_cli("report", "demo", "--year", "2024", "-o", "r.docx", cwd=ws)
    assert "《测试党建联建章程》。2024年3月15日审议通过。" in report_text(ws / "r.docx")


def test_workspace_template_overrides(ws: Path) -> None:
    folder = ws / "templates" / "report"
    folder.mkdir(parents=True)
    (folder / "report.md.j2").write_text(
        "# {{ alliance.name }}{{ year }}年小结\n\n全年召开会议{{ meetings|length }}次。\n",
        encoding="utf-8")
    trust_templates(ws)
    run_cli("report", "demo", "--year", "2024", "-o", "r.docx", cwd=ws)
    text = report_text(ws / "r.docx")
    assert "测试党建联建2024年小结" in text and "全年召开会议2次。" in text


def test_future_year_is_refused(ws: Path) -> None:
    result = run_cli("report", "demo", "--year", str(dt.date.today().year + 1), cwd=ws)
    assert result.exit_code == 2
    assert "has not begun" in result.output


@pytest.mark.slow
def test_recorded_as_a_revision(in_tmp: Path) -> None:
    ws = git_workspace(in_tmp / "ws")
    result = run_cli("report", "demo", "--year", "2024", cwd=ws)
    assert result.exit_code == 0, result.output
    assert (ws / "alliances" / "demo" / "documents" / "report-2024.docx").is_file()
    assert git(ws, "log", "-1", "--format=%s").startswith("render(demo): report-2024 r1")


def test_year_report_is_a_library_function(ws: Path) -> None:
    from pbctl.tracking.report import export_path, year_report

    workspace = Workspace.at(ws)
    report = year_report(workspace, "demo", 2024, dt.date(2025, 2, 1))
    assert (report.alliance_id, report.kind) == ("demo", "report-2024")
    assert report.data.startswith(b"PK")
    with pytest.raises(ValueError, match="2026 has not begun yet"):
        year_report(workspace, "demo", 2026, dt.date(2025, 2, 1))
    assert export_path(ws, "report-2024") == ws / "report-2024.docx"
    assert export_path(ws / "x.txt", "report-2024") == ws / "x.docx"
