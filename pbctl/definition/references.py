"""Cross-reference and date checks that the schema cannot express: ids that must exist,
be unique, and dates that must be in order (read leniently, beside the structural checks)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from pbctl.constants import FAR_FUTURE_YEARS
from pbctl.definition.model import Alliance
from pbctl.definition.problems import EARLIEST, did_you_mean
from pbctl.definition.yamlio import Document, PathKey, format_path
from pbctl.errors import Problem, Shown
from pbctl.i18n import N_, _

if TYPE_CHECKING:
    from pbctl.definition.events import Activity, Meeting


class _Refs:
    """Collects cross-reference problems against one document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, loc: PathKey, message: str, hint: str | None = None) -> None:
        line, col = self.doc.position(loc)
        self.problems.append(Problem(self.doc.path, message, line, col, format_path(loc), hint))

    def member(self, loc: PathKey, member_id: str | None, ids: list[str]) -> None:
        if member_id is not None and member_id not in ids:
            self.add(loc, _("no member has the id {id!r}").format(id=member_id),
                     did_you_mean(member_id, ids) or _("member ids: {ids}").format(
                         ids=_(", ").join(ids)))

    def date(self, loc: PathKey, value: dt.date | None, today: dt.date,
             earliest: dt.date = EARLIEST, what: str = "1921-07-01") -> None:
        if value is None:
            return
        if value < earliest:
            self.add(loc, _("{date} is before {what}").format(date=value.isoformat(), what=what))
        elif value.year > today.year + FAR_FUTURE_YEARS:
            self.add(loc, _("{date} is too far in the future").format(date=value.isoformat()),
                     _("check the year"))


_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u180e]+")


def name_key(name: str) -> str:
    """What makes two names the same to a reader: compared after NFKC normalisation (full
    width, composed forms) with spaces and invisible characters removed."""
    import unicodedata

    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", name))


def _unique(refs: _Refs, values: list[str], loc_of: Any, what: str,
            key: Any = None) -> None:
    first: dict[str, int] = {}
    for i, value in enumerate(values):
        k = key(value) if key else value
        if k in first:
            other = format_path(loc_of(first[k]))
            same = "" if values[first[k]] == value else _(
                "; the same name once spaces, full-width forms and invisible characters "
                "are set aside")
            refs.add(loc_of(i), _("duplicate {what} {value!r} (also at {other})").format(
                what=_(what), value=Shown(value), other=other + same))
        else:
            first[k] = i


_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")


def _slug(value: Any) -> str | None:
    return value if isinstance(value, str) and _SLUG.match(value) else None


def _day(value: Any) -> dt.date | None:
    from pbctl.numerals import parse_date

    try:
        return parse_date(value) if value is not None else None
    except ValueError:
        return None


def _items(data: Any, key: str) -> list[Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def check_alliance_refs(doc: Document, today: dt.date) -> list[Problem]:
    """Cross-references and dates of a definition, read leniently from the raw data so
    that they are reported together with any structural problems. A check whose inputs
    are themselves invalid is skipped (that problem is reported once, structurally)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    refs = _Refs(doc)
    members = _items(data, "members")
    raw_ids = [_slug(_get(m, "id")) for m in members]
    _unique(refs, [i for i in raw_ids if i], lambda i: ("members", _nth(raw_ids, i), "id"),
            N_("member id"))
    names = [n if isinstance(n := _get(m, "name"), str) else None for m in members]
    _unique(refs, [n for n in names if n], lambda i: ("members", _nth(names, i), "name"),
            N_("member name"), name_key)
    # References are checked only when every member id is readable.
    ids = [i for i in raw_ids if i] if members and all(raw_ids) else None
    known = frozenset(ids or ())  # a thousand members, each in a group: no list scans

    def member(loc: PathKey, value: Any) -> None:
        if ids is not None and _slug(value) is not None and value not in known:
            refs.member(loc, value, ids)

    for mi, m in enumerate(members):
        member(("members", mi, "parent"), _get(m, "parent"))
    if ids is not None:
        _parent_cycles(refs, members)
    member(("lead",), data.get("lead"))
    member(("secretariat",), data.get("secretariat"))
    groups = _items(data, "groups")
    group_ids = [_slug(_get(g, "id")) for g in groups]
    _unique(refs, [g for g in group_ids if g], lambda i: ("groups", _nth(group_ids, i), "id"),
            N_("group id"))
    for gi, group in enumerate(groups):
        group_members = _items(group, "members")
        for mi, member_id in enumerate(group_members):
            member(("groups", gi, "members", mi), member_id)
        lead = _slug(_get(group, "lead"))
        member(("groups", gi, "lead"), lead)
        if ids is not None and lead in ids and group_members and lead not in group_members:
            refs.add(("groups", gi, "lead"),
                     _("{lead!r} leads the group but is not among its members").format(lead=lead))
    for pi, pairing in enumerate(_items(data, "pairings")):
        a_loc: str | int
        b_loc: str | int
        if isinstance(pairing, list) and len(pairing) == 2:
            (a, a_loc), (b, b_loc) = (pairing[0], 0), (pairing[1], 1)
        elif isinstance(pairing, dict):
            (a, a_loc), (b, b_loc) = (pairing.get("a"), "a"), (pairing.get("b"), "b")
        else:
            continue
        member(("pairings", pi, a_loc), a)
        member(("pairings", pi, b_loc), b)
        if _slug(a) is not None and a == b:
            refs.add(("pairings", pi), _("a member cannot be paired with itself ({id!r})").format(
                id=a))
    for pi, project in enumerate(_items(data, "projects")):
        member(("projects", pi, "owner"), _get(project, "owner"))
    for fi, founder in enumerate(_items(data, "founders")):
        member(("founders", fi), founder)
    count = data.get("member_count")
    if type(count) is int and members and count < len(members):
        refs.add(("member_count",), f"{count} is fewer than the {len(members)} members listed",
                 f"member_count counts every member unit, at least {len(members)}")
    founded = _day(data.get("founded"))
    refs.date(("founded",), founded, today)
    refs.date(("ceremony", "date"), _day(_get(data, "ceremony", "date")), today)
    if founded is not None:
        refs.date(("term", "start"), _day(_get(data, "term", "start")), today, founded,
                  _("the founding date {date}").format(date=founded.isoformat()))
    return refs.problems


def _parent_cycles(refs: _Refs, members: list[Any]) -> None:
    """A member that is its own ancestor through ``parent``: reported once per cycle, at
    the ``parent`` of the cycle's first member as listed."""
    index = {m["id"]: i for i, m in enumerate(members) if isinstance(m, dict)}
    parent = {m["id"]: p for m in members if isinstance(m, dict)
              and isinstance(p := m.get("parent"), str) and p in index}
    reported: set[str] = set()
    for start in parent:
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in path and node not in reported:
            path.append(node)
            node = parent.get(node)
        if node is None or node in reported or node not in path:
            reported.update(path)
            continue
        cycle = path[path.index(node):]
        reported.update(path)
        first = min(cycle, key=lambda i: index[i])
        at = cycle.index(first)
        ring = " → ".join([*cycle[at:], *cycle[:at], first])
        refs.add(("members", index[first], "parent"),
                 f"the parents of the members form a cycle: {ring}",
                 "a member cannot be above itself")


def _nth(values: list[Any], n: int) -> int:
    """The index in ``values`` of its n-th truthy entry."""
    return [i for i, v in enumerate(values) if v][n]


def check_record_refs(doc: Document, model: type[Meeting] | type[Activity],
                      alliance: Alliance, today: dt.date) -> list[Problem]:
    """A record's member references and dates against its (valid) alliance, read leniently
    from the raw data like :func:`check_alliance_refs`."""
    from pbctl.definition.events import Activity, Meeting

    data = doc.data if isinstance(doc.data, dict) else {}
    refs = _Refs(doc)
    ids = [m.id for m in alliance.members]

    def member(loc: PathKey, value: Any) -> None:
        if _slug(value) is not None:
            refs.member(loc, value, ids)

    date = _day(data.get("date"))
    refs.date(("date",), date, today, alliance.founded,
              _("the alliance was founded ({date})").format(date=alliance.founded.isoformat()))
    member(("host",), data.get("host"))
    for key in ("attendees", "absent", "speeches"):
        for i, item in enumerate(_items(data, key)):
            member((key, i, "member"), _get(item, "member"))
    for i, decision in enumerate(_items(data, "decisions")):
        member(("decisions", i, "owner"), _get(decision, "owner"))
        due = _day(_get(decision, "due"))
        if date is not None and due is not None and due < date:
            refs.add(("decisions", i, "due"),
                     _("due {date} is before the meeting itself").format(date=due.isoformat()))
        done = _get(decision, "done")
        done_on = _day(_get(done, "date")) if isinstance(done, dict) else None
        if date is not None and done_on is not None and done_on < date:
            refs.add(("decisions", i, "done", "date"),
                     _("done {date} is before the meeting itself").format(
                         date=done_on.isoformat()))
    group = data.get("group")
    if model is Meeting and isinstance(group, str):
        group_ids = [g.id for g in alliance.groups]
        if group not in group_ids:
            refs.add(("group",), f"no group has the id {group!r}",
                     did_you_mean(group, group_ids)
                     or (f"group ids: {', '.join(group_ids)}" if group_ids
                         else "the alliance has no groups"))
    if model is Activity:  # an activity names its participating members by id
        for i, member_id in enumerate(_items(data, "members")):
            member(("members", i), member_id)
    _check_event(refs, data, alliance, date)
    return refs.problems


def _clock(value: Any) -> tuple[int, int] | None:
    if isinstance(value, str) and re.fullmatch(r"\d{1,2}:\d{2}", value.strip()):
        hours, minutes = value.strip().split(":")
        return int(hours), int(minutes)
    return None


def document_names(alliance: Alliance) -> list[str]:
    """The records' document names an event may sign: the kept documents, each pairing's
    agreement and each member's supplement."""
    return (list(alliance.documents)
            + [f"pairing-{n}-agreement" for n in range(1, len(alliance.pairings) + 1)]
            + [f"supplement-{m.id}" for m in alliance.members])


def _check_event(refs: _Refs, data: dict[str, Any], alliance: Alliance,
                 date: dt.date | None) -> None:
    """The event body: dates and times in order, speeches owned once, signed documents
    that exist, attachments inside the alliance folder."""
    from pbctl.definition.model import AGENDA_KEYS

    end = _day(data.get("end_date"))
    if date is not None and end is not None and end < date:
        refs.add(("end_date",), f"{end.isoformat()} is before the date {date.isoformat()}")
    start_time, end_time = _clock(data.get("time")), _clock(data.get("end_time"))
    if start_time and end_time and end_time < start_time and (end is None or end == date):
        refs.add(("end_time",), f"{data['end_time']} is before the time {data['time']}")
    for i, speech in enumerate(_items(data, "speeches")):
        if not isinstance(speech, dict):
            continue
        if speech.get("member") is not None and speech.get("unit") is not None:
            refs.add(("speeches", i, "unit"), "a speech belongs to a member or to a unit, "
                     "not both", "keep member for a member's representative, unit for a guest")
        elif speech.get("member") is None and speech.get("unit") is None:
            refs.add(("speeches", i), "a speech needs a member or a unit",
                     "member: <member id> for a member's representative, unit: <text> "
                     "for a guest")
    names = document_names(alliance)
    for i, item in enumerate(_items(data, "agenda")):
        kind = _get(item, "kind")
        if not isinstance(item, dict) or kind not in AGENDA_KEYS:
            continue
        for key in item:
            if key not in ("kind", "summary") and key not in AGENDA_KEYS[kind]:
                allowed = ", ".join(AGENDA_KEYS[kind]) or "only summary"
                article = "an" if kind[0] in "aeiou" else "a"
                refs.add(("agenda", i, key), f"{key!r} is not a key of {article} {kind} item",
                         f"{article} {kind} item takes: {allowed}")
        for di, name in enumerate(_items(item, "documents")):
            if isinstance(name, str) and name not in names:
                refs.add(("agenda", i, "documents", di), f"{name!r} is not a document of "
                         f"{alliance.id}", did_you_mean(name, names)
                         or f"documents: {', '.join(names)}")
    for i, attachment in enumerate(_items(data, "attachments")):
        if not isinstance(attachment, dict):
            continue
        file, url = attachment.get("file"), attachment.get("url")
        if (file is None) == (url is None):
            refs.add(("attachments", i), "an attachment needs a file or a url, not both"
                     if file is not None else "an attachment needs a file or a url")
        elif isinstance(file, str):
            parts = file.replace("\\", "/").split("/")
            if file.startswith(("/", "~")) or re.match(r"^[A-Za-z]:", file) \
                    or ".." in parts or parts[0] != "attachments" or len(parts) < 2:
                refs.add(("attachments", i, "file"), f"{file!r} is not inside the alliance's "
                         "attachments/ folder", "give a path such as attachments/meeting-1/"
                         "photo.jpg (pbctl attach copies files there)")
