"""The schema of ``alliances/<id>/records.yaml`` (see :mod:`pbctl.records.registry`).

It sits in the definition layer because ``pbctl check`` validates the file like any other
YAML the workspace holds; reading, writing and updating it is the records layer's job.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from pbctl.definition.fields import Date, _Model

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class Signature(_Model):
    revision: Annotated[int, Field(ge=1)]
    date: Date
    sha256: Sha256
    tag: str
    #: sha256 of the document's PDF when one existed at signing
    pdf_sha256: Sha256 | None = None


class DocumentRecord(_Model):
    file: str
    revision: Annotated[int, Field(ge=1)]
    sha256: Sha256
    date: Date
    signed: list[Signature] = Field(default_factory=list)

    def signature(self, revision: int | None = None) -> Signature | None:
        """The signature of ``revision`` (default: the current one), if it was signed."""
        wanted = self.revision if revision is None else revision
        return next((s for s in self.signed if s.revision == wanted), None)


class Registry(_Model):
    documents: dict[str, DocumentRecord] = Field(default_factory=dict)
