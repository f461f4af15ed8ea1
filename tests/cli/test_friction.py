"""Everyday friction a new user met: check outside a workspace, file modes."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import MINIMAL, run_cli, write_yaml

from pbctl.fsutil import atomic_write

pytestmark = pytest.mark.usefixtures("in_tmp")


def test_check_outside_a_workspace_says_so() -> None:
    write_yaml(Path("deep/er/x.yaml"), "not: [valid")
    result = run_cli("check")
    assert result.exit_code == 1
    assert "error not in a pbctl workspace (no pbctl.yaml here or above)" in result.stderr
    assert "hint: run 'pbctl init', or name the files: pbctl check FILE…" in result.stderr
    assert "x.yaml" not in result.output


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
@pytest.mark.usefixtures("umask_022")
def test_written_files_respect_the_umask_and_keep_an_existing_mode() -> None:
    atomic_write(Path("new.txt"), "x")
    assert stat.S_IMODE(Path("new.txt").stat().st_mode) == 0o644
    Path("private.txt").write_text("old", encoding="utf-8")
    Path("private.txt").chmod(0o600)
    atomic_write(Path("private.txt"), "new")
    assert stat.S_IMODE(Path("private.txt").stat().st_mode) == 0o600


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
@pytest.mark.usefixtures("umask_022")
def test_the_calendar_for_subscription_is_readable_by_others() -> None:
    run_cli("init")
    write_yaml(Path("alliances/demo/alliance.yaml"), MINIMAL)
    result = run_cli("due", "--ics", "due.ics")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(Path("due.ics").stat().st_mode) == 0o644
