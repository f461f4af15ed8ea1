"""``pbctl init --from URL [DIR]``: clone a shared workspace and set it up like ``init``.

git does not copy a repository's configuration, so what ``pbctl init`` configures locally
is configured here again: the .docx diff driver (``pbctl textconv``) and the records.yaml
merge driver that ``pbctl sync`` uses.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path

from pbctl import constants as C
from pbctl.errors import RecordsError, WorkspaceError
from pbctl.i18n import _
from pbctl.records import git, registry_merge


def default_directory(url: str) -> str:
    """The folder git clone would make: ``…/team-records.git`` → ``team-records``."""
    name = re.split(r"[/:\\]", url.rstrip("/\\"))[-1]
    name = name.removesuffix(".git") or "workspace"
    return name if name not in (".", "..") else "workspace"


def clone_workspace(url: str, directory: Path | None = None, *,
                    textconv_command: str | None = None) -> Path:
    """Clone the shared workspace at ``url`` into ``directory`` (default: a folder named
    after the URL in the current one) and configure it; the workspace root. A repository
    without ``pbctl.yaml`` at its top is refused and the clone removed."""
    target = (directory or Path.cwd() / default_directory(url)).absolute()
    existed = target.exists()
    if existed and (not target.is_dir() or any(target.iterdir())):
        raise WorkspaceError(_("{path} already exists and is not an empty folder").format(
            path=target), hint=_("choose a new folder: pbctl init --from URL DIR"))
    target.parent.mkdir(parents=True, exist_ok=True)
    proc = git.run(target.parent, "clone", "--quiet", "--", url, str(target), check=False)
    if proc.returncode != 0:
        _remove(target, existed)
        lines = [line.removeprefix("fatal: ").strip() for line in
                 proc.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        raise RecordsError(_("could not clone {url}: {reason}").format(
            url=url, reason=lines[-1] if lines else "git failed"),
            hint=_("check the address, the network and your access rights"))
    if not (target / C.WORKSPACE_FILE).is_file():
        empty = git.run(target, "rev-parse", "-q", "--verify", "HEAD", check=False).returncode
        _remove(target, existed)
        what = _("it is empty") if empty else _("it has no {file} at its top").format(
            file=C.WORKSPACE_FILE)
        raise WorkspaceError(
            _("{url} is not a pbctl workspace: {what}; nothing was kept").format(
                url=url, what=what),
            hint=_("to share a workspace of yours through it: {command}, then pbctl sync")
            .format(command=f"git remote add origin {url}"))
    registry_merge.configure(target, textconv_command=textconv_command)
    return target.resolve()


def _remove(target: Path, existed: bool) -> None:
    """Remove what the failed clone made (an empty folder given by the user stays)."""
    with contextlib.suppress(FileNotFoundError):
        shutil.rmtree(target)
    if existed:
        target.mkdir(exist_ok=True)
