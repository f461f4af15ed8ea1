"""Input for ``pbctl log``: flag values (``--decision "text;owner=id;due=…"``) and the
commented YAML form opened in $EDITOR."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pbctl.definition.model import ACTIVITY_KINDS, Alliance
from pbctl.errors import ValidationError, quoted
from pbctl.i18n import _

_NAME_SEP = re.compile(r"[,，、]")
MAX_LISTED = 30
MAX_PREFILLED = 12


def _bad(flag: str, spec: str, message: str) -> ValidationError:
    return ValidationError.single(flag, f"{quoted(spec)}: {message}")


def _parts(flag: str, spec: str, keys: tuple[str, ...], first: str) -> dict[str, str]:
    """``"head;k=v;k2=v2"`` → ``{first: head, k: v, k2: v2}``."""
    pieces = [p.strip() for p in spec.split(";")]
    out: dict[str, str] = {}
    head = pieces[0]
    if head:
        key, sep, value = head.partition("=")
        if sep and key.strip() in (first, *keys):
            out[key.strip()] = value.strip()
        else:
            out[first] = head
    for piece in pieces[1:]:
        if not piece:
            continue
        key, sep, value = piece.partition("=")
        key = key.strip()
        if not sep or key not in keys:
            raise _bad(flag, spec, f"cannot read {quoted(piece)}: expected one of "
                       + ", ".join(f"{k}=…" for k in keys))
        if key in out:
            raise _bad(flag, spec, f"{key}= is given twice; give each part once")
        out[key] = value.strip()
    return out


def parse_decision(spec: str) -> dict[str, str]:
    """``"完成调研;owner=lmz;due=2025-03-01"`` → ``{text, owner, due}``."""
    return _parts("--decision", spec, ("owner", "due"), "text")


def parse_speech(spec: str) -> dict[str, str]:
    """``"lmz;speaker=林某;summary=介绍经验"`` → ``{member, speaker, summary}``."""
    return _parts("--speech", spec, ("speaker", "summary"), "member")


def parse_attendance(spec: str, flag: str = "--attendee") -> dict[str, Any]:
    """``"lmz:张三,李四"`` (or just ``"lmz"``) → ``{member: lmz, names: [张三, 李四]}``."""
    member, _, names = spec.replace("：", ":").partition(":")
    member = member.strip()
    if not member:
        raise _bad(flag, spec, "expected MEMBER-ID or MEMBER-ID:name,name")
    listed = [n.strip() for n in _NAME_SEP.split(names) if n.strip()]
    return {"member": member, "names": listed} if listed else {"member": member}


def drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out keys the user did not give (None, empty lists)."""
    return {k: v for k, v in data.items() if v not in (None, [], (), "")}


# ----------------------------------------------------------------------- editor forms


def _member_lines(alliance: Alliance) -> list[str]:
    members = alliance.members
    lines = ["# " + _("Member ids:")]
    for member in members[:MAX_LISTED]:
        lines.append(f"#   {member.id:<20} {member.label}")
    if len(members) > MAX_LISTED:
        lines.append("#   " + _("… and {count} more (see alliance.yaml)").format(
            count=len(members) - MAX_LISTED))
    return lines


def _instructions(numbering: str) -> list[str]:
    """How to fill the form, as comment lines (in the user's language)."""
    import textwrap

    first = _("Fill in and save. Lines starting with '#' are ignored; an empty or unchanged "
              "form records nothing.")
    if any(ord(ch) > 0x2E7F for ch in first):  # Chinese: two lines, never broken inside
        return ["# " + first, "# " + numbering]
    return ["# " + line for line in textwrap.wrap(f"{first} {numbering}", 78)]


def _prefilled_members(alliance: Alliance) -> list[str]:
    if len(alliance.members) <= MAX_PREFILLED:
        return [m.id for m in alliance.members]
    return [alliance.lead]


def meeting_form(alliance: Alliance, today: dt.date, next_number: int) -> str:
    """The commented form for a joint meeting, prefilled from the alliance."""
    lines = [
        f"# 联席会议记录: {alliance.name}",
        *_instructions(_("pbctl numbers the meeting (next: {number}).").format(
            number=next_number)),
        "#",
        *_member_lines(alliance),
        "",
        f"date: {today.isoformat()}          # 日期",
        "time:                      # 时间, e.g. 14:30",
        "venue:                     # 地点",
        f"# title: 第{_ordinal(next_number)}次联席会议   # the default title",
        "chair:                     # 主持人",
        f"host: {alliance.lead}      # 承办单位 (member id)",
        "attendees:                 # 出席: member id and the names of who came",
    ]
    for member_id in _prefilled_members(alliance):
        lines += [f"  - member: {member_id}", "    names: []"]
    lines += [
        "absent: []                 # 请假, written as attendees",
        "observers: []              # 列席: 'name, unit' one per line",
        "topics: []                 # 议题, one per line: - 审议年度工作计划",
        "speeches: []               # - {member: id, speaker: 姓名, summary: 发言要点}",
        "decisions: []              # 议定事项: - {text: …, owner: member id, due: 2025-06-30}",
        "# headcount: 40余            # 参加人数 in all (a number, or 40余, 近40, 约40)",
        "# guests: []               # - {name: 姓名, title: 职务, unit: 单位, role: 出席领导}",
        "#                            (roles: 出席领导, 嘉宾, 见证, 接待方, 主讲人)",
        "# agenda: []               # in order: - {kind: visit, sites: [参观点]}",
        "#                            (signing, unveiling, speech, video, visit, lecture …)",
        "summary:                   # 会议综述 (optional)",
        "recorder:                  # 记录人",
    ]
    return "\n".join(lines) + "\n"


def activity_form(alliance: Alliance, today: dt.date, next_number: int) -> str:
    """The commented form for a joint activity."""
    members = ", ".join(_prefilled_members(alliance))
    lines = [
        f"# 联建活动记录: {alliance.name}",
        *_instructions(_("pbctl numbers the activity (next: {number}).").format(
            number=next_number)),
        "#",
        *_member_lines(alliance),
        "",
        f"kind: symposium            # {', '.join(ACTIVITY_KINDS)}",
        "                           # (observation 观摩, symposium 座谈, study 共学)",
        f"date: {today.isoformat()}          # 日期",
        "title:                     # 活动名称",
        "place:                     # 地点",
        f"host: {alliance.lead}      # 承办单位 (member id)",
        f"members: [{members}]      # 参与单位 (member ids)",
        "headcount:                 # 参与人数",
        "# headcount: 40余            # 参加人数 in all (a number, or 40余, 近40, 约40)",
        "# guests: []               # - {name: 姓名, title: 职务, unit: 单位, role: 出席领导}",
        "#                            (roles: 出席领导, 嘉宾, 见证, 接待方, 主讲人)",
        "# agenda: []               # in order: - {kind: visit, sites: [参观点]}",
        "#                            (signing, unveiling, speech, video, visit, lecture …)",
        "summary:                   # 活动情况",
        "outcomes: []               # 成效, one per line",
        "recorder:                  # 记录人",
    ]
    return "\n".join(lines) + "\n"


def _ordinal(number: int) -> str:
    from pbctl.numerals import cn_number

    return cn_number(number)


def form_is_empty(data: Any) -> bool:
    """True when a saved form holds nothing (deleted, or only blank values)."""
    if data is None:
        return True
    if isinstance(data, dict):
        return all(form_is_empty(v) or v == [] for v in data.values())
    return data in ("", [])


def meeting_data(flags: dict[str, Any]) -> dict[str, Any]:
    """A meeting record from ``pbctl log meeting``'s flags (empty ones left out)."""
    return drop_empty({
        **{k: flags[k] for k in ("date", "time", "venue", "title", "chair", "host", "summary",
                                 "recorder")},
        "attendees": [parse_attendance(s) for s in flags["attendees"]],
        "absent": [parse_attendance(s, "--absent") for s in flags["absent"]],
        "observers": list(flags["observers"]),
        "topics": list(flags["topics"]),
        "speeches": [parse_speech(s) for s in flags["speeches"]],
        "decisions": [parse_decision(s) for s in flags["decisions"]],
        "plan_items": list(flags["plan_items"]),
    })


def activity_data(flags: dict[str, Any]) -> dict[str, Any]:
    """An activity record from ``pbctl log activity``'s flags (empty ones left out)."""
    return drop_empty({
        **{k: flags[k] for k in ("kind", "date", "title", "place", "host", "headcount",
                                 "summary", "recorder")},
        "members": list(flags["members"]),
        "outcomes": list(flags["outcomes"]),
        "plan_items": list(flags["plan_items"]),
    })
