"""Write rendered documents into ``alliances/<id>/documents/`` as revisions.

Unchanged bytes are not rewritten and make no commit; changed ones are written atomically
and recorded in one commit for the whole batch, with a revision number per document kept in
``records.yaml``. A signed revision is frozen: new bytes for it are refused unless the
caller asks for an amendment (a new revision; the signed one stays in history and tagged).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pbctl.definition.workspace import Workspace, display_path
from pbctl.errors import RecordsError
from pbctl.i18n import _
from pbctl.records import git
from pbctl.records import registry as reg
from pbctl.records.store import Store
from pbctl.records.writing import Change, Writer, writing


@dataclass(frozen=True)
class DocumentOutcome:
    kind: str
    path: Path
    #: revision number, None outside a git workspace (nothing recorded)
    revision: int | None
    #: the file or its record changed (and, in a git workspace, was committed)
    changed: bool
    #: the signed revision this new one amends, if any
    amends: int | None = None


@dataclass(frozen=True)
class DocumentsResult:
    alliance: str
    documents: dict[str, DocumentOutcome]
    extra: dict[str, Path] = field(default_factory=dict)
    #: the commit that recorded the batch; None when nothing changed or not recorded
    commit: str | None = None
    #: False outside a git workspace: the files were written, no revision was recorded
    recorded: bool = True
    notices: list[str] = field(default_factory=list)

    @property
    def changed(self) -> list[DocumentOutcome]:
        return [d for d in self.documents.values() if d.changed]

    def summary_lines(self) -> list[str]:
        """What happened, one line a document, then where it was recorded (for the CLI)."""
        lines = list(self.notices)
        for d in self.documents.values():
            document = f"{d.kind} r{d.revision}" if d.revision is not None else d.kind
            line = (_("{document}: {path} written") if d.changed
                    else _("{document}: {path} unchanged")).format(
                document=document, path=display_path(d.path))
            if d.amends:
                line += _(" (amends signed r{revision})").format(revision=d.amends)
            lines.append(line)
        lines += [display_path(p) for p in self.extra.values()]
        if not self.recorded:
            lines.append(_("not recorded: this is not a git workspace ('pbctl init' makes "
                           "one)"))
        elif self.commit:
            lines.append(_("recorded as {commit}").format(commit=self.commit[:10]))
        else:
            lines.append(_("nothing changed: no new revision"))
        return lines



def _check_extra(name: str) -> str:
    if not name or "/" in name or "\\" in name or name.startswith(".") or name.endswith(".docx"):
        raise RecordsError(f"{name!r} is not a plain file name for the documents folder")
    return name


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _frozen_error(alliance_id: str, kind: str, record: reg.DocumentRecord,
                  signature: reg.Signature) -> RecordsError:
    return RecordsError(
        _("{kind} r{revision} of {alliance} was signed on {date} and is frozen; this render "
          "would change it").format(kind=kind, revision=record.revision, alliance=alliance_id,
                                    date=signature.date.isoformat()),
        hint=_("render with --amend to make revision r{next} as an amendment (r{revision} "
               "stays in history, tagged {tag})").format(
            next=record.revision + 1, revision=record.revision, tag=signature.tag),
    )


def write_documents(workspace: Workspace, alliance_id: str, outputs: dict[str, bytes], *,
                    message: str | None, amend: bool = False,
                    extra: dict[str, bytes] | None = None,
                    today: dt.date | None = None) -> DocumentsResult:
    """Write ``outputs`` (kind → .docx bytes) and ``extra`` (file name → bytes) into the
    alliance's documents folder and record them as one revision commit."""
    with writing(Store.open(workspace)) as writer:
        return record_documents(writer, workspace, alliance_id, outputs, message=message,
                                amend=amend, extra=extra, today=today)


def record_documents(writer: Writer, workspace: Workspace, alliance_id: str,
                     outputs: dict[str, bytes], *, message: str | None, amend: bool = False,
                     extra: dict[str, bytes] | None = None,
                     today: dt.date | None = None) -> DocumentsResult:
    """:func:`write_documents` under a lock the caller holds (``render --all`` writes
    every alliance under one lock, one commit each)."""
    for kind in outputs:
        reg.check_kind(kind)
    extra = {_check_extra(name): data for name, data in (extra or {}).items()}
    folder = workspace.documents_dir(alliance_id)
    if not writer.recorded:
        return _write_unrecorded(writer, alliance_id, folder, outputs, extra)
    return _write_recorded(writer, workspace, alliance_id, folder, outputs, extra,
                           message=message, amend=amend, today=today or dt.date.today())


def _write_unrecorded(writer: Writer, alliance_id: str, folder: Path,
                      outputs: dict[str, bytes], extra: dict[str, bytes]) -> DocumentsResult:
    documents: dict[str, DocumentOutcome] = {}
    to_write: dict[Path, str | bytes | None] = {}
    for kind, data in outputs.items():
        path = folder / f"{kind}.docx"
        if _read(path) != data:
            to_write[path] = data
        documents[kind] = DocumentOutcome(kind, path, None, path in to_write)
    paths = {}
    for name, data in extra.items():
        paths[name] = folder / name
        if _read(folder / name) != data:
            to_write[folder / name] = data
    writer.record(Change(to_write, f"render({alliance_id})"))
    return DocumentsResult(alliance_id, documents, paths, None, recorded=False)


def _write_recorded(writer: Writer, workspace: Workspace, alliance_id: str, folder: Path,
                    outputs: dict[str, bytes], extra: dict[str, bytes], *,
                    message: str | None, amend: bool, today: dt.date) -> DocumentsResult:
    alliance_dir = workspace.alliance_dir(alliance_id)
    registry_file = reg.registry_path(alliance_dir)
    registry = reg.load(alliance_dir, display_path(registry_file))
    new_registry = registry
    documents: dict[str, DocumentOutcome] = {}
    to_write: dict[Path, bytes] = {}
    refused: list[RecordsError] = []
    assert writer.store is not None
    tags = set(git.tag_names(writer.store.toplevel, f"{alliance_id}/"))
    for kind, data in sorted(outputs.items()):
        path = folder / f"{kind}.docx"
        digest = reg.sha256(data)
        record = registry.documents.get(kind)
        if _read(path) != data:
            to_write[path] = data
        if record is not None and record.sha256 == digest:
            documents[kind] = DocumentOutcome(kind, path, record.revision, path in to_write)
            continue
        signature = record.signature() if record else None
        if record is not None and signature is not None and not amend:
            refused.append(_frozen_error(alliance_id, kind, record, signature))
            continue
        tag = f"{alliance_id}/{kind}/signed-r{record.revision}" if record else None
        if record is not None and signature is None and tag in tags and not amend:
            refused.append(RecordsError(
                _("{kind} r{revision} of {alliance} is tagged as signed ({tag}) but "
                  "records.yaml has no such signature; this render would replace it").format(
                    kind=kind, revision=record.revision, alliance=alliance_id, tag=tag),
                hint=_("run 'pbctl verify' to see what was changed; render with --amend to "
                       "make a new revision anyway")))
            continue
        new_record = reg.new_revision(record, path.name, digest, today)
        new_registry = reg.with_document(new_registry, kind, new_record)
        documents[kind] = DocumentOutcome(kind, path, new_record.revision, True,
                                          signature.revision if signature else None)
    if refused:
        if len(refused) == 1:
            raise refused[0]
        raise RecordsError(_("{reasons}; nothing was written").format(
                               reasons="; ".join(e.message for e in refused)),
                           hint=refused[0].hint)
    extra_paths = {name: folder / name for name in extra}
    for name, data in extra.items():
        record = registry.documents.get(Path(name).stem) if name.endswith(".pdf") else None
        signature = record.signature() if record else None
        if (record is not None and signature is not None and signature.pdf_sha256
                and reg.sha256(data) != signature.pdf_sha256 and not amend):
            raise _frozen_error(alliance_id, Path(name).stem, record, signature)
        if _read(folder / name) != data:
            to_write[folder / name] = data
    registry_changed = new_registry != registry
    if registry_changed:
        to_write[registry_file] = reg.dumps(new_registry).encode("utf-8")
    if not to_write:
        return DocumentsResult(alliance_id, documents, extra_paths, None,
                               notices=writer.notices)
    revised = [d for d in documents.values() if d.changed]
    subject = _subject(alliance_id, revised, [p.name for p in to_write
                                              if p.parent == folder and p.suffix != ".docx"])
    trailers: list[tuple[str, str]] = [("Pbctl-Alliance", alliance_id)]
    for outcome in revised:
        trailers += [("Pbctl-Document", outcome.kind), ("Pbctl-Revision", str(outcome.revision))]
        if outcome.amends:
            trailers.append(("Pbctl-Amends", f"{outcome.kind} r{outcome.amends}"))
    writer.record_source(workspace, alliance_id, "render")
    sha = writer.record(Change(dict(to_write), subject, message=message, trailers=trailers))
    return DocumentsResult(alliance_id, documents, extra_paths, sha, notices=writer.notices)


def _subject(alliance_id: str, revised: list[DocumentOutcome], extra: list[str]) -> str:
    parts = []
    for outcome in revised:
        text = f"{outcome.kind} r{outcome.revision}"
        if outcome.amends:
            text += f" (amends signed r{outcome.amends})"
        parts.append(text)
    if not parts:
        parts = sorted(extra) or ["documents"]
    return f"render({alliance_id}): {', '.join(parts)}"
