"""Pages an office would sign: every example and three generated alliances rendered to PDF
with the real LibreOffice (one soffice run for all of them), checked page by page with
pdftotext: no page of fewer than five lines, the signing page whole, titles broken only
between words and never 避头尾."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from helpers import generated_alliance

from pbctl.definition.loading import load_alliance
from pbctl.definition.model import Alliance
from pbctl.document import segment
from pbctl.document.pdf import to_pdf
from pbctl.rendering.context import MAX_NAMED_PARTIES
from pbctl.rendering.render import ALLIANCE_DOCUMENTS, render_alliance_document

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*/alliance.yaml"))
GENERATED = (2, 12, 25)
_PAGE_NUMBER = re.compile(r"\s*—\s*\d+\s*—\s*")
MIN_LINES = 5


def _alliances() -> dict[str, Alliance]:
    found = {p.parent.name: load_alliance(p) for p in EXAMPLES}
    for n in GENERATED:
        found[f"generated-{n}"] = Alliance.model_validate(generated_alliance(n))
    return found


ALLIANCES = _alliances()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """{name--kind: (docx, pdf)} for every alliance and document, one soffice batch."""
    folder = tmp_path_factory.mktemp("pages")
    paths: dict[str, Path] = {}
    for name, alliance in ALLIANCES.items():
        for kind in (k for k in ALLIANCE_DOCUMENTS if alliance.keeps(k)):
            path = folder / f"{name}--{kind}.docx"
            path.write_bytes(render_alliance_document(kind, alliance).data)
            paths[f"{name}--{kind}"] = path
    pdfs = to_pdf(list(paths.values()), folder / "pdf")
    return {key: (path, pdf) for (key, path), pdf in zip(paths.items(), pdfs, strict=True)}


def pages_of(pdf: Path) -> list[list[str]]:
    """The text lines of each page (page number lines left out)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [[line.strip() for line in page.splitlines()
             if line.strip() and not _PAGE_NUMBER.fullmatch(line)] for page in pages]


CASES = [f"{name}--{kind}" for name, alliance in ALLIANCES.items()
         for kind in ALLIANCE_DOCUMENTS if alliance.keeps(kind)]


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_no_page_holds_fewer_than_five_lines(rendered: dict[str, tuple[Path, Path]],
                                             case: str) -> None:
    pages = pages_of(rendered[case][1])
    short = [(i + 1, p) for i, p in enumerate(pages) if len(p) < MIN_LINES]
    assert not short, f"{case}: pages with fewer than {MIN_LINES} lines: {short}"


@pytest.mark.slow
@pytest.mark.parametrize("case", [c for c in CASES if not c.endswith("--charter")])
def test_signing_page_is_whole(rendered: dict[str, tuple[Path, Path]], case: str) -> None:
    name = case.split("--")[0]
    alliance = ALLIANCES[name]
    pages = pages_of(rendered[case][1])
    signing = [i for i, p in enumerate(pages) if any("负责人（签字）" in line for line in p)]
    assert len(signing) == 1, f"{case}: signature labels on pages {signing}"
    page = " ".join(pages[signing[0]]).replace(" ", "")
    assert "签订日期：" in page
    if alliance.ceremony.venue or alliance.venue:
        assert "签订地点：" in page
    if len(alliance.members) <= MAX_NAMED_PARTIES:
        for label in "甲乙丙丁戊己庚辛壬癸"[:len(alliance.members)]:
            assert f"{label}方（盖章）：" in page, f"{case}: {label}方 not on the signing page"
    else:
        assert "甲方（盖章）：" in page
    # at least the last article (or the body's closing sentence) comes with it: the page
    # holds text before the first signature label
    lines = pages[signing[0]]
    first_label = next(i for i, line in enumerate(lines) if "甲方（盖章）" in line)
    assert any(not line.startswith("附件") for line in lines[:first_label]), case


def _title_lines(pdf_pages: list[list[str]], title: str) -> list[str]:
    lines: list[str] = []
    for line in pdf_pages[0]:
        lines.append(line.replace(" ", ""))
        if "".join(lines) == title:
            return lines
    raise AssertionError(f"title {title!r} not found at the top of page 1: {pdf_pages[0][:4]}")


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_title_breaks_between_words_and_never_bitouwei(rendered: dict[str, tuple[Path, Path]],
                                                       case: str) -> None:
    docx_path, pdf = rendered[case]
    title = docx.Document(str(docx_path)).core_properties.title.replace(" ", "")
    lines = _title_lines(pages_of(pdf), title)
    allowed = segment.break_points(title)
    at = 0
    for line in lines[:-1]:
        at += len(line)
        assert at in allowed, f"{case}: title broken inside a word: {lines}"
        assert title[at] not in segment.NO_LINE_START and \
            title[at - 1] not in segment.NO_LINE_END, f"{case}: 避头尾 broken: {lines}"


# -- the .docx, no LibreOffice needed ----------------------------------------------------------


def test_signing_annex_rows_and_seal_cells_fit_a_seal_past_ten_parties() -> None:
    import io

    data = render_alliance_document("agreement", ALLIANCES["generated-12"]).data
    document = docx.Document(io.BytesIO(data))
    annex = next(t for t in document.tables if t.rows[0].cells[-1].text == "签字盖章")
    assert len(annex.rows) == 12  # header and eleven members
    for row in annex.rows[1:]:
        height = row._tr.find(qn("w:trPr")).find(qn("w:trHeight"))
        assert int(height.get(qn("w:val"))) >= Mm(40).twips
        assert row._tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
        assert row.cells[-1].width >= Mm(40)
    assert annex.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
