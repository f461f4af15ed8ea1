"""Renewing an agreement: the next term starts the day after the current one ends.

``pbctl render agreement --renew`` moves ``term.start`` in the definition (the file is
edited in place, comments kept), records that as a revision, then renders the agreement as
a new revision for the new term (a signed one is amended: renewal is exactly that).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from pbctl.definition import yamlio
from pbctl.definition.loading import validate_alliance
from pbctl.definition.model import Alliance
from pbctl.errors import PbctlError, ValidationError
from pbctl.i18n import _


@dataclass(frozen=True)
class Renewal:
    path: Path
    text: str  # the definition with the new term
    start: dt.date
    end: dt.date
    alliance: Alliance  # as renewed


def _replace_scalar(line: str, column: int, value: str) -> str:
    """Replace the plain or quoted scalar starting at ``column`` (0-based) of ``line``."""
    head, tail = line[:column], line[column:]
    match = re.match(r"""("[^"]*"|'[^']*'|[^\s#,}]+)""", tail)
    if not match:
        raise PbctlError(_("cannot find the term start to replace"))
    return head + value + tail[match.end():]


def renew(path: Path, display: str, today: dt.date | None = None) -> Renewal:
    """The definition at ``path`` moved to its next term; nothing is written."""
    doc = yamlio.load(path, display)
    current, problems = validate_alliance(doc, today)
    if current is None:
        raise ValidationError(problems)
    start = current.term_end + dt.timedelta(days=1)
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)
    iso = start.isoformat()
    data = doc.data if isinstance(doc.data, dict) else {}
    term = data.get("term")
    if isinstance(term, dict) and "start" in term:
        line, col = doc.positions[("term", "start")]
        lines[line - 1] = _replace_scalar(lines[line - 1], col - 1, iso)
    elif isinstance(term, dict):
        key_line = doc.key_positions[("term",)][0]
        value_line, value_col = doc.positions[("term",)]
        target = lines[value_line - 1]
        if target[value_col - 1:].startswith("{"):  # flow style: term: {years: 3}
            cut = value_col
            sep = ", " if term else ""
            lines[value_line - 1] = target[:cut] + f"start: {iso}{sep}" + target[cut:]
        else:
            indent = " " * (value_col - 1)
            lines.insert(key_line, f"{indent}start: {iso}\n")
    else:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        lines.append(f"term:\n  start: {iso}\n  years: {current.term.years}\n")
    new_text = "".join(lines)
    renewed, problems = validate_alliance(yamlio.loads(new_text, display), today)
    if renewed is None:
        raise ValidationError(problems)
    if renewed.term_start != start:
        raise PbctlError(_("{file}: could not move term.start to {date}").format(
            file=display, date=iso), hint=_("set term.start by hand and render again"))
    return Renewal(path, new_text, start, renewed.term_end, renewed)
