"""Integrate the remote's branch: fast-forward, or settle numbering and merge.

A merge is started with ``git merge --no-ff --no-commit``: when git finds true conflicts it
stops there (git's own merging state: markers in text files, both sides of binary ones in
the index), and when it does not, the merged definitions and records are checked with
pbctl's checker before :func:`conclude` commits the merge. A later ``pbctl sync`` finds the
unfinished merge and concludes it once the user has resolved and ``git add``-ed every file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from pbctl import constants as C
from pbctl.definition.workspace import Workspace, display_path
from pbctl.errors import MergeCheckFailed, Problem, RecordsError, SyncConflict
from pbctl.i18n import _, ngettext
from pbctl.records import git
from pbctl.records.store import Store
from pbctl.sync import remote, renumber

How = Literal["up-to-date", "new-branch", "ahead", "fast-forward", "merging"]
_BUSY = {"rebase-merge": "rebase", "rebase-apply": "rebase / git am",
         "CHERRY_PICK_HEAD": "cherry-pick", "REVERT_HEAD": "revert",
         "BISECT_LOG": "bisect"}


@dataclass
class Integrated:
    how: How
    #: commits the remote brought in
    commits_in: int = 0
    #: record files the integration added here
    records_in: list[str] = field(default_factory=list)
    renumbering: renumber.Renumbering | None = None
    #: HEAD when the merge started (after renumbering); set when ``how`` is "merging"
    before: str | None = None


def in_progress(store: Store) -> bool:
    return (store.git_dir / "MERGE_HEAD").is_file()


def refuse_other_operations(store: Store) -> None:
    for name, what in _BUSY.items():
        if (store.git_dir / name).exists():
            raise RecordsError(_("git is in the middle of a {operation} in this workspace; "
                                 "sync would mix with it; nothing was done").format(
                                     operation=what),
                               hint=_("finish it or abort it (see git status), then run "
                                      "pbctl sync again"))


def unmerged(store: Store) -> list[str]:
    text = store.git("diff", "--name-only", "-z", "--diff-filter=U")
    return sorted({p for p in text.split("\0") if p})


def _merge_env(store: Store) -> dict[str, str]:
    return {**store.identity(), "GIT_MERGE_AUTOEDIT": "no"}


def integrate(store: Store, remote_name: str, branch: str, message: str | None) -> Integrated:
    """Bring ``<remote>/<branch>`` (already fetched) into HEAD. When both sides moved,
    renumber and start the merge (``how == "merging"``): :func:`conclude` checks and
    commits it."""
    root = store.toplevel
    head = store.head()
    tracking = remote.tracking_ref(remote_name, branch)
    tip = remote.rev(root, tracking)
    if head is None:
        raise RecordsError(_("nothing is committed in this workspace yet"),
                           hint=_("to start from the shared workspace: {command}").format(
                               command="pbctl init --from URL"))
    if tip is None:
        return Integrated("new-branch")
    if tip == head:
        return Integrated("up-to-date")
    base = remote.merge_base(root, head, tip)
    if base is None:
        raise RecordsError(
            _("this workspace and {branch} have no history in common (two separate 'pbctl "
              "init's?); nothing was merged").format(branch=f"{remote_name}/{branch}"),
            hint=_("start from the shared one: {command}, and copy your alliances into it"
                   ).format(command=f"pbctl init --from $(git remote get-url {remote_name}) "
                                    "OTHER-DIR"))
    if base == tip:
        return Integrated("ahead")
    commits_in = remote.count(root, head, tip)
    if base == head:
        proc = git.run(root, "merge", "--ff-only", "--quiet", tracking, check=False,
                       env=_merge_env(store))
        if proc.returncode != 0:
            raise _refused(proc.stderr.decode("utf-8", "replace"), remote_name, branch)
        return Integrated("fast-forward", commits_in, records(root, head, tip))
    staged = [p for p in store.git("diff", "--cached", "--name-only", "-z", "HEAD").split("\0")
              if p]
    if staged:
        raise RecordsError(
            _("both this workspace and {branch} have new commits, and merging them needs "
              "git's index, which holds changes you staged: {files}; nothing was merged").format(
                branch=f"{remote_name}/{branch}", files=", ".join(staged)),
            hint=_("commit them, or unstage them (git restore --staged FILE…; your edits "
                   "stay), then run pbctl sync again"))
    moves = renumber.plan(root, base, head, tip)
    renumbering = renumber.apply(store, moves, message=message)
    before = store.head() or head
    subject = f"sync: merge {commits_in} commit{'s' if commits_in != 1 else ''} from " \
              f"{remote_name}/{branch}"
    body = ["-m", message.strip()] if message and message.strip() else []
    proc = git.run(root, "merge", "--no-ff", "--no-commit", "--quiet", "-m", subject, *body,
                   "-m", "Pbctl-Command: sync", tracking, check=False, env=_merge_env(store))
    if not in_progress(store):
        raise _refused(proc.stderr.decode("utf-8", "replace"), remote_name, branch,
                       renumbered=renumbering.commit is not None)
    return Integrated("merging", commits_in, renumbering=renumbering, before=before)


def records(root: Path, old: str, new: str) -> list[str]:
    return sorted(renumber.added_records(root, old, new))


def _refused(stderr: str, remote_name: str, branch: str, *, renumbered: bool = False
             ) -> RecordsError:
    files = [line.strip() for line in stderr.splitlines()
             if line.startswith(("\t", "  ")) and line.strip()]
    kept = _(" (the renumbering commit is kept)") if renumbered else ""
    if files:
        return RecordsError(
            _("sync cannot bring in {branch}: it changes files you have changed and not "
              "committed: {files}; nothing was merged{kept}").format(
                branch=f"{remote_name}/{branch}", files=", ".join(files), kept=kept),
            hint=_("commit your changes (or put them aside: git stash), run pbctl sync, then "
                   "git stash pop"))
    lines = [line.removeprefix("fatal: ").removeprefix("error: ").strip()
             for line in stderr.splitlines() if line.strip()]
    said = "; ".join(lines[:2]) or "git merge failed"
    return RecordsError(_("sync cannot bring in {branch}: {said}; nothing was merged{kept}"
                          ).format(branch=f"{remote_name}/{branch}", said=said, kept=kept),
                        hint=_("commit or stash your own changes (git status shows them), "
                               "then run pbctl sync again"))


def conclude(store: Store, workspace: Workspace, *, resumed: bool) -> str:
    """Check the merge in progress and commit it; its sha."""
    conflicted = unmerged(store)
    if conflicted:
        raise conflict_error(store, conflicted, resumed=resumed)
    problems = check_merge(store, workspace)
    if problems:
        raise MergeCheckFailed(
            ngettext("the merged files have {count} problem; the merge was not committed and "
                     "nothing was pushed",
                     "the merged files have {count} problems; the merge was not committed and "
                     "nothing was pushed", len(problems)).format(count=len(problems)),
            problems,
            hint=_("fix the files named above, git add them and run pbctl sync again (or "
                   "pbctl sync --abort to give up the merge)"))
    git.run(store.toplevel, "commit", "--no-edit", "--cleanup=strip", "--no-verify", "--quiet",
            env=_merge_env(store))
    sha = store.head()
    assert sha is not None
    return sha


def conflict_error(store: Store, files: list[str], *, resumed: bool) -> SyncConflict:
    shown = [display_path(store.toplevel / f) for f in files]
    binary = [s for f, s in zip(files, shown, strict=True) if not f.endswith((".yaml", ".yml"))]
    if resumed:
        message = _("the merge still has conflicts in: {files}; nothing was pushed").format(
            files=", ".join(shown))
    else:
        message = _("both sides changed the same thing (a true conflict) in: {files}; the "
                    "merge is left open and nothing was pushed").format(files=", ".join(shown))
    hint = _("in each text file keep what is right between <<<<<<< and >>>>>>> (both "
             "versions are there)")
    if binary:
        hint += _("; for {files} take one side with git checkout --ours FILE (yours) or git "
                  "checkout --theirs FILE (the remote's), keep the same side's lines in "
                  "records.yaml (do not check it out whole: it holds both sides' other "
                  "documents), and render again later if needed").format(
            files=", ".join(binary))
    hint += _("; git add each file, then run pbctl sync (pbctl sync --abort gives up the "
              "merge)")
    return SyncConflict(message, files, hint=hint)


def check_merge(store: Store, workspace: Workspace) -> list[Problem]:
    """Problems in the files the merge changes: not added, invalid, or documents that do
    not match their records."""
    from pbctl.definition.check import check_paths

    root = store.toplevel
    changed = [p for p in store.git("diff", "--cached", "--name-only", "-z", "HEAD").split("\0")
               if p]
    if not changed:
        return []
    not_added = [p for p in store.git("diff", "--name-only", "-z", "--", *changed).split("\0")
                 if p]
    problems = [Problem(display_path(root / p), _("changed after the merge but not added"),
                        hint=f"git add {p}") for p in not_added]
    yaml = [root / p for p in changed
            if p.endswith((".yaml", ".yml")) and (root / p).is_file()
            and (p == C.WORKSPACE_FILE or p.startswith(f"{C.ALLIANCES_DIR}/"))]
    if yaml:
        problems += check_paths(yaml).problems
    if problems:
        return problems
    return problems + _documents_problems(workspace, root, changed)


def _documents_problems(workspace: Workspace, root: Path, changed: list[str]) -> list[Problem]:
    from pbctl.records.signing import check_signed

    alliances = sorted({PurePosixPath(p).parts[1] for p in changed
                        if p.startswith(f"{C.ALLIANCES_DIR}/") and len(PurePosixPath(p).parts) > 2
                        and (PurePosixPath(p).name == C.RECORDS_FILE
                             or PurePosixPath(p).parts[2] == C.DOCUMENTS_DIR)})
    shown = {display_path(root / p) for p in changed}
    problems: list[Problem] = []
    for alliance in alliances:
        if not workspace.alliance_file(alliance).is_file():
            continue
        report = check_signed(workspace, alliance, strict=True)
        problems += [Problem(p.file, p.message) for p in report.problems if p.file in shown]
    return problems


def abort(store: Store) -> None:
    if not in_progress(store):
        raise RecordsError(_("there is no unfinished sync (merge) to abort"))
    git.run(store.toplevel, "merge", "--abort")
