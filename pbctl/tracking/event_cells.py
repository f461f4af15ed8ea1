"""What an event adds to its ledger row: guests, visited sites, headcount, speeches and
evidence (佐证材料), as text for the ledger's existing columns."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pbctl.definition.model import Event
    from pbctl.tracking.records import AllianceRecords


def _join(values: list[str], sep: str = "、") -> str:
    return sep.join(v for v in values if v)


def guests_text(event: Event) -> str:
    """出席领导：… / 嘉宾：… lines."""
    from pbctl.rendering.events import ROLE_LABELS

    lines = []
    for role in ("leader", "witness", "guest", "lecturer", "host"):
        people = [(g.unit or "") + (g.title or "") + g.name
                  if not (g.title and g.unit and g.title.startswith(g.unit))
                  else g.title + g.name for g in event.guests_as(role)]
        if people:
            lines.append(f"{ROLE_LABELS[role]}：{_join(people, '，')}")
    return "\n".join(lines)


def sites_text(event: Event) -> str:
    sites = [s.name + (f"（{s.host}）" if s.host else "") for s in event.sites]
    return f"参观：{_join(sites)}" if sites else ""


def speeches_text(event: Event, records: AllianceRecords) -> str:
    """发言：speaker (title, unit): summary, one a line."""
    lines = []
    for s in event.speeches:
        unit = records.member_label(s.member) if s.member else (s.unit or "")
        who = _join([unit, s.title or "", s.speaker or ""], "")
        lines.append(f"{who}：{s.summary}" if s.summary else who)
    return "发言：\n" + "\n".join(lines) if lines else ""


def headcount_text(event: Event) -> str:
    from pbctl.rendering.events import headcount_text as text

    return f"共{text(event.headcount)}" if event.headcount is not None else ""


def evidence_text(event: Event, documents: list[str]) -> str:
    """佐证材料: the rendered documents named, then the attachments' captions."""
    return _join([*documents, *(a.label for a in event.attachments)])


def with_lines(*values: str) -> str:
    return "\n".join(v for v in values if v)


def docx_content(values: dict[str, str]) -> str:
    """The .docx ledger's 主要内容 cell: place, headcount and evidence before and after the
    content, as the landscape page has no columns for them."""
    place, count, evidence = values.get("地点", ""), values.get("应到/实到", ""), \
        values.get("佐证材料", "")
    return with_lines(f"地点：{place}" if place else "", f"人数：{count}" if count else "",
                      values.get("主要内容", ""), f"佐证材料：{evidence}" if evidence else "")
