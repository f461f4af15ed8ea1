"""What makes Word and WPS open a pbctl .docx as their own: no 兼容模式, a font table that
names a Chinese fallback for every official font, and a base template without the
leftovers of python-docx's English/Japanese default (theme fonts ＭＳ 明朝 and ＭＳ ゴシック,
blue Calibri heading styles).

Word reads ``w:compatSetting compatibilityMode`` (15 = Word 2013 and later; 14 puts
"兼容模式" in the title bar). On a PC without 仿宋_GB2312 or 方正小标宋简体, Word substitutes
using the font table: ``w:altName`` first, then the panose number and charset (86 =
GB2312). Without an entry it falls back to a Latin default and Chinese text comes out in
whatever font the system picks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

from pbctl.definition.settings import Fonts
from pbctl.document import oxml
from pbctl.document.package import rels_of

if TYPE_CHECKING:
    from docx.document import Document
    from docx.opc.part import Part
    from docx.oxml.settings import CT_Settings
    from docx.oxml.styles import CT_Styles

    class PlainElement(Protocol):
        """What the edits below use of an lxml element. python-docx's ``parse_xml`` says it
        returns a ``BaseOxmlElement``, but the root of a part it does not model (the font
        table, the theme) is a plain lxml ``_Element``, and lxml ships no type hints."""

        def __iter__(self) -> Iterator[PlainElement]: ...
        def iter(self, tag: str) -> Iterator[PlainElement]: ...
        def get(self, key: str) -> str | None: ...
        def getparent(self) -> PlainElement | None: ...
        def remove(self, element: PlainElement) -> None: ...
        def append(self, element: PlainElement) -> None: ...

COMPATIBILITY_MODE = "15"
_WORD_URI = "http://schemas.microsoft.com/office/word"
#: Styles a pbctl document uses (python-docx's footer part names "Footer").
_KEEP_STYLES = frozenset({"Normal", "DefaultParagraphFont", "TableNormal", "NoList",
                          "Footer", "FooterChar"})
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@dataclass(frozen=True)
class FontInfo:
    """A font-table entry: the alternate Word substitutes, PANOSE-1, charset (86 = GB2312,
    00 = ANSI), family and pitch."""

    alt: str | None
    panose: str
    charset: str = "86"
    family: str = "modern"
    pitch: str = "fixed"


#: Official-document fonts and their Chinese fallbacks (the names Windows ships).
KNOWN_FONTS: dict[str, FontInfo] = {
    "仿宋_GB2312": FontInfo("仿宋", "02010609030101010101"),
    "仿宋": FontInfo("FangSong", "02010609060101010101"),
    "楷体_GB2312": FontInfo("楷体", "02010609030101010101"),
    "楷体": FontInfo("KaiTi", "02010609060101010101"),
    "黑体": FontInfo("SimHei", "02010609060101010101"),
    "宋体": FontInfo("SimSun", "02010600030101010101", family="auto", pitch="variable"),
    "方正小标宋简体": FontInfo("华文中宋", "02000000000000000000", family="roman",
                          pitch="variable"),
    "方正小标宋_GBK": FontInfo("华文中宋", "02000000000000000000", family="roman",
                          pitch="variable"),
    "华文中宋": FontInfo("宋体", "02010600040101010101", family="auto", pitch="variable"),
    "Times New Roman": FontInfo(None, "02020603050405020304", charset="00",
                                family="roman", pitch="variable"),
}
#: A configured font pbctl does not know: a CJK name falls back to 宋体.
_UNKNOWN_CJK = FontInfo("宋体", "02010600030101010101", family="auto", pitch="variable")
_UNKNOWN_LATIN = FontInfo(None, "00000000000000000000", charset="00", family="auto",
                          pitch="variable")


def font_entries(fonts: Fonts) -> list[tuple[str, FontInfo]]:
    """The font-table entries for the configured fonts, each followed by the entries of
    its alternates (so 方正小标宋简体 → 华文中宋 → 宋体 is a chain Word can follow)."""
    names: list[str] = []
    queue = [fonts.body, fonts.title, fonts.hei, fonts.kai, fonts.page_number, fonts.latin]
    while queue:
        name = queue.pop(0)
        if name in names:
            continue
        names.append(name)
        alt = _info(name).alt
        if alt is not None and alt in KNOWN_FONTS:
            queue.insert(0, alt)
    return [(name, _info(name)) for name in names]


def _info(name: str) -> FontInfo:
    if name in KNOWN_FONTS:
        return KNOWN_FONTS[name]
    return _UNKNOWN_LATIN if name.isascii() else _UNKNOWN_CJK


def make_native(document: Document, fonts: Fonts) -> None:
    """Compatibility mode 15, the font table, the theme without Japanese fonts, and only
    the styles pbctl uses."""
    _set_compatibility_mode(oxml.settings_element(document))
    _write_font_table(document, fonts)
    _clean_theme(document)
    _prune_styles(oxml.styles_element(document))


def _set_compatibility_mode(settings: CT_Settings) -> None:
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        settings.append(compat)
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), COMPATIBILITY_MODE)
            return
    setting = OxmlElement("w:compatSetting")
    for key, value in (("name", "compatibilityMode"), ("uri", _WORD_URI),
                       ("val", COMPATIBILITY_MODE)):
        setting.set(qn(f"w:{key}"), value)
    compat.append(setting)


def _parts(document: Document, kind: str) -> list[Part]:
    """Internal parts of the main document whose relationship type ends in ``kind``."""
    return [rel.target_part for rel in rels_of(document.part).values()
            if rel.reltype.endswith("/" + kind) and not rel.is_external]


def _rewrite(part: Part, edit: Callable[[PlainElement], None]) -> None:
    """Parse a plain part's XML, let ``edit`` change the root, store the result."""
    root: PlainElement = parse_xml(part.blob)
    edit(root)
    oxml.set_blob(part, serialize_part_xml(root))


def _write_font_table(document: Document, fonts: Fonts) -> None:
    """Replace the template's font table (Cambria, ＭＳ 明朝 …) by the configured fonts."""

    def edit(root: PlainElement) -> None:
        for existing in list(root):
            root.remove(existing)
        for name, info in font_entries(fonts):
            font = OxmlElement("w:font")
            font.set(qn("w:name"), oxml.xml_safe(name))
            values = [("w:altName", info.alt)] if info.alt else []
            values += [("w:panose1", info.panose), ("w:charset", info.charset),
                       ("w:family", info.family), ("w:pitch", info.pitch)]
            for tag, value in values:
                element = OxmlElement(tag)
                element.set(qn("w:val"), value)
                font.append(element)
            root.append(font)

    for part in _parts(document, "fontTable"):
        _rewrite(part, edit)


def _clean_theme(document: Document) -> None:
    """Drop the theme's per-script font entries for Japanese (and any other script but
    Simplified Chinese), so nothing resolves to ＭＳ 明朝."""

    def edit(root: PlainElement) -> None:
        for font in list(root.iter(_A + "font")):
            parent = font.getparent()
            if font.get("script") != "Hans" and parent is not None:
                parent.remove(font)

    for part in _parts(document, "theme"):
        _rewrite(part, edit)


def _prune_styles(styles: CT_Styles) -> None:
    """Keep only the styles a pbctl document uses; the template's Heading, Title, Quote …
    styles carry blue Calibri and theme fonts that Word would offer in its style gallery."""
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in _KEEP_STYLES:
            styles.remove(style)
