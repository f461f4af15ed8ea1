"""Reading many alliances with a transient progress bar on a terminal (none when piped)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from pbctl.definition.workspace import Workspace
    from pbctl.tracking.records import AllianceRecords

T = TypeVar("T")


def read_with_progress(workspace: Workspace, ids: list[str] | None, label: str,
                       use: Callable[[AllianceRecords], T]) -> list[T]:
    """Read alliances one at a time and keep only ``use(records)`` of each."""
    from pbctl.cli import ui
    from pbctl.tracking.records import iter_workspace_records

    con = ui.console(stderr=True)
    if not con.is_terminal or (ids is not None and len(ids) <= 1):
        return [use(r) for r in iter_workspace_records(workspace, ids)]
    from rich.progress import Progress

    with Progress(console=con, transient=True) as progress:
        task = progress.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return [use(r) for r in iter_workspace_records(workspace, ids, on_progress=advance)]


def load_with_progress(workspace: Workspace, ids: list[str] | None, label: str
                       ) -> list[AllianceRecords]:
    """Read alliances' records."""
    return read_with_progress(workspace, ids, label, lambda records: records)
