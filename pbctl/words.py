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
#: Chinese names accepted (and normalised on load) for the English codes, beside the labels.
KIND_ALIASES = {
    "企业": "enterprise", "公司": "enterprise", "国企": "enterprise", "高校": "university",
    "学校": "university", "大学": "university", "学院": "university", "机关": "government",
    "政府": "government", "事业单位": "institution", "协会": "association",
    "社会组织": "association", "商会": "association", "社区": "community",
    "街道": "community", "其他": "other",
}
FREQUENCY_ALIASES = {label: code for code, label in FREQUENCY_LABELS.items()}
CONVENER_ALIASES = {"牵头单位": "lead", "链主": "lead", "轮值": "rotating"}
ACTIVITY_ALIASES = {label: code for code, label in ACTIVITY_LABELS.items()}
YES_NO_ALIASES = {"是": "y", "否": "n", "对": "y", "不": "n"}
DECISION_LABELS = {"open": "未完成", "done": "已完成", "overdue": "已逾期"}
MEETING_KIND = "联席会议"


def normalise(value: object, aliases: dict[str, str]) -> object:
    """The code for a Chinese name in ``aliases`` (``每季度`` → ``quarterly``); any other
    value unchanged, for the schema to judge."""
    if isinstance(value, str):
        return aliases.get(value.strip(), value)
    return value


def activity_label(kind: str) -> str:
    return ACTIVITY_LABELS.get(kind, kind)


def activity_title(kind: str, title: str | None) -> str:
    """The activity's title, defaulting to e.g. 观摩活动."""
    return title or f"{activity_label(kind)}活动"


def meeting_title(number: int, title: str | None) -> str:
    """The meeting's title, defaulting to 第N次联席会议 as the minutes call it."""
    from pbctl.numerals import cn_number

    return title or f"第{cn_number(number)}次联席会议"


def group_meeting_title(group_name: str, number: int) -> str:
    """A group's meeting by its group's name: 第二次软件联组会议; a group named by its order
    (第一联组) puts the name first, as offices write it: 第一联组第二次会议."""
    from pbctl.numerals import cn_number

    ordinal = f"第{cn_number(number)}次"
    if group_name.startswith("第"):
        return f"{group_name}{ordinal}会议"
    return f"{ordinal}{group_name}会议"
