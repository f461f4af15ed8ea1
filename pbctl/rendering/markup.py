"""Template markup → document blocks, parsed by a real Markdown parser (markdown-it-py).

The markup is CommonMark (raw HTML off) plus GFM tables, read with these meanings
(docs/templates.md is the user's reference):

=====================  ====================================================================
``# 标题``              document title
``> 文字``              a centred line in 楷体 (e.g. the adoption note under a title)
``## 总则``             chapter: 第N章　总则
``### …`` to ``######`` numbered headings 一、 （一） 1. （1）
``+ 文字``              article: 第N条　文字 (continuous through the document)
``1. 文字``             numbered item, one level below the heading/article it follows
``- 文字``              an unnumbered paragraph
``**文字**`` ``*文字*`` a run in 黑体 / 楷体
``---``                 page break
a pipe table            table with a header row
fenced directives       ``signatures`` (``label: name`` lines), ``signoff`` (right-aligned
                        lines), ``attachment`` (label line, title line)
=====================  ====================================================================

Numbers in the source are ignored: the writer numbers. Values inserted by templates are
backslash-escaped (see ``pbctl.rendering.templating``); directive bodies are unescaped here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pbctl.document.blocks import (
    Article,
    Attachment,
    Block,
    Chapter,
    Heading,
    Item,
    PageBreak,
    Paragraph,
    Party,
    Run,
    RunFont,
    Runs,
    Signatures,
    Signoff,
    Subtitle,
    Table,
    Title,
)
from pbctl.errors import TemplateError
from pbctl.i18n import _

if TYPE_CHECKING:
    from markdown_it.token import Token

_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
DIRECTIVES = ("signatures", "signoff", "attachment")


def unescape(text: str) -> str:
    """Undo CommonMark backslash escapes (used for directive bodies)."""
    return _UNESCAPE.sub(r"\1", text)


def _runs(inline: Token) -> Runs:
    runs: list[Run] = []
    fonts: list[RunFont] = ["body"]

    def add(text: str) -> None:
        if not text:
            return
        font = fonts[-1]
        if runs and runs[-1].font == font:
            runs[-1] = Run(runs[-1].text + text, font)
        else:
            runs.append(Run(text, font))

    children = inline.children or []
    for i, child in enumerate(children):
        kind = child.type
        if kind in ("text", "code_inline", "text_special", "html_inline"):
            add(child.content)
        elif kind == "softbreak":
            # Chinese text joins across source lines; Latin words keep a space.
            before = runs[-1].text[-1:] if runs else ""
            after = next((c.content[:1] for c in children[i + 1:] if c.content), "")
            if _ASCII_WORD.match(before) and _ASCII_WORD.match(after):
                add(" ")
        elif kind == "hardbreak":
            add("\n")
        elif kind == "strong_open":
            fonts.append("hei")
        elif kind == "em_open":
            fonts.append("kai")
        elif kind in ("strong_close", "em_close"):
            if len(fonts) > 1:
                fonts.pop()
        elif kind == "image":
            add(child.content)
        # link_open/link_close: the link text comes through as text children.
    return tuple(runs)


def _plain(runs: Runs) -> str:
    return "".join(r.text for r in runs)


class _Parser:
    def __init__(self, tokens: Sequence[Token], source: str) -> None:
        self.tokens = tokens
        self.source = source
        self.pos = 0
        self.blocks: list[Block] = []
        self.context_level = 0  # numbering level of the last heading/article

    def fail(self, token: Token, message: str) -> TemplateError:
        line = token.map[0] + 1 if token.map else None
        return TemplateError(message, file=self.source, line=line,
                             hint=_("line numbers count lines of the rendered template"))

    def next(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def skip_to(self, close_type: str, level: int) -> None:
        while self.pos < len(self.tokens):
            token = self.next()
            if token.type == close_type and token.level == level:
                return

    def parse(self) -> list[Block]:
        while self.pos < len(self.tokens):
            self.block(self.next(), list_depth=0)
        return self.blocks

    def block(self, token: Token, list_depth: int) -> None:
        kind = token.type
        if kind == "heading_open":
            inline = self.next()
            self.next()  # heading_close
            runs = _runs(inline)
            level = int(token.tag[1])
            if level == 1:
                self.blocks.append(Title(_plain(runs)))
                self.context_level = 0
            elif level == 2:
                self.blocks.append(Chapter(_plain(runs)))
                self.context_level = 0
            else:
                self.context_level = level - 2
                self.blocks.append(Heading(level - 2, runs))
        elif kind == "paragraph_open":
            inline = self.next()
            self.next()
            self.blocks.append(Paragraph(_runs(inline)))
        elif kind == "blockquote_open":
            while True:
                inner = self.next()
                if inner.type == "blockquote_close" and inner.level == token.level:
                    break
                if inner.type == "inline":
                    self.blocks.append(Subtitle(_runs(inner)))
        elif kind == "bullet_list_open":
            self.bullet_list(token, list_depth)
        elif kind == "ordered_list_open":
            self.ordered_list(token, list_depth + 1)
        elif kind == "table_open":
            self.table(token)
        elif kind in ("fence", "code_block"):
            self.fence(token)
        elif kind == "hr":
            self.blocks.append(PageBreak())
        elif kind.endswith("_close"):
            return
        else:
            raise self.fail(token, f"markup {kind!r} has no meaning in a pbctl template")

    def list_items(self, opening: Token) -> list[list[Token]]:
        """The tokens of each item of the list that ``opening`` opened."""
        items: list[list[Token]] = []
        close = opening.type.replace("_open", "_close")
        while True:
            token = self.next()
            if token.type == close and token.level == opening.level:
                return items
            if token.type == "list_item_open":
                body: list[Token] = []
                while True:
                    inner = self.next()
                    if inner.type == "list_item_close" and inner.level == token.level:
                        break
                    body.append(inner)
                items.append(body)

    def sub(self, tokens: list[Token], list_depth: int) -> None:
        saved = (self.tokens, self.pos)
        self.tokens, self.pos = tokens, 0
        try:
            while self.pos < len(self.tokens):
                self.block(self.next(), list_depth)
        finally:
            self.tokens, self.pos = saved

    def bullet_list(self, opening: Token, list_depth: int) -> None:
        article = opening.markup == "+"
        for body in self.list_items(opening):
            first = next((i for i, tok in enumerate(body) if tok.type == "inline"), None)
            if first is None:
                continue
            runs = _runs(body[first])
            if article:
                self.blocks.append(Article(runs))
                self.context_level = 1
            else:
                self.blocks.append(Paragraph(runs))
            self.sub(body[first + 2:], list_depth)  # after the paragraph_close

    def ordered_list(self, opening: Token, depth: int) -> None:
        base = self.context_level
        level = min(base + depth, 4)
        for body in self.list_items(opening):
            first = next((i for i, tok in enumerate(body) if tok.type == "inline"), None)
            if first is None:
                continue
            self.blocks.append(Item(level, _runs(body[first])))
            self.sub(body[first + 2:], depth)
            self.context_level = base

    def table(self, opening: Token) -> None:  # noqa: ARG002 - one signature per token
        header: list[Runs] = []
        rows: list[tuple[Runs, ...]] = []
        row: list[Runs] = []
        in_head = False
        while True:
            token = self.next()
            if token.type == "table_close":
                break
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                row = []
            elif token.type == "tr_close":
                if in_head:
                    header = row
                else:
                    rows.append(tuple(row))
            elif token.type == "inline":
                row.append(_runs(token))
        self.blocks.append(Table(tuple(header), tuple(rows)))

    def fence(self, token: Token) -> None:
        name = (token.info or "").strip().split(" ")[0]
        # CommonMark ends lines only at \n (markdown-it has normalized \r): str.splitlines
        # would also split at U+0085, U+2028 … inside a member's name.
        lines = [unescape(line) for line in token.content.split("\n")]
        if name == "signatures":
            parties = []
            for line in lines:
                if not line.strip():
                    continue
                label, sep, party_name = line.partition(":")
                if not sep:
                    raise self.fail(token, f"a signatures line needs 'label: name', got {line!r}")
                parties.append(Party(label.strip(), party_name.strip()))
            self.blocks.append(Signatures(tuple(parties)))
        elif name == "signoff":
            self.blocks.append(Signoff(tuple(line for line in lines if line.strip())))
        elif name == "attachment":
            content = [line for line in lines if line.strip()]
            if not content:
                raise self.fail(token, "an attachment needs a label line (e.g. 附件1)")
            self.blocks.append(Attachment(content[0].strip(),
                                          content[1].strip() if len(content) > 1 else ""))
        elif name:
            raise self.fail(token, f"unknown directive {name!r}; known: {', '.join(DIRECTIVES)}")
        else:
            for line in lines:
                self.blocks.append(Paragraph((Run(line),), indent=False, align="left"))


def parse(text: str, source: str = "<template>") -> list[Block]:
    """Parse rendered template text into blocks."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    return _Parser(md.parse(text), source).parse()
