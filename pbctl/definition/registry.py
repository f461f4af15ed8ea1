"""The schema of ``alliances/<id>/records.yaml`` (see :mod:`pbctl.records.registry`).

It sits in the definition layer because ``pbctl check`` validates the file like any other
YAML the workspace holds; reading, writing and updating it is the records layer's job.

Unlike the definition model these are plain frozen dataclasses checked by hand: the file
is pbctl's own five-field ledger, and it is read by the commands that must start fast
(``verify``, ``history``, git's merge driver, once per conflicting file), which would
otherwise import pydantic for it alone (~70 ms). The problems read as the model's do:
file, line, column, field and a did-you-mean.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from pbctl.definition.problems import describe, did_you_mean
from pbctl.definition.yamlio import Document, PathKey, format_path
from pbctl.errors import Problem
from pbctl.i18n import _

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_FILE_NAME = re.compile(r"[^/\\\x00-\x1f.][^/\\\x00-\x1f]*\.docx")


@dataclass(frozen=True)
class Signature:
    revision: int
    date: dt.date
    sha256: str
    tag: str
    #: sha256 of the document's PDF when one existed at signing
    pdf_sha256: str | None = None


@dataclass(frozen=True)
class DocumentRecord:
    file: str
    revision: int
    sha256: str
    date: dt.date
    signed: list[Signature] = field(default_factory=list)

    def signature(self, revision: int | None = None) -> Signature | None:
        """The signature of ``revision`` (default: the current one), if it was signed."""
        wanted = self.revision if revision is None else revision
        return next((s for s in self.signed if s.revision == wanted), None)


@dataclass(frozen=True)
class Registry:
    documents: dict[str, DocumentRecord] = field(default_factory=dict)


_SIGNATURE_KEYS = ("revision", "date", "sha256", "tag", "pdf_sha256")
_RECORD_KEYS = ("file", "revision", "sha256", "date", "signed")


def validate_registry(doc: Document) -> tuple[Registry | None, list[Problem]]:
    """The records of ``doc`` (empty file: none yet) and every problem found in it."""
    if doc.data is None:
        return Registry(), []
    reader = _Reader(doc)
    documents: dict[str, DocumentRecord] = {}
    top = reader.mapping(doc.data, (), (), ("documents",))
    if top is not None and "documents" in top:
        listed = reader.mapping(top["documents"], ("documents",), None, None)
        for kind, value in (listed or {}).items():
            record = reader.record(value, ("documents", kind))
            if record is not None:
                documents[str(kind)] = record
    if reader.problems:
        return None, reader.problems
    return Registry(documents=documents), []


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def fail(self, loc: PathKey, message: str, hint: str | None = None, *,
             at: PathKey | None = None, key: bool = False) -> None:
        line, col = self.doc.position(loc if at is None else at, key=key)
        self.problems.append(Problem(self.doc.path, message, line, col,
                                     format_path(loc) or None, hint))

    def mapping(self, value: Any, loc: PathKey, required: tuple[str, ...] | None,
                allowed: tuple[str, ...] | None) -> dict[Any, Any] | None:
        """``value`` if it is a mapping (its unknown and missing keys reported)."""
        if not isinstance(value, dict):
            self.fail(loc, _("expected a mapping of keys and values, got {value}").format(
                value=describe(value)))
            return None
        if allowed is not None:
            for key in value:
                if key not in allowed:
                    self.fail((*loc, key), _("unknown key {key!r}").format(key=str(key)),
                              did_you_mean(str(key), allowed)
                              or _("allowed keys: {keys}").format(keys=_(", ").join(allowed)),
                              key=True)
        for key in required or ():
            if key not in value:
                self.fail((*loc, key), _("is required but not given"), at=loc)
        return value

    def record(self, value: Any, loc: PathKey) -> DocumentRecord | None:
        before = len(self.problems)
        data = self.mapping(value, loc, _RECORD_KEYS[:4], _RECORD_KEYS)
        if data is None:
            return None
        signed: list[Signature] = []
        if "signed" in data:
            if isinstance(data["signed"], list):
                for i, item in enumerate(data["signed"]):
                    signature = self.signature(item, (*loc, "signed", i))
                    if signature is not None:
                        signed.append(signature)
            else:
                self.fail((*loc, "signed"), _("expected a list, got {value}").format(
                    value=describe(data["signed"])))
        file, revision, digest, date = (
            self.file_name(data.get("file"), (*loc, "file")),
            self.revision(data.get("revision"), (*loc, "revision")),
            self.sha256(data.get("sha256"), (*loc, "sha256")),
            self.date(data.get("date"), (*loc, "date")))
        if len(self.problems) > before:
            return None
        assert file is not None and revision is not None and digest is not None
        assert date is not None
        return DocumentRecord(file=file, revision=revision, sha256=digest, date=date,
                              signed=signed)

    def signature(self, value: Any, loc: PathKey) -> Signature | None:
        before = len(self.problems)
        data = self.mapping(value, loc, _SIGNATURE_KEYS[:4], _SIGNATURE_KEYS)
        if data is None:
            return None
        revision, date, digest, tag = (
            self.revision(data.get("revision"), (*loc, "revision")),
            self.date(data.get("date"), (*loc, "date")),
            self.sha256(data.get("sha256"), (*loc, "sha256")),
            self.text(data.get("tag"), (*loc, "tag")))
        pdf = data.get("pdf_sha256")
        pdf_sha256 = None if pdf is None else self.sha256(pdf, (*loc, "pdf_sha256"))
        if len(self.problems) > before:
            return None
        assert revision is not None and date is not None and digest is not None
        assert tag is not None
        return Signature(revision=revision, date=date, sha256=digest, tag=tag,
                         pdf_sha256=pdf_sha256)

    # Each field: None when missing (already reported by ``mapping``) or wrong (reported).
    def text(self, value: Any, loc: PathKey) -> str | None:
        if value is None or isinstance(value, str):
            return value
        self.fail(loc, _("expected text, got {value}").format(value=describe(value)),
                  _("quote the value to keep it as text"))
        return None

    def file_name(self, value: Any, loc: PathKey) -> str | None:
        """A .docx's plain name in the alliance's documents folder: records.yaml arrives
        through sync, and a path would make verify read (and -o test) files elsewhere."""
        text = self.text(value, loc)
        if text is None or _FILE_NAME.fullmatch(text):
            return text
        self.fail(loc, _("{value} is not the name of a .docx in the documents folder (such "
                         "as agreement.docx)").format(value=describe(value)))
        return None

    def revision(self, value: Any, loc: PathKey) -> int | None:
        if value is None:
            return None
        if type(value) is not int:
            self.fail(loc, _("expected a whole number, got {value}").format(
                value=describe(value)))
        elif value < 1:
            self.fail(loc, _("a revision number starts at 1, got {value}").format(value=value))
        else:
            return value
        return None

    def sha256(self, value: Any, loc: PathKey) -> str | None:
        if value is None:
            return None
        if isinstance(value, str) and _SHA256.match(value):
            return value
        self.fail(loc, _("{value} is not a sha256 digest (64 characters 0-9 and a-f)").format(
            value=describe(value)))
        return None

    def date(self, value: Any, loc: PathKey) -> dt.date | None:
        from pbctl.numerals import parse_date

        if value is None:
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            self.fail(loc, str(exc))
            return None
