"""Word refuses a document whose property elements are out of schema order (LibreOffice and
python-docx are lenient), so every generated document is checked against the ECMA-376
child sequences of the elements pbctl writes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import pytest
from helpers import EXAMPLES
from lxml import etree

from pbctl.definition.loading import load_alliance
from pbctl.definition.model import Meeting
from pbctl.rendering.render import ALLIANCE_DOCUMENTS, render_alliance_document, render_minutes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# ECMA-376 part 1 (transitional), sequences of CT_PPrBase + CT_PPr, CT_RPr, CT_SectPr,
# CT_TblPr, CT_TrPrBase, CT_TcPr; written out here independently of pbctl/document/oxml.py.
SEQUENCES = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
           "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap "
           "overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
           "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
           "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr "
           "sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
           "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz "
           "szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang "
           "eastAsianLayout specVanish oMath",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar "
              "paperSrc pgBorders lnNumType pgNumType cols formProt vAlign noEndnote "
              "titlePg textDirection bidi rtlGutter docGrid printerSettings sectPrChange",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize "
             "tblStyleColBandSize tblW jc tblCellSpacing tblInd tblBorders shd tblLayout "
             "tblCellMar tblLook tblCaption tblDescription",
    "trPr": "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight "
            "tblHeader tblCellSpacing jc hidden ins del trPrChange",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
            "tcFitText vAlign hideMark",
}
# headerReference and footerReference may interleave; they share one rank.
RANKS = {
    name: {tag: (0 if tag in ("headerReference", "footerReference") and name == "sectPr"
                 else i) for i, tag in enumerate(seq.split())}
    for name, seq in SEQUENCES.items()
}


def documents() -> Iterator[tuple[str, bytes]]:
    for path in sorted(EXAMPLES.glob("*/alliance.yaml")):
        alliance = load_alliance(path)
        for kind in ALLIANCE_DOCUMENTS:
            yield f"{alliance.id}/{kind}", render_alliance_document(kind, alliance).data
    alliance = load_alliance(EXAMPLES / "health-chain" / "alliance.yaml")
    meeting = Meeting.model_validate({
        "number": 1, "date": "2024-12-03", "venue": "两面针学堂", "chair": "林钻煌",
        "host": "liangmianzhen", "attendees": [{"member": "gxust-shenghua", "names": ["陈志波"]}],
        "absent": [{"member": "lz-zhijian", "names": ["刘永逸"]}],
        "observers": ["王某，市产业集团"],
        "topics": ["审议章程"], "decisions": [{"text": "制定计划", "owner": "liangmianzhen",
                                              "due": "2025-01-31"}], "recorder": "王晓",
    })
    yield "minutes", render_minutes(alliance, meeting).data


def out_of_order(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    problems = []
    for name, ranks in RANKS.items():
        for element in root.iter(f"{W}{name}"):
            tags = [child.tag.removeprefix(W) for child in element
                    if isinstance(child.tag, str) and child.tag.startswith(W)]
            unknown = [t for t in tags if t not in ranks]
            if unknown:
                problems.append(f"{name} has unexpected children {unknown}")
                continue
            order = [ranks[t] for t in tags]
            if order != sorted(order):
                problems.append(f"{name} children out of order: {tags}")
    return problems


@pytest.mark.parametrize(("name", "data"), list(documents()), ids=lambda v: v
                         if isinstance(v, str) else "")
def test_property_elements_are_in_schema_order(name: str, data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = [n for n in package.namelist()
                 if n.startswith("word/") and n.endswith(".xml")]
        problems = {part: out_of_order(package.read(part)) for part in parts}
    assert {part: p for part, p in problems.items() if p} == {}
