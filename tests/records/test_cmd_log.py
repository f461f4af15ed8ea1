"""``pbctl log meeting|activity``: flags, --file, $EDITOR, and the errors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from helpers import run_cli
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    commit_count,
    git,
    isolated_git,
    records_workspace,
    subjects,
)

from pbctl.definition import yamlio

EDITOR_SCRIPT = """\
import os, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
mode = os.environ["FAKE_EDIT"]
if mode == "same":
    pass
elif mode == "empty":
    text = "# nothing\\n"
else:
    old, new = mode.split("=>")
    text = text.replace(old, new, 1)
open(path, "w", encoding="utf-8").write(text)
"""


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal user whose $EDITOR applies FAKE_EDIT to the form."""
    script = tmp_path / "fake_editor.py"
    script.write_text(EDITOR_SCRIPT, encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setattr("pbctl.cli.editing.interactive", lambda: True)


def test_meeting_from_flags(ws: Path) -> None:
    result = run_cli(
        "log", "meeting", "demo", "--date", "2024-05-10", "--time", "14:30", "--venue", "会议室",
        "--chair", "张三", "--host", "alpha", "--attendee", "alpha:张三,李四",
        "--attendee", "beta", "--absent", "beta:赵六", "--observer", "钱七, 区委组织部",
        "--topic", "审议计划", "--topic", "交流经验", "--speech", "alpha;speaker=张三;summary=介绍",
        "--decision", "建立联络员制度;owner=beta;due=2024-06-30", "--summary", "顺利召开",
        "--recorder", "王五", "-m", "第一季度例会",
    )
    assert result.exit_code == 0, result.output
    assert "meeting 1 (第一次联席会议) written to alliances/demo/meetings/001.yaml" in result.output
    data = yamlio.load(ws / "alliances/demo/meetings/001.yaml").data
    assert data["attendees"] == [{"member": "alpha", "names": ["张三", "李四"]},
                                 {"member": "beta"}]
    assert data["decisions"] == [{"text": "建立联络员制度", "owner": "beta", "due": "2024-06-30"}]
    assert data["time"] == "14:30" and data["absent"] == [{"member": "beta", "names": ["赵六"]}]
    assert subjects(ws)[0] == "log(demo): meeting 1"
    assert "第一季度例会" in git(ws, "log", "-1", "--format=%b")


def test_activity_from_flags(ws: Path) -> None:
    result = run_cli("log", "activity", "demo", "--kind", "observation", "--date", "2024-05-12",
                     "--member", "alpha", "--member", "beta", "--headcount", "30",
                     "--outcome", "交流经验")
    assert result.exit_code == 0, result.output
    data = yamlio.load(ws / "alliances/demo/activities/001.yaml").data
    assert data == {"number": 1, "kind": "observation", "date": "2024-05-12",
                    "members": ["alpha", "beta"], "headcount": 30, "outcomes": ["交流经验"]}


def test_invalid_flags_write_nothing(ws: Path) -> None:
    count = commit_count(ws)
    result = run_cli("log", "meeting", "demo", "--date", "2024-05-10", "--attendee", "gamma")
    assert result.exit_code == 1
    assert "alliances/demo/meetings/001.yaml:5:11: attendees[0].member: no member has the id " \
        "'gamma'" in result.output
    assert "nothing was written" in result.output
    result = run_cli("log", "meeting", "demo", "--date", "2024-05-10", "--decision", "无人负责")
    assert result.exit_code == 1 and "decisions[0].owner: is required" in result.output
    result = run_cli("log", "meeting", "demo", "--venue", "x")
    assert result.exit_code == 1 and "--date is required" in result.output
    assert not (ws / "alliances/demo/meetings").exists() and commit_count(ws) == count


def test_from_a_file_and_from_stdin(ws: Path) -> None:
    (ws / "m.yaml").write_text("date: 2024-05-10\nvenue: 会议室\n", encoding="utf-8")
    assert run_cli("log", "meeting", "demo", "--file", "m.yaml").exit_code == 0
    result = run_cli("log", "meeting", "demo", "--file", "-",
                     input="date: 2024-06-10\nhost: gamma\n")
    assert result.exit_code == 1 and "<stdin>:2:7: host: no member" in result.output
    result = run_cli("log", "meeting", "demo", "--file", "-", input="date: 2024-06-10\n")
    assert result.exit_code == 0 and (ws / "alliances/demo/meetings/002.yaml").is_file()
    result = run_cli("log", "meeting", "demo", "--file", "m.yaml", "--date", "2024-05-10")
    assert result.exit_code == 2 and "not both" in result.output


def test_no_terminal_and_no_input_names_the_flags(ws: Path) -> None:
    result = run_cli("log", "meeting", "demo")
    assert result.exit_code == 1
    assert "no meeting given, and there is no terminal" in result.output
    assert "--date" in result.output and "--file FILE" in result.output


def test_editor_form_records_the_meeting(ws: Path, editor: None,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_EDIT", "venue: =>venue: 甲公司会议室")
    result = run_cli("log", "meeting", "demo")
    assert result.exit_code == 0, result.output
    data = yamlio.load(ws / "alliances/demo/meetings/001.yaml").data
    assert data["venue"] == "甲公司会议室" and data["host"] == "alpha"
    assert [a["member"] for a in data["attendees"]] == ["alpha", "beta"]
    assert not (ws / ".git" / "PBCTL_MEETING.yaml").exists()


@pytest.mark.parametrize(("mode", "message"), [
    ("same", "the form was not changed"),
    ("empty", "the form is empty"),
])
def test_unchanged_or_empty_form_aborts(ws: Path, editor: None, monkeypatch: pytest.MonkeyPatch,
                                        mode: str, message: str) -> None:
    monkeypatch.setenv("FAKE_EDIT", mode)
    count = commit_count(ws)
    result = run_cli("log", "meeting", "demo")
    assert result.exit_code == 1 and message in result.output
    assert not (ws / "alliances/demo/meetings").exists() and commit_count(ws) == count


def test_editor_not_saved_aborts(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "true")
    monkeypatch.setattr("pbctl.cli.editing.interactive", lambda: True)
    result = run_cli("log", "activity", "demo")
    assert result.exit_code == 1 and "the form was not changed" in result.output


def test_invalid_form_is_kept_for_the_user(ws: Path, editor: None,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_EDIT", "host: alpha=>host: gamma")
    result = run_cli("log", "meeting", "demo")
    assert result.exit_code == 1
    draft = ws / ".git" / "PBCTL_MEETING.yaml"
    assert draft.is_file()
    assert ".git/PBCTL_MEETING.yaml:" in result.output and "host: no member" in result.output
    assert "--file .git/PBCTL_MEETING.yaml" in result.output
    assert not (ws / "alliances/demo/meetings").exists()


def test_help_documents_the_formats() -> None:
    result = run_cli("log", "meeting", "--help")
    assert result.exit_code == 0
    for text in ("text;owner=member-id;due=2025-03-01", "member-id:张三,李四", "$EDITOR",
                 "--file", "-m, --message"):
        assert text in result.output, text
    assert "observation 观摩" in run_cli("log", "activity", "--help").output


def test_outside_git_says_not_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from helpers import make_workspace

    root = make_workspace(tmp_path / "plain", "demo")
    monkeypatch.chdir(root)
    result = run_cli("log", "meeting", "demo", "--date", "2024-05-10")
    assert result.exit_code == 0 and "nothing was recorded in history" in result.output
