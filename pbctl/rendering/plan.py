"""Render the annual plan (年度工作计划): ``plan/plan.md.j2`` → .docx, kind ``plan-<year>``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pbctl.definition.model import Alliance
from pbctl.definition.plan import Plan, due_label
from pbctl.definition.settings import Settings
from pbctl.rendering.render import Rendered

OTHER_GROUP = "其他工作"
PROJECT_GROUP = "品牌项目建设"


def plan_kind(year: int) -> str:
    return f"plan-{year}"


def plan_context(alliance: Alliance, plan: Plan) -> dict[str, Any]:
    """The alliance context plus the plan's items grouped by area: a new group wherever the
    area changes, so the 序号 (the item's number, as in plan.YEAR.N) always run in order."""
    from pbctl.numerals import cn_number
    from pbctl.rendering.context import alliance_context

    def label(member_id: str) -> str:
        try:
            return alliance.member(member_id).label
        except KeyError:
            return member_id

    groups: list[tuple[str, list[dict[str, Any]]]] = []
    for n, item in enumerate(plan.items, start=1):
        group = item.area or (PROJECT_GROUP if item.project else OTHER_GROUP)
        if not groups or groups[-1][0] != group:
            groups.append((group, []))
        groups[-1][1].append({
            "number": n, "text": item.text, "owner": label(item.owner),
            "partners": [label(p) for p in item.partners],
            "due": due_label(item.due, plan.year) if item.due else None,
        })
    context = alliance_context(alliance)
    context.update({
        "plan_title": plan.title or f"{alliance.label}{plan.year}年度工作计划",
        "year": plan.year,
        "groups": [{"name": name, "items": items} for name, items in groups],
        "item_count": len(plan.items),
        "adopted": plan.adopted,
        "meeting_title": f"第{cn_number(plan.meeting)}次联席会议" if plan.meeting else None,
        "issued": plan_date(plan),
    })
    return context


def plan_date(plan: Plan) -> dt.date:
    """The date the plan is issued under: the day it was adopted, else 1 January."""
    return plan.adopted or dt.date(plan.year, 1, 1)


def render_plan(alliance: Alliance, plan: Plan, *, settings: Settings | None = None,
                templates: Path | None = None) -> Rendered:
    """Render the 年度工作计划 of ``plan``."""
    from pbctl.rendering.render import build_docx
    from pbctl.rendering.templating import TEMPLATE_NAMES, render_template

    settings = settings or Settings()
    context = plan_context(alliance, plan)
    text, source = render_template(TEMPLATE_NAMES["plan"], context, templates)
    data = build_docx(
        text, source, title=context["plan_title"],
        author=settings.author or alliance.secretariat_member.name, subject=alliance.name,
        keywords="plan", created=plan_date(plan), settings=settings,
    )
    return Rendered(plan_kind(plan.year), data, source)
