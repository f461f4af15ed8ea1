"""The year's work as data: the annual plan (``plans/<YEAR>.yaml``) and the three lists as
live items (``lists.yaml``), with their cross-reference checks (file, line, field).

A due date may be a day (``2025-06-30``), a month (``2025-06``) or a quarter (``2025Q2``);
a month or a quarter means its last day. Items are referred to as ``plan.2025.3`` (the
third item of the 2025 plan) and ``needs.4`` (the fourth need); numbers are positions.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from pbctl import constants as C
from pbctl.definition.model import Alliance, Date, Done, NonEmpty, Slug, Text, _Model
from pbctl.definition.yamlio import Document, PathKey
from pbctl.errors import Problem, ValidationError
from pbctl.i18n import _

PLANS_DIR = "plans"
LISTS_FILE = "lists.yaml"
LIST_KINDS: tuple[str, ...] = ("resources", "services", "needs")
ListKind = Literal["resources", "services", "needs"]

_MONTH = re.compile(r"(\d{4})-(\d{1,2})\Z")
_QUARTER = re.compile(r"(\d{4})\s*[Qq]([1-4])\Z")


def _parse_due(value: Any) -> Any:
    """A day, a month or a quarter, normalized: ``2025-06-30``, ``2025-06``, ``2025Q2``."""
    from pbctl.numerals import parse_date

    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        month = _MONTH.match(text)
        if month and 1 <= int(month.group(2)) <= 12:
            return f"{int(month.group(1)):04d}-{int(month.group(2)):02d}"
        quarter = _QUARTER.match(text)
        if quarter:
            return f"{quarter.group(1)}Q{quarter.group(2)}"
        try:
            return parse_date(text).isoformat()
        except ValueError:
            pass
    raise ValueError(_("expected a day (2025-06-30), a month (2025-06) or a quarter (2025Q2), "
                       "got {value!r}").format(value=value))


Due = Annotated[str, BeforeValidator(_parse_due, json_schema_input_type=str)]


def due_date(spec: str) -> dt.date:
    """The last day a normalized due ``spec`` allows."""
    quarter = _QUARTER.match(spec)
    if quarter:
        year, q = int(quarter.group(1)), int(quarter.group(2))
        return _month_end(year, 3 * q)
    month = _MONTH.match(spec)
    if month:
        return _month_end(int(month.group(1)), int(month.group(2)))
    return dt.date.fromisoformat(spec)


def due_label(spec: str, year: int | None = None) -> str:
    """How a document prints a due ``spec``: 2025年6月30日前, 2025年6月底, 2025年第二季度;
    without the year when it is ``year`` (6月30日前, 6月底, 第二季度)."""
    from pbctl.numerals import cn_number

    quarter = _QUARTER.match(spec)
    month = _MONTH.match(spec)
    day = None if quarter or month else dt.date.fromisoformat(spec)
    spec_year = day.year if day else int((quarter or month).group(1))  # type: ignore[union-attr]
    prefix = "" if spec_year == year else f"{spec_year}年"
    if quarter:
        return f"{prefix}第{cn_number(int(quarter.group(2)))}季度"
    if month:
        return f"{prefix}{int(month.group(2))}月底"
    assert day is not None
    return f"{prefix}{day.month}月{day.day}日前"


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


class PlanItem(_Model):
    """One item of the annual plan (工作要点): what, who, with whom, by when."""

    text: NonEmpty
    area: Text | None = Field(None, description="The co-building area (共建内容) it serves")
    project: Text | None = Field(None, description="The service project (品牌项目) it serves")
    owner: Slug = Field(description="Member id of the unit responsible (责任单位)")
    partners: list[Slug] = Field([], description="Member ids of the units helping (配合单位)")
    due: Due | None = Field(None, description="2025-06-30, 2025-06 or 2025Q2")
    done: Done | None = None

    @property
    def due_by(self) -> dt.date | None:
        return due_date(self.due) if self.due else None


class Plan(_Model):
    """An annual work plan (年度工作计划): ``alliances/<id>/plans/<YEAR>.yaml``."""

    year: Annotated[int, Field(strict=True, ge=1921, le=2200)]
    title: Text | None = Field(None, description="Defaults to <alliance>YEAR年度工作计划")
    adopted: Date | None = Field(None, description="The day the joint meeting adopted it")
    meeting: Annotated[int, Field(strict=True, ge=1)] | None = Field(
        None, description="The number of the joint meeting that adopted it")
    items: list[PlanItem] = Field([])


class Claim(_Model):
    """Who took a list item on (认领), and when."""

    by: Slug
    date: Date


class ListItem(_Model):
    """An item of one of the three lists: offered (resources, services) or raised (needs)."""

    text: NonEmpty
    member: Slug = Field(description="Member id of the unit that offers or raises it")
    raised: Date
    claimed: Claim | None = None
    due: Due | None = None
    done: Done | None = None

    @property
    def due_by(self) -> dt.date | None:
        return due_date(self.due) if self.due else None


class ListsFile(_Model):
    """The three lists as live items: ``alliances/<id>/lists.yaml``."""

    resources: list[ListItem] = Field([])
    services: list[ListItem] = Field([])
    needs: list[ListItem] = Field([])

    def items(self, kind: str) -> list[ListItem]:
        value: list[ListItem] = getattr(self, kind)
        return value


# ---------------------------------------------------------------------------- references

_PLAN_REF = re.compile(r"plan\.(\d{4})\.(\d+)\Z")
_LIST_REF = re.compile(r"(resources|services|needs)\.(\d+)\Z")
_DECISION_REF = re.compile(r"(\d+)\.(\d+)\Z")


def parse_tracked_ref(ref: str) -> tuple[str, int, int]:
    """``1.2`` → ("decision", 1, 2); ``plan.2025.3`` → ("plan", 2025, 3);
    ``needs.4`` → ("needs", 0, 4). ValueError saying what is expected otherwise."""
    text = ref.strip()
    for pattern, kind in ((_DECISION_REF, "decision"), (_PLAN_REF, "plan")):
        match = pattern.match(text)
        if match and int(match.group(2)) >= 1 and int(match.group(1)) >= 1:
            return kind, int(match.group(1)), int(match.group(2))
    match = _LIST_REF.match(text)
    if match and int(match.group(2)) >= 1:
        return match.group(1), 0, int(match.group(2))
    raise ValueError(_("expected a decision (3.2), a plan item (plan.2025.3) or a list item "
                       "(needs.4, resources.1, services.2), got {value!r}").format(value=ref))


def plan_path(alliance_dir: Path, year: int) -> Path:
    return alliance_dir / PLANS_DIR / f"{year}.yaml"


def lists_path(alliance_dir: Path) -> Path:
    return alliance_dir / LISTS_FILE


# ---------------------------------------------------------------------------- checks


class _Checks:
    def __init__(self, doc: Document, alliance: Alliance) -> None:
        self.doc = doc
        self.ids = [m.id for m in alliance.members]
        self.problems: list[Problem] = []

    def add(self, loc: PathKey, message: str, hint: str | None = None) -> None:
        from pbctl.definition.yamlio import format_path

        line, col = self.doc.position(loc)
        self.problems.append(Problem(self.doc.path, message, line, col, format_path(loc), hint))

    def member(self, loc: PathKey, member_id: str) -> None:
        from pbctl.definition.problems import did_you_mean

        if member_id not in self.ids:
            self.add(loc, f"no member has the id {member_id!r}",
                     did_you_mean(member_id, self.ids)
                     or f"member ids: {', '.join(self.ids)}")


def check_plan_refs(doc: Document, plan: Plan, alliance: Alliance) -> list[Problem]:
    """Members that must exist, a year not before the founding, dues inside the year."""
    checks = _Checks(doc, alliance)
    if plan.year < alliance.founded.year:
        checks.add(("year",), f"the plan for {plan.year} is before the alliance was founded "
                   f"({alliance.founded.isoformat()})")
    for i, item in enumerate(plan.items):
        checks.member(("items", i, "owner"), item.owner)
        for j, partner in enumerate(item.partners):
            checks.member(("items", i, "partners", j), partner)
        if item.due is not None and item.due_by is not None \
                and item.due_by.year != plan.year:
            checks.add(("items", i, "due"), f"due {item.due} is outside the plan's year "
                       f"{plan.year}")
        if item.done is not None and item.done.date.year < plan.year:
            checks.add(("items", i, "done", "date"), f"done {item.done.date.isoformat()} is "
                       f"before the plan's year {plan.year}")
    return checks.problems


def check_lists_refs(doc: Document, lists: ListsFile, alliance: Alliance) -> list[Problem]:
    """Members that must exist and dates in order (raised ≤ claimed ≤ done)."""
    checks = _Checks(doc, alliance)
    for kind in LIST_KINDS:
        for i, item in enumerate(lists.items(kind)):
            checks.member((kind, i, "member"), item.member)
            if item.raised < alliance.founded:
                checks.add((kind, i, "raised"), f"{item.raised.isoformat()} is before the "
                           f"alliance was founded ({alliance.founded.isoformat()})")
            if item.claimed is not None:
                checks.member((kind, i, "claimed", "by"), item.claimed.by)
                if item.claimed.date < item.raised:
                    checks.add((kind, i, "claimed", "date"),
                               f"claimed {item.claimed.date.isoformat()} before it was raised "
                               f"({item.raised.isoformat()})")
            if item.done is not None and item.done.date < item.raised:
                checks.add((kind, i, "done", "date"),
                           f"done {item.done.date.isoformat()} before it was raised "
                           f"({item.raised.isoformat()})")
    return checks.problems


def validate_plan(doc: Document, alliance: Alliance | None, *, path: Path | None = None
                  ) -> tuple[Plan | None, list[Problem]]:
    """The plan and every problem; given ``path``, its year must match the file name."""
    from pbctl.definition.problems import validate_model

    plan, problems = validate_model(doc, Plan)
    if plan is None:
        return None, problems
    if path is not None and path.stem.isdigit() and int(path.stem) != plan.year:
        line, col = doc.position(("year",))
        problems.append(Problem(doc.path, f"year {plan.year} does not match the file name "
                                f"{path.name}", line, col, "year"))
    if alliance is not None:
        problems += check_plan_refs(doc, plan, alliance)
    return (None if problems else plan), problems


def validate_lists(doc: Document, alliance: Alliance | None
                   ) -> tuple[ListsFile | None, list[Problem]]:
    from pbctl.definition.problems import validate_model

    if doc.data is None:
        return ListsFile(), []
    lists, problems = validate_model(doc, ListsFile)
    if lists is None:
        return None, problems
    if alliance is not None:
        problems += check_lists_refs(doc, lists, alliance)
    return (None if problems else lists), problems


def load_plans(alliance_dir: Path, alliance: Alliance) -> dict[int, Plan]:
    """Every ``plans/<YEAR>.yaml`` of an alliance, by year; ValidationError with all
    problems of all of them."""
    from pbctl.definition import yamlio
    from pbctl.definition.workspace import display_path

    folder = alliance_dir / PLANS_DIR
    plans: dict[int, Plan] = {}
    problems: list[Problem] = []
    if folder.is_dir():
        for path in sorted(folder.glob("*.y*ml")):
            if path.name.startswith("."):
                continue
            try:
                doc = yamlio.load(path, display_path(path))
            except ValidationError as exc:
                problems += exc.problems
                continue
            plan, found = validate_plan(doc, alliance, path=path)
            problems += found
            if plan is not None:
                plans[plan.year] = plan
    if problems:
        raise ValidationError(problems)
    return plans


def load_lists(alliance_dir: Path, alliance: Alliance) -> ListsFile:
    """``lists.yaml`` of an alliance (empty lists when there is none)."""
    from pbctl.definition import yamlio
    from pbctl.definition.workspace import display_path

    path = lists_path(alliance_dir)
    if not path.is_file():
        return ListsFile()
    lists, problems = validate_lists(yamlio.load(path, display_path(path)), alliance)
    if lists is None:
        raise ValidationError(problems)
    return lists


def is_plan_file(path: Path) -> bool:
    """``alliances/<id>/plans/<YEAR>.yaml`` beside a definition."""
    return path.parent.name == PLANS_DIR and (path.parent.parent / C.ALLIANCE_FILE).is_file()


def is_lists_file(path: Path) -> bool:
    return path.name == LISTS_FILE and (path.parent / C.ALLIANCE_FILE).is_file()


def check_plan_item_refs(doc: Document, plans: dict[int, Plan]) -> list[Problem]:
    """A meeting's or activity's ``plan_items`` must name items that exist."""
    from pbctl.definition.yamlio import format_path

    data = doc.data if isinstance(doc.data, dict) else {}
    refs = data.get("plan_items")
    problems: list[Problem] = []
    for i, ref in enumerate(refs if isinstance(refs, list) else []):
        match = _PLAN_REF.match(ref) if isinstance(ref, str) else None
        if match is None:
            continue  # the schema reports it
        year, number = int(match.group(1)), int(match.group(2))
        plan = plans.get(year)
        if plan is None:
            message, hint = f"there is no plan for {year}", "write it with pbctl plan new"
        elif number > len(plan.items):
            message, hint = (f"the {year} plan has no item {number}",
                             f"it has {len(plan.items)} items")
        else:
            continue
        line, col = doc.position(("plan_items", i))
        problems.append(Problem(doc.path, message, line, col,
                                format_path(("plan_items", i)), hint))
    return problems


def plan_refs_label(refs: list[str]) -> str:
    """``[plan.2025.1, plan.2025.3]`` → ``2025年计划第1、3项`` (the ledger's 对应计划事项)."""
    by_year: dict[str, list[str]] = {}
    for ref in refs:
        match = _PLAN_REF.match(ref)
        if match:
            by_year.setdefault(match.group(1), []).append(match.group(2))
    return "；".join(f"{year}年计划第{'、'.join(numbers)}项"
                    for year, numbers in by_year.items())
