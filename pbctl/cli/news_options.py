"""The options of ``pbctl render news``: the release date, the byline and review chain,
the brief's issue and publisher, and the text format. Declared here so the render command
stays a list of its own options."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from pbctl.cli import options
from pbctl.i18n import _

if TYPE_CHECKING:
    from pathlib import Path

    from pbctl.definition.model import Alliance
    from pbctl.definition.workspace import Workspace
    from pbctl.rendering.news import NewsOptions

F = TypeVar("F", bound=Callable[..., Any])

#: Option names and their defaults, as click passes them.
_DEFAULTS: dict[str, Any] = {
    "text_format": "docx", "brief": False, "issue": None, "publisher": None, "kicker": None,
    "subtitle": None, "release_date": None, "source": None, "reporters": (), "editor": None,
    "reviewers": (),
}


def news_options(f: F) -> F:
    """Declare the news options (all of them only for ``news``)."""
    decorators = [
        click.option("--format", "text_format", type=click.Choice(["docx", "md", "txt"]),
                     default="docx", show_default=True,
                     help="With news: md or txt writes text to -o FILE or standard output "
                          "instead of recording a .docx."),
        click.option("--brief", is_flag=True,
                     help="With news: the 信息简报 (300–600 characters) instead of the release."),
        click.option("--issue", type=click.IntRange(min=1), help="With --brief: 第N期."),
        click.option("--publisher",
                     help="With --brief: 编印单位 (default: settings news.publisher, else the "
                          "secretariat)."),
        click.option("--kicker", help="With news: the 引题 above the headline."),
        click.option("--subtitle", help="With news: the 副题 below the headline."),
        options.date("--date", "release_date",
                     help="With news: the release date (default today); the event's year is "
                          "said only when it differs."),
        click.option("--source", help="With news: 来源 (default: settings news.source)."),
        click.option("--reporter", "reporters", multiple=True,
                     help="With news: 通讯员 (repeatable; default: settings news.reporters)."),
        click.option("--editor", help="With news: 责编 (default: settings news.editor)."),
        click.option("--reviewer", "reviewers", multiple=True,
                     help="With news: 一审, 二审, 三审 in order (repeatable, at most 3)."),
    ]
    for decorator in reversed(decorators):
        f = decorator(f)
    return f


def news_options_of(kind: str, given: dict[str, Any]) -> NewsOptions | None:
    """The options as the library takes them; a usage error when given without ``news``."""
    used = [name for name, default in _DEFAULTS.items() if given.get(name) != default]
    if kind != "news":
        if used:
            flag = "--" + used[0].replace("text_format", "format").replace(
                "release_date", "date").replace("reporters", "reporter").replace(
                "reviewers", "reviewer").replace("_", "-")
            raise click.UsageError(f"{flag} is for news: pbctl render news ALLIANCE "
                                   "meeting|activity N")
        return None
    from pbctl.rendering.news import REVIEW_LABELS, NewsOptions

    if len(given["reviewers"]) > len(REVIEW_LABELS):
        raise click.UsageError(_("--reviewer is given at most 3 times: 一审, 二审, 三审"))
    if given["issue"] is not None and not given["brief"]:
        raise click.UsageError(_("--issue numbers a brief: add --brief"))
    return NewsOptions(
        date=given["release_date"], kicker=given["kicker"], subtitle=given["subtitle"],
        source=given["source"], reporters=tuple(given["reporters"]), editor=given["editor"],
        reviewers=tuple(given["reviewers"]), publisher=given["publisher"],
        issue=given["issue"], brief=given["brief"])


def write_news_text(workspace: Workspace, alliance: Alliance, source: Path,
                    target: tuple[str, ...], news: NewsOptions, text_format: Any,
                    output: Path | None) -> None:
    """``--format md|txt``: the release as text to ``output`` or standard output; nothing
    is recorded."""
    from pbctl.cli import ui
    from pbctl.definition.workspace import display_path
    from pbctl.records.selection import news_text_selected

    text = news_text_selected(alliance, source, target, news, text_format,
                              settings=workspace.settings(),
                              templates=workspace.templates_dir())
    if output is None:
        click.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    ui.success(_("wrote {path}").format(path=display_path(output)))
