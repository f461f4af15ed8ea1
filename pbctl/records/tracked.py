"""One ``done`` for everything tracked: a decision (``3.2``), a plan item (``plan.2025.3``)
or a list item (``needs.4``) gets ``done: {date, note}`` in its file.

Marking something already done is refused unless ``force``; then the earlier date and note
are kept in ``done.history``. The file is edited in place where it is plain block-style YAML
(comments kept) and the first ``done`` is added, else rewritten with its keys in order; the
result is validated before it replaces the old file, as one commit.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pbctl.definition.workspace import Workspace
from pbctl.definition.yamlio import Document, PathKey
from pbctl.errors import PbctlError, ValidationError, WorkspaceError, quoted
from pbctl.i18n import _, ngettext

#: a decision of a group's meeting: ``ruanjian-2.1``
_GROUP_DECISION = re.compile(r"^([a-z0-9][a-z0-9-]*?)-(\d+)\.(\d+)$")


def is_group_decision(ref: str) -> bool:
    """``ruanjian-2.1``: decision 1 of group ruanjian's meeting 2."""
    return _GROUP_DECISION.match(ref.strip()) is not None


@dataclass(frozen=True)
class TrackedDone:
    """What ``mark_done`` did."""

    alliance_id: str
    ref: str
    kind: str  # decision, plan, resources, services, needs
    text: str
    path: Path
    date: dt.date
    note: str | None
    previous: dt.date | None  # the date it was marked done before (--force), if it was
    committed: bool

    @property
    def subject(self) -> str:
        return tracked_subject(self.alliance_id, self.ref, self.kind)


def tracked_subject(alliance_id: str, ref: str, kind: str) -> str:
    if kind == "decision":
        meeting, index = ref.split(".")
        return f"done({alliance_id}): meeting {meeting} decision {index}"
    if kind == "plan":
        return f"done({alliance_id}): plan item {ref}"
    return f"done({alliance_id}): list item {ref}"


@dataclass
class _Target:
    path: Path
    loc: PathKey  # of the item's mapping in the file
    text: str
    done: dict[str, Any] | None
    earliest: dt.date | None
    earliest_what: str
    validate: Any  # Callable[[Document], list[Problem]]


def _locate(workspace: Workspace, alliance_id: str, kind: str, major: int, minor: int,
            group: str | None = None) -> tuple[str, _Target]:
    from pbctl import constants as C
    from pbctl.definition import plan as P
    from pbctl.definition import yamlio
    from pbctl.definition.loading import load_alliance, validate_record
    from pbctl.definition.model import Meeting
    from pbctl.definition.numbering import group_number_of, number_of
    from pbctl.definition.workspace import display_path

    source = workspace.resolve_alliance(alliance_id)
    alliance = load_alliance(source, display=display_path(source))
    folder = source.parent
    if kind == "decision":
        meetings = folder / C.MEETINGS_DIR
        files: dict[Any, Path] = {}
        for p in (meetings.glob("*.y*ml") if meetings.is_dir() else ()):
            files[group_number_of(p.name) if group else number_of(p.name)] = p
        path = files.get((group, major) if group else major)
        name = f"{group}-{major}" if group else str(major)
        if path is None:
            held = ", ".join(f"{k[0]}-{k[1]}" if group else str(k)
                             for k in sorted(k for k in files if k and (
                                 not group or k[0] == group))) or _("none yet")
            raise WorkspaceError(_("{alliance} has no meeting {number}").format(
                                     alliance=alliance.id, number=name),
                                 hint=_("meetings recorded: {numbers}").format(numbers=held))
        doc = yamlio.load(path, display_path(path))
        record, problems = validate_record(doc, Meeting, alliance, path=path)
        if record is None:
            raise ValidationError(problems)
        assert isinstance(record, Meeting)
        if not 1 <= minor <= len(record.decisions):
            count = len(record.decisions)
            raise WorkspaceError(
                _("meeting {number} of {alliance} has no decision {decision}").format(
                    number=name, alliance=alliance.id, decision=minor),
                hint=ngettext("it has {count} decision", "it has {count} decisions",
                              count).format(count=count) if count
                else _("it recorded no decisions"))
        decision = doc.data["decisions"][minor - 1]

        def check_meeting(new: Document) -> list[Any]:
            return validate_record(new, Meeting, alliance, path=path)[1]

        return alliance.id, _Target(path, ("decisions", minor - 1), record.decisions[
            minor - 1].text, decision.get("done"), record.date,
            _("meeting {number} itself ({date})").format(number=name,
                                                         date=record.date.isoformat()),
            check_meeting)
    if kind == "plan":
        path = P.plan_path(folder, major)
        if not path.is_file():
            raise WorkspaceError(_("{alliance} has no plan for {year}").format(
                                     alliance=alliance.id, year=major),
                                 hint=_("write one with '{command}'").format(
                                     command=f"pbctl plan new {alliance.id} {major}"))
        doc = yamlio.load(path, display_path(path))
        plan, problems = P.validate_plan(doc, alliance, path=path)
        if plan is None:
            raise ValidationError(problems)
        if not 1 <= minor <= len(plan.items):
            raise WorkspaceError(_("the {year} plan of {alliance} has no item {item}").format(
                                     year=major, alliance=alliance.id, item=minor),
                                 hint=ngettext("it has {count} item", "it has {count} items",
                                               len(plan.items)).format(count=len(plan.items)))

        def check_plan(new: Document) -> list[Any]:
            return P.validate_plan(new, alliance, path=path)[1]

        return alliance.id, _Target(path, ("items", minor - 1), plan.items[minor - 1].text,
                                    doc.data["items"][minor - 1].get("done"),
                                    dt.date(major, 1, 1),
                                    _("the plan's year {year}").format(year=major), check_plan)
    path = P.lists_path(folder)
    lists = P.load_lists(folder, alliance)
    items = lists.items(kind)
    if not 1 <= minor <= len(items):
        raise WorkspaceError(_("{alliance} has no item {item}").format(
                                 alliance=alliance.id, item=f"{kind}.{minor}"),
                             hint=ngettext("the {kind} list has {count} item",
                                           "the {kind} list has {count} items",
                                           len(items)).format(kind=kind, count=len(items)))
    doc = yamlio.load(path, display_path(path))
    item = items[minor - 1]

    def check_lists(new: Document) -> list[Any]:
        return P.validate_lists(new, alliance)[1]

    return alliance.id, _Target(path, (kind, minor - 1), item.text,
                                doc.data[kind][minor - 1].get("done"), item.raised,
                                _("it was raised ({date})").format(
                                    date=item.raised.isoformat()), check_lists)


def mark_done(workspace: Workspace, alliance_id: str, ref: str, *, date: dt.date,
              note: str | None = None, force: bool = False, message: str | None = None,
              today: dt.date | None = None) -> TrackedDone:
    """Mark ``ref`` (``3.2``, ``plan.2025.3``, ``needs.4``) done on ``date``; one commit.

    Raises PbctlError (nothing written) for a bad reference, a date in the future or before
    the thing itself, or something already done without ``force``.
    """
    from pbctl.definition import yamlio
    from pbctl.definition.plan import parse_tracked_ref

    today = today or dt.date.today()
    group = None
    group_ref = _GROUP_DECISION.match(ref.strip())
    if group_ref and int(group_ref.group(2)) >= 1 and int(group_ref.group(3)) >= 1:
        kind, group = "decision", group_ref.group(1)  # ruanjian-2.1: a group meeting's
        major, minor = int(group_ref.group(2)), int(group_ref.group(3))
    else:
        try:
            kind, major, minor = parse_tracked_ref(ref)
        except ValueError as exc:
            raise PbctlError(str(exc)) from None
    canonical = f"{major}.{minor}" if kind == "decision" else (
        f"plan.{major}.{minor}" if kind == "plan" else f"{kind}.{minor}")
    if group is not None:
        canonical = f"{group}-{canonical}"
    from pbctl.records.store import Store
    from pbctl.records.writing import Change, writing

    with writing(Store.open(workspace)) as writer:  # read, decide and write under the lock
        found_id, target = _locate(workspace, alliance_id, kind, major, minor, group)
        previous = target.done
        if previous is not None and not force:
            earlier = str(previous.get("date"))
            if previous.get("note"):
                earlier += _(" (note {note})").format(note=quoted(str(previous['note'])))
            raise PbctlError(_("{item} of {alliance} is already marked done on {date}").format(
                                 item=canonical, alliance=found_id, date=earlier),
                             hint=_("use --force to replace it (the earlier date and note are "
                                    "kept in done.history)"))
        if date > today:
            raise PbctlError(_("{date} is in the future").format(date=date.isoformat()),
                             hint=_("mark it done once it is carried out"))
        if target.earliest is not None and date < target.earliest:
            raise PbctlError(_("{date} is before {what}").format(date=date.isoformat(),
                                                                  what=target.earliest_what))
        done: dict[str, Any] = {"date": date.isoformat()}
        if note:
            done["note"] = note
        if previous is not None:
            history = list(previous.get("history") or [])
            history.append({k: previous[k] for k in ("date", "note") if previous.get(k)})
            done["history"] = history
        shown = target.path.as_posix()
        from pbctl.definition.workspace import display_path

        shown = display_path(target.path)
        doc = yamlio.load(target.path, shown)
        expected = json.loads(json.dumps(doc.data))
        node: Any = expected
        for key in target.loc:
            node = node[key]
        node["done"] = done
        text = target.path.read_text(encoding="utf-8-sig")
        new_text = insert_done(text, doc, target.loc, done)
        if new_text is None or yamlio.loads(new_text, shown).data != expected:
            new_text = yamlio.dumps(expected)
        problems = target.validate(yamlio.loads(new_text, shown))
        if problems:
            raise ValidationError(problems)
        subject = tracked_subject(found_id, canonical, kind)
        trailers = {"Pbctl-Alliance": found_id,
                    ("Pbctl-Decision" if kind == "decision" else "Pbctl-Item"): canonical}
        writer.record_source(workspace, found_id, "done")
        sha = writer.record(Change({target.path: new_text}, subject, message=message,
                                   trailers=list(trailers.items())))
    return TrackedDone(found_id, canonical, kind, target.text, target.path, date, note,
                       dt.date.fromisoformat(str(previous["date"])) if previous else None,
                       committed=sha is not None)


def _done_block(pad: str, newline: str, done: dict[str, Any]) -> list[str]:
    """``done:`` as block-style YAML lines indented by ``pad``."""
    def text(value: Any) -> str:
        return json.dumps(str(value), ensure_ascii=False)

    block = [f"{pad}done:{newline}", f"{pad}  date: {done['date']}{newline}"]
    if done.get("note"):
        block.append(f"{pad}  note: {text(done['note'])}{newline}")
    if done.get("history"):
        block.append(f"{pad}  history:{newline}")
        for entry in done["history"]:
            block.append(f"{pad}    - date: {entry['date']}{newline}")
            if entry.get("note"):
                block.append(f"{pad}      note: {text(entry['note'])}{newline}")
    return block


def _end_of(lines: list[str], doc: Document, start_line: int, inside: PathKey) -> int:
    """The last line (1-based) before the next node that is not inside ``inside``, with
    trailing blank and comment lines left out."""
    depth = len(inside)
    later = [line for key, (line, _column) in [*doc.positions.items(), *doc.key_positions.items()]
             if line > start_line and key[:depth] != inside]
    end = min(later, default=len(lines) + 1) - 1
    while end > start_line and (not lines[end - 1].strip()
                                or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def insert_done(text: str, doc: Document, loc: PathKey, done: dict[str, Any]) -> str | None:
    """Write ``done:`` into the block-style mapping at ``loc``: replacing the one there (in
    its place) or added at the mapping's end; None where the layout is not that simple (the
    caller then rewrites the file)."""
    lines = text.splitlines(keepends=True)
    key = (*loc, "done")
    if key in doc.key_positions:
        line, col = doc.key_positions[key]
        if line > len(lines):
            return None
        end = _end_of(lines, doc, line, key)
        newline = "\r\n" if lines[line - 1].endswith("\r\n") else "\n"
        block = _done_block(" " * (col - 1), newline, done)
        if lines[line - 1][: col - 1].strip():  # `- done:` or `{…, done: …}` on one line
            return None
        return "".join(lines[: line - 1] + block + lines[end:])
    if loc not in doc.positions:
        return None
    start_line, col = doc.positions[loc]
    if start_line > len(lines) or "{" in lines[start_line - 1][: col]:
        return None
    end = _end_of(lines, doc, start_line, loc)
    newline = "\r\n" if lines[start_line - 1].endswith("\r\n") else "\n"
    block = _done_block(" " * (col - 1), newline, done)
    if lines[end - 1] and not lines[end - 1].endswith("\n"):
        lines[end - 1] += newline
    return "".join(lines[:end] + block + lines[end:])
