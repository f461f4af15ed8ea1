"""``pbctl attach``: copy evidence (photos, scanned sign-in sheets …) into the alliance's
``attachments/<kind>-<N>/`` and list it in the record, as one revision."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pbctl.definition.workspace import Workspace, display_path
from pbctl.errors import PbctlError
from pbctl.i18n import _

#: Larger files are refused: git keeps every version of them forever.
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ATTACHMENTS_DIR = "attachments"


@dataclass(frozen=True)
class Attached:
    record: Path
    files: list[Path]
    commit: str | None


def _target(folder: Path, source: Path, data: bytes) -> Path | None:
    """Where ``source`` goes in ``folder``: its own name, or name-2 … if another file has
    that name; None if the very same file is already there."""
    candidate = folder / source.name
    n = 1
    while candidate.exists():
        if candidate.read_bytes() == data:
            return None
        n += 1
        candidate = folder / f"{source.stem}-{n}{source.suffix}"
    return candidate


def attach(workspace: Workspace, alliance_id: str, record_kind: str, number: int,
           files: list[Path], *, caption: str | None, message: str | None) -> Attached:
    """Copy ``files`` under ``alliances/<id>/attachments/<kind>-<N>/`` and add them to the
    record's ``attachments``, in one revision. Nothing is written if any file is refused."""
    from pbctl.definition import yamlio
    from pbctl.definition.loading import load_alliance, validate_record
    from pbctl.definition.model import Activity, Meeting
    from pbctl.errors import ValidationError
    from pbctl.records.api import record_files
    from pbctl.records.event_documents import load_event

    definition = workspace.resolve_alliance(alliance_id)
    alliance = load_alliance(definition, display=display_path(definition))
    event = load_event(alliance, definition, record_kind, number)
    folder_name = "meetings" if record_kind == "meeting" else "activities"
    record_path = next(p for p in (definition.parent / folder_name).glob("*.yaml")
                       if p.stem.isdigit() and int(p.stem) == event.number)
    target_dir = definition.parent / ATTACHMENTS_DIR / f"{record_kind}-{number}"
    if not files:
        raise PbctlError(_("no file to attach"), hint=_("give one or more files"))
    payload: dict[Path, str | bytes] = {}
    entries: list[dict[str, str]] = []
    for source in files:
        if not source.is_file():
            raise PbctlError(_("{path}: no such file").format(path=source))
        size = source.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise PbctlError(
                _("{path}: {size:.1f} MiB is over the 20 MiB limit").format(
                    path=source, size=size / 1024 / 1024),
                hint=_("git is a poor home for video: keep it on a shared drive and add "
                       "{{url, caption}} to the record's attachments instead"))
        data = source.read_bytes()
        target = _target(target_dir, source, data)
        if target is None or target in payload:
            continue
        payload[target] = data
        rel = target.relative_to(definition.parent).as_posix()
        entry = {"file": rel}
        if caption:
            entry["caption"] = caption
        entries.append(entry)
    if not entries:
        raise PbctlError(_("these files are already attached"))
    text = record_path.read_text(encoding="utf-8-sig")
    doc = yamlio.loads(text, display_path(record_path))
    data_map = dict(doc.data) if isinstance(doc.data, dict) else {}
    if "attachments" not in data_map:
        new_text = text + ("" if text.endswith("\n") else "\n") + yamlio.dumps(
            {"attachments": entries})
    else:
        data_map["attachments"] = [*(data_map["attachments"] or []), *entries]
        new_text = yamlio.dumps(data_map)
    model = Meeting if record_kind == "meeting" else Activity
    checked, problems = validate_record(yamlio.loads(new_text, display_path(record_path)),
                                        model, alliance)
    if checked is None:
        raise ValidationError(problems)
    payload[record_path] = new_text
    subject = f"attach({alliance.id}): {record_kind} {number}, {len(entries)} file(s)"
    sha = record_files(workspace, payload, subject, message=message,
                       trailers={"Pbctl-Alliance": alliance.id,
                                 f"Pbctl-{record_kind.title()}": str(number)})
    return Attached(record_path, [p for p in payload if p != record_path], sha)
