"""``pbctl init [DIR]``: make a records workspace (a git repository)."""

from __future__ import annotations

from pathlib import Path

import click

from pbctl.i18n import _


@click.command()
@click.argument("directory", metavar="[DIR]", required=False,
                type=click.Path(file_okay=False, path_type=Path))
@click.option("-m", "--message", help="Reason recorded with the first revision.")
@click.option("--from", "url", metavar="URL",
              help="Clone the shared workspace at URL (any git remote) into DIR instead.")
def init(directory: Path | None, message: str | None, url: str | None) -> None:
    """Make DIR (default: the current folder) a records workspace.

    Creates a git repository there, or adopts the one it is in, and adds pbctl.yaml (the
    settings, commented), alliances/, and a .gitattributes diff driver so that git diff and
    git log -p show the text of .docx files. Commits only those files; running it again
    changes nothing that is already in place.

    With --from URL it clones a workspace that others share (DIR defaults to a folder
    named after the URL) and sets up what git does not copy: the .docx diff driver and the
    merge driver 'pbctl sync' relies on.
    """
    from pbctl.cli import ui
    from pbctl.definition.workspace import display_path
    from pbctl.records.api import init_workspace

    if url is not None:
        from pbctl.sync.clone import clone_workspace

        if message is not None:
            raise click.UsageError(_("-m is for a new workspace; a clone records nothing"))
        root = clone_workspace(url, directory)
        ui.success(_("{path}: cloned the shared workspace {url}").format(
            path=display_path(root), url=url))
        ui.info(_("next: pbctl status; 'pbctl sync' fetches and shares records"))
        return

    result = init_workspace(directory or Path.cwd(), message=message)
    for notice in result.notices:
        ui.warning(notice)
    where = display_path(result.root)
    made = _("made a new git repository") if result.created_repo else _(
        "adopted the git repository")
    if result.commit:
        ui.success(_("{where}: {made}; pbctl workspace recorded as {commit}").format(
            where=where, made=made, commit=result.commit[:10]))
    else:
        ui.success(_("{where} is already a pbctl workspace; nothing to change").format(
            where=where))
    ui.info(_("next: pbctl new alliance, or copy a definition into alliances/<id>/alliance.yaml"))
