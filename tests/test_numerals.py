from __future__ import annotations

from datetime import date, datetime

import pytest

from pbctl.numerals import cn_date, cn_number, cn_upper, stem_label


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "一"),
        (2, "二"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (111, "一百一十一"),
    ],
)
def test_cn_number_informal(n: int, expected: str) -> None:
    assert cn_number(n) == expected


def test_cn_number_never_yi_shi() -> None:
    assert all(not cn_number(n).startswith("一十") for n in range(1, 200))


@pytest.mark.parametrize(("n", "expected"), [(1, "壹"), (2, "贰"), (3, "叁"), (5, "伍"),
                                             (10, "壹拾"), (12, "壹拾贰")])
def test_cn_upper(n: int, expected: str) -> None:
    assert cn_upper(n) == expected


@pytest.mark.parametrize("bad", [-1, -20])
def test_negative_numbers_refused(bad: int) -> None:
    with pytest.raises(ValueError):
        cn_number(bad)
    with pytest.raises(ValueError):
        cn_upper(bad)


def test_bool_is_not_a_number() -> None:
    with pytest.raises(TypeError):
        cn_number(True)


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2024, 12, 3), "2024年12月3日"),
        (date(2025, 1, 1), "2025年1月1日"),
        (date(2024, 10, 20), "2024年10月20日"),
        (datetime(2024, 3, 5, 14, 30), "2024年3月5日"),
    ],
)
def test_cn_date_no_leading_zeros(d: date, expected: str) -> None:
    assert cn_date(d) == expected


def test_stem_labels() -> None:
    assert [stem_label(i) for i in range(10)] == [
        "甲方", "乙方", "丙方", "丁方", "戊方", "己方", "庚方", "辛方", "壬方", "癸方",
    ]


@pytest.mark.parametrize("bad", [10, 11, -1])
def test_stem_label_out_of_range(bad: int) -> None:
    with pytest.raises(ValueError):
        stem_label(bad)


@pytest.mark.slow
def test_numerals_agree_with_cn2an_below_one_hundred_thousand() -> None:
    # pbctl converts by itself (cn2an costs ~100 ms to import and ~2 ms a call); cn2an,
    # a dev dependency, is the reference.
    cn2an = pytest.importorskip("cn2an")
    for n in range(100_000):
        assert cn_number(n) == cn2an.an2cn(n, "low"), n
        assert cn_upper(n) == cn2an.an2cn(n, "up"), n


@pytest.mark.parametrize(
    ("n", "expected"),
    [(100_001, "十万零一"), (10_010, "一万零一十"), (100_000_000, "一亿"),
     (67_900_009_234, "六百七十九亿零九千二百三十四")],  # cn2an drops this 零
)
def test_large_numbers_keep_their_zeros(n: int, expected: str) -> None:
    assert cn_number(n) == expected
