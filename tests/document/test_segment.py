"""Line breaking that knows words: jieba's words, 避头尾, balanced titles."""

from __future__ import annotations

import itertools

import pytest

from pbctl.document import segment
from pbctl.document.title import balance


@pytest.mark.parametrize(("text", "per_line", "lines"), [
    ("大健康产业创新链党建联建协议书", 10, ["大健康产业创新链", "党建联建协议书"]),
    ("柳州两面针股份有限公司党委", 8, ["柳州两面针", "股份有限公司党委"]),
    ("张江科学城数字经济产业园党委", 8, ["张江科学城", "数字经济", "产业园党委"]),
])
def test_wrap_breaks_between_words(text: str, per_line: int, lines: list[str]) -> None:
    assert segment.wrap(text, per_line) == lines


def test_no_opening_quote_at_a_line_end_nor_closing_one_at_a_start() -> None:
    text = "关于开展“党建引领·创新发展”主题活动的党建联建协议书"
    for per_line in range(6, 14):
        lines = balance(text, per_line).split("\n")
        assert all(len(line) <= per_line for line in lines)
        assert "".join(lines) == text
        for upper, lower in itertools.pairwise(lines):
            assert upper[-1] not in segment.NO_LINE_END
            assert lower[0] not in segment.NO_LINE_START
        at = 0
        for line in lines[:-1]:
            at += len(line)
            assert at in segment.break_points(text), lines


def test_a_word_longer_than_a_line_still_breaks() -> None:
    assert segment.wrap("党风廉政建设", 3) == ["党风廉", "政建设"]


def test_text_that_fits_is_left_alone() -> None:
    assert balance("党建联建章程", 10) == "党建联建章程"
    assert segment.wrap("", 5) == [""]
