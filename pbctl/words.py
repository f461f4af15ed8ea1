"""Chinese words for the codes used in definitions and records (one place for all)."""

from __future__ import annotations

ACTIVITY_LABELS = {
    "observation": "观摩", "symposium": "座谈", "study": "共学", "volunteer": "志愿服务",
    "training": "培训", "other": "其他",
}
FREQUENCY_LABELS = {
    "monthly": "每月", "quarterly": "每季度", "half-yearly": "每半年", "yearly": "每年",
}
KIND_LABELS = {
    "enterprise": "企业", "university": "高校", "government": "机关", "institution": "事业单位",
    "association": "社会组织", "community": "社区", "other": "其他",
}
DECISION_LABELS = {"open": "未完成", "done": "已完成", "overdue": "已逾期"}
MEETING_KIND = "联席会议"


def activity_label(kind: str) -> str:
    return ACTIVITY_LABELS.get(kind, kind)


def activity_title(kind: str, title: str | None) -> str:
    """The activity's title, defaulting to e.g. 观摩活动."""
    return title or f"{activity_label(kind)}活动"


def meeting_title(number: int, title: str | None) -> str:
    """The meeting's title, defaulting to 第N次联席会议 as the minutes call it."""
    from pbctl.numerals import cn_number

    return title or f"第{cn_number(number)}次联席会议"
