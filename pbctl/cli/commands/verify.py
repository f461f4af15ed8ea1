"""``pbctl verify [ALLIANCE]``: check signed files against their records."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from pbctl.cli import Options, options
from pbctl.i18n import _, ngettext

if TYPE_CHECKING:
    from pbctl.records.signing import VerifyReport


@click.command()
@options.alliance("alliance", required=False)
@click.option("--strict", is_flag=True,
              help="Also check every current (unsigned) document against its revision.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.pass_obj
def verify(opts: Options, alliance: str | None, strict: bool, fmt: str) -> VerifyReport:
    """Check every signed file against its recorded sha256 and its tagged commit.

    Exits 1 naming each file that differs (or whose tag is missing).
    """
    from pbctl.cli import ui
    from pbctl.records.signing import check_signed

    report = check_signed(opts.workspace(), alliance, strict=strict)
    for notice in report.notices:
        ui.warning(notice)
    if fmt == "json":
        ui.emit_json({"ok": report.ok, "checked": report.checked,
                      "problems": [p.as_dict() for p in report.problems]})
    else:
        console = ui.console()
        for problem in report.problems:
            console.print(f"[red]{ui.mark(False)}[/] [bold]{ui.escape(problem.file)}[/]: "
                          f"{ui.escape(problem.message)}")
        count = len(report.checked)
        if report.ok and count:
            ui.success(ngettext("{n} signed file matches its records",
                                "{n} signed files match their records", count).format(n=count))
        elif report.ok:
            ui.info(_("nothing is signed yet"))
        else:
            console.print("[red]" + _("{n} problem(s)").format(n=len(report.problems)) + "[/] "
                          + _("in {n} checked").format(n=count))
    return report
