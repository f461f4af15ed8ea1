"""The joint evaluation (成效联评) of a year: for each member the facts drawn from the
records, a score from the workspace's weights, a rank, and the evidence behind each number.

Facts (the keys of ``evaluation.weights`` in pbctl.yaml):

* ``meetings_held`` — joint meetings held in the year; ``meetings_attended`` — those where
  the member is listed among the attendees or is the host;
* ``activities_hosted`` — activities it hosted; ``activities_joined`` — activities it took
  part in (listed in ``members`` or hosting);
* ``plan_owned`` — items of the year's plan it is responsible for; ``plan_done_on_time`` —
  those done by their due date (or done, when there is none);
* ``needs_claimed`` — needs it claimed in the year; ``needs_closed`` — those also closed;
* ``decisions_owned`` — decisions of the year's meetings it owns; ``decisions_done_on_time``
  — those done by their due date (or done, when there is none).

Everything is read as of the evaluation day: the end of the year, or ``as_of`` if earlier.
Evidence refs: ``meeting.3``, ``activity.2``, ``plan.2025.4``, ``needs.2``, ``3.1``.
Ranks are competition ranks (1, 1, 3): equal scores share a rank.

Beside the members, each joint group (联组 / 专委会) is listed with its own meetings of the
year (``ruanjian-2``) and their decisions. They are counted and listed, not scored: the
definition sets no meeting frequency for a group to be measured against, and a member
outside every group could not earn such points.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pbctl.definition.settings import Settings, Weights
    from pbctl.tracking.participation import GroupCount
    from pbctl.tracking.records import AllianceRecords

FACTS: tuple[str, ...] = (
    "meetings_attended", "meetings_held", "activities_hosted", "activities_joined",
    "plan_owned", "plan_done_on_time", "needs_claimed", "needs_closed", "decisions_owned",
    "decisions_done_on_time",
)
FACT_LABELS: dict[str, str] = {
    "meetings_attended": "出席联席会议", "meetings_held": "召开联席会议",
    "activities_hosted": "承办联建活动", "activities_joined": "参加联建活动",
    "plan_owned": "牵头计划事项", "plan_done_on_time": "按期完成计划事项",
    "needs_claimed": "认领需求", "needs_closed": "办结需求",
    "decisions_owned": "负责议定事项", "decisions_done_on_time": "按期完成议定事项",
}


@dataclass(frozen=True)
class MemberEvaluation:
    member: str
    name: str
    facts: dict[str, int]
    evidence: dict[str, list[str]]
    score: float
    rank: int

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"member": self.member, "name": self.name}
        out.update(self.facts)
        out.update({"score": self.score, "rank": self.rank, "evidence": self.evidence})
        return out


@dataclass(frozen=True)
class Evaluation:
    alliance_id: str
    alliance_name: str
    year: int
    as_of: dt.date
    weights: dict[str, float]
    members: tuple[MemberEvaluation, ...]  # by rank, then definition order
    #: each group's own meetings of the year, as the definition lists the groups
    groups: tuple[GroupCount, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.alliance_name}{self.year}年度成效联评"

    def as_dict(self) -> dict[str, object]:
        return {"alliance": self.alliance_id, "year": self.year,
                "as_of": self.as_of.isoformat(), "weights": self.weights,
                "members": [m.as_dict() for m in self.members],
                "groups": [{"group": g.group, "name": g.name, "held": g.held,
                            "meetings": list(g.refs), "decisions": g.decisions,
                            "decisions_done": g.done} for g in self.groups]}


def _score(value: float) -> float:
    return int(value) if float(value).is_integer() else round(value, 2)


def evaluate(records: AllianceRecords, year: int, as_of: dt.date, weights: Weights
             ) -> Evaluation:
    """The evaluation of ``year`` for every member of the alliance."""
    from pbctl.definition.plan import load_lists, load_plans
    from pbctl.tracking.participation import group_counts
    from pbctl.tracking.plan_status import list_item_states, plan_item_states
    from pbctl.tracking.schedule import decision_states

    day = min(as_of, dt.date(year, 12, 31))
    alliance = records.alliance
    ids = [m.id for m in alliance.members]
    evidence: dict[str, dict[str, list[str]]] = {i: {f: [] for f in FACTS} for i in ids}

    def note(member: str | None, fact: str, ref: str) -> None:
        if member in evidence:
            evidence[member][fact].append(ref)

    meetings = [m for m in records.meetings_until(day) if m.date.year == year]
    for meeting in meetings:
        ref = f"meeting.{meeting.number}"
        came = {a.member for a in meeting.attendees}
        if meeting.host:
            came.add(meeting.host)
        for member in ids:
            note(member, "meetings_held", ref)
            if member in came:
                note(member, "meetings_attended", ref)
    for activity in records.activities_until(day):
        if activity.date.year != year:
            continue
        ref = f"activity.{activity.number}"
        note(activity.host, "activities_hosted", ref)
        for member in dict.fromkeys([*([activity.host] if activity.host else []),
                                     *activity.members]):
            note(member, "activities_joined", ref)
    plan = load_plans(records.folder, alliance).get(year)
    if plan is not None:
        for item in plan_item_states(records, plan, day):
            note(item.owner, "plan_owned", item.ref)
            if item.on_time:
                note(item.owner, "plan_done_on_time", item.ref)
    lists = load_lists(records.folder, alliance)
    for need in list_item_states(records, lists, day):
        if need.kind != "needs" or need.claimed_on is None or need.claimed_on.year != year:
            continue
        note(need.claimed_by, "needs_claimed", need.ref)
        if need.state == "done":
            note(need.claimed_by, "needs_closed", need.ref)
    held = {m.number for m in meetings}
    for decision in decision_states(records, day):
        if decision.meeting not in held:
            continue
        note(decision.owner, "decisions_owned", decision.ref)
        if decision.on_time:
            note(decision.owner, "decisions_done_on_time", decision.ref)

    weight_map = {f: float(getattr(weights, f)) for f in FACTS}
    rows: list[tuple[str, dict[str, int], float]] = []
    for member in ids:
        facts = {f: len(evidence[member][f]) for f in FACTS}
        rows.append((member, facts, _score(sum(weight_map[f] * facts[f] for f in FACTS))))
    order = sorted(range(len(rows)), key=lambda i: (-rows[i][2], i))
    ranked: list[MemberEvaluation] = []
    for position, i in enumerate(order, start=1):
        member, facts, score = rows[i]
        rank = ranked[-1].rank if ranked and ranked[-1].score == score else position
        ranked.append(MemberEvaluation(member, alliance.member(member).label, facts,
                                       evidence[member], score, rank))
    groups = group_counts(records, alliance.label, [
        m for m in records.group_meetings_until(day) if m.date.year == year], day)
    return Evaluation(alliance.id, alliance.label, year, day,
                      {f: _score(w) for f, w in weight_map.items()}, tuple(ranked),
                      tuple(groups))


# ---------------------------------------------------------------------------- output

def evaluation_kind(year: int) -> str:
    return f"evaluation-{year}"


def ref_label(ref: str) -> str:
    """A ref as a document names it: meeting.3 → 第3次联席会议, activity.2 → 第2项联建活动,
    plan.2025.4 → 2025年计划第4项, needs.2 → 需求清单第2项, 3.1 → 议定事项3.1."""
    parts = ref.split(".")
    lists = {"needs": "需求清单", "resources": "资源清单", "services": "服务清单"}
    if parts[0] == "meeting":
        return f"第{parts[1]}次联席会议"
    if parts[0] == "activity":
        return f"第{parts[1]}项联建活动"
    if parts[0] == "plan":
        return f"{parts[1]}年计划第{parts[2]}项"
    if parts[0] in lists:
        return f"{lists[parts[0]]}第{parts[1]}项"
    return f"议定事项{ref}"


def _table(evaluation: Evaluation) -> tuple[list[str], list[list[object]]]:
    header = ["名次", "成员单位", *(FACT_LABELS[f] for f in FACTS), "得分", "依据"]
    rows: list[list[object]] = []
    for m in evaluation.members:
        basis = "；".join(f"{FACT_LABELS[f]}：{'、'.join(map(ref_label, m.evidence[f]))}"
                         for f in FACTS if m.evidence[f] and f != "meetings_held")
        rows.append([m.rank, m.name, *(m.facts[f] for f in FACTS), m.score, basis])
    return header, rows


def evaluation_xlsx(evaluation: Evaluation, *, author: str) -> bytes:
    """The .xlsx: the table, then the weights; every text cell is text, never a formula."""
    import io
    import zipfile

    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    from pbctl.fsutil import normalize_zip
    from pbctl.tracking.xlsx import _Styles, fit_row_heights

    wb = Workbook()
    style = _Styles()
    header, rows = _table(evaluation)
    ws = wb.active
    ws.title = "成效联评"
    _fill(ws, style, header, rows)
    ws.freeze_panes = "C2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    weight_rows: list[list[object]] = [[FACT_LABELS[f], f, evaluation.weights[f]]
                                       for f in FACTS]
    _fill(wb.create_sheet("评分权重"), style, ("指标", "键", "每项分值"), weight_rows)
    if evaluation.groups:  # each group's own meetings of the year, counted and listed
        from pbctl.tracking.xlsx import group_rows

        groups = wb.create_sheet("联组会议")
        _fill(groups, style, *group_rows(evaluation.groups, many=False))
        groups.freeze_panes = "A2"
    fit_row_heights(wb)
    moment = dt.datetime(evaluation.as_of.year, evaluation.as_of.month, evaluation.as_of.day)
    props = wb.properties
    props.creator = props.lastModifiedBy = author
    props.title = evaluation.title
    props.created = props.modified = moment
    buffer = io.BytesIO()
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)
    ExcelWriter(wb, archive).save()
    return normalize_zip(buffer.getvalue())


def _fill(ws: Any, style: Any, header: Sequence[str],
          rows: Sequence[Sequence[object]]) -> None:
    """A header row and the rows below it, styled, every string a string."""
    from pbctl.tracking.xlsx import _widths

    for j, name in enumerate(header, start=1):
        style.head(ws.cell(row=1, column=j, value=name))
    for i, row in enumerate(rows, start=2):
        for j, value in enumerate(row, start=1):
            cell = ws.cell(row=i, column=j)
            _set(cell, value)
            style.body(cell)
    _widths(ws, header, rows)


def group_sentence(group: GroupCount) -> str:
    """软件联组召开联组会议2次：第一次软件联组会议（2024年5月2日）、…；形成议定事项1项，
    已落实1项。 — or 第二联组未召开联组会议。"""
    if not group.held:
        return f"{group.name}未召开联组会议。"
    decisions = f"；形成议定事项{group.decisions}项，已落实{group.done}项" if group.decisions \
        else ""
    return (f"{group.name}召开联组会议{group.held}次：{'、'.join(group.meetings)}"
            f"{decisions}。")


def _set(cell: object, value: object) -> None:
    """A value into a cell; a string always as a string (``=1+1`` stays text)."""
    cell.value = value  # type: ignore[attr-defined]
    if isinstance(value, str):
        cell.data_type = "s"  # type: ignore[attr-defined]


def evaluation_docx(evaluation: Evaluation, settings: Settings, *, author: str) -> bytes:
    """The evaluation as a landscape GB/T 9704 .docx: title, year, the table, the weights."""
    from pbctl.document.blocks import DocumentSpec, Paragraph, Run, Subtitle, Table, Title
    from pbctl.document.writer import write_docx

    header, rows = _table(evaluation)
    head = tuple((Run(name),) for name in header[:-1])
    body = tuple(tuple((Run(str(cell)),) for cell in row[:-1]) for row in rows)
    weights = "；".join(f"{FACT_LABELS[f]}每项{evaluation.weights[f]}分"
                       for f in FACTS if evaluation.weights[f])
    # Members with nothing to count are named in the table (0 分); listing each again here
    # with "无" would fill pages for a street committee of 191 organizations.
    basis = [Paragraph((Run(f"{m.name}：{row[-1]}"),))
             for m, row in zip(evaluation.members, rows, strict=True) if row[-1]]
    if len(basis) < len(rows):
        basis.append(Paragraph((Run(
            "其余成员单位本年度无计分事项。" if basis else "各成员单位本年度均无计分事项。"),)))
    spec = DocumentSpec(
        title=evaluation.title, author=author, subject=evaluation.title, keywords="evaluation",
        created=f"{evaluation.as_of.isoformat()}T00:00:00Z", landscape=True,
        blocks=[Title(evaluation.title),
                Subtitle((Run(f"（截至{evaluation.as_of.year}年{evaluation.as_of.month}月"
                              f"{evaluation.as_of.day}日）", "kai"),)),
                Table(head, body),
                Paragraph((Run(f"评分办法：{weights}。"),)),
                Paragraph((Run("计分依据：", "hei"),)), *basis,
                *([Paragraph((Run("联组（专委会）会议情况（不计分）：", "hei"),)),
                   *(Paragraph((Run(group_sentence(g)),)) for g in evaluation.groups)]
                  if evaluation.groups else [])],
    )
    return write_docx(spec, settings.fonts)
