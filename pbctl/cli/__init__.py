"""The click command line: global options, lazy subcommands, and the error handler.

Subcommands live in ``pbctl/cli/commands/<verb>.py`` and are imported only when used, so
``pbctl --help`` stays as light as click itself.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from pbctl.errors import PbctlError

if TYPE_CHECKING:
    from pbctl.definition.workspace import Workspace

#: name → (function in ``pbctl.cli.commands.<name>``, one-line help shown by ``pbctl --help``)
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("init", "Make a records workspace (a git repository)."),
    "new": ("new", "Scaffold a new alliance definition."),
    "check": ("check", "Validate definitions and records."),
    "schema": ("schema", "Print the JSON Schema of definitions/records."),
    "render": ("render", "Render documents to .docx (and PDF)."),
    "log": ("log", "Record a joint meeting or a joint activity."),
    "attach": ("attach", "Attach photos or scans to a meeting or activity."),
    "import": ("import_", "Import a member roster (.xlsx/.csv)."),
    "export": ("export", "Export the members as a roster .xlsx."),
    "history": ("history", "List the revisions of documents."),
    "diff": ("diff", "Show what changed between two revisions."),
    "sign": ("sign", "Freeze the signed revision of a document."),
    "verify": ("verify", "Check signed files against their records."),
    "status": ("status", "Documents, meetings and decisions at a glance."),
    "done": ("done", "Mark a decision, plan item or list item as carried out."),
    "due": ("due", "What falls due: meetings, decisions, renewals."),
    "ledger": ("ledger", "Write the ledger (台账) as .xlsx and .docx."),
    "report": ("report", "Write the year-end summary (年度工作总结)."),
    "plan": ("plan", "Write the annual plan (年度工作计划)."),
    "list": ("list_", "The three lists as live items: add, claim, show."),
    "evaluate": ("evaluate", "Write the joint evaluation (成效联评) of the members."),
    "sync": ("sync", "Fetch, integrate and push a shared workspace."),
    "textconv": ("textconv", "Print a .docx as text (git diff driver)."),
}

#: commands whose module is not named as the command (``import`` is a keyword)
_MODULES = {"import": "import_"}


@dataclass(frozen=True)
class Outcome:
    """What a command returns when its result decides the exit code (``pbctl check`` found
    problems, ``verify`` a file that differs …). Library results with an ``ok`` attribute
    (CheckResult, VerifyReport) may be returned as they are."""

    ok: bool


class LazyGroup(click.Group):
    """A group whose commands are imported on first use, with a domain-error handler."""

    def list_commands(self, ctx: click.Context) -> list[str]:  # noqa: ARG002 - click API
        return list(COMMANDS)

    def get_command(self, ctx: click.Context,  # noqa: ARG002 - click API
                    cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module = importlib.import_module(
            f"pbctl.cli.commands.{_MODULES.get(cmd_name, cmd_name)}")
        command = getattr(module, target[0])
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else None
        if name is not None and name not in COMMANDS and not name.startswith("-"):
            import difflib

            close = difflib.get_close_matches(name, list(COMMANDS), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise click.UsageError(f"No such command {name!r}.{hint}", ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        from pbctl.cli import ui

        try:
            result = super().invoke(ctx)
        except PbctlError as exc:
            ui.show_error(exc)
            for note in getattr(exc, "__notes__", ()):
                ui.info(note)
            raise click.exceptions.Exit(exc.exit_code) from None
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            ui.console(stderr=True).print("interrupted")
            raise click.exceptions.Exit(130) from None
        except Exception:
            ui.report_crash()
            raise click.exceptions.Exit(3) from None
        # The one place where a command's outcome becomes an exit code.
        if getattr(result, "ok", True) is False:
            raise click.exceptions.Exit(1)
        return result


class Options:
    """Global options, passed to subcommands as ``ctx.obj``."""

    def workspace(self) -> Workspace:
        """The workspace: the nearest folder at or above the current one with pbctl.yaml
        (``-C DIR`` has already changed the current folder)."""
        from pbctl.definition.workspace import Workspace

        return Workspace.at()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-C", "directory", type=click.Path(file_okay=False), default=None,
    help="Run as if started in DIR (the workspace is the nearest folder with pbctl.yaml).",
)
@click.option("--no-color", is_flag=True, help="Plain output (also: NO_COLOR=1).")
@click.version_option(package_name="pbctl", prog_name="pbctl")
@click.pass_context
def cli(ctx: click.Context, directory: str | None, no_color: bool) -> None:
    """pbctl: the paperwork of party-building alliances (党建联建).

    Define an alliance in YAML, check it, render its charter, co-building agreement and
    integrity pact as GB/T 9704 documents, and keep every revision in a git-backed
    records folder.
    """
    from pbctl.cli import ui

    ui.configure(no_color=no_color)
    if directory is not None and not os.path.isdir(directory):
        raise click.BadParameter(f"{directory}: no such folder", param_hint="-C")
    if directory is not None:
        previous = os.getcwd()
        os.chdir(directory)  # as git -C: relative paths are relative to DIR
        ctx.call_on_close(lambda: os.chdir(previous))
    ctx.obj = Options()


def main() -> None:
    cli(prog_name="pbctl")
