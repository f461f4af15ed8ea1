"""``pbctl evaluate ALLIANCE --year Y``: the joint evaluation (成效联评) of the members."""

from __future__ import annotations

import datetime as dt

import click

from pbctl.cli import Options
from pbctl.cli.options import parse_date_param as date_option
from pbctl.i18n import N_, _


@click.command()
@click.argument("alliance", metavar="ALLIANCE")
@click.option("--year", type=click.IntRange(1921, 2200), help="The year (default: this one).")
@click.option("--as-of", "as_of", metavar="DATE", callback=date_option,
              help="Count what was done by this day (default: today, at most 31 December).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json: print the evaluation for scripts.")
@click.option("-m", "--message", help="Reason recorded with the revision.")
@click.pass_obj
def evaluate(opts: Options, alliance: str, year: int | None, as_of: dt.date | None,
             fmt: str, message: str | None) -> None:
    """For each member: meetings attended, activities hosted and joined, plan items,
    needs and decisions owned and done on time; a score from the weights in pbctl.yaml
    (evaluation.weights), a rank, and the evidence behind every number.

    Writes evaluation-YEAR.xlsx and .docx into the records as a revision (whatever the
    output format).
    """
    from rich.table import Table

    from pbctl.cli import ui
    from pbctl.cli.ui import escape
    from pbctl.records.api import write_documents
    from pbctl.tracking.evaluation import (
        evaluate,
        evaluation_docx,
        evaluation_kind,
        evaluation_xlsx,
    )
    from pbctl.tracking.records import load_alliance_records

    workspace = opts.workspace()
    today = dt.date.today()
    year = year or today.year
    day = as_of or today
    records = load_alliance_records(workspace, alliance, today=max(day, today))
    settings = workspace.settings()
    result = evaluate(records, year, day, settings.evaluation.weights)
    author = settings.author or records.alliance.secretariat_member.name
    kind = evaluation_kind(year)
    written = write_documents(workspace, records.id,
                              {kind: evaluation_docx(result, settings, author=author)},
                              message=message, amend=False,
                              extra={f"{kind}.xlsx": evaluation_xlsx(result, author=author)})
    if fmt == "json":
        ui.emit_json(result.as_dict())
        return
    table = Table(title=_("{title} (as of {date})").format(title=result.title,
                                                           date=result.as_of.isoformat()),
                  title_justify="left", caption=_(
                      "meetings attended/held · activities hosted/joined · plan and "
                      "decisions done on time/owned · needs closed/claimed; --format json "
                      "gives the evidence"), caption_justify="left")
    for name in (N_("rank"), N_("member"), N_("score"), N_("meetings"), N_("activities"),
                 N_("plan"), N_("needs"), N_("decisions")):
        table.add_column(_(name), overflow="fold")
    for m in result.members:
        f = m.facts
        table.add_row(str(m.rank), escape(m.name), str(m.score),
                      f"{f['meetings_attended']}/{f['meetings_held']}",
                      f"{f['activities_hosted']}/{f['activities_joined']}",
                      f"{f['plan_done_on_time']}/{f['plan_owned']}",
                      f"{f['needs_closed']}/{f['needs_claimed']}",
                      f"{f['decisions_done_on_time']}/{f['decisions_owned']}")
    ui.console().print(table)
    if result.groups:
        ui.info(_("group meetings: {list}").format(
            list=_(", ").join(f"{g.name} {g.held}" for g in result.groups)))
    for line in written.summary_lines():
        ui.info(line)
