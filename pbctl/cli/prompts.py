"""The questions ``pbctl new alliance`` asks on a terminal, each with its flag.

A bad answer is asked again at once; with no terminal, a missing answer is an error naming
the flag. The rules (ids, dates, members) are the library's (``definition.scaffold``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pbctl.errors import PbctlError
from pbctl.i18n import _

if TYPE_CHECKING:
    from pbctl.definition.scaffold import NewAlliance
    from pbctl.definition.workspace import Workspace

T = TypeVar("T")


def _ask(label: str, convert: Callable[[str], T], *, default: str | None = None,
         choices: list[str] | None = None, aliases: dict[str, str] | None = None) -> T:
    """Ask until ``convert`` accepts the answer; a bad answer is asked again at once.
    With ``choices``, an answer may also be a Chinese name in ``aliases`` (企业), and one
    that fits nothing is told the closest choice, as ``pbctl check`` would."""
    from rich.prompt import Prompt

    from pbctl.cli import ui

    if choices:
        label = f"{label} [magenta]\\[{'/'.join(choices)}][/]"
    while True:
        answer = Prompt.ask(label, default=default, console=ui.console(stderr=True),
                            show_default=bool(default))  # no empty "()" for no default
        try:
            text = (answer or "").strip()
            if choices:
                text = _one_of(text, choices, aliases or {})
            return convert(text)
        except ValueError as exc:
            ui.console(stderr=True).print(
                "[red]" + ui.escape(_("{error} - try again").format(error=exc)) + "[/]")


def _one_of(answer: str, choices: list[str], aliases: dict[str, str]) -> str:
    from pbctl.definition.problems import suggest

    answer = aliases.get(answer, answer)
    if answer in choices:
        return answer
    close = suggest(answer, [*choices, *aliases])
    raise ValueError(_("{value} is not one of: {options}").format(
        value=repr(answer), options=_(", ").join(choices))
        + (_(" ({hint})").format(hint=_("did you mean {match!r}?").format(match=close))
           if close else ""))


def _slug(value: str) -> str:
    from pbctl.definition.scaffold import check_slug

    return check_slug(value)


def _text(value: str) -> str:
    if not value:
        raise ValueError(_("an answer is needed"))
    return value


def _optional(value: str) -> str:
    return value


def _missing(flag: str) -> PbctlError:
    return PbctlError(_("{flag} is required (there is no terminal to ask on)").format(flag=flag),
                      hint=_("pass {flag} …, or run pbctl new alliance on a terminal").format(
                          flag=flag))


def _prompt_members(ids_taken: list[str]) -> list[dict[str, str]]:
    from pbctl.cli import ui
    from pbctl.definition.model import LEVELS, MEMBER_KINDS
    from pbctl.words import KIND_ALIASES, YES_NO_ALIASES

    members: list[dict[str, str]] = []
    while True:
        n = len(members) + 1
        ui.console(stderr=True).print("[bold]" + _("Member {n}").format(n=n) + "[/]")

        def fresh(value: str) -> str:
            value = _slug(value)
            if value in ids_taken:
                raise ValueError(_("the id {value!r} is taken").format(value=value))
            return value

        member_id = _ask(_("  id (e.g. lmz)"), fresh)
        ids_taken.append(member_id)
        member = {
            "id": member_id,
            "name": _ask(_("  party organization (e.g. ××公司党委)"), _text),
            "kind": _ask(_("  kind"), _text, choices=list(MEMBER_KINDS), default="enterprise",
                         aliases=KIND_ALIASES),
            "level": _ask(_("  level"), _text, choices=list(LEVELS), default="党委"),
        }
        secretary = _ask(_("  secretary (书记, optional)"), _optional, default="")
        if secretary:
            member["secretary"] = secretary
        members.append(member)
        if n >= 2 and _ask(_("Add another member?"), _text, choices=["y", "n"], default="n",
                           aliases={"yes": "y", "no": "n", **YES_NO_ALIASES}) == "n":
            return members


def ask_new_alliance(workspace: Workspace, alliance_id: str | None, *, name: str | None,
                     short_name: str | None, theme: str | None, founded: str | None,
                     venue: str | None, members: tuple[str, ...], lead: str | None,
                     secretariat: str | None, convener: str, frequency: str, term_years: int,
                     principles: tuple[str, ...]) -> NewAlliance:
    """The answers from the flags, asking on a terminal for what they leave out."""
    from pbctl.definition import scaffold
    from pbctl.errors import ValidationError
    from pbctl.numerals import parse_date

    interactive = sys.stdin.isatty()

    def need(value: str | None, flag: str, label: str, convert: Callable[[str], Any]) -> Any:
        if value is not None:
            try:
                return convert(value)
            except ValueError as exc:
                raise ValidationError.single(flag, str(exc)) from None
        if not interactive:
            raise _missing(flag)
        return _ask(label, convert)

    alliance_id = need(alliance_id, "ID", _("Alliance id (folder name, e.g. health-chain)"), _slug)
    assert alliance_id is not None
    scaffold.refuse_existing(workspace.alliance_file(alliance_id))  # before any question
    full_name = need(name, "--name", _("Full name (e.g. ××产业链党建联建)"), _text)
    founded_date = need(founded, "--founded", _("Founding date (e.g. 2024-12-03)"), parse_date)
    if members:
        member_list = [scaffold.parse_member_spec(spec) for spec in members]
    elif interactive:
        member_list = _prompt_members([])
    else:
        raise _missing("--member")
    ids = scaffold.member_ids(member_list)
    if lead is None and interactive:
        lead = _ask(_("Lead unit (链主)"), _text, choices=ids, default=ids[0])
    elif lead is None:
        raise _missing("--lead")
    return scaffold.NewAlliance(
        id=alliance_id, name=full_name, founded=founded_date, members=member_list, lead=lead,
        short_name=short_name, theme=theme, venue=venue, secretariat=secretariat,
        convener=convener, frequency=frequency, term_years=term_years,
        principles=list(principles),
    )


def record_new(workspace: Workspace, alliance_id: str, path: Path, text: str,
               message: str | None) -> None:
    """Write the new definition and commit it when the workspace is a git repository."""
    from pbctl.cli import ui
    from pbctl.records.api import create_alliance

    notices: list[str] = []
    commit = create_alliance(workspace, alliance_id, path, text, message, notices=notices)
    for notice in notices:
        ui.warning(notice)
    if commit:
        ui.info(_("recorded as {commit}").format(commit=commit[:10]))
