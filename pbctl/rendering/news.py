"""The news release (新闻稿) and the information brief (信息简报) of one event, composed from
its record as plain data: a headline, a lead paragraph (when, where, who, what), body
paragraphs in the order the event happened, a closing paragraph from the record's outcomes,
decisions or the alliance's goals, and the byline and review block.

Only facts of the record are said. Organizations are named in full at first mention and by
their short name after; people by unit, title and name at first mention and by name after.
The same record and options always give the same text. Templates (``news/``) receive the
composed text as plain strings and lists.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pbctl.definition.model import Activity, Alliance, Event, Meeting
from pbctl.definition.settings import Settings
from pbctl.rendering import news_words as W
from pbctl.rendering.events import headcount_text
from pbctl.rendering.news_body import (
    body_paragraphs,
    signing_sentence,
    speaker_of,
    speech_paragraph,
    unveiling_sentence,
)
from pbctl.rendering.news_names import Mentions, event_name, guest_titled, noun, subject_ids

HEADLINE_MAX = 30
BRIEF_MIN, BRIEF_MAX = 300, 600
#: The review chain of a release, in order.
REVIEW_LABELS = ("一审", "二审", "三审")


@dataclass(frozen=True)
class NewsOptions:
    """What the editor adds to the record: the release date and the byline."""

    date: dt.date | None = None
    kicker: str | None = None
    subtitle: str | None = None
    source: str | None = None
    reporters: tuple[str, ...] = ()
    editor: str | None = None
    reviewers: tuple[str, ...] = ()
    publisher: str | None = None
    issue: int | None = None
    brief: bool = False

    def with_settings(self, settings: Settings | None) -> NewsOptions:
        """These options, gaps filled from the workspace's ``news:`` settings."""
        news = (settings or Settings()).news
        return NewsOptions(
            date=self.date, kicker=self.kicker, subtitle=self.subtitle,
            source=self.source or news.source,
            reporters=self.reporters or tuple(news.reporters),
            editor=self.editor or news.editor,
            reviewers=self.reviewers or tuple(news.reviewers),
            publisher=self.publisher or news.publisher, issue=self.issue, brief=self.brief)


def news_kind(record_kind: str, number: int, *, brief: bool = False) -> str:
    """The records' name of an event's release or brief: ``news-meeting-001``."""
    return f"{'brief' if brief else 'news'}-{record_kind}-{number:03d}"


def headline(alliance: Alliance, event: Event) -> str:
    """At most 30 characters naming what happened, in the event's own words."""
    name = W.without_year(event_name(alliance, event))
    first = name.split("暨")[0]
    happened = "举行" if not name.endswith(("成立", "举行", "召开")) else ""
    core = re.sub(r"^“[^”]*”", "", first)
    host = next((m.label for m in alliance.members if m.id == event.host), "")
    candidates = [alliance.label + "召开" + event.display_title] \
        if isinstance(event, Meeting) and not event.title else []
    candidates.append(name + happened)
    if name.endswith("成立大会"):
        candidates.append(name.removesuffix("大会"))  # ……党委成立: what happened
    candidates += [name, first + "举行", first]
    if host and core != first and event.where and isinstance(event, Activity):
        candidates.append(f"{host}赴{event.where}开展{core}")
    candidates.append(core + "举行")
    if isinstance(event, Meeting):
        candidates.append(alliance.label + "召开" + event.display_title)
    candidates.append(alliance.label + "举行" + _action(event))
    for text in candidates:
        if W.length(text) <= HEADLINE_MAX and any(w in text for w in W.EVENT_WORDS):
            return text
    return (alliance.label + _action(event))[:HEADLINE_MAX]


def _action(event: Event) -> str:
    kinds = [i.kind for i in event.agenda]
    words = [w for k, w in (("signing", "签约"), ("unveiling", "揭牌")) if k in kinds]
    if words:
        return "".join(words) + "仪式"
    return "联席会议" if isinstance(event, Meeting) else "联建活动"


def lead_paragraph(alliance: Alliance, event: Event, release: dt.date,
                   names: Mentions) -> str:
    """导语: when, what, where; the theme in quotation marks; who attended and how many."""
    end = event.end_date if event.end_date and event.end_date != event.date else None
    when = W.day_phrase(event.date, release, end) + ("" if end else W.period(event.time))
    name = event_name(alliance, event)
    if name.startswith(f"{event.date.year}年"):
        name = W.without_year(name)  # the date says the year: not 11月20日，2024年……
    venue = event.where
    parts = [W.sentence(f"{when}，{name}" + (f"在{venue}" if venue else "") + "举行")]
    theme = alliance.theme
    if theme and W.inner_quotes(theme) not in W.inner_quotes(name):
        parts.append(W.sentence(f"{noun(event)}以{W.quoted(theme)}为主题"))
    leaders = [guest_titled(g) for g in event.guests_as("leader")]
    names.people.update(g.name for g in event.guests_as("leader"))
    speaking = {s.speaker or "" for s in event.speeches} | {
        n for i in event.agenda for n in i.by} | {
        i.speaker or "" for i in event.agenda}
    # the units are listed just before: title and name say who each one is
    silent = [p for a in event.attendees for p in a.names
              if p.name not in speaking and not any(p.name in s for s in speaking)]
    quiet = [(p.title or "") + p.name for p in silent]
    names.people.update(p.name for p in silent)
    orgs = [names.org(i) for i in subject_ids(alliance, event)]
    who = W.series(orgs) + (f"等{len(orgs)}家单位党组织" if len(orgs) > 3 else "")
    count = headcount_text(event.headcount)
    tail = []
    if who or quiet or count:
        people = (who + "的代表" if who else "各单位代表") + (
            W.series(quiet) + "等" if quiet else "")
        tail.append(people + (("" if count.startswith(("近", "约", "逾")) else "共")
                              + f"{count}参加" if count else "参加"))
    if leaders:
        tail.append("，".join(leaders) + "出席" + noun(event))
    if tail:
        parts.append(W.sentence("，".join(tail)))
    return "".join(parts)


def closing_paragraphs(alliance: Alliance, event: Event, names: Mentions) -> list[str]:
    """Next steps and significance: decisions, then outcomes, else the alliance's goals."""
    out = []
    if isinstance(event, Meeting) and event.decisions:
        steps = []
        for d in event.decisions:
            due = f"，{W.day_phrase(d.due, d.due)}前完成" if d.due else ""
            steps.append(f"由{names.org(d.owner)}负责{W.clause(d.text)}{due}")
        out.append(W.sentence("会议议定：" + "；".join(steps)))
    outcomes = list(event.outcomes) if isinstance(event, Activity) else []
    if outcomes:
        out.append(W.sentence("通过本次活动，" + "；".join(W.clause(o) for o in outcomes)))
    elif alliance.goals:
        goals = [W.clause(g) for g in alliance.goals]
        out.append(W.sentence(f"下一步，{alliance.label}各成员单位将"
                              + "，".join(goals)))
    return out


def review_block(options: NewsOptions) -> list[dict[str, str]]:
    """来源 / 通讯员 / 责编 / 一审 / 二审 / 三审, blank where unknown."""
    rows = [("来源", options.source or ""), ("通讯员", " ".join(options.reporters)),
            ("责编", options.editor or "")]
    reviewers = list(options.reviewers) + [""] * len(REVIEW_LABELS)
    rows += list(zip(REVIEW_LABELS, reviewers[:len(REVIEW_LABELS)], strict=True))
    return [{"label": label, "value": value, "text": f"{label}：{value or W.blank()}"}
            for label, value in rows]


def compose_news(alliance: Alliance, event: Meeting | Activity, options: NewsOptions,
                 *, today: dt.date | None = None) -> dict[str, Any]:
    """The release (and brief) of one event as plain data for the ``news/`` templates."""
    release = options.date or today or dt.date.today()
    names = Mentions(alliance, event)
    lead = lead_paragraph(alliance, event, release, names)
    body = body_paragraphs(alliance, event, names)
    closing = closing_paragraphs(alliance, event, names)
    data: dict[str, Any] = {
        "headline": headline(alliance, event),
        "kicker": options.kicker or "", "subtitle": options.subtitle or "",
        "lead": lead, "body": body, "closing": closing,
        "paragraphs": [lead, *body, *closing],
        "review": review_block(options), "blank": W.blank(),
        "date": f"{release.year}年{release.month}月{release.day}日",
        "alliance": alliance.name, "alliance_short": alliance.label,
    }
    publisher = options.publisher or alliance.secretariat_member.name
    data["brief"] = {"issue": f"第{options.issue}期" if options.issue else "",
                     "publisher": publisher,
                     "paragraphs": brief_paragraphs(alliance, event, release)}
    return {"news": data}


def brief_paragraphs(alliance: Alliance, event: Meeting | Activity,
                     release: dt.date) -> list[str]:
    """300–600 characters: the lead, the signing and unveiling, the speeches in reported
    speech while they fit within 600 (the others only named), the closing."""
    names = Mentions(alliance, event)
    lead = lead_paragraph(alliance, event, release, names)
    core: list[str] = []
    for item in event.agenda:
        if item.kind == "signing":
            core.append(signing_sentence(alliance, item, not core))
        elif item.kind == "unveiling":
            core.append(unveiling_sentence(item, names))
    closing = closing_paragraphs(alliance, event, names)
    total = sum(W.length(p) for p in (lead, *core, *closing))
    reserve = 12 * len(event.speeches)  # room to name those left out
    said: list[str] = []
    left: list[str] = []
    for i in range(len(event.speeches)):
        orgs, people = set(names.orgs), set(names.people)
        line = speech_paragraph(event, i, names)
        if not left and total + W.length(line) + reserve <= BRIEF_MAX:
            said.append(line)
            total += W.length(line)
        else:
            names.orgs, names.people = orgs, people
            left.append(speaker_of(event, i, names))
    if left:
        sep = "，" if any("、" in w for w in left) else "、"
        said.append(W.sentence(W.series(left, sep) + ("也作了发言" if said else "先后发言")))
    paragraphs = [lead, "".join(core) + "".join(said), *closing]
    paragraphs = [p for p in paragraphs if p]
    while sum(W.length(p) for p in paragraphs) > BRIEF_MAX and len(paragraphs) > 1:
        paragraphs.pop()
    return paragraphs
