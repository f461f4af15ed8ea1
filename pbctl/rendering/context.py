"""What templates see: the validated model plus a few derived, ready-to-print values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pbctl.definition.model import Alliance, Member
from pbctl.rendering.plain import Helper
from pbctl.rendering.templating import Markup, escape

#: Past this many parties the agreement names its members in an annex and signs as a list.
MAX_NAMED_PARTIES = 10


@dataclass(frozen=True)
class PartyView:
    label: str  # 甲方 … (or 成员单位十一 past ten)
    member: Member


def parties(alliance: Alliance) -> list[PartyView]:
    """The parties in signing order: the lead first, then the members as listed."""
    from pbctl.numerals import cn_number, stem_label

    ordered = [alliance.lead_member] + [m for m in alliance.members if m.id != alliance.lead]
    return [
        PartyView(stem_label(i) if i < 10 else f"成员单位{cn_number(i + 1)}", member)
        for i, member in enumerate(ordered)
    ]


def signatures(views: list[PartyView]) -> Markup:
    """A ``signatures`` directive for these parties (names escaped; the parser unescapes)."""
    lines = [f"{view.label}: {escape(view.member.name)}" for view in views]
    return Markup("```signatures\n" + "\n".join(lines) + "\n```\n")


def signoff(*lines: Any) -> Markup:
    """A ``signoff`` directive: right-aligned issuer/date lines."""
    return Markup("```signoff\n" + "\n".join(escape(line) for line in lines) + "\n```\n")


def attachment(label: str, title: str) -> Markup:
    return Markup(f"```attachment\n{escape(label)}\n{escape(title)}\n```\n")


def alliance_context(alliance: Alliance) -> dict[str, Any]:
    views = parties(alliance)
    groups = [
        {
            "group": group,
            "name": group.name,
            "members": [alliance.member(i) for i in group.members],
            "lead": alliance.member(group.lead) if group.lead else None,
            "duties": group.duties,
        }
        for group in alliance.groups
    ]
    pairings = [
        {"a": alliance.member(p.a), "b": alliance.member(p.b), "note": p.note}
        for p in alliance.pairings
    ]
    projects = [
        {"project": p, "name": p.name, "description": p.description,
         "owner": alliance.member(p.owner) if p.owner else None}
        for p in alliance.projects
    ]
    return {
        "alliance": alliance,
        "members": alliance.members,
        # the members under their parents (上级党组织), for the member annexes; a table
        # cell loses leading spaces, so a child is marked └ (└── one level deeper …)
        "member_tree": [{"member": m, "depth": d,
                         "indent": "└─" + "──" * (d - 1) if d else ""}
                        for m, d in alliance.member_tree()],
        "lead": alliance.lead_member,
        "secretariat": alliance.secretariat_member,
        "parties": views,
        "many_parties": len(views) > MAX_NAMED_PARTIES,
        "groups": groups,
        "pairings": pairings,
        "projects": projects,
        "member": Helper(alliance.member),
        "term_start": alliance.term_start,
        "term_end": alliance.term_end,
        "signing_date": alliance.signing_date,
        "founders": alliance.founder_members,
        "member_total": alliance.total_members,
        "copies": alliance.copy_count,
        "signatures": Helper(signatures),
        "signoff": Helper(signoff),
        "attachment": Helper(attachment),
    }
