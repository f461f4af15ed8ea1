"""Numbered joint meetings and joint activities: validate, number, write, commit.

The number is assigned under the workspace lock (one more than the highest file name), the
record is validated against the alliance with the same file:line:field messages as
``pbctl check``, and only then written (atomically) and committed: an invalid record writes
nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal, NamedTuple

from pbctl import constants as C
from pbctl.definition import numbering, yamlio
from pbctl.definition.model import Activity, Alliance, Meeting
from pbctl.definition.workspace import Workspace, display_path
from pbctl.definition.yamlio import Document
from pbctl.errors import ValidationError
from pbctl.i18n import _
from pbctl.records.store import Store
from pbctl.records.writing import Change, writing

RecordKind = Literal["meeting", "activity"]


class Logged(NamedTuple):
    path: Path
    record: Meeting | Activity
    #: the commit that recorded it; None outside a git workspace
    commit: str | None
    #: messages for the user (a stale lock taken over, an interrupted write recovered)
    notices: tuple[str, ...] = ()


def records_folder(workspace: Workspace, alliance_id: str, kind: RecordKind) -> Path:
    definition = workspace.resolve_alliance(alliance_id)
    return definition.parent / (C.MEETINGS_DIR if kind == "meeting" else C.ACTIVITIES_DIR)


def default_title(number: int) -> str:
    from pbctl.words import meeting_title

    return meeting_title(number, None)


def log_meeting(workspace: Workspace, alliance_id: str, data: dict[str, Any] | Document, *,
                message: str | None, today: dt.date | None = None) -> Logged:
    """Record the next joint meeting of ``alliance_id`` from ``data`` (built from flags) or a
    loaded YAML ``Document`` (a ``--file`` or the editor form, keeping its line numbers)."""
    return log_record(workspace, alliance_id, "meeting", data, message=message, today=today)


def log_activity(workspace: Workspace, alliance_id: str, data: dict[str, Any] | Document, *,
                 message: str | None, today: dt.date | None = None) -> Logged:
    """Record the next joint activity of ``alliance_id``."""
    return log_record(workspace, alliance_id, "activity", data, message=message, today=today)


def log_record(workspace: Workspace, alliance_id: str, kind: RecordKind,
               data: dict[str, Any] | Document, *, message: str | None,
               today: dt.date | None = None, group: str | None = None) -> Logged:
    """Record the next meeting or activity; with ``group``, the next meeting of that group
    (联组/专委会), numbered on its own in ``meetings/<group>-NNN.yaml``."""
    from pbctl.definition.loading import load_alliance, validate_record

    definition = workspace.resolve_alliance(alliance_id)
    folder = records_folder(workspace, alliance_id, kind)
    model: type[Meeting] | type[Activity] = Meeting if kind == "meeting" else Activity
    with writing(Store.open(workspace)) as writer:
        alliance = load_alliance(definition, display=display_path(definition))
        title = None
        given = (data.data if isinstance(data, Document) else data)
        if group is None and kind == "meeting" and isinstance(given, dict) \
                and isinstance(given.get("group"), str):
            group = given["group"]  # a --file naming its group
        if group is not None:
            title = _group_name(alliance, group, kind)
            number = numbering.next_group_number(folder, group)
            path = folder / numbering.group_file_name(group, number)
        else:
            number = numbering.next_number(folder)
            path = folder / numbering.file_name(number)
        doc = _numbered(data, number, kind, model, display_path(path), group=group,
                        group_name=title)
        record, problems = validate_record(doc, model, alliance, today)
        if record is None:
            raise ValidationError(problems)
        text = record_text(record)
        yamlio.check_readable(text, display_path(path))
        writer.record_source(workspace, alliance.id, "log")
        ref = f"{group}-{number}" if group else str(number)
        subject = f"log({alliance.id}): {kind} {ref}"
        trailers = [("Pbctl-Alliance", alliance.id), (f"Pbctl-{kind.title()}", ref)]
        sha = writer.record(Change({path: text}, subject, message=message,
                                   trailers=trailers))
    if not writer.recorded:
        return Logged(path, record, None)
    return Logged(path, record, sha, tuple(writer.notices))


def _group_name(alliance: Alliance, group: str, kind: RecordKind) -> str:
    from pbctl.definition.problems import suggest
    from pbctl.errors import PbctlError, UsageError

    if kind != "meeting":
        raise UsageError(_("--group is for meetings: a group's own meeting (联组会议)"))
    names = {g.id: g.name for g in alliance.groups}
    if group not in names:
        match = suggest(group, list(names))
        raise PbctlError(_("{alliance} has no group {group!r}").format(
                             alliance=alliance.id, group=group),
                         hint=_("did you mean {match!r}?").format(match=match) if match else
                         (_("group ids: {ids}").format(ids=", ".join(names)) if names
                          else _("the alliance has no groups")))
    return names[group]


def _numbered(data: dict[str, Any] | Document, number: int, kind: RecordKind,
              model: type[Meeting] | type[Activity], display: str, *,
              group: str | None = None, group_name: str | None = None) -> Document:
    """The record as a Document with its number (and group and default title) filled in."""
    from pbctl.words import group_meeting_title

    def title() -> str:
        return group_meeting_title(group_name, number) if group_name else default_title(number)

    if isinstance(data, Document):
        doc = data
        if not isinstance(doc.data, dict):
            return doc  # validation reports what it is
        given = doc.data.get("number")
        if given is not None and type(given) is not int:
            return doc  # not a whole number: validation says so, exactly as check does
        if given is not None and given != number:
            line, col = doc.position(("number",))
            raise ValidationError.single(
                doc.path, _("{given!r} is not the next {kind} number ({number})").format(
                    given=given, kind=kind, number=number), line=line,
                column=col, field="number",
                hint=_("leave 'number' out: pbctl numbers records in order"),
            )
        values = {"number": number, **{k: v for k, v in doc.data.items() if k != "number"}}
        if group is not None:
            values.setdefault("group", group)
        if kind == "meeting" and values.get("title") is None:
            values["title"] = title()
        return Document(doc.path, values, doc.positions, doc.key_positions)
    values = {"number": number, **{k: v for k, v in data.items() if k != "number"}}
    if group is not None:
        values["group"] = group
    if kind == "meeting" and values.get("title") is None:
        values["title"] = title()
    # in the order of the file that will be written, so the line numbers match it
    order = file_order(model)
    ordered = {k: values[k] for k in order if k in values}
    ordered.update((k, v) for k, v in values.items() if k not in ordered)
    return yamlio.loads(yamlio.dumps(ordered), display)


def record_text(record: Meeting | Activity) -> str:
    """The YAML written for a record: its keys in model order, defaults left out."""
    from pbctl.definition import yamlio

    data = record.model_dump(mode="python", exclude_defaults=True)
    return yamlio.dumps({k: data[k] for k in file_order(type(record)) if k in data})


#: The keys of a record file in the order a clerk reads them (the older keys keep their
#: places; the event body's keys sit beside their kin).
_ORDER = {
    "meeting": ("number", "group", "date", "end_date", "time", "end_time", "venue", "title",
                "chair", "host", "headcount", "attendees", "absent", "guests", "observers",
                "agenda", "topics", "speeches", "decisions", "summary", "recorder", "attachments"),
    "activity": ("number", "kind", "date", "end_date", "time", "end_time", "title", "venue",
                 "place", "host", "members", "headcount", "attendees", "guests", "agenda",
                 "speeches", "summary", "outcomes", "recorder", "attachments"),
}


def file_order(model: type[Meeting] | type[Activity]) -> list[str]:
    """The keys of a record file in order (any key not listed last, in model order)."""
    listed = _ORDER["meeting" if model is Meeting else "activity"]
    return [*listed, *(k for k in model.model_fields if k not in listed)]
