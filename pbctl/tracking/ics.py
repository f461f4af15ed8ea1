"""iCalendar (RFC 5545) output of what falls due, written by hand: it is small.

Meetings due and renewals are all-day VEVENTs, decisions are VTODOs with a DUE date. UIDs
come from :class:`~pbctl.tracking.schedule.DueItem` and are stable, so a calendar that
subscribes to the file updates its entries instead of duplicating them. Lines end in CRLF
and are folded at 75 octets without splitting a UTF-8 character (RFC 5545 §3.1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pbctl.tracking.schedule import DueItem

PRODID = "-//pbctl//pbctl due//ZH"
MAX_OCTETS = 75
CRLF = "\r\n"


def escape_text(value: str) -> str:
    """Escape a TEXT value (§3.3.11): backslash, semicolon, comma and newlines."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Fold one content line into lines of at most 75 octets (continuations start with a
    space), never splitting a multi-byte character; the result has no final CRLF."""
    data = line.encode("utf-8")
    if len(data) <= MAX_OCTETS:
        return line
    parts: list[str] = []
    start = 0
    limit = MAX_OCTETS
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # inside a character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start = end
        limit = MAX_OCTETS - 1  # the leading space counts
    return (CRLF + " ").join(parts)


def _date(day: dt.date) -> str:
    return f"{day:%Y%m%d}"


def _stamp(moment: dt.datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return f"{moment:%Y%m%dT%H%M%S}Z"


def _component(item: DueItem, stamp: str) -> list[str]:
    common = [
        f"UID:{item.uid}",
        f"DTSTAMP:{stamp}",
        f"SUMMARY:{escape_text(item.summary)}",
        f"DESCRIPTION:{escape_text(item.alliance_name + '：' + item.detail)}",
        f"CATEGORIES:{escape_text(item.kind)}",
    ]
    if item.kind in ("decision", "plan", "need"):  # things to do by a day
        return ["BEGIN:VTODO", *common, f"DUE;VALUE=DATE:{_date(item.date)}",
                "STATUS:NEEDS-ACTION", "END:VTODO"]
    end = item.date + dt.timedelta(days=1)
    return ["BEGIN:VEVENT", *common, f"DTSTART;VALUE=DATE:{_date(item.date)}",
            f"DTEND;VALUE=DATE:{_date(end)}", "TRANSP:TRANSPARENT", "END:VEVENT"]


def calendar(items: Iterable[DueItem], *, stamp: dt.datetime,
             name: str = "党建联建待办") -> str:
    """The whole VCALENDAR as text with CRLF line ends.

    ``stamp`` is written as every component's DTSTAMP; pass a fixed moment (e.g. the
    ``as_of`` day) for byte-identical output from identical records.
    """
    stamp_text = _stamp(stamp)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}"]
    for item in items:
        lines += _component(item, stamp_text)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
