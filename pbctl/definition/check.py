"""Validate definitions and records: every problem of every file, in one pass."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pbctl import constants as C
from pbctl.definition import yamlio
from pbctl.definition.loading import validate_alliance, validate_record
from pbctl.definition.model import Activity, Alliance, Meeting
from pbctl.definition.workspace import display_path
from pbctl.errors import Problem, ValidationError
from pbctl.i18n import _

if TYPE_CHECKING:
    from pbctl.definition.plan import Plan

_SKIP_DIRS = {".git", ".venv", "node_modules", "__pycache__", C.DOCUMENTS_DIR, C.TEMPLATES_DIR}


@dataclass
class CheckResult:
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    alliances: list[Alliance] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _yaml_files(path: Path) -> Iterator[Path]:
    if not path.is_dir():
        yield path  # a file given by name (a FIFO or device is refused when read)
        return
    # Files before subfolders: a definition is read (and cached) before its records, which
    # would otherwise load and validate it a second time (activities/ sorts before it).
    children = sorted(path.iterdir(), key=lambda c: (c.is_dir(), c.name))
    for child in children:
        if child.is_dir():
            if child.name not in _SKIP_DIRS and not child.name.startswith("."):
                yield from _yaml_files(child)
        elif child.suffix in (".yaml", ".yml") and not child.name.startswith("."):
            yield child


def _kind_of(path: Path) -> str:
    if path.name == C.WORKSPACE_FILE:
        return "settings"
    if path.name == ".pre-commit-hooks.yaml" or path.name == ".pre-commit-config.yaml":
        return "skip"
    parent = path.parent
    if path.name == C.RECORDS_FILE and (parent / C.ALLIANCE_FILE).is_file():
        return "registry"
    if parent.name in (C.MEETINGS_DIR, C.ACTIVITIES_DIR) and (
        parent.parent / C.ALLIANCE_FILE
    ).is_file():
        return "meeting" if parent.name == C.MEETINGS_DIR else "activity"
    from pbctl.definition.plan import is_lists_file, is_plan_file

    if is_plan_file(path):
        return "plan"
    if is_lists_file(path):
        return "lists"
    return "alliance"


class _Checker:
    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.result = CheckResult()
        self._alliances: dict[Path, Alliance | None] = {}
        self._plans: dict[Path, dict[int, Plan]] = {}
        self._numbered: dict[Path, dict[str, str]] = {}

    def plans_for(self, record: Path, alliance: Alliance) -> dict[int, Plan]:
        """The plans beside a record's definition (none if any is invalid: reported there)."""
        from pbctl.definition.plan import load_plans

        folder = record.parent.parent
        if folder not in self._plans:
            try:
                self._plans[folder] = load_plans(folder, alliance)
            except ValidationError:
                self._plans[folder] = {}
        return self._plans[folder]

    def alliance_for(self, record: Path, up: int = 2) -> Alliance | None:
        definition = (record.parent.parent if up == 2 else record.parent) / C.ALLIANCE_FILE
        if definition not in self._alliances:
            try:
                doc = yamlio.load(definition, display_path(definition))
                self._alliances[definition] = validate_alliance(doc, self.today)[0]
            except ValidationError:
                self._alliances[definition] = None
        return self._alliances[definition]

    def check_file(self, path: Path) -> None:
        kind = _kind_of(path)
        if kind == "skip":
            return
        shown = display_path(path)
        self.result.files.append(shown)
        try:
            doc = yamlio.load(path, shown)
        except ValidationError as exc:
            self.result.problems.extend(exc.problems)
            return
        if kind == "settings":
            if doc.data is None:  # an empty pbctl.yaml marks a workspace: all defaults
                return
            from pbctl.definition.problems import validate_model
            from pbctl.definition.settings import Settings

            self.result.problems.extend(validate_model(doc, Settings)[1])
        elif kind == "registry":
            from pbctl.definition.registry import validate_registry

            self.result.problems.extend(validate_registry(doc)[1])
        elif kind == "alliance":
            alliance, problems = validate_alliance(doc, self.today, path=path)
            self.result.problems.extend(problems)
            if alliance is not None:
                self._alliances[path] = alliance
                self.result.alliances.append(alliance)
        elif kind == "plan":
            from pbctl.definition.plan import validate_plan

            self.result.problems.extend(validate_plan(doc, self.alliance_for(path),
                                                      path=path)[1])
        elif kind == "lists":
            from pbctl.definition.plan import validate_lists

            self.result.problems.extend(validate_lists(doc, self.alliance_for(path, 1))[1])
        else:
            folder = path.parent
            if folder not in self._numbered:
                from pbctl.definition import numbering

                self._numbered[folder] = dict(numbering.problems(folder))
            if path.name in self._numbered[folder]:
                self.result.problems.append(
                    Problem(shown, self._numbered[folder][path.name], line=1))
                return
            model = Meeting if kind == "meeting" else Activity
            alliance = self.alliance_for(path)
            record, problems = validate_record(doc, model, alliance, self.today, path=path)
            self.result.problems.extend(problems)
            if record is not None and alliance is not None and record.plan_items:
                from pbctl.definition.plan import check_plan_item_refs

                self.result.problems.extend(
                    check_plan_item_refs(doc, self.plans_for(path, alliance)))


def check_paths(paths: Iterable[Path], *, today: dt.date | None = None) -> CheckResult:
    """Check every YAML file in ``paths`` (files or folders) and collect all problems."""
    checker = _Checker(today or dt.date.today())
    for path in paths:
        if not path.exists():
            checker.result.problems.append(Problem(display_path(path), _("no such file or folder")))
            continue
        for file in _yaml_files(path):
            checker.check_file(file)
    return checker.result
