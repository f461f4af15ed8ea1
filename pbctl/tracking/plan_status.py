"""Where the year's work stands on a day: the plan item by item, the three lists counted.

Read side only: plans and lists are loaded (validated) from the alliance's folder and
looked at ``as_of`` — a thing done after ``as_of`` is not done yet on that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pbctl.definition.plan import LIST_KINDS, ListsFile, Plan, due_label

if TYPE_CHECKING:
    from pbctl.tracking.records import AllianceRecords
    from pbctl.tracking.schedule import DueItem

ItemState = Literal["done", "overdue", "open"]
ListState = Literal["open", "claimed", "done"]
STATE_LABELS = {"done": "已完成", "overdue": "逾期未完成", "open": "推进中",
                "claimed": "已认领"}


@dataclass(frozen=True)
class PlanItemState:
    ref: str  # plan.2025.3
    number: int
    text: str
    area: str | None
    project: str | None
    owner: str
    owner_name: str
    partners: tuple[str, ...]  # names
    due: str | None  # the spec as written: 2025-06-30, 2025-06, 2025Q2
    due_by: dt.date | None
    done_date: dt.date | None  # only when done on or before as_of
    note: str | None
    state: ItemState
    carried_out_by: tuple[str, ...]  # meeting.3, activity.2 naming the item

    @property
    def on_time(self) -> bool:
        return self.done_date is not None and (self.due_by is None
                                               or self.done_date <= self.due_by)

    @property
    def due_text(self) -> str:
        return due_label(self.due) if self.due else ""

    def as_dict(self) -> dict[str, object]:
        return {"ref": self.ref, "text": self.text, "area": self.area,
                "project": self.project, "owner": self.owner, "partners": list(self.partners),
                "due": self.due, "due_by": self.due_by.isoformat() if self.due_by else None,
                "state": self.state, "done": self.done_date.isoformat()
                if self.done_date else None, "on_time": self.on_time, "note": self.note,
                "carried_out_by": list(self.carried_out_by)}


@dataclass(frozen=True)
class ListItemState:
    ref: str  # needs.4
    kind: str
    text: str
    member: str
    member_name: str
    raised: dt.date
    claimed_by: str | None  # only when claimed on or before as_of
    claimed_by_name: str
    claimed_on: dt.date | None
    due_by: dt.date | None
    done_date: dt.date | None
    note: str | None
    state: ListState
    overdue: bool

    def as_dict(self) -> dict[str, object]:
        return {"ref": self.ref, "text": self.text, "member": self.member,
                "raised": self.raised.isoformat(), "claimed_by": self.claimed_by,
                "claimed": self.claimed_on.isoformat() if self.claimed_on else None,
                "due": self.due_by.isoformat() if self.due_by else None,
                "done": self.done_date.isoformat() if self.done_date else None,
                "state": self.state, "overdue": self.overdue}


@dataclass(frozen=True)
class YearState:
    """The plan of ``as_of``'s year (if any) and the lists, on ``as_of``."""

    as_of: dt.date
    plan: Plan | None
    plan_items: tuple[PlanItemState, ...]
    lists: tuple[ListItemState, ...]  # raised on or before as_of

    def plan_counts(self) -> dict[str, object]:
        items = self.plan_items
        return {"year": self.plan.year if self.plan else None, "total": len(items),
                "done": sum(1 for i in items if i.state == "done"),
                "overdue": sum(1 for i in items if i.state == "overdue")}

    @property
    def overdue_plan_items(self) -> int:
        return sum(1 for i in self.plan_items if i.state == "overdue")

    def list_counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for kind in LIST_KINDS:
            items = [i for i in self.lists if i.kind == kind]
            out[kind] = {state: sum(1 for i in items if i.state == state)
                         for state in ("open", "claimed", "done")}
            out[kind]["overdue"] = sum(1 for i in items if i.overdue)
        return out

    def items_of(self, kind: str) -> list[ListItemState]:
        return [i for i in self.lists if i.kind == kind]


def plan_item_states(records: AllianceRecords, plan: Plan, as_of: dt.date
                     ) -> list[PlanItemState]:
    """Every item of ``plan`` on ``as_of``, with the meetings and activities naming it."""
    carried: dict[str, list[str]] = {}
    for meeting in records.meetings_until(as_of):
        for ref in meeting.plan_items:
            carried.setdefault(ref, []).append(f"meeting.{meeting.number}")
    for activity in records.activities_until(as_of):
        for ref in activity.plan_items:
            carried.setdefault(ref, []).append(f"activity.{activity.number}")
    out: list[PlanItemState] = []
    for n, item in enumerate(plan.items, start=1):
        ref = f"plan.{plan.year}.{n}"
        done = item.done if item.done and item.done.date <= as_of else None
        due_by = item.due_by
        state: ItemState = "done" if done else (
            "overdue" if due_by is not None and due_by < as_of else "open")
        out.append(PlanItemState(
            ref=ref, number=n, text=item.text, area=item.area, project=item.project,
            owner=item.owner, owner_name=records.member_label(item.owner),
            partners=tuple(records.member_label(p) for p in item.partners), due=item.due,
            due_by=due_by, done_date=done.date if done else None,
            note=done.note if done else None, state=state,
            carried_out_by=tuple(carried.get(ref, ()))))
    return out


def list_item_states(records: AllianceRecords, lists: ListsFile, as_of: dt.date
                     ) -> list[ListItemState]:
    out: list[ListItemState] = []
    for kind in LIST_KINDS:
        for n, item in enumerate(lists.items(kind), start=1):
            if item.raised > as_of:
                continue
            claim = item.claimed if item.claimed and item.claimed.date <= as_of else None
            done = item.done if item.done and item.done.date <= as_of else None
            state: ListState = "done" if done else "claimed" if claim else "open"
            due_by = item.due_by
            out.append(ListItemState(
                ref=f"{kind}.{n}", kind=kind, text=item.text, member=item.member,
                member_name=records.member_label(item.member), raised=item.raised,
                claimed_by=claim.by if claim else None,
                claimed_by_name=records.member_label(claim.by if claim else None),
                claimed_on=claim.date if claim else None, due_by=due_by,
                done_date=done.date if done else None, note=done.note if done else None,
                state=state, overdue=done is None and due_by is not None and due_by < as_of))
    return out


def year_state(records: AllianceRecords, as_of: dt.date, year: int | None = None
               ) -> YearState:
    """The plan of ``year`` (default: ``as_of``'s year) and the lists, on ``as_of``."""
    from pbctl.definition.plan import load_lists, load_plans

    plans = load_plans(records.folder, records.alliance)
    plan = plans.get(year or as_of.year)
    lists = load_lists(records.folder, records.alliance)
    return YearState(as_of, plan,
                     tuple(plan_item_states(records, plan, as_of)) if plan else (),
                     tuple(list_item_states(records, lists, as_of)))


def year_due_items(records: AllianceRecords, as_of: dt.date, horizon: dt.date
                   ) -> list[DueItem]:
    """Plan items of ``as_of``'s year and claimed needs not done, due by ``horizon``."""
    from pbctl.tracking.schedule import DueItem

    alliance = records.alliance
    name = alliance.label
    state = year_state(records, as_of)
    items: list[DueItem] = []
    for item in state.plan_items:
        if item.state == "done" or item.due_by is None or item.due_by > horizon:
            continue
        items.append(DueItem(
            alliance.id, alliance.name, "plan", item.due_by,
            f"{name}计划事项{item.ref}到期：{item.text}",
            f"责任单位：{item.owner_name}；完成时限：{item.due_text}",
            item.state == "overdue", f"{alliance.id}-{item.ref}@pbctl"))
    for need in state.items_of("needs"):
        if need.state != "claimed" or need.due_by is None or need.due_by > horizon:
            continue
        items.append(DueItem(
            alliance.id, alliance.name, "need", need.due_by,
            f"{name}需求{need.ref}到期：{need.text}",
            f"认领单位：{need.claimed_by_name}；提出单位：{need.member_name}",
            need.overdue, f"{alliance.id}-{need.ref}@pbctl"))
    return items
