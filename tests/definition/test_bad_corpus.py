"""The corpus of bad files (tests/corpus_helpers.py): each one is refused by ``check`` and
``log --file`` with a file:line message, no traceback, and nothing written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from corpus_helpers import definitions, records
from helpers import MINIMAL, run_cli

DEFINITIONS = list(definitions())
RECORDS = list(records())


def test_the_corpus_is_large_enough() -> None:
    names = [name for name, _ in DEFINITIONS] + [name for _, name, _ in RECORDS]
    assert len(names) == len(set(names)) >= 150


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def refused(output: str, exit_code: int, file: str) -> None:
    assert exit_code == 1, output
    assert "Traceback" not in output and "unexpected error" not in output, output
    assert re.search(rf"{re.escape(file)}:\d+", output), output


def _bytes(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8")


@pytest.mark.parametrize(("name", "content"), DEFINITIONS, ids=[n for n, _ in DEFINITIONS])
def test_check_refuses_each_bad_definition(tmp_path: Path, name: str, content: str | bytes
                                           ) -> None:
    ws = tmp_path / "ws"
    (ws / "alliances" / "demo").mkdir(parents=True)
    (ws / "pbctl.yaml").write_text("", encoding="utf-8")
    (ws / "alliances" / "demo" / "alliance.yaml").write_bytes(_bytes(content))
    before = files(ws)
    result = run_cli("check", cwd=ws)
    refused(result.output, result.exit_code, "alliances/demo/alliance.yaml")
    assert files(ws) == before


@pytest.mark.parametrize(("kind", "name", "content"), RECORDS, ids=[n for _, n, _ in RECORDS])
def test_log_file_and_check_refuse_each_bad_record(tmp_path: Path, kind: str, name: str,
                                                   content: str | bytes) -> None:
    ws = tmp_path / "ws"
    (ws / "alliances" / "demo").mkdir(parents=True)
    (ws / "pbctl.yaml").write_text("", encoding="utf-8")
    (ws / "alliances" / "demo" / "alliance.yaml").write_text(MINIMAL, encoding="utf-8")
    bad = tmp_path / f"{name}.yaml"
    bad.write_bytes(_bytes(content))
    before = files(ws)
    result = run_cli("log", kind, "demo", "--file", str(bad), cwd=ws)
    refused(result.output, result.exit_code, f"{name}.yaml")
    assert files(ws) == before
    folder = ws / "alliances" / "demo" / ("meetings" if kind == "meeting" else "activities")
    folder.mkdir()
    shutil.copy(bad, folder / "001.yaml")
    result = run_cli("check", cwd=ws)
    refused(result.output, result.exit_code, f"{folder.name}/001.yaml")
