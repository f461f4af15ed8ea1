"""Talking to the remote: which one, fetch, push; and small questions about refs.

Everything goes through :mod:`pbctl.records.git` (``git -C root …`` with ``LC_ALL=C``, no
terminal prompts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pbctl.errors import RecordsError, WorkspaceError
from pbctl.i18n import _
from pbctl.records import git

#: where the remote's tags are fetched to, so that fetching never touches refs/tags
REMOTE_TAGS = "refs/pbctl/remote-tags/{remote}/"
_RETRYABLE = re.compile(r"\((fetch first|non-fast-forward|stale info|already exists)\)")
#: what the remote says when another push raced ours (its ref moved under our update)
_RACE = re.compile(r"\((atomic transaction failed|failed to update ref|cannot lock ref[^)]*|"
                   r"incorrect old value provided|failed to lock)\)")


def remote_url(root: Path, remote: str) -> str | None:
    proc = git.run(root, "remote", "get-url", remote, check=False)
    if proc.returncode != 0:
        return None
    return proc.stdout.decode("utf-8", "replace").strip() or None


def no_remote_error(root: Path, remote: str) -> WorkspaceError:
    others = git.output(root, "remote").split()
    if others:
        return WorkspaceError(
            _("this workspace has no remote named {remote!r} (it has: {others})").format(
                remote=remote, others=", ".join(others)),
            hint=_("sync with one of them: {sync}; or add it: {add}").format(
                sync=f"pbctl sync --remote {others[0]}", add=f"git remote add {remote} URL"))
    return WorkspaceError(
        _("this workspace has no remote to sync with"),
        hint=_("add the shared repository: {command} (any address git can push to: a bare "
               "repository, a Gitea or GitLab server); to start from an existing shared "
               "workspace instead: pbctl init --from URL").format(
                   command=f"git remote add {remote} URL"))


def current_branch(root: Path) -> str:
    proc = git.run(root, "symbolic-ref", "-q", "--short", "HEAD", check=False)
    name = proc.stdout.decode("utf-8", "replace").strip()
    if proc.returncode != 0 or not name:
        raise RecordsError(_("HEAD is detached (not on a branch); sync shares a branch"),
                           hint=_("switch back to your branch first, e.g. git switch main"))
    return name


def rev(root: Path, ref: str) -> str | None:
    """The commit ``ref`` names, or None."""
    proc = git.run(root, "rev-parse", "-q", "--verify", f"{ref}^{{commit}}", check=False)
    if proc.returncode != 0:
        return None
    return proc.stdout.decode().strip() or None


def merge_base(root: Path, a: str, b: str) -> str | None:
    proc = git.run(root, "merge-base", a, b, check=False)
    if proc.returncode != 0:
        return None
    return proc.stdout.decode().strip() or None


def count(root: Path, exclude: str | None, include: str) -> int:
    """How many commits ``include`` has that ``exclude`` has not."""
    spec = [include] if exclude is None else [include, f"^{exclude}"]
    return int(git.output(root, "rev-list", "--count", *spec, "--"))


def tracking_ref(remote: str, branch: str) -> str:
    return f"refs/remotes/{remote}/{branch}"


def fetch(root: Path, remote: str, url: str) -> None:
    """Fetch the remote's branches, and its tags into :data:`REMOTE_TAGS` (pruned)."""
    ns = REMOTE_TAGS.format(remote=remote)
    proc = git.run(root, "fetch", "--quiet", "--no-tags", "--prune", "--no-write-fetch-head",
                   remote, f"+refs/heads/*:refs/remotes/{remote}/*", f"+refs/tags/*:{ns}*",
                   check=False)
    if proc.returncode != 0:
        raise _network_error(_("could not fetch from {remote} ({url}): {said}; nothing was "
                               "changed here"), remote, url,
                             proc.stderr.decode("utf-8", "replace"))


def _network_error(text: str, remote: str, url: str, stderr: str) -> RecordsError:
    """``text`` (translated) with {remote}, {url} and {said}: what git said, last lines."""
    lines = [line.removeprefix("fatal: ").removeprefix("error: ").strip()
             for line in stderr.splitlines() if line.strip()]
    said = "; ".join(lines[-2:]) if lines else _("no reason given")
    return RecordsError(text.format(remote=remote, url=url, said=said),
                        hint=_("check the address (git remote -v), the network and your "
                               "access rights, then run pbctl sync again"))


@dataclass(frozen=True)
class PushOutcome:
    ok: bool
    #: rejected because the remote moved (or a tag appeared there): fetch and try again
    retry: bool = False
    detail: str = ""


def push(root: Path, remote: str, url: str, branch: str, tags: list[str], *,
         set_upstream: bool) -> PushOutcome:
    """Push HEAD to ``branch`` and ``tags``, all or nothing."""
    refspecs = [f"HEAD:refs/heads/{branch}", *(f"refs/tags/{t}:refs/tags/{t}" for t in tags)]
    upstream = ["--set-upstream"] if set_upstream else []
    proc = git.run(root, "push", "--atomic", "--porcelain", "--quiet", *upstream, remote,
                   *refspecs, check=False)
    if proc.returncode == 0:
        return PushOutcome(True)
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    if _RETRYABLE.search(out):
        return PushOutcome(False, retry=True, detail=out.strip())
    rejected = [line.split("\t")[-1] for line in out.splitlines() if line.startswith("!")]
    if rejected and all(_RACE.search(r) for r in rejected):  # a racing push: try again
        return PushOutcome(False, retry=True, detail=out.strip())
    if rejected and any("remote rejected" in r for r in rejected):
        reason = "; ".join(r for r in rejected if "remote rejected" in r)
        raise RecordsError(
            _("{remote} refused the push: {reason}; your commits are safe here, nothing was "
              "pushed").format(remote=remote, reason=reason),
            hint=_("the remote's checks (a hook or CI gate) said no: fix what it names, then "
                   "run pbctl sync again"))
    raise _network_error(_("could not push to {remote} ({url}): {said}; your commits are safe "
                           "here, nothing was pushed"), remote, url, err or out)
