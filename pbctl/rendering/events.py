"""Documents about events and pairings: the minutes' event body, an activity's 活动记录,
the 签到表, a pairing's own agreement and a member's 补充协议.

Templates see plain data here (text, numbers, lists and dicts of them) computed once in
Python, so a template never needs to know how the model spells a person or a role.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from pbctl.definition.model import Activity, Alliance, Event, Meeting, Member, Person
from pbctl.definition.settings import Settings
from pbctl.errors import PbctlError
from pbctl.i18n import _
from pbctl.rendering.render import Rendered, build_docx

#: Template of each event document kind (below a templates folder).
EVENT_TEMPLATES = {
    "pairing-agreement": "agreement/pairing-agreement.md.j2",
    "supplement": "agreement/supplement.md.j2",
    "signin": "signin/signin.md.j2",
    "record": "record/record.md.j2",
}
#: Words by which a title names its own unit.
_UNIT_WORDS = ("大学", "学院", "公司", "集团", "管委会", "市委", "区委", "县委", "省委", "街道")
#: Blank rows a sign-in sheet gets when the headcount is not a number.
SIGNIN_BLANK_ROWS = 8
ROLE_LABELS = {"leader": "出席领导", "guest": "嘉宾", "witness": "见证", "host": "接待方",
               "lecturer": "主讲人"}
DOCUMENT_LABELS = {"charter": "章程", "agreement": "协议书",
                   "integrity-pact": "党风廉政建设共建协议书"}


def signin_kind(record_kind: str, number: int) -> str:
    """The records' name of a sign-in sheet: ``signin-meeting-001``."""
    return f"signin-{record_kind}-{number:03d}"


def record_kind(number: int) -> str:
    """The records' name of an activity's record: ``record-activity-001``."""
    return f"record-activity-{number:03d}"


def _titled(person: Person) -> str:
    return person.titled


def _period(time: str | None) -> str:
    if not time:
        return ""
    hour = int(time.split(":")[0])
    return "上午" if hour < 12 else ("下午" if hour < 18 else "晚上")


def headcount_text(value: int | str | None) -> str:
    """共40余人 style: ``40余人``, ``近40人``, ``12人``."""
    if value is None:
        return ""
    text = str(value).strip()
    return text if text.endswith(("人", "名")) else text + "人"


def document_title(alliance: Alliance, name: str) -> str:
    """《…》 title of a records document name signed at an event."""
    if name.startswith("pairing-") and name.endswith("-agreement"):
        number = int(name.split("-")[1])
        if 1 <= number <= len(alliance.pairings):
            pairing = alliance.pairing(number)
            a, b = alliance.member(pairing.a), alliance.member(pairing.b)
            return f"{a.unit}与{b.unit}{pairing.title or '党建共建协议书'}"
    if name.startswith("supplement-"):
        member_id = name.removeprefix("supplement-")
        label = next((m.label for m in alliance.members if m.id == member_id), member_id)
        return f"{agreement_title(alliance)}补充协议（{label}）"
    if name == "agreement":
        return agreement_title(alliance)
    return alliance.name + DOCUMENT_LABELS.get(name, name)


def _before_title(unit: str, title: str) -> str:
    """The unit, without the words the title starts with: 两面针公司党委 + 党委书记 →
    两面针公司 (so that it reads 两面针公司党委书记)."""
    for n in range(min(len(unit), len(title)), 1, -1):
        if unit.endswith(title[:n]):
            return unit[:-n]
    return unit


def agreement_title(alliance: Alliance) -> str:
    ends = alliance.name.endswith(("联建", "共建"))
    return alliance.name + ("协议书" if ends else "共建协议书")


def event_context(alliance: Alliance, event: Event) -> dict[str, Any]:
    """Plain data about one meeting or activity for the minutes, record and sign-in sheet."""
    from pbctl.numerals import cn_date

    ids = {m.id: m for m in alliance.members}

    def label(member_id: str | None) -> str:
        return ids[member_id].label if member_id in ids else (member_id or "")

    attendees = [
        {"unit": label(a.member), "member": a.member,
         "names": [{"name": p.name, "title": p.title or "", "titled": _titled(p)}
                   for p in a.names]}
        for a in event.attendees
    ]
    if isinstance(event, Activity) and not attendees:
        attendees = [{"unit": label(m), "member": m, "names": []} for m in event.members]
    guests = [{"name": g.name, "title": g.title or "", "unit": g.unit or "", "role": g.role,
               "role_label": ROLE_LABELS[g.role],
               "titled": (g.unit or "") + (g.title or "") + g.name
               if not (g.title and g.unit and g.title.startswith(g.unit))
               else g.title + g.name}
              for g in event.guests]
    speeches = []
    for s in event.speeches:
        unit = _before_title(label(s.member) if s.member else (s.unit or ""), s.title or "")
        first = re.split("[、，,]", s.title or "")[0]
        if any(word in first for word in _UNIT_WORDS):
            unit = ""  # the title names its unit: 合肥工业大学资环学院副院长
        speeches.append({"unit": unit, "speaker": s.speaker or "", "title": s.title or "",
                         "summary": (s.summary or "").rstrip("。；;，, "),
                         "points": [p.rstrip("。；;，, ") for p in s.points],
                         "guest": s.member is None})
    agenda = []
    for item in event.agenda:
        agenda.append({
            "kind": item.kind, "summary": (item.summary or "").rstrip("。；;，, "),
            "documents": [document_title(alliance, d) for d in item.documents],
            "adopted": [document_title(alliance, d) for d in item.documents
                        if d == "charter"],
            "signed": [document_title(alliance, d) for d in item.documents
                       if d != "charter"],
            "site_labels": [s.name + (f"（{s.host}接待）" if s.host else "")
                            for s in item.sites],
            "plaque": item.plaque or "", "by": list(item.by), "speaker": item.speaker or "",
            "titles": list(item.titles), "title": item.title or "", "topic": item.topic or "",
            "sites": [{"name": s.name, "host": s.host or ""} for s in item.sites],
            "projects": list(item.projects),
        })
    day = cn_date(event.date)
    period = _period(event.time)
    if event.end_date and event.end_date != event.date:
        same_year = event.end_date.year == event.date.year
        end = cn_date(event.end_date)
        day, period = f"{day}{period}至{end[5:] if same_year else end}", ""
    where = event.where
    return {"event": {
        "title": event.title or "", "date": day, "period": period,
        "time": event.time or "", "end_time": event.end_time or "", "venue": where or "",
        "headcount": headcount_text(event.headcount), "attendees": attendees,
        "guests": guests,
        "leaders": [g for g in guests if g["role"] == "leader"],
        "witnesses": [g for g in guests if g["role"] == "witness"],
        "plain_guests": [g for g in guests if g["role"] == "guest"],
        "hosts": [g for g in guests if g["role"] == "host"],
        "lecturers": [g for g in guests if g["role"] == "lecturer"],
        "speeches": speeches, "agenda": agenda,
        "sites": [{"name": s.name, "host": s.host or ""} for s in event.sites],
        "summary": (event.summary or "").rstrip("。；;，, "),
        "recorder": event.recorder or "", "host": label(event.host) if event.host else "",
        "attachments": [a.label for a in event.attachments],
        "ceremony": alliance.ceremony.name or "",
    }}


def _render(template: str, context: dict[str, Any], *, title: str, alliance: Alliance,
            kind: str, keywords: str, created: dt.date, settings: Settings | None,
            templates: Path | None) -> Rendered:
    from pbctl.rendering.context import alliance_context
    from pbctl.rendering.templating import render_template

    settings = settings or Settings()
    full = alliance_context(alliance)
    full.update(context)
    text, source = render_template(template, full, templates)
    data = build_docx(text, source, title=title,
                      author=settings.author or alliance.secretariat_member.name,
                      subject=alliance.name, keywords=keywords, created=created,
                      settings=settings)
    return Rendered(kind, data, source)


def render_record(alliance: Alliance, activity: Activity, *, settings: Settings | None = None,
                  templates: Path | None = None) -> Rendered:
    """The 活动记录 of one activity."""
    from pbctl import words

    context = event_context(alliance, activity)
    title = activity.title or f"{alliance.label}{words.activity_label(activity.kind)}活动"
    context["record_title"] = title if title.endswith("活动记录") else (
        title + ("记录" if title.endswith("活动") else "活动记录"))
    context["activity_kind"] = words.activity_label(activity.kind)
    context["outcomes"] = [o.rstrip("。；;，, ") for o in activity.outcomes]
    return _render(EVENT_TEMPLATES["record"], context, title=context["record_title"],
                   alliance=alliance, kind=record_kind(activity.number), keywords="record",
                   created=activity.date, settings=settings, templates=templates)


def render_signin(alliance: Alliance, event: Meeting | Activity, *,
                  settings: Settings | None = None, templates: Path | None = None) -> Rendered:
    """The 签到表 of one meeting or activity: a row per known person, blank rows after."""
    context = event_context(alliance, event)
    data = context["event"]
    rows: list[dict[str, str]] = []
    attendees = data["attendees"] or [
        {"unit": m.label, "names": []} for m in alliance.members]
    for a in attendees:
        if a["names"]:
            rows += [{"unit": a["unit"], "name": n["name"], "title": n["title"]}
                     for n in a["names"]]
        else:
            rows.append({"unit": a["unit"], "name": "", "title": ""})
    rows += [{"unit": g["unit"], "name": g["name"], "title": g["title"]}
             for g in data["guests"]]
    total = event.headcount if isinstance(event.headcount, int) else None
    blank = max(total - len(rows), 0) if total is not None else SIGNIN_BLANK_ROWS
    context["rows"] = rows
    context["blank_rows"] = min(blank, 200)
    is_meeting = isinstance(event, Meeting)
    name = event.display_title if isinstance(event, Meeting) else (
        event.title or f"{alliance.label}联建活动")
    context["signin_title"] = name + "签到表"
    kind = signin_kind("meeting" if is_meeting else "activity", event.number)
    return _render(EVENT_TEMPLATES["signin"], context, title=context["signin_title"],
                   alliance=alliance, kind=kind, keywords="signin", created=event.date,
                   settings=settings, templates=templates)


def _pairing_areas(alliance: Alliance, number: int) -> list[dict[str, Any]]:
    pairing = alliance.pairing(number)
    areas = pairing.areas or alliance.areas
    return [{"name": a.name, "undertakings": [i.rstrip("。；;，, ") for i in a.items]}
            for a in areas]


def render_pairing_agreement(alliance: Alliance, number: int, *,
                             settings: Settings | None = None,
                             templates: Path | None = None) -> Rendered:
    """The bilateral agreement of pairing ``number`` (甲方 a, 乙方 b)."""
    from pbctl.rendering.context import PartyView, signatures

    try:
        pairing = alliance.pairing(number)
    except KeyError:
        count = len(alliance.pairings)
        raise PbctlError(_("{alliance} has no pairing {number}").format(alliance=alliance.id,
                                                                        number=number),
                         hint=_("its pairings are numbered 1 to {count}").format(count=count)
                         if count else _("it lists no pairings")) from None
    a, b = alliance.member(pairing.a), alliance.member(pairing.b)
    signed_on = pairing.date or alliance.signing_date
    title = f"{pairing.title or '党建共建协议书'}"
    ceremony = alliance.ceremony
    context = {
        "pairing": {"number": number, "title": title, "note": pairing.note or "",
                    "a": a, "b": b, "areas": _pairing_areas(alliance, number),
                    "date": signed_on,
                    "at_ceremony": bool(ceremony.name) and signed_on == alliance.signing_date,
                    "ceremony": ceremony.name or "",
                    "venue": (ceremony.venue or alliance.venue or "")
                    if signed_on == alliance.signing_date else ""},
        "pairing_signatures": signatures([PartyView("甲方", a), PartyView("乙方", b)]),
    }
    return _render(EVENT_TEMPLATES["pairing-agreement"], context,
                   title=f"{a.unit}与{b.unit}{title}", alliance=alliance,
                   kind=f"pairing-{number}-agreement", keywords="pairing-agreement",
                   created=signed_on, settings=settings, templates=templates)


def render_supplement(alliance: Alliance, member_id: str, *, signed: dt.date | None,
                      parties: list[str] | None, settings: Settings | None = None,
                      templates: Path | None = None) -> Rendered:
    """The 补充协议 by which ``member_id`` accedes to the signed agreement. ``signed`` is the
    agreement's recorded signing date and ``parties`` the member ids it was signed by, when
    the records know them; else the definition's signing date and ``joined`` dates decide."""
    from pbctl.rendering.context import PartyView, signatures

    member = _accessor(alliance, member_id, signed, parties)
    lead = alliance.lead_member
    signed_on = signed or alliance.signing_date
    created = max(member.joined or signed_on, signed_on)
    context = {
        "supplement": {"member": member, "lead": lead, "signed": signed_on,
                       "agreement": agreement_title(alliance),
                       "joined": member.joined, "date": created,
                       "ceremony": alliance.ceremony.name or ""},
        "supplement_signatures": signatures([PartyView("甲方", lead),
                                             PartyView("乙方", member)]),
    }
    title = f"{agreement_title(alliance)}补充协议"
    return _render(EVENT_TEMPLATES["supplement"], context, title=title, alliance=alliance,
                   kind=f"supplement-{member.id}", keywords="supplement", created=created,
                   settings=settings, templates=templates)


def _accessor(alliance: Alliance, member_id: str, signed: dt.date | None,
              parties: list[str] | None) -> Member:
    ids = [m.id for m in alliance.members]
    if member_id not in ids:
        from pbctl.definition.problems import did_you_mean

        raise PbctlError(_("{alliance} has no member {member!r}").format(alliance=alliance.id,
                                                                         member=member_id),
                         hint=did_you_mean(member_id, ids)
                         or _("member ids: {ids}").format(ids=_(", ").join(ids)))
    member = alliance.member(member_id)
    signed_on = signed or alliance.signing_date
    if parties is not None:
        already = member_id in parties
    else:
        already = member.joined is None or member.joined <= signed_on
    if already:
        raise PbctlError(
            _("{name} ({member}) already signed the agreement of {alliance} ({date})").format(
                name=member.label, member=member_id, alliance=alliance.id,
                date=signed_on.isoformat()),
            hint=_("a supplement is for a member added after the signing (or with joined: "
                   "after it)"))
    return member
