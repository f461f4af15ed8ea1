"""The click command line: global options, lazy subcommands, and the error handler.

Subcommands live in ``pbctl/cli/commands/<verb>.py`` and are imported only when used, so
``pbctl --help`` stays as light as click itself.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from pbctl import i18n
from pbctl.errors import PbctlError
from pbctl.i18n import N_, _

if TYPE_CHECKING:
    from pbctl.definition.workspace import Workspace

#: name → (function in ``pbctl.cli.commands.<name>``, one-line help shown by ``pbctl --help``)
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("init", N_("Make a records workspace (a git repository).")),
    "new": ("new", N_("Scaffold a new alliance definition.")),
    "check": ("check", N_("Validate definitions and records.")),
    "schema": ("schema", N_("Print the JSON Schema of definitions/records.")),
    "render": ("render", N_("Render documents to .docx (and PDF).")),
    "log": ("log", N_("Record a joint meeting or a joint activity.")),
    "attach": ("attach", N_("Attach photos or scans to a meeting or activity.")),
    "import": ("import_", N_("Import a member roster (.xlsx/.csv).")),
    "export": ("export", N_("Export the members as a roster .xlsx.")),
    "history": ("history", N_("List the revisions of documents.")),
    "diff": ("diff", N_("Show what changed between two revisions.")),
    "sign": ("sign", N_("Freeze the signed revision of a document.")),
    "verify": ("verify", N_("Check signed files against their records.")),
    "status": ("status", N_("Documents, meetings and decisions at a glance.")),
    "done": ("done", N_("Mark a decision, plan item or list item as carried out.")),
    "due": ("due", N_("What falls due: meetings, decisions, renewals.")),
    "ledger": ("ledger", N_("Write the ledger (台账) as .xlsx and .docx.")),
    "report": ("report", N_("Write the year-end summary (年度工作总结).")),
    "plan": ("plan", N_("Write the annual plan (年度工作计划).")),
    "list": ("list_", N_("The three lists as live items: add, claim, show.")),
    "evaluate": ("evaluate", N_("Write the joint evaluation (成效联评) of the members.")),
    "sync": ("sync", N_("Fetch, integrate and push a shared workspace.")),
    "trust": ("trust", N_("Let workspace templates run, once you have read them.")),
    "textconv": ("textconv", N_("Print a .docx as text (git diff driver).")),
}

#: commands whose module is not named as the command (``import`` is a keyword)
_MODULES = {"import": "import_"}


@dataclass(frozen=True)
class Outcome:
    """What a command returns when its result decides the exit code (``pbctl check`` found
    problems, ``verify`` a file that differs …). Library results with an ``ok`` attribute
    (CheckResult, VerifyReport) may be returned as they are."""

    ok: bool


class _Formatter(click.HelpFormatter):
    """click's help layout, with a full-width colon after Chinese headings (选项：)."""

    def write_heading(self, heading: str) -> None:
        colon = "：" if i18n.language() == "zh" else ":"
        self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")


class _Context(click.Context):
    formatter_class = _Formatter


class LazyGroup(click.Group):
    """A group whose commands are imported on first use, with a domain-error handler."""

    context_class = _Context

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
        translate_help(command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, _(COMMANDS[name][1])) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else None
        if name is not None and name not in COMMANDS and not name.startswith("-"):
            import difflib

            close = difflib.get_close_matches(name, list(COMMANDS), n=1)
            hint = _(" Did you mean {name!r}?").format(name=close[0]) if close else ""
            raise click.UsageError(_("No such command {name!r}.").format(name=name) + hint, ctx)
        return super().resolve_command(ctx, args)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        i18n.set_language(None)  # from the environment; an eager --lang may then override it
        return super().parse_args(ctx, args)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        translate_help(self)  # the language is known only now (--lang, or the environment)
        super().format_help(ctx, formatter)

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
            ui.console(stderr=True).print(_("interrupted"))
            raise click.exceptions.Exit(130) from None
        except Exception:
            ui.report_crash()
            raise click.exceptions.Exit(3) from None
        # The one place where a command's outcome becomes an exit code.
        if getattr(result, "ok", True) is False:
            raise click.exceptions.Exit(1)
        return result


_MSGIDS = "_pbctl_msgids"


def translate_help(command: click.Command) -> None:
    """Put ``command``'s help and its options' help in the current language.

    The English texts (the msgids) are kept on the objects, so that a command translated
    once can be translated again into another language in the same process (tests)."""
    import inspect  # click.core imports it already

    msgids: dict[str, str | None] = command.__dict__.setdefault(_MSGIDS, {
        "help": inspect.cleandoc(command.help).partition("\f")[0] if command.help else None,
        "short_help": command.short_help,
    })
    command.context_class = _Context
    command.help = _(msgids["help"]) if msgids["help"] else msgids["help"]
    command.short_help = _(msgids["short_help"]) if msgids["short_help"] else None
    # click caches the --help option (its "Show this message and exit." text) per command
    if getattr(command, "_help_option", None) is not None:
        setattr(command, "_help_option", None)  # noqa: B010 (a private attribute of click's)
    for param in command.params:
        original = param.__dict__.setdefault(_MSGIDS, getattr(param, "help", None))
        if original:
            param.help = _(original)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            translate_help(sub)


def _set_language(ctx: click.Context, param: click.Parameter,  # noqa: ARG001
                  value: str | None) -> None:
    if value is not None:
        i18n.set_language(value)


def _translate_click() -> None:
    """Let click's own texts ("Usage:", "Options", its errors) come from pbctl's catalogue,
    and its help be wrapped in display cells (Chinese characters are two wide)."""
    import click._textwrap

    from pbctl.cli.textwidth import CellTextWrapper

    click._textwrap.TextWrapper = CellTextWrapper  # type: ignore[misc]
    for module in (click.core, click.decorators, click.exceptions, click.formatting,
                   click.parser, click.types):
        setattr(module, "_", _)  # noqa: B010 - click reads its gettext `_` from the module
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", i18n.ngettext)  # noqa: B010


_translate_click()


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
    help=N_("Run as if started in DIR (the workspace is the nearest folder with pbctl.yaml)."),
)
@click.option("--no-color", is_flag=True, help=N_("Plain output (also: NO_COLOR=1)."))
@click.option(
    "--lang", type=click.Choice(i18n.LANGUAGES), default=None, is_eager=True,
    expose_value=False, callback=_set_language,
    help=N_("Language of messages: zh (中文) or en (also: PBCTL_LANG, LANG)."),
)
@click.version_option(package_name="pbctl", prog_name="pbctl")
@click.pass_context
def cli(ctx: click.Context, directory: str | None, no_color: bool) -> None:
    """pbctl: the paperwork of party-building alliances (党建联建).

    Define an alliance in YAML, check it, render its charter, co-building agreement and
    integrity pact as GB/T 9704 documents, and keep every revision in a git-backed
    records folder.
    """
    from pbctl.cli import ui
    from pbctl.records import lock

    ui.configure(no_color=no_color)
    lock.on_wait = ui.waiting_for_lock
    if directory is not None and not os.path.isdir(directory):
        raise click.BadParameter(_("{directory}: no such folder").format(directory=directory),
                                 param_hint="-C")
    if directory is not None:
        previous = os.getcwd()
        os.chdir(directory)  # as git -C: relative paths are relative to DIR
        ctx.call_on_close(lambda: os.chdir(previous))
    ctx.obj = Options()


def _forgiving_streams() -> None:
    """A console that cannot show a character (GBK, cp1252) gets "?" instead of a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            with contextlib.suppress(ValueError, OSError):  # a stream that refuses
                reconfigure(errors="replace")


def main() -> None:
    _forgiving_streams()
    if os.environ.get("_PBCTL_COMPLETE", "").startswith("powershell"):
        from pbctl.cli.completion import register_powershell

        register_powershell()
    try:
        cli(prog_name="pbctl")
    finally:
        # The process ends here. Shutting Python down would first collect and free every
        # object in a reference cycle, which is nearly all of what the imports built
        # (modules' classes and functions, pydantic's validators): ~60 ms of a 0.4 s
        # render, to hand back memory the OS reclaims anyway. Frozen objects are left to
        # it; atexit handlers still run and the standard streams are still flushed. The
        # files pbctl writes are closed (atomically replaced), its lock released and git's
        # persistent processes stopped by context managers before this point (one left
        # over would end when its input closes with this process).
        gc.freeze()
