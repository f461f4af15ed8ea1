"""Write an annual plan: ``alliances/<id>/plans/<YEAR>.yaml``, prefilled from the
definition's areas and projects, validated, recorded as one commit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pbctl.definition.model import Alliance
from pbctl.definition.workspace import Workspace
from pbctl.errors import PbctlError, Problem, ValidationError
from pbctl.i18n import _

FORM_HEADER = """\
# {title}
# 每一项：text 工作内容；area 共建领域；project 品牌项目；owner 责任单位（成员 id）；
# partners 配合单位（成员 id 列表）；due 完成时限：日期 2025-06-30、月份 2025-06 或季度 2025Q2
# （月份、季度指其最后一天）；done 完成情况 {{date, note}}（用 pbctl done 登记）。
# 成员 id：{members}
"""
EDITOR_NOTE = "# 保存并关闭即登记；不修改或清空则不登记。\n"


def prefilled_plan(alliance: Alliance, year: int) -> dict[str, Any]:
    """One item per undertaking of each area and per project; owner = the project's owner,
    else the lead; due dates spread over the year's quarters."""
    items: list[dict[str, Any]] = []
    for area in alliance.areas:
        for undertaking in area.items or [area.name]:
            items.append({"text": undertaking, "area": area.name, "owner": alliance.lead})
    for project in alliance.projects:
        text = project.description or f"实施“{project.name}”项目"
        items.append({"text": text, "project": project.name,
                      "owner": project.owner or alliance.lead})
    for i, item in enumerate(items):
        item["due"] = f"{year}Q{i * 4 // len(items) + 1}"
    return {"year": year, "title": plan_title(alliance, year), "items": items}


def plan_title(alliance: Alliance, year: int) -> str:
    return f"{alliance.label}{year}年度工作计划"


def plan_form(alliance: Alliance, year: int, *, editing: bool = False) -> str:
    """The commented YAML plan; ``editing``: as the form opened in $EDITOR."""
    from pbctl.definition import yamlio

    header = FORM_HEADER.format(title=plan_title(alliance, year),
                                members="、".join(f"{m.id}（{m.label}）"
                                                 for m in alliance.members))
    return header + (EDITOR_NOTE if editing else "") + yamlio.dumps(
        prefilled_plan(alliance, year))


@dataclass(frozen=True)
class PlanWritten:
    alliance_id: str
    year: int
    path: Path
    items: int
    commit: str | None


def write_plan(workspace: Workspace, alliance_id: str, year: int, text: str, *,
               display: str | None = None, message: str | None = None) -> PlanWritten:
    """Validate ``text`` (YAML, comments kept; ``display`` names it in messages) as the plan
    for ``year`` and record it.

    Refuses (nothing written) an invalid plan, a plan whose year is not ``year`` and a year
    that already has a plan."""
    from pbctl.definition import yamlio
    from pbctl.definition.loading import load_alliance
    from pbctl.definition.plan import plan_path, validate_plan
    from pbctl.definition.workspace import display_path
    from pbctl.records.api import record_files

    definition = workspace.resolve_alliance(alliance_id)
    alliance = load_alliance(definition, display=display_path(definition))
    path = plan_path(definition.parent, year)
    shown = display_path(path)
    doc = yamlio.loads(text, display or shown)
    if not isinstance(doc.data, dict) or not doc.data.get("items"):
        raise PbctlError(_("the plan for {year} has no items; nothing was recorded").format(
            year=year))
    if doc.data.get("year") != year:
        line, col = doc.position(("year",))
        raise ValidationError([Problem(doc.path, _("year {value!r} is not {year}, the year "
                                                   "asked for").format(
            value=doc.data.get("year"), year=year), line, col, "year")])
    plan, problems = validate_plan(doc, alliance, path=path)
    if plan is None:
        raise ValidationError(problems)
    if path.exists():
        raise PbctlError(_("{path} already exists").format(path=shown),
                         hint=_("edit it, then 'pbctl check'; mark items with 'pbctl done'"))

    def still_free() -> None:
        if path.exists():
            raise PbctlError(_("{path} already exists").format(path=shown))

    commit = record_files(workspace, {path: text}, f"plan({alliance.id}): {year} annual plan",
                          message=message, trailers={"Pbctl-Alliance": alliance.id},
                          prepare=still_free)
    return PlanWritten(alliance.id, year, path, len(plan.items), commit)


def plan_for_new(workspace: Workspace, alliance_id: str, year: int, *, editing: bool = False
                 ) -> tuple[Alliance, str]:
    """The alliance and the prefilled plan (``editing``: the form) for ``pbctl plan new``."""
    from pbctl.definition.loading import load_alliance
    from pbctl.definition.workspace import display_path

    definition = workspace.resolve_alliance(alliance_id)
    alliance = load_alliance(definition, display=display_path(definition))
    if year < alliance.founded.year:
        raise PbctlError(_("the plan for {year} is before the alliance was founded ({date})"
                           ).format(year=year, date=alliance.founded.isoformat()))
    if year > dt.date.today().year + 20:
        raise PbctlError(_("{year} is too far in the future").format(year=year),
                         hint=_("check the year"))
    return alliance, plan_form(alliance, year, editing=editing)
