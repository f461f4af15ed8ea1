"""Where things are in a workspace (the records folder); no heavy imports here."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pbctl import constants as C
from pbctl.errors import WorkspaceError
from pbctl.i18n import _

if TYPE_CHECKING:
    from pbctl.definition.settings import Settings


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding ``pbctl.yaml``, else ``start``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / C.WORKSPACE_FILE).is_file():
            return folder
    return start


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:  # outside the current folder
        return str(absolute)


@dataclass(frozen=True)
class Workspace:
    root: Path

    @classmethod
    def at(cls, directory: Path | None = None) -> Workspace:
        return cls(find_root(directory or Path.cwd()))

    @property
    def is_initialized(self) -> bool:
        return (self.root / C.WORKSPACE_FILE).is_file()

    @property
    def settings_file(self) -> Path:
        return self.root / C.WORKSPACE_FILE

    def settings(self) -> Settings:
        from pbctl.definition.settings import load_settings

        return load_settings(self.settings_file, display_path(self.settings_file))

    @property
    def alliances_dir(self) -> Path:
        return self.root / C.ALLIANCES_DIR

    def alliance_dir(self, alliance_id: str) -> Path:
        return self.alliances_dir / alliance_id

    def alliance_file(self, alliance_id: str) -> Path:
        return self.alliance_dir(alliance_id) / C.ALLIANCE_FILE

    def documents_dir(self, alliance_id: str) -> Path:
        return self.alliance_dir(alliance_id) / C.DOCUMENTS_DIR

    def templates_dir(self) -> Path:
        return self.root / C.TEMPLATES_DIR

    def alliance_ids(self) -> list[str]:
        if not self.alliances_dir.is_dir():
            return []
        return sorted(
            p.name for p in self.alliances_dir.iterdir() if (p / C.ALLIANCE_FILE).is_file()
        )

    def resolve_alliance(self, ref: str) -> Path:
        """An alliance id in this workspace, or a path to a definition file."""
        candidate = Path(ref)
        if candidate.suffix in (".yaml", ".yml") or os.sep in ref or "/" in ref:
            path = candidate if candidate.is_absolute() else Path.cwd() / candidate
            if path.is_dir():
                path = path / C.ALLIANCE_FILE
            if not path.is_file():
                raise WorkspaceError(_("{ref}: no such alliance definition file").format(ref=ref))
            records = path.parent
            if records.name in (C.MEETINGS_DIR, C.ACTIVITIES_DIR) and (
                records.parent / C.ALLIANCE_FILE
            ).is_file():
                kind = _("meeting") if records.name == C.MEETINGS_DIR else _("activity")
                raise WorkspaceError(
                    _("{ref} is a {kind} record, not an alliance definition").format(
                        ref=ref, kind=kind),
                    hint=_("name the alliance ({id}) instead").format(id=records.parent.name),
                )
            return path
        path = self.alliance_file(ref)
        if not path.is_file():
            from pbctl.definition.problems import suggest

            known = self.alliance_ids()
            close = suggest(ref, known)
            hint = _("did you mean {match!r}?").format(match=close) if close else (
                _("alliances here: {ids}").format(ids=_(", ").join(known)) if known
                else _("create one with 'pbctl new alliance'")
            )
            where = _("this workspace") if self.root == Path.cwd().resolve() else (
                _("the workspace {path}").format(path=display_path(self.root)))
            raise WorkspaceError(_("no alliance {ref!r} in {where}").format(ref=ref, where=where),
                                 hint=hint)
        return path
