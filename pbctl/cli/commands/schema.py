"""``pbctl schema``."""

from __future__ import annotations

import click

from pbctl.cli import Options
from pbctl.definition.schema import SCHEMA_KINDS
from pbctl.i18n import _


@click.command()
@click.option(
    "--record", "kind", type=click.Choice(SCHEMA_KINDS), default="alliance",
    show_default=True, help="Which file's schema: alliance, meeting, activity, settings, plan "
         "(plans/YEAR.yaml), lists (lists.yaml).",
)
@click.option("--write", is_flag=True,
              help="Write every kind's schema into the workspace's schemas/ folder (as a "
                   "revision) instead of printing one.")
@click.pass_obj
def schema(opts: Options, kind: str, write: bool) -> None:
    """Print the JSON Schema of an alliance definition (or of a record).

    'pbctl init' writes them all to schemas/ in the workspace, where the first line of a
    definition made by 'pbctl new alliance' points; 'pbctl schema --write' brings them up
    to date after pbctl is upgraded.
    """
    from pbctl.cli import ui
    from pbctl.definition.schema import SCHEMA_FOLDER, json_schema, stale_schemas

    if not write:
        ui.emit_json(json_schema(kind))
        return
    from pbctl.definition.workspace import display_path
    from pbctl.records.api import record_files

    workspace = opts.workspace()
    if not workspace.is_initialized:
        from pbctl.errors import WorkspaceError

        raise WorkspaceError(_("not in a pbctl workspace (no pbctl.yaml here or above)"),
                             hint=_("run 'pbctl init', or leave out --write to print a schema"))
    folder = display_path(workspace.root / SCHEMA_FOLDER)
    stale = stale_schemas(workspace.root)
    if not stale:
        ui.info(_("{folder}: the schemas are up to date").format(folder=folder))
        return
    sha = record_files(workspace, dict(stale), "schema: JSON schemas for editors")
    done = _("{folder}: brought the schemas up to date ({count} written)").format(
        folder=folder, count=len(stale))
    ui.success(_("{text}; recorded as {commit}").format(text=done, commit=sha[:10])
               if sha else done)
