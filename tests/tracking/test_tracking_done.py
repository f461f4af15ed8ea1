"""``pbctl done``: the right decision rewritten, errors that write nothing, one commit."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli
from tracking_helpers import build_workspace, git, git_workspace

from pbctl.definition import yamlio
from pbctl.tracking.decisions import parse_ref


def meeting_data(ws: Path, number: int) -> dict[str, object]:
    doc = yamlio.load(ws / "alliances" / "demo" / "meetings" / f"{number:03d}.yaml")
    data: dict[str, object] = doc.data
    return data


def test_parse_ref() -> None:
    assert parse_ref("3.2") == (3, 2)
    for bad in ("3", "3.0", "a.b", "3.2.1", ""):
        with pytest.raises(ValueError, match=r"MEETING\.DECISION"):
            parse_ref(bad)


def test_marks_the_right_decision_and_keeps_the_file(in_tmp: Path) -> None:
    ws = build_workspace(in_tmp / "ws")
    path = ws / "alliances" / "demo" / "meetings" / "001.yaml"
    before = path.read_text(encoding="utf-8")
    result = run_cli("done", "demo", "1.2", "--date", "2024-07-05", "--note", "基地挂牌: 已完成",
                     cwd=ws)
    assert result.exit_code == 0, result.output
    assert "decision 1.2 of demo" in result.output
    assert "not recorded" in result.output
    after = path.read_text(encoding="utf-8")
    assert "# 第一项已完成" in after  # comments and layout kept
    assert after.startswith(before.split("recorder:")[0].rstrip("\n"))
    decisions = meeting_data(ws, 1)["decisions"]
    assert isinstance(decisions, list)
    assert decisions[0]["done"] == {"date": "2024-04-20"}
    assert decisions[1]["done"] == {"date": "2024-07-05", "note": "基地挂牌: 已完成"}
    assert list(decisions[1]) == ["text", "owner", "due", "done"]
    assert list(meeting_data(ws, 1))[-1] == "recorder"
    # the other meeting is untouched
    assert meeting_data(ws, 2)["decisions"][1] == {"text": "编制资源清单", "owner": "beta"}  # type: ignore[index]


def test_flow_style_decision_is_rewritten_in_key_order(in_tmp: Path) -> None:
    ws = build_workspace(in_tmp / "ws")
    path = ws / "alliances" / "demo" / "meetings" / "003.yaml"
    path.write_text("number: 3\ndate: 2024-11-01\ndecisions: [{text: 甲, owner: alpha}]\n"
                    "recorder: 赵六\n", encoding="utf-8")
    result = run_cli("done", "demo", "3.1", "--date", "2024-11-02", cwd=ws)
    assert result.exit_code == 0, result.output
    data = meeting_data(ws, 3)
    assert list(data) == ["number", "date", "decisions", "recorder"]
    assert data["decisions"] == [{"text": "甲", "owner": "alpha",
                                  "done": {"date": "2024-11-02"}}]
    assert "date: 2024-11-01\n" in path.read_text(encoding="utf-8")  # dates stay unquoted


def test_already_done_changes_nothing(in_tmp: Path) -> None:
    ws = build_workspace(in_tmp / "ws")
    path = ws / "alliances" / "demo" / "meetings" / "001.yaml"
    before = path.read_bytes()
    result = run_cli("done", "demo", "1.1", "--date", "2024-04-20", cwd=ws)
    assert result.exit_code == 0
    assert "already marked done" in result.output
    assert path.read_bytes() == before


def test_redo_with_another_date_needs_force_and_replaces_it(in_tmp: Path) -> None:
    ws = build_workspace(in_tmp / "ws")
    refused = run_cli("done", "demo", "2.1", "--date", "2024-10-01", cwd=ws)
    assert refused.exit_code == 1 and "already done (2024-10-08, note '已开展')" in refused.output
    result = run_cli("done", "demo", "2.1", "--date", "2024-10-01", "--force", cwd=ws)
    assert result.exit_code == 0, result.output
    assert "was 2024-10-08" in result.output
    decisions = meeting_data(ws, 2)["decisions"]
    # the earlier note is kept, never erased
    assert decisions[0]["done"] == {"date": "2024-10-01", "note": "已开展"}  # type: ignore[index]


@pytest.mark.parametrize(("ref", "extra", "message"), [
    ("9.1", (), "demo has no meeting 9"),
    ("1.3", (), "meeting 1 of demo has no decision 3"),
    ("1.2", ("--date", "2024-03-01"), "is before meeting 1 itself"),
    ("1.2", ("--date", "2999-01-01"), "is in the future"),
])
def test_errors_write_nothing(in_tmp: Path, ref: str, extra: tuple[str, ...],
                              message: str) -> None:
    ws = build_workspace(in_tmp / "ws")
    folder = ws / "alliances" / "demo" / "meetings"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run_cli("done", "demo", ref, *extra, cwd=ws)
    assert result.exit_code == 1
    assert message in result.output
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_bad_ref_is_a_usage_error(in_tmp: Path) -> None:
    ws = build_workspace(in_tmp / "ws")
    result = run_cli("done", "demo", "two", cwd=ws)
    assert result.exit_code == 2
    assert "expected MEETING.DECISION" in result.output


def test_commit_in_a_git_workspace(in_tmp: Path) -> None:
    ws = git_workspace(in_tmp / "ws")
    (ws / "unrelated.txt").write_text("user's work\n", encoding="utf-8")
    result = run_cli("done", "demo", "1.2", "--date", "2024-07-05", "-m", "基地已挂牌", cwd=ws)
    assert result.exit_code == 0, result.output
    assert "recorded: done(demo): meeting 1 decision 2" in result.output
    log = git(ws, "log", "-1", "--format=%s%n%b")
    assert log.startswith("done(demo): meeting 1 decision 2\n")
    assert "基地已挂牌" in log
    assert "Pbctl-Alliance: demo" in log and "Pbctl-Decision: 1.2" in log
    changed = git(ws, "show", "--name-only", "--format=", "HEAD").split()
    assert changed == ["alliances/demo/meetings/001.yaml"]
    assert "unrelated.txt" in git(ws, "status", "--porcelain")
    assert git(ws, "rev-list", "--count", "HEAD").strip() == "2"
    # the same again: nothing to commit
    run_cli("done", "demo", "1.2", "--date", "2024-07-05", cwd=ws)
    assert git(ws, "rev-list", "--count", "HEAD").strip() == "2"


def test_written_yaml_keeps_dates_unquoted() -> None:
    text = yamlio.dumps({"date": "2024-01-02", "time": "14:30", "n": "007"})
    assert "date: 2024-01-02\n" in text
    assert yamlio.loads(text).data == {"date": "2024-01-02", "time": "14:30", "n": "007"}
