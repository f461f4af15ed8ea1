"""The one place that turns results and errors into terminal output.

Every user-facing CLI message passes through here, so that wording (and, later,
translation) lives in one module. rich is imported lazily: ``pbctl --help`` never pays for it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import tempfile
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pbctl.errors import PbctlError, Problem, ValidationError, clip
from pbctl.i18n import _, ngettext

if TYPE_CHECKING:
    from rich.console import Console

_no_color = False
T = TypeVar("T")


def configure(*, no_color: bool) -> None:
    global _no_color
    _no_color = no_color or bool(os.environ.get("NO_COLOR"))


def _can_show(text: str, stream: Any) -> bool:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def mark(ok: bool, *, stderr: bool = False) -> str:
    """✓ or ✗, or "v"/"x" on a console whose encoding cannot show them (GBK, cp1252)."""
    symbol = "✓" if ok else "✗"
    stream = sys.stderr if stderr else sys.stdout
    return symbol if _can_show(symbol, stream) else ("v" if ok else "x")


def console(*, stderr: bool = False) -> Console:
    """A rich console on the current stdout/stderr (tests swap these per invocation)."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    return Console(file=stream, no_color=_no_color, highlight=False, soft_wrap=True,
                   emoji=False)


def escape(text: str) -> str:
    from rich.markup import escape as _escape

    return _escape(text)


def problem_line(problem: Problem) -> str:
    """Markup for one problem: location in bold, field, message, hint."""
    field = f"[cyan]{escape(clip(problem.field))}[/]: " if problem.field else ""
    hint = "[dim]" + escape(_(" ({hint})").format(hint=clip(problem.hint, 400))) + "[/]" \
        if problem.hint else ""
    return (f"[bold]{escape(_printable(problem.location()))}[/]: {field}"
            f"{escape(_printable(clip(problem.message, 400)))}{hint}")


def print_problems(problems: Sequence[Problem], *, stderr: bool = True) -> None:
    con = console(stderr=stderr)
    for problem in problems:
        con.print("[red]" + _("error") + f"[/] {problem_line(problem)}")


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github_annotation(problem: Problem) -> str:
    props = [f"file={_gh_escape(problem.file, prop=True)}"]
    if problem.line is not None:
        props.append(f"line={problem.line}")
    if problem.column is not None:
        props.append(f"col={problem.column}")
    props.append("title=pbctl check")
    field = f"{problem.field}: " if problem.field else ""
    hint = _(" ({hint})").format(hint=problem.hint) if problem.hint else ""
    return f"::error {','.join(props)}::{_gh_escape(field + problem.message + hint)}"


def check_summary(files: int, problems: int) -> str:
    checked = ngettext("{n} file checked", "{n} files checked", files).format(n=files)
    if not problems:
        return _("{checked}, no problems").format(checked=checked)
    found = ngettext("{n} problem found", "{n} problems found", problems).format(n=problems)
    return _("{checked}, {found}").format(checked=checked, found=found)


def alliance_table(alliances: Sequence[Any]) -> None:
    """A summary table of valid alliance definitions."""
    from rich.table import Table

    table = Table(title=_("Alliances"), show_lines=False)
    table.add_column(_("id"), no_wrap=True)
    table.add_column(_("name"), overflow="fold", ratio=3)
    for column in (_("members"), _("groups"), _("pairings")):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column(_("lead (链主)"), overflow="fold", ratio=2)
    table.add_column(_("founded"), no_wrap=True)
    for a in alliances:
        table.add_row(a.id, a.name, str(len(a.members)), str(len(a.groups)),
                      str(len(a.pairings)), a.lead_member.label, a.founded.isoformat())
    console().print(table)


def progress(items: Sequence[T], label: str) -> Iterator[T]:
    """Iterate ``items`` with a transient progress bar on a terminal (none when piped, none
    for a single item)."""
    con = console(stderr=True)
    if not con.is_terminal or len(items) <= 1:
        yield from items
        return
    from rich.progress import Progress

    with Progress(console=con, transient=True) as bar:
        task = bar.add_task(label, total=len(items))
        for item in items:
            yield item
            bar.advance(task)


@contextlib.contextmanager
def working(label: str) -> Iterator[None]:
    """A spinner with ``label`` on a terminal while a slow step runs (LibreOffice); nothing
    when piped."""
    con = console(stderr=True)
    if not con.is_terminal:
        yield
        return
    with con.status(escape(label)):
        yield


def emit_json(data: Any) -> None:
    """JSON on stdout: indented for a person at a terminal, compact (and faster) when piped."""
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent, default=str) + "\n")


def success(message: str) -> None:
    console().print(f"[green]{mark(True)}[/] {escape(message)}")


#: What rich changes in plain text: tabs (expanded) and control characters (dropped).
_RICH_ALTERS = re.compile("[\t\r\a\b\v\f]")


def info(message: str) -> None:
    """Plain text on stdout. Text rich would print unchanged is written directly: the same
    output without importing rich and rendering (~30 ms for a thousand imported members)."""
    if _RICH_ALTERS.search(message):
        console().print(escape(message))
        return
    sys.stdout.write(message + "\n")
    sys.stdout.flush()  # in order with what rich (which flushes) writes to stderr


def waiting_for_lock(pid: int | None) -> None:
    """The line shown while another pbctl holds the workspace lock (set as its hook)."""
    text = (_("waiting for process {pid} to release the workspace lock…").format(pid=pid)
            if pid else _("waiting for another pbctl process to release the workspace lock…"))
    console(stderr=True).print(escape(text))


def warning(message: str) -> None:
    console(stderr=True).print("[yellow]" + _("warning") + f"[/] {escape(message)}")


def show_error(exc: PbctlError) -> None:
    """Print a domain error: one clear line (each problem for validation errors) plus hint."""
    if isinstance(exc, ValidationError):
        print_problems(exc.problems)
        if len(exc.problems) > 1:
            console(stderr=True).print(
                _("{n} problems; nothing was written").format(n=len(exc.problems)))
        else:
            console(stderr=True).print(_("nothing was written"))
        return
    con = console(stderr=True)
    con.print("[red]" + _("error") + f"[/] {escape(clip(_printable(exc.message), 600))}")
    if exc.hint:
        con.print("[dim]" + _("hint:") + f" {escape(clip(_printable(exc.hint), 600))}[/]")


def _printable(text: str) -> str:
    """Text that can be printed whatever it holds (an undecodable argument's surrogates)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def report_crash() -> Path:
    """Write the current exception's traceback to a log file and return its path."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pbctl"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        folder = Path(tempfile.gettempdir())
    log = folder / "pbctl-crash.log"
    try:  # never fail here: an argument may not be UTF-8, the folder may be read-only
        with log.open("w", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(f"pbctl {' '.join(sys.argv[1:])}\n\n")
            traceback.print_exc(file=fh)
    except OSError:
        log = Path(tempfile.gettempdir()) / "pbctl-crash.log"
        with contextlib.suppress(OSError), log.open("w", encoding="utf-8",
                                                    errors="backslashreplace") as fh:
            traceback.print_exc(file=fh)
    con = console(stderr=True)
    said = clip(str(sys.exc_info()[1]).encode("utf-8", "backslashreplace").decode("utf-8"))
    con.print("[red]" + _("pbctl hit an unexpected error") + "[/]: " + escape(said))
    con.print(_("The details are in {log}; please attach it to a bug report.").format(
        log=escape(str(log))))
    return log
