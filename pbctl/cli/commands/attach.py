"""``pbctl attach ALLIANCE meeting|activity N FILE… [--caption TEXT]``."""

from __future__ import annotations

from pathlib import Path

import click

from pbctl.cli import Options
from pbctl.i18n import _


@click.command()
@click.argument("alliance")
@click.argument("record_kind", metavar="meeting|activity",
                type=click.Choice(("meeting", "activity")))
@click.argument("number", metavar="N", type=click.IntRange(min=1))
@click.argument("files", metavar="FILE…", nargs=-1, required=True,
                type=click.Path(path_type=Path))
@click.option("--caption", help="What the files show, e.g. 签约仪式合影.")
@click.option("-m", "--message", help="Reason recorded with the revision.")
@click.pass_obj
def attach(opts: Options, alliance: str, record_kind: str, number: int, files: tuple[Path, ...],
           caption: str | None, message: str | None) -> None:
    """Attach evidence (photos, scanned sign-in sheets …) to a meeting or activity.

    Copies the files under alliances/<id>/attachments/<kind>-<N>/ and lists them in the
    record's attachments (its 佐证材料), as one revision. Files over 20 MiB are refused.
    """
    from pbctl.cli import ui
    from pbctl.definition.workspace import display_path
    from pbctl.records.attachments import attach as attach_files

    result = attach_files(opts.workspace(), alliance, record_kind, number, list(files),
                          caption=caption, message=message)
    for path in result.files:
        ui.success(_("attached {path}").format(path=display_path(path)))
    ui.info(_("listed in {path}").format(path=display_path(result.record)))
