"""Sign (freeze) the current revision of a document, and verify signed files.

Signing records the date and the file's sha256 in ``records.yaml`` (one commit) and tags
that commit ``<alliance>/<doc>/signed-r<N>``. Verifying compares every signed file with its
recorded sha256 and the file in its tagged commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from pbctl import constants as C
from pbctl.definition.workspace import Workspace, display_path
from pbctl.errors import RecordsError, ValidationError, WorkspaceError
from pbctl.i18n import _
from pbctl.records import registry as reg
from pbctl.records.frozen import refuse_signed_output as refuse_signed_output
from pbctl.records.registry import sha256
from pbctl.records.store import Store
from pbctl.records.writing import Change, writing


@dataclass(frozen=True)
class SignResult:
    alliance: str
    document: str
    revision: int
    date: dt.date
    sha256: str
    path: Path
    commit: str
    tag: str
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class VerifyProblem:
    alliance: str
    document: str
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"

    def as_dict(self) -> dict[str, str]:
        return {"alliance": self.alliance, "document": self.document, "file": self.file,
                "message": self.message}


@dataclass
class VerifyReport:
    #: "<file> r<N>" for each signed revision (and, strict, each current file) checked
    checked: list[str] = field(default_factory=list)
    problems: list[VerifyProblem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def tag_name(alliance_id: str, kind: str, revision: int) -> str:
    return f"{alliance_id}/{kind}/signed-r{revision}"


def signature_trailers(alliance_id: str, kind: str, signature: reg.Signature
                       ) -> list[tuple[str, str]]:
    """What a signature says, as trailers: on the commit recording it and in its tag."""
    trailers = [("Pbctl-Alliance", alliance_id), ("Pbctl-Document", kind),
                ("Pbctl-Revision", str(signature.revision)),
                ("Pbctl-Signed", signature.date.isoformat()), ("Pbctl-Sha256", signature.sha256)]
    if signature.pdf_sha256:
        trailers.append(("Pbctl-Pdf-Sha256", signature.pdf_sha256))
    return trailers


def tag_message(alliance_id: str, kind: str, signature: reg.Signature) -> str:
    """The message of a signature's annotated tag: the document, its revision, the date and
    the sha256 of the signed .docx (and PDF), as a line each and as trailers."""
    lines = [f"{alliance_id} {kind} r{signature.revision} signed {signature.date.isoformat()}",
             "", f"sha256 {signature.sha256}"]
    if signature.pdf_sha256:
        lines.append(f"pdf-sha256 {signature.pdf_sha256}")
    lines.append("")
    lines += [f"{key}: {value}" for key, value in
              signature_trailers(alliance_id, kind, signature)]
    return "\n".join(lines) + "\n"


def _read_optional(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None


def require_store(workspace: Workspace) -> Store:
    store = Store.open(workspace)
    if store is None:
        raise WorkspaceError(
            _("{path} is not a records workspace (a git repository with pbctl.yaml)").format(
                path=display_path(workspace.root)), hint=_("make one with 'pbctl init'"),
        )
    return store


def _parse_date(value: dt.date | str) -> dt.date:
    from pbctl.numerals import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise ValidationError.single("--date", str(exc)) from None


def sign(workspace: Workspace, alliance_id: str, doc_kind: str, date: dt.date | str, *,
         message: str | None, today: dt.date | None = None) -> SignResult:
    """Mark the current revision of ``doc_kind`` as signed on ``date``."""
    from pbctl.definition.loading import load_alliance

    kind = reg.check_kind(doc_kind)
    signed_on = _parse_date(date)
    if signed_on > (today or dt.date.today()):
        raise ValidationError.single(
            "--date", _("{date} is in the future").format(date=signed_on.isoformat()),
            hint=_("sign records a signing that happened"))
    store = require_store(workspace)
    definition = workspace.resolve_alliance(alliance_id)
    alliance_dir = definition.parent
    with writing(store) as writer:
        alliance = load_alliance(definition, display=display_path(definition))
        if signed_on < alliance.founded:
            raise ValidationError.single(
                "--date", f"{signed_on.isoformat()} is before the alliance was founded "
                f"({alliance.founded.isoformat()})")
        registry_file = reg.registry_path(alliance_dir)
        registry = reg.load(alliance_dir, display_path(registry_file))
        record = registry.documents.get(kind)
        if record is None:
            known = ", ".join(registry.documents) or "none yet"
            raise RecordsError(_("{kind} of {alliance} has no recorded revision (rendered "
                                 "documents: {known})").format(kind=kind, alliance=alliance.id,
                                                               known=known),
                               hint=_("render it first: {command}").format(
                                   command=f"pbctl render {kind} {alliance.id}"))
        earlier = record.signature()
        if earlier is not None:
            raise RecordsError(
                _("{kind} r{revision} of {alliance} is already signed ({date}, tag {tag})"
                  ).format(kind=kind, revision=record.revision, alliance=alliance.id,
                           date=earlier.date.isoformat(), tag=earlier.tag),
                hint=_("to sign a new version, render it with --amend, then sign that"))
        path = alliance_dir / C.DOCUMENTS_DIR / record.file
        shown = display_path(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise RecordsError(_("{path} is missing").format(path=shown),
                               hint=_("render it again: {command}").format(
                                   command=f"pbctl render {kind} {alliance.id}")) from None
        if sha256(data) != record.sha256:
            raise RecordsError(
                _("{path} differs from {kind} r{revision} as recorded; it was changed after "
                  "rendering").format(path=shown, kind=kind, revision=record.revision),
                hint=_("render it again ({render}) or restore it: {restore}").format(
                    render=f"pbctl render {kind} {alliance.id}",
                    restore=f"git checkout -- {store.rel(path)}"))
        tag = tag_name(alliance.id, kind, record.revision)
        if store.tag_target(tag) is not None:
            raise RecordsError(_("the tag {tag} already exists").format(tag=tag),
                               hint=_("if it is left over, delete it: {command}").format(
                                   command=f"git tag -d {tag}"))
        pdf_data = _read_optional(path.with_suffix(".pdf"))
        pdf_sha = sha256(pdf_data) if pdf_data is not None else None
        signature = reg.Signature(revision=record.revision, date=signed_on,
                                  sha256=record.sha256, tag=tag, pdf_sha256=pdf_sha)
        updated = replace(record, signed=[*record.signed, signature])
        new_registry = reg.with_document(registry, kind, updated)
        subject = f"sign({alliance.id}): {kind} r{record.revision}, signed {signed_on.isoformat()}"
        trailers = signature_trailers(alliance.id, kind, signature)
        note = tag_message(alliance.id, kind, signature)
        writer.record_source(workspace, alliance.id, "sign")
        commit = writer.record(Change({registry_file: reg.dumps(new_registry)}, subject,
                                      message=message, trailers=trailers, also=[path],
                                      tag=(tag, note)))
        if commit is None:  # pragma: no cover - a tagged change always commits
            raise RecordsError("nothing to record")
    return SignResult(alliance.id, kind, record.revision, signed_on, record.sha256, path,
                      commit, tag, list(store.notices))


def check_signed(workspace: Workspace, alliance_id: str | None = None, *,
                 strict: bool = False) -> VerifyReport:
    """Check every signature against its records entry, its tag, the tagged commit, the file
    now and its PDF (see :mod:`pbctl.records.verification`). Takes no lock: read-only."""
    from pbctl.records.verification import check_signatures

    return check_signatures(workspace, alliance_id, strict=strict)


def verify(workspace: Workspace, alliance_id: str | None = None, *,
           strict: bool = False) -> list[VerifyProblem]:
    """Every problem with signed files (empty when all is well)."""
    return check_signed(workspace, alliance_id, strict=strict).problems
