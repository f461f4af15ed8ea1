"""``alliances/<id>/records.yaml``: the revision and signatures of each rendered document.

Kept small and beside the definition, and updated in the same commit as the documents it
describes, so the next revision number and the frozen state are read from one short file,
never from history. The sha256 of each signed revision lives here (the tag names the
commit; this file is the alliance's own record of what was signed, and when)::

    documents:
      agreement:
        file: agreement.docx
        revision: 3
        sha256: 5f0c…          # of the current revision's bytes
        date: 2025-03-02       # when the current revision was recorded
        signed:
          - revision: 2
            date: 2024-12-03
            sha256: 9a41…
            tag: health-chain/agreement/signed-r2
            pdf_sha256: 07be…  # of its PDF, when there was one
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import asdict
from pathlib import Path

from pbctl import constants as C
from pbctl.definition import yamlio
from pbctl.definition.registry import DocumentRecord, Registry, Signature, validate_registry
from pbctl.definition.yamlio import Document
from pbctl.errors import RecordsError, ValidationError
from pbctl.i18n import _

__all__ = ["HEADER", "KIND", "DocumentRecord", "Registry", "Signature", "check_kind", "dumps",
           "load", "new_revision", "parse", "registry_path", "sha256", "with_document"]

KIND = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
HEADER = (
    "# pbctl's records of this alliance's documents: current revisions and signatures.\n"
    "# Written by pbctl render / pbctl sign in the same commit as the documents; do not\n"
    "# edit by hand ('pbctl verify' checks the signed files against it).\n"
)
def sha256(data: bytes) -> str:
    """The digest recorded for a document's bytes."""
    return hashlib.sha256(data).hexdigest()


def check_kind(kind: str) -> str:
    if not KIND.match(kind):
        raise RecordsError(
            _("{kind!r} is not a document kind: use lower-case letters, digits and '-'").format(
                kind=kind),
            hint=_("for example agreement, charter, integrity-pact, minutes-003"),
        )
    return kind


def registry_path(alliance_dir: Path) -> Path:
    return alliance_dir / C.RECORDS_FILE


def _valid(doc: Document) -> Registry:
    registry, problems = validate_registry(doc)
    if registry is None:
        raise ValidationError(problems)
    return registry


def parse(text: str, display: str) -> Registry:
    """A registry from text (a blob from git, a side of a merge); ValidationError if bad."""
    return _valid(yamlio.loads(text, display))


def load(alliance_dir: Path, display: str | None = None) -> Registry:
    """The alliance's records; empty when the file does not exist yet."""
    path = registry_path(alliance_dir)
    if not path.exists():
        return Registry()
    return _valid(yamlio.load(path, display))


def dumps(registry: Registry) -> str:
    data = asdict(registry)
    for record in data["documents"].values():
        if not record["signed"]:
            del record["signed"]
        for signature in record.get("signed", []):
            if signature.get("pdf_sha256") is None:
                signature.pop("pdf_sha256", None)
    return HEADER + yamlio.dumps(data)


def with_document(registry: Registry, kind: str, record: DocumentRecord) -> Registry:
    documents = dict(registry.documents)
    documents[kind] = record
    return Registry(documents=dict(sorted(documents.items())))


def new_revision(previous: DocumentRecord | None, file: str, sha256: str,
                 today: dt.date) -> DocumentRecord:
    return DocumentRecord(
        file=file, revision=(previous.revision + 1) if previous else 1, sha256=sha256,
        date=today, signed=list(previous.signed) if previous else [],
    )
