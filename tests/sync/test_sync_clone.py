"""``clone_workspace`` (pbctl init --from) and the records.yaml merge driver."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from records_helpers import git, isolated_git, make_docx, records_workspace  # noqa: F401
from sync_helpers import bare_remote, clone, seeded

from pbctl.errors import WorkspaceError
from pbctl.records import registry as reg
from pbctl.records.registry_merge import ATTRIBUTE, DRIVER, configure, merge_texts
from pbctl.sync.clone import clone_workspace, default_directory


@pytest.mark.slow
def test_clone_configures_the_drivers(tmp_path: Path) -> None:
    remote, _ = seeded(tmp_path)
    b = clone(remote, tmp_path / "b")
    assert (b.root / "pbctl.yaml").is_file()
    assert "-m pbctl.records.registry_merge %O %A %B %P" in git(
        b.root, "config", f"merge.{DRIVER}.driver")
    assert "pbctl textconv" in git(b.root, "config", "diff.pbctl-docx.textconv")
    assert ATTRIBUTE in (b.root / ".git/info/attributes").read_text(encoding="utf-8")
    assert git(b.root, "check-attr", "merge", "alliances/demo/records.yaml").strip() \
        .endswith(DRIVER)


@pytest.mark.slow
def test_configure_moves_an_old_clone_to_the_new_driver_path(tmp_path: Path) -> None:
    """Clones made before the driver moved to pbctl.records name pbctl.sync.registry_merge:
    that command still works (a shim), and configure (run by every sync) rewrites it."""
    remote, _ = seeded(tmp_path)
    b = clone(remote, tmp_path / "b")
    old = f"{sys.executable} -m pbctl.sync.registry_merge %O %A %B %P"
    git(b.root, "config", f"merge.{DRIVER}.driver", old)
    files = []
    for name in ("O", "A", "B"):
        (tmp_path / name).write_text("documents: {}\n", encoding="utf-8")
        files.append(str(tmp_path / name))
    proc = subprocess.run([sys.executable, "-m", "pbctl.sync.registry_merge", *files],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    configure(b.root)
    assert "-m pbctl.records.registry_merge %O" in git(b.root, "config", f"merge.{DRIVER}.driver")


@pytest.mark.slow
def test_clone_refuses_a_repository_that_is_not_a_workspace(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q")
    (other / "README").write_text("hi\n")
    git(other, "add", "README")
    git(other, "commit", "-qm", "x")
    with pytest.raises(WorkspaceError, match=r"is not a pbctl workspace: it has no pbctl\.yaml"):
        clone_workspace(str(other), tmp_path / "b")
    assert not (tmp_path / "b").exists()
    empty = bare_remote(tmp_path / "empty.git")
    (tmp_path / "c").mkdir()
    with pytest.raises(WorkspaceError, match="it is empty"):
        clone_workspace(str(empty), tmp_path / "c")
    assert (tmp_path / "c").is_dir() and not any((tmp_path / "c").iterdir())


@pytest.mark.slow
def test_clone_into_a_folder_with_files_is_refused(tmp_path: Path) -> None:
    remote, _ = seeded(tmp_path)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "keep.txt").write_text("x")
    with pytest.raises(WorkspaceError, match="not an empty folder"):
        clone_workspace(str(remote), tmp_path / "b")
    assert (tmp_path / "b" / "keep.txt").read_text() == "x"


@pytest.mark.slow
def test_clone_default_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_directory("https://git.example.org/dept/team-records.git") == "team-records"
    assert default_directory("git@example.org:dept/records") == "records"
    remote, _ = seeded(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert clone_workspace(str(remote)) == (tmp_path / "remote").resolve()


def _registry(**kinds: tuple[int, str]) -> str:
    documents = {kind: reg.DocumentRecord(file=f"{kind}.docx", revision=rev, sha256=ch * 64,
                                          date="2024-05-01")
                 for kind, (rev, ch) in kinds.items()}
    return reg.dumps(reg.Registry(documents=documents))


def test_merge_driver_unions_kinds_and_takes_the_side_that_changed() -> None:
    base = _registry(agreement=(1, "a"))
    ours = _registry(agreement=(1, "a"), charter=(1, "c"))
    theirs = _registry(agreement=(2, "b"), **{"minutes-001": (1, "d")})
    result = merge_texts(base, ours, theirs)
    assert result is not None
    text, conflicts = result
    assert conflicts == []
    assert text == _registry(agreement=(2, "b"), charter=(1, "c"), **{"minutes-001": (1, "d")})
    dropped = merge_texts(base, "", base)
    assert dropped is not None and dropped[0] == _registry()


@pytest.mark.slow
def test_merge_driver_conflict_keeps_both_versions(tmp_path: Path) -> None:
    base = _registry(agreement=(1, "a"))
    ours = _registry(agreement=(2, "b"), charter=(1, "c"))
    theirs = _registry(agreement=(2, "e"))
    files = []
    for name, text in (("O", base), ("A", ours), ("B", theirs)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(str(tmp_path / name))
    proc = subprocess.run([sys.executable, "-m", "pbctl.records.registry_merge", *files,
                           "alliances/demo/records.yaml"], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 1
    assert "agreement changed on both sides" in proc.stderr
    merged = (tmp_path / "A").read_text(encoding="utf-8")
    assert "b" * 64 in merged and "e" * 64 in merged and merged.count("charter:") == 1
    assert "<<<<<<< ours (this workspace)" in merged


def test_merge_driver_falls_back_to_a_line_merge() -> None:
    assert merge_texts("documents: {}\n", "not: [valid\n", "documents: {}\n") is None


@pytest.mark.slow
def test_init_from_then_sync(tmp_path: Path) -> None:
    from helpers import run_cli

    remote, _ = seeded(tmp_path)
    made = run_cli("init", "--from", str(remote), str(tmp_path / "c"))
    assert made.exit_code == 0, made.output
    assert ATTRIBUTE in (tmp_path / "c/.git/info/attributes").read_text(encoding="utf-8")
    again = run_cli("sync", cwd=tmp_path / "c")
    assert again.exit_code == 0 and "already up to date" in again.output
