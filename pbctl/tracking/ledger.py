"""The ledger (台账): every meeting and activity of a period, its decisions, and counts.

:func:`build_ledger` is pure: records in, a :class:`Ledger` of plain rows out. The rows are
written as a workbook by :mod:`pbctl.tracking.xlsx` and as a landscape GB/T 9704 table by
:func:`ledger_docx`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pbctl import constants as C
from pbctl.numerals import cn_date
from pbctl.tracking import event_cells as ev
from pbctl.tracking.dates import Period, quarter_label, quarter_of
from pbctl.tracking.participation import GroupCount, MemberCount, group_counts, member_counts
from pbctl.tracking.schedule import DecisionState, decision_states
from pbctl.words import (
    MEETING_KIND,
    activity_label,
    activity_title,
    meeting_title,
)

if TYPE_CHECKING:
    from pbctl.definition.model import Activity, Meeting
    from pbctl.definition.settings import Settings
    from pbctl.tracking.records import AllianceRecords

#: The ledger's columns, in order.
COLUMNS = ("序号", "日期", "名称", "类型", "牵头（轮值）单位", "参与单位", "地点", "主持人",
           "应到/实到", "主要内容", "议定事项/成效", "责任单位", "时限", "落实情况", "对应计划事项",
           "佐证材料", "记录人", "备注")
DECISION_COLUMNS = ("序号", "会议", "会议日期", "议定事项", "责任单位", "时限", "状态",
                    "完成日期", "落实情况")
ALLIANCE_COLUMN = "所属联建"

Cell = str | int | dt.date | None


@dataclass(frozen=True)
class LedgerRow:
    """One meeting or activity: a value for each of :data:`COLUMNS` but 序号."""

    alliance: str
    date: dt.date
    values: dict[str, Cell]


@dataclass(frozen=True)
class LedgerDecision:
    """A decision of a meeting held in the period, as it stood on the ledger's day."""

    alliance: str
    meeting_title: str
    state: DecisionState


@dataclass(frozen=True)
class QuarterCount:
    label: str
    meetings: int
    activities: int
    decisions: int
    done: int
    overdue: int


@dataclass(frozen=True)
class Ledger:
    title: str
    period: Period
    as_of: dt.date
    many: bool  # several alliances: an extra 所属联建 column
    rows: tuple[LedgerRow, ...]
    decisions: tuple[LedgerDecision, ...]
    quarters: tuple[QuarterCount, ...]
    members: tuple[MemberCount, ...]
    #: each joint group's own meetings in the period (every group of every alliance)
    groups: tuple[GroupCount, ...] = ()
    #: the members' table grouped by parent (上级党组织) with subtotals (--by-parent)
    by_parent: bool = False

    def columns(self, base: Sequence[str] = COLUMNS) -> tuple[str, ...]:
        cols = tuple(base)
        return (cols[0], ALLIANCE_COLUMN, *cols[1:]) if self.many else cols

    def table(self, base: Sequence[str] = COLUMNS) -> list[list[Cell]]:
        """The rows as lists of cells for ``columns(base)``, numbered from 1."""
        out: list[list[Cell]] = []
        for i, row in enumerate(self.rows, start=1):
            cells: list[Cell] = [i]
            if self.many:
                cells.append(row.alliance)
            cells += [row.values.get(name) for name in base[1:]]
            out.append(cells)
        return out


def _lines(values: Sequence[str]) -> str:
    return "\n".join(v for v in values if v)


def _numbered(values: Sequence[str]) -> str:
    return "\n".join(f"{i}. {v}" for i, v in enumerate(values, start=1)) if len(values) > 1 \
        else _lines(values)


#: What an inspector reads in 状态: never 未完成 for something not yet due.
STATUS_DONE, STATUS_NOT_DUE, STATUS_ONGOING, STATUS_OVERDUE = "已办结", "未到期", "进行中", "逾期"


def status_word(state: DecisionState) -> str:
    """已办结, 逾期, 未到期 (open with a due date still ahead) or 进行中 (open, no due date)."""
    if state.state == "done":
        return STATUS_DONE
    if state.state == "overdue":
        return STATUS_OVERDUE
    return STATUS_NOT_DUE if state.due is not None else STATUS_ONGOING


def _progress(state: DecisionState | None) -> str:
    if state is None:
        return STATUS_ONGOING
    if state.state == "done" and state.done_date:
        note = f"，{state.note}" if state.note else ""
        return f"{STATUS_DONE}（{cn_date(state.done_date)}{note}）"
    if state.state == "overdue":
        return f"{STATUS_OVERDUE}{state.days_overdue}天"
    return status_word(state)


def _meeting_row(records: AllianceRecords, meeting: Meeting,
                 states: dict[tuple[int, int], DecisionState], *,
                 expected: int | None = None) -> dict[str, Cell]:
    """A meeting as a ledger row; ``expected`` members are due (by default all)."""
    alliance = records.alliance
    host = meeting.host or (alliance.lead if alliance.convener == "lead" else None)
    expected = alliance.total_members if expected is None else expected
    decisions = meeting.decisions
    dues = [cn_date(d.due) if d.due else "" for d in decisions]
    remarks = []
    if meeting.absent:
        remarks.append("请假：" + "、".join(records.member_label(a.member)
                                          for a in meeting.absent))
    if meeting.observers:
        remarks.append("列席：" + "、".join(meeting.observers))
    minutes = f"minutes-{meeting.group}-{meeting.number:03d}.docx" if meeting.group \
        else f"{C.minutes_kind(meeting.number)}.docx"
    evidence = ["会议纪要" if minutes in records.documents else "",
                "签到表" if meeting.group is None  # a group's meeting has no sign-in sheet
                and f"signin-meeting-{meeting.number:03d}.docx" in records.documents else ""]
    return {
        "日期": meeting.date,
        "名称": meeting_title(meeting.number, meeting.title),
        "类型": MEETING_KIND,
        "牵头（轮值）单位": records.member_label(host),
        "参与单位": ev.with_lines("、".join(records.member_label(a.member)
                                           for a in meeting.attendees),
                                  ev.guests_text(meeting)),
        "地点": ev.with_lines(meeting.venue or "", ev.sites_text(meeting)),
        "主持人": meeting.chair or "",
        "应到/实到": ev.with_lines(f"{expected}/{len(meeting.attendees)}"
                                if meeting.attendees else "", ev.headcount_text(meeting)),
        "主要内容": ev.with_lines(_numbered(meeting.topics) or (meeting.summary or ""),
                               ev.speeches_text(meeting, records)),
        "议定事项/成效": _numbered([d.text for d in decisions]),
        "责任单位": _lines([records.member_label(d.owner) for d in decisions]),
        "时限": _lines(dues) if any(dues) else "",
        "落实情况": _lines([_progress(states.get((meeting.number, i)))
                           for i in range(1, len(decisions) + 1)]),
        "对应计划事项": _plan_items(meeting.plan_items),
        "佐证材料": ev.evidence_text(meeting, evidence),
        "记录人": meeting.recorder or "",
        "备注": "；".join(remarks),
    }


def _activity_row(records: AllianceRecords, activity: Activity) -> dict[str, Cell]:
    return {
        "日期": activity.date,
        "名称": activity_title(activity.kind, activity.title),
        "类型": activity_label(activity.kind),
        "牵头（轮值）单位": records.member_label(activity.host),
        "参与单位": ev.with_lines("、".join(records.member_label(m) for m in activity.members
                                           or [a.member for a in activity.attendees]),
                                  ev.guests_text(activity)),
        "地点": ev.with_lines(activity.where or "", ev.sites_text(activity)),
        "主持人": "",
        "应到/实到": ev.headcount_text(activity).removeprefix("共"),
        "主要内容": ev.with_lines(activity.summary or "", ev.speeches_text(activity, records)),
        "议定事项/成效": _numbered(activity.outcomes),
        "责任单位": "",
        "时限": "",
        "落实情况": "",
        "对应计划事项": _plan_items(activity.plan_items),
        "佐证材料": ev.evidence_text(activity, [
            label for name, label in
            ((f"record-activity-{activity.number:03d}.docx", "活动记录"),
             (f"signin-activity-{activity.number:03d}.docx", "签到表"))
            if name in records.documents]),
        "记录人": activity.recorder or "",
        "备注": "",
    }


def _plan_items(refs: Sequence[str]) -> str:
    from pbctl.definition.plan import plan_refs_label

    return plan_refs_label(list(refs))


def _label(records: AllianceRecords) -> str:
    return records.alliance.label


def _group_row(records: AllianceRecords, meeting: Meeting, as_of: dt.date) -> dict[str, Cell]:
    """A group's own meeting (联组会议) as a ledger row: led by the group's lead, its members
    due, its decisions standing as those of a joint meeting do on ``as_of``."""
    from pbctl.rendering.render import group_meeting_title
    from pbctl.tracking.schedule import meeting_decision_states

    states = {(meeting.number, d.index): d
              for d in meeting_decision_states(records, meeting, as_of)}
    group = next((g for g in records.alliance.groups if g.id == meeting.group), None)
    row = _meeting_row(records, meeting, states,
                       expected=len(group.members) if group else None)
    row["牵头（轮值）单位"] = records.member_label(meeting.host or (group.lead if group else None))
    row["名称"] = group_meeting_title(records.alliance, meeting)
    row["类型"] = GROUP_MEETING_KIND
    return row


#: the ledger's 类型 of a group's own meeting
GROUP_MEETING_KIND = "联组会议"


def build_ledger(all_records: Sequence[AllianceRecords], period: Period,
                 as_of: dt.date, *, by_parent: bool = False) -> Ledger:
    """The ledger of ``period``; decisions stand as they did on ``as_of``. ``by_parent``:
    the members' statistics grouped by parent (上级党组织) with subtotals."""
    rows: list[tuple[tuple[dt.date, int, str, int], LedgerRow]] = []
    decisions: list[LedgerDecision] = []
    members: list[MemberCount] = []
    groups: list[GroupCount] = []
    quarter_keys = period.quarters()
    counts = {key: [0, 0, 0, 0, 0] for key in quarter_keys}
    for n, records in enumerate(all_records):
        label = _label(records)
        states = {(d.meeting, d.index): d for d in decision_states(records, as_of)}
        meetings = [m for m in records.meetings if m.date in period]
        activities = [a for a in records.activities if a.date in period]
        for m in meetings:
            rows.append(((m.date, n, "0", m.number),
                         LedgerRow(label, m.date, _meeting_row(records, m, states))))
            counts[quarter_of(m.date)][0] += 1
        rows += [((m.date, n, "0", m.number),
                  LedgerRow(label, m.date, _group_row(records, m, as_of)))
                 for m in records.group_meetings if m.date in period]
        for a in activities:
            rows.append(((a.date, n, "1", a.number),
                         LedgerRow(label, a.date, _activity_row(records, a))))
            counts[quarter_of(a.date)][1] += 1
        held = {m.number for m in meetings}
        mine = [d for d in states.values() if d.meeting in held]
        mine.sort(key=lambda d: (d.meeting, d.index))
        titles = {m.number: meeting_title(m.number, m.title) for m in meetings}
        decisions += [LedgerDecision(label, titles[d.meeting], d) for d in mine]
        for d in mine:
            bucket = counts[quarter_of(d.meeting_date)]
            bucket[2] += 1
            bucket[3] += d.state == "done"
            bucket[4] += d.state == "overdue"
        members += member_counts(records, label, meetings, activities, mine)
        groups += group_counts(records, label, [m for m in records.group_meetings
                                                if m.date in period], as_of)
    rows.sort(key=lambda item: item[0])
    many = len(all_records) > 1
    if len(all_records) == 1:
        title = f"{all_records[0].alliance.name}工作台账"
    else:
        title = "党建联建工作台账"
    quarters = tuple(QuarterCount(quarter_label(*key), *counts[key]) for key in quarter_keys)
    return Ledger(title, period, as_of, many, tuple(row for _, row in rows), tuple(decisions),
                  quarters, tuple(members), tuple(groups), by_parent)


def _cell_text(value: Cell) -> str:
    if isinstance(value, dt.date):
        return cn_date(value)
    return "" if value is None else str(value)


#: The .docx splits the ledger's columns in two landscape tables, each row numbered and
#: named in both: who, when and where; then what was done and how it stands.
_FIRST_TABLE = ("序号", ALLIANCE_COLUMN, "日期", "名称", "类型", "牵头（轮值）单位", "参与单位",
                "地点", "主持人", "应到/实到", "记录人")
_KEY_COLUMNS = ("序号", "名称")
#: The sign-off an inspector asks for under a ledger.
SIGN_OFF = ("填报单位：", "填报人：", "审核人：", "填报日期：　　年　　月　　日")


def docx_tables(ledger: Ledger) -> list[tuple[tuple[str, ...], list[list[str]]]]:
    """Every column of the ledger (as the .xlsx has them) in two tables: the first
    :data:`_FIRST_TABLE` columns, then 序号, 名称 and all the others."""
    columns = ledger.columns()
    first = tuple(c for c in columns if c in _FIRST_TABLE)
    second = tuple(c for c in columns if c in _KEY_COLUMNS or c not in _FIRST_TABLE)
    cells = [[_cell_text(c) for c in row] for row in ledger.table()]
    out = []
    for names in (first, second):
        index = [columns.index(n) for n in names]
        out.append((names, [[row[i] for i in index] for row in cells]))
    return out


def group_summary(ledger: Ledger) -> str:
    """各联组（专委会）共召开联组会议3次：软件联组2次、第二联组1次。 (every group listed)"""
    many = ledger.many
    each = "、".join(f"{g.alliance if many else ''}{g.name}{g.held}次" for g in ledger.groups)
    return f"各联组（专委会）共召开联组会议{sum(g.held for g in ledger.groups)}次：{each}。"


def ledger_docx(ledger: Ledger, settings: Settings, *, author: str) -> bytes:
    """The ledger as a landscape GB/T 9704 .docx: a title, the period, every column of the
    .xlsx in two tables (12 pt, dates as 2025年1月31日), and the sign-off line."""
    from pbctl.document.blocks import (
        Block,
        DocumentSpec,
        Paragraph,
        Run,
        Subtitle,
        Table,
        Title,
    )
    from pbctl.document.writer import write_docx

    blocks: list[Block] = [Title(ledger.title),
                           Subtitle((Run(f"（{ledger.period.label}）", "kai"),))]
    tables = docx_tables(ledger)
    for n, (names, rows) in enumerate(tables, start=1):
        if len(tables) > 1:
            caption = "基本情况" if n == 1 else "内容与落实情况"
            blocks.append(Paragraph((Run(f"表{n}　{caption}", "hei"),), align="left",
                                    indent=False))
        blocks.append(Table(tuple((Run(name),) for name in names),
                            tuple(tuple((Run(cell),) for cell in row) for row in rows)))
    if ledger.groups:
        blocks.append(Paragraph((Run(group_summary(ledger)),), align="left", indent=False))
    blocks.append(Paragraph((Run("　　".join(SIGN_OFF)),), align="left", indent=False))
    spec = DocumentSpec(
        title=ledger.title, author=author, subject=ledger.title, keywords="ledger",
        created=f"{ledger.period.end.isoformat()}T00:00:00Z", landscape=True,
        blocks=blocks,
    )
    return write_docx(spec, settings.fonts)


def export_paths(output: str, kind: str) -> tuple[Path, Path]:
    """-o: a folder gets <kind>.xlsx and <kind>.docx; a file name gives both stems."""
    path = Path(output)
    if path.is_dir() or output.endswith(("/", "\\")):
        return path / f"{kind}.xlsx", path / f"{kind}.docx"
    return path.with_suffix(".xlsx"), path.with_suffix(".docx")
