"""``pbctl export members ALLIANCE -o FILE.xlsx``."""

from __future__ import annotations

from pathlib import Path

import click

from pbctl.cli import Options
from pbctl.i18n import _


@click.group()
def export() -> None:
    """Write data out in the layout offices keep (a member roster)."""


@export.command()
@click.argument("alliance")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="The .xlsx to write.")
@click.pass_obj
def members(opts: Options, alliance: str, output: Path) -> None:
    """Write the members as a roster (成员单位名册) .xlsx that `pbctl import members` reads
    back unchanged."""
    from pbctl.cli import ui
    from pbctl.definition.workspace import display_path
    from pbctl.records.roster import export_members

    path = export_members(opts.workspace(), alliance, output)
    ui.success(_("wrote {path}").format(path=display_path(path)))
