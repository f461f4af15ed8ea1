"""Shell completion of what pbctl knows: alliance ids, meeting numbers, decision refs.

click completes commands, options and choices (document kinds) by itself; these callbacks
add the words only the workspace knows. Enable completion once per shell, e.g. for bash
``eval "$(_PBCTL_COMPLETE=bash_source pbctl)"`` (see README.zh-CN.md).
"""

from __future__ import annotations

from typing import Any

import click
from click.shell_completion import CompletionItem


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
