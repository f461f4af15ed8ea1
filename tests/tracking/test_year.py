"""The year's work end to end: plan, lists, done, status, due, report, evaluation — every
count against the hand-computed truth in year_helpers."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from helpers import run_cli
from year_helpers import build_year, ok

from pbctl.definition import yamlio


def status_json(ws: Path, as_of: str) -> dict[str, object]:
    data = json.loads(ok("status", "yearly", "--as-of", as_of, "--format", "json", cwd=ws))
    alliance: dict[str, object] = data["alliances"][0]
    return alliance


def test_status_sees_the_plan_and_the_lists(in_tmp: Path) -> None:
    ws = build_year(in_tmp / "ws")
    end = status_json(ws, "2025-12-31")
    assert end["plan"] == {"year": 2025, "total": 8, "done": 5, "overdue": 1}
    assert end["lists"] == {
        "resources": {"open": 1, "claimed": 0, "done": 0, "overdue": 0},
        "services": {"open": 0, "claimed": 0, "done": 1, "overdue": 0},
        "needs": {"open": 1, "claimed": 2, "done": 2, "overdue": 1},
    }
    summary = json.loads(ok("status", "--as-of", "2025-12-31", "--format", "json",
                            cwd=ws))["summary"]
    assert (summary["overdue_plan_items"], summary["overdue_needs"]) == (1, 1)
    may = status_json(ws, "2025-05-01")  # item 2 due 04-30, done only on 05-10
    assert may["plan"] == {"year": 2025, "total": 8, "done": 1, "overdue": 1}
    assert may["lists"]["needs"] == {"open": 1, "claimed": 1, "done": 1,  # type: ignore[index]
                                     "overdue": 0}
    text = ok("status", "yearly", "--as-of", "2025-12-31", cwd=ws)
    assert "plan 2025: 8 items · 5 done · 1 overdue" in text
    assert "needs: 1 open · 2 claimed · 2 done · 1 overdue" in text


def test_due_lists_plan_items_and_claimed_needs(in_tmp: Path) -> None:
    ws = build_year(in_tmp / "ws")
    data = json.loads(ok("due", "yearly", "--as-of", "2025-12-20", "--format", "json",
                         cwd=ws))
    mine = [(i["kind"], i["uid"].split("@")[0].removeprefix("yearly-"), i["date"],
             i["overdue"]) for i in data["items"] if i["kind"] in ("plan", "need")]
    assert mine == [
        ("need", "needs.2", "2025-06-30", True),
        ("plan", "plan.2025.4", "2025-09-30", True),
        ("need", "needs.5", "2025-12-31", False),  # same day: in the order of their uid
        ("plan", "plan.2025.6", "2025-12-31", False),
        ("plan", "plan.2025.8", "2025-12-31", False),
    ]
    ok("due", "yearly", "--as-of", "2025-12-20", "--ics", "due.ics", cwd=ws)
    ics = (ws / "due.ics").read_bytes().decode("utf-8")
    assert "UID:yearly-plan.2025.4@pbctl\r\n" in ics and "UID:yearly-needs.2@pbctl\r\n" in ics
    assert ics.count("BEGIN:VTODO") == 5 + 1  # the five above and decision 3.2


EXPECTED = {
    "alpha": {"meetings_attended": 2, "meetings_held": 3, "activities_hosted": 1,
              "activities_joined": 1, "plan_owned": 3, "plan_done_on_time": 2,
              "needs_claimed": 2, "needs_closed": 1, "decisions_owned": 2,
              "decisions_done_on_time": 1, "score": 28, "rank": 1},
    "gamma": {"meetings_attended": 2, "meetings_held": 3, "activities_hosted": 1,
              "activities_joined": 1, "plan_owned": 2, "plan_done_on_time": 1,
              "needs_claimed": 1, "needs_closed": 1, "decisions_owned": 1,
              "decisions_done_on_time": 1, "score": 21, "rank": 2},
    "beta": {"meetings_attended": 3, "meetings_held": 3, "activities_hosted": 0,
             "activities_joined": 2, "plan_owned": 3, "plan_done_on_time": 1,
             "needs_claimed": 1, "needs_closed": 0, "decisions_owned": 2,
             "decisions_done_on_time": 1, "score": 20, "rank": 3},
}
EVIDENCE = {
    "alpha": {"meetings_attended": ["meeting.2", "meeting.3"],
              "activities_hosted": ["activity.1"], "activities_joined": ["activity.1"],
              "plan_owned": ["plan.2025.1", "plan.2025.2", "plan.2025.7"],
              "plan_done_on_time": ["plan.2025.1", "plan.2025.7"],
              "needs_claimed": ["needs.1", "needs.5"], "needs_closed": ["needs.1"],
              "decisions_owned": ["2.1", "3.2"], "decisions_done_on_time": ["2.1"]},
    "beta": {"meetings_attended": ["meeting.2", "meeting.3", "meeting.4"],
             "activities_hosted": [], "activities_joined": ["activity.1", "activity.2"],
             "plan_owned": ["plan.2025.3", "plan.2025.4", "plan.2025.8"],
             "plan_done_on_time": ["plan.2025.3"], "needs_claimed": ["needs.2"],
             "needs_closed": [], "decisions_owned": ["2.2", "4.1"],
             "decisions_done_on_time": ["4.1"]},
}


def test_the_evaluation_counts_every_fact(in_tmp: Path) -> None:
    ws = build_year(in_tmp / "ws")
    data = json.loads(ok("evaluate", "yearly", "--year", "2025", "--as-of", "2026-03-01",
                         "--format", "json", cwd=ws))
    assert data["as_of"] == "2025-12-31"
    members = data["members"]
    assert [m["member"] for m in members] == ["alpha", "gamma", "beta"]
    for m in members:
        assert {k: m[k] for k in EXPECTED[m["member"]]} == EXPECTED[m["member"]]
        assert m["evidence"]["meetings_held"] == ["meeting.2", "meeting.3", "meeting.4"]
        for fact, refs in EVIDENCE.get(m["member"], {}).items():
            assert m["evidence"][fact] == refs, (m["member"], fact)
        for fact, refs in m["evidence"].items():
            assert m[fact] == len(refs)
    from pbctl.records.textconv import docx_text

    documents = ws / "alliances" / "yearly" / "documents"
    assert (documents / "evaluation-2025.xlsx").is_file()
    text = docx_text((documents / "evaluation-2025.docx").read_bytes())
    assert "年度联建2025年度成效联评" in text and "（截至2025年12月31日）" in text
    assert "评分办法：出席联席会议每项2分；承办联建活动每项3分；" in text
    assert "丙街道：出席联席会议：第2次联席会议、第4次联席会议；" in text


def test_the_evaluation_as_text(in_tmp: Path) -> None:
    ws = build_year(in_tmp / "ws")
    text = ok("evaluate", "yearly", "--year", "2025", cwd=ws)
    assert "年度联建2025年度成效联评 (as of 2025-12-31)" in text
    rows = [line.split("│")[1:-1] for line in text.splitlines() if line.startswith("│ ")]
    cells = [[c.strip() for c in row] for row in rows if row[0].strip()]
    assert cells == [["1", "甲公司", "28", "2/3", "1/1", "2/3", "1/2", "1/2"],
                     ["2", "丙街道", "21", "2/3", "1/1", "1/2", "1/1", "1/1"],
                     ["3", "乙大学", "20", "3/3", "0/2", "1/3", "0/1", "1/2"]]
    assert "evaluation-2025: alliances/yearly/documents/evaluation-2025.docx written" in text


def test_weights_come_from_pbctl_yaml_and_equal_scores_share_a_rank(in_tmp: Path) -> None:
    weights = ", ".join(f"{k}: {1.5 if k == 'meetings_attended' else 0}"
                        for k in EXPECTED["alpha"] if k not in ("score", "rank"))
    settings = f"evaluation:\n  weights: {{{weights}}}\n"
    ws = build_year(in_tmp / "ws", settings)
    data = json.loads(ok("evaluate", "yearly", "--year", "2025", "--format", "json", cwd=ws))
    assert [(m["member"], m["score"], m["rank"]) for m in data["members"]] == [
        ("beta", 4.5, 1), ("alpha", 3, 2), ("gamma", 3, 2)]
    assert data["weights"]["meetings_attended"] == 1.5


def test_a_bad_weight_names_the_file_and_field(in_tmp: Path) -> None:
    (in_tmp / "pbctl.yaml").write_text("evaluation:\n  weights:\n    meeting_attended: 2\n",
                                       encoding="utf-8")
    result = run_cli("check", "pbctl.yaml", cwd=in_tmp)
    assert result.exit_code == 1
    assert "pbctl.yaml:3:5" in result.output
    assert "evaluation.weights.meeting_attended" in result.output
    assert "meetings_attended" in result.output  # did you mean


def test_the_report_has_the_plan_item_by_item(in_tmp: Path) -> None:
    from pbctl.records.textconv import docx_text

    ws = build_year(in_tmp / "ws")
    ok("report", "yearly", "--year", "2025", cwd=ws)
    text = docx_text((ws / "alliances/yearly/documents/report-2025.docx").read_bytes())
    assert "落实年度工作计划，推动任务落地见效" in text
    assert "2025年度工作计划共安排8项工作，截至2025年12月31日已完成5项，其中按期完成4项，" \
           "逾期未完成1项。" in text
    assert ("联合开展理论学习（责任单位：甲公司；时限：2025年第一季度）："
            "已于2025年3月20日完成。") in text
    assert ("共享党建阵地（责任单位：甲公司；时限：2025年4月底）："
            "已于2025年5月10日完成（逾期完成）。") in text
    assert "联合培养人才（责任单位：乙大学；时限：2025年第三季度）：尚未完成，已逾期。" in text
    assert "联合科研攻关（责任单位：丙街道；时限：2025年第四季度）：正在推进。" in text
    assert "开展年终交流（责任单位：乙大学；时限：2025年12月31日前）：正在推进。" in text
    assert "全年共梳理资源清单1项、服务清单1项，收集需求5项；需求中已认领办理2项、办结2项、" \
           "尚待认领1项，逾期未办结1项。" in text
    assert "需要实习基地（甲公司认领）；需要志愿者（丙街道认领）。" in text


def test_the_ledger_names_the_plan_items(in_tmp: Path) -> None:
    from openpyxl import load_workbook

    ws = build_year(in_tmp / "ws")
    ok("ledger", "yearly", "--year", "2025", cwd=ws)
    book = load_workbook(io.BytesIO(
        (ws / "alliances/yearly/documents/ledger-2025.xlsx").read_bytes()))
    sheet = book["台账"]
    header = [c.value for c in sheet[1]]
    column = header.index("对应计划事项")
    values = [row[column].value for row in sheet.iter_rows(min_row=2)]
    assert values == ["2025年计划第1项", "2025年计划第2项", "2025年计划第3项",
                      "2025年计划第5项", "2025年计划第6、8项"]


def test_done_on_a_plan_item_and_a_need_refuses_twice_and_force_keeps_history(
        in_tmp: Path) -> None:
    ws = build_year(in_tmp / "ws")
    plan = ws / "alliances/yearly/plans/2025.yaml"
    before = plan.read_bytes()
    result = run_cli("done", "yearly", "plan.2025.1", "--date", "2025-03-21", cwd=ws)
    assert result.exit_code == 1
    assert "plan.2025.1 of yearly is already marked done on 2025-03-20" in result.output
    assert plan.read_bytes() == before
    ok("done", "yearly", "plan.2025.1", "--date", "2025-03-21", "--force", cwd=ws)
    item = yamlio.load(plan).data["items"][0]
    assert item["done"] == {"date": "2025-03-21", "history": [{"date": "2025-03-20"}]}
    ok("done", "yearly", "needs.1", "--date", "2025-05-02", "--note", "复核", "--force", cwd=ws)
    need = yamlio.load(ws / "alliances/yearly/lists.yaml").data["needs"][0]
    assert need["done"] == {"date": "2025-05-02", "note": "复核",
                            "history": [{"date": "2025-04-30", "note": "已办结"}]}


@pytest.mark.parametrize(("args", "message"), [
    (("list", "add", "yearly", "needs", "x", "--member", "alhpa"),
     "--member: no member has the id 'alhpa'; did you mean 'alpha'?"),
    (("list", "claim", "yearly", "needs.1", "--by", "beta"),
     "needs.1 was closed on 2025-04-30; a closed item cannot be claimed"),
    (("list", "claim", "yearly", "needs.9", "--by", "beta"), "yearly has no item needs.9"),
    (("done", "yearly", "plan.2025.9"), "the 2025 plan of yearly has no item 9"),
    (("done", "yearly", "plan.2024.1"), "yearly has no plan for 2024"),
    (("done", "yearly", "needs.3", "--date", "2025-04-01"),
     "2025-04-01 is before it was raised (2025-05-01)"),
])
def test_errors_write_nothing(in_tmp: Path, args: tuple[str, ...], message: str) -> None:
    ws = build_year(in_tmp / "ws")
    folder = ws / "alliances" / "yearly"
    before = {p: p.read_bytes() for p in folder.rglob("*.yaml")}
    result = run_cli(*args, cwd=ws)
    assert result.exit_code == 1, result.output
    assert message in " ".join(result.output.split())
    assert {p: p.read_bytes() for p in folder.rglob("*.yaml")} == before


def test_members_with_nothing_to_count_are_not_listed_one_by_one(in_tmp: Path) -> None:
    """Their 0 分 is in the table; the basis says so once (a street committee of 191
    organizations would otherwise get pages of '…：无')."""
    from pbctl.records.textconv import docx_text

    ws = build_year(in_tmp / "ws")
    ok("evaluate", "yearly", "--year", "2024", cwd=ws)
    text = docx_text((ws / "alliances/yearly/documents/evaluation-2024.docx").read_bytes())
    assert "计分依据：\n甲公司：出席联席会议：第1次联席会议；负责议定事项：议定事项1.1\n" \
           "其余成员单位本年度无计分事项。" in text
    assert "：无" not in text
