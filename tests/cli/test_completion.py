"""Shell completion: document kinds, alliance ids, meeting numbers, decision refs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tracking_helpers import build_workspace


def _complete(root: Path, words: list[str], cword: int) -> list[str]:
    env = {**os.environ, "_PBCTL_COMPLETE": "bash_complete", "COMP_WORDS": " ".join(words),
           "COMP_CWORD": str(cword)}
    proc = subprocess.run([sys.executable, "-c", "from pbctl.cli import main; main()"],
                          cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert proc.stderr == ""
    return [line.split(",", 1)[1] for line in proc.stdout.splitlines() if line]


@pytest.mark.parametrize(("words", "cword", "expected"), [
    (["pbctl", "render", "agr"], 2, ["agreement"]),
    (["pbctl", "render", "charter", ""], 3, ["demo", "other"]),
    (["pbctl", "status", "o"], 2, ["other"]),
    (["pbctl", "render", "minutes", "demo", ""], 4, ["1", "2"]),
    (["pbctl", "done", "demo", ""], 3, ["1.", "2."]),
    (["pbctl", "log", "meeting", "d"], 3, ["demo"]),
])
def test_completion(tmp_path: Path, words: list[str], cword: int, expected: list[str]) -> None:
    root = build_workspace(tmp_path / "ws")
    assert _complete(root, words, cword) == expected


def test_completion_outside_a_workspace_offers_nothing(tmp_path: Path) -> None:
    assert _complete(tmp_path, ["pbctl", "status", ""], 2) == []
