"""``import members`` and ``export members``: a roster (成员单位名册) into a definition as
one revision, and a definition's members out as the same roster layout.

The new definition replaces only its ``members:`` and ``groups:`` sections; everything
else in the file (comments, order, quoting) stays as written. Comments inside those two
sections are not kept when they change: the roster is then their source.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pbctl.definition.roster import KIND_LABELS, Sheet, read_roster
from pbctl.definition.workspace import Workspace, display_path
from pbctl.definition.yamlio import paused_gc
from pbctl.errors import ValidationError
from pbctl.i18n import _

if TYPE_CHECKING:
    from pbctl.definition.roster_merge import Merge

#: The columns an export writes, in order (the headers import recognises).
EXPORT_HEADERS = ("序号", "编号", "党组织名称", "单位名称", "简称", "党组织类别", "单位性质",
                  "书记", "书记职务", "联系人", "联系电话", "邮箱", "所属联组", "上级党组织",
                  "加入日期", "备注")
SHEET = "成员单位"
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


@dataclass
class RosterImport:
    """What ``import members`` did (or, dry, would do)."""

    alliance_id: str
    path: Path
    merge: Merge
    sheet: Sheet
    dry_run: bool
    commit: str | None = None
    columns: dict[str, str] = field(default_factory=dict)


def replace_sections(text: str, data: dict[str, Any], keys: tuple[str, ...]) -> str:
    """``text`` with its top-level ``keys`` sections replaced by ``data``'s (appended when
    absent). Comment lines just before the next top-level key stay with that key."""
    from pbctl.definition import yamlio

    lines = text.splitlines(keepends=True)
    for key in keys:
        if key not in data:
            continue
        block = yamlio.dumps({key: data[key]})
        start = next((i for i, line in enumerate(lines)
                      if (m := _TOP_KEY.match(line)) and m.group(1) == key), None)
        if start is None:
            if lines and not lines[-1].endswith("\n"):
                lines[-1] += "\n"
            lines += ["\n", *block.splitlines(keepends=True)]
            continue
        end = next((i for i in range(start + 1, len(lines)) if _TOP_KEY.match(lines[i])),
                   len(lines))
        while end > start + 1 and (not lines[end - 1].strip()
                                   or lines[end - 1].startswith("#")):
            end -= 1
        lines[start:end] = block.splitlines(keepends=True)
    return "".join(lines)


def import_members(workspace: Workspace, alliance_id: str, roster: Path, *,
                   sheet: str | None = None, mapping: dict[str, str] | None = None,
                   dry_run: bool = False, message: str | None = None) -> RosterImport:
    """Merge ``roster`` into the alliance's definition: every problem of the roster (and of
    the definition it would make) is raised at once and nothing is written; otherwise one
    commit ``import(<id>): members from <file>`` (none when nothing changes).

    The merged definition is validated as data, through the model and reference checks
    ``check`` uses. Its YAML is made when it is written (or, dry, when it might pass the
    1 MiB pbctl reads) and must read back to the same data first."""
    source = workspace.resolve_alliance(alliance_id)
    shown = display_path(source)
    with paused_gc():  # tens of thousands of cells, rows and members; no reference cycles
        from pbctl.definition import yamlio  # the model, pydantic and openpyxl too: their
        from pbctl.definition.loading import validate_alliance  # modules are as long-lived
        from pbctl.definition.roster_merge import merge_roster, validate_merged

        doc = yamlio.load(source, shown)
        alliance, problems = validate_alliance(doc, path=source)
        if alliance is None:  # the definition as it is must be valid
            raise ValidationError(problems)
        read = read_roster(roster, display_path(roster), sheet=sheet, mapping=mapping)
        merge = merge_roster(doc.data, read)
        if merge.problems:
            raise ValidationError(merge.problems)
        result = RosterImport(alliance.id, source, merge, read, dry_run)
        if not merge.changed:
            return result
        problems = validate_merged(doc, merge, source)
        if problems:
            raise ValidationError(problems)
    if dry_run:
        if _may_pass_the_limit(source, merge):
            _new_text(source, doc.data, merge, shown)
        return result
    new_text = _new_text(source, doc.data, merge, shown)
    from pbctl.records.api import record_files

    counts = f"{len(merge.added)} added, {len(merge.updated)} updated"
    result.commit = record_files(
        workspace, {source: new_text},
        f"import({alliance.id}): members from {roster.name} ({counts})",
        message=message, trailers={"Pbctl-Alliance": alliance.id})
    return result


def _new_text(source: Path, data: dict[str, Any], merge: Merge, shown: str) -> str:
    """The definition's new text: only its ``members:`` and ``groups:`` sections made anew
    (and ``member_count`` raised); checked to read back, within pbctl's limits, as exactly
    the merged data, else a ValidationError."""
    from pbctl.definition import yamlio

    text = source.read_text(encoding="utf-8")
    changed = tuple(k for k in ("members", "groups") if merge.data.get(k) != data.get(k))
    new_text = replace_sections(text, merge.data, changed)  # the other keeps its comments
    if merge.count is not None:  # the total of member units cannot be below those listed
        new_text = re.sub(r"(?m)^member_count:[ \t]*\d+", f"member_count: {merge.count[1]}",
                          new_text, count=1)
    if yamlio.check_readable(new_text, shown).data != merge.data:
        raise ValidationError.single(shown, _("the imported definition would not read back "
                                              "as it was merged; nothing was written"))
    return new_text


def _may_pass_the_limit(source: Path, merge: Merge) -> bool:
    """Whether the new definition might be more than the 1 MiB pbctl reads, by a bound that
    costs no YAML: the file as it is plus twice the JSON of the new sections (a YAML scalar
    is at most twice its JSON: quotes doubled) and 256 bytes of keys, indentation and
    folding per member and group. A dry run makes the YAML only then."""
    import json

    from pbctl.constants import MAX_YAML_BYTES

    sections = [merge.data.get("members") or [], merge.data.get("groups") or []]
    size = len(json.dumps(sections, ensure_ascii=False).encode("utf-8"))
    bound = source.stat().st_size + 2 * size + 256 * (len(sections[0]) + len(sections[1]))
    return bound > MAX_YAML_BYTES


def roster_rows(alliance: Any) -> list[list[str | None]]:
    """The members as export rows, in the order of :data:`EXPORT_HEADERS`."""
    names = {m.id: m.name for m in alliance.members}
    group_of: dict[str, list[str]] = {}
    for group in alliance.groups:
        for member_id in group.members:
            group_of.setdefault(member_id, []).append(group.name)
    rows: list[list[str | None]] = []
    for n, m in enumerate(alliance.members, start=1):
        rows.append([
            str(n), m.id, m.name, m.organization, m.short_name, m.level,
            KIND_LABELS.get(m.kind, m.kind), m.secretary_name, m.secretary_title,
            m.contact.name, m.contact.phone, m.contact.email,
            "、".join(group_of.get(m.id, [])) or None,
            names.get(m.parent) if m.parent else None,
            m.joined.isoformat() if m.joined else None, None,
        ])
    return rows


def roster_xlsx(alliance: Any) -> bytes:
    """The members as an .xlsx roster: a title row, the header row, one row per member;
    every cell holding text is written as text (never a formula); byte-deterministic."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.writer.excel import ExcelWriter

    from pbctl.fsutil import normalize_zip

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    _put(ws.cell(row=1, column=1), f"{alliance.name}成员单位名册")
    ws.cell(row=1, column=1).font = Font(name="宋体", bold=True, size=14)
    for j, header in enumerate(EXPORT_HEADERS, start=1):
        cell = ws.cell(row=2, column=j)
        _put(cell, header)
        cell.font = Font(name="宋体", bold=True)
        cell.alignment = Alignment(horizontal="center")
    for i, row in enumerate(roster_rows(alliance), start=3):
        for j, value in enumerate(row, start=1):
            if value is not None:
                _put(ws.cell(row=i, column=j), value)
    widths = (6, 22, 36, 30, 16, 12, 10, 10, 30, 10, 16, 24, 14, 30, 12, 12)
    from openpyxl.utils import get_column_letter

    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.freeze_panes = "A3"
    moment = dt.datetime(2000, 1, 1)
    wb.properties.creator = wb.properties.lastModifiedBy = "pbctl"
    wb.properties.created = wb.properties.modified = moment
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return normalize_zip(buffer.getvalue())


def _put(cell: Any, value: str) -> None:
    cell.value = value
    cell.data_type = "s"  # ``=1+1`` in a name stays text


def export_members(workspace: Workspace, alliance_id: str, output: Path) -> Path:
    """Write the alliance's members to ``output`` (.xlsx) in the roster layout."""
    from pbctl.definition.loading import load_alliance
    from pbctl.errors import UsageError
    from pbctl.fsutil import atomic_write

    if output.suffix.lower() != ".xlsx":
        raise UsageError(_("{path}: export writes .xlsx").format(path=output),
                         hint="-o members.xlsx")
    source = workspace.resolve_alliance(alliance_id)
    alliance = load_alliance(source, display=display_path(source))
    atomic_write(output, roster_xlsx(alliance))
    return output
