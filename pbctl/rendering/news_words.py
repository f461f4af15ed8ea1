"""Words of a news release: how a date, an organization, a person, a list and a reported
speech are said. Pure functions of text, so the composer in ``news`` reads as the order of
a release and these rules can be tested alone."""

from __future__ import annotations

import datetime as dt
import re

#: Words a summary may start with that already say what the speaker did: 崔康平介绍了……
SPEECH_VERBS = ("介绍", "解析", "就", "强调", "呼吁", "希望", "表示", "指出", "提出", "分享",
                "围绕", "结合", "从", "通报", "回顾", "总结", "部署", "宣读", "谈")
#: Words a summary may start with that continue the sentence before it.
JOINERS = ("以及", "和", "及", "与")
#: Words that begin a sentence of its own.
SENTENCE_STARTS = ("这", "此", "该", "本次", "此次")
#: Words by which a headline names what happened, in the event's own words.
EVENT_WORDS = ("签约", "揭牌", "成立", "观摩", "座谈", "联席会议", "共建", "对接", "交流",
               "共学", "志愿服务", "仪式", "大会", "会议", "活动")
_END_PUNCT = "。；;，, "
_FULLWIDTH_BLANK = "\uff3f" * 6  # ＿＿＿＿＿＿: a line to write on


def clause(text: str | None) -> str:
    """A record's text without its final punctuation, so it can be joined."""
    return (text or "").strip().rstrip(_END_PUNCT)


def sentence(text: str) -> str:
    """``text`` ending with 。 (a clause gets one; a sentence keeps its own)."""
    text = text.strip()
    if not text:
        return ""
    if text.endswith(("。", "！", "？", "…", "。”", "！”", "？”")):
        return text
    return clause(text) + "。"


def day_phrase(day: dt.date, release: dt.date, end: dt.date | None = None) -> str:
    """12月3日, 2023年2月24日至25日: the year only when it differs from the release's."""
    def one(d: dt.date, year: bool) -> str:
        return (f"{d.year}年" if year else "") + f"{d.month}月{d.day}日"

    first = one(day, day.year != release.year)
    if end is None or end == day:
        return first
    if end.year != day.year:
        return f"{first}至{one(end, True)}"
    if end.month != day.month:
        return f"{first}至{end.month}月{end.day}日"
    return f"{first}至{end.day}日"


def period(time: str | None) -> str:
    """上午, 下午 or 晚上 of an ``HH:MM`` time; empty without one."""
    if not time:
        return ""
    hour = int(time.split(":")[0])
    return "上午" if hour < 12 else ("下午" if hour < 18 else "晚上")


def inner_quotes(text: str) -> str:
    """Quotation marks inside a quotation become single: “三链” → ‘三链’."""
    return text.replace("“", "‘").replace("”", "’")


def quoted(text: str) -> str:
    return f"“{inner_quotes(text)}”"


def quotes(names: list[str]) -> str:
    """“甲”“乙”: quoted items side by side need no 、 between them."""
    return "".join(quoted(n) for n in names)


def books(names: list[str]) -> str:
    """《甲》《乙》: titles side by side need no 、 between them."""
    return "".join(f"《{n}》" for n in names)


def series(items: list[str], sep: str = "、") -> str:
    return sep.join(i for i in items if i)


def numbered_points(points: list[str]) -> str:
    """一是……；二是……；三是……"""
    from pbctl.numerals import cn_number

    return "；".join(f"{cn_number(i)}是{clause(p)}"
                    for i, p in enumerate(points, 1))


def reported(who: str, summary: str, *, lead_in: str = "", points: list[str] | None = None,
             verb: str = "表示") -> str:
    """Reported speech: 牟创表示，……，并就下一步工作提出三点建议和希望：一是……。"""
    summary = clause(summary)
    points = [clause(p) for p in points or [] if clause(p)]
    if summary.startswith(SPEECH_VERBS):
        text = who + summary
    elif summary:
        text = f"{who}{verb}，{summary}"
    else:
        text = who + ("提出" if points else "作了发言")
    heads = [p.split("，", 1) for p in points]
    if summary and len(points) > 1 and all(len(h) == 2 and h[0] in summary for h in heads):
        # the summary already names each point (强化目标促融合、紧扣产业调结构……): say
        # only what each adds, not the names again
        return sentence(text + "。具体而言，" + numbered_points([h[1] for h in heads]))
    if points:
        how = clause(lead_in) or f"提出{_count(len(points))}点意见"
        if not summary:
            text = who + (how if how.startswith(SPEECH_VERBS) else "提出")
            how = ""
        text += ("，并" + how if how else "") + "：" + numbered_points(points)
    return sentence(text)


def _count(n: int) -> str:
    from pbctl.numerals import cn_number

    return "两" if n == 2 else cn_number(n)


def join_summary(head: str, summary: str) -> str:
    """``head`` continued by a record's ``summary``: 以及…… directly, 这是…… as a sentence
    of its own, anything else after a comma."""
    summary = clause(summary)
    if not summary:
        return sentence(head)
    if summary.startswith(JOINERS):
        return sentence(head + summary)
    if summary.startswith(SENTENCE_STARTS):
        return sentence(head) + sentence(summary)
    return sentence(f"{head}，{summary}")


def blank() -> str:
    """A labelled blank (责编：＿＿＿＿＿＿) left for the editor to fill by hand."""
    return _FULLWIDTH_BLANK


def length(text: str) -> int:
    """Characters as an editor counts them: everything but whitespace."""
    return len(re.sub(r"\s", "", text))


def without_year(title: str) -> str:
    """A title without its leading year: 2024年“聚势……” → “聚势……”."""
    return re.sub(r"^\d{4}年(度)?", "", title)
