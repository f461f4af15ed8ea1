"""``pbctl history ALLIANCE [DOC]``: the revisions of documents."""

from __future__ import annotations

import click

from pbctl.cli import Options, options
from pbctl.i18n import _


@click.command()
@options.alliance("alliance")
@click.argument("doc", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.pass_obj
def history(opts: Options, alliance: str, doc: str | None, fmt: str) -> None:
    """List the revisions of DOC (agreement, charter, integrity-pact, minutes-003 …, or
    'alliance' for the definition), newest first; without DOC, of all of them.

    Shows each revision's number, date, author, message and whether it was signed.
    """
    from pbctl.cli import ui
    from pbctl.records.api import history as revisions_of

    revisions = revisions_of(opts.workspace(), alliance, doc)
    if fmt == "json":
        ui.emit_json([r.as_dict() for r in revisions])
        return
    if not revisions:
        ui.info(_("no revisions recorded yet"))
        return
    lines = []
    for r in revisions:
        rev = f"r{r.revision}" if r.revision else "r?"
        signed = f" [green]\\[signed {r.signed_date}][/]" if r.signed else ""
        reason = f" — {ui.escape(r.reason)}" if r.reason else ""
        lines.append(
            f"[bold]{ui.escape(r.document)} {rev}[/]{signed}  {r.date[:16].replace('T', ' ')}  "
            f"{ui.escape(r.author)}  {ui.escape(r.subject)}{reason}"
        )
    ui.console().print("\n".join(lines))  # one write, not one per revision
