"""A group's own meetings (联组会议): ``log meeting --group``, numbered per group apart from
the joint meetings, rendered as that group's minutes, decisions marked done as GROUP-N.M,
counted per group by status and the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import MINIMAL, run_cli
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    commit_count,
    isolated_git,
    records_workspace,
    subjects,
)

from pbctl.definition import yamlio
from pbctl.records.textconv import docx_text

GROUPS = MINIMAL.replace("    level: 党总支\n", "    level: 党总支\n    parent: alpha\n") + """\
groups:
  - id: ruanjian
    name: 软件联组
    members: [alpha]
  - id: lianzu-2
    name: 第二联组
    members: [beta]
"""


def _log(root: Path, *args: str) -> str:
    result = run_cli("-C", str(root), "log", "meeting", "demo", *args)
    assert result.exit_code == 0, result.output
    return result.output


def test_group_meetings_numbered_apart(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws", text=GROUPS)
    root = ws.root
    _log(root, "--date", "2024-05-01", "--topic", "联席")
    out = _log(root, "--group", "ruanjian", "--date", "2024-05-02",
               "--decision", "走访企业;owner=alpha;due=2024-06-30")
    assert "meeting ruanjian-1 (第一次软件联组会议) written to" in out
    _log(root, "--group", "ruanjian", "--date", "2024-05-10")
    _log(root, "--group", "lianzu-2", "--date", "2024-05-11")
    _log(root, "--date", "2024-06-01")
    meetings = root / "alliances/demo/meetings"
    assert sorted(p.name for p in meetings.iterdir()) == [
        "001.yaml", "002.yaml", "lianzu-2-001.yaml", "ruanjian-001.yaml", "ruanjian-002.yaml"]
    assert subjects(root)[1] == "log(demo): meeting lianzu-2-1"
    ordinal = yamlio.load(root / "alliances/demo/meetings/lianzu-2-001.yaml").data
    assert ordinal["title"] == "第二联组第一次会议"  # a group named by its order: name first
    assert (meetings / "ruanjian-002.yaml").read_text(encoding="utf-8").startswith(
        "number: 2\ngroup: ruanjian\ndate: 2024-05-10\ntitle: 第二次软件联组会议\n")
    assert run_cli("-C", str(root), "check").exit_code == 0
    # rendered as the group's minutes
    rendered = run_cli("-C", str(root), "render", "minutes", "demo", "ruanjian-2")
    assert rendered.exit_code == 0, rendered.output
    docx = root / "alliances/demo/documents/minutes-ruanjian-002.docx"
    assert docx_text(docx.read_bytes()).startswith("第二次软件联组会议纪要")
    joint = run_cli("-C", str(root), "render", "minutes", "demo", "2")
    assert joint.exit_code == 0, joint.output
    # a group decision marked done
    done = run_cli("-C", str(root), "done", "demo", "ruanjian-1.1", "--date", "2024-06-01")
    assert done.exit_code == 0, done.output
    assert subjects(root)[0] == "done(demo): meeting ruanjian-1 decision 1"
    missing = run_cli("-C", str(root), "done", "demo", "ruanjian-3.1", "--date", "2024-06-01")
    assert missing.exit_code == 1
    assert "demo has no meeting ruanjian-3" in missing.output
    # counted per group
    status = run_cli("-C", str(root), "status", "--format", "json", "--as-of", "2024-06-30")
    assert status.exit_code == 0, status.output
    (state,) = json.loads(status.output)["alliances"]
    assert state["meetings"]["held"] == 2
    assert state["group_meetings"] == [
        {"group": "ruanjian", "name": "软件联组", "held": 2},
        {"group": "lianzu-2", "name": "第二联组", "held": 1}]
    report = run_cli("-C", str(root), "report", "demo", "--year", "2024")
    assert report.exit_code == 0, report.output
    text = docx_text((root / "alliances/demo/documents/report-2024.docx").read_bytes())
    assert "共召开联席会议2次" in text
    assert "各联组共召开联组会议3次（软件联组2次、第二联组1次）" in text
    ledger = run_cli("-C", str(root), "ledger", "demo", "--year", "2024")
    assert ledger.exit_code == 0, ledger.output
    import openpyxl

    book = openpyxl.load_workbook(root / "alliances/demo/documents/ledger-2024.xlsx")
    cells = [[str(c.value) for c in row] for row in book.worksheets[0].iter_rows()]
    group_rows = [r for r in cells if "联组会议" in r]
    assert len(group_rows) == 3
    assert any("第二次软件联组会议" in r for r in group_rows)
    assert any("已办结（2024年6月1日）" in r for r in group_rows)
    assert sum("联席会议" in r for r in cells) == 2
    stats = [[str(c.value) for c in row] for ws in book.worksheets for row in ws.iter_rows()]
    assert any("└─乙大学党委" in r for r in stats)  # members under their parents


def test_unknown_group_and_mismatched_file(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws", text=GROUPS)
    before = commit_count(ws.root)
    result = run_cli("-C", str(ws.root), "log", "meeting", "demo", "--group", "ruanjain",
                     "--date", "2024-05-02")
    assert result.exit_code == 1
    assert "demo has no group 'ruanjain'" in result.output
    assert "did you mean 'ruanjian'?" in result.output
    assert commit_count(ws.root) == before
    bad = ws.root / "alliances/demo/meetings/ruanjian-001.yaml"
    bad.parent.mkdir(parents=True)
    bad.write_text("number: 1\ngroup: lianzu-2\ndate: 2024-05-02\n", encoding="utf-8")
    check = run_cli("-C", str(ws.root), "check")
    assert check.exit_code == 1
    assert ("ruanjian-001.yaml:2:8: group: group meeting lianzu-2-1 does not match the file "
            "name ruanjian-001.yaml") in check.output


@pytest.mark.parametrize(("name", "number", "title"), [
    ("软件联组", 2, "第二次软件联组会议"), ("基层党建专委会", 11, "第十一次基层党建专委会会议"),
    ("第二联组", 1, "第二联组第一次会议"), ("第一联组", 3, "第一联组第三次会议")])
def test_a_groups_meeting_title(name: str, number: int, title: str) -> None:
    from pbctl.words import group_meeting_title

    assert group_meeting_title(name, number) == title


def test_renumbering_moves_the_number_in_either_form_of_default_title() -> None:
    from pbctl.sync.renumber import Move, renumbered_text

    move = Move("demo", "meeting", 1, 3, "a", "b", group="lianzu-2")
    for old, new in (("第一次软件联组会议", "第三次软件联组会议"),
                     ("第二联组第一次会议", "第二联组第三次会议"),
                     ("第二联组调研座谈会", "第二联组调研座谈会")):  # an own title stays
        text = f"number: 1\ngroup: lianzu-2\ntitle: {old}\n"
        assert renumbered_text(text, move) == f"number: 3\ngroup: lianzu-2\ntitle: {new}\n"
