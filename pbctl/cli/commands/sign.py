"""``pbctl sign ALLIANCE DOC --date D``: freeze the signed revision of a document."""

from __future__ import annotations

import click

from pbctl.cli import Options, options
from pbctl.i18n import _


@click.command()
@options.alliance("alliance")
@click.argument("doc")
@click.option("--date", required=True, help="The day it was signed, e.g. 2024-12-03.")
@click.option("-m", "--message", help="Reason or note recorded with the revision.")
@click.pass_obj
def sign(opts: Options, alliance: str, doc: str, date: str, message: str | None) -> None:
    """Mark the current revision of DOC as signed on DATE.

    Records the date and the file's sha256 in the alliance's records.yaml and tags the
    commit ALLIANCE/DOC/signed-rN. The signed revision is frozen: rendering different bytes
    for DOC is refused unless 'pbctl render --amend' makes a new revision. 'pbctl verify'
    checks signed files.
    """
    from pbctl.cli import ui
    from pbctl.definition.workspace import display_path
    from pbctl.records.api import sign as sign_document

    result = sign_document(opts.workspace(), alliance, doc, date, message=message)
    for notice in result.notices:
        ui.warning(notice)
    ui.success(_("{path}: {document} r{revision} signed {date}; tagged {tag}").format(
        path=display_path(result.path), document=result.document, revision=result.revision,
        date=result.date.isoformat(), tag=result.tag))
