"""``pbctl plan new`` and ``pbctl list``: what is written, one commit each, and bad input
named by file, line and field with nothing written."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from helpers import run_cli
from records_helpers import changed_files, subjects
from year_helpers import ALLIANCE, PLAN, build_year, ok

from pbctl.definition import yamlio


def workspace(root: Path) -> Path:
    ok("init", str(root), cwd=root.parent)
    (root.parent / "yearly.yaml").write_text(ALLIANCE, encoding="utf-8")
    ok("new", "alliance", "--from", str(root.parent / "yearly.yaml"), cwd=root)
    return root


def test_plan_new_without_a_terminal_writes_the_prefilled_plan(in_tmp: Path) -> None:
    ws = workspace(in_tmp / "ws")
    out = ok("plan", "new", "yearly", "2025", cwd=ws)
    assert "plan 2025 of yearly: 4 items written to alliances/yearly/plans/2025.yaml" in out
    path = ws / "alliances/yearly/plans/2025.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 年度联建2025年度工作计划\n")  # the commented form, kept
    assert yamlio.load(path).data == {
        "year": 2025, "title": "年度联建2025年度工作计划", "items": [
            {"text": "联合开展理论学习", "area": "共学理论", "owner": "alpha", "due": "2025Q1"},
            {"text": "轮流讲授专题党课", "area": "共学理论", "owner": "alpha", "due": "2025Q2"},
            {"text": "联合开展志愿服务", "area": "共办活动", "owner": "alpha", "due": "2025Q3"},
            {"text": "实施“红色研学”项目", "project": "红色研学", "owner": "beta",
             "due": "2025Q4"},
        ]}
    assert subjects(ws)[0] == "plan(yearly): 2025 annual plan"
    assert changed_files(ws) == ["alliances/yearly/plans/2025.yaml"]
    again = run_cli("plan", "new", "yearly", "2025", cwd=ws)
    assert again.exit_code == 1
    assert "alliances/yearly/plans/2025.yaml already exists" in again.output


def test_plan_new_in_an_editor_records_nothing_when_unchanged(
        in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import click

    ws = workspace(in_tmp / "ws")
    monkeypatch.setattr("pbctl.cli.commands.plan._interactive", lambda: True)
    monkeypatch.setattr(click, "edit", lambda text, **_: text)
    result = run_cli("plan", "new", "yearly", "2025", cwd=ws)
    assert result.exit_code == 1
    assert "the form was not changed; no plan was recorded" in result.output
    assert not (ws / "alliances/yearly/plans").exists()
    monkeypatch.setattr(click, "edit", lambda text, **_: "# 清空\n")
    result = run_cli("plan", "new", "yearly", "2025", cwd=ws)
    assert result.exit_code == 1
    assert "the plan for 2025 has no items; nothing was recorded" in result.output
    monkeypatch.setattr(click, "edit", lambda text, **_: text.replace("owner: beta",
                                                                      "owner: betta"))
    result = run_cli("plan", "new", "yearly", "2025", cwd=ws)
    assert result.exit_code == 1
    assert "items[3].owner: no member has the id 'betta'" in result.output
    assert "your form is kept in .git/PBCTL_PLAN.yaml" in " ".join(result.output.split())
    assert "owner: betta" in (ws / ".git/PBCTL_PLAN.yaml").read_text(encoding="utf-8")
    assert not (ws / "alliances/yearly/plans").exists()


@pytest.mark.parametrize(("year", "change", "message"), [
    (2025, ("owner: gamma, due: 2025Q4", "owner: gamme, due: 2025Q4"),
     "plan.yaml:9:27: items[5].owner: no member has the id 'gamme' (did you mean 'gamma'?)"),
    (2025, ("due: 2025-09}", "due: 2026-09}"),
     "plan.yaml:8:51: items[4].due: due 2026-09 is outside the plan's year 2025"),
    (2025, ("due: 2025Q1", "due: 2025Q5"),
     "plan.yaml:4:71: items[0].due: expected a day (2025-06-30), a month (2025-06) or a "
     "quarter (2025Q2), got '2025Q5'"),
    (2023, ("year: 2025", "year: 2023"),
     "plan.yaml:1:7: year: the plan for 2023 is before the alliance was founded (2024-06-01)"),
    (2025, ("partners: [beta]", "partners: [beat]"),
     "plan.yaml:4:59: items[0].partners[0]: no member has the id 'beat' (did you mean 'beta'?)"),
])
def test_a_bad_plan_is_named_by_file_line_and_field(in_tmp: Path, year: int,
                                                     change: tuple[str, str],
                                                     message: str) -> None:
    ws = workspace(in_tmp / "ws")
    before = subjects(ws)
    (ws / "plan.yaml").write_text(PLAN.replace(*change), encoding="utf-8")
    result = run_cli("plan", "new", "yearly", str(year), "--file", "plan.yaml", cwd=ws)
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())
    assert not (ws / "alliances/yearly/plans").exists()
    assert subjects(ws) == before


def test_check_validates_plans_and_lists(in_tmp: Path) -> None:
    ws = build_year(in_tmp / "ws")
    assert ok("check", cwd=ws)
    lists = ws / "alliances/yearly/lists.yaml"
    lists.write_text(lists.read_text(encoding="utf-8").replace("by: gamma", "by: gama", 1),
                     encoding="utf-8")
    plan = ws / "alliances/yearly/plans/2025.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("due: 2025Q3", "due: 2024Q3"),
                    encoding="utf-8")
    result = run_cli("check", "--format", "json", cwd=ws)
    assert result.exit_code == 1
    problems = {(p["file"], p["field"]) for p in json.loads(result.output)["problems"]}
    assert ("alliances/yearly/lists.yaml", "services[0].claimed.by") in problems
    assert ("alliances/yearly/plans/2025.yaml", "items[3].due") in problems


def test_lists_are_numbered_per_list_and_each_change_is_a_commit(in_tmp: Path) -> None:
    ws = workspace(in_tmp / "ws")
    ok("list", "add", "yearly", "needs", "需要实习基地", "--member", "beta", "--date",
       "2025-02-01", "--due", "2025Q2", cwd=ws)
    ok("list", "add", "yearly", "resources", "党建馆", "--member", "alpha", "--date",
       "2025-02-01", cwd=ws)
    ok("list", "claim", "yearly", "needs.1", "--by", "alpha", "--date", "2025-02-03", cwd=ws)
    assert subjects(ws)[:3] == ["list(yearly): claim needs.1", "list(yearly): add resources.1",
                                "list(yearly): add needs.1"]
    data = yamlio.load(ws / "alliances/yearly/lists.yaml").data
    assert data == {
        "resources": [{"text": "党建馆", "member": "alpha", "raised": "2025-02-01"}],
        "needs": [{"text": "需要实习基地", "member": "beta", "raised": "2025-02-01",
                   "due": "2025Q2", "claimed": {"by": "alpha", "date": "2025-02-03"}}],
    }
    again = run_cli("list", "claim", "yearly", "needs.1", "--by", "gamma", cwd=ws)
    assert again.exit_code == 1 and "needs.1 is already claimed by alpha" in again.output
    shown = json.loads(ok("list", "show", "yearly", "--as-of", "2025-07-01", "--format",
                          "json", cwd=ws))
    assert shown["counts"]["needs"] == {"open": 0, "claimed": 1, "done": 0, "overdue": 1}
    assert shown["needs"][0]["ref"] == "needs.1" and shown["needs"][0]["claimed_by"] == "alpha"


def test_list_add_from_the_definition(in_tmp: Path) -> None:
    ws = workspace(in_tmp / "ws")
    definition = ws / "alliances/yearly/alliance.yaml"
    definition.write_text(definition.read_text(encoding="utf-8")
                          + "lists:\n  needs: [需要场地, 需要师资]\n  services: [政策宣讲]\n",
                          encoding="utf-8")
    out = ok("list", "add", "yearly", "--from-definition", "--date", "2025-01-02", cwd=ws)
    assert "added services.1, needs.1, needs.2 to yearly" in out
    data = yamlio.load(ws / "alliances/yearly/lists.yaml").data
    assert [n["text"] for n in data["needs"]] == ["需要场地", "需要师资"]
    assert data["services"][0] == {"text": "政策宣讲", "member": "alpha", "raised": "2025-01-02"}
    again = run_cli("list", "add", "yearly", "--from-definition", cwd=ws)
    assert again.exit_code == 1 and "already in lists.yaml" in again.output


def test_the_evaluation_workbook_keeps_user_text_as_text(in_tmp: Path) -> None:
    from openpyxl import load_workbook

    ws = build_year(in_tmp / "ws")
    definition = ws / "alliances/yearly/alliance.yaml"
    definition.write_text(definition.read_text(encoding="utf-8").replace(
        "short_name: 乙大学", "short_name: \"=HYPERLINK(1)\""), encoding="utf-8")
    ok("evaluate", "yearly", "--year", "2025", cwd=ws)
    data = (ws / "alliances/yearly/documents/evaluation-2025.xlsx").read_bytes()
    sheet = load_workbook(io.BytesIO(data))["成效联评"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["名次", "成员单位", "出席联席会议"] and header[-2:] == ["得分", "依据"]
    names = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    hostile = names["=HYPERLINK(1)"]
    assert hostile[1].data_type == "s"
    assert hostile[-1].value.startswith(
        "出席联席会议：第2次联席会议、第3次联席会议、第4次联席会议；参加联建活动：第1项联建活动、"
        "第2项联建活动；牵头计划事项：2025年计划第3项、")
    assert "认领需求：需求清单第2项；负责议定事项：议定事项2.2、议定事项4.1" in hostile[-1].value
    assert names["甲公司"][-2].value == 28 and names["甲公司"][0].value == 1


def test_check_names_a_plan_item_that_does_not_exist(in_tmp: Path) -> None:
    ws = build_year(in_tmp / "ws")
    meeting = ws / "alliances/yearly/meetings/004.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace(
        "[plan.2025.6, plan.2025.8]", "[plan.2025.9, plan.2026.1]"), encoding="utf-8")
    result = run_cli("check", cwd=ws)
    assert result.exit_code == 1
    out = " ".join(result.output.split())
    assert ("alliances/yearly/meetings/004.yaml:5:14: plan_items[0]: the 2025 plan has no "
            "item 9 (it has 8 items)") in out
    assert "004.yaml:5:27: plan_items[1]: there is no plan for 2026" in out


def test_log_names_the_plan_items_an_event_carries_out(in_tmp: Path) -> None:
    ws = build_year(in_tmp / "ws")
    ok("log", "activity", "yearly", "--kind", "study", "--date", "2025-10-01", "--plan-item",
       "plan.2025.6", "--plan-item", "plan.2025.7", cwd=ws)
    data = yamlio.load(ws / "alliances/yearly/activities/003.yaml").data
    assert data["plan_items"] == ["plan.2025.6", "plan.2025.7"]
    bad = run_cli("log", "meeting", "yearly", "--date", "2025-10-02", "--plan-item",
                  "plan2025", cwd=ws)
    assert bad.exit_code == 1
    assert ("plan_items[0]: expected a plan item such as plan.2025.3 (the 3rd item of the "
            "2025 plan), got 'plan2025'") in " ".join(bad.output.split())
    assert not (ws / "alliances/yearly/meetings/005.yaml").exists()
