"""The smaller cases of issue 11: each one a message at the right place, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MINIMAL, run_cli, write_yaml
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    commit_count,
    isolated_git,
    records_workspace,
    status,
)

from pbctl.definition import yamlio

DEFINITION = "alliances/demo/alliance.yaml"
MEETINGS = "alliances/demo/meetings"


def test_an_unclosed_quote_is_reported_where_it_opens(ws: Path, tmp_path: Path) -> None:
    record = tmp_path / "m.yaml"
    record.write_text('date: 2024-04-01\nvenue: "两面针学堂\ntopics:\n  - 审议\n  - 研究\n',
                      encoding="utf-8")
    result = run_cli("log", "meeting", "demo", "--file", str(record))
    assert result.exit_code == 1
    assert "m.yaml:2:8: YAML syntax error: a quote opened here is never closed" in result.output


@pytest.mark.parametrize("twin", ["甲公司党委 ", "甲公司党委\u200b", "甲公司党委\u3000",
                                  "ＡＢ党委", "Ａ\u0301党委"])
def test_member_names_the_same_to_a_reader_are_duplicates(ws: Path, twin: str) -> None:
    first = {"ＡＢ党委": "AB党委", "Ａ\u0301党委": "Á党委"}.get(twin, "甲公司党委")
    text = MINIMAL.replace("name: 甲公司党委", f"name: {first!r}".replace("'", '"')).replace(
        "name: 乙大学党委", "name: " + repr(twin).replace("'", '"'))
    (ws / DEFINITION).write_text(text, encoding="utf-8")
    result = run_cli("check")
    assert result.exit_code == 1, result.output
    assert "duplicate member name" in result.output
    assert f"{DEFINITION}:10:" in result.output


def test_a_blank_name_is_refused(ws: Path) -> None:
    (ws / DEFINITION).write_text(MINIMAL.replace("name: 乙大学党委", 'name: "   "'),
                                 encoding="utf-8")
    result = run_cli("check")
    assert result.exit_code == 1 and "is blank" in result.output
    assert f"{DEFINITION}:10:" in result.output


def test_yml_beside_yaml_for_the_same_number_is_refused(ws: Path) -> None:
    write_yaml(ws / MEETINGS / "001.yaml", "number: 1\ndate: 2024-04-01\n")
    write_yaml(ws / MEETINGS / "001.yml", "number: 1\ndate: 2024-04-02\n")
    result = run_cli("check")
    assert result.exit_code == 1
    assert "001.yml:1: number 1 is also 001.yaml" in result.output
    commits = commit_count(ws)
    logged = run_cli("log", "meeting", "demo", "--date", "2024-04-03", "--attendee", "alpha")
    assert logged.exit_code == 1 and "number 1 is also 001.yaml" in logged.output
    assert commit_count(ws) == commits


def test_a_repeated_part_in_decision_is_refused(ws: Path) -> None:
    result = run_cli("log", "meeting", "demo", "--date", "2024-04-01", "--attendee", "alpha",
                     "--decision", "x;owner=alpha;owner=beta")
    assert result.exit_code == 1 and "owner= is given twice" in result.output
    assert not (ws / MEETINGS).exists()


def test_log_file_validates_exactly_as_check(ws: Path, tmp_path: Path) -> None:
    record = tmp_path / "m.yaml"
    record.write_text("number: 1.0\ndate: 2024-04-01\n", encoding="utf-8")
    logged = run_cli("log", "meeting", "demo", "--file", str(record))
    write_yaml(ws / MEETINGS / "001.yaml", record.read_text(encoding="utf-8"))
    checked = run_cli("check", f"{MEETINGS}/001.yaml")
    assert logged.exit_code == checked.exit_code == 1
    assert "1:9: number: expected a whole number, got 1.0" in logged.output
    assert "1:9: number: expected a whole number, got 1.0" in checked.output


def test_done_twice_refuses_and_force_keeps_the_earlier_note(ws: Path) -> None:
    assert run_cli("log", "meeting", "demo", "--date", "2024-04-01", "--attendee", "alpha",
                   "--decision", "共建基地;owner=alpha").exit_code == 0
    first = run_cli("done", "demo", "1.1", "--date", "2024-05-01", "--note", "已挂牌")
    assert first.exit_code == 0, first.output
    commits = commit_count(ws)
    again = run_cli("done", "demo", "1.1", "--date", "2024-05-02")
    assert again.exit_code == 1
    assert "1.1 of demo is already marked done on 2024-05-01 (note '已挂牌')" in again.output
    assert "--force" in again.output and commit_count(ws) == commits
    forced = run_cli("done", "demo", "1.1", "--date", "2024-05-03", "--force")
    assert forced.exit_code == 0, forced.output
    decision = yamlio.load(ws / MEETINGS / "001.yaml").data["decisions"][0]
    assert decision["done"] == {"date": "2024-05-03",
                                "history": [{"date": "2024-05-01", "note": "已挂牌"}]}
    run_cli("done", "demo", "1.1", "--date", "2024-05-04", "--note", "已验收", "--force")
    decision = yamlio.load(ws / MEETINGS / "001.yaml").data["decisions"][0]
    assert decision["done"]["note"] == "已验收"
    assert decision["done"]["history"][0] == {"date": "2024-05-01", "note": "已挂牌"}


def test_a_full_disk_is_rolled_back_or_named_exactly(ws: Path, monkeypatch: pytest.MonkeyPatch
                                                     ) -> None:
    import errno

    from pbctl import fsutil
    from pbctl.errors import WriteError
    from pbctl.records import writing

    assert run_cli("render", "charter", "demo").exit_code == 0
    charter = ws / "alliances/demo/documents/charter.docx"
    before, commits = charter.read_bytes(), commit_count(ws)
    (ws / DEFINITION).write_text(MINIMAL.replace("测试党建联建", "测试党建联建二"),
                                 encoding="utf-8")
    run_cli("check")
    real = fsutil.atomic_write
    written: list[Path] = []

    def full_disk(path: Path, data: bytes | str) -> None:
        if len(written) >= room:
            raise WriteError(path, OSError(errno.ENOSPC, "No space left on device"))
        written.append(path)
        real(path, data)

    def no_space(path: Path, data: bytes | str) -> None:
        raise WriteError(path, OSError(errno.ENOSPC, "No space left on device"))

    monkeypatch.setattr(writing, "atomic_write", full_disk)
    monkeypatch.setattr(fsutil, "atomic_write", no_space)  # undoing cannot write either
    # room for one file (the new agreement): undone by deleting it, which needs no space
    room = 1
    result = run_cli("render", "all", "demo", "--amend")
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert not (ws / "alliances/demo/documents/agreement.docx").exists()
    assert charter.read_bytes() == before
    assert not (ws / ".git" / "pbctl-journal.json").exists()
    # room for two: the charter was replaced, and putting it back needs space
    written.clear()
    room = 2
    result = run_cli("render", "all", "demo", "--amend")
    assert result.exit_code == 1, result.output
    assert "undoing it failed too" in result.output and "nothing was committed" in result.output
    assert "alliances/demo/documents/charter.docx" in result.output
    assert "run any pbctl command that writes" in result.output
    assert commit_count(ws) == commits + 1  # the definition, recorded first
    monkeypatch.setattr(writing, "atomic_write", real)
    monkeypatch.setattr(fsutil, "atomic_write", real)
    # the next writing command puts the files back first
    again = run_cli("log", "meeting", "demo", "--date", "2024-04-01", "--attendee", "alpha")
    assert again.exit_code == 0, again.output
    assert "rolled back" in again.output
    assert charter.read_bytes() == before
    assert not (ws / ".git" / "pbctl-journal.json").exists()
