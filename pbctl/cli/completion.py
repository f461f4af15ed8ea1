"""Shell completion of what pbctl knows: alliance ids, meeting numbers, decision refs.

click completes commands, options and choices (document kinds) by itself; these callbacks
add the words only the workspace knows. Enable completion once per shell, e.g. for bash
``eval "$(_PBCTL_COMPLETE=bash_source pbctl)"`` (see README.zh-CN.md).

click knows bash, zsh and fish; PowerShell (the Windows shell most users have) is added
here the way click adds the others: a :class:`ShellComplete` whose source registers a
native argument completer that runs pbctl with the command line in the environment.
"""

from __future__ import annotations

import os
from typing import Any

import click
from click.shell_completion import CompletionItem, ShellComplete, add_completion_class


def _workspace() -> Any:
    from pbctl.definition.workspace import Workspace

    return Workspace.at()


def alliances(ctx: click.Context, param: click.Parameter, incomplete: str  # noqa: ARG001
              ) -> list[CompletionItem]:
    """Alliance ids of the workspace the shell is in."""
    try:
        ids = _workspace().alliance_ids()
    except Exception:  # completion must never print a traceback into the shell
        return []
    return [CompletionItem(i) for i in ids if i.startswith(incomplete)]


def _numbers(ctx: click.Context, folder: str) -> list[int]:
    alliance = ctx.params.get("alliance_ref") or ctx.params.get("alliance")
    if not alliance:
        return []
    try:
        path = _workspace().alliance_dir(str(alliance)) / folder
        return sorted(int(p.stem) for p in path.glob("*.yaml") if p.stem.isdigit())
    except Exception:
        return []


def meetings(ctx: click.Context, param: click.Parameter, incomplete: str  # noqa: ARG001
             ) -> list[CompletionItem]:
    """Numbers of the meetings recorded for the alliance named before."""
    from pbctl.constants import MEETINGS_DIR

    return [CompletionItem(str(n)) for n in _numbers(ctx, MEETINGS_DIR)
            if str(n).startswith(incomplete)]


def decisions(ctx: click.Context, param: click.Parameter, incomplete: str  # noqa: ARG001
              ) -> list[CompletionItem]:
    """``MEETING.`` prefixes of the meetings recorded (then the shell adds the decision)."""
    from pbctl.constants import MEETINGS_DIR

    return [CompletionItem(f"{n}.", type="plain") for n in _numbers(ctx, MEETINGS_DIR)
            if f"{n}.".startswith(incomplete)]


# The PowerShell side: the text before the cursor and the word being completed go to pbctl
# in the environment; each answer line is "value<TAB>help". Output is read as UTF-8 (the
# console's own code page, GBK on Chinese Windows, is restored afterwards).
_POWERSHELL_SOURCE = """\
Register-ArgumentCompleter -Native -CommandName %(prog_name)s -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $line = $commandAst.ToString()
    $upTo = $cursorPosition - $commandAst.Extent.StartOffset
    if ($upTo -ge 0 -and $upTo -lt $line.Length) { $line = $line.Substring(0, $upTo) }
    $encoding = [Console]::OutputEncoding
    [Console]::OutputEncoding = [System.Text.Encoding]::UTF8
    $env:%(complete_var)s = 'powershell_complete'
    $env:PBCTL_COMPLETE_LINE = $line
    $env:PBCTL_COMPLETE_WORD = $wordToComplete
    $env:PYTHONIOENCODING = 'utf-8'
    try {
        %(prog_name)s | ForEach-Object {
            $value, $help = $_ -split "`t", 2
            if (-not $help) { $help = $value }
            [System.Management.Automation.CompletionResult]::new(
                $value, $value, 'ParameterValue', $help)
        }
    } finally {
        [Console]::OutputEncoding = $encoding
        Remove-Item Env:%(complete_var)s, Env:PBCTL_COMPLETE_LINE, Env:PBCTL_COMPLETE_WORD,
            Env:PYTHONIOENCODING -ErrorAction SilentlyContinue
    }
}
"""


class PowerShellComplete(ShellComplete):
    """``_PBCTL_COMPLETE=powershell_source pbctl`` prints the completer to load in
    ``$PROFILE``; it calls back with ``powershell_complete``."""

    name = "powershell"
    source_template = _POWERSHELL_SOURCE

    def get_completion_args(self) -> tuple[list[str], str]:
        from click.shell_completion import split_arg_string

        line = os.environ.get("PBCTL_COMPLETE_LINE", "")
        incomplete = os.environ.get("PBCTL_COMPLETE_WORD", "")
        words = split_arg_string(line)[1:]  # without the program's name
        if incomplete and words and words[-1] == incomplete:
            words = words[:-1]
        return words, incomplete

    def format_completion(self, item: CompletionItem) -> str:
        return f"{item.value}\t{item.help or ''}"


def register_powershell() -> None:
    add_completion_class(PowerShellComplete)
