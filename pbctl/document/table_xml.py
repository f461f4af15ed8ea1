"""Table and row properties in raw WordprocessingML (``w:tblPr``, ``w:trPr``), the table
half of :mod:`pbctl.document.oxml`: borders, fixed widths, cell margins, rows that do not
split or that repeat. Measures are in twips (1/20 pt) or eighths of a point for borders.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml import OxmlElement

from pbctl.document.oxml import child, set_attrs

if TYPE_CHECKING:
    from docx.oxml.table import CT_Row, CT_Tbl

# Child order of w:tblPr and w:trPr (ECMA-376 part 1, 17.4).
_TBLPR = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
    "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
)
_TRPR = (
    "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
    "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
)


def set_table_borders(tbl: CT_Tbl, *, style: str = "single", size: int = 4) -> None:
    """All six table borders at once: ``style="single"`` (``size`` in eighths of a point)
    or ``style="nil"`` for none."""
    tbl_pr = tbl.tblPr
    borders = child(tbl_pr, "w:tblBorders", _TBLPR)
    for existing in list(borders):
        borders.remove(existing)
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        if style == "nil":
            set_attrs(element, val="nil")
        else:
            set_attrs(element, val=style, sz=size, space=0, color="000000")
        borders.append(element)


def set_table_width(tbl: CT_Tbl, twips: int) -> None:
    """A fixed table width (``w:tblW type="dxa"``) and fixed layout, so long cell text wraps
    inside its column instead of widening the table past the margin."""
    tbl_pr = tbl.tblPr
    set_attrs(child(tbl_pr, "w:tblW", _TBLPR), w=twips, type="dxa")
    set_attrs(child(tbl_pr, "w:tblLayout", _TBLPR), type="fixed")


def set_cell_margins(tbl: CT_Tbl, *, top: int, left: int, bottom: int, right: int) -> None:
    """Default cell margins of a table (``w:tblCellMar``), in twips."""
    margins = child(tbl.tblPr, "w:tblCellMar", _TBLPR)
    for existing in list(margins):
        margins.remove(existing)
    for edge, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        element = OxmlElement(f"w:{edge}")
        set_attrs(element, w=value, type="dxa")
        margins.append(element)


def set_row_flags(tr: CT_Row, *, cant_split: bool = False, header: bool = False) -> None:
    """``w:cantSplit`` (a row never breaks across pages) and ``w:tblHeader`` (the row repeats
    at the top of each page)."""
    tr_pr = tr.get_or_add_trPr()
    if cant_split:
        child(tr_pr, "w:cantSplit", _TRPR)
    if header:
        child(tr_pr, "w:tblHeader", _TRPR)


def set_row_height(tr: CT_Row, twips: int, rule: str = "atLeast") -> None:
    """``w:trHeight``: the row is at least (or exactly) ``twips`` tall."""
    set_attrs(child(tr.get_or_add_trPr(), "w:trHeight", _TRPR), val=twips, hRule=rule)
