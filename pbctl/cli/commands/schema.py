"""``pbctl schema``."""

from __future__ import annotations

import click

from pbctl.definition.schema import SCHEMA_KINDS


@click.command()
@click.option(
    "--record", "kind", type=click.Choice(SCHEMA_KINDS), default="alliance",
    show_default=True, help="Which file's schema: alliance, meeting, activity, settings, plan "
         "(plans/YEAR.yaml), lists (lists.yaml).",
)
def schema(kind: str) -> None:
    """Print the JSON Schema of an alliance definition (or of a record).

    Save it and point your editor at it with a first line such as
    '# yaml-language-server: $schema=alliance.schema.json'.
    """
    from pbctl.cli import ui
    from pbctl.definition.schema import json_schema

    ui.emit_json(json_schema(kind))
