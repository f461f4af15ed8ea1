"""The body of a news release: the event's agenda in order — signing, unveiling, speeches,
visits, lecture, release — each said as a release says it."""

from __future__ import annotations

import re

from pbctl.definition.events import AgendaItem
from pbctl.definition.model import Activity, Alliance, Event
from pbctl.rendering import news_words as W
from pbctl.rendering.events import document_title
from pbctl.rendering.news_names import Mentions, noun

#: A body paragraph shorter than this is joined with the next one.
SHORT_PARAGRAPH = 40


def speaker_of(event: Event, index: int, names: Mentions) -> str:
    """Who spoke, introduced the first time: unit, title, name."""
    s = event.speeches[index]
    if s.speaker and s.speaker not in ("负责人", "相关负责人"):
        return names.person(s.speaker)
    if s.member:
        return names.org(s.member) + (s.title or s.speaker or "负责同志")
    return (s.unit or "") + (s.title or s.speaker or "负责同志")


def speech_paragraph(event: Event, index: int, names: Mentions, lead_in: str = "") -> str:
    s = event.speeches[index]
    who = speaker_of(event, index, names)
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


def signing_sentence(alliance: Alliance, item: AgendaItem, first: bool) -> str:
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


def unveiling_sentence(item: AgendaItem, names: Mentions) -> str:
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


def body_paragraphs(alliance: Alliance, event: Event, names: Mentions) -> list[str]:
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
    connectives = iter(("随后，", "活动中，" if noun(event) == "活动" else "会上，", "此外，"))

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
            text = signing_sentence(alliance, item, not paragraphs)
            if n and agenda[n - 1].kind == "signing":
                paragraphs[-1] += text
            else:
                paragraphs.append(connect(text) if paragraphs else text)
        elif item.kind == "unveiling":
            text = unveiling_sentence(item, names)
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
                paragraphs.append(speech_paragraph(event, index, names, item.summary or ""))
        elif item.kind == "lecture":
            speaker = item.speaker or ""
            who = next((names.person(g.name) for g in event.guests
                        if speaker and speaker.endswith(g.name)), speaker) or "主讲人"
            named = f"题为《{item.title}》的" if item.title else ""
            head = f"{noun(event)}还邀请{who}作了{named}{item.topic or '专题讲座'}"
            paragraphs.append(W.join_summary(head, item.summary or ""))
        elif item.kind == "release":
            projects = W.quotes(list(item.projects))
            head = f"{noun(event)}现场发布了" + (f"{projects}等项目" if projects else "一批项目")
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


def _speeches(event: Event, indices: list[int], names: Mentions) -> list[str]:
    """One paragraph a speech; speeches in a row that each 就……等议题提出见解 become one
    sentence: 甲、乙、丙分别就……、……、……等议题提出见解."""
    out: list[str] = []
    run: list[tuple[int, re.Match[str]]] = []

    def flush() -> None:
        if len(run) > 1:
            who = [speaker_of(event, i, names) for i, _ in run]
            topics = W.series([m.group(1) for _, m in run])
            _, last = run[-1]
            sep = "，" if any("、" in w for w in who) else "、"
            out.append(W.sentence(f"{W.series(who, sep)}分别就{topics}{last.group(2)}"
                                  f"{last.group(3)}"))
        elif run:
            out.append(speech_paragraph(event, run[0][0], names))
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
            out.append(speech_paragraph(event, i, names))
    flush()
    return out


def _named_in_agenda(event: Event, index: int) -> bool:
    speaker = event.speeches[index].speaker
    return bool(speaker) and any(i.kind == "speech" and (i.speaker or "").endswith(speaker or "")
                                 for i in event.agenda)
