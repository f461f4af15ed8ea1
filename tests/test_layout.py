"""The house rules of the package layout, checked: sizes, the flat kernel, python-docx's
private attributes confined to document/oxml.py. (The layers are lint-imports' job.)"""

from __future__ import annotations

import re
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "pbctl"
PRIVATE_DOCX = re.compile(r"\._(p|r|tbl|tc|tr|sectPr|element|body|blob)\b")


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_is_over_400_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


def test_at_most_eight_modules_sit_flat_in_the_package() -> None:
    flat = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(flat) <= 8, flat


def test_command_modules_stay_thin() -> None:
    fat = {p.name: n for p in (PACKAGE / "cli" / "commands").glob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 110}
    assert fat == {}


def test_only_oxml_reaches_into_python_docx_private_elements() -> None:
    found = [f"{p.relative_to(ROOT)}:{i}: {line.strip()}"
             for p in _modules() if p.name != "oxml.py"
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if PRIVATE_DOCX.search(line)]
    assert found == []


def test_the_writer_names_python_docx_types_not_any() -> None:
    """python-docx ships type hints: the document modules pass its objects typed with its
    own classes (segment.py's jieba, which ships none, excepted)."""
    uses_any = re.compile(r"^from typing import .*\bAny\b|\btyping\.Any\b", re.MULTILINE)
    found = [p.name for p in sorted((PACKAGE / "document").glob("*.py"))
             if p.name != "segment.py" and uses_any.search(p.read_text(encoding="utf-8"))]
    assert found == []


def test_no_command_exits_by_itself() -> None:
    """Exit codes come from one place, the group's invoke in pbctl/cli/__init__.py."""
    exits = re.compile(r"sys\.exit|SystemExit|ctx\.exit|exceptions\.Exit\(")
    found = [f"{p.name}:{i}" for p in (PACKAGE / "cli" / "commands").glob("*.py")
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if exits.search(line)]
    assert found == []
