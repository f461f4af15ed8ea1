"""Raw WordprocessingML tweaks that python-docx has no API for.

Every lxml / ``docx.oxml`` manipulation of the writer lives here (table and row
properties in :mod:`pbctl.document.table_xml`), as small functions that take an element and
change it in place, and so does every reach into python-docx's private attributes.
Children are inserted in the order the schema (ECMA-376) prescribes, because Word refuses a
document whose children are out of order even where LibreOffice is lenient. Measures are in
twips (1/20 pt) or half-points unless a name says otherwise.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from copy import deepcopy
from typing import TYPE_CHECKING, Literal, cast, overload

from docx.opc.part import XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from pbctl.constants import XML_ILLEGAL

if TYPE_CHECKING:
    from docx.document import Document
    from docx.opc.part import Part
    from docx.oxml.section import CT_SectPr
    from docx.oxml.settings import CT_Settings
    from docx.oxml.styles import CT_Style, CT_Styles
    from docx.oxml.table import CT_Row, CT_Tbl, CT_Tc
    from docx.oxml.text.font import CT_RPr
    from docx.oxml.text.paragraph import CT_P
    from docx.oxml.text.parfmt import CT_PPr
    from docx.oxml.text.run import CT_R
    from docx.section import Section
    from docx.table import Table, _Cell, _Row
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

#: Any element python-docx parses (its own type; specific ones below where it matters).
#: lxml ships no type hints, so mypy sees every ``BaseOxmlElement`` (and each ``CT_*``
#: subclass) as deriving from ``Any``: these annotations say what an element is, but mypy
#: accepts any element where another is named.
Element = BaseOxmlElement

# -- the proxies' elements: the one place pbctl reaches into python-docx's private attributes
# (where python-docx 1.2 leaves an accessor unannotated, a cast says what it returns)


def p_element(paragraph: Paragraph) -> CT_P:
    return paragraph._p


def ppr_of(paragraph: Paragraph) -> CT_PPr:
    """The paragraph's ``w:pPr``, created if missing."""
    return paragraph._p.get_or_add_pPr()


def r_element(run: Run) -> CT_R:
    return run._r


def rpr_of(run: Run) -> CT_RPr:
    """The run's ``w:rPr``, created if missing."""
    return run._r.get_or_add_rPr()


def tbl_element(table: Table) -> CT_Tbl:
    return table._tbl


def tr_element(row: _Row) -> CT_Row:
    return row._tr


def tc_element(cell: _Cell) -> CT_Tc:
    return cell._tc


def sect_pr_element(section: Section) -> CT_SectPr:
    return section._sectPr


def cell_ends_in_paragraph(cell: _Cell) -> bool:
    """Whether the cell's last child is a ``w:p`` (Word requires a cell to end in one)."""
    return bool(cell._tc[-1].tag == qn("w:p"))


def settings_element(document: Document) -> CT_Settings:
    """The root ``w:settings`` of settings.xml."""
    # Settings.element is ElementProxy.element, which python-docx leaves unannotated
    return cast("CT_Settings", document.settings.element)


def styles_element(document: Document) -> CT_Styles:
    """The root ``w:styles`` of styles.xml."""
    # python-docx leaves Document.styles and ElementProxy.element unannotated
    return cast("CT_Styles", document.styles.element)


def style_properties(document: Document, name: str) -> tuple[CT_RPr, CT_PPr]:
    """``w:rPr`` and ``w:pPr`` of the style python-docx calls ``name`` (e.g. ``"Normal"``),
    created if missing."""
    # Styles.__getitem__ and ElementProxy.element are unannotated in python-docx, and
    # CT_Style does not declare its generated get_or_add_* methods
    style = cast("CT_Style", document.styles[name].element)
    rpr: CT_RPr = style.get_or_add_rPr()
    ppr: CT_PPr = style.get_or_add_pPr()
    return rpr, ppr


def part_roots(parts: Iterable[Part]) -> list[BaseOxmlElement]:
    """The root elements of the XML parts among ``parts`` (binary parts have none)."""
    return [part.element for part in parts if isinstance(part, XmlPart)]


def set_blob(part: Part, blob: bytes) -> None:
    """Replace the bytes of a part python-docx keeps as bytes (not an XML part)."""
    part._blob = blob


def new_rpr() -> CT_RPr:
    """A free-standing ``w:rPr`` to fill and then give to runs (:func:`give_rpr`)."""
    rpr: CT_RPr = OxmlElement("w:rPr")
    return rpr


def give_rpr(run: Run, rpr: CT_RPr) -> None:
    """Make a copy of ``rpr`` the run's properties (a new run has none)."""
    run._r.insert(0, deepcopy(rpr))


# Child order of w:pPr and w:rPr (ECMA-376 part 1, 17.3).
_PPR = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)
_RPR = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
    "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof",
    "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern",
    "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
    "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)


def xml_safe(text: str) -> str:
    """Text fit for a ``w:t``: XML-illegal characters dropped, CRLF and CR made LF.

    The model refuses such characters already; this is the writer's last line of defence,
    so a stray one costs a character, never the document.
    """
    return XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def child(parent: Element, tag: str, order: Sequence[str]) -> Element:
    """The ``tag`` child of ``parent``, created at its schema position if missing."""
    found: Element | None = parent.find(qn(tag))
    if found is not None:
        return found
    element = OxmlElement(tag)
    later = _successors(tag, tuple(order))
    for existing in parent:
        if existing.tag in later:
            existing.addprevious(element)
            break
    else:
        parent.append(element)
    return element


@functools.cache
def _successors(tag: str, order: tuple[str, ...]) -> frozenset[str]:
    """Clark names of the tags that come after ``tag`` in ``order``."""
    return frozenset(qn(t) for t in order[order.index(tag) + 1 :])


def set_attrs(element: Element, **attrs: str | int) -> None:
    """Set ``w:`` attributes: ``set_attrs(e, val=1)`` sets ``w:val="1"``."""
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), str(value))


# -- runs ---------------------------------------------------------------------------------


def set_run_fonts(rpr: CT_RPr, *, east_asia: str, latin: str, hint_east_asia: bool = False
                  ) -> None:
    """Set the four font slots of ``w:rFonts``: CJK text in ``east_asia``, Latin text and
    digits in ``latin``. Theme-font attributes are removed, since they would win over names.

    ``hint_east_asia`` makes Word use the east-Asian font for characters of ambiguous width
    (the dash of a page number, curly quotes).
    """
    fonts = child(rpr, "w:rFonts", _RPR)
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{theme}"), None)
    latin, east_asia = xml_safe(latin), xml_safe(east_asia)
    set_attrs(fonts, ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin)
    if hint_east_asia:
        set_attrs(fonts, hint="eastAsia")


def set_size(rpr: CT_RPr, half_points: int) -> None:
    """Font size of Latin and complex-script text (``w:sz``, ``w:szCs``), in half-points."""
    set_attrs(child(rpr, "w:sz", _RPR), val=half_points)
    set_attrs(child(rpr, "w:szCs", _RPR), val=half_points)


def set_char_spacing(rpr: CT_RPr, twips: int) -> None:
    """Extra space after each character (``w:spacing``), negative to condense."""
    set_attrs(child(rpr, "w:spacing", _RPR), val=twips)


def set_lang(rpr: CT_RPr, *, latin: str = "en-US", east_asia: str = "zh-CN") -> None:
    """Proofing language; ``eastAsia="zh-CN"`` also steers font fallback to Simplified Chinese."""
    set_attrs(child(rpr, "w:lang", _RPR), val=latin, eastAsia=east_asia, bidi="ar-SA")


def set_color(rpr: CT_RPr, rgb: str) -> None:
    """Text colour (``w:color``), as six hex digits."""
    set_attrs(child(rpr, "w:color", _RPR), val=rgb)


def set_char_scale(rpr: CT_RPr, percent: int) -> None:
    """Horizontal character scale (``w:w``), to fit a fixed line into a narrow column."""
    set_attrs(child(rpr, "w:w", _RPR), val=percent)


@overload
def doc_defaults(styles: CT_Styles, tag: Literal["w:rPr"]) -> CT_RPr: ...
@overload
def doc_defaults(styles: CT_Styles, tag: Literal["w:pPr"]) -> CT_PPr: ...
def doc_defaults(styles: CT_Styles, tag: Literal["w:rPr", "w:pPr"]) -> CT_RPr | CT_PPr:
    """``w:rPr`` or ``w:pPr`` of ``w:docDefaults`` in styles.xml, created if missing."""
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    wrapper_tag = "w:rPrDefault" if tag == "w:rPr" else "w:pPrDefault"
    wrapper = child(defaults, wrapper_tag, ("w:rPrDefault", "w:pPrDefault"))
    found: CT_RPr | CT_PPr | None = wrapper.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)  # a CT_RPr or CT_PPr: python-docx registers both tags
        wrapper.append(found)
    return found


# -- paragraphs ---------------------------------------------------------------------------


def set_indent(ppr: CT_PPr, **attrs: int) -> None:
    """Set ``w:ind`` attributes, e.g. ``firstLineChars=200, firstLine=640`` (Word reads the
    ``*Chars`` value in hundredths of a character, LibreOffice 7 the twips value, so give
    both). Attributes not named are left as they are."""
    set_attrs(child(ppr, "w:ind", _PPR), **attrs)


def set_spacing(ppr: CT_PPr, *, line: int, rule: str = "exact", before: int = 0,
                after: int = 0) -> None:
    """Line spacing (twips for ``exact``/``atLeast``, 240ths of a line for ``auto``) and
    the space before/after the paragraph in twips."""
    set_attrs(child(ppr, "w:spacing", _PPR), before=before, after=after, line=line, lineRule=rule)


def set_bottom_rule(ppr: CT_PPr, *, size: int, color: str, space: int = 4) -> None:
    """A rule under the paragraph (``w:pBdr/w:bottom``): ``size`` in eighths of a point,
    ``space`` points below the text."""
    borders = child(ppr, "w:pBdr", _PPR)
    set_attrs(child(borders, "w:bottom", ("w:top", "w:left", "w:bottom", "w:right", "w:between",
                                      "w:bar")), val="single", sz=size, space=space,
         color=color)


def set_jc(ppr: CT_PPr, value: str) -> None:
    """Paragraph alignment: ``both`` (justified), ``center``, ``right``, ``left``."""
    set_attrs(child(ppr, "w:jc", _PPR), val=value)


def set_flag(ppr: CT_PPr, tag: str, on: bool = True) -> None:
    """An on/off paragraph property such as ``w:keepNext``, ``w:widowControl``,
    ``w:snapToGrid`` or ``w:pageBreakBefore``, written explicitly either way."""
    set_attrs(child(ppr, tag, _PPR), val=1 if on else 0)


def set_outline_level(ppr: CT_PPr, level: int) -> None:
    """``w:outlineLvl`` (0 = the top level): Word's navigation pane and table of contents
    list the paragraph."""
    set_attrs(child(ppr, "w:outlineLvl", _PPR), val=level)


def append_page_break(paragraph: CT_P, rpr: CT_RPr | None = None) -> None:
    """Append a run holding a page break (``w:br w:type="page"``) to a ``w:p``."""
    run = OxmlElement("w:r")
    if rpr is not None:
        run.append(deepcopy(rpr))
    br = OxmlElement("w:br")
    set_attrs(br, type="page")
    run.append(br)
    paragraph.append(run)


def append_field(paragraph: CT_P, instruction: str, placeholder: str, rpr: CT_RPr) -> None:
    """Append a complex field (``w:fldChar`` begin / ``w:instrText`` / separate / result /
    end), each run formatted with a copy of ``rpr``. ``placeholder`` is the cached result
    that a reader shows until it updates the field (Word and LibreOffice update PAGE)."""

    def run(*children: Element) -> None:
        r = OxmlElement("w:r")
        r.append(deepcopy(rpr))
        for c in children:
            r.append(c)
        paragraph.append(r)

    def fld_char(kind: str) -> Element:
        element = OxmlElement("w:fldChar")
        set_attrs(element, fldCharType=kind)
        return element

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    result = OxmlElement("w:t")
    result.text = placeholder
    run(fld_char("begin"))
    run(instr)
    run(fld_char("separate"))
    run(result)
    run(fld_char("end"))


# -- sections -----------------------------------------------------------------------------


def set_doc_grid(sect_pr: CT_SectPr, *, line_pitch: int, kind: str = "lines",
                 char_space: int | None = None) -> None:
    """The document grid of a section: ``line_pitch`` twips a line; with
    ``kind="linesAndChars"`` also ``char_space`` (4096ths of a point added to the default
    font size) as the character pitch."""
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)  # the last child of w:sectPr but for w:printerSettings et al.
    grid.attrib.clear()
    set_attrs(grid, type=kind, linePitch=line_pitch)
    if char_space is not None:
        set_attrs(grid, charSpace=char_space)


# -- settings and package hygiene ---------------------------------------------------------


def set_theme_font_lang(settings: CT_Settings, east_asia: str = "zh-CN") -> None:
    """``w:themeFontLang``: the template says ja-JP, which makes Word pick Japanese theme
    fonts wherever a theme font is still used."""
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        set_attrs(lang, eastAsia=east_asia)


#: The w:rsid* attributes :func:`strip_ids` removes, found by XPath inside lxml: walking the
#: ~9,000 elements of the template's parts in Python took ~10 ms, this takes ~3 ms.
_RSID_ATTRIBUTES = "descendant-or-self::*/@w:*[starts-with(local-name(), 'rsid')]"
_W14_DOC_ID = "{http://schemas.microsoft.com/office/word/2010/wordml}docId"
_W15_DOC_ID = "{http://schemas.microsoft.com/office/word/2012/wordml}docId"


def strip_ids(roots: Iterable[Element]) -> None:
    """Remove revision-session ids (``w:rsid*`` attributes, ``w:rsid``/``w:rsids``
    elements) and document ids (``w14:docId``) from the given part roots, so a document
    carries nothing that looks like a random or machine-specific id."""
    for root in roots:
        for attribute in root.xpath(_RSID_ATTRIBUTES):
            del attribute.getparent().attrib[attribute.attrname]
        for element in list(root.iter(qn("w:rsid"), qn("w:rsids"), _W14_DOC_ID, _W15_DOC_ID)):
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
