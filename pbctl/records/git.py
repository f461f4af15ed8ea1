"""The git binary, run as ``git -C <dir> …`` with a clean, predictable environment.

No GitPython: a subprocess per call is as fast as GitPython's command wrapper and keeps
pbctl free of its pure-Python index (6–10× slower at 10,000 files).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path

from pbctl.errors import RecordsError, ToolMissingError

#: Inherited variables that would point git at another repository or index (set, for
#: example, when pbctl runs inside a git hook).
_DROP = (
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_PREFIX", "GIT_NAMESPACE",
)
FALLBACK_NAME = "pbctl"
FALLBACK_EMAIL = "pbctl@localhost"
_LOCK_FILE = re.compile(r"Unable to create '([^']+\.lock)': File exists")


class GitFailed(RecordsError):
    """A git command exited non-zero; ``stderr`` holds what git said."""

    def __init__(self, message: str, *, stderr: str, returncode: int,
                 hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.stderr = stderr
        self.returncode = returncode


def environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROP}
    env["LC_ALL"] = "C"
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["GIT_OPTIONAL_LOCKS"] = "0"  # read-only commands never take index.lock
    if extra:
        env.update(extra)
    return env


def run(cwd: Path, *args: str, input: bytes | None = None,
        env: Mapping[str, str] | None = None, check: bool = True
        ) -> subprocess.CompletedProcess[bytes]:
    """Run ``git -C cwd args…``; raise :class:`GitFailed` (a RecordsError) on failure."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(cwd), *args], input=input, capture_output=True,
            env=environment(env), check=False,
        )
    except FileNotFoundError:
        raise ToolMissingError(
            "git is not installed; pbctl keeps its records with it",
            hint="install git (e.g. 'apt-get install git'), or work outside a records "
                 "workspace",
        ) from None
    if check and proc.returncode != 0:
        raise failure(args, proc.stderr.decode("utf-8", "replace"), proc.returncode)
    return proc


def output(cwd: Path, *args: str, input: bytes | None = None,
           env: Mapping[str, str] | None = None) -> str:
    """The text git printed, without the final newline."""
    text = run(cwd, *args, input=input, env=env).stdout.decode("utf-8", "replace")
    return text[:-1] if text.endswith("\n") else text


def failure(args: tuple[str, ...], stderr: str, returncode: int) -> GitFailed:
    """Turn what git said into one clear error, with a hint where there is one."""
    lock = _LOCK_FILE.search(stderr)
    if lock:
        return busy_error(Path(lock.group(1)), stderr=stderr, returncode=returncode)
    lines = [line.removeprefix("fatal: ").removeprefix("error: ")
             for line in stderr.strip().splitlines() if line.strip()]
    said = lines[-1] if lines else f"exit status {returncode}"
    return GitFailed(f"git {args[0] if args else ''} failed: {said}", stderr=stderr,
                     returncode=returncode)


def busy_error(lock_file: Path, *, stderr: str = "", returncode: int = 128) -> GitFailed:
    return GitFailed(
        f"another git process is running in this repository ({lock_file} exists); "
        "nothing was written",
        hint=f"wait for it to finish and try again; if no git process is running, "
             f"remove {lock_file}",
        stderr=stderr, returncode=returncode,
    )


def identity(cwd: Path) -> dict[str, str]:
    """Environment that gives commits an author when git has none configured.

    A configured ``user.name``/``user.email`` (or the GIT_AUTHOR_*/GIT_COMMITTER_*
    variables) always wins; otherwise commits are made by "pbctl <pbctl@localhost>" rather
    than failing on a machine where nobody ran ``git config``.
    """
    proc = run(cwd, "config", "--get-regexp", r"^user\.(name|email)$", check=False)
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
