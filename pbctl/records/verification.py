"""``pbctl verify``: every signature checked against everything that records it.

A signature is held in five places, and each must agree with the others:

* the records entry (``records.yaml``: revision, date, sha256 of the .docx and its PDF, tag);
* the tag ``<alliance>/<doc>/signed-r<N>``: annotated, made by pbctl (its message carries the
  document, revision, date and sha256s), signed when the signer had a key (``git tag -v``);
* the tagged commit: in the history of HEAD, and the very commit that recorded this
  signature (a ``sign(<alliance>)`` commit that changed records.yaml, whose trailers name
  this document, revision and sha256);
* the file (and PDF) in the tagged commit;
* the file (and PDF) now, for the current revision.

A tag with no records entry (records rewritten, a sign commit dropped) is a problem too.
Read-only: no lock is taken, nothing is written (a journal left by a killed writer is
reported and left for the next writing command).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pbctl import constants as C
from pbctl.definition.workspace import Workspace, display_path
from pbctl.i18n import _
from pbctl.records import git
from pbctl.records import registry as reg
from pbctl.records.registry import sha256
from pbctl.records.signing import VerifyProblem, VerifyReport, require_store, tag_name
from pbctl.records.store import Store

_TRAILER = re.compile(r"^(Pbctl-[A-Za-z0-9-]+): (.*)$", re.MULTILINE)
_SIGNATURE_BLOCK = "-----BEGIN "


@dataclass(frozen=True)
class _Object:
    kind: str  # blob, commit, tag
    data: bytes


def _batch(store: Store, specs: list[str]) -> list[_Object | None]:
    """``git cat-file --batch`` for ``specs``: each object with its type, None if missing
    (or if the spec holds a line break, which the batch protocol cannot carry)."""
    asked = [s for s in specs if s and "\n" not in s]
    if not asked:
        return [None] * len(specs)
    data = git.run(store.toplevel, "cat-file", "--batch",
                   input="".join(f"{s}\n" for s in asked).encode()).stdout
    found: dict[str, _Object | None] = {}
    pos = 0
    for spec in asked:
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        pos = end + 1
        if len(header) == 3 and header[1] != b"missing":
            size = int(header[2])
            found[spec] = _Object(header[1].decode(), data[pos:pos + size])
            pos += size + 1
        else:
            found[spec] = None
    return [found.get(s) for s in specs]


def _batch_ids(store: Store, specs: list[str]) -> list[str | None]:
    """``git cat-file --batch-check``: the object id of each spec, None if missing (or if
    the spec is empty or holds a line break, which the batch protocol cannot carry)."""
    asked = [s for s in specs if s and "\n" not in s]
    if not asked:
        return [None] * len(specs)
    text = git.run(store.toplevel, "cat-file", "--batch-check",
                   input="".join(f"{s}\n" for s in asked).encode()).stdout.decode("ascii",
                                                                                  "replace")
    found: dict[str, str | None] = {}
    for spec, line in zip(asked, text.splitlines(), strict=True):
        parts = line.split()
        found[spec] = parts[0] if len(parts) == 3 and parts[1] != "missing" else None
    return [found.get(s) for s in specs]


def _changed(store: Store, commits: list[str], paths: list[str]) -> dict[str, set[str]]:
    """Of ``paths``, those each commit added or changed against its first parent (one
    ``git diff-tree`` for all; a merge or root commit changes none)."""
    text = git.run(store.toplevel, "diff-tree", "--stdin", "-r", "--", *paths,
                   input="".join(f"{c}\n" for c in commits).encode()).stdout.decode(
        "utf-8", "replace")
    out: dict[str, set[str]] = {}
    current: set[str] = set()
    for line in text.splitlines():
        if not line.startswith(":"):
            current = out.setdefault(line.strip(), set())
            continue
        meta, _tab, path = line.partition("\t")
        if meta.split()[-1][:1] in ("A", "M"):
            current.add(path)
    return out


def _split(obj: bytes) -> tuple[dict[str, str], str]:
    """Headers (first value of each) and message of a commit or tag object."""
    text = obj.decode("utf-8", "replace")
    head, _sep, message = text.partition("\n\n")
    headers: dict[str, str] = {}
    for line in head.splitlines():
        key, _sep, value = line.partition(" ")
        headers.setdefault(key, value)
    return headers, message


def _trailers(message: str) -> dict[str, str]:
    return {m.group(1): m.group(2).strip() for m in _TRAILER.finditer(message)}


@dataclass(frozen=True)
class _Signed:
    aid: str
    kind: str
    shown: str
    signature: reg.Signature
    docx: str  # path of the .docx relative to the git top level
    pdf: str
    registry: str
    current: bool


def check_signatures(workspace: Workspace, alliance_id: str | None = None, *,
                     strict: bool = False) -> VerifyReport:
    """Every signature of these alliances (default: all) checked; with ``strict`` also each
    current unsigned document against its recorded revision."""
    from pbctl.records import journal

    store = require_store(workspace)
    if alliance_id is not None:
        ids = [workspace.resolve_alliance(alliance_id).parent.name]
    else:
        ids = workspace.alliance_ids()
    report = VerifyReport()
    if journal.read(store.journal_path) is not None:
        report.notices.append(_("a pbctl command was interrupted here; the next writing "
                                "command will finish or undo it (verify only reads)"))
    signed: list[_Signed] = []
    recorded_tags: set[str] = set()
    #: By sha256, the git blob id of each file now whose sha256 matched its signature: the
    #: same file in a tagged commit is then known by its object id, without reading it back.
    matched: dict[str, str] = {}
    for aid in ids:
        alliance_dir = workspace.alliance_dir(aid)
        registry_file = reg.registry_path(alliance_dir)
        # Resolved once an alliance (resolving costs an lstat a path component, per file).
        alliance_rel = store.rel(alliance_dir)
        registry = reg.load(alliance_dir, display_path(registry_file))
        for kind, record in registry.documents.items():
            path = alliance_dir / C.DOCUMENTS_DIR / record.file
            shown = display_path(path)
            current = record.signature()
            if current is not None or strict:
                report.checked.append(f"{shown} r{record.revision}")
                _check_now(report, aid, kind, record, current, path, shown, matched)
            for signature in record.signed:
                recorded_tags.add(signature.tag)
                docx = f"{alliance_rel}/{C.DOCUMENTS_DIR}/{record.file}"
                signed.append(_Signed(aid, kind, shown, signature, docx,
                                      PurePosixPath(docx).with_suffix(".pdf").as_posix(),
                                      f"{alliance_rel}/{C.RECORDS_FILE}", signature is current))
        _unrecorded_tags(report, store, workspace, aid, recorded_tags)
    if signed:
        _check_tags(report, store, signed, matched)
    return report


def _problem(report: VerifyReport, item: _Signed, message: str) -> None:
    report.problems.append(VerifyProblem(item.aid, item.kind, item.shown, message))


def _check_now(report: VerifyReport, aid: str, kind: str, record: reg.DocumentRecord,
               signature: reg.Signature | None, path: Path, shown: str,
               matched: dict[str, str]) -> None:
    """The file (and signed PDF) now, against the signed (or recorded) revision."""
    expected = signature.sha256 if signature else record.sha256
    what = (_("signed revision r{revision} ({date})").format(
                revision=record.revision, date=signature.date.isoformat()) if signature
            else _("recorded revision r{revision}").format(revision=record.revision))
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        report.problems.append(VerifyProblem(aid, kind, shown, _(
            "is missing; expected the {what}").format(what=what)))
        return
    actual = sha256(data)
    if actual == expected:
        matched[actual] = _blob_id(data)
    else:
        report.problems.append(VerifyProblem(
            aid, kind, shown, _("differs from the {what}: sha256 {actual}…, recorded "
                                "{expected}…").format(what=what, actual=actual[:12],
                                                      expected=expected[:12])))
    if signature is not None and signature.pdf_sha256:
        pdf = path.with_suffix(".pdf")
        try:
            pdf_data = pdf.read_bytes()
        except FileNotFoundError:
            report.problems.append(VerifyProblem(
                aid, kind, shown, _("its signed PDF {path} is missing").format(
                    path=display_path(pdf))))
            return
        pdf_sha = sha256(pdf_data)
        if pdf_sha == signature.pdf_sha256:
            matched[pdf_sha] = _blob_id(pdf_data)
        else:
            report.problems.append(VerifyProblem(
                aid, kind, shown, _("its PDF {path} differs from the PDF signed on {date}: "
                                    "sha256 {actual}…, recorded {expected}…").format(
                    path=display_path(pdf), date=signature.date.isoformat(),
                    actual=pdf_sha[:12], expected=signature.pdf_sha256[:12])))


def _unrecorded_tags(report: VerifyReport, store: Store, workspace: Workspace, aid: str,
                     recorded: set[str]) -> None:
    """A signature tag that records.yaml does not list: the entry was removed or rewritten."""
    pattern = re.compile(rf"^{re.escape(aid)}/([a-z0-9][a-z0-9-]*)/signed-r([1-9][0-9]*)$")
    for name in git.tag_names(store.toplevel, f"{aid}/"):
        match = pattern.match(name)
        if match is None or name in recorded:
            continue
        kind = match.group(1)
        shown = display_path(workspace.documents_dir(aid) / f"{kind}.docx")
        report.problems.append(VerifyProblem(
            aid, kind, shown, _("the tag {tag} says r{revision} was signed, but records.yaml "
                                "has no such signature (removed or rewritten?)").format(
                tag=name, revision=match.group(2))))


def _check_tags(report: VerifyReport, store: Store, signed: list[_Signed],
                matched: dict[str, str]) -> None:
    tags = _batch(store, [f"refs/tags/{item.signature.tag}" for item in signed])
    commits: dict[int, str] = {}
    for i, (item, tag) in enumerate(zip(signed, tags, strict=True)):
        sig = item.signature
        label = f"{item.shown} r{sig.revision}"
        if label not in report.checked:
            report.checked.append(label)
        expected = tag_name(item.aid, item.kind, sig.revision)
        if sig.tag != expected:
            _problem(report, item, _("records.yaml names the tag {tag} for r{revision}; pbctl "
                                     "tags it {expected}").format(
                tag=sig.tag, revision=sig.revision, expected=expected))
            continue
        if tag is None:
            _problem(report, item, _("the tag {tag} of signed r{revision} is missing").format(
                tag=sig.tag, revision=sig.revision))
            continue
        if tag.kind != "tag":
            _problem(report, item, _("the tag {tag} is not the annotated tag pbctl makes (a "
                                     "lightweight tag, made by hand?)").format(tag=sig.tag))
            continue
        headers, message = _split(tag.data)
        if headers.get("tag") != sig.tag or headers.get("type") != "commit":
            _problem(report, item, _("the tag {tag} is a copy of another tag ({other})").format(
                tag=sig.tag, other=headers.get("tag", "?")))
            continue
        said = _tag_says(message)
        wanted = {"Pbctl-Document": item.kind, "Pbctl-Revision": str(sig.revision),
                  "Pbctl-Sha256": sig.sha256, "Pbctl-Signed": sig.date.isoformat()}
        if sig.pdf_sha256 or said.get("Pbctl-Pdf-Sha256"):
            wanted["Pbctl-Pdf-Sha256"] = sig.pdf_sha256 or ""
        differ = [key.removeprefix("Pbctl-").lower() for key, value in wanted.items()
                  if said.get(key, value if key == "Pbctl-Signed" else None) != value]
        if differ:
            _problem(report, item, _("the tag {tag} and records.yaml disagree on {fields} "
                                     "(records rewritten?)").format(
                tag=sig.tag, fields=", ".join(differ)))
            continue
        if _SIGNATURE_BLOCK in message:
            failed = git.verify_tag(store.toplevel, sig.tag)
            if failed is not None:
                _problem(report, item, _("the signature of the tag {tag} does not verify: "
                                         "{reason}").format(tag=sig.tag, reason=failed))
                continue
        commits[i] = headers.get("object", "")
    if not commits:
        return
    history = git.ancestors(store.toplevel)
    changed = _changed(store, list(commits.values()), sorted({i.registry for i in signed}))
    checks: list[str] = []
    for i, commit in commits.items():
        item = signed[i]
        checks += [f"{commit}:{item.docx}", f"{commit}:{item.pdf}" if item.signature.pdf_sha256
                   else ""]
    ids = _batch_ids(store, checks)
    # A file whose bytes now matched the signature is known in the tagged commit by its object
    # id (git names a blob by the hash of its content); any other is read and hashed.
    fetch: list[str] = []
    for n, (i, commit) in enumerate(commits.items()):
        item = signed[i]
        fetch.append(commit)
        docx_id, pdf_id = ids[2 * n:2 * n + 2]
        if not _known(matched, item.signature.sha256, docx_id):
            fetch.append(f"{commit}:{item.docx}")
        if item.signature.pdf_sha256 and not _known(matched, item.signature.pdf_sha256, pdf_id):
            fetch.append(f"{commit}:{item.pdf}")
    objects = dict(zip(fetch, _batch(store, fetch), strict=True))
    for n, (i, commit) in enumerate(commits.items()):
        item = signed[i]
        sig = item.signature
        docx_id, pdf_id = ids[2 * n:2 * n + 2]
        if commit not in history:
            _problem(report, item, _("the tag {tag} points at a commit outside this branch's "
                                     "history (moved, or the sign commit was dropped)").format(
                tag=sig.tag))
            continue
        commit_obj = objects[commit]
        subject, _sep, body = (_split(commit_obj.data)[1] if commit_obj else "").partition("\n")
        trailers = _trailers(body)
        if (item.registry not in changed.get(commit, ())
                or not subject.startswith(f"sign({item.aid}): ")
                or trailers.get("Pbctl-Document") != item.kind
                or trailers.get("Pbctl-Revision") != str(sig.revision)
                or trailers.get("Pbctl-Sha256") != sig.sha256):
            _problem(report, item, _("the tag {tag} does not point at the commit that recorded "
                                     "this signature (moved or re-made?)").format(tag=sig.tag))
            continue
        if docx_id is None:
            _problem(report, item, _("the tagged commit {tag} does not hold {path}").format(
                tag=sig.tag, path=item.docx))
        elif not _holds(objects, f"{commit}:{item.docx}", sig.sha256):
            _problem(report, item, _("the file in the tagged commit {tag} differs from what was "
                                     "signed on {date} (r{revision})").format(
                tag=sig.tag, date=sig.date.isoformat(), revision=sig.revision))
        if sig.pdf_sha256 and (pdf_id is None
                               or not _holds(objects, f"{commit}:{item.pdf}", sig.pdf_sha256)):
            _problem(report, item, _("the PDF in the tagged commit {tag} differs from the signed "
                                     "one").format(tag=sig.tag))


def _blob_id(data: bytes) -> str:
    """The id git gives a blob of ``data`` (SHA-1 object format)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _known(matched: dict[str, str], digest: str, object_id: str | None) -> bool:
    """Whether the blob ``object_id`` holds the bytes already found to have ``digest`` (a
    SHA-256 repository's ids are never taken on trust: its blobs are read back)."""
    return object_id is not None and matched.get(digest) == object_id


def _holds(objects: dict[str, _Object | None], spec: str, digest: str) -> bool:
    """Whether ``spec`` was vouched for by its id (not fetched) or its bytes have ``digest``."""
    if spec not in objects:
        return True
    blob = objects[spec]
    return blob is not None and sha256(blob.data) == digest


def _tag_says(message: str) -> dict[str, str]:
    """What a pbctl tag message says (trailers; older tags: the ``sha256 X`` line)."""
    said = _trailers(message)
    for line in message.splitlines():
        if line.startswith("sha256 ") and "Pbctl-Sha256" not in said:
            said["Pbctl-Sha256"] = line.split(" ", 1)[1].strip()
    first = message.splitlines()[0].split() if message.strip() else []
    if len(first) >= 3 and "Pbctl-Document" not in said:
        said["Pbctl-Document"] = first[1]
        said["Pbctl-Revision"] = first[2].removeprefix("r")
    return said
