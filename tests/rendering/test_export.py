"""The rules render's command used to hold, as library functions: meeting lookup, PDF
staleness, where -o writes, and renewal only of a workspace's own definition."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import MINIMAL, make_workspace, write_yaml

from pbctl.definition.loading import load_alliance, load_meeting
from pbctl.definition.workspace import Workspace
from pbctl.errors import PbctlError, WorkspaceError
from pbctl.records.renewal import next_term
from pbctl.rendering.export import export, stale_pdfs
from pbctl.rendering.render import Rendered


def _alliance_dir(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "ws", "demo") / "alliances" / "demo"


def test_load_meeting_finds_the_numbered_file_or_names_the_folder(tmp_path: Path) -> None:
    folder = _alliance_dir(tmp_path)
    source = folder / "alliance.yaml"
    alliance = load_alliance(source)
    write_yaml(folder / "meetings" / "002.yaml", "number: 2\ndate: 2024-05-01\n")
    assert load_meeting(alliance, source, 2).date.isoformat() == "2024-05-01"
    with pytest.raises(WorkspaceError, match="demo has no meeting 3") as caught:
        load_meeting(alliance, source, 3)
    assert caught.value.hint is not None and "meetings" in caught.value.hint


def test_only_changed_documents_or_missing_pdfs_are_stale(tmp_path: Path) -> None:
    same, changed, new = (Rendered(k, k.encode(), "t") for k in ("same", "changed", "new"))
    for kind, data in (("same", b"same"), ("changed", b"before")):
        (tmp_path / f"{kind}.docx").write_bytes(data)
        (tmp_path / f"{kind}.pdf").write_bytes(b"%PDF")
    assert stale_pdfs(tmp_path, [same, changed, new], pdfa=False) == [changed, new]
    assert stale_pdfs(tmp_path, [same], pdfa=True) == [same]  # PDF/A is always made anew


def test_export_to_a_file_or_a_folder(tmp_path: Path) -> None:
    one, two = Rendered("charter", b"c", "t"), Rendered("agreement", b"a", "t")
    assert export([one], tmp_path / "x.docx", pdf=False, pdfa=False) == [tmp_path / "x.docx"]
    assert export([one, two], tmp_path / "out", pdf=False, pdfa=False) == [
        tmp_path / "out" / "charter.docx", tmp_path / "out" / "agreement.docx"]
    with pytest.raises(PbctlError, match="needs a folder, not a file"):
        export([one, two], tmp_path / "y.docx", pdf=False, pdfa=False)


def test_only_a_workspace_definition_is_renewed(tmp_path: Path) -> None:
    folder = _alliance_dir(tmp_path)
    workspace = Workspace.at(folder.parent.parent)
    outside = tmp_path / "copy.yaml"
    shutil.copy(folder / "alliance.yaml", outside)
    with pytest.raises(PbctlError, match="is not an alliance of this workspace"):
        next_term(workspace, outside, "demo")
    renewal = next_term(workspace, folder / "alliance.yaml", "demo")
    assert renewal.start.isoformat() == "2027-03-01"
    assert (folder / "alliance.yaml").read_text(encoding="utf-8") == MINIMAL  # nothing written
