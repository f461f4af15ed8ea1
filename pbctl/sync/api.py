"""What the ``pbctl sync`` command calls: :func:`sync` and :func:`abort`.

Nothing here prints or exits; the result (or the error) says what happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pbctl.definition.workspace import Workspace
from pbctl.errors import RecordsError, SyncStopped, WorkspaceError
from pbctl.i18n import _, ngettext
from pbctl.records import registry_merge
from pbctl.records.store import Store
from pbctl.sync import merge, remote, renumber, tags
from pbctl.sync.remote import current_branch

__all__ = ["SyncResult", "abort", "describe_records", "sync"]

ATTEMPTS = 3


@dataclass
class SyncResult:
    remote: str
    url: str
    branch: str
    commits_in: int = 0
    commits_out: int = 0
    #: record files (relative paths) that came in / went out
    records_in: list[str] = field(default_factory=list)
    records_out: list[str] = field(default_factory=list)
    renumbered: list[renumber.Move] = field(default_factory=list)
    #: minutes rendered here for renumbered meetings, removed
    removed: list[str] = field(default_factory=list)
    #: (alliance, meeting number) whose minutes should be rendered again
    rerender: list[tuple[str, int | str]] = field(default_factory=list)
    tags_in: list[str] = field(default_factory=list)
    tags_out: list[str] = field(default_factory=list)
    fast_forward: bool = False
    #: merge commits made (one per attempt that merged; a resumed merge counts)
    merges: list[str] = field(default_factory=list)
    #: an unfinished merge (after conflicts) was committed by this run
    concluded: bool = False
    created_branch: bool = False
    attempts: int = 0
    notices: list[str] = field(default_factory=list)

    @property
    def up_to_date(self) -> bool:
        return not (self.commits_in or self.commits_out or self.tags_in or self.tags_out
                    or self.renumbered or self.merges or self.created_branch)

    def summary_lines(self) -> list[str]:
        """What came in and went out, one line each (for the CLI)."""
        where = f"{self.remote}/{self.branch}"
        if self.up_to_date:
            return [_("already up to date with {where} ({url})").format(where=where, url=self.url)]
        lines: list[str] = []
        for move in self.renumbered:
            lines.append(_("renumbered {kind} {old} → {new} of {alliance}: number {old} was "
                           "taken on {remote}").format(kind=_(move.kind), old=move.old_ref,
                                                       new=move.new_ref, alliance=move.alliance,
                                                       remote=self.remote))
        for path in self.removed:
            lines.append(_("removed {path}: rendered for the old number").format(path=path))
        for alliance, number in self.rerender:
            lines.append(_("render the minutes again: {command}").format(
                command=f"pbctl render minutes {alliance} {number}"))
        if self.concluded:
            lines.append(_("committed the merge you resolved"))
        if self.commits_in:
            how = (_("fast-forward") if self.fast_forward and not self.merges
                   else _("merged") if self.merges else _("merge not finished"))
            lines.append(_("in: {commits} from {where} ({how})").format(
                commits=_n(self.commits_in, "commit"), where=where, how=how)
                + _records_part(self.records_in))
        if self.tags_in:
            lines.append(_("in: {tags}: {names}").format(tags=_n(len(self.tags_in), "tag"),
                                                          names=", ".join(self.tags_in)))
        if self.commits_out or self.created_branch:
            new = _(" (new branch)") if self.created_branch else ""
            lines.append(_("out: {commits} to {where}").format(
                commits=_n(self.commits_out, "commit"), where=where) + new
                + _records_part(self.records_out))
        if self.tags_out:
            lines.append(_("out: {tags}: {names}").format(tags=_n(len(self.tags_out), "tag"),
                                                           names=", ".join(self.tags_out)))
        if not (self.commits_out or self.tags_out or self.created_branch):
            lines.append(_("out: nothing to push"))
        return lines


def _n(count: int, noun: str) -> str:
    if noun == "commit":
        text = ngettext("{n} commit", "{n} commits", count)
    elif noun == "tag":
        text = ngettext("{n} tag", "{n} tags", count)
    else:
        text = ngettext("{n} record", "{n} records", count)
    return text.format(n=count)


def _records_part(paths: list[str]) -> str:
    return f", {_n(len(paths), 'record')} ({describe_records(paths)})" if paths else ""


def describe_records(paths: list[str]) -> str:
    """``demo: meetings 3–7, activity 2`` for a list of record file paths."""
    grouped: dict[str, dict[str, list[int]]] = {}
    for path in paths:
        info = renumber.record_of(path)
        if info is not None:
            grouped.setdefault(info[0], {}).setdefault(info[1], []).append(info[2])
    parts = []
    for alliance, kinds in sorted(grouped.items()):
        shown = []
        for kind in ("meeting", "activity"):
            numbers = sorted(kinds.get(kind, []))
            if numbers:
                plural = {"meeting": "meetings", "activity": "activities"}[kind]
                shown.append(f"{kind if len(numbers) == 1 else plural} {_ranges(numbers)}")
        parts.append(f"{alliance}: {', '.join(shown)}")
    return "; ".join(parts)


def _ranges(numbers: list[int]) -> str:
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def sync(workspace: Workspace, *, remote: str = "origin", message: str | None = None,
         attempts: int = ATTEMPTS) -> SyncResult:
    """Fetch, integrate and push ``workspace`` with ``remote``, under the workspace lock.

    Raises :class:`~pbctl.errors.SyncConflict` (files to resolve) or
    :class:`~pbctl.errors.MergeCheckFailed` with git left in its merging state, and
    RecordsError/WorkspaceError for a missing remote, a tag that differs, a network error.
    """
    store = require_store(workspace)
    root = store.toplevel
    url = _url(root, remote)
    branch = current_branch(root)
    result = SyncResult(remote=remote, url=url, branch=branch)
    try:
        with store.lock():
            merge.refuse_other_operations(store)
            store.check_not_busy()
            registry_merge.configure(root)
            if merge.in_progress(store):
                before = store.head()
                result.merges.append(merge.conclude(store, workspace, resumed=True))
                result.concluded = True
                if before is not None:
                    result.records_in += merge.records(root, before, result.merges[-1])
            _rounds(store.toplevel, store, workspace, result, message, attempts)
    except SyncStopped as exc:
        exc.result = result
        raise
    finally:
        result.notices[:0] = store.notices
    return result


def require_store(workspace: Workspace) -> Store:
    """The workspace's store (as pbctl.records.signing.require_store, without importing the
    pydantic models that a sync with nothing to do never needs)."""
    from pbctl.definition.workspace import display_path

    store = Store.open(workspace)
    if store is None:
        raise WorkspaceError(
            _("{path} is not a records workspace (a git repository with pbctl.yaml)").format(
                path=display_path(workspace.root)),
            hint=_("make one with 'pbctl init', or clone a shared one with "
                   "'pbctl init --from URL'"))
    return store


def _url(root: Path, name: str) -> str:
    url = remote.remote_url(root, name)
    if url is None:
        raise remote.no_remote_error(root, name)
    return url


def _rounds(root: Path, store: Store, workspace: Workspace, result: SyncResult,
            message: str | None, attempts: int) -> None:
    name, branch = result.remote, result.branch
    tracking = remote.tracking_ref(name, branch)
    for attempt in range(1, attempts + 1):
        result.attempts = attempt
        remote.fetch(root, name, result.url)
        plan = tags.compare(root, name)
        tags.refuse(plan, name)
        result.tags_in += tags.create(root, plan.incoming)
        integrated = merge.integrate(store, name, branch, message)
        _absorb(result, integrated)
        if integrated.how == "merging" and integrated.before is not None:
            sha = merge.conclude(store, workspace, resumed=False)
            result.merges.append(sha)
            result.records_in += merge.records(root, integrated.before, sha)
        head = store.head()
        tip = remote.rev(root, tracking)
        if head == tip and not plan.outgoing:
            return
        commits_out = remote.count(root, tip, head) if head else 0
        records_out = (sorted(renumber.added_records(root, tip, head)) if tip and head
                       else _all_records(root))
        outcome = remote.push(root, name, result.url, branch, plan.outgoing,
                              set_upstream=tip is None)
        if outcome.ok:
            result.commits_out, result.records_out = commits_out, records_out
            result.tags_out = plan.outgoing
            result.created_branch = tip is None
            return
        result.notices.append(_("{name} changed while syncing (someone else pushed); "
                                "fetching and integrating again").format(name=name))
    raise RecordsError(
        _("{name} kept changing while syncing; gave up after {n} tries. Your commits are "
          "safe here and nothing of them was pushed").format(name=name, n=attempts),
        hint=_("run pbctl sync again in a moment"))


def _absorb(result: SyncResult, integrated: merge.Integrated) -> None:
    result.commits_in += integrated.commits_in
    result.records_in += integrated.records_in
    result.fast_forward = result.fast_forward or integrated.how == "fast-forward"
    if integrated.renumbering is not None:
        result.renumbered += integrated.renumbering.moves
        result.removed += integrated.renumbering.removed
        result.rerender += integrated.renumbering.rerender


def _all_records(root: Path) -> list[str]:
    from pbctl.records import git

    text = git.output(root, "ls-tree", "-r", "-z", "--name-only", "HEAD", "--", "alliances")
    return sorted(p for p in text.split("\0") if renumber.record_of(p) is not None)


def abort(workspace: Workspace) -> None:
    """Abandon an unfinished sync merge (``git merge --abort``)."""
    store = require_store(workspace)
    with store.lock():
        merge.abort(store)

