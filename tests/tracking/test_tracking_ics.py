"""iCalendar output: RFC 5545 line folding, escaping, components, stable UIDs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from helpers import run_cli
from tracking_helpers import build_workspace

from pbctl.tracking.ics import calendar, escape_text, fold
from pbctl.tracking.schedule import DueItem


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_escape_text() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert escape_text("甲，乙；丙") == "甲，乙；丙"  # full-width punctuation stays


@pytest.mark.parametrize("text", ["A" * 200, "党建" * 80, "x" + "联" * 100, "短"])
def test_fold_keeps_lines_within_75_octets(text: str) -> None:
    line = f"SUMMARY:{text}"
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert folded.replace("\r\n ", "") == line  # no character split or lost


def _item(kind: str = "decision", summary: str = "到期：共建实践基地") -> DueItem:
    return DueItem("demo", "测试党建联建", kind, dt.date(2024, 6, 30),  # type: ignore[arg-type]
                   summary, "责任单位：乙大学党委", True, f"demo-{kind}-1@pbctl")


def test_calendar_structure() -> None:
    text = calendar([_item(), _item("meeting", "联席会议应召开")],
                    stamp=dt.datetime(2024, 9, 10))
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = unfold(text)
    assert lines[:3] == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//pbctl//pbctl due//ZH"]
    assert lines[-2:] == ["END:VCALENDAR", ""]
    todo = lines[lines.index("BEGIN:VTODO"):lines.index("END:VTODO")]
    assert "UID:demo-decision-1@pbctl" in todo
    assert "DUE;VALUE=DATE:20240630" in todo
    assert "DTSTAMP:20240910T000000Z" in todo
    event = lines[lines.index("BEGIN:VEVENT"):lines.index("END:VEVENT")]
    assert "DTSTART;VALUE=DATE:20240630" in event
    assert "DTEND;VALUE=DATE:20240701" in event


def test_due_ics_file_is_stable(in_tmp: Path) -> None:
    ws = build_workspace(in_tmp / "ws")
    first = run_cli("due", "--as-of", "2024-09-10", "--ics", "due.ics", cwd=ws)
    assert first.exit_code == 0, first.output
    data = (ws / "due.ics").read_bytes()
    run_cli("due", "--as-of", "2024-09-10", "--ics", "again.ics", cwd=ws)
    assert (ws / "again.ics").read_bytes() == data
    text = data.decode("utf-8")
    uids = re.findall(r"^UID:(.*)\r$", text, flags=re.M)
    assert uids == ["other-meeting-1@pbctl", "demo-decision-1.2@pbctl",
                    "demo-meeting-3@pbctl", "demo-decision-2.1@pbctl"]
    # a day later the same entries keep their ids (the calendar updates, not duplicates)
    run_cli("due", "--as-of", "2024-09-11", "--ics", "later.ics", cwd=ws)
    later = (ws / "later.ics").read_bytes().decode("utf-8")
    assert re.findall(r"^UID:(.*)\r$", later, flags=re.M) == uids


def test_due_list_and_json(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # one table row a line
    ws = build_workspace(in_tmp / "ws")
    result = run_cli("due", "demo", "--as-of", "2024-09-10", "--within", "15", cwd=ws)
    assert result.exit_code == 0, result.output
    assert "共建实践基地" in result.output and "overdue by 72 days" in result.output
    assert "第3次联席会议" in result.output and "in 10 days" in result.output
    assert "主题党日" not in result.output  # due 2024-09-30: beyond 15 days
    import json

    data = json.loads(run_cli("due", "demo", "--as-of", "2024-09-10", "--format", "json",
                              cwd=ws).output)
    assert [i["kind"] for i in data["items"]] == ["decision", "meeting", "decision"]
