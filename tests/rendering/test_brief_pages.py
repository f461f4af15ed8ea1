"""The brief (信息简报) of every seed's event on one A4 page: 仿宋 四号 on its own tighter
grid under a red masthead, while the release keeps GB/T 9704's 三号 on 22 lines."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from helpers import EXAMPLES

from pbctl.definition.loading import load_alliance
from pbctl.definition.settings import Settings
from pbctl.document.pdf import to_pdf
from pbctl.records.event_documents import load_event
from pbctl.rendering.news import NewsOptions
from pbctl.rendering.news_render import render_news
from pbctl.rendering.render import build_docx

SEEDS = sorted(p.name for p in EXAMPLES.iterdir() if (p / "alliance.yaml").exists())


def render(seed: str, *, brief: bool) -> bytes:
    source = EXAMPLES / seed / "alliance.yaml"
    alliance = load_alliance(source)
    record_kind = "meeting" if (EXAMPLES / seed / "meetings").exists() else "activity"
    event = load_event(alliance, source, record_kind, 1)
    options = NewsOptions(date=dt.date(2024, 12, 4), brief=brief, issue=7,
                          publisher="某单位办公室")
    return render_news(alliance, event, options).data


def _defaults(data: bytes) -> tuple[str | None, str | None]:
    """Body size (half-points) of the document defaults and the grid's line pitch."""
    document = docx.Document(io.BytesIO(data))
    styles = document.styles.element
    size = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    return (None if size is None else size.get(qn("w:val")),
            None if grid is None else grid.get(qn("w:linePitch")))


def test_the_brief_is_set_smaller_than_the_release() -> None:
    assert _defaults(render("health-chain", brief=False)) == ("32", "579")
    assert _defaults(render("health-chain", brief=True)) == ("28", "411")


def test_the_brief_masthead_is_red_over_a_red_rule() -> None:
    document = docx.Document(io.BytesIO(render("health-chain", brief=True)))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    masthead = paragraphs[0]
    assert masthead.text == "信息简报"
    colours = {r._r.find(f"{qn('w:rPr')}/{qn('w:color')}").get(qn("w:val"))
               for r in masthead.runs}
    assert colours == {"C00000"}
    rule = paragraphs[2]._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    assert paragraphs[2].text.endswith("2024年12月4日")
    assert rule is not None and rule.get(qn("w:color")) == "C00000"


def longest_brief() -> bytes:
    """A brief at the limits: a 30-character headline, a long 编印单位 and 600 characters
    in five paragraphs."""
    paragraphs = [("联建单位" * 40)[:119] + "。"] * 5
    text = ("> 信息简报\n>\n> 第12期\n>\n> 大健康产业创新链党建联建秘书处编印　　2024年12月4日"
            "\n\n# " + "产学研融通赋能大健康产业创新链党建联建签约揭牌仪式隆重举行"[:30]
            + "\n\n" + "\n\n".join(paragraphs) + "\n")
    return build_docx(text, "brief", title="简报", author="秘书处", subject="联建",
                      keywords="brief", created=dt.date(2024, 12, 4), settings=Settings(),
                      layout="brief")


@pytest.mark.slow
def test_every_brief_fits_on_one_page(tmp_path: Path) -> None:
    paths = []
    for seed in [*SEEDS, "longest"]:
        path = tmp_path / f"{seed}.docx"
        path.write_bytes(longest_brief() if seed == "longest" else render(seed, brief=True))
        paths.append(path)
    for path, pdf in zip(paths, to_pdf(paths, tmp_path / "pdf"), strict=True):
        seed = path.stem
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                              check=True).stdout
        pages = next(line.split()[-1] for line in info.splitlines()
                     if line.startswith("Pages:"))
        assert pages == "1", seed
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout.replace("\n", "")
        last = [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()][-1]
        assert text.startswith("信息简报") and last[-12:] in text, seed
