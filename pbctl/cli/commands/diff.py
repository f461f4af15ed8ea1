"""``pbctl diff ALLIANCE DOC [REV_A [REV_B]]``: what changed between two revisions."""

from __future__ import annotations

import click

from pbctl.cli import Options, options
from pbctl.i18n import _


@click.command()
@options.alliance("alliance")
@click.argument("doc")
@click.argument("rev_a", metavar="[REV_A", required=False)
@click.argument("rev_b", metavar="[REV_B]]", required=False)
@click.pass_obj
def diff(opts: Options, alliance: str, doc: str, rev_a: str | None, rev_b: str | None) -> None:
    """Show the text difference between two revisions of DOC (e.g. r2 r3).

    Without revisions: the latest against the one before; with one: that one against the
    latest. DOC 'alliance' (or 'definition') compares the YAML of the definition.
    """
    from pbctl.cli import ui
    from pbctl.records.api import diff as text_diff

    out = text_diff(opts.workspace(), alliance, doc, rev_a, rev_b)
    if not out:
        ui.info(_("the two revisions read the same"))
        return
    console = ui.console()
    styles = {"+": "green", "-": "red", "@": "cyan"}
    for line in out.splitlines():
        style = "bold" if line.startswith(("+++", "---")) else styles.get(line[:1])
        console.print(ui.escape(line), style=style)
