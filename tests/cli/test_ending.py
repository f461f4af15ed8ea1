"""The end of a ``pbctl`` process: what it made is frozen before Python's collections at
exit (which would walk every module loaded), and nothing it prints or writes is lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from records_helpers import isolated_git, records_workspace  # noqa: F401

SCRIPT = """\
import atexit, gc, sys
atexit.register(lambda: sys.stderr.write(f"frozen {gc.get_freeze_count() > 0}\\n"))
from pbctl.cli import main
main()
"""


def _pbctl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "NO_COLOR": "1"})


@pytest.mark.slow
def test_a_command_ends_frozen_with_its_output_and_files_whole(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    roster = tmp_path / "r.csv"
    rows = "".join(f"示例第{n}号公司党支部,党支部,企业\n" for n in range(1, 301))
    roster.write_text("党组织名称,党组织类别,单位性质\n" + rows, encoding="utf-8")
    dry = _pbctl("-C", str(ws.root), "import", "members", "demo", str(roster), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.count("would be added ") == 300  # piped, all of it
    assert dry.stdout.endswith("dry run: 300 added, 0 updated, 0 unchanged; nothing written\n")
    assert "frozen True" in dry.stderr
    done = _pbctl("-C", str(ws.root), "import", "members", "demo", str(roster))
    assert done.returncode == 0, done.stderr
    assert "frozen True" in done.stderr
    text = (ws.root / "alliances/demo/alliance.yaml").read_text(encoding="utf-8")
    assert text.count("name: 示例第") == 300 and text.endswith("\n")
    errors = _pbctl("-C", str(ws.root), "import", "members", "demo", str(tmp_path / "none.csv"))
    assert errors.returncode == 1
    assert "none.csv: no such file" in errors.stderr and "frozen True" in errors.stderr
