"""Numbered record files: ``meetings/001.yaml`` … ``meetings/1000.yaml``, and a group's
meetings numbered on their own: ``meetings/ruanjian-001.yaml`` (``GROUP-N``).

The number is in the file name, so the next one is found from one directory listing (no file
is parsed): about a millisecond with 10,000 prior records.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

WIDTH = 3
#: Highest record number: four digits (a meeting a day for 27 years).
MAX_NUMBER = 9999


def file_name(number: int) -> str:
    """``3`` → ``003.yaml``; wider numbers keep all their digits (``1234.yaml``)."""
    return f"{number:0{WIDTH}d}.yaml"


def number_of(name: str) -> int | None:
    stem, dot, suffix = name.partition(".")
    if dot and suffix in ("yaml", "yml") and stem.isdigit() and stem.isascii():
        return int(stem)
    return None


def numbers(folder: Path) -> list[int]:
    """The record numbers present in ``folder``, ascending."""
    try:
        with os.scandir(folder) as entries:
            found = [number_of(entry.name) for entry in entries]
    except FileNotFoundError:
        return []
    return sorted(n for n in found if n is not None)


def problems(folder: Path) -> list[tuple[str, str]]:
    """(file name, what is wrong) for record files whose number is too large or given twice
    (``001.yml`` beside ``001.yaml``)."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries)
    except (FileNotFoundError, NotADirectoryError):
        return []
    found: list[tuple[str, str]] = []
    seen: dict[int, str] = {}
    for name in names:
        number = number_of(name)
        if number is None:
            continue
        if number > MAX_NUMBER:
            found.append((name, f"record numbers go up to {MAX_NUMBER:,}; rename the file"))
        elif number in seen:
            found.append((name, f"number {number} is also {seen[number]}; keep one of them"))
        else:
            seen[number] = name
    return found


def next_number(folder: Path) -> int:
    """One more than the highest number in ``folder`` (1 for an empty or missing folder).

    Raises ValidationError for a file whose number is too large or repeated."""
    from pbctl.definition.workspace import display_path
    from pbctl.errors import Problem, ValidationError

    wrong = problems(folder)
    if wrong:
        raise ValidationError([Problem(display_path(folder / name), message, line=1)
                               for name, message in wrong])
    present = numbers(folder)
    return _checked(present[-1] + 1 if present else 1, folder)


def _checked(number: int, folder: Path) -> int:
    """``number``, or a ValidationError when it is beyond the highest pbctl gives."""
    from pbctl.definition.workspace import display_path
    from pbctl.errors import ValidationError

    if number > MAX_NUMBER:
        raise ValidationError.single(
            display_path(folder), f"already holds record {MAX_NUMBER:,}, the highest number "
            "pbctl gives")
    return number


_GROUP_FILE = re.compile(r"^([a-z0-9][a-z0-9-]*?)-(\d+)\.ya?ml$")
_GROUP_REF = re.compile(r"^([a-z0-9][a-z0-9-]*?)-(\d+)$")


def group_file_name(group: str, number: int) -> str:
    """``("ruanjian", 2)`` → ``ruanjian-002.yaml``."""
    return f"{group}-{number:0{WIDTH}d}.yaml"


def group_number_of(name: str) -> tuple[str, int] | None:
    """``ruanjian-002.yaml`` → ("ruanjian", 2); None for a joint meeting's file."""
    match = _GROUP_FILE.match(name)
    return (match.group(1), int(match.group(2))) if match else None


def parse_group_ref(ref: str, groups: list[str]) -> tuple[str, int] | None:
    """``ruanjian-2`` → ("ruanjian", 2) when ``ruanjian`` is one of ``groups``."""
    match = _GROUP_REF.match(ref.strip())
    if match and match.group(1) in groups and int(match.group(2)) >= 1:
        return match.group(1), int(match.group(2))
    return None


def group_numbers(folder: Path, group: str) -> list[int]:
    """The numbers of ``group``'s meetings present in ``folder``, ascending."""
    try:
        with os.scandir(folder) as entries:
            found = [group_number_of(entry.name) for entry in entries]
    except FileNotFoundError:
        return []
    return sorted(n for g, n in (f for f in found if f is not None) if g == group)


def next_group_number(folder: Path, group: str) -> int:
    present = group_numbers(folder, group)
    return _checked(present[-1] + 1 if present else 1, folder)
