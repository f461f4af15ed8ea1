"""Text measured as a terminal shows it: a Chinese character takes two cells.

Python's ``len`` and click's help wrapper count characters, so Chinese help and tables ran
past 80 columns; :func:`cells` counts display cells and :class:`CellTextWrapper` wraps
Chinese text between characters (never before a closing mark such as "，" or "。").
"""

from __future__ import annotations

import re
import unicodedata

from click._textwrap import TextWrapper

#: Marks a line must not start with (they stay with the character before them).
_NO_LINE_START = frozenset("，。、；：？！）》」』”’】〕…·,.;:?!)")
_TOKEN = re.compile(r"\s+|[\x00-\u10ff]+?(?=\s|[^\x00-\u10ff]|$)|.", re.S)


def char_cells(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cells(text: str) -> int:
    """The number of terminal cells ``text`` takes (a Chinese character is two)."""
    if text.isascii():
        return len(text)
    return sum(char_cells(c) for c in text)


def is_wide(text: str) -> bool:
    return not text.isascii() and any(char_cells(c) == 2 for c in text)


class CellTextWrapper(TextWrapper):
    """click's wrapper, measuring in cells and breaking between Chinese characters."""

    def wrap(self, text: str) -> list[str]:
        if not is_wide(text):
            return super().wrap(text)
        lines: list[str] = []
        line: list[str] = []
        used = 0
        indent = self.initial_indent
        for token in _TOKEN.findall(text):
            if token.isspace():
                token = " "
                if not line:
                    continue
            width = cells(token)
            if line and cells(indent) + used + width > self.width and not token.isspace():
                carry: list[str] = []
                if token[0] in _NO_LINE_START and len(line) > 1:
                    carry = [line.pop()]  # keep "，" with the character before it
                lines.append(indent + "".join(line).rstrip())
                indent = self.subsequent_indent
                line, used = carry, sum(cells(c) for c in carry)
            line.append(token)
            used += width
        if line:
            lines.append(indent + "".join(line).rstrip())
        return lines
