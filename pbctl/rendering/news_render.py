"""The release or brief of one event through its template: a .docx for the records, or
plain text (Markdown or text) for a website or a WeChat article. Both come from the same
template, so a workspace's override of ``news/news.md.j2`` changes both."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pbctl.constants import DOCUMENTS
from pbctl.definition.model import Activity, Alliance, Meeting
from pbctl.definition.settings import Settings
from pbctl.document.blocks import Block, Paragraph, Subtitle, Title
from pbctl.rendering.news import NewsOptions, compose_news, news_kind
from pbctl.rendering.render import Rendered, build_docx

#: Template of the release and of the brief (below a templates folder).
NEWS_TEMPLATES = {kind: DOCUMENTS[kind].template for kind in ("news", "brief")}
TextFormat = Literal["md", "txt"]


def _source_text(alliance: Alliance, event: Meeting | Activity, options: NewsOptions,
                 settings: Settings | None, templates: Path | None) -> tuple[str, str, str]:
    from pbctl.rendering.templating import render_template

    options = options.with_settings(settings)
    context = compose_news(alliance, event, options)
    name = NEWS_TEMPLATES["brief" if options.brief else "news"]
    text, source = render_template(name, context, templates)
    return text, source, context["news"]["headline"]


def render_news(alliance: Alliance, event: Meeting | Activity, options: NewsOptions, *,
                settings: Settings | None = None, templates: Path | None = None) -> Rendered:
    """The release (or, with ``options.brief``, the brief) of one event as a .docx,
    recorded as ``news-meeting-001`` (``brief-meeting-001``)."""
    settings = settings or Settings()
    text, source, headline = _source_text(alliance, event, options, settings, templates)
    record_kind = "meeting" if isinstance(event, Meeting) else "activity"
    kind = news_kind(record_kind, event.number, brief=options.brief)
    data = build_docx(text, source, title=headline,
                      author=settings.author or alliance.secretariat_member.name,
                      subject=alliance.name, keywords="brief" if options.brief else "news",
                      created=event.date, settings=settings,
                      layout="brief" if options.brief else "document")
    return Rendered(kind, data, source)


def news_text(alliance: Alliance, event: Meeting | Activity, options: NewsOptions,
              text_format: TextFormat, *, settings: Settings | None = None,
              templates: Path | None = None) -> str:
    """The release or brief as Markdown (the headline a ``#`` heading) or plain text."""
    from pbctl.rendering.markup import parse

    text, source, _ = _source_text(alliance, event, options, settings, templates)
    return blocks_text(parse(text, source), text_format)


def blocks_text(blocks: list[Block], text_format: TextFormat) -> str:
    """Titles, centred lines and paragraphs as text, one paragraph a line, a blank line
    between them."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Title):
            lines.append(("# " if text_format == "md" else "") + block.text)
        elif isinstance(block, Subtitle | Paragraph):
            lines.append("".join(run.text for run in block.runs))
    return "\n\n".join(line for line in lines if line.strip()) + "\n"
