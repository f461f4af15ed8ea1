"""GitPython, made to run git in a clean environment. Imported only by :mod:`.git`, lazily.

GitPython starts every git process (one-shot commands and the persistent ``cat-file``
processes alike) in :meth:`git.Git.execute` with a copy of ``os.environ``, and
:class:`git.Repo` reads ``GIT_DIR``, ``GIT_WORK_TREE``, ``GIT_COMMON_DIR`` and
``GIT_OBJECT_DIRECTORY`` from it when it opens a repository; its own environment can add
variables but not remove them. Inherited, these would point git at another repository or
index (pbctl run from a git hook, for example), so :class:`CleanGit` and :class:`CleanRepo`
hide them from ``os.environ`` for the moment a process is started or a repository opened.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from typing import Any

import git

#: Inherited variables that would point git at another repository or index.
DROP = (
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_PREFIX", "GIT_NAMESPACE",
)
_ENVIRON = threading.RLock()

GitCommandNotFound = git.GitCommandNotFound
InvalidGitRepositoryError = git.InvalidGitRepositoryError
NoSuchPathError = git.NoSuchPathError


@contextlib.contextmanager
def clean_environ() -> Iterator[None]:
    """``os.environ`` without :data:`DROP` for the duration (restored afterwards)."""
    if not any(name in os.environ for name in DROP):
        yield
        return
    with _ENVIRON:
        saved = {name: os.environ.pop(name) for name in DROP if name in os.environ}
        try:
            yield
        finally:
            os.environ.update(saved)


class CleanGit(git.Git):
    """GitPython's command wrapper, starting git without the variables of :data:`DROP`."""

    def execute(self, *args: Any, **kwargs: Any) -> Any:
        with clean_environ():
            return super().execute(*args, **kwargs)


class CleanRepo(git.Repo):
    """A :class:`git.Repo` opened, and running git, without the variables of :data:`DROP`."""

    GitCommandWrapperType = CleanGit

    def __init__(self, path: str) -> None:
        with clean_environ():
            super().__init__(path)


def head_sha(repo: git.Repo) -> str | None:
    """The commit HEAD points at, read from the ref files (no git process); None when the
    branch has no commit yet."""
    try:
        return git.SymbolicReference.dereference_recursive(repo, "HEAD")
    except ValueError:
        return None


def peeled(repo: git.Repo, ref: str, kind: str = "commit") -> str | None:
    """The ``kind`` object (commit, tree) ``ref`` points at, through annotated tags, from
    the repository's persistent ``cat-file --batch-check``; None when there is none."""
    try:
        sha, _kind, _size = repo.git.get_object_header(f"{ref}^{{{kind}}}")
    except ValueError:
        return None
    # GitPython hands the header's fields over as git printed them (bytes)
    return sha.decode("ascii") if isinstance(sha, bytes) else str(sha)


def object_data(repo: git.Repo, spec: str) -> bytes | None:
    """The content of ``spec`` (``rev:path`` or a sha) from the persistent
    ``cat-file --batch``; None when git says it is missing."""
    try:
        _sha, _kind, _size, data = repo.git.get_object_data(spec)
    except ValueError:
        return None
    return data
