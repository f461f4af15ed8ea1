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


def _complete_powershell(root: Path, line: str, word: str) -> list[str]:
    env = {**os.environ, "_PBCTL_COMPLETE": "powershell_complete",
           "PBCTL_COMPLETE_LINE": line, "PBCTL_COMPLETE_WORD": word}
    proc = subprocess.run([sys.executable, "-c", "from pbctl.cli import main; main()"],
                          cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert proc.stderr == ""
    return [line.split("\t", 1)[0] for line in proc.stdout.splitlines() if line]


@pytest.mark.slow
@pytest.mark.parametrize(("line", "word", "expected"), [
    ("pbctl render agr", "agr", ["agreement"]),
    ("pbctl render charter ", "", ["demo", "other"]),
    ("pbctl render minutes demo ", "", ["1", "2"]),
    ("pbctl done demo ", "", ["1.", "2."]),
])
def test_powershell_completion(tmp_path: Path, line: str, word: str,
                               expected: list[str]) -> None:
    """The Python side of the PowerShell completer (PowerShell itself is not installed
    here): the line before the cursor and the word in the environment, value<TAB>help out."""
    root = build_workspace(tmp_path / "ws")
    assert _complete_powershell(root, line, word) == expected


def test_the_powershell_completer_source_registers_a_native_completer(tmp_path: Path) -> None:
    env = {**os.environ, "_PBCTL_COMPLETE": "powershell_source"}
    proc = subprocess.run([sys.executable, "-c", "from pbctl.cli import main; main()"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Register-ArgumentCompleter -Native -CommandName pbctl ")
    assert "$env:_PBCTL_COMPLETE = 'powershell_complete'" in proc.stdout
