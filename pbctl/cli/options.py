"""Options and arguments several commands share, declared once.

Dates are read as ``2024-12-03`` or ``2024年12月3日``; alliances are named by id in the
workspace or by the path of a definition file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import click

from pbctl.i18n import N_

F = TypeVar("F", bound=Callable[..., Any])


def parse_date_param(ctx: click.Context, param: click.Parameter, value: str | None
                     ) -> dt.date | None:
    """Click callback: ``2024-12-03`` or ``2024年12月3日`` → a date."""
    from pbctl.numerals import parse_date

    if value is None:
        return None
    try:
        day = parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
    if not 1921 <= day.year <= 2999:
        raise click.BadParameter(f"{day.isoformat()} is out of range (years 1921 to 2999)",
                                 ctx=ctx, param=param)
    return day


def date(*names: str, help: str) -> Callable[[F], F]:
    """A DATE option: ``--date``, ``--from``, ``--to`` …"""
    return click.option(*names, metavar="DATE", callback=parse_date_param, help=help)


def as_of(help: str = N_("Show the state on this day (default: today).")
          ) -> Callable[[F], F]:
    return click.option("--as-of", "as_of", metavar="DATE", callback=parse_date_param,
                        help=help)


def alliance(name: str = "alliance_ref", *, required: bool = True) -> Callable[[F], F]:
    """The ALLIANCE argument: an id in the workspace, or the path of a definition file."""
    from pbctl.cli import completion

    return click.argument(name, metavar="ALLIANCE" if required else "[ALLIANCE]",
                          required=required, shell_complete=completion.alliances)


def output_format(*extra: str, help: str | None = None
                  ) -> Callable[[F], F]:
    """``--format text|json|…`` (stored as ``fmt``)."""
    return click.option("--format", "fmt", type=click.Choice(["text", "json", *extra]),
                        default="text", show_default=True, help=help)
