"""``pbctl init``: a new or adopted repository, commented settings, the diff driver."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from helpers import run_cli, run_pbctl
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    changed_files,
    commit_count,
    git,
    isolated_git,
    status,
    subjects,
)

from pbctl.definition.check import check_paths
from pbctl.definition.schema import SCHEMA_KINDS
from pbctl.definition.settings import Fonts, Settings, Weights, load_settings
from pbctl.records.initialize import settings_text


def test_init_makes_a_repository_with_pbctl_files_only(tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path / "ws"), "-m", "为联建建档")
    root = tmp_path / "ws"
    assert result.exit_code == 0, result.output
    assert "made a new git repository" in result.output
    assert subjects(root) == ["init: pbctl records workspace"]
    assert "为联建建档" in git(root, "log", "-1", "--format=%b")
    assert sorted(changed_files(root)) == [
        ".gitattributes", "alliances/.gitkeep", "pbctl.yaml",
        *(f"schemas/{kind}.schema.json" for kind in sorted(SCHEMA_KINDS))]
    assert "*.docx diff=pbctl-docx" in (root / ".gitattributes").read_text()
    command = git(root, "config", "diff.pbctl-docx.textconv").strip()
    assert command == f"{sys.executable} -m pbctl textconv"
    assert status(root) == []
    assert load_settings(root / "pbctl.yaml") == Settings()  # the defaults, written out
    assert check_paths([root / "pbctl.yaml"]).ok


def test_init_again_changes_nothing(tmp_path: Path) -> None:
    assert run_cli("init", str(tmp_path)).exit_code == 0
    result = run_cli("init", str(tmp_path))
    assert result.exit_code == 0 and "already a pbctl workspace" in result.output
    assert commit_count(tmp_path) == 1
    assert (tmp_path / ".gitattributes").read_text().count("pbctl-docx") == 1


def test_init_adopts_an_existing_repository(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "README.md").write_text("# 党建资料\n")
    (tmp_path / ".gitattributes").write_text("*.png binary")
    git(tmp_path, "add", "README.md", ".gitattributes")
    git(tmp_path, "commit", "-qm", "user")
    (tmp_path / "README.md").write_text("# 党建资料 (edited)\n")       # unstaged
    (tmp_path / "staged.txt").write_text("x\n")
    git(tmp_path, "add", "staged.txt")                                  # staged
    before = status(tmp_path)

    result = run_cli("-C", str(tmp_path), "init")
    assert result.exit_code == 0, result.output
    assert "adopted the git repository" in result.output
    assert sorted(changed_files(tmp_path)) == [
        ".gitattributes", "alliances/.gitkeep", "pbctl.yaml",
        *(f"schemas/{kind}.schema.json" for kind in sorted(SCHEMA_KINDS))]
    assert status(tmp_path) == before
    assert (tmp_path / ".gitattributes").read_text().startswith("*.png binary\n")


def test_settings_text_lists_every_setting() -> None:
    text = settings_text()
    for key in (*Settings.model_fields, *Fonts.model_fields, *Weights.model_fields):
        assert f"{key}:" in text, key


def test_init_inside_another_repository_makes_its_own(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "code.py").write_text("x = 1\n")
    git(tmp_path, "add", "code.py")
    git(tmp_path, "commit", "-qm", "project")
    result = run_cli("init", str(tmp_path / "records"))
    assert result.exit_code == 0, result.output
    assert "made a separate repository" in result.output
    assert subjects(tmp_path) == ["project"]               # the enclosing repository
    assert subjects(tmp_path / "records") == ["init: pbctl records workspace"]
    assert "diff.pbctl-docx" not in git(tmp_path, "config", "--local", "--list")


def test_without_a_git_identity_pbctl_says_so_once_per_command(tmp_path: Path) -> None:
    Path(os.environ["GIT_CONFIG_GLOBAL"]).write_text("[init]\n\tdefaultBranch = main\n",
                                                     encoding="utf-8")
    result = run_cli("init", str(tmp_path / "ws"))
    assert result.exit_code == 0, result.output
    warning = ("warning git has no user.name or user.email, so changes are recorded as "
               "'pbctl <pbctl@localhost>'; to record them under your name, run: "
               "git config --global user.name 张三 and "
               "git config --global user.email zhangsan@example.org")
    assert result.stderr.splitlines().count(warning) == 1
    zh = run_pbctl("new", "alliance", "--from", "health-chain", cwd=tmp_path / "ws",
                   env={"PBCTL_LANG": "zh"})
    assert zh.returncode == 0, zh.stderr
    assert zh.stderr.splitlines().count(
        "警告 git 没有设置 user.name 或 user.email，改动将以“pbctl <pbctl@localhost>”的名义"
        "记录；如需以您的名义记录，请运行：git config --global user.name 张三 和 "
        "git config --global user.email zhangsan@example.org") == 1


def test_with_a_git_identity_there_is_no_warning(tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path / "ws"))
    assert result.exit_code == 0, result.output
    assert "user.name" not in result.stderr


def test_the_schema_line_of_a_new_definition_points_at_a_schema_init_wrote(
        tmp_path: Path) -> None:
    import json

    from pbctl.definition.schema import json_schema

    root = tmp_path / "ws"
    assert run_cli("init", str(root)).exit_code == 0
    assert run_cli("-C", str(root), "new", "alliance", "--from", "health-chain").exit_code == 0
    definition = root / "alliances" / "health-chain" / "alliance.yaml"
    first = definition.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    schema = (definition.parent / first.split("$schema=", 1)[1]).resolve()
    assert schema == root / "schemas" / "alliance.schema.json"
    assert json.loads(schema.read_text(encoding="utf-8")) == json_schema("alliance")


def test_schema_write_brings_the_workspaces_schemas_up_to_date(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    assert run_cli("init", str(root)).exit_code == 0
    result = run_cli("-C", str(root), "schema", "--write")
    assert result.exit_code == 0, result.output
    assert result.stdout == "schemas: the schemas are up to date\n"
    assert commit_count(root) == 1
    plan = root / "schemas" / "plan.schema.json"
    good = plan.read_text(encoding="utf-8")
    plan.write_text("{}\n", encoding="utf-8")                   # as an older pbctl wrote it
    (root / "schemas" / "lists.schema.json").unlink()
    git(root, "commit", "-qam", "schemas of an older pbctl")
    result = run_cli("-C", str(root), "schema", "--write")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("✓ schemas: brought the schemas up to date (2 written); "
                                    "recorded as ")
    assert subjects(root)[0] == "schema: JSON schemas for editors"
    assert sorted(changed_files(root)) == ["schemas/lists.schema.json",
                                           "schemas/plan.schema.json"]
    assert plan.read_text(encoding="utf-8") == good
    assert status(root) == []


def test_schema_write_outside_a_workspace_is_refused(tmp_path: Path) -> None:
    result = run_cli("-C", str(tmp_path), "schema", "--write")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "error not in a pbctl workspace (no pbctl.yaml here or above)")
    assert result.stderr.splitlines()[1] == (
        "hint: run 'pbctl init', or leave out --write to print a schema")
    assert not (tmp_path / "schemas").exists()
