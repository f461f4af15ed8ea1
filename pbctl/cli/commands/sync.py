"""``pbctl sync``: fetch, integrate and push a shared workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from pbctl.cli import Options
from pbctl.i18n import _

if TYPE_CHECKING:
    from pbctl.errors import SyncSummary
    from pbctl.sync.api import SyncResult


@click.command()
@click.option("--remote", default="origin", show_default=True, metavar="NAME",
              help="The git remote to sync with.")
@click.option("-m", "--message", help="Reason recorded with the merge (as git commit -m).")
@click.option("--abort", "abort_merge", is_flag=True,
              help="Give up an unfinished merge (after conflicts) and go back to before it.")
@click.pass_obj
def sync(opts: Options, remote: str, message: str | None, abort_merge: bool) -> None:
    """Fetch, integrate and push this workspace with its shared remote.

    Brings in what colleagues pushed (records, documents, signature tags), merges it with
    what was done here, and pushes the result. Meetings or activities both sides logged
    under the same number are settled here: yours (not yet pushed) are renumbered after
    the remote's, with a message. A true conflict (both changed the same field, both
    rendered the same document) stops with the files named and nothing pushed: resolve
    them, git add, and run pbctl sync again. A tag that differs on the remote is refused.
    """
    from pbctl.cli import ui
    from pbctl.errors import MergeCheckFailed, SyncStopped
    from pbctl.sync import api

    workspace = opts.workspace()
    if abort_merge:
        api.abort(workspace)
        ui.success(_("gave up the unfinished merge; the workspace is as before it "
                     "(run pbctl sync to try again)"))
        return
    try:
        result = api.sync(workspace, remote=remote, message=message)
    except SyncStopped as exc:
        if exc.result is not None:
            _show_partial(exc.result)
        if isinstance(exc, MergeCheckFailed):
            ui.print_problems(exc.problems)
        raise
    _show(result)


def _show_partial(result: SyncSummary) -> None:
    """What a sync that stopped had done before stopping."""
    from pbctl.cli import ui

    for notice in result.notices:
        ui.warning(notice)
    for line in result.summary_lines():
        if not line.startswith(("already up to date", "out: nothing")):
            ui.info(line)


def _show(result: SyncResult) -> None:
    from pbctl.cli import ui

    for notice in result.notices:
        ui.warning(notice)
    lines = result.summary_lines()
    if result.up_to_date:
        ui.success(lines[0])
        return
    for line in lines:
        ui.info(line)
    ui.success(_("synced with {where}").format(where=f"{result.remote}/{result.branch}"))
