"""``pbctl trust [TEMPLATE…] [--yes]``: trust workspace templates, as direnv allows an .envrc."""

from __future__ import annotations

import sys

import click

from pbctl.cli import Options, Outcome
from pbctl.i18n import _


def _interactive() -> bool:
    return sys.stdin.isatty()


@click.command()
@click.argument("templates", nargs=-1)
@click.option("--yes", "-y", is_flag=True, help="Trust without asking.")
@click.pass_obj
def trust(opts: Options, templates: tuple[str, ...], yes: bool) -> Outcome:
    """Let workspace templates run, once you have read them.

    A template in the workspace's templates/ folder (new, synced from a colleague, or edited)
    runs only once you have trusted its exact content. For each untrusted TEMPLATE (default:
    all) this shows what changed since you last trusted it and asks. Without a terminal and
    without --yes it only lists them and exits 1. Your trust is kept outside the workspace
    ($XDG_DATA_HOME/pbctl/trust), so it never syncs.
    """
    from pbctl.cli import ui
    from pbctl.rendering import trust as store

    folder = opts.workspace().templates_dir()
    names = [store.name_of(folder, t) for t in templates] or None
    if not folder.is_dir():
        if names:
            raise click.UsageError(f"{folder}: no templates folder")
        ui.info(_("this workspace has no templates/ folder: nothing to trust"))
        return Outcome(ok=True)
    pending = [s for s in store.states(folder, names) if not s.trusted]
    if not pending:
        ui.success(_("every workspace template is trusted"))
        return Outcome(ok=True)
    console = ui.console()
    interactive = _interactive()
    refused = 0
    for state in pending:
        console.print(f"[bold]templates/{ui.escape(state.name)}[/]: "
                      + (_("new") if state.previous is None
                         else _("changed since you trusted it")))
        if not yes and not interactive:
            continue
        click.echo(state.diff(), nl=False)
        asked = _("Trust templates/{name}?").format(name=state.name)
        if yes or click.confirm(asked, default=False):
            store.trust(folder, state)
            ui.success(_("trusted templates/{name}").format(name=state.name))
        else:
            refused += 1
    if not yes and not interactive:
        ui.warning(_("not trusted: run `pbctl trust` at a terminal to review them, "
                     "or `pbctl trust --yes` to trust them as they are"))
        return Outcome(ok=False)
    return Outcome(ok=not refused)
