"""Builders for the records tests: real git repositories in temporary folders."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import MINIMAL, write_yaml

from pbctl.definition.workspace import Workspace
from pbctl.records.api import init_workspace, record_new_alliance

TEXTCONV = f"{sys.executable} -m pbctl textconv"


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
                 ) -> Path:
    """Git reads no system or user config but this one (a known identity)."""
    config = tmp_path_factory.mktemp("gitconfig") / "config"
    config.write_text("[user]\n\tname = Tester\n\temail = tester@example.org\n"
                      "[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                 "GIT_COMMITTER_EMAIL", "EMAIL", "GIT_DIR", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)
    return config


def git(root: Path, *args: str, check: bool = True, input: str | None = None) -> str:
    proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=False, input=input, env={**os.environ, "LC_ALL": "C"})
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr}")
    return proc.stdout


def subjects(root: Path) -> list[str]:
    """Commit subjects, newest first."""
    return git(root, "log", "--format=%s").splitlines()


def commit_count(root: Path) -> int:
    return int(git(root, "rev-list", "--count", "HEAD").strip())


def trailers(root: Path, rev: str = "HEAD") -> list[tuple[str, str]]:
    text = git(root, "log", "-1", "--format=%(trailers:only,unfold)", rev)
    out = []
    for line in text.splitlines():
        if ": " in line:
            key, value = line.split(": ", 1)
            out.append((key, value))
    return out


def changed_files(root: Path, rev: str = "HEAD") -> list[str]:
    return git(root, "show", "--format=", "--name-only", rev).split()


def status(root: Path) -> list[str]:
    return git(root, "status", "--porcelain", "--untracked-files=all").splitlines()


def make_docx(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    """A .docx with these paragraphs (and a table), byte-identical for identical input:
    python-docx stamps zip entries with the current time, so they are reset here."""
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    raw = io.BytesIO()
    document.save(raw)
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, \
            zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            stable = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            stable.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(stable, src.read(info.filename))
    return fixed.getvalue()


def records_workspace(root: Path, alliance_id: str = "demo", text: str = MINIMAL) -> Workspace:
    """``pbctl init`` in ``root`` plus one committed alliance."""
    init_workspace(root, textconv_command=TEXTCONV)
    workspace = Workspace(root.resolve())
    path = write_yaml(workspace.alliance_file(alliance_id),
                      text.replace("id: demo\n", f"id: {alliance_id}\n", 1))
    record_new_alliance(workspace, alliance_id, path, None)
    return workspace
