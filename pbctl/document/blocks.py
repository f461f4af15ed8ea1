"""Document blocks: what a rendered template means, before any layout.

Templates own the words, the writer owns numbering and layout; these plain dataclasses are
the contract between them. ``pbctl.rendering.markup`` builds them from template output,
``pbctl.document.writer`` lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

#: Fonts a run may ask for; the writer maps them to the workspace's font settings.
RunFont = Literal["body", "hei", "kai"]


@dataclass(frozen=True)
class Run:
    """A stretch of text in one font: body (仿宋), hei (黑体, ``**x**``), kai (楷体, ``*x*``)."""

    text: str
    font: RunFont = "body"


Runs = tuple[Run, ...]


@dataclass(frozen=True)
class Title:
    """The document title (小标宋 2号, centred). ``# 标题``."""

    text: str


@dataclass(frozen=True)
class Subtitle:
    """A line under the title, centred in 楷体 (e.g. （2024年12月3日审议通过）). ``> …``
    directly after the title."""

    runs: Runs


@dataclass(frozen=True)
class Chapter:
    """第N章 heading, centred in 黑体; N is assigned by the writer. ``## 总则``."""

    text: str


@dataclass(frozen=True)
class Heading:
    """Numbered heading. level 1 "一、" 黑体 (``###``), 2 "（一）" 楷体 (``####``),
    3 "1." (``#####``), 4 "（1）" (``######``), numbers assigned by the writer."""

    level: int
    runs: Runs


@dataclass(frozen=True)
class Article:
    """第N条 paragraph, N continuous through the document. ``+ text`` list items."""

    runs: Runs


@dataclass(frozen=True)
class Item:
    """A numbered item at ``level`` (same numbering scheme as :class:`Heading`), written as a
    body paragraph starting with its number. Ordered lists ``1. text``; the level is one
    deeper than the heading or article it sits under, plus nesting."""

    level: int
    runs: Runs


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph, first line indented two characters unless ``align`` is not
    ``justify``. Bullet list items (``- text``) are paragraphs too."""

    runs: Runs
    align: Literal["justify", "center", "right", "left"] = "justify"
    indent: bool = True


@dataclass(frozen=True)
class Table:
    """A table with a header row (GFM pipe table)."""

    header: tuple[Runs, ...]
    rows: tuple[tuple[Runs, ...], ...]


@dataclass(frozen=True)
class Party:
    label: str  # 甲方
    name: str  # the party organization's full name


@dataclass(frozen=True)
class Signatures:
    """Signature blocks of the parties in a borderless table, 2-3 a row, each with
    盖章 / 负责人（签字） / 日期 lines. Fenced ```` ```signatures ```` with ``label: name``
    lines."""

    parties: tuple[Party, ...]
    columns: int = 0  # 0: the writer chooses (2 or 3)


@dataclass(frozen=True)
class Signoff:
    """Issuer and date at the right, without a seal: fenced ```` ```signoff ````; each line
    is one right-aligned line (the issuer 2 characters in from the right)."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Attachment:
    """Starts an attachment on a new page: "附件N" in 黑体 at the top left, then the title
    centred. Fenced ```` ```attachment ```` whose first line is the label (附件1), second
    the title."""

    label: str
    title: str


@dataclass(frozen=True)
class PageBreak:
    """``---`` (a thematic break)."""


Block = (
    Title | Subtitle | Chapter | Heading | Article | Item | Paragraph | Table | Signatures
    | Signoff | Attachment | PageBreak
)


@dataclass
class DocumentSpec:
    """Everything the writer needs besides the blocks: properties and settings."""

    title: str
    author: str
    subject: str = ""
    keywords: str = ""
    created: str = "2000-01-01T00:00:00Z"  # ISO 8601, from the definition, never the clock
    landscape: bool = False
    #: ``brief``: the one-page 信息简报, set smaller (see :data:`styling.BRIEF`), its
    #: centred lines before the title a red masthead over a red rule.
    layout: Literal["document", "brief"] = "document"
    blocks: list[Block] = field(default_factory=list)
