"""Sign (freeze) the current revision of a document, and verify signed files.

Signing records the date and the file's sha256 in ``records.yaml`` (one commit) and tags
that commit ``<alliance>/<doc>/signed-r<N>``. Verifying compares every signed file with its
recorded sha256 and the file in its tagged commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pbctl import constants as C
from pbctl.definition.workspace import Workspace, display_path
from pbctl.errors import RecordsError, ValidationError, WorkspaceError
from pbctl.records import registry as reg
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


def require_store(workspace: Workspace) -> Store:
    store = Store.open(workspace)
    if store is None:
        raise WorkspaceError(
            f"{display_path(workspace.root)} is not a records workspace (a git repository "
            "with pbctl.yaml)", hint="make one with 'pbctl init'",
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
        raise ValidationError.single("--date", f"{signed_on.isoformat()} is in the future",
                                     hint="sign records a signing that happened")
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
            raise RecordsError(f"{kind} of {alliance.id} has no recorded revision "
                               f"(rendered documents: {known})",
                               hint=f"render it first: pbctl render {kind} {alliance.id}")
        earlier = record.signature()
        if earlier is not None:
            raise RecordsError(
                f"{kind} r{record.revision} of {alliance.id} is already signed "
                f"({earlier.date.isoformat()}, tag {earlier.tag})",
                hint="to sign a new version, render it with --amend, then sign that")
        path = alliance_dir / C.DOCUMENTS_DIR / record.file
        shown = display_path(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise RecordsError(f"{shown} is missing",
                               hint=f"render it again: pbctl render {kind} {alliance.id}"
                               ) from None
        if sha256(data) != record.sha256:
            raise RecordsError(
                f"{shown} differs from {kind} r{record.revision} as recorded; it was changed "
                "after rendering", hint=f"render it again (pbctl render {kind} {alliance.id}) "
                f"or restore it: git checkout -- {store.rel(path)}")
        tag = tag_name(alliance.id, kind, record.revision)
        if store.tag_target(tag) is not None:
            raise RecordsError(f"the tag {tag} already exists",
                               hint=f"if it is left over, delete it: git tag -d {tag}")
        signature = reg.Signature(revision=record.revision, date=signed_on,
                                  sha256=record.sha256, tag=tag)
        updated = record.model_copy(update={"signed": [*record.signed, signature]})
        new_registry = reg.with_document(registry, kind, updated)
        subject = f"sign({alliance.id}): {kind} r{record.revision}, signed {signed_on.isoformat()}"
        note = f"{alliance.id} {kind} r{record.revision} signed {signed_on.isoformat()}\n\n" \
               f"sha256 {record.sha256}\n"
        trailers = [("Pbctl-Alliance", alliance.id), ("Pbctl-Document", kind),
                    ("Pbctl-Revision", str(record.revision)),
                    ("Pbctl-Signed", signed_on.isoformat()), ("Pbctl-Sha256", record.sha256)]
        commit = writer.record(Change({registry_file: reg.dumps(new_registry)}, subject,
                                      message=message, trailers=trailers, also=[path],
                                      tag=(tag, note)))
        if commit is None:  # pragma: no cover - a tagged change always commits
            raise RecordsError("nothing to record")
    return SignResult(alliance.id, kind, record.revision, signed_on, record.sha256, path,
                      commit, tag, list(store.notices))


def check_signed(workspace: Workspace, alliance_id: str | None = None, *,
                 strict: bool = False) -> VerifyReport:
    """Compare every signed file with its recorded sha256 and its tagged commit. With
    ``strict``, also every current (unsigned) document with the revision recorded for it."""
    store = require_store(workspace)
    if alliance_id is not None:
        ids = [workspace.resolve_alliance(alliance_id).parent.name]
    else:
        ids = workspace.alliance_ids()
    with store.lock():  # a write interrupted by a crash is undone first, not reported
        report = _check(store, workspace, ids, strict)
    report.notices = list(store.notices)
    return report


def _check(store: Store, workspace: Workspace, ids: list[str], strict: bool) -> VerifyReport:
    report = VerifyReport()
    tagged: list[tuple[str, str, str, reg.Signature, str]] = []
    for aid in ids:
        alliance_dir = workspace.alliance_dir(aid)
        registry_file = reg.registry_path(alliance_dir)
        registry = reg.load(alliance_dir, display_path(registry_file))
        for kind, record in registry.documents.items():
            path = alliance_dir / C.DOCUMENTS_DIR / record.file
            shown = display_path(path)
            current = record.signature()
            if current is not None or strict:
                report.checked.append(f"{shown} r{record.revision}")
                _check_file(report, aid, kind, record, current, path, shown)
            for signature in record.signed:
                tagged.append((aid, kind, shown, signature, store.rel(path)))
    specs = [f"refs/tags/{sig.tag}:{rel}" for _, _, _, sig, rel in tagged]
    for (aid, kind, shown, sig, rel), blob in zip(tagged, store.read_blobs(specs), strict=True):
        label = f"{shown} r{sig.revision}"
        if label not in report.checked:
            report.checked.append(label)
        if blob is None:
            message = (f"the tag {sig.tag} of signed r{sig.revision} is missing"
                       if store.tag_target(sig.tag) is None
                       else f"the tagged commit {sig.tag} does not hold {rel}")
            report.problems.append(VerifyProblem(aid, kind, shown, message))
        elif sha256(blob) != sig.sha256:
            report.problems.append(VerifyProblem(
                aid, kind, shown, f"the file in the tagged commit {sig.tag} differs from "
                f"what was signed on {sig.date.isoformat()} (r{sig.revision})"))
    return report


def _check_file(report: VerifyReport, aid: str, kind: str, record: reg.DocumentRecord,
                signature: reg.Signature | None, path: Path, shown: str) -> None:
    expected = signature.sha256 if signature else record.sha256
    what = (f"signed revision r{record.revision} ({signature.date.isoformat()})" if signature
            else f"recorded revision r{record.revision}")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        report.problems.append(VerifyProblem(aid, kind, shown, f"is missing; expected the {what}"))
        return
    actual = sha256(data)
    if actual != expected:
        report.problems.append(VerifyProblem(
            aid, kind, shown, f"differs from the {what}: sha256 {actual[:12]}…, "
            f"recorded {expected[:12]}…"))


def verify(workspace: Workspace, alliance_id: str | None = None, *,
           strict: bool = False) -> list[VerifyProblem]:
    """Every problem with signed files (empty when all is well)."""
    return check_signed(workspace, alliance_id, strict=strict).problems
