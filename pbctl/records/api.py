"""What commands call: one function per job of the records layer.

Each writing function takes the workspace lock, writes atomically and ends in exactly one
commit holding only the paths it wrote (none when nothing changed). Outside a git workspace
the files are still written and the result says nothing was recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pbctl.definition.workspace import Workspace
from pbctl.records.documents import DocumentOutcome, DocumentsResult, write_documents
from pbctl.records.history import Revision, diff, history
from pbctl.records.initialize import InitResult, init_workspace
from pbctl.records.logbook import Logged, log_activity, log_meeting
from pbctl.records.signing import (
    SignResult,
    VerifyProblem,
    VerifyReport,
    check_signed,
    sign,
    verify,
)
from pbctl.records.store import Store
from pbctl.records.textconv import docx_text, textconv
from pbctl.records.writing import Change, Writer, writing

__all__ = [
    "Change",
    "DocumentOutcome",
    "DocumentsResult",
    "InitResult",
    "Logged",
    "Revision",
    "SignResult",
    "Store",
    "VerifyProblem",
    "VerifyReport",
    "Writer",
    "check_signed",
    "create_alliance",
    "diff",
    "docx_text",
    "history",
    "init_workspace",
    "log_activity",
    "log_meeting",
    "record_files",
    "record_new_alliance",
    "sign",
    "textconv",
    "verify",
    "write_documents",
    "writing",
]


def create_alliance(workspace: Workspace, alliance_id: str, path: Path, text: str,
                    message: str | None, *, notices: list[str] | None = None) -> str | None:
    """Write a new definition and record it as ``new(<id>): alliance definition``, through
    the one write path: under the lock the file must still not exist (two ``pbctl new`` of
    the same id: the second is refused, nothing is replaced). The sha, or None outside a git
    workspace."""
    from pbctl.definition.scaffold import refuse_existing

    with writing(Store.open(workspace)) as writer:
        refuse_existing(path)
        sha = writer.record(Change({path: text}, f"new({alliance_id}): alliance definition",
                                   message=message,
                                   trailers=[("Pbctl-Alliance", alliance_id)]))
    if notices is not None:
        notices.extend(writer.notices)
    return sha


def record_new_alliance(workspace: Workspace, alliance_id: str, path: Path,
                        message: str | None, *, notices: list[str] | None = None
                        ) -> str | None:
    """Commit a new (already written) definition: ``new(<id>): alliance definition``.
    The sha, or None outside a git workspace or when nothing changed. Messages for the user
    (a stale lock taken over …) are appended to ``notices`` when given."""
    store = Store.open(workspace)
    if store is None:
        return None
    with writing(store) as writer:
        sha = writer.record(Change({}, f"new({alliance_id}): alliance definition",
                                   message=message, also=[path],
                                   trailers=[("Pbctl-Alliance", alliance_id)]))
    if notices is not None:
        notices.extend(writer.notices)
    return sha


def record_files(workspace: Workspace, files: dict[Path, str | bytes], subject: str, *,
                 message: str | None = None, trailers: dict[str, str] | None = None,
                 prepare: Callable[[], None] | None = None) -> str | None:
    """Write ``files`` atomically and record them as one commit (under the workspace lock,
    journalled so a crash leaves all or nothing). Outside a git workspace the files are just
    written. ``prepare`` runs under the lock first (a last check, e.g. that nothing moved).
    Returns the commit's sha, or None when nothing was recorded."""
    with writing(Store.open(workspace)) as writer:
        if prepare is not None:
            prepare()
        return writer.record(Change(dict(files), subject, message=message,
                                    trailers=trailers or {}))
