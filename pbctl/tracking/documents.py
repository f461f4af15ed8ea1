"""The one adapter between tracking and the records layer: the state of each document.

Everything tracking knows about rendered, signed and tampered documents comes through
:func:`document_states`; wire the records layer in there and nowhere else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pbctl import constants as C
from pbctl.i18n import _

if TYPE_CHECKING:
    from pbctl.tracking.records import AllianceRecords

DocumentStateName = Literal["not-rendered", "draft", "signed", "changed", "verify-failed"]


@dataclass(frozen=True)
class DocumentState:
    """Where one document of an alliance stands.

    ``not-rendered``: no file yet. ``draft``: rendered, never signed (or the current
    revision is not signed). ``signed``: the current revision is signed and the file still
    matches the recorded sha256. ``changed``: a revision newer than the signed one exists
    (changed since signing). ``verify-failed``: the signed file's bytes no longer match.
    """

    kind: str
    state: DocumentStateName
    revision: int | None = None  # the current revision number (rN), when known
    signed_revision: int | None = None
    signed_on: dt.date | None = None
    verified: bool | None = None  # sha256 of the signed file matches; None: not signed

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind, "state": self.state, "revision": self.revision,
            "signed_revision": self.signed_revision,
            "signed_on": self.signed_on.isoformat() if self.signed_on else None,
            "verified": self.verified,
        }


def kept_kinds(records: AllianceRecords) -> tuple[str, ...]:
    """The documents an alliance keeps (its ``documents:``), then any pairing agreements
    and supplements it has rendered."""
    kept = tuple(k for k in C.DOCUMENT_KINDS if records.alliance.keeps(k))
    extra = sorted(name.removesuffix(".docx") for name in records.documents
                   if name.endswith(".docx") and name.startswith(("pairing-", "supplement-")))
    return kept + tuple(extra)


def document_states(records: AllianceRecords,
                    kinds: tuple[str, ...] | None = None) -> list[DocumentState]:
    """The state of each document kind of an alliance: the one adapter to the records layer.

    What it needs from the records layer, per document kind: the current revision number
    (rN) of ``documents/<kind>.docx``; its signatures (revision, date, sha256); and whether
    the file on disk still has the signed sha256 (``pbctl verify``). Today these come from
    ``alliances/<id>/records.yaml`` through :mod:`pbctl.records.registry`, and the file is
    hashed only when its current revision is signed (status stays cheap: no git calls).

    Without the records layer, or before anything is recorded, a document is
    ``not-rendered`` unless ``documents/<kind>.docx`` exists, which makes it a ``draft``
    without a revision number.
    """
    registry = _registry(records)
    out: list[DocumentState] = []
    for kind in kept_kinds(records) if kinds is None else kinds:
        record = registry.get(kind) if registry is not None else None
        if record is None:
            exists = f"{kind}.docx" in records.documents
            out.append(DocumentState(kind, "draft" if exists else "not-rendered"))
            continue
        out.append(_from_record(kind, record, records.folder / C.DOCUMENTS_DIR))
    return out


def _registry(records: AllianceRecords) -> dict[str, Any] | None:
    """The records layer's document records of the alliance (kind → DocumentRecord)."""
    from pbctl.definition.workspace import display_path
    from pbctl.records import registry

    if not (records.folder / C.RECORDS_FILE).is_file():
        return None
    loaded = registry.load(records.folder, display_path(records.folder / C.RECORDS_FILE))
    return dict(loaded.documents)


def _from_record(kind: str, record: Any, folder: Path) -> DocumentState:
    """Map a ``records.yaml`` document record onto a DocumentState."""
    from pbctl.records.registry import sha256

    revision: int = record.revision
    signatures = sorted(record.signed, key=lambda s: s.revision)
    if not signatures:
        return DocumentState(kind, "draft", revision)
    last = signatures[-1]
    if last.revision != revision:
        return DocumentState(kind, "changed", revision, last.revision, last.date)
    try:
        digest = sha256((folder / record.file).read_bytes())
    except OSError:
        digest = None
    verified = digest == last.sha256
    return DocumentState(kind, "signed" if verified else "verify-failed", revision,
                         last.revision, last.date, verified)


def describe(doc: DocumentState) -> str:
    """The state in words: not rendered / draft r3 / signed r2 on 2024-12-03 / …"""
    rev = f" r{doc.revision}" if doc.revision is not None else ""
    signed_rev = f" r{doc.signed_revision}" if doc.signed_revision is not None else ""
    on = _(" on {date}").format(date=doc.signed_on.isoformat()) if doc.signed_on else ""
    if doc.state == "not-rendered":
        return _("not rendered")
    if doc.state == "draft":
        return _("draft{rev}").format(rev=rev)
    if doc.state == "signed":
        return _("signed{rev}{on}").format(rev=signed_rev, on=on)
    if doc.state == "changed":
        return _("changed since signing (signed{signed}{on}, now{rev})").format(
            signed=signed_rev, on=on, rev=rev)
    return _("signed{rev}{on}: fails verification").format(rev=signed_rev, on=on)


def signed_in(states: list[DocumentState], start: dt.date, end: dt.date) -> list[DocumentState]:
    """Documents whose signing date falls in [start, end] (for the year-end summary)."""
    return [d for d in states if d.signed_on is not None and start <= d.signed_on <= end]
