"""The records store: a git work tree in which pbctl commits only the paths it wrote.

A commit is made without touching the user's index: a temporary index is read from HEAD,
the given paths are added to it from the work tree, and ``write-tree`` / ``commit-tree`` /
``update-ref`` (compare-and-swap on the old HEAD) record it, run through GitPython's command
wrapper (``repo.git``); then git's real index is updated for those paths only. Refs are read
from the repository's files and objects through GitPython's persistent ``cat-file``
processes, which live while the store is locked or :meth:`Store.reading`.

So the user's other staged and unstaged changes are never included and never lost, no hooks
or editors run, and the cost does not depend on the length of history. Writes run inside
:meth:`Store.transaction`, journalled so that a process killed at any point is finished or
rolled back by the next writer (see :mod:`.journal`); commands reach it through
:mod:`.writing`, the one write path.
"""

from __future__ import annotations

import contextlib
import glob
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pbctl.errors import GitFailed, PbctlError, RecordsError
from pbctl.i18n import _
from pbctl.records import git, journal
from pbctl.records.git import Trailers, compose_message
from pbctl.records.lock import DEFAULT_TIMEOUT, workspace_lock

if TYPE_CHECKING:
    import git as gitpython

    from pbctl.definition.workspace import Workspace

LOCK_FILE = "pbctl.lock"


@dataclass
class _Txn:
    journal: journal.Journal
    landed: bool = False


@dataclass
class Store:
    """A git work tree holding a pbctl workspace (``root``, where pbctl.yaml is)."""

    root: Path
    toplevel: Path
    git_dir: Path
    common_dir: Path
    #: Messages for the user (lock taken over, interrupted command recovered); the CLI
    #: prints them, the library never does.
    notices: list[str] = field(default_factory=list)
    _identity: dict[str, str] | None = field(default=None, repr=False)
    _txn: _Txn | None = field(default=None, repr=False)
    _repo: gitpython.Repo | None = field(default=None, repr=False, compare=False)
    _readers: int = field(default=0, repr=False, compare=False)

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, workspace: Workspace) -> Store | None:
        """The store of ``workspace``; None unless it is a pbctl workspace (pbctl.yaml) at the
        top level of a git work tree. A pbctl.yaml deeper inside some other repository (a
        project, a home folder under git) is not recorded there: pbctl commits only in a
        repository that is the workspace. Costs no subprocess (GitPython reads the
        repository's files)."""
        root = workspace.root.resolve()
        if not workspace.is_initialized or not (root / ".git").exists():
            return None
        return cls._at_top(root)

    @classmethod
    def for_new_workspace(cls, root: Path) -> Store:
        """The store of the git work tree at ``root`` that ``pbctl init`` is making a
        workspace (no pbctl.yaml yet): its first files are written under the lock too."""
        store = cls._at_top(root.resolve())
        if store is None:
            raise RecordsError(_("{root} could not be made a git workspace").format(root=root))
        return store

    @classmethod
    def _at_top(cls, root: Path) -> Store | None:
        repo = git.open_repo(root)
        if repo is None or repo.bare or repo.working_tree_dir is None \
                or Path(repo.working_tree_dir).resolve() != root:
            return None
        return cls(root=root, toplevel=root, git_dir=Path(repo.git_dir).resolve(),
                   common_dir=Path(repo.common_dir).resolve(), _repo=repo)

    @property
    def repo(self) -> gitpython.Repo:
        """The GitPython repository (opened on first use)."""
        if self._repo is None:
            repo = git.open_repo(self.toplevel)
            if repo is None:
                raise RecordsError(f"{self.toplevel} is no longer a git repository")
            self._repo = repo
        return self._repo

    @contextlib.contextmanager
    def reading(self) -> Iterator[Store]:
        """Keep git's persistent ``cat-file`` processes for many reads; they are stopped when
        the outermost ``reading`` (or :meth:`lock`) ends."""
        self._readers += 1
        try:
            yield self
        finally:
            self._readers -= 1
            if self._readers == 0:
                self.close()

    def close(self) -> None:
        """Stop git's persistent processes (they start again when needed)."""
        if self._repo is not None:
            self._repo.git.clear_cache()

    @property
    def journal_path(self) -> Path:
        return self.git_dir / journal.FILE_NAME

    def rel(self, path: Path) -> str:
        """``path`` relative to the git top level, with '/' separators."""
        absolute = (path if path.is_absolute() else self.root / path).resolve()
        try:
            return absolute.relative_to(self.toplevel).as_posix()
        except ValueError:
            raise RecordsError(f"{path} is outside the repository {self.toplevel}") from None

    def git(self, *args: str, input: bytes | None = None,
            env: Mapping[str, str] | None = None) -> str:
        return git.output(self.toplevel, *args, input=input, env=env, repo=self.repo)

    def identity(self) -> dict[str, str]:
        if self._identity is None:
            self._identity = git.identity(self.toplevel, repo=self.repo)
            if git.FALLBACK_NAME in self._identity.values() \
                    or git.FALLBACK_EMAIL in self._identity.values():
                self.notices.append(_(
                    "git has no user.name or user.email, so changes are recorded as "
                    "'{name} <{email}>'; to record them under your name, run: "
                    "git config --global user.name 张三 and "
                    "git config --global user.email zhangsan@example.org").format(
                        name=git.FALLBACK_NAME, email=git.FALLBACK_EMAIL))
        return self._identity

    def head(self) -> str | None:
        """The commit HEAD points at (read from the ref files), None before the first."""
        from pbctl.records import gitpython as gp

        sha = gp.head_sha(self.repo)
        if sha is not None:
            return sha
        # No loose or packed ref: a new repository, or refs GitPython cannot read (reftable)
        proc = git.run(self.toplevel, "rev-parse", "-q", "--verify", "HEAD^{commit}",
                       check=False, repo=self.repo)
        if proc.returncode != 0:
            return None
        return proc.stdout.decode().strip() or None

    def _head_and_tree(self) -> tuple[str | None, str | None]:
        from pbctl.records import gitpython as gp

        head = self.head()
        if head is None:
            return None, None
        with self.reading():
            return head, gp.peeled(self.repo, head, "tree")

    def check_not_busy(self) -> None:
        """Fail early, before writing anything, when git's index is locked."""
        lock = self.git_dir / "index.lock"
        if lock.exists():
            raise git.busy_error(lock)

    def check_writable(self) -> None:
        """Before pbctl writes records: git's index is free and no merge (an unfinished
        ``pbctl sync``) is open, which a commit now would bury."""
        self.check_not_busy()
        for marker, what in (("rebase-merge", "rebase"), ("rebase-apply", "rebase"),
                             ("CHERRY_PICK_HEAD", "cherry-pick"), ("REVERT_HEAD", "revert")):
            if (self.git_dir / marker).exists():
                raise RecordsError(
                    _("a git {operation} is in progress in this workspace; pbctl records "
                      "nothing until it is finished").format(operation=what),
                    hint=_("finish it (git rebase --continue, git cherry-pick --continue …) "
                           "or abort it, then run the command again"))
        if (self.git_dir / "MERGE_HEAD").exists():
            raise RecordsError(
                _("a merge is in progress in this workspace (an unfinished 'pbctl sync')"),
                hint=_("resolve the conflicted files, git add them and run 'pbctl sync' "
                       "again, or give the merge up with 'pbctl sync --abort'"))

    # ------------------------------------------------------------------ locking
    @contextlib.contextmanager
    def lock(self, timeout: float = DEFAULT_TIMEOUT) -> Iterator[Store]:
        """Hold the workspace write lock; the first holder recovers an interrupted write."""
        with workspace_lock(self.common_dir / LOCK_FILE, notices=self.notices,
                            timeout=timeout) as outermost, self.reading():
            if outermost:
                self.recover()
            yield self

    # ------------------------------------------------------------------ committing
    @contextlib.contextmanager
    def transaction(self, paths: Sequence[Path], subject: str = "",
                    tag: tuple[str, str] | None = None) -> Iterator[None]:
        """Journal the prior state of ``paths``; on an error (or Ctrl-C) before the commit
        lands, put them back. Call inside :meth:`lock`."""
        if self._txn is not None:
            raise RecordsError("pbctl transactions do not nest")
        self.check_writable()
        rels = [self.rel(p) for p in paths]
        prior = self._save_prior(rels)
        entry = journal.Journal(pid=os.getpid(), head=self.head(), paths=prior,
                                subject=subject, tag=list(tag) if tag else None)
        journal.write(self.journal_path, entry)
        self._txn = _Txn(entry)
        try:
            yield
        except BaseException as exc:
            if not self._txn.landed:
                try:
                    self._restore(entry)
                except (OSError, PbctlError) as failed:  # e.g. the disk is still full
                    raise self._left_behind(exc, failed, entry) from None
                journal.remove(self.journal_path)
            raise
        else:
            journal.remove(self.journal_path)
        finally:
            self._txn = None

    def _left_behind(self, error: BaseException, failed: BaseException,
                     entry: journal.Journal) -> RecordsError:
        """The error when a failed write could not be undone either: what is left, and that
        the next writing command (which finds the journal) puts it right."""
        left = [rel for rel in sorted(entry.paths)
                if (self.toplevel / rel).exists() or entry.paths[rel] is not None]
        said = error.message if isinstance(error, PbctlError) else str(error)
        return RecordsError(
            _("{said}; undoing it failed too ({failed}), so these files may be half written "
              "or missing: {files}; nothing was committed").format(
                said=said, failed=failed, files=", ".join(left)),
            hint=_("free some disk space, then run any pbctl command that writes (e.g. pbctl "
                   "render …): it puts them back as they were first"))

    def commit(self, paths: Sequence[Path], subject: str, *, body: str | None = None,
               trailers: Trailers = ()) -> str | None:
        """One commit holding exactly ``paths`` (new, changed or deleted) as they are in the
        work tree; the sha, or None when none of them changed."""
        rels = sorted({self.rel(p) for p in paths})
        if not rels:
            return None
        self.check_writable()
        head, head_tree = self._head_and_tree()
        temp_index = self.git_dir / f"pbctl-index-{os.getpid()}"
        env = {"GIT_INDEX_FILE": str(temp_index)}
        try:
            temp_index.unlink(missing_ok=True)
            if head:
                self.git("read-tree", head, env=env)
            self.git("update-index", "--add", "--remove", "--", *rels, env=env)
            tree = self.git("write-tree", env=env)
            if head and tree == head_tree:
                return None
            if not head and not self.git("ls-files", env=env):
                return None
            message = compose_message(subject, body, trailers)
            parents = ["-p", head] if head else []
            sha = self.git("commit-tree", tree, *parents, "-F", "-", input=message.encode(),
                           env=self.identity())
            if self._txn is not None:
                self._txn.journal.commit = sha
                journal.write(self.journal_path, self._txn.journal)
            self.git("update-ref", "-m", f"pbctl: {subject}", "HEAD", sha, head or "")
            if self._txn is not None:
                self._txn.landed = True
        finally:
            temp_index.unlink(missing_ok=True)
        self._sync_index(rels)
        return sha

    def _sync_index(self, rels: list[str]) -> None:
        """Make git's real index agree with the new commit for ``rels`` (and only them)."""
        try:
            self.git("update-index", "--add", "--remove", "--", *rels)
        except GitFailed as exc:
            raise RecordsError(
                _("the revision was recorded, but git's index could not be updated: "
                  "{reason}").format(reason=exc),
                hint=exc.hint or _("run: {command}").format(
                    command=f"git reset -q -- {' '.join(rels)}"),
            ) from None

    def make_tag(self, name: str, commit: str, message: str) -> None:
        """An annotated tag ``name`` on ``commit``: signed (``git tag -s``) when the user has
        a signing key configured, so that ``verify`` can check it with ``git tag -v``. If
        signing fails the tag is still made, unsigned, and a notice says so."""
        if git.signing_key(self.toplevel):
            try:
                self.git("tag", "-s", "-m", message, name, commit, env=self.identity())
                return
            except git.GitFailed as exc:
                self.notices.append(_("the tag {tag} could not be signed ({reason}); it was "
                                      "made unsigned").format(tag=name, reason=exc.message))
        self.git("-c", "tag.gpgSign=false", "tag", "-a", "-m", message, name, commit,
                 env=self.identity())

    def tag_target(self, name: str) -> str | None:
        """The commit the tag ``name`` points at, or None."""
        from pbctl.records import gitpython as gp

        with self.reading():
            return gp.peeled(self.repo, f"refs/tags/{name}")

    def read_blobs(self, specs: Sequence[str]) -> list[bytes | None]:
        """The contents of ``rev:path`` (or blob sha) specs, from git's persistent
        ``cat-file --batch``; None for one that is missing."""
        from pbctl.records import gitpython as gp

        if not specs:
            return []
        with self.reading():
            return [gp.object_data(self.repo, spec) for spec in specs]

    # ------------------------------------------------------------------ recovery
    def _save_prior(self, rels: list[str]) -> dict[str, str | None]:
        existing = [r for r in rels if (self.toplevel / r).is_file()]
        prior: dict[str, str | None] = dict.fromkeys(rels)
        if existing:
            shas = self.git("hash-object", "-w", "--no-filters", "--", *existing).split()
            prior.update(zip(existing, shas, strict=True))
        return prior

    def _restore(self, entry: journal.Journal) -> None:
        from pbctl.fsutil import atomic_write

        saved = [sha for sha in entry.paths.values() if sha]
        blobs = dict(zip(saved, self.read_blobs(saved), strict=True))
        # new files first: removing them frees space for putting the others back
        for rel, sha in sorted(entry.paths.items(), key=lambda kv: kv[1] is not None):
            target = self.toplevel / rel
            # Killed between atomic_write's temporary file and its rename: the file may
            # still hold its prior content, but the temporary file must go in every case.
            journal.remove_temp_files(target.parent, glob.escape(target.name))
            if sha is None:
                with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                    target.unlink()
                continue
            content = blobs.get(sha)
            if content is None:
                continue
            with contextlib.suppress(OSError):
                if target.read_bytes() == content:
                    continue
            with contextlib.suppress(FileNotFoundError):  # frees its space first (disk full)
                target.unlink()
            atomic_write(target, content)

    def recover(self) -> None:
        """Finish or undo a write that a killed pbctl process left half done."""
        for leftover in self.git_dir.glob("pbctl-index-*"):
            with contextlib.suppress(OSError):
                leftover.unlink()
        entry = journal.read(self.journal_path)
        if entry is None:
            return
        what = f"'{entry.subject}'" if entry.subject else _("a write")
        head = self.head()
        rels = sorted(entry.paths)
        if entry.commit and head == entry.commit:
            git.run(self.toplevel, "reset", "-q", "--", *rels, check=False, repo=self.repo)
            if entry.tag and self.tag_target(entry.tag[0]) is None:
                self.make_tag(entry.tag[0], entry.commit, entry.tag[1])
            for rel in rels:
                target = self.toplevel / rel
                journal.remove_temp_files(target.parent, glob.escape(target.name))
            self.notices.append(
                _("finished {what}, which pbctl process {pid} recorded (commit {commit}) but "
                  "did not complete").format(what=what, pid=entry.pid,
                                             commit=entry.commit[:10]))
        elif head == entry.head:
            self._restore(entry)
            self.notices.append(
                _("rolled back {what}, which pbctl process {pid} began but did not record; "
                  "nothing of it was kept ({files})").format(what=what, pid=entry.pid,
                                                            files=", ".join(rels)))
        else:
            self.notices.append(
                _("pbctl process {pid} did not finish {what}, and the repository has changed "
                  "since; its files are left as they are: {files}").format(
                    pid=entry.pid, what=what, files=", ".join(rels)))
        journal.remove(self.journal_path)
