"""``pbctl new alliance [ID]``: prompts on a terminal, flags for scripts."""

from __future__ import annotations

import click

from pbctl import words as W
from pbctl.cli import Options
from pbctl.cli.choice import Choice
from pbctl.i18n import _


@click.group()
def new() -> None:
    """Scaffold new things (an alliance definition)."""


@new.command("alliance")
@click.argument("alliance_id", metavar="[ID]", required=False)
@click.option("--name", help="Full name, e.g. ××产业链党建联建.")
@click.option("--short-name", help="Short name used in running text.")
@click.option("--theme", help="Theme (主题).")
@click.option("--founded", help="Founding date, e.g. 2024-12-03.")
@click.option("--venue", help="Where it was founded / signed.")
@click.option("--member", "members", multiple=True, metavar="SPEC",
              help='Repeatable: "id=…,name=…,kind=…,level=…,secretary=…".')
@click.option("--lead", help="Member id of the lead unit (链主).")
@click.option("--secretariat", help="Member id of the secretariat (default: the lead).")
@click.option("--convener", type=Choice(["lead", "rotating"], W.CONVENER_ALIASES), default="lead",
              show_default=True)
@click.option("--frequency", type=Choice(["monthly", "quarterly", "half-yearly", "yearly"],
                                         W.FREQUENCY_ALIASES),
              default="half-yearly", show_default=True, help="Joint-meeting frequency.")
@click.option("--term-years", type=click.IntRange(1, 50), default=3, show_default=True)
@click.option("--principle", "principles", multiple=True, help="Repeatable: a principle.")
@click.option("--from", "source", metavar="FILE|FOLDER|EXAMPLE",
              help="Start from an existing definition: a file, a folder, or an example's "
                   "name (e.g. health-chain).")
@click.option("-m", "--message", help="Reason recorded with the revision.")
@click.pass_obj
def new_alliance(opts: Options, alliance_id: str | None, name: str | None,
                 short_name: str | None, theme: str | None, founded: str | None,
                 venue: str | None, members: tuple[str, ...], lead: str | None,
                 secretariat: str | None, convener: str, frequency: str, term_years: int,
                 principles: tuple[str, ...], source: str | None, message: str | None) -> None:
    """Write alliances/ID/alliance.yaml, commented, ready for 'pbctl check'."""
    from pbctl.cli import ui
    from pbctl.cli.prompts import ask_new_alliance, record_new
    from pbctl.definition import scaffold
    from pbctl.definition.workspace import display_path

    workspace = opts.workspace()
    if source is not None:
        if alliance_id is not None:
            scaffold.check_id(alliance_id)
        origin = scaffold.resolve_source(source)
        path, text, alliance_id = scaffold.copied_text(workspace, origin, alliance_id)
        record_new(workspace, alliance_id, path, text, message)
        ui.success(_("wrote {path} (from {source})").format(
            path=display_path(path), source=source))
        return

    answers = ask_new_alliance(
        workspace, alliance_id, name=name, short_name=short_name, theme=theme,
        founded=founded, venue=venue, members=members, lead=lead, secretariat=secretariat,
        convener=convener, frequency=frequency, term_years=term_years,
        principles=principles)
    path, text = scaffold.new_alliance_text(workspace, answers)
    record_new(workspace, answers.id, path, text, message)
    ui.success(_("wrote {path}; check it with 'pbctl check'").format(path=display_path(path)))
