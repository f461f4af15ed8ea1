"""``pbctl plan new ALLIANCE YEAR``: write the annual plan (年度工作计划)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pbctl.cli import Options
from pbctl.i18n import _

if TYPE_CHECKING:
    from pbctl.definition.workspace import Workspace


def _interactive() -> bool:
    return sys.stdin.isatty()


@click.group()
def plan() -> None:
    """The annual plan (年度工作计划): plans/YEAR.yaml of an alliance."""


@plan.command("new")
@click.argument("alliance", metavar="ALLIANCE")
@click.argument("year", type=click.IntRange(1921, 2200))
@click.option("--file", "file", type=click.Path(dir_okay=False, allow_dash=True),
              help="Read the plan from a YAML file ('-': stdin).")
@click.option("-m", "--message", help="Reason recorded with the commit.")
@click.pass_obj
def new(opts: Options, alliance: str, year: int, file: str | None,
        message: str | None) -> None:
    """Write plans/YEAR.yaml: one item per undertaking of each area and per project
    (owner: the project's owner, else the lead; due dates spread over the year).

    On a terminal the prefilled, commented form opens in $EDITOR (an unchanged or emptied
    form records nothing); --file reads the plan from a file; with neither and no terminal
    the prefilled plan is written as it is. One revision.
    """
    from pbctl.cli import ui
    from pbctl.definition.workspace import display_path
    from pbctl.errors import PbctlError
    from pbctl.records.plan import plan_for_new, write_plan

    workspace = opts.workspace()
    display: str | None = None
    editing = False
    if file is not None:
        if file == "-":
            text, display = sys.stdin.read(), "<stdin>"
        else:
            path = Path(file)
            if not path.is_file():
                raise PbctlError(_("{file}: no such file").format(file=file))
            text, display = path.read_text(encoding="utf-8-sig"), display_path(path)
    else:
        editing = _interactive()
        _path, form = plan_for_new(workspace, alliance, year, editing=editing)
        if editing:
            edited = click.edit(form, extension=".yaml", require_save=True)
            if edited is None or edited == form:
                raise PbctlError(_("the form was not changed; no plan was recorded"))
            text = edited
        else:
            text = form
    try:
        written = write_plan(workspace, alliance, year, text, display=display,
                             message=message)
    except PbctlError as exc:
        if file is not None or not editing:
            raise
        draft = _keep_draft(workspace, text)
        exc.add_note(_("your form is kept in {path}; fix it and run: pbctl plan new {alliance} "
                       "{year} --file {path}").format(path=display_path(draft),
                                                      alliance=alliance, year=year))
        raise
    done = _("plan {year} of {alliance}: {count} items written to {path}").format(
        year=year, alliance=written.alliance_id, count=written.items,
        path=display_path(written.path))
    if written.commit:
        ui.success(_("{done}; recorded as {commit}").format(done=done, commit=written.commit[:10]))
    else:
        ui.success(done)
        ui.warning(_("not a git workspace: nothing was recorded in history ('pbctl init')"))


def _keep_draft(workspace: Workspace, text: str) -> Path:
    """Keep an edited form that could not be recorded (in .git, else the temp folder)."""
    import tempfile

    from pbctl.records.store import Store

    store = Store.open(workspace)
    draft = (store.git_dir if store else Path(tempfile.gettempdir())) / "PBCTL_PLAN.yaml"
    draft.write_text(text, encoding="utf-8")
    return draft
