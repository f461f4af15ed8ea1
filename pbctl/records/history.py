"""The revisions of an alliance's documents and definition, and the text diff between two.

Document revisions are read from the ``Pbctl-Document``/``Pbctl-Revision`` trailers of the
commits that touched the file; the definition's revisions are its commits, numbered from the
oldest. Signed flags come from ``records.yaml``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from pbctl import constants as C
from pbctl.definition.workspace import Workspace
from pbctl.errors import RecordsError
from pbctl.i18n import _
from pbctl.records import registry as reg
from pbctl.records.signing import require_store
from pbctl.records.store import Store

DEFINITION = "alliance"
DEFINITION_NAMES = ("alliance", "definition")
_TRAILER = re.compile(r"^([A-Za-z][A-Za-z0-9-]*): (.*)$")
_FORMAT = "%x1e%H%x1f%ct%x1f%aI%x1f%an%x1f%s%x1f%b"


@dataclass(frozen=True)
class Revision:
    document: str
    #: None for a commit that changed the file without pbctl (no trailer)
    revision: int | None
    commit: str
    timestamp: int
    date: str
    author: str
    subject: str
    reason: str | None
    signed: bool = False
    signed_date: str | None = None
    tag: str | None = None
    path: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class _Entry:
    commit: str
    timestamp: int
    date: str
    author: str
    subject: str
    reason: str | None
    trailers: list[tuple[str, str]]


def split_trailers(body: str) -> tuple[str | None, list[tuple[str, str]]]:
    """A commit body → (reason, trailers): the trailers are its last paragraph when every
    line of it is ``Key: value`` and one of the keys is pbctl's."""
    paragraphs = [p.strip("\n") for p in body.strip().split("\n\n") if p.strip()]
    trailers: list[tuple[str, str]] = []
    if paragraphs:
        matches = [_TRAILER.match(line) for line in paragraphs[-1].splitlines()]
        if matches and all(matches) and any(m and m.group(1).startswith("Pbctl-")
                                            for m in matches):
            trailers = [(m.group(1), m.group(2).strip()) for m in matches if m]
            paragraphs.pop()
    reason = "\n\n".join(paragraphs).strip() or None
    return reason, trailers


def _log(store: Store, rel: str) -> list[_Entry]:
    text = store.git("log", f"--format={_FORMAT}", "--", rel)
    entries = []
    for chunk in text.split("\x1e"):
        if not chunk.strip():
            continue
        commit, ts, date, author, subject, body = chunk.split("\x1f", 5)
        reason, trailers = split_trailers(body)
        entries.append(_Entry(commit.strip(), int(ts), date, author, subject, reason, trailers))
    return entries


def revision_of(trailers: list[tuple[str, str]], kind: str) -> int | None:
    """The ``Pbctl-Revision`` that follows ``Pbctl-Document: kind`` in ``trailers``."""
    current = None
    for key, value in trailers:
        if key == "Pbctl-Document":
            current = value
        elif key == "Pbctl-Revision" and current == kind and value.isdigit():
            return int(value)
    return None


def _document_revisions(store: Store, alliance_dir: Path, registry: reg.Registry,
                        kind: str) -> list[Revision]:
    record = registry.documents.get(kind)
    path = alliance_dir / C.DOCUMENTS_DIR / (record.file if record else f"{kind}.docx")
    rel = store.rel(path)
    out = []
    for e in _log(store, rel):
        number = revision_of(e.trailers, kind)
        signature = record.signature(number) if record and number else None
        out.append(Revision(
            kind, number, e.commit, e.timestamp, e.date, e.author, e.subject, e.reason,
            signature is not None, signature.date.isoformat() if signature else None,
            signature.tag if signature else None, rel,
        ))
    return out


def _definition_revisions(store: Store, alliance_dir: Path) -> list[Revision]:
    rel = store.rel(alliance_dir / C.ALLIANCE_FILE)
    entries = _log(store, rel)
    return [
        Revision(DEFINITION, len(entries) - i, e.commit, e.timestamp, e.date, e.author,
                 e.subject, e.reason, path=rel)
        for i, e in enumerate(entries)
    ]


def history(workspace: Workspace, alliance_id: str, doc: str | None = None) -> list[Revision]:
    """Revisions, newest first: of ``doc`` (a document kind, or ``alliance`` for the
    definition), or of the definition and every recorded document."""
    store = require_store(workspace)
    alliance_dir = workspace.resolve_alliance(alliance_id).parent
    registry = reg.load(alliance_dir)
    if doc in DEFINITION_NAMES:
        return _definition_revisions(store, alliance_dir)
    if doc is not None:
        kind = reg.check_kind(doc)
        revisions = _document_revisions(store, alliance_dir, registry, kind)
        if not revisions and kind not in registry.documents:
            known = ", ".join(registry.documents) or _("none yet")
            raise RecordsError(_("{alliance} has no revisions of {kind!r} (documents: {known})"
                                 ).format(alliance=alliance_dir.name, kind=kind, known=known),
                               hint=_("'{definition}' shows the definition's revisions").format(
                                   definition=DEFINITION))
        return revisions
    revisions = _definition_revisions(store, alliance_dir)
    for kind in registry.documents:
        revisions += _document_revisions(store, alliance_dir, registry, kind)
    return sorted(revisions, key=lambda r: r.timestamp, reverse=True)


def _parse_rev(value: str) -> int:
    text = value.strip().lower().removeprefix("r")
    if not text.isdigit() or int(text) < 1:
        raise RecordsError(_("{value!r} is not a revision").format(value=value),
                           hint=_("write it as r3 (or 3)"))
    return int(text)


def diff(workspace: Workspace, alliance_id: str, doc: str, rev_a: str | None = None,
         rev_b: str | None = None) -> str:
    """The unified text diff between two revisions of ``doc`` (default: the last two; with
    one revision given, that one against the latest). Empty when they read the same."""
    from pbctl.records.textconv import docx_text

    store = require_store(workspace)
    revisions = history(workspace, alliance_id, doc)
    by_number: dict[int, Revision] = {}
    for rev in revisions:  # newest first: keep the latest commit of each number
        if rev.revision is not None:
            by_number.setdefault(rev.revision, rev)
    numbers = sorted(by_number)
    label = DEFINITION if doc in DEFINITION_NAMES else doc
    if not numbers:
        raise RecordsError(_("{document} has no recorded revisions").format(document=label))
    b = _parse_rev(rev_b) if rev_b is not None else numbers[-1]
    if rev_a is not None:
        a = _parse_rev(rev_a)
    else:
        earlier = [n for n in numbers if n < b]
        if not earlier:
            raise RecordsError(_("{document} has only r{revision}; there is nothing to compare "
                                 "it with").format(document=label, revision=b))
        a = earlier[-1]
    for number in (a, b):
        if number not in by_number:
            raise RecordsError(_("{document} has no revision r{revision}").format(
                                   document=label, revision=number),
                               hint=_("revisions: {revisions}").format(
                                   revisions=", ".join(f"r{n}" for n in numbers)))
    old, new = (by_number[a], by_number[b])
    blobs = store.read_blobs([f"{old.commit}:{old.path}", f"{new.commit}:{new.path}"])
    texts = []
    for rev, blob in zip((old, new), blobs, strict=True):
        data = blob or b""
        texts.append(data.decode("utf-8", "replace") if label == DEFINITION
                     else docx_text(data, f"{rev.path} r{rev.revision}"))
    lines = difflib.unified_diff(
        texts[0].splitlines(), texts[1].splitlines(), fromfile=f"{label} r{a}",
        tofile=f"{label} r{b}", lineterm="",
    )
    out = "\n".join(lines)
    return out + "\n" if out else ""
