"""Every revision has its source: a definition that is new or edited by hand is recorded as
its own revision before render, sign, log, done or ledger use it; and nothing is recorded
while a rebase, merge or cherry-pick is in progress."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MINIMAL, run_cli, write_yaml
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    changed_files,
    commit_count,
    git,
    isolated_git,
    records_workspace,
    status,
    subjects,
)

DEFINITION = "alliances/demo/alliance.yaml"
EDITED = MINIMAL.replace("name: 测试党建联建", "name: 测试党建联建（修订）")
LOG = ("log", "meeting", "demo", "--date", "2024-04-01", "--attendee", "alpha",
       "--decision", "共建基地;owner=alpha;due=2024-06-30")


def edit(root: Path) -> None:
    (root / DEFINITION).write_text(EDITED, encoding="utf-8")


@pytest.mark.parametrize("command", [
    ("render", "charter", "demo"),
    LOG,
    ("log", "activity", "demo", "--date", "2024-04-02", "--kind", "study", "--host", "alpha",
     "--member", "alpha"),
])
def test_an_edited_definition_is_recorded_first(ws: Path, command: tuple[str, ...]) -> None:
    edit(ws)
    before = commit_count(ws)
    result = run_cli(*command)
    assert result.exit_code == 0, result.output
    assert commit_count(ws) == before + 2
    assert subjects(ws)[1] == ("define(demo): alliance definition (edited by hand), recorded "
                               f"before {'render' if command[0] == 'render' else 'log'}")
    assert changed_files(ws, "HEAD~1") == [DEFINITION]
    assert DEFINITION not in "".join(status(ws))


def test_sign_and_done_record_it_too(ws: Path) -> None:
    assert run_cli("render", "charter", "demo").exit_code == 0
    assert run_cli(*LOG).exit_code == 0
    edit(ws)
    assert run_cli("done", "demo", "1.1", "--date", "2024-05-01").exit_code == 0
    assert subjects(ws)[1].startswith("define(demo): alliance definition (edited by hand), "
                                      "recorded before done")
    (ws / DEFINITION).write_text(EDITED.replace("（修订）", "（再修订）"), encoding="utf-8")
    assert run_cli("sign", "demo", "charter", "--date", "2024-05-02").exit_code == 0
    assert subjects(ws)[1].endswith("recorded before sign")
    history = run_cli("history", "demo", "alliance")
    assert history.exit_code == 0 and "no revisions" not in history.output


def test_a_definition_copied_in_by_hand_is_recorded_as_new(ws: Path) -> None:
    write_yaml(ws / "alliances/copy/alliance.yaml", MINIMAL.replace("id: demo", "id: copy"))
    result = run_cli("render", "charter", "copy")
    assert result.exit_code == 0, result.output
    assert subjects(ws)[1] == ("define(copy): alliance definition (new), recorded before "
                               "render")


@pytest.mark.parametrize("marker", ["rebase-merge", "rebase-apply", "CHERRY_PICK_HEAD",
                                    "MERGE_HEAD", "REVERT_HEAD"])
def test_nothing_is_recorded_during_a_rebase_merge_or_cherry_pick(ws: Path, marker: str
                                                                  ) -> None:
    head = git(ws, "rev-parse", "HEAD")
    target = ws / ".git" / marker
    if marker.startswith("rebase"):
        target.mkdir()
    else:
        target.write_text(head, encoding="utf-8")
    before = commit_count(ws)
    for command in (("render", "charter", "demo"), LOG):
        result = run_cli(*command)
        assert result.exit_code == 1, result.output
        assert "in progress" in result.output and "Traceback" not in result.output
    assert commit_count(ws) == before
    assert not (ws / "alliances/demo/meetings").exists() or not list(
        (ws / "alliances/demo/meetings").iterdir())
    assert not (ws / "alliances/demo/documents/charter.docx").exists()
