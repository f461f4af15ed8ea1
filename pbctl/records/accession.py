"""Who signed the agreement: the members of the definition as it stood in the signed
revision's commit, so that a member added later accedes by a 补充协议."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pbctl import constants as C
from pbctl.definition.workspace import Workspace
from pbctl.records import registry as reg
from pbctl.records.store import Store


@dataclass(frozen=True)
class SignedAgreement:
    date: dt.date
    parties: list[str] | None  # member ids, None when the definition cannot be read


def signed_agreement(workspace: Workspace, alliance_id: str) -> SignedAgreement | None:
    """The first signing of ``agreement`` in the records and the member ids of the
    definition in its tagged commit; None when it was never signed (or no records)."""
    store = Store.open(workspace)
    if store is None:
        return None
    definition = workspace.resolve_alliance(alliance_id)
    registry = reg.load(definition.parent)
    record = registry.documents.get("agreement")
    if record is None or not record.signed:
        return None
    first = min(record.signed, key=lambda s: s.revision)
    blob = store.read_blobs([f"{first.tag}:{store.rel(definition.parent / C.ALLIANCE_FILE)}"])
    return SignedAgreement(first.date, _member_ids(blob[0]))


def _member_ids(data: bytes | None) -> list[str] | None:
    if data is None:
        return None
    from pbctl.definition import yamlio
    from pbctl.errors import ValidationError

    try:
        doc = yamlio.loads(data.decode("utf-8"), "alliance.yaml")
    except (ValidationError, UnicodeDecodeError):  # unreadable: fall back to dates
        return None
    members = doc.data.get("members") if isinstance(doc.data, dict) else None
    if not isinstance(members, list):
        return None
    return [m["id"] for m in members if isinstance(m, dict) and isinstance(m.get("id"), str)]
