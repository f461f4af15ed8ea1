"""No crash on hostile or unlucky input: each case is a one-line message, exit 1 (2 for a
command-line usage error), no traceback, and nothing written or committed."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import BIN, MINIMAL, run_cli, write_yaml
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    commit_count,
    isolated_git,
    records_workspace,
    status,
)

DEFINITION = "alliances/demo/alliance.yaml"
MEETINGS = "alliances/demo/meetings"


def refused(*args: str, code: int = 1, input: str | None = None) -> str:
    result = run_cli(*args, input=input)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and "unexpected error" not in result.output
    return result.output


def untouched(ws: Path, commits: int) -> None:
    assert commit_count(ws) == commits
    assert status(ws) == []


def test_a_4301_digit_integer(ws: Path) -> None:
    (ws / DEFINITION).write_text(MINIMAL + "copies: " + "9" * 4301 + "\n", encoding="utf-8")
    output = refused("check")
    assert f"{DEFINITION}:14:9: a number of 4,301 digits is too large" in output
    assert len(output) < 1000


@pytest.mark.parametrize("depth", [100, 983, 999, 5000])
def test_deep_nesting(ws: Path, depth: int) -> None:
    (ws / DEFINITION).write_text(MINIMAL + "goals: " + "[" * depth + "]" * depth + "\n",
                                 encoding="utf-8")
    output = refused("check")
    assert "nested more than 64 levels deep" in output or "maximum nesting depth" in output
    assert f"{DEFINITION}:14:" in output


def test_counts_and_numbers_beyond_their_range(ws: Path) -> None:
    commits = commit_count(ws)
    output = refused("log", "activity", "demo", "--kind", "study", "--date", "2024-04-01",
                     "--host", "alpha", "--member", "alpha", "--headcount", "1000001")
    assert "headcount" in output
    untouched(ws, commits)


def test_a_huge_number_in_a_file_name_then_log(ws: Path) -> None:
    write_yaml(ws / MEETINGS / "1000000000000.yaml", "number: 1000000000000\ndate: 2024-04-01\n")
    output = refused("log", "meeting", "demo", "--date", "2024-04-02", "--attendee", "alpha")
    assert "1000000000000.yaml:1: record numbers go up to 9,999" in output
    assert "record numbers go up to 9,999" in refused("check")
    assert sorted(p.name for p in (ws / MEETINGS).iterdir()) == ["1000000000000.yaml"]


@pytest.mark.parametrize("args", [("due", "--as-of", "9999-12-31"),
                                  ("due", "--within", "99999999999"),
                                  ("status", "--as-of", "0001-01-01")])
def test_out_of_range_dates_and_windows_are_usage_errors(ws: Path, args: tuple[str, ...]
                                                         ) -> None:
    assert "out of range" in refused(*args, code=2) or "not in the range" in run_cli(
        *args).output


def test_undecodable_arguments(ws: Path) -> None:
    for args in ([b"check", b"\xff.yaml"], [b"log", b"meeting", b"\xff", b"--date",
                                            b"2024-04-01"], [b"render", b"charter", b"d\xffx"]):
        proc = subprocess.run([os.fsencode(BIN / "pbctl"), *args], capture_output=True,
                              env={**os.environ, "NO_COLOR": "1"}, timeout=60)
        assert proc.returncode == 1, proc.stderr
        assert b"Traceback" not in proc.stderr and b"unexpected" not in proc.stderr


def test_the_crash_handler_survives_undecodable_arguments(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    from pbctl.cli import ui

    monkeypatch.setattr(sys, "argv", ["pbctl", "check", "\udcff.yaml"])
    try:
        raise RuntimeError("boom \udcff")
    except RuntimeError:
        log = ui.report_crash()
    assert "\\udcff" in log.read_text(encoding="utf-8")


def test_dev_zero_and_an_endless_stdin_are_bounded(ws: Path) -> None:
    commits = commit_count(ws)
    assert "more than 1 MiB" in refused("log", "meeting", "demo", "--file", "/dev/zero")
    endless = "date: 2024-04-01\nsummary: " + "长" * 600_000 + "\n"
    assert "more than 1 MiB" in refused("log", "meeting", "demo", "--file", "-", input=endless)
    untouched(ws, commits)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_named_yaml_does_not_hang_check(ws: Path) -> None:
    (ws / MEETINGS).mkdir(parents=True)
    os.mkfifo(ws / MEETINGS / "001.yaml")
    proc = subprocess.run([str(BIN / "pbctl"), "check"], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 1
    assert "001.yaml: is not a regular file" in proc.stderr + proc.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_output_paths_that_are_not_regular_files_are_refused(ws: Path) -> None:
    fifo = ws.parent / "calendar.ics"
    os.mkfifo(fifo)
    assert "is a FIFO (named pipe), not a regular file" in refused("due", "--ics", str(fifo))
    assert fifo.exists() and not fifo.is_file()
    folder = ws.parent / "out.docx"
    folder.mkdir()
    assert "is a folder" in refused("render", "charter", "demo", "-o", str(folder))
    assert folder.is_dir()
    refused("render", "charter", "demo", "-o", "/dev/null")
    device = ws.parent / "device.docx"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # as /dev/null
    except PermissionError:
        return  # not root: no device node to test with
    assert "is a device" in refused("render", "charter", "demo", "-o", str(device))
    assert stat.S_ISCHR(device.stat().st_mode)


def test_an_oversize_record_is_never_written(ws: Path) -> None:
    commits = commit_count(ws)
    topics = [arg for _ in range(9) for arg in ("--topic", "议" * 40_000)]
    output = refused("log", "meeting", "demo", "--date", "2024-04-01", "--attendee", "alpha",
                     *topics)
    assert "would be 1,080" in output and "at most 1 MiB" in output
    untouched(ws, commits)
    assert not (ws / MEETINGS).exists() or not list((ws / MEETINGS).iterdir())


def test_a_5mb_value_is_not_echoed_whole(ws: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("date: 2024-04-01\nkind: " + "x" * 900_000 + "\n", encoding="utf-8")
    output = refused("log", "activity", "demo", "--file", str(big))
    assert "(900,000 characters)" in output and len(output) < 1000
    bad_id = tmp_path / "bad.yaml"
    bad_id.write_text(MINIMAL.replace("id: demo", "id: " + "Q" * 5_000_000), encoding="utf-8")
    assert len(refused("check", str(bad_id))) < 2000
