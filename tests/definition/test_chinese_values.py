"""Enumerated values accepted by their Chinese names (normalised on load), Chinese-style
dates, and did-you-mean from both vocabularies."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import MINIMAL

from pbctl.definition import yamlio
from pbctl.definition.loading import validate_alliance
from pbctl.definition.model import Activity
from pbctl.definition.problems import validate_model
from pbctl.numerals import parse_date


def _alliance(text: str) -> tuple[object, list[str]]:
    alliance, problems = validate_alliance(yamlio.loads(text, "a.yaml"), dt.date(2025, 1, 1))
    return alliance, [str(p) for p in problems]


@pytest.mark.parametrize(("word", "code"), [
    ("企业", "enterprise"), ("高校", "university"), ("学校", "university"),
    ("机关", "government"), ("政府", "government"), ("事业单位", "institution"),
    ("协会", "association"), ("社会组织", "association"), ("社区", "community"),
    ("其他", "other"), ("enterprise", "enterprise"),
])
def test_member_kind_by_its_chinese_name(word: str, code: str) -> None:
    alliance, problems = _alliance(MINIMAL.replace("kind: enterprise", f"kind: {word}"))
    assert problems == []
    assert alliance.members[0].kind == code  # type: ignore[attr-defined]


@pytest.mark.parametrize(("word", "code"), [
    ("每月", "monthly"), ("每季度", "quarterly"), ("每半年", "half-yearly"), ("每年", "yearly"),
])
def test_meeting_frequency_by_its_chinese_name(word: str, code: str) -> None:
    alliance, problems = _alliance(MINIMAL + f"meetings:\n  frequency: {word}\n")
    assert problems == []
    assert alliance.meetings.frequency == code  # type: ignore[attr-defined]


@pytest.mark.parametrize(("word", "code"), [("牵头单位", "lead"), ("轮值", "rotating")])
def test_convener_by_its_chinese_name(word: str, code: str) -> None:
    alliance, problems = _alliance(MINIMAL + f"convener: {word}\n")
    assert problems == []
    assert alliance.convener == code  # type: ignore[attr-defined]


@pytest.mark.parametrize(("word", "code"), [
    ("观摩", "observation"), ("座谈", "symposium"), ("共学", "study"),
    ("志愿服务", "volunteer"), ("培训", "training"), ("其他", "other"),
])
def test_activity_kind_by_its_chinese_name(word: str, code: str) -> None:
    doc = yamlio.loads(f"number: 1\nkind: {word}\ndate: 2025-03-01\n", "001.yaml")
    activity, problems = validate_model(doc, Activity)
    assert problems == []
    assert activity is not None and activity.kind == code


@pytest.mark.parametrize("text", ["2024-12-03", "2024.12.3", "2024/12/3", "2024年12月3日"])
def test_dates_as_chinese_users_write_them(text: str) -> None:
    assert parse_date(text) == dt.date(2024, 12, 3)
    alliance, problems = _alliance(MINIMAL.replace("founded: 2024-03-01", f"founded: {text}"))
    assert problems == []
    assert alliance.founded == dt.date(2024, 12, 3)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("bad", "field", "suggestion"), [
    ("level: 党支部委员会", "members[0].level", "'党支部'"),
    ("kind: 民营企业", "members[0].kind", "'企业'"),
    ("kind: entreprise", "members[0].kind", "'enterprise'"),
])
def test_did_you_mean_from_both_vocabularies(bad: str, field: str, suggestion: str) -> None:
    text = MINIMAL.replace("level: 党委", bad) if bad.startswith("level") else \
        MINIMAL.replace("kind: enterprise", bad)
    problems = _alliance(text)[1]
    assert len(problems) == 1
    assert f": {field}: " in problems[0]
    assert problems[0].endswith(f"(did you mean {suggestion}?)")
