"""What a Chinese input method types where YAML needs ASCII: a full-width colon after a key,
a full-width space in an indent, "－" for a list dash; and text with ': ' left unquoted.
Named at its line and column instead of a parser's "could not find expected ':'"."""

from __future__ import annotations

import re

from pbctl.errors import ValidationError
from pbctl.i18n import _

#: A key typed with a Chinese input method: ``lead：x`` (full-width colon).
_FULL_WIDTH_KEY = re.compile(r"^[ \t]*(?:-[ \t]+)?[A-Za-z_][\w-]*[ \t]*(：)", re.MULTILINE)
_FULL_WIDTH_INDENT = re.compile(r"^[ \t]*(\u3000)", re.MULTILINE)
_UNQUOTED_COLON = re.compile(r"^[ \t]*(?:-[ \t]+)?[\w-]+:[ \t]+[^'\"\s].*:[ \t]")
_FULL_WIDTH_DASH = re.compile(r"^[ \t]*(－)[ \t\u3000]", re.MULTILINE)


def quote_hint(text: str, line: int) -> str | None:
    """A hint to quote the value when (0-based) ``line`` is ``key: text with another ': '
    in it``, which YAML reads as a mapping; else None."""
    lines = text.splitlines()
    if line < len(lines) and _UNQUOTED_COLON.match(lines[line]):
        return _("text that contains ': ' must be quoted, e.g. topic: \"议题: 内容\"")
    return None


def full_width_problem(text: str, path: str) -> ValidationError | None:
    """The first full-width mark typed where YAML needs an ASCII one (a Chinese input
    method's "：", a full-width space in the indent, "－" for a list dash), named at its
    line and column; None if there is none."""
    found = []
    for pattern, message in (
        (_FULL_WIDTH_KEY, _("a full-width colon “：” is used here; change it to the ASCII "
                            "colon “:”")),
        (_FULL_WIDTH_INDENT, _("a full-width space is used in the indent here; indent with "
                               "ASCII spaces")),
        (_FULL_WIDTH_DASH, _("a full-width dash “－” is used here; start a list entry with "
                             "the ASCII “-”")),
    ):
        match = pattern.search(text)
        if match:
            found.append((match.start(1), message))
    if not found:
        return None
    offset, message = min(found)
    before = text[:offset]
    return ValidationError.single(path, message, line=before.count("\n") + 1,
                                  column=offset - before.rfind("\n"))
