"""``pbctl check [PATH…]``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from pbctl.cli import Options
from pbctl.i18n import _

if TYPE_CHECKING:
    from pbctl.definition.check import CheckResult


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
    show_default=True, help="github: ::error annotations for GitHub Actions.",
)
@click.option("--summary", is_flag=True, help="Also print a table of the alliances checked.")
@click.pass_obj
def check(opts: Options, paths: tuple[Path, ...], fmt: str, summary: bool) -> CheckResult:
    """Validate alliance definitions and records (default: the whole workspace).

    Reports every problem of every file with file, line, column and field; exits 1 if
    there is any.
    """
    from pbctl.cli import ui
    from pbctl.definition.check import check_paths

    targets = list(paths) or [_workspace_root(opts)]
    result = check_paths(targets)
    if summary and fmt == "text":
        ui.alliance_table(result.alliances)
    total = ui.check_summary(len(result.files), len(result.problems))
    if fmt == "json":
        ui.emit_json({
            "ok": result.ok,
            "files": result.files,
            "problems": [p.as_dict() for p in result.problems],
        })
    elif fmt == "github":
        for problem in result.problems:
            click.echo(ui.github_annotation(problem))
        click.echo(f"pbctl check: {total}")
    else:
        ui.print_problems(result.problems, stderr=False)
        if result.ok:
            ui.success(total)
        else:
            ui.console().print(f"[red]{ui.mark(False)}[/] {total}")
    return result


def _workspace_root(opts: Options) -> Path:
    """The workspace to check when no paths are named; outside one, say so (rather than
    walking every YAML file below the current folder)."""
    from pbctl.errors import WorkspaceError

    workspace = opts.workspace()
    if not workspace.is_initialized:
        raise WorkspaceError(_("not in a pbctl workspace (no pbctl.yaml here or above)"),
                             hint=_("run 'pbctl init', or name the files: pbctl check FILE…"))
    return workspace.root
