"""Ten parties sign an agreement: their signature blocks (four rows of 42 mm seal space)
nearly fill a page by themselves, so the text before them may not keep with them. It ends
as any text does (a last page of at least five lines), and the signatures with their
签订日期 / 签订地点 follow on a page of their own: no page of one or two lines between.

Each case is rendered with the real LibreOffice (one batch) and read page by page with
``pdftotext -f N -l N``; the text's end is moved line by line (one to six extra co-building
items) so that it falls at several places on its last page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from helpers import generated_alliance

from pbctl.definition.loading import load_alliance
from pbctl.definition.model import Alliance
from pbctl.document.pagination import MAX_PARTIES_WITH_DATE
from pbctl.document.pdf import to_pdf
from pbctl.rendering.context import MAX_NAMED_PARTIES
from pbctl.rendering.render import render_alliance_document

ROOT = Path(__file__).resolve().parents[2]
ZHANGJIANG = ROOT / "examples" / "zhangjiang-promotion" / "alliance.yaml"
#: an undertaking a line and a half long, so that each one moves the text's end
ITEM = "联合开展党员志愿服务和主题党日活动，共享党建阵地与教育培训资源，每季度至少一次"
_PAGE_NUMBER = re.compile(r"\s*—\s*\d+\s*—\s*")


def _ten_parties(extra: int) -> Alliance:
    data = generated_alliance(10)
    data["areas"] = [{"name": "组织共建", "items": [ITEM] * (1 + extra)}]
    return Alliance.model_validate(data)


CASES: dict[str, Alliance] = {"zhangjiang-promotion": load_alliance(ZHANGJIANG)}
CASES.update({f"ten-parties+{k}": _ten_parties(k) for k in range(7)})


def test_ten_parties_fill_a_page() -> None:
    assert MAX_PARTIES_WITH_DATE < 10 <= MAX_NAMED_PARTIES
    assert all(len(a.members) == 10 for a in CASES.values())


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("ten")
    paths = []
    for name, alliance in CASES.items():
        path = folder / f"{name}.docx"
        path.write_bytes(render_alliance_document("agreement", alliance).data)
        paths.append(path)
    return dict(zip(CASES, to_pdf(paths, folder / "pdf"), strict=True))


def _page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def _page(pdf: Path, n: int) -> list[str]:
    """The text lines of page ``n`` (its page number left out)."""
    text = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in text.splitlines()
            if line.strip() and not _PAGE_NUMBER.fullmatch(line)]


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_no_orphan_page_before_the_signing_page(pdfs: dict[str, Path], case: str) -> None:
    pdf = pdfs[case]
    pages = [_page(pdf, n) for n in range(1, _page_count(pdf) + 1)]
    signing = [n for n, p in enumerate(pages) if any("甲方（盖章）" in line for line in p)]
    assert len(signing) == 1, case
    # the text's pages and the signing page (the witness table may follow on its own)
    short = [(n, p) for n, p in enumerate(pages[:signing[0] + 1], start=1) if len(p) < 5]
    assert not short, f"{case}: pages of fewer than five lines: {short}"
    page = "".join(pages[signing[0]]).replace(" ", "")
    for label in "甲乙丙丁戊己庚辛壬癸":  # all ten parties and the date on one page
        assert f"{label}方（盖章）：" in page, f"{case}: {label}方 not on the signing page"
    assert "签订日期：" in page
    # the text before it ends on the page before, that page well filled or the text's end
    text_end = "".join(pages[signing[0] - 1]).replace(" ", "")
    assert "本协议一式壹拾份" in text_end or "签署。" in text_end, case
