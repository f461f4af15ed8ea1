"""``pbctl new alliance [ID]``: prompts on a terminal, flags for scripts."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from pbctl import words as W
from pbctl.cli import Options
from pbctl.cli.choice import Choice
from pbctl.errors import PbctlError
from pbctl.i18n import _

if TYPE_CHECKING:
    from pbctl.definition.workspace import Workspace

T = TypeVar("T")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")


@click.group()
def new() -> None:
    """Scaffold new things (an alliance definition)."""


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
    if not _SLUG.match(value):
        raise ValueError(_("use 2-64 lower-case letters, digits and '-', starting with a letter "
                           "or digit"))
    return value


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


@new.command("alliance")
@click.argument("alliance_id", metavar="[ID]", required=False)
@click.option("--name", help="Full name, e.g. ××产业链党建联建.")
@click.option("--short-name", help="Short name used in running text.")
@click.option("--theme", help="Theme (主题).")
@click.option("--founded", help="Founding date, e.g. 2024-12-03.")
@click.option("--venue", help="Where it was founded / signed.")
@click.option("--member", "members", multiple=True, metavar="SPEC",
              help='Repeatable: "id=…,name=…,kind=…,level=…,secretary=…".')
@click.option("--lead", help="Member id of the lead unit (链主).")
@click.option("--secretariat", help="Member id of the secretariat (default: the lead).")
@click.option("--convener", type=Choice(["lead", "rotating"], W.CONVENER_ALIASES), default="lead",
              show_default=True)
@click.option("--frequency", type=Choice(["monthly", "quarterly", "half-yearly", "yearly"],
                                         W.FREQUENCY_ALIASES),
              default="half-yearly", show_default=True, help="Joint-meeting frequency.")
@click.option("--term-years", type=click.IntRange(1, 50), default=3, show_default=True)
@click.option("--principle", "principles", multiple=True, help="Repeatable: a principle.")
@click.option("--from", "source", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Start from an existing definition (e.g. one in examples/).")
@click.option("-m", "--message", help="Reason recorded with the revision.")
@click.pass_obj
def new_alliance(opts: Options, alliance_id: str | None, name: str | None,
                 short_name: str | None, theme: str | None, founded: str | None,
                 venue: str | None, members: tuple[str, ...], lead: str | None,
                 secretariat: str | None, convener: str, frequency: str, term_years: int,
                 principles: tuple[str, ...], source: Path | None, message: str | None) -> None:
    """Write alliances/ID/alliance.yaml, commented, ready for 'pbctl check'."""
    from pbctl.cli import ui
    from pbctl.definition import scaffold
    from pbctl.definition.workspace import display_path
    from pbctl.errors import ValidationError
    from pbctl.numerals import parse_date

    workspace = opts.workspace()
    if source is not None:
        if alliance_id is not None:
            _slug_or_fail(alliance_id)
        path, alliance_id = scaffold.copy_from(workspace, source, alliance_id)
        _record(workspace, alliance_id, path, message)
        ui.success(_("wrote {path} (from {source})").format(
            path=display_path(path), source=display_path(source)))
        return

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
    if workspace.alliance_file(alliance_id).exists():
        scaffold._refuse_existing(workspace.alliance_file(alliance_id))
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
    answers = scaffold.NewAlliance(
        id=alliance_id, name=full_name, founded=founded_date, members=member_list, lead=lead,
        short_name=short_name, theme=theme, venue=venue, secretariat=secretariat,
        convener=convener, frequency=frequency, term_years=term_years,
        principles=list(principles),
    )
    path = scaffold.write_new_alliance(workspace, answers)
    _record(workspace, alliance_id, path, message)
    ui.success(_("wrote {path}; check it with 'pbctl check'").format(path=display_path(path)))


def _slug_or_fail(value: str) -> None:
    from pbctl.errors import ValidationError

    try:
        _slug(value)
    except ValueError as exc:
        raise ValidationError.single("ID", str(exc)) from None


def _record(workspace: Workspace, alliance_id: str, path: Path, message: str | None) -> None:
    """Commit the new definition when the workspace is a git repository (see records)."""
    from pbctl.cli import ui
    from pbctl.records.api import record_new_alliance

    notices: list[str] = []
    commit = record_new_alliance(workspace, alliance_id, path, message, notices=notices)
    for notice in notices:
        ui.warning(notice)
    if commit:
        ui.info(_("recorded as {commit}").format(commit=commit[:10]))
