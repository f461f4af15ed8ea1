"""A click choice that forgives: Chinese names of the values, and a did-you-mean."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any

import click

from pbctl.i18n import _


class Choice(click.Choice):  # type: ignore[type-arg]
    """``click.Choice`` that also takes the Chinese name of a value (``--frequency 每季度``)
    and names the closest value when none fits (``render agrement`` → 'agreement')."""

    def __init__(self, choices: Sequence[str], aliases: Mapping[str, str] | None = None) -> None:
        super().__init__(choices)
        self.aliases = dict(aliases or {})

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None
                ) -> Any:
        if isinstance(value, str):
            value = self.aliases.get(value.strip(), value)
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            words = [str(c) for c in self.choices] + list(self.aliases)
            close = difflib.get_close_matches(str(value), words, n=1, cutoff=0.6)
            if not close:
                raise
            self.fail(exc.message + _(" Did you mean {name!r}?").format(name=close[0]), param, ctx)
