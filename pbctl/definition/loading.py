"""Load YAML into the model and say precisely what is wrong: file, line, column, field.

``load_alliance`` and ``load_record`` raise :class:`~pbctl.errors.ValidationError` carrying
every problem found in the file; ``validate_*`` return the problems instead, for ``check``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pbctl import constants as C
from pbctl.definition import yamlio
from pbctl.definition.model import Alliance
from pbctl.definition.problems import (  # noqa: F401  (re-exported)
    M,
    load_optional,
    optional_from_text,
    validate_model,
)
from pbctl.definition.references import check_alliance_refs, check_record_refs
from pbctl.definition.yamlio import Document
from pbctl.errors import Problem, ValidationError
from pbctl.i18n import _

if TYPE_CHECKING:
    from pbctl.definition.events import Activity, Meeting


def validate_alliance(doc: Document, today: dt.date | None = None, *,
                      path: Path | None = None) -> tuple[Alliance | None, list[Problem]]:
    """The model and every problem: structural ones and, read leniently beside them,
    cross-references and dates (each field reported once). Given the file's ``path``, a
    definition at ``alliances/<folder>/alliance.yaml`` must have the id ``<folder>``."""
    alliance, problems = validate_model(doc, Alliance)
    if isinstance(doc.data, dict):
        seen = {(p.line, p.field) for p in problems}
        problems += [p for p in check_alliance_refs(doc, today or dt.date.today())
                     if (p.line, p.field) not in seen]
    if alliance is not None and path is not None and path.name == C.ALLIANCE_FILE \
            and path.parent.parent.name == C.ALLIANCES_DIR and path.parent.name != alliance.id:
        line, col = doc.position(("id",))
        problems.append(Problem(doc.path, _("the id {id!r} does not match its folder {folder!r}")
                                .format(id=alliance.id, folder=path.parent.name), line, col, "id",
                                _("rename the folder or change the id")))
    if problems:
        alliance = None
    return alliance, problems


def validate_record(doc: Document, model: type[Meeting] | type[Activity],
                    alliance: Alliance | None, today: dt.date | None = None, *,
                    path: Path | None = None
                    ) -> tuple[Meeting | Activity | None, list[Problem]]:
    """A record and every problem; given the file's ``path``, its number must match the
    number in the file name (``003.yaml``)."""
    from pbctl.definition.events import Meeting
    from pbctl.definition.numbering import group_number_of, number_of

    record, problems = validate_model(doc, model)
    if record is not None and path is not None and \
            number_of(path.name) not in (None, record.number):
        line, col = doc.position(("number",))
        problems.append(Problem(doc.path, _("number {number} does not match the file name {name}")
                                .format(number=record.number, name=path.name), line, col, "number"))
    named = group_number_of(path.name) if path is not None else None
    if isinstance(record, Meeting) and path is not None \
            and path.parent.name == C.MEETINGS_DIR \
            and (named or (None, record.number)) != (record.group, record.number):
        loc = ("group",) if record.group != (named[0] if named else None) else ("number",)
        line, col = doc.position(loc)
        what = "group meeting" if record.group else "joint meeting"
        problems.append(Problem(doc.path, f"{what} {record.ref} does not match the file "
                                f"name {path.name}", line, col, loc[0],
                                "a group's meetings are meetings/<group>-NNN.yaml"))
    if alliance is not None and isinstance(doc.data, dict):
        seen = {(p.line, p.field) for p in problems}
        problems += [p for p in check_record_refs(doc, model, alliance,
                                                         today or dt.date.today())
                     if (p.line, p.field) not in seen]
    if problems:
        record = None
    return record, problems


def load_alliance(path: str | Path, *, display: str | None = None) -> Alliance:
    """Load and validate an alliance definition; raise ValidationError with every problem."""
    doc = yamlio.load(Path(path), display)
    alliance, problems = validate_alliance(doc, path=Path(path))
    if alliance is None:
        raise ValidationError(problems)
    return alliance


def load_record(path: str | Path, model: type[Meeting] | type[Activity], alliance: Alliance,
                *, display: str | None = None) -> Meeting | Activity:
    """Load and validate a meeting or activity record of ``alliance``."""
    doc = yamlio.load(Path(path), display)
    record, problems = validate_record(doc, model, alliance, path=Path(path))
    if record is None:
        raise ValidationError(problems)
    return record


def model_from_data(data: dict[str, Any], model: type[M], display: str) -> M:
    """Validate data built in code (flags, prompts) with the same messages as files."""
    doc = yamlio.loads(yamlio.dumps(data), display)
    result, problems = validate_model(doc, model)
    if result is None:
        raise ValidationError(problems)
    return result


def load_meeting(alliance: Alliance, source: Path, number: int) -> Meeting:
    """Meeting ``number`` of the alliance defined in ``source`` (its meetings/ folder).

    WorkspaceError when there is none; ValidationError when its record is bad."""
    from pbctl.constants import MEETINGS_DIR
    from pbctl.definition.events import Meeting
    from pbctl.definition.workspace import display_path
    from pbctl.errors import WorkspaceError

    folder = source.parent / MEETINGS_DIR
    matches = [p for p in folder.glob("*.yaml") if p.stem.isdigit() and int(p.stem) == number]
    if not matches:
        raise WorkspaceError(_("{alliance} has no meeting {number}").format(
            alliance=alliance.id, number=number),
            hint=_("meetings are in {path}").format(path=display_path(folder)))
    record = load_record(matches[0], Meeting, alliance, display=display_path(matches[0]))
    assert isinstance(record, Meeting)
    return record


def load_group_meeting(alliance: Alliance, source: Path, group: str, number: int) -> Meeting:
    """Meeting ``number`` of ``group`` (``meetings/<group>-NNN.yaml``)."""
    from pbctl.constants import MEETINGS_DIR
    from pbctl.definition.events import Meeting
    from pbctl.definition.numbering import group_number_of
    from pbctl.definition.workspace import display_path
    from pbctl.errors import WorkspaceError

    folder = source.parent / MEETINGS_DIR
    matches = [p for p in folder.glob("*.y*ml") if group_number_of(p.name) == (group, number)]
    if not matches:
        raise WorkspaceError(_("{alliance} has no meeting {number}").format(
            alliance=alliance.id, number=f"{group}-{number}"),
            hint=_("meetings are in {path}").format(path=display_path(folder)))
    record = load_record(matches[0], Meeting, alliance, display=display_path(matches[0]))
    assert isinstance(record, Meeting)
    return record
