"""Signed revisions' tags travel with the records; a tag that differs is refused loudly."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli
from records_helpers import git, isolated_git, make_docx  # noqa: F401
from sync_helpers import clone, meeting, ref, seeded, synced

from pbctl.errors import RecordsError
from pbctl.records.api import sign, write_documents

TAG = "demo/agreement/signed-r1"


@pytest.mark.slow
def test_signed_tag_travels_and_verifies(tmp_path: Path) -> None:
    remote, a = seeded(tmp_path)
    b = clone(remote, tmp_path / "b")
    write_documents(a, "demo", {"agreement": make_docx("协议")}, message=None)
    sign(a, "demo", "agreement", "2024-06-01", message=None)
    out = synced(a)
    assert out.tags_out == [TAG]
    assert git(remote, "tag", "--list").split() == [TAG]
    got = run_cli("sync", cwd=b.root)
    assert got.exit_code == 0, got.output
    assert f"in: 1 tag: {TAG}" in got.output
    assert git(b.root, "rev-parse", TAG) == git(a.root, "rev-parse", TAG)
    verified = run_cli("verify", cwd=b.root)
    assert verified.exit_code == 0, verified.output
    assert "1 signed file matches its records" in verified.output
    assert synced(b).up_to_date


@pytest.mark.slow
def test_tag_rewritten_on_the_remote_is_refused(tmp_path: Path) -> None:
    remote, a = seeded(tmp_path)
    b = clone(remote, tmp_path / "b")
    write_documents(a, "demo", {"agreement": make_docx("协议")}, message=None)
    sign(a, "demo", "agreement", "2024-06-01", message=None)
    synced(a)
    synced(b)
    first = git(remote, "rev-list", "--max-parents=0", "HEAD").strip()
    git(remote, "tag", "-f", "-a", "-m", "改过的", TAG, first)  # someone rewrote it there
    meeting(b, "B 的会议")
    head, remote_main = ref(b.root), ref(remote)
    result = run_cli("sync", cwd=b.root)
    assert result.exit_code == 1
    assert f"REFUSED: the tag {TAG} differs between this workspace and origin" in result.output
    assert f"on origin commit {first[:12]}" in result.output
    assert "nothing was merged or pushed" in result.output
    assert ref(b.root) == head and ref(remote) == remote_main
    assert git(b.root, "rev-parse", f"{TAG}^{{commit}}").strip() != first
    with pytest.raises(RecordsError, match="REFUSED"):
        synced(a)
