"""Page setup and page-number footers of a GB/T 9704 document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.enum.section import WD_ORIENT
from docx.shared import Twips

from pbctl.document import oxml
from pbctl.document.styling import PAGE_NUMBER_SIZE, Geometry, Typesetter, mm

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import Section
    from docx.text.paragraph import Paragraph

#: Exact line height of the page-number line (20 pt), which the footer distance assumes.
FOOTER_LINE = 400
#: Distance from the page's bottom edge to the bottom of the footer line: the text area
#: ends 35 mm up; the 一字线 of "— 1 —" (mid-height of the line) sits 7 mm below it.
FOOTER_DISTANCE = mm(35 - 7) - FOOTER_LINE // 2
#: An em dash (一字线) on each side of the number.
DASH = "\u2014"


def setup_page(section: Section, geometry: Geometry, *, landscape: bool) -> None:
    """A4 in the given orientation, GB/T 9704 margins, and a grid of 22 lines a page.

    The grid is a line grid only (``w:type="lines"``): 28 characters a line come from the
    body font's character spacing (see :attr:`Geometry.condense`). A character grid
    (``linesAndChars``) looks the same in Word, but LibreOffice gives every character wider
    than a grid cell two cells, and a 15.8 pt cell is narrower than a 16 pt character."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = Twips(geometry.width)
    section.page_height = Twips(geometry.height)
    section.top_margin = Twips(geometry.top)
    section.bottom_margin = Twips(geometry.bottom)
    section.left_margin = Twips(geometry.left)
    section.right_margin = Twips(geometry.right)
    section.gutter = Twips(0)
    section.header_distance = Twips(mm(15))
    section.footer_distance = Twips(FOOTER_DISTANCE)
    oxml.set_doc_grid(oxml.sect_pr_element(section), line_pitch=geometry.line_pitch)


def add_page_numbers(document: Document, section: Section, typesetter: Typesetter) -> None:
    """"— N —" footers in 宋体 4号: odd pages at the right, even pages at the left, each one
    character in from the edge of the text area (``w:evenAndOddHeaders``)."""
    document.settings.odd_and_even_pages_header_footer = True
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        paragraph: Paragraph = footer.paragraphs[0]  # python-docx: unannotated
        ppr = oxml.ppr_of(paragraph)
        oxml.set_flag(ppr, "w:snapToGrid", False)
        oxml.set_spacing(ppr, line=FOOTER_LINE)
        one_char = PAGE_NUMBER_SIZE * 10  # one 14 pt character, in twips
        if side == "right":
            oxml.set_indent(ppr, left=0, rightChars=100, right=one_char,
                            firstLineChars=0, firstLine=0)
        else:
            oxml.set_indent(ppr, leftChars=100, left=one_char, right=0,
                            firstLineChars=0, firstLine=0)
        oxml.set_jc(ppr, side)
        _page_number_runs(paragraph, typesetter)


def _page_number_runs(paragraph: Paragraph, typesetter: Typesetter) -> None:
    """The dash, a space, a PAGE field, a space, the dash; all in the page-number font,
    digits included (GB/T 9704: 宋体 Arabic numerals)."""
    font = typesetter.font_name("page_number")
    rpr = oxml.new_rpr()
    oxml.set_run_fonts(rpr, east_asia=font, latin=font, hint_east_asia=True)
    oxml.set_size(rpr, PAGE_NUMBER_SIZE)
    oxml.give_rpr(paragraph.add_run(DASH + " "), rpr)
    oxml.append_field(oxml.p_element(paragraph), "PAGE", "1", rpr)
    oxml.give_rpr(paragraph.add_run(" " + DASH), rpr)
