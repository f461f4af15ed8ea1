"""``pbctl sync`` with a group's own meetings: numbered per group, renumbered only among
that group's meetings when two clones logged the same number, never against the joint
meetings."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MINIMAL
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    git,
    isolated_git,
    records_workspace,
    subjects,
)
from sync_helpers import MEETINGS, bare_remote, clone, synced

from pbctl.definition import yamlio
from pbctl.definition.workspace import Workspace
from pbctl.records.logbook import log_record

GROUPS = MINIMAL + """\
groups:
  - id: ruanjian
    name: 软件联组
    members: [alpha]
"""


def _group_meeting(ws: Workspace, venue: str, group: str | None = "ruanjian") -> Path:
    return log_record(ws, "demo", "meeting", {"date": "2024-05-01", "venue": venue},
                      message=None, group=group).path


@pytest.mark.slow
def test_group_meetings_renumbered_within_their_group(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path / "remote.git")
    a = records_workspace(tmp_path / "a", "demo", text=GROUPS)
    git(a.root, "remote", "add", "origin", str(remote))
    synced(a)
    b = clone(remote, tmp_path / "b")
    _group_meeting(a, "A-1")
    _group_meeting(a, "A-2")
    synced(a)
    _group_meeting(b, "B-1")  # ruanjian-1 here too
    _group_meeting(b, "B-J", group=None)  # joint meeting 1: no clash with the group's
    result = synced(b)
    assert [str(m) for m in result.renumbered] == ["meeting ruanjian-1 → ruanjian-3 (demo)"]
    assert "sync: renumber meeting ruanjian-1 → ruanjian-3 (demo)" in subjects(b.root)
    moved = yamlio.load(b.root / MEETINGS / "ruanjian-003.yaml").data
    assert (moved["number"], moved["group"], moved["venue"], moved["title"]) == (
        3, "ruanjian", "B-1", "第三次软件联组会议")
    assert yamlio.load(b.root / MEETINGS / "001.yaml").data["venue"] == "B-J"
    synced(a)
    names = sorted(p.name for p in (a.root / MEETINGS).iterdir())
    assert names == ["001.yaml", "ruanjian-001.yaml", "ruanjian-002.yaml", "ruanjian-003.yaml"]
