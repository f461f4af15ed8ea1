"""The errors sync raises besides plain RecordsError: they carry what the CLI shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pbctl.errors import Problem, RecordsError

if TYPE_CHECKING:
    from pbctl.sync.api import SyncResult


class SyncStopped(RecordsError):
    """Sync stopped with git in its merging state; ``result`` says what was done before."""

    def __init__(self, message: str, *, hint: str | None = None,
                 result: SyncResult | None = None) -> None:
        super().__init__(message, hint=hint)
        self.result = result


class SyncConflict(SyncStopped):
    """A true conflict: ``files`` (relative to the workspace) need a person's decision."""

    def __init__(self, message: str, files: Sequence[str], *, hint: str | None = None,
                 result: SyncResult | None = None) -> None:
        super().__init__(message, hint=hint, result=result)
        self.files = list(files)


class MergeCheckFailed(SyncStopped):
    """The merged files do not pass ``pbctl check`` (or verify); nothing was committed."""

    def __init__(self, message: str, problems: Sequence[Problem], *, hint: str | None = None,
                 result: SyncResult | None = None) -> None:
        super().__init__(message, hint=hint, result=result)
        self.problems = list(problems)
