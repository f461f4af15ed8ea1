"""The git layer: GitPython, with a clean, predictable environment.

* :func:`open_repo` opens a :class:`git.Repo` (``pbctl.records.gitpython.CleanRepo``): refs
  are read from the repository's files, objects (blobs, tags) through its persistent
  ``git cat-file --batch`` processes, so history, verify, diff and sync's reads cost one
  process however many objects they read. Close it (``repo.close()``, or ``with``).
* :func:`run` / :func:`output` run one git command through GitPython's command wrapper
  (``repo.git`` when there is a repository, ``git.Git(dir)`` otherwise: ``init``,
  ``clone``), for plumbing writes (a temporary index, ``commit-tree``, compare-and-swap
  ``update-ref``) and porcelain (fetch, merge, push). GitPython's pure-Python index is never
  used (6–10× slower at 10,000 files).

Every git process runs without inherited ``GIT_DIR``, ``GIT_INDEX_FILE`` … (set, for
example, when pbctl runs inside a git hook), with ``LC_ALL=C``, no terminal prompt and no
optional locks. GitPython is imported on first use, so ``pbctl --help`` never loads it.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pbctl.errors import GitFailed, ToolMissingError
from pbctl.i18n import _

if TYPE_CHECKING:
    import git as gitpython

__all__ = [
    "FALLBACK_EMAIL", "FALLBACK_NAME", "GitFailed", "busy_error", "environment", "failure",
    "identity", "open_repo", "output", "run",
]

FALLBACK_NAME = "pbctl"
FALLBACK_EMAIL = "pbctl@localhost"
_LOCK_FILE = re.compile(r"Unable to create '([^']+\.lock)': File exists")


def _missing() -> ToolMissingError:
    return ToolMissingError(
        _("git is not installed; pbctl keeps its records with it"),
        hint=_("install git (e.g. 'apt-get install git'), or work outside a records "
               "workspace"),
    )


def environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """What pbctl adds to every git process's environment (the inherited variables that
    would redirect git are removed by ``pbctl.records.gitpython``)."""
    env = {"LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0",
           "GIT_OPTIONAL_LOCKS": "0"}  # read-only commands never take index.lock
    if extra:
        env.update(extra)
    return env


def _load() -> None:
    """Import pbctl's GitPython adapter (GitPython looks for the git binary when imported:
    a missing one is a ToolMissingError)."""
    try:
        from pbctl.records import gitpython  # noqa: F401
    except ImportError as exc:
        if "Bad git executable" in str(exc):
            raise _missing() from None
        raise


def open_repo(root: Path) -> gitpython.Repo | None:
    """The repository whose work tree (or git folder) is ``root``; None if there is none.
    It reads no ref and starts no process until asked."""
    _load()
    from pbctl.records import gitpython as gp

    try:
        return gp.CleanRepo(str(root))
    except (gp.InvalidGitRepositoryError, gp.NoSuchPathError):
        return None


def run(cwd: Path, *args: str, input: bytes | None = None,
        env: Mapping[str, str] | None = None, check: bool = True,
        repo: gitpython.Repo | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ``git -C cwd args…`` (through ``repo.git`` when given); raise
    :class:`GitFailed` (a RecordsError) on failure unless ``check`` is false."""
    _load()
    from pbctl.records import gitpython as gp

    runner = repo.git if repo is not None else gp.CleanGit(str(cwd))
    command = [runner.GIT_PYTHON_GIT_EXECUTABLE or "git", "-C", str(cwd), *args]
    try:
        handle = runner.execute(command, as_process=True, env=environment(env),
                                istream=subprocess.PIPE if input is not None else None)
    except gp.GitCommandNotFound:
        raise _missing() from None
    popen = handle.proc
    if popen is None:  # pragma: no cover - GitPython hands the process over running
        raise GitFailed(f"git {args[0] if args else ''} did not start", stderr="",
                        returncode=-1)
    stdout, stderr = popen.communicate(input)
    proc = subprocess.CompletedProcess(args, popen.returncode, stdout, stderr)
    if check and proc.returncode != 0:
        raise failure(args, proc.stderr.decode("utf-8", "replace"), proc.returncode)
    return proc


def output(cwd: Path, *args: str, input: bytes | None = None,
           env: Mapping[str, str] | None = None, repo: gitpython.Repo | None = None) -> str:
    """The text git printed, without the final newline."""
    text = run(cwd, *args, input=input, env=env, repo=repo).stdout.decode("utf-8", "replace")
    return text[:-1] if text.endswith("\n") else text


def failure(args: tuple[str, ...], stderr: str, returncode: int) -> GitFailed:
    """Turn what git said into one clear error, with a hint where there is one."""
    lock = _LOCK_FILE.search(stderr)
    if lock:
        return busy_error(Path(lock.group(1)), stderr=stderr, returncode=returncode)
    lines = [line.removeprefix("fatal: ").removeprefix("error: ")
             for line in stderr.strip().splitlines() if line.strip()]
    said = lines[-1] if lines else f"exit status {returncode}"
    return GitFailed(_("git {command} failed: {said}").format(
                         command=args[0] if args else "", said=said), stderr=stderr,
                     returncode=returncode)


def busy_error(lock_file: Path, *, stderr: str = "", returncode: int = 128) -> GitFailed:
    return GitFailed(
        _("another git process is running in this repository ({lock_file} exists); "
          "nothing was written").format(lock_file=lock_file),
        hint=_("wait for it to finish and try again; if no git process is running, "
               "remove {lock_file}").format(lock_file=lock_file),
        stderr=stderr, returncode=returncode,
    )


def identity(cwd: Path, repo: gitpython.Repo | None = None) -> dict[str, str]:
    """Environment that gives commits an author when git has none configured.

    A configured ``user.name``/``user.email`` (or the GIT_AUTHOR_*/GIT_COMMITTER_*
    variables) always wins; otherwise commits are made by "pbctl <pbctl@localhost>" rather
    than failing on a machine where nobody ran ``git config``.
    """
    proc = run(cwd, "config", "--get-regexp", r"^user\.(name|email)$", check=False, repo=repo)
    have = {line.split(" ", 1)[0].lower()
            for line in proc.stdout.decode("utf-8", "replace").splitlines()}
    env: dict[str, str] = {}
    for role in ("AUTHOR", "COMMITTER"):
        if "user.name" not in have and not os.environ.get(f"GIT_{role}_NAME"):
            env[f"GIT_{role}_NAME"] = FALLBACK_NAME
        if "user.email" not in have and not os.environ.get(f"GIT_{role}_EMAIL") \
                and not os.environ.get("EMAIL"):
            env[f"GIT_{role}_EMAIL"] = FALLBACK_EMAIL
    return env


# ---------------------------------------------------------------- small helpers (signatures)


def signing_key(cwd: Path) -> str | None:
    """The signing key git is configured with (``user.signingkey``), if any."""
    proc = run(cwd, "config", "--get", "user.signingkey", check=False)
    key = proc.stdout.decode("utf-8", "replace").strip()
    return key or None


def tag_names(cwd: Path, prefix: str) -> list[str]:
    """The names of the tags below ``refs/tags/<prefix>``."""
    text = output(cwd, "for-each-ref", "--format=%(refname:strip=2)", f"refs/tags/{prefix}")
    return [line for line in text.splitlines() if line]


def ancestors(cwd: Path, rev: str = "HEAD") -> set[str]:
    """Every commit reachable from ``rev`` (empty when there is none)."""
    proc = run(cwd, "rev-list", rev, "--", check=False)
    return set(proc.stdout.decode("ascii", "replace").split()) if proc.returncode == 0 else set()


def verify_tag(cwd: Path, name: str) -> str | None:
    """None if the signed tag ``name`` verifies; else what git said."""
    proc = run(cwd, "tag", "-v", name, check=False)
    if proc.returncode == 0:
        return None
    said = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    return said[-1] if said else f"exit status {proc.returncode}"


Trailers = Mapping[str, str] | Sequence[tuple[str, str]]


def compose_message(subject: str, body: str | None, trailers: Trailers) -> str:
    """``subject``, a blank line, the reason, a blank line, ``Key: value`` trailers."""
    parts = [" ".join(subject.split())]
    if body and body.strip():
        parts.append(body.strip())
    pairs = trailers.items() if isinstance(trailers, Mapping) else trailers
    lines = [f"{key}: {' '.join(str(value).split())}" for key, value in pairs]
    if lines:
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"
