"""Consoles as they are: a GBK or cp1252 console never crashes pbctl, and at 80 columns no
line of the everyday views is wider than the terminal (a Chinese character is two cells)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tracking_helpers import git_workspace

from pbctl.cli.textwidth import cells

COMMANDS = [
    ["--help"], ["status", "--help"], ["log", "meeting", "--help"], ["sync", "--help"],
    ["status", "--as-of", "2024-10-01"], ["status", "demo", "--as-of", "2024-10-01"],
    ["due", "--as-of", "2024-10-01"], ["check", "--summary"], ["history", "demo"],
    ["verify"],
]
#: Run for "no crash" only: an error is one long line, which the terminal wraps.
ERRORS = [["render", "agrement", "demo"], ["check", "alliances/demo/meetings/001.yaml"]]


def _run(root: Path, args: list[str], encoding: str, lang: str) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env.update({"PYTHONIOENCODING": encoding, "COLUMNS": "80", "LANG": lang, "NO_COLOR": "1",
                "PBCTL_LANG": lang[:2]})
    proc = subprocess.run([sys.executable, "-c", "from pbctl.cli import main; main()", *args],
                          cwd=root, env=env, capture_output=True, timeout=60)
    out = proc.stdout.decode(encoding) + proc.stderr.decode(encoding)  # strict: valid text
    return proc.returncode, out


@pytest.mark.slow
@pytest.mark.parametrize(("encoding", "lang"), [
    ("gbk", "zh_CN.GBK"), ("gbk", "en_US.UTF-8"), ("cp1252", "en_US.UTF-8"),
    ("cp1252", "zh_CN.UTF-8"),
])
def test_no_crash_and_nothing_wider_than_80_columns(
    tmp_path: Path, encoding: str, lang: str
) -> None:
    root = git_workspace(tmp_path / "ws")
    for args in COMMANDS + ERRORS:
        code, out = _run(root, args, encoding, lang)
        assert code in (0, 1, 2), (args, out)
        assert "Traceback" not in out and "unexpected error" not in out, (args, out)
        if args not in ERRORS:
            for line in out.splitlines():
                assert cells(line) <= 80, (args, line)


def test_marks_fall_back_to_ascii_where_the_console_cannot_show_them(tmp_path: Path) -> None:
    root = git_workspace(tmp_path / "ws")
    code, out = _run(root, ["check"], "cp1252", "en_US.UTF-8")
    assert code == 0
    assert out.splitlines()[-1] == "v 7 files checked, no problems"
    code, out = _run(root, ["check"], "utf-8", "en_US.UTF-8")
    assert out.splitlines()[-1] == "✓ 7 files checked, no problems"
