"""Chinese numerals, dates and party labels as GB/T 9704 documents write them, and the
one reader of dates as users type them.

Used by the document writer (chapter and article numbers), the Jinja filters, the model and
every command option that takes a date.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from pbctl.i18n import _

_ISO_DATE = re.compile(r"(\d{4})([-./])(\d{1,2})\2(\d{1,2})\Z")  # also 2024.12.3, 2024/12/3
_CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日\Z")

#: The ten heavenly stems that label the parties of an agreement: 甲方, 乙方, …
STEMS = "甲乙丙丁戊己庚辛壬癸"


def _check_count(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"expected an int, got {type(n).__name__}")
    if n < 0:
        raise ValueError(f"expected a number >= 0, got {n}")


_LOW = ("零一二三四五六七八九", "个十百千")
_UP = ("零壹贰叁肆伍陆柒捌玖", "个拾佰仟")
_BIG = ((10**8, "亿"), (10**4, "万"), (1, ""))


def _section(n: int, digits: str, units: str, short_ten: bool) -> str:
    """0 < n < 10,000 in words; ``short_ten`` writes 十 rather than 一十 at the start."""
    out, zero = "", False
    for pos in (3, 2, 1, 0):
        d = n // 10**pos % 10
        if d == 0:
            zero = zero or bool(out)
            continue
        if zero:
            out += digits[0]
            zero = False
        if pos == 1 and d == 1 and not out and short_ten:
            out += units[1]
        else:
            out += digits[d] + (units[pos] if pos else "")
    return out


def _spell(n: int, table: tuple[str, str], short_ten: bool) -> str:
    _check_count(n)
    if n >= 10**12:
        raise ValueError(f"{n} is too large to write out")
    digits, units = table
    if n == 0:
        return digits[0]
    out, gap = "", False
    for size, unit in _BIG:
        value = n // size % 10**4 if size < 10**8 else n // size
        if value == 0:
            gap = gap or bool(out)
            continue
        if out and (gap or value < 1000):
            out += digits[0]
        out += _section(value, digits, units, short_ten and not out) + unit
        gap = False
    return out


# cn2an converts the same way but costs ~100 ms to import and ~2 ms a call; a document
# numbers a hundred articles, so these few lines do it (tests check them against cn2an).
def cn_number(n: int) -> str:
    """Informal Chinese numeral: 1 → 一, 11 → 十一, 21 → 二十一, 101 → 一百零一."""
    return _spell(n, _LOW, short_ten=True)


def cn_upper(n: int) -> str:
    """Uppercase (financial) Chinese numeral for counts of copies: 3 → 叁, 12 → 壹拾贰."""
    return _spell(n, _UP, short_ten=False)


def parse_date(value: object) -> date:
    """``2024-12-03``, ``2024.12.3``, ``2024/12/3`` or ``2024年12月3日`` (or a date) → a
    date; ValueError saying why not."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        match = _ISO_DATE.match(value.strip()) or _CN_DATE.match(value.strip())
        if match:
            year, month, day = (int(g) for g in match.groups() if g.isdigit())
            try:
                return date(year, month, day)
            except ValueError as exc:
                raise ValueError(_("{value!r} is not a real date ({reason})").format(
                    value=value, reason=exc)) from None
    raise ValueError(_("expected a date like 2024-12-03, got {value!r}").format(value=value))


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
