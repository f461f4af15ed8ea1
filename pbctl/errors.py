"""pbctl's error types.

The library raises these and never prints or exits; the CLI (``pbctl.cli``) maps them to
messages and exit codes in one place. Every error that concerns a user's file carries
``file``, ``line``, ``column`` and ``field`` so the message can point at it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pbctl.i18n import _


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
        text = f"{self.location()}: {field}{self.message}"
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
