"""``pbctl textconv FILE``: print a .docx as text (the git diff driver pbctl init sets)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def textconv(file: Path) -> None:
    """Print the text of the .docx FILE: paragraphs and table rows, in order.

    git runs it for 'git diff' and 'git log -p' on .docx files (see .gitattributes). A file
    that is not a readable .docx prints a one-line note instead, so git can go on.
    """
    from pbctl.cli import ui
    from pbctl.errors import PbctlError
    from pbctl.records.textconv import textconv as docx_to_text

    try:
        text = docx_to_text(file)
    except PbctlError as exc:
        ui.warning(exc.message)
        text = f"[pbctl textconv: {exc.message}]\n"
    click.echo(text, nl=False)  # verbatim for git: no markup, wrapping or tab expansion
