"""pbctl's error types: the whole hierarchy, in this one module.

The library raises these and never prints or exits; the CLI (``pbctl.cli``) maps them to
messages and exit codes in one place. Every error that concerns a user's file carries
``file``, ``line``, ``column`` and ``field`` so the message can point at it.

Hierarchy::

    PbctlError                  (exit 1; .message, .hint)
    ├── ValidationError         problems in user files (.problems: list[Problem])
    ├── WorkspaceError          no workspace, or an alliance/record not found in it
    ├── TemplateError           a template not found, not parsed or not rendered (.file, .line)
    ├── ToolMissingError        LibreOffice or git not installed
    ├── WriteError              a file could not be written (.path)
    └── RecordsError            the records store (git) refused: lock held, busy, frozen file
        ├── GitFailed           a git command exited non-zero (.stderr, .returncode)
        └── SyncStopped         sync stopped, git left merging (.result: SyncSummary | None)
            ├── SyncConflict    true conflicts a person must resolve (.files)
            └── MergeCheckFailed  the merged files fail check/verify (.problems)

``Problem`` (one thing wrong with one file) is the value ValidationError and
MergeCheckFailed carry; ``SyncSummary`` is what a stopped sync had done before stopping
(``pbctl.sync.api.SyncResult`` satisfies it; this module imports only the kernel's i18n).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pbctl.i18n import _


def clip(text: str, limit: int = 200) -> str:
    """``text`` cut to ``limit`` characters (with "…"): a message never echoes a 5 MB value."""
    return text if len(text) <= limit else text[:limit] + f"… ({len(text):,} characters)"


def quoted(value: object, limit: int = 200) -> str:
    """``repr(value)``, cut to ``limit`` characters."""
    if isinstance(value, str) and len(value) > limit:
        return clip(repr(value[:limit]), limit + 2) + f" ({len(value):,} characters)"
    return clip(repr(value), limit)


class Shown:
    """A value for a message's ``{value!r}``: its repr, cut as :func:`quoted` cuts it (so a
    5 MB value is never echoed whole, and the catalogue's msgid stays ``{value!r}``)."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __repr__(self) -> str:
        return quoted(self.value)



@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: where it is and what is wrong."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    field: str | None = None
    hint: str | None = None

    def location(self) -> str:
        """``file:line:col`` as far as known."""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        field = f"{self.field}: " if self.field else ""
        text = f"{self.location()}: {field}{clip(self.message, 400)}"
        if self.hint:
            text += _(" ({hint})").format(hint=self.hint)
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


class PbctlError(Exception):
    """Base of every error pbctl raises on purpose (a user's or the environment's fault)."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class UsageError(PbctlError):
    """The command line itself is wrong (a missing or extra argument): exit 2, as click's."""

    exit_code = 2


class ValidationError(PbctlError):
    """One or more problems in user files (definitions, records, templates)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        first = self.problems[0] if self.problems else None
        message = str(first) if first else "invalid input"
        if len(self.problems) > 1:
            message += _(" (and {n} more)").format(n=len(self.problems) - 1)
        super().__init__(message)

    @classmethod
    def single(
        cls,
        file: str | Path,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> ValidationError:
        return cls([Problem(str(file), message, line, column, field, hint)])


class WorkspaceError(PbctlError):
    """The workspace is missing, malformed, or an alliance/record in it cannot be found."""


class TemplateError(PbctlError):
    """A template could not be found, parsed or rendered."""

    def __init__(self, message: str, *, file: str, line: int | None = None,
                 hint: str | None = None) -> None:
        self.file = file
        self.line = line
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {message}", hint=hint)


class ToolMissingError(PbctlError):
    """An external program (LibreOffice, git) is not installed."""


class WriteError(PbctlError):
    """A file could not be written (no such folder, no permission, disk full)."""

    def __init__(self, path: Path, error: OSError) -> None:
        reason = error.strerror or str(error)
        super().__init__(_("cannot write {path}: {reason}").format(path=path, reason=reason),
                         hint=_("check that its folder exists and can be written"))
        self.path = path


class RecordsError(PbctlError):
    """The records store (git) refused an operation: lock held, repository busy, frozen file."""


class GitFailed(RecordsError):
    """A git command exited non-zero; ``stderr`` holds what git said."""

    def __init__(self, message: str, *, stderr: str, returncode: int,
                 hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.stderr = stderr
        self.returncode = returncode


class SyncSummary(Protocol):
    """What a sync did before it stopped (``pbctl.sync.api.SyncResult``)."""

    notices: list[str]

    def summary_lines(self) -> list[str]: ...


class SyncStopped(RecordsError):
    """Sync stopped with git in its merging state; ``result`` says what was done before."""

    def __init__(self, message: str, *, hint: str | None = None,
                 result: SyncSummary | None = None) -> None:
        super().__init__(message, hint=hint)
        self.result = result


class SyncConflict(SyncStopped):
    """A true conflict: ``files`` (relative to the workspace) need a person's decision."""

    def __init__(self, message: str, files: Sequence[str], *, hint: str | None = None,
                 result: SyncSummary | None = None) -> None:
        super().__init__(message, hint=hint, result=result)
        self.files = list(files)


class MergeCheckFailed(SyncStopped):
    """The merged files do not pass ``pbctl check`` (or verify); nothing was committed."""

    def __init__(self, message: str, problems: Sequence[Problem], *, hint: str | None = None,
                 result: SyncSummary | None = None) -> None:
        super().__init__(message, hint=hint, result=result)
        self.problems = list(problems)
