"""Read an alliance's definition, meetings and activities, validated, in one pass.

Every problem in any file is collected; if there is one, :class:`ValidationError` is raised
with all of them (file, line, field), as ``pbctl check`` would report them.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pbctl import constants as C
from pbctl.definition.yamlio import paused_gc
from pbctl.errors import Problem, ValidationError
from pbctl.i18n import _

if TYPE_CHECKING:
    from pbctl.definition.model import Activity, Alliance, Meeting
    from pbctl.definition.workspace import Workspace

#: Called as ``on_progress(done, total)`` while a workspace is read.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class AllianceRecords:
    """An alliance and everything recorded about it."""

    alliance: Alliance
    folder: Path
    meetings: tuple[Meeting, ...] = ()  # by number
    activities: tuple[Activity, ...] = ()  # by date, then number
    meeting_files: dict[int, Path] = field(default_factory=dict)
    activity_files: dict[int, Path] = field(default_factory=dict)
    documents: frozenset[str] = frozenset()  # file names in documents/
    #: the groups' own meetings (meetings/<group>-NNN.yaml), by group then number; kept
    #: apart from the joint meetings, whose numbers they share
    group_meetings: tuple[Meeting, ...] = ()

    @property
    def id(self) -> str:
        return self.alliance.id

    def meeting(self, number: int) -> Meeting | None:
        return next((m for m in self.meetings if m.number == number), None)

    def group_meetings_until(self, day: dt.date) -> list[Meeting]:
        return [m for m in self.group_meetings if m.date <= day]

    def meetings_until(self, day: dt.date) -> list[Meeting]:
        """Meetings held on or before ``day``."""
        return [m for m in self.meetings if m.date <= day]

    def activities_until(self, day: dt.date) -> list[Activity]:
        return [a for a in self.activities if a.date <= day]

    def member_name(self, member_id: str) -> str:
        """A member's full name; the id itself if unknown."""
        try:
            return self.alliance.member(member_id).name
        except KeyError:
            return member_id

    def member_label(self, member_id: str | None) -> str:
        """A member's short name (or full name); the id itself if unknown; '' for None."""
        if member_id is None:
            return ""
        try:
            return self.alliance.member(member_id).label
        except KeyError:
            return member_id


def _yaml_files(folder: Path) -> list[Path]:
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(folder / n for n in names
                  if n.endswith((".yaml", ".yml")) and not n.startswith("."))


def _read_records(files: Iterable[Path], kind: str, alliance: Alliance, today: dt.date,
                  problems: list[Problem], *, group: bool = False
                  ) -> dict[Any, tuple[Meeting | Activity, Path]]:
    from pbctl.definition import yamlio
    from pbctl.definition.loading import validate_record
    from pbctl.definition.model import Activity, Meeting
    from pbctl.definition.workspace import display_path

    model = Meeting if kind == "meeting" else Activity
    found: dict[Any, tuple[Meeting | Activity, Path]] = {}
    shown_folder: dict[Path, str] = {}  # display_path once a folder, not once a file
    for path in files:
        if path.parent not in shown_folder:
            shown_folder[path.parent] = display_path(path.parent)
        shown = f"{shown_folder[path.parent]}/{path.name}"
        try:
            doc = yamlio.load(path, shown)
        except ValidationError as exc:
            problems.extend(exc.problems)
            continue
        record, found_problems = validate_record(doc, model, alliance, today, path=path)
        problems.extend(found_problems)
        if record is None:
            continue
        line, col = doc.position(("number",))
        key = (getattr(record, "group", None), record.number) if group else record.number
        if key in found:
            other = display_path(found[key][1])
            problems.append(Problem(shown, f"{kind} number {record.number} is also used by "
                                    f"{other}", line, col, "number",
                                    "each record of an alliance needs its own number"))
        else:
            found[key] = (record, path)
    return found


def load_alliance_records(workspace: Workspace, alliance_id: str, *,
                          today: dt.date | None = None) -> AllianceRecords:
    """Load ``alliances/<id>/``: the definition, meetings/*.yaml and activities/*.yaml."""
    from pbctl.definition import yamlio
    from pbctl.definition.loading import validate_alliance
    from pbctl.definition.model import Activity, Meeting
    from pbctl.definition.workspace import display_path

    today = today or dt.date.today()
    source = workspace.resolve_alliance(alliance_id)
    folder = source.parent
    shown = display_path(source)
    doc = yamlio.load(source, shown)
    alliance, problems = validate_alliance(doc, today, path=source)
    if alliance is None:
        raise ValidationError(problems)
    from pbctl.definition.numbering import group_number_of

    meeting_files = _yaml_files(folder / C.MEETINGS_DIR)
    group_files = [p for p in meeting_files if group_number_of(p.name) is not None]
    meetings = _read_records([p for p in meeting_files if p not in group_files], "meeting",
                             alliance, today, problems)
    group_meetings = [m for m, _ in _read_records(group_files, "meeting", alliance, today,
                                                  problems, group=True).values()]
    activities = _read_records(_yaml_files(folder / C.ACTIVITIES_DIR), "activity", alliance,
                               today, problems)
    if problems:
        raise ValidationError(problems)
    try:
        documents = frozenset(os.listdir(folder / C.DOCUMENTS_DIR))
    except (FileNotFoundError, NotADirectoryError):
        documents = frozenset()
    meeting_list = sorted((r for r, _ in meetings.values()), key=lambda r: r.number)
    activity_list = sorted((r for r, _ in activities.values()),
                           key=lambda r: (r.date, r.number))
    return AllianceRecords(
        alliance=alliance,
        folder=folder,
        meetings=tuple(m for m in meeting_list if isinstance(m, Meeting)),
        activities=tuple(a for a in activity_list if isinstance(a, Activity)),
        meeting_files={n: p for n, (_, p) in meetings.items()},
        activity_files={n: p for n, (_, p) in activities.items()},
        documents=documents,
        group_meetings=tuple(sorted((m for m in group_meetings if isinstance(m, Meeting)),
                                    key=lambda m: (m.group or "", m.number))),
    )


def iter_workspace_records(workspace: Workspace, alliance_ids: Iterable[str] | None = None,
                           *, today: dt.date | None = None,
                           on_progress: Progress | None = None) -> Iterator[AllianceRecords]:
    """Yield the records of several alliances (all of the workspace by default), one at
    a time, so a caller can keep only what it derives from each.

    Problems of every alliance are gathered and raised together once all were read (after
    the last valid alliance was yielded), so one run shows them all.
    """
    ids = list(workspace.alliance_ids() if alliance_ids is None else alliance_ids)
    problems: list[Problem] = []
    for i, alliance_id in enumerate(ids):
        try:
            with paused_gc():
                records = load_alliance_records(workspace, alliance_id, today=today)
        except ValidationError as exc:
            problems.extend(exc.problems)
        else:
            yield records
        if on_progress is not None:
            on_progress(i + 1, len(ids))
    if problems:
        raise ValidationError(problems)


def load_workspace_records(workspace: Workspace, alliance_ids: Iterable[str] | None = None,
                           *, today: dt.date | None = None,
                           on_progress: Progress | None = None) -> list[AllianceRecords]:
    """All of :func:`iter_workspace_records` as a list."""
    with paused_gc():
        return list(iter_workspace_records(workspace, alliance_ids, today=today,
                                           on_progress=on_progress))


def require_workspace(workspace: Workspace, alliance_ref: str | None) -> None:
    """Without an ALLIANCE named, a command reads every alliance: that needs a workspace."""
    if alliance_ref is None and not workspace.is_initialized:
        from pbctl.errors import WorkspaceError

        raise WorkspaceError(_("not in a pbctl workspace (no pbctl.yaml here or above)"),
                             hint=_("run 'pbctl init', or name an alliance file"))
