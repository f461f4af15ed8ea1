"""``pbctl render KIND --all``: every alliance, in a process pool, one commit per alliance,
unchanged documents skipped, a broken alliance reported while the others are written."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MINIMAL, run_cli, write_yaml
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    commit_count,
    isolated_git,
    records_workspace,
    subjects,
)

from pbctl.records.api import record_new_alliance


def _workspace(root: Path, n: int = 3) -> Path:
    ws = records_workspace(root, "a1")
    for i in range(2, n + 1):
        path = write_yaml(ws.alliance_file(f"a{i}"), MINIMAL.replace("id: demo", f"id: a{i}")
                          .replace("测试党建联建", f"测试{i}党建联建"))
        record_new_alliance(ws, f"a{i}", path, None)
    return ws.root


@pytest.mark.slow
def test_render_all_all_in_parallel(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "ws")
    before = commit_count(root)
    result = run_cli("-C", str(root), "render", "all", "--all", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert "3 alliances: 3 changed, 0 unchanged" in result.output
    assert commit_count(root) == before + 3
    assert sorted(subjects(root)[:3]) == [
        f"render(a{i}): agreement r1, charter r1, integrity-pact r1" for i in (1, 2, 3)]
    for i in (1, 2, 3):
        assert (root / f"alliances/a{i}/documents/charter.docx").is_file()
    again = run_cli("-C", str(root), "render", "all", "--all")
    assert again.exit_code == 0, again.output
    assert "3 alliances: 0 changed, 3 unchanged" in again.output
    assert commit_count(root) == before + 3
    # one alliance changed: only it is recorded
    definition = root / "alliances/a2/alliance.yaml"
    definition.write_text(definition.read_text(encoding="utf-8")
                          .replace("测试2党建联建", "测试二党建联建"), encoding="utf-8")
    third = run_cli("-C", str(root), "render", "charter", "--all", "-j", "2")
    assert third.exit_code == 0, third.output
    assert "a2: charter r2" in third.output
    assert "3 alliances: 1 changed, 2 unchanged" in third.output


def test_a_broken_alliance_is_reported_the_others_written(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "ws", 2)
    definition = root / "alliances/a2/alliance.yaml"
    definition.write_text(definition.read_text(encoding="utf-8")
                          .replace("level: 党委", "level: 支部", 1), encoding="utf-8")
    result = run_cli("-C", str(root), "render", "charter", "--all", "--jobs", "1")
    assert result.exit_code == 1
    assert "a1: charter r1" in result.output
    assert "alliance.yaml:8:12: members[0].level" in result.output
    assert (root / "alliances/a1/documents/charter.docx").is_file()
    assert not (root / "alliances/a2/documents/charter.docx").exists()


def test_all_refuses_what_names_one_record(tmp_path: Path) -> None:
    root = _workspace(tmp_path / "ws", 1)
    result = run_cli("-C", str(root), "render", "minutes", "--all")
    assert result.exit_code == 2
    assert "--all renders charter, agreement, integrity-pact, all" in result.output
    missing = run_cli("-C", str(root), "render", "charter")
    assert missing.exit_code == 2
    assert "missing ALLIANCE (or --all for every alliance)" in missing.output
