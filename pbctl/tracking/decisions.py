"""Mark a decision (议定事项) carried out: ``done: {date, note}`` in its meeting file.

The file is edited in place where it is plain block-style YAML (comments and layout kept),
else rewritten with its keys in order; either way the result is re-read and validated
before it replaces the old file atomically. In a git workspace the change is one commit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pbctl.errors import PbctlError, ValidationError, WorkspaceError
from pbctl.i18n import _, ngettext

if TYPE_CHECKING:
    from pbctl.definition.workspace import Workspace
    from pbctl.definition.yamlio import Document

_REF = re.compile(r"(\d+)\.(\d+)\Z")


def parse_ref(ref: str) -> tuple[int, int]:
    """``3.2`` → (meeting 3, decision 2); ValueError otherwise."""
    match = _REF.match(ref.strip())
    if not match or int(match.group(1)) < 1 or int(match.group(2)) < 1:
        raise ValueError(_("expected MEETING.DECISION, e.g. 3.2 (meeting 3, decision 2), "
                           "got {ref!r}").format(ref=ref))
    return int(match.group(1)), int(match.group(2))


@dataclass(frozen=True)
class DoneResult:
    alliance_id: str
    meeting: int
    index: int
    text: str
    path: Path
    date: dt.date
    note: str | None
    previous: dt.date | None  # the date it was marked done before, if it was
    changed: bool  # False: it was already marked so; nothing written
    committed: bool  # a commit was made (a git workspace with the records layer)

    @property
    def subject(self) -> str:
        return commit_subject(self.alliance_id, self.meeting, self.index)


def commit_subject(alliance_id: str, meeting: int, index: int) -> str:
    return f"done({alliance_id}): meeting {meeting} decision {index}"


def mark_done(workspace: Workspace, alliance_id: str, meeting: int, index: int, *,
              date: dt.date, note: str | None = None, message: str | None = None,
              today: dt.date | None = None) -> DoneResult:
    """Set ``done`` on decision ``index`` (1-based) of meeting ``meeting``; commit it.

    In a git workspace this runs under the workspace lock and ends in one commit holding
    only the meeting file. Raises WorkspaceError for an unknown meeting or decision and
    PbctlError for a date before the meeting or in the future; nothing is written then.
    """
    from pbctl.fsutil import atomic_write
    from pbctl.records.store import Store

    today = today or dt.date.today()
    store = Store.open(workspace)
    if store is None:
        result, text = _prepare(workspace, alliance_id, meeting, index, date=date, note=note,
                                today=today)
        if text is not None:
            atomic_write(result.path, text)
        return result
    with store.lock():
        result, text = _prepare(workspace, alliance_id, meeting, index, date=date, note=note,
                                today=today)
        if text is None:
            return result
        trailers = {"Pbctl-Alliance": result.alliance_id, "Pbctl-Decision": f"{meeting}.{index}"}
        with store.transaction([result.path], result.subject):
            atomic_write(result.path, text)
            sha = store.commit([result.path], result.subject, body=message, trailers=trailers)
        return dataclasses.replace(result, committed=sha is not None)


def _prepare(workspace: Workspace, alliance_id: str, meeting: int, index: int, *,
             date: dt.date, note: str | None, today: dt.date) -> tuple[DoneResult, str | None]:
    """The result and the new file text (None when it is already marked so)."""
    from pbctl.definition import yamlio
    from pbctl.definition.loading import validate_record
    from pbctl.definition.model import Meeting
    from pbctl.definition.workspace import display_path
    from pbctl.tracking.records import load_alliance_records

    records = load_alliance_records(workspace, alliance_id, today=today)
    record = records.meeting(meeting)
    if record is None:
        held = _(", ").join(str(m.number) for m in records.meetings) or _("none yet")
        raise WorkspaceError(_("{id} has no meeting {n}").format(id=records.id, n=meeting),
                             hint=_("meetings recorded: {held}").format(held=held))
    if not 1 <= index <= len(record.decisions):
        count = len(record.decisions)
        raise WorkspaceError(
            _("meeting {n} of {id} has no decision {index}").format(
                n=meeting, id=records.id, index=index),
            hint=ngettext("it has {n} decision", "it has {n} decisions", count).format(n=count)
            if count else _("it recorded no decisions"))
    if date < record.date:
        raise PbctlError(_("{date} is before meeting {n} itself ({held})").format(
            date=date.isoformat(), n=meeting, held=record.date.isoformat()))
    if date > today:
        raise PbctlError(_("{date} is in the future").format(date=date.isoformat()),
                         hint=_("mark a decision done once it is carried out"))
    decision = record.decisions[index - 1]
    previous = decision.done
    path = records.meeting_files[meeting]
    result = DoneResult(records.id, meeting, index, decision.text, path, date, note,
                        previous.date if previous else None, changed=False, committed=False)
    if previous is not None and previous.date == date and previous.note == note:
        return result, None
    shown = display_path(path)
    doc = yamlio.load(path, shown)
    done: dict[str, Any] = {"date": date.isoformat()}
    if note:
        done["note"] = note
    expected = json.loads(json.dumps(doc.data))
    expected["decisions"][index - 1]["done"] = done
    text = path.read_text(encoding="utf-8-sig")
    new_text = _insert_done(text, doc, index - 1, done)
    if new_text is None or yamlio.loads(new_text, shown).data != expected:
        new_text = yamlio.dumps(expected)
    checked, problems = validate_record(yamlio.loads(new_text, shown), Meeting,
                                        records.alliance, today)
    if checked is None:
        raise ValidationError(problems)
    return dataclasses.replace(result, changed=True), new_text


def _insert_done(text: str, doc: Document, index: int, done: dict[str, Any]) -> str | None:
    """Insert ``done:`` at the end of a block-style decision mapping; None if not simple."""
    loc = ("decisions", index)
    if loc not in doc.positions or (*loc, "done") in doc.key_positions:
        return None
    start_line, col = doc.positions[loc]
    lines = text.splitlines(keepends=True)
    if start_line > len(lines) or "{" in lines[start_line - 1][: col]:
        return None
    later = [line for key, (line, _) in [*doc.positions.items(), *doc.key_positions.items()]
             if line > start_line and key[:2] != loc]
    end = min(later, default=len(lines) + 1) - 1  # last line before the next node
    while end > start_line and (not lines[end - 1].strip()
                                or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    newline = "\r\n" if lines[start_line - 1].endswith("\r\n") else "\n"
    pad = " " * (col - 1)
    block = [f"{pad}done:{newline}", f"{pad}  date: {done['date']}{newline}"]
    if "note" in done:
        block.append(f"{pad}  note: {json.dumps(done['note'], ensure_ascii=False)}{newline}")
    if lines[end - 1] and not lines[end - 1].endswith("\n"):
        lines[end - 1] += newline
    return "".join(lines[:end] + block + lines[end:])
