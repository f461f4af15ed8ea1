"""Page geometry and the run/paragraph helpers the writer modules share.

All numbers come from GB/T 9704-2012: A4, margins 37/35/28/26 mm,
仿宋 3号 body on a grid of 22 lines × 28 characters. Lengths are twips (1/20 pt), font sizes
half-points, as WordprocessingML stores them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from pbctl.definition.settings import Fonts
from pbctl.document import oxml
from pbctl.document.blocks import Run, Runs

if TYPE_CHECKING:
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run as DocxRun

    class Container(Protocol):
        """Where paragraphs and tables go: python-docx's ``Document`` (the body) or a table
        ``_Cell`` (the signing unit). The two share no base class that has all three, and
        python-docx leaves ``_Cell.paragraphs``, ``_Cell.add_paragraph`` and
        ``Document.add_table`` unannotated: this says what they return."""

        @property
        def paragraphs(self) -> list[Paragraph]: ...
        def add_paragraph(self) -> Paragraph: ...
        def add_table(self, rows: int, cols: int) -> DocxTable: ...

#: A font role: the three a run may ask for, plus the title's and the page number's.
FontRole = Literal["body", "hei", "kai", "title", "page_number"]
Align = Literal["both", "center", "right", "left"]

BODY_SIZE = 32  # 三号 16 pt
TITLE_SIZE = 44  # 二号 22 pt
TABLE_SIZE = 28  # 四号 14 pt, for dense tables
PAGE_NUMBER_SIZE = 28  # 四号 14 pt
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28


def mm(value: float) -> int:
    """Millimetres to twips."""
    return round(value * 1440 / 25.4)


#: The text area of a portrait page, which the grid divides in landscape too.
_PORTRAIT_TEXT_HEIGHT = mm(297) - mm(37) - mm(35)
_PORTRAIT_TEXT_WIDTH = mm(210) - mm(28) - mm(26)


@dataclass(frozen=True)
class Geometry:
    """Page size, margins and grid of a section, in twips."""

    width: int
    height: int
    top: int = mm(37)
    bottom: int = mm(35)
    left: int = mm(28)
    right: int = mm(26)
    #: Body size (half-points) and the grid it is set on; GB/T 9704's unless a document
    #: asks for its own (the one-page brief: 四号 on 31 lines × 31 characters).
    body_size: int = BODY_SIZE
    lines_per_page: int = LINES_PER_PAGE
    chars_per_line: int = CHARS_PER_LINE

    @property
    def text_width(self) -> int:
        return self.width - self.left - self.right

    @property
    def text_height(self) -> int:
        return self.height - self.top - self.bottom

    @property
    def line_pitch(self) -> int:
        """Twips a line: 225 mm / 22 lines ≈ 579 (28.95 pt), also in landscape."""
        return _PORTRAIT_TEXT_HEIGHT // self.lines_per_page

    @property
    def char_pitch(self) -> float:
        """Points a character: 156 mm / 28 characters ≈ 15.8 pt, also in landscape."""
        return _PORTRAIT_TEXT_WIDTH / self.chars_per_line / 20

    @property
    def condense(self) -> int:
        """Character spacing (twips, negative) that sets 28 characters of 16 pt on a 156 mm
        line: 16 pt − 0.3 pt = 15.7 pt a character (the line holds 15.8 pt × 28)."""
        return -(math.ceil((self.body_size / 2 - self.char_pitch) * 20) + 1)

    def chars(self, n: float) -> int:
        """Twips of ``n`` body characters (16 pt each), for the twips half of an indent."""
        return round(n * self.body_size * 10)


PORTRAIT = Geometry(width=mm(210), height=mm(297))
LANDSCAPE = Geometry(width=mm(297), height=mm(210))
#: The one-page 信息简报: 仿宋 四号 (14 pt) on 31 lines × 31 characters (20.6 pt a line),
#: the size and pitch briefs are set in, so that a 600-character body fits on one page.
BRIEF = Geometry(width=mm(210), height=mm(297), body_size=28, lines_per_page=31,
                 chars_per_line=31)


class Typesetter:
    """Adds runs and paragraphs with the workspace's fonts.

    Body runs carry no ``w:rFonts`` (they inherit the document defaults); every other role
    sets all four slots: CJK in the role's font, Latin and digits in ``fonts.latin``.
    """

    def __init__(self, fonts: Fonts, geometry: Geometry) -> None:
        self.fonts = fonts
        self.geometry = geometry

    def font_name(self, role: FontRole) -> str:
        name: str = getattr(self.fonts, role)
        return name

    def add_run(self, paragraph: Paragraph, text: str, role: FontRole = "body",
                size: int | None = None, *, latin: str | None = None) -> DocxRun:
        """Append a run to a python-docx paragraph. Newlines become line breaks
        (``w:br``) and tabs ``w:tab``; XML-illegal characters are dropped."""
        run = paragraph.add_run(oxml.xml_safe(text))
        if role != "body" or size is not None or latin is not None:
            rpr = oxml.rpr_of(run)
            if role != "body" or latin is not None:
                oxml.set_run_fonts(rpr, east_asia=self.font_name(role),
                                   latin=latin or self.fonts.latin)
            if size is not None:
                oxml.set_size(rpr, size)
        return run

    def add_runs(self, paragraph: Paragraph, runs: Runs, default: FontRole = "body",
                 size: int | None = None) -> None:
        """Append block runs; a run in the body font takes ``default`` instead (a heading's
        or subtitle's font), a run asking for hei or kai keeps it."""
        for r in runs:
            if r.text:
                self.add_run(paragraph, r.text, _role(r, default), size)

    def paragraph(self, container: Container, *, align: Align = "both", indent: bool = True,
                  line: int | None = None, rule: str = "exact", before: int = 0,
                  keep_next: bool = False, snap: bool = True, first: bool = False
                  ) -> Paragraph:
        """A new paragraph in ``container`` (the document or a table cell; ``first`` reuses
        the cell's own empty paragraph). ``indent`` gives the two-character first-line
        indent; otherwise every indent is zeroed explicitly. ``line`` with ``rule`` sets the
        line spacing (default: the document's, one grid line), ``before`` the space before
        the paragraph in twips. ``snap=False`` takes the paragraph off the document grid
        (Word would round an auto line spacing up to whole grid lines)."""
        paragraph = container.paragraphs[0] if first else container.add_paragraph()
        ppr = oxml.ppr_of(paragraph)
        if keep_next:
            oxml.set_flag(ppr, "w:keepNext")
        if not snap:
            oxml.set_flag(ppr, "w:snapToGrid", False)
        if line is not None or before:
            oxml.set_spacing(ppr, line=line or self.geometry.line_pitch, rule=rule,
                             before=before)
        # LibreOffice ignores the style's autoSpace flags: without these it sets a gap
        # between Chinese and digits ("2024 年"), which also makes dates wrap in tables.
        oxml.set_flag(ppr, "w:autoSpaceDE", False)
        oxml.set_flag(ppr, "w:autoSpaceDN", False)
        if indent:
            oxml.set_indent(ppr, firstLineChars=200, firstLine=self.geometry.chars(2))
        else:
            oxml.set_indent(ppr, left=0, right=0, firstLineChars=0, firstLine=0)
        oxml.set_jc(ppr, align)
        return paragraph


def _role(run: Run, default: FontRole) -> FontRole:
    return default if run.font == "body" else run.font
