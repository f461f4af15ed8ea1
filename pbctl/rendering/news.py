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
from dataclasses import dataclass, field
from typing import Any

from pbctl.definition.events import AgendaItem, Guest
from pbctl.definition.model import Activity, Alliance, Event, Meeting
from pbctl.definition.settings import Settings
from pbctl.rendering import news_words as W
from pbctl.rendering.events import _UNIT_WORDS, _before_title, document_title, headcount_text

HEADLINE_MAX = 30
#: A body paragraph shorter than this is joined with the next one.
SHORT_PARAGRAPH = 40
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


@dataclass
class _Mentions:
    """Who has been named already: full names first, short names after."""

    alliance: Alliance
    event: Event
    orgs: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)

    def org(self, member_id: str) -> str:
        member = next((m for m in self.alliance.members if m.id == member_id), None)
        if member is None:
            return member_id
        if member_id in self.orgs:
            return member.label
        self.orgs.add(member_id)
        return member.name

    def person(self, name: str, fallback: str = "") -> str:
        """The person's name, with unit and title the first time."""
        if name in self.people:
            return name
        self.people.add(name)
        return self.intro(name) or (fallback or name)

    def intro(self, name: str) -> str:
        for attendance in self.event.attendees:
            for p in attendance.names:
                if p.name == name:
                    return self._member_titled(attendance.member, p.title or "", name)
        guest = next((g for g in self.event.guests if g.name == name), None)
        if guest is not None:
            return guest_titled(guest)
        for s in self.event.speeches:
            if s.speaker == name:
                if s.member:
                    return self._member_titled(s.member, s.title or "", name)
                return _join_unit(s.unit or "", s.title or "") + name
        return ""

    def _member_titled(self, member_id: str, title: str, name: str) -> str:
        member = next((m for m in self.alliance.members if m.id == member_id), None)
        unit = member.label if member else member_id
        if member_id not in self.orgs and member is not None:
            self.orgs.add(member_id)
            unit = member.name
        return _join_unit(unit, title) + name


def _join_unit(unit: str, title: str) -> str:
    """两面针公司党委 + 党委书记、董事长 → 两面针公司党委书记、董事长; a title that names its
    own unit (合肥工业大学资环学院副院长) stands alone."""
    first = re.split("[、，,]", title)[0]
    if not unit or any(word in first for word in _UNIT_WORDS) or title.startswith(unit):
        return title
    if not any(word in title for word in _PARTY_WORDS):
        unit = re.sub(_PARTY_SUFFIX, "", unit) or unit
    return _before_title(unit, title) + title


_PARTY_WORDS = ("党", "纪委", "组织部", "宣传部", "负责人", "书记")
_PARTY_SUFFIX = "(联合党支部|党支部|党总支|综合党委|党委)$"


def guest_titled(guest: Guest) -> str:
    return _join_unit(guest.unit or "", guest.title or "") + guest.name


def _subject_ids(alliance: Alliance, event: Event) -> list[str]:
    ids = [a.member for a in event.attendees]
    if isinstance(event, Activity) and not ids:
        ids = list(event.members)
    if event.host and event.host in ids:
        ids.remove(event.host)
        ids.insert(0, event.host)
    return [i for i in ids if any(m.id == i for m in alliance.members)]


def event_name(alliance: Alliance, event: Event) -> str:
    """The event as the record names it, never with the alliance's name twice."""
    from pbctl import words

    if event.title:
        return event.title
    if isinstance(event, Meeting):
        return alliance.label + event.display_title
    assert isinstance(event, Activity)
    return alliance.label + words.activity_label(event.kind) + "活动"


def headline(alliance: Alliance, event: Event) -> str:
    """At most 30 characters naming what happened, in the event's own words."""
    name = W.without_year(event_name(alliance, event))
    first = name.split("暨")[0]
    happened = "举行" if not name.endswith(("成立", "举行", "召开")) else ""
    core = re.sub(r"^“[^”]*”", "", first)
    host = next((m.label for m in alliance.members if m.id == event.host), "")
    candidates = [name + happened, name, first + "举行", first]
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


def _noun(event: Event) -> str:
    name = event.title or ""
    if "仪式" in name or "活动" in name or isinstance(event, Activity):
        return "活动"
    return "会议"


def lead_paragraph(alliance: Alliance, event: Event, release: dt.date,
                   names: _Mentions) -> str:
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
        parts.append(W.sentence(f"{_noun(event)}以{W.quoted(theme)}为主题"))
    leaders = [guest_titled(g) for g in event.guests_as("leader")]
    names.people.update(g.name for g in event.guests_as("leader"))
    speaking = {s.speaker or "" for s in event.speeches} | {
        n for i in event.agenda for n in i.by} | {
        i.speaker or "" for i in event.agenda}
    quiet = [names.person(p.name) for a in event.attendees for p in a.names
             if p.name not in speaking and not any(p.name in s for s in speaking)]
    orgs = [names.org(i) for i in _subject_ids(alliance, event)]
    who = W.series(orgs) + (f"等{len(orgs)}家单位党组织" if len(orgs) > 3 else "")
    count = headcount_text(event.headcount)
    tail = []
    if who or quiet or count:
        people = (who + "的代表" if who else "各单位代表") + (
            W.series(quiet) + "等" if quiet else "")
        tail.append(people + (("" if count.startswith(("近", "约", "逾")) else "共")
                              + f"{count}参加" if count else "参加"))
    if leaders:
        tail.append("，".join(leaders) + "出席" + _noun(event))
    if tail:
        parts.append(W.sentence("，".join(tail)))
    return "".join(parts)


def _speaker(event: Event, index: int, names: _Mentions) -> str:
    """Who spoke, introduced the first time: unit, title, name."""
    s = event.speeches[index]
    if s.speaker and s.speaker not in ("负责人", "相关负责人"):
        return names.person(s.speaker)
    if s.member:
        return names.org(s.member) + (s.title or s.speaker or "负责同志")
    return (s.unit or "") + (s.title or s.speaker or "负责同志")


def _speech_paragraph(event: Event, index: int, names: _Mentions, lead_in: str = "") -> str:
    s = event.speeches[index]
    who = _speaker(event, index, names)
    leader = s.member is None and any(g.name == s.speaker and g.role == "leader"
                                      for g in event.guests)
    summary = W.clause(s.summary)
    verb = "指出" if leader else (
        "认为" if index % 2 and not summary.startswith(("将", "下一步")) and "是" in summary
        else "表示")
    return W.reported(who, s.summary or "", lead_in=lead_in, points=list(s.points), verb=verb)


def _match_speech(event: Event, speaker: str, used: set[int]) -> int | None:
    for i, s in enumerate(event.speeches):
        if i not in used and s.speaker and speaker.endswith(s.speaker):
            return i
    return None


def _signing(alliance: Alliance, item: AgendaItem, first: bool) -> str:
    adopted = [document_title(alliance, d) for d in item.documents if d == "charter"]
    signed = [document_title(alliance, d) for d in item.documents if d != "charter"]
    summary = W.clause(item.summary)
    verbs = []
    if adopted:
        verbs.append("审议通过了" + W.books(adopted))
    if signed:
        verbs.append(("共同签署了" if adopted else "签署了") + W.books(signed))
    action = "，".join(verbs) or "举行了签约仪式"
    if summary.endswith("签约"):
        return W.sentence(summary.removesuffix("签约") + ("签署了" + W.books(signed + adopted)
                                                          if verbs else "签约"))
    if summary and "签" in summary:
        return W.sentence(summary + "，" + action)
    return W.sentence((summary or ("与会各方" if not first else "各联建单位")) + action)


def _unveiling(item: AgendaItem, names: _Mentions) -> str:
    known = [n for n in item.by if n in names.people]
    new = [names.person(n) for n in item.by if n not in names.people]
    sep = "，" if any("、" in b for b in new) else "、"
    who = W.series(known) + ("与" if known and new else "") + W.series(new, sep)
    plaque = W.quoted(item.plaque) if item.plaque else "联建"
    text = (who + "共同" if who else "与会领导共同") + f"为{plaque}揭牌"
    summary = W.clause(item.summary)
    return W.sentence(summary) + W.sentence(text) if summary else W.sentence(text)


def _sites(items: list[AgendaItem], event: Event) -> str:
    parts = []
    for item in items:
        if item.kind == "video":
            films = W.books(list(item.titles)) or "宣传片"
            parts.append(("观看了" + films, item.summary))
        else:
            labels = []
            for s in item.sites:
                labels.append(s.name + (f"（{s.host}接待）"
                                        if s.host and s.host not in s.name else ""))
            verb = "观摩了" if isinstance(event, Activity) and event.kind == "observation" \
                else "参观了"
            head = ("先后" if len(labels) > 2 else
                    "" if "实地" in (item.summary or "") else "实地") + verb
            parts.append((head + (W.series(labels) or "有关场所"), item.summary))
    text = ""
    for i, (head, summary) in enumerate(parts):
        piece = ("与会人员" if i == 0 else "，并") + head
        summary = W.clause(summary)
        if summary.startswith(W.JOINERS):
            piece += summary
            summary = ""
        text += piece
        if summary:
            text += "，" + summary if not summary.startswith(W.SENTENCE_STARTS) else \
                "。" + summary
    return W.sentence(text)


def body_paragraphs(alliance: Alliance, event: Event, names: _Mentions) -> list[str]:
    """The event in agenda order; speeches not named in the agenda follow the first
    symposium (or, without one, the ceremony) where they were given."""
    used: set[int] = set()
    paragraphs: list[str] = []
    agenda = list(event.agenda)
    kinds = [i.kind for i in agenda]
    if any(k in ("symposium", "other") for k in kinds):
        slot = next(n for n, k in enumerate(kinds) if k in ("symposium", "other"))
    else:
        ceremonial = [n for n, k in enumerate(kinds)
                      if k in ("signing", "unveiling", "release", "speech")]
        slot = ceremonial[-1] if ceremonial else len(agenda) - 1
    connectives = iter(("随后，", "活动中，" if _noun(event) == "活动" else "会上，", "此外，"))

    def connect(text: str) -> str:
        if text.startswith(("随后", "会上", "活动中", "此外", "会后")):
            return text
        return next(connectives, "") + text

    n = 0
    while n < len(agenda):
        item = agenda[n]
        if item.kind in ("video", "visit"):
            run = [item]
            while n + 1 < len(agenda) and agenda[n + 1].kind in ("video", "visit"):
                n += 1
                run.append(agenda[n])
            text = _sites(run, event)
            paragraphs.append(connect(text) if paragraphs else text)
        elif item.kind == "signing":
            text = _signing(alliance, item, not paragraphs)
            if n and agenda[n - 1].kind == "signing":
                paragraphs[-1] += text
            else:
                paragraphs.append(connect(text) if paragraphs else text)
        elif item.kind == "unveiling":
            text = _unveiling(item, names)
            if paragraphs and paragraphs[-1].count("。") <= 2:
                paragraphs[-1] += text
            else:
                paragraphs.append(text)
        elif item.kind == "speech":
            index = _match_speech(event, item.speaker or "", used)
            if index is None:
                who = names.person(item.speaker or "", item.speaker or "") or "与会领导"
                paragraphs.append(W.reported(who, item.summary or "", verb="讲话"))
            else:
                used.add(index)
                paragraphs.append(_speech_paragraph(event, index, names, item.summary or ""))
        elif item.kind == "lecture":
            speaker = item.speaker or ""
            who = next((names.person(g.name) for g in event.guests
                        if speaker and speaker.endswith(g.name)), speaker) or "主讲人"
            named = f"题为《{item.title}》的" if item.title else ""
            head = f"{_noun(event)}还邀请{who}作了{named}{item.topic or '专题讲座'}"
            paragraphs.append(W.join_summary(head, item.summary or ""))
        elif item.kind == "release":
            projects = W.quotes(list(item.projects))
            head = f"{_noun(event)}现场发布了" + (f"{projects}等项目" if projects else "一批项目")
            paragraphs.append(W.join_summary(head, item.summary or ""))
        elif item.kind == "symposium":
            text = W.sentence(W.clause(item.summary) or "与会人员召开座谈会，开展交流")
            paragraphs.append(connect(text) if paragraphs else text)
        elif item.summary:
            text = W.sentence(item.summary)
            if text.startswith("随后"):
                next(connectives, "")
            paragraphs.append(text)
        if n == slot:
            waiting = [i for i in range(len(event.speeches))
                       if i not in used and not _named_in_agenda(event, i)]
            used.update(waiting)
            paragraphs += _speeches(event, waiting, names)
        n += 1
    paragraphs += _speeches(event, [i for i in range(len(event.speeches)) if i not in used],
                            names)
    merged: list[str] = []
    for text in paragraphs:
        if merged and W.length(merged[-1]) < SHORT_PARAGRAPH:
            merged[-1] += text
        else:
            merged.append(text)
    return merged


_ON_TOPIC = re.compile(r"^就(.+?)(等议题|等问题|等方面)(.+)$")


def _speeches(event: Event, indices: list[int], names: _Mentions) -> list[str]:
    """One paragraph a speech; speeches in a row that each 就……等议题提出见解 become one
    sentence: 甲、乙、丙分别就……、……、……等议题提出见解."""
    out: list[str] = []
    run: list[tuple[int, re.Match[str]]] = []

    def flush() -> None:
        if len(run) > 1:
            who = [_speaker(event, i, names) for i, _ in run]
            topics = W.series([m.group(1) for _, m in run])
            _, last = run[-1]
            sep = "，" if any("、" in w for w in who) else "、"
            out.append(W.sentence(f"{W.series(who, sep)}分别就{topics}{last.group(2)}"
                                  f"{last.group(3)}"))
        elif run:
            out.append(_speech_paragraph(event, run[0][0], names))
        run.clear()

    for i in indices:
        s = event.speeches[i]
        match = _ON_TOPIC.match(W.clause(s.summary)) if not s.points else None
        if match and (not run or (run[-1][1].group(2), run[-1][1].group(3))
                      == (match.group(2), match.group(3))):
            run.append((i, match))
            continue
        flush()
        if match:
            run.append((i, match))
        else:
            out.append(_speech_paragraph(event, i, names))
    flush()
    return out


def _named_in_agenda(event: Event, index: int) -> bool:
    speaker = event.speeches[index].speaker
    return bool(speaker) and any(i.kind == "speech" and (i.speaker or "").endswith(speaker or "")
                                 for i in event.agenda)


def closing_paragraphs(alliance: Alliance, event: Event, names: _Mentions) -> list[str]:
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
    names = _Mentions(alliance, event)
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
    """300–600 characters: the lead, the signing and unveiling, who spoke, the closing;
    speeches' summaries added while the brief stays within 600."""
    names = _Mentions(alliance, event)
    lead = lead_paragraph(alliance, event, release, names)
    core: list[str] = []
    for item in event.agenda:
        if item.kind == "signing":
            core.append(_signing(alliance, item, not core))
        elif item.kind == "unveiling":
            core.append(_unveiling(item, names))
    speakers = [names.person(s.speaker) if s.speaker and s.speaker not in (
        "负责人", "相关负责人") else (names.org(s.member) if s.member else s.unit or "")
        + (s.title or s.speaker or "") for s in event.speeches]
    said = W.sentence(W.series(speakers, "，" if any("、" in s for s in speakers) else "、")
                      + "先后发言") if speakers else ""
    closing = closing_paragraphs(alliance, event, names)
    paragraphs = [lead, W.sentence("".join(core) + said) if core or said else "", *closing]
    paragraphs = [p for p in paragraphs if p]
    total = sum(W.length(p) for p in paragraphs)
    extra = []
    for s in event.speeches:
        if s.summary and s.speaker:
            line = W.reported(s.speaker, s.summary)
            if total + W.length(line) <= BRIEF_MAX:
                extra.append(line)
                total += W.length(line)
    if extra:
        paragraphs.insert(2 if len(paragraphs) > 1 else 1, "".join(extra))
    while sum(W.length(p) for p in paragraphs) > BRIEF_MAX and len(paragraphs) > 1:
        paragraphs.pop()
    return paragraphs
