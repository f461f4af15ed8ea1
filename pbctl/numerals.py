"""Chinese numerals, dates and party labels as GB/T 9704 documents write them.

Used by the document writer (chapter and article numbers) and by the Jinja filters.
"""

from __future__ import annotations

from datetime import date

#: The ten heavenly stems that label the parties of an agreement: 甲方, 乙方, …
STEMS = "甲乙丙丁戊己庚辛壬癸"


def _check_count(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"expected an int, got {type(n).__name__}")
    if n < 0:
        raise ValueError(f"expected a number >= 0, got {n}")


def cn_number(n: int) -> str:
    """Informal Chinese numeral: 1 → 一, 11 → 十一, 21 → 二十一, 101 → 一百零一."""
    import cn2an  # heavy (loads its config): only when used

    _check_count(n)
    return str(cn2an.an2cn(n, "low"))


def cn_upper(n: int) -> str:
    """Uppercase (financial) Chinese numeral for counts of copies: 3 → 叁, 12 → 壹拾贰."""
    import cn2an

    _check_count(n)
    return str(cn2an.an2cn(n, "up"))


def cn_date(d: date) -> str:
    """A date the GB/T 9704 way: Arabic numerals, full year, no leading zeros (2024年12月3日)."""
    return f"{d.year}年{d.month}月{d.day}日"


def stem_label(i: int) -> str:
    """Party label by position: 0 → 甲方, 1 → 乙方 … 9 → 癸方.

    Beyond ten parties the practice is to list the members in an annex, so a larger index
    is a ValueError rather than an invented label.
    """
    _check_count(i)
    if i >= len(STEMS):
        raise ValueError(
            f"party index {i} has no heavenly-stem label (at most {len(STEMS)} parties)"
        )
    return STEMS[i] + "方"
