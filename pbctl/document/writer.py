"""Lay out document blocks as a GB/T 9704-2012 .docx.

:func:`write_docx` is the one entry point: blocks and properties in, the bytes of a .docx
out, the same bytes for the same input. The writer owns numbering: chapters (第一章),
articles (第一条, continuous through the document, never reset by chapters) and the four
levels of headings and items (一、 （一） 1. （1）).

Text is taken literally: ``&``, ``<``, quotes and braces come out as typed (python-docx
escapes XML). Characters XML cannot hold are dropped. A newline inside a run becomes a line
break (``w:br``) within the same paragraph, so a template can break a long title or a
signoff line where it wants; a tab becomes a ``w:tab``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from docx import Document

from pbctl.definition.settings import Fonts
from pbctl.document import native, oxml, package, title
from pbctl.document.blocks import (
    Article,
    Attachment,
    Block,
    Chapter,
    DocumentSpec,
    Heading,
    Item,
    PageBreak,
    Paragraph,
    Run,
    Runs,
    Signatures,
    Signoff,
    Subtitle,
    Table,
    Title,
)
from pbctl.document.page import add_page_numbers, setup_page
from pbctl.document.pagination import fills_a_page, last_page, signing_unit, unit_groups
from pbctl.document.styling import (
    BRIEF,
    LANDSCAPE,
    PORTRAIT,
    TITLE_SIZE,
    Align,
    FontRole,
    Typesetter,
)
from pbctl.document.tables import add_signatures, add_table, add_unit
from pbctl.fsutil import normalize_zip
from pbctl.numerals import cn_number

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph as DocxParagraph

    from pbctl.document.styling import Container

#: Fonts of the four numbering levels: 一、 黑体; （一） 楷体; 1. and （1） 仿宋.
LEVEL_FONTS: tuple[FontRole, ...] = ("hei", "kai", "body", "body")
_ALIGN: dict[str, Align] = {"justify": "both", "center": "center", "right": "right",
                            "left": "left"}
IDEOGRAPHIC_SPACE = "\u3000"
#: The brief's masthead: its name in red 小标宋 小初 (36 pt), spaced out, over a red rule;
#: its headline in 小标宋 小二 (18 pt).
BRIEF_RED = "C00000"
MASTHEAD_SIZE = 72
BRIEF_TITLE_SIZE = 36


def write_docx(spec: DocumentSpec, fonts: Fonts) -> bytes:
    """Render ``spec`` to the bytes of a .docx laid out to GB/T 9704-2012.

    Byte-deterministic: nothing depends on the clock, the machine or a random id.
    Raises ValueError for a heading or item level outside 1–4 or a ``created`` that is not
    ISO 8601.
    """
    geometry = BRIEF if spec.layout == "brief" else LANDSCAPE if spec.landscape else PORTRAIT
    document = Document()
    package.prune_template(document)
    native.make_native(document, fonts)
    # The template's ids, once its unused styles are gone (a 30th of the elements to
    # search); nothing added later carries any.
    package.strip_ids(document)
    typesetter = Typesetter(fonts, geometry)
    _set_defaults(document, typesetter)
    section = document.sections[0]
    setup_page(section, geometry, landscape=spec.landscape)
    add_page_numbers(document, section, typesetter)
    _Layout(document, typesetter, brief=spec.layout == "brief").add_blocks(spec.blocks)
    package.set_core_properties(document, title=spec.title, author=spec.author,
                                subject=spec.subject, keywords=spec.keywords,
                                created=spec.created)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


def _set_defaults(document: DocxDocument, ts: Typesetter) -> None:
    """Document defaults every run and paragraph inherits: 仿宋 3号 with Latin in Times New
    Roman, Chinese language, exact one-grid-line spacing, justified, first line indented two
    characters, widow and orphan control (a page may end a line early rather than leave one
    line of a paragraph alone), no automatic space
    between Chinese and Latin text."""
    styles = oxml.styles_element(document)
    rpr = oxml.doc_defaults(styles, "w:rPr")
    oxml.set_run_fonts(rpr, east_asia=ts.fonts.body, latin=ts.fonts.latin)
    oxml.set_size(rpr, ts.geometry.body_size)
    oxml.set_char_spacing(rpr, ts.geometry.condense)
    oxml.set_lang(rpr)
    oxml.set_spacing(oxml.doc_defaults(styles, "w:pPr"), line=ts.geometry.line_pitch)
    # LibreOffice builds its default paragraph style from Normal: repeat the run defaults.
    normal_rpr, normal = oxml.style_properties(document, "Normal")
    oxml.set_run_fonts(normal_rpr, east_asia=ts.fonts.body, latin=ts.fonts.latin)
    oxml.set_size(normal_rpr, ts.geometry.body_size)
    oxml.set_char_spacing(normal_rpr, ts.geometry.condense)
    oxml.set_flag(normal, "w:widowControl")
    # No extra space between Chinese and Latin letters or digits: "2024年12月3日", "附件1".
    oxml.set_flag(normal, "w:autoSpaceDE", False)
    oxml.set_flag(normal, "w:autoSpaceDN", False)
    oxml.set_spacing(normal, line=ts.geometry.line_pitch)
    oxml.set_indent(normal, firstLineChars=200, firstLine=ts.geometry.chars(2))
    oxml.set_jc(normal, "both")
    oxml.set_theme_font_lang(oxml.settings_element(document))


#: Paragraphs GB/T 9704 sets off by one blank line: the 附件 note after the body, and the
#: 出席 block of minutes.
_BLANK_BEFORE = ("附件：", "附件:", "出席：", "出席:")
#: A run-in heading is at most this many characters, up to and including its 。.
_RUN_IN_MAX = 16


def _plain(runs: Runs) -> str:
    return "".join(r.text for r in runs)


def run_in_heading(runs: Runs) -> tuple[Runs, Runs]:
    """Split an item into its run-in heading and the rest: "联席会议制度。各方……" →
    ("联席会议制度。", "各方……"). The heading is a short phrase closed by 。 with no comma
    before it and text after it; an item without one gives ``((), runs)``."""
    text = _plain(runs)
    end = text.find("。")
    if not 0 < end < _RUN_IN_MAX or any(c in text[:end] for c in "，,、；;：:") \
            or not text[end + 1:].strip():
        return (), runs
    head: list[Run] = []
    rest: list[Run] = []
    at = 0
    for r in runs:
        cut = max(0, min(len(r.text), end + 1 - at))
        if r.text[:cut]:
            head.append(Run(r.text[:cut], r.font))
        if r.text[cut:]:
            rest.append(Run(r.text[cut:], r.font))
        at += len(r.text)
    return tuple(head), tuple(rest)


def _signs(following: Block | None) -> bool:
    """Whether the next block is a signature or sign-off, or the 附件 note: the last body
    paragraph keeps with it, so neither stands alone on a page — unless the signatures fill
    a page by themselves (:func:`~pbctl.document.pagination.fills_a_page`)."""
    if isinstance(following, Paragraph):
        return _plain(following.runs).startswith(("附件：", "附件:"))
    return isinstance(following, Signatures | Signoff) and not fills_a_page(following)


class _Layout:
    """Walks the blocks, keeping the counters and a pending page break."""

    def __init__(self, document: DocxDocument, typesetter: Typesetter, *, brief: bool = False
                 ) -> None:
        self.document = document
        self.brief = brief
        self.titled = False  # the title has been laid out (a brief's masthead is above it)
        self.masthead = 0  # lines of the masthead laid out
        self.cell: _Cell | None = None  # the signing unit's cell being filled
        self.fresh_cell = False  # the container is a cell whose own paragraph is unused
        self.ts = typesetter
        self.chapter = 0
        self.article = 0
        self.levels = [0, 0, 0, 0]
        self.page_break = False
        self.keep = False  # the block being added belongs to the signing unit
        self.dated = True  # parties date their own signatures

    def add_blocks(self, blocks: Sequence[Block]) -> None:
        # One date convention: a printed 签订日期 for all, or a 日期 line under each party.
        self.dated = not any(isinstance(b, Paragraph) and _plain(b.runs).startswith("签订日期")
                             for b in blocks)
        before, inside = signing_unit(blocks)
        before = before | last_page(blocks)
        groups = unit_groups(blocks, inside)
        cells: list[_Cell] = []
        for i, block in enumerate(blocks):
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            self.keep = i in before
            if inside and i == inside.start:
                self.flush_page_break()
                cells = add_unit(self.document, self.ts, max(groups.values()) + 1)
            if i in groups and (i == inside.start or groups[i] != groups[i - 1]):
                self.end_cell()
                self.cell, self.fresh_cell = cells[groups[i]], True
            self.add(block, following)
            if inside and i == inside.stop - 1:
                self.end_cell()
                self.cell, self.fresh_cell = None, False
        if self.page_break:  # a trailing page break: an empty last page, as asked
            oxml.append_page_break(oxml.p_element(self.document.add_paragraph()))

    def add(self, block: Block, following: Block | None) -> None:
        match block:
            case Title():
                self.titled = True
                size = BRIEF_TITLE_SIZE if self.brief else TITLE_SIZE
                p = self.paragraph(align="center", indent=False, keep_next=True, snap=False)
                if self.brief:
                    oxml.set_spacing(oxml.ppr_of(p), line=size * 15)
                per_line = self.ts.geometry.text_width // (size * 10)  # twips / char
                self.ts.add_run(p, title.balance(block.text, per_line), "title", size)
                if not isinstance(following, Subtitle):
                    self.blank()
            case Subtitle() if self.brief and not self.titled:
                self.masthead_line(block, following)
            case Subtitle():
                p = self.paragraph(align="center", indent=False, keep_next=True)
                self.ts.add_runs(p, block.runs, "kai")
                if not isinstance(following, Subtitle):
                    self.blank()
            case Chapter():
                self.chapter += 1
                self.reset_levels()
                p = self.paragraph(align="center", indent=False, keep_next=True)
                label = f"第{cn_number(self.chapter)}章"
                text = f"{label}{IDEOGRAPHIC_SPACE}{block.text}" if block.text else label
                self.ts.add_run(p, text, "hei")
                oxml.set_outline_level(oxml.ppr_of(p), 0)
            case Article():
                self.article += 1
                self.reset_levels()
                p = self.paragraph(keep_next=_signs(following))
                self.ts.add_run(p, f"第{cn_number(self.article)}条{IDEOGRAPHIC_SPACE}", "hei")
                self.ts.add_runs(p, block.runs)
            case Heading():
                label, role = self.number(block.level)
                p = self.paragraph(keep_next=True)
                self.ts.add_run(p, label, role)
                self.ts.add_runs(p, block.runs, role)
                if block.level <= 2:
                    outline = block.level - 1 + (1 if self.chapter else 0)
                    oxml.set_outline_level(oxml.ppr_of(p), outline)
            case Item():
                label, role = self.number(block.level)
                p = self.paragraph(keep_next=_signs(following))
                self.ts.add_run(p, label, role)
                head, rest = run_in_heading(block.runs) if role != "body" else ((), block.runs)
                self.ts.add_runs(p, head, role)
                self.ts.add_runs(p, rest)
            case Paragraph():
                if _plain(block.runs).startswith(_BLANK_BEFORE):
                    self.blank(keep_next=True)
                align = _ALIGN.get(block.align, "both")
                if align == "both" and "\n" in _plain(block.runs):
                    align = "left"  # LibreOffice would spread a line ending in a break
                caption = isinstance(following, Table) and len(_plain(block.runs)) <= 30
                p = self.paragraph(align=align, indent=block.indent and _ALIGN.get(
                                       block.align, "both") == "both",
                                   keep_next=_signs(following) or caption)
                self.ts.add_runs(p, block.runs)
            case Table():
                self.flush_page_break()
                add_table(self.container, self.ts, block)
            case Signatures():
                self.blank(keep_next=True, height=self.ts.geometry.line_pitch // 2)
                add_signatures(self.container, self.ts, block, dated=self.dated)
            case Signoff():
                self.blank(keep_next=True)
                for i, line in enumerate(block.lines):
                    last = i == len(block.lines) - 1
                    p = self.paragraph(align="right", indent=False, keep_next=not last)
                    oxml.set_indent(oxml.ppr_of(p), rightChars=200,
                                    right=self.ts.geometry.chars(2))
                    self.ts.add_run(p, line)
            case Attachment():
                self.chapter = self.article = 0
                self.reset_levels()
                self.page_break = True
                p = self.paragraph(align="left", indent=False, keep_next=True)
                self.ts.add_run(p, block.label, "hei")
                self.blank()
                p = self.paragraph(align="center", indent=False, keep_next=True, snap=False)
                self.ts.add_run(p, block.title, "title", TITLE_SIZE)
                self.blank()
            case PageBreak():
                self.page_break = True

    def masthead_line(self, block: Subtitle, following: Block | None) -> None:
        """A line of a brief's masthead: the first (信息简报) large and red, the others
        (第N期, the 编印单位 and date) in the body font, the last over a red rule."""
        p = self.paragraph(align="center", indent=False, keep_next=True, snap=False)
        ppr = oxml.ppr_of(p)
        self.masthead += 1
        if self.masthead == 1:
            oxml.set_spacing(ppr, line=MASTHEAD_SIZE * 14)
            text = _plain(block.runs)
            # Spaced out, the last character without the space after it, to stay centred.
            for part, spacing in ((text[:-1], MASTHEAD_SIZE * 3), (text[-1:], 0)):
                rpr = oxml.rpr_of(self.ts.add_run(p, part, "title", MASTHEAD_SIZE))
                oxml.set_color(rpr, BRIEF_RED)
                oxml.set_char_spacing(rpr, spacing)
            return
        self.ts.add_runs(p, block.runs)
        if not isinstance(following, Subtitle):
            oxml.set_bottom_rule(ppr, size=18, color=BRIEF_RED)
            self.blank(height=self.ts.geometry.line_pitch // 2)

    # -- helpers --------------------------------------------------------------------------

    @property
    def container(self) -> Container:
        """Where blocks go: the signing unit's cell being filled, else the document."""
        return self.document if self.cell is None else self.cell

    def paragraph(self, *, align: Align = "both", indent: bool = True,
                  keep_next: bool = False, snap: bool = True) -> DocxParagraph:
        """A body paragraph; it starts a new page if a page break is pending."""
        p = self.ts.paragraph(self.container, align=align, indent=indent,
                              keep_next=keep_next or self.keep, snap=snap,
                              first=self.fresh_cell)
        self.fresh_cell = False
        if self.keep:
            oxml.set_flag(oxml.ppr_of(p), "w:keepLines")
        if self.page_break:
            oxml.set_flag(oxml.ppr_of(p), "w:pageBreakBefore")
            self.page_break = False
        return p

    def blank(self, *, keep_next: bool = False, height: int | None = None) -> None:
        """An empty line (one grid line, or ``height`` twips)."""
        p = self.paragraph(indent=False, keep_next=keep_next)
        if height is not None:
            oxml.set_spacing(oxml.ppr_of(p), line=height)

    def end_cell(self) -> None:
        """A cell must end with a paragraph: add a tiny one after a nested table."""
        if self.cell is not None and not oxml.cell_ends_in_paragraph(self.cell):
            self.tiny()

    def tiny(self) -> None:
        """A one-point paragraph (what a table cell must end with after a nested table)."""
        p = self.ts.paragraph(self.container, indent=False)
        oxml.set_spacing(oxml.ppr_of(p), line=20)

    def flush_page_break(self) -> None:
        """Before a table: a pending page break needs a paragraph to carry it; make it one
        point high so the table still starts at the top of the page."""
        if self.page_break:
            p = self.paragraph(indent=False)
            oxml.set_spacing(oxml.ppr_of(p), line=20)

    def reset_levels(self, deeper_than: int = 0) -> None:
        for k in range(deeper_than, len(self.levels)):
            self.levels[k] = 0

    def number(self, level: int) -> tuple[str, FontRole]:
        """Count one more at ``level`` (resetting deeper levels) and return its label:
        一、 （一） 1. （1） with the level's font."""
        if not 1 <= level <= len(self.levels):
            raise ValueError(f"heading/item level must be 1–4, got {level}")
        self.levels[level - 1] += 1
        self.reset_levels(level)
        n = self.levels[level - 1]
        label = (f"{cn_number(n)}、", f"（{cn_number(n)}）", f"{n}.", f"（{n}）")[level - 1]
        return label, LEVEL_FONTS[level - 1]
