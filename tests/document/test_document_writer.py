"""The .docx writer: layout numbers, fonts, numbering, tables, footers, determinism."""

from __future__ import annotations

import importlib.util
import io
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pbctl.definition.settings import Fonts
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
    Party,
    Run,
    Signatures,
    Signoff,
    Subtitle,
    Table,
    Title,
)
from pbctl.document.writer import write_docx
from pbctl.numerals import stem_label

#: Fonts with names no default has, to prove the writer takes them from the settings.
CUSTOM = Fonts(title="测试标题体", body="测试正文体", kai="测试楷体", hei="测试黑体",
               page_number="测试页码体", latin="Test Latin")
SAMPLE = Path(__file__).resolve().parents[2] / "bench" / "sample_document.py"
HOSTILE = 'A&B <x> "q" {{ 7*7 }} {% raw %} \'s ]]> &amp;'
SPACE = "\u3000"


def sample_spec() -> DocumentSpec:
    """bench/sample_document.py's spec (every kind of block, several pages)."""
    spec = importlib.util.spec_from_file_location("sample_document", SAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built: DocumentSpec = module.build_sample_spec()
    return built


def render(blocks: list[Block], fonts: Fonts = CUSTOM, **spec: Any) -> bytes:
    fields: dict[str, Any] = {"title": "测试文件", "author": "测试联建", **spec}
    return write_docx(DocumentSpec(blocks=blocks, **fields), fonts)


def open_docx(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def text_of(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def body_paragraphs(document: Any) -> list[Any]:
    """The w:p elements directly in the body (not in tables)."""
    return list(document.element.body.iterchildren(qn("w:p")))


def paragraph_with(document: Any, text: str) -> Any:
    for p in document.element.body.iter(qn("w:p")):
        if text_of(p).startswith(text):
            return p
    raise AssertionError(f"no paragraph starts with {text!r}")


def attr(element: Any, path: str, name: str) -> str | None:
    found = element.find(path, {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"})
    return None if found is None else found.get(qn(f"w:{name}"))


def runs(p: Any) -> list[Any]:
    return list(p.iter(qn("w:r")))


def east_asia(run: Any) -> str | None:
    return attr(run, "w:rPr/w:rFonts", "eastAsia")


def size(run: Any) -> str | None:
    return attr(run, "w:rPr/w:sz", "val")


# -- page -----------------------------------------------------------------------------------


def test_a4_portrait_margins_in_twips() -> None:
    document = open_docx(render([Paragraph((Run("正文"),))]))
    sect = document.sections[0]._sectPr
    assert attr(sect, "w:pgSz", "w") == "11906"
    assert attr(sect, "w:pgSz", "h") == "16838"
    assert attr(sect, "w:pgSz", "orient") in (None, "portrait")
    margins = {k: attr(sect, "w:pgMar", k) for k in ("top", "bottom", "left", "right")}
    # 37, 35, 28, 26 mm
    assert margins == {"top": "2098", "bottom": "1984", "left": "1587", "right": "1474"}
    section = document.sections[0]
    for actual, mm in ((section.page_width, 210), (section.page_height, 297),
                       (section.top_margin, 37), (section.bottom_margin, 35),
                       (section.left_margin, 28), (section.right_margin, 26)):
        assert abs(actual - Mm(mm)) < Mm(0.05)
    # 22 lines of 28.95 pt: 579 twips, a line grid
    assert attr(sect, "w:docGrid", "linePitch") == "579"
    assert attr(sect, "w:docGrid", "type") == "lines"


def test_landscape() -> None:
    document = open_docx(render([Paragraph((Run("正文"),))], landscape=True))
    sect = document.sections[0]._sectPr
    assert attr(sect, "w:pgSz", "orient") == "landscape"
    assert (attr(sect, "w:pgSz", "w"), attr(sect, "w:pgSz", "h")) == ("16838", "11906")
    assert attr(sect, "w:pgMar", "top") == "2098"


def test_defaults_carry_body_font_size_spacing_and_indent() -> None:
    document = open_docx(render([Paragraph((Run("正文"),))]))
    styles = document.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "测试正文体"
    assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "Test Latin"
    assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:eastAsiaTheme")) is None
    assert rpr.find(qn("w:sz")).get(qn("w:val")) == "32"
    assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    normal = document.styles["Normal"].element
    assert attr(normal, "w:rPr/w:rFonts", "eastAsia") == "测试正文体"
    assert attr(normal, "w:rPr/w:sz", "val") == "32"
    assert attr(normal, "w:pPr/w:spacing", "line") == "579"
    assert attr(normal, "w:pPr/w:spacing", "lineRule") == "exact"
    assert attr(normal, "w:pPr/w:jc", "val") == "both"
    assert attr(normal, "w:pPr/w:ind", "firstLineChars") == "200"
    assert attr(normal, "w:pPr/w:ind", "firstLine") == "640"
    # body runs inherit the defaults: no font of their own
    body_run = runs(paragraph_with(document, "正文"))[0]
    assert body_run.find(qn("w:rPr")) is None or east_asia(body_run) is None


def test_default_fonts_are_the_gbt_names() -> None:
    document = open_docx(render([Title("标题"), Article((Run("内容"),))], fonts=Fonts()))
    assert east_asia(runs(paragraph_with(document, "标题"))[0]) == "方正小标宋简体"
    assert east_asia(runs(paragraph_with(document, "第一条"))[0]) == "黑体"
    xml = document.styles.element.xml
    assert 'w:eastAsia="仿宋_GB2312"' in xml and 'w:ascii="Times New Roman"' in xml


# -- title, chapters, articles ----------------------------------------------------------------


def test_title_centred_22pt_then_blank_line() -> None:
    document = open_docx(render([Title("某某党建联建章程"), Paragraph((Run("正文"),))]))
    paragraphs = body_paragraphs(document)
    title = paragraphs[0]
    assert text_of(title) == "某某党建联建章程"
    assert attr(title, "w:pPr/w:jc", "val") == "center"
    assert attr(title, "w:pPr/w:ind", "firstLineChars") == "0"
    run = runs(title)[0]
    assert east_asia(run) == "测试标题体"
    assert attr(run, "w:rPr/w:rFonts", "ascii") == "Test Latin"
    assert size(run) == "44"
    assert text_of(paragraphs[1]) == ""
    assert text_of(paragraphs[2]) == "正文"


def test_subtitle_kai_centred_and_blank_after_it() -> None:
    document = open_docx(render([
        Title("标题"), Subtitle((Run("（2024年12月3日通过）"),)), Paragraph((Run("正文"),)),
    ]))
    texts = [text_of(p) for p in body_paragraphs(document)][:4]
    assert texts == ["标题", "（2024年12月3日通过）", "", "正文"]
    subtitle = paragraph_with(document, "（2024")
    assert attr(subtitle, "w:pPr/w:jc", "val") == "center"
    assert east_asia(runs(subtitle)[0]) == "测试楷体"


def test_chapters_and_continuous_articles() -> None:
    blocks: list[Block] = [Chapter("总则")]
    blocks += [Article((Run(f"条款{i}"),)) for i in range(1, 13)]
    blocks.append(Chapter("成员单位"))
    blocks += [Article((Run(f"条款{i}"),)) for i in range(13, 26)]
    document = open_docx(render(blocks))
    texts = [text_of(p) for p in body_paragraphs(document)]
    assert "第一章" + SPACE + "总则" in texts
    assert "第二章" + SPACE + "成员单位" in texts
    assert "第十一条" + SPACE + "条款11" in texts
    assert "第十三条" + SPACE + "条款13" in texts  # not reset by the chapter
    assert "第二十一条" + SPACE + "条款21" in texts
    assert "第二十五条" + SPACE + "条款25" in texts
    assert not any(t.startswith("第一十") for t in texts)
    chapter = paragraph_with(document, "第一章")
    assert attr(chapter, "w:pPr/w:jc", "val") == "center"
    assert east_asia(runs(chapter)[0]) == "测试黑体"
    assert size(runs(chapter)[0]) is None  # 16 pt from the defaults
    article = paragraph_with(document, "第十一条")
    number, body = runs(article)
    assert text_of(number) == "第十一条" + SPACE
    assert east_asia(number) == "测试黑体"
    assert attr(number, "w:rPr/w:b", "val") is None  # 黑体, not bold
    assert east_asia(body) is None  # inherits 仿宋
    assert attr(article, "w:pPr/w:ind", "firstLineChars") == "200"


def test_hundred_and_one_articles() -> None:
    document = open_docx(render([Article((Run("x"),)) for _ in range(101)]))
    assert text_of(body_paragraphs(document)[-1]) == "第一百零一条" + SPACE + "x"


# -- levels ---------------------------------------------------------------------------------


def test_level_numbering_fonts_and_resets() -> None:
    document = open_docx(render([
        Heading(1, (Run("组织共建"),)),
        Item(2, (Run("甲"),)),
        Item(2, (Run("乙"),)),
        Item(3, (Run("丙"),)),
        Item(4, (Run("丁"),)),
        Item(4, (Run("戊"),)),
        Item(3, (Run("己"),)),
        Item(4, (Run("庚"),)),  # reset by the level-3 item above
        Heading(1, (Run("资源共享"),)),
        Heading(2, (Run("阵地"),)),  # reset by the level-1 heading
        Article((Run("条"),)),
        Item(1, (Run("首"),)),  # reset by the article
        Chapter("章"),
        Item(2, (Run("次"),)),  # reset by the chapter
    ]))
    texts = [text_of(p) for p in body_paragraphs(document)]
    assert texts == [
        "一、组织共建", "（一）甲", "（二）乙", "1.丙", "（1）丁", "（2）戊", "2.己", "（1）庚",
        "二、资源共享", "（一）阵地", "第一条" + SPACE + "条", "一、首", "第一章" + SPACE + "章",
        "（一）次",
    ]
    heading1 = paragraph_with(document, "一、组织共建")
    assert [east_asia(r) for r in runs(heading1)] == ["测试黑体", "测试黑体"]
    heading2 = paragraph_with(document, "（一）阵地")
    assert [east_asia(r) for r in runs(heading2)] == ["测试楷体", "测试楷体"]
    item2 = paragraph_with(document, "（一）甲")
    assert [east_asia(r) for r in runs(item2)] == ["测试楷体", None]
    item3 = paragraph_with(document, "1.丙")
    assert [east_asia(r) for r in runs(item3)] == [None, None]
    for p in (heading1, item2, item3):
        assert attr(p, "w:pPr/w:ind", "firstLineChars") == "200"


def test_item_runs_keep_their_own_font() -> None:
    document = open_docx(render([Item(1, (Run("组织共建，", "hei"), Run("内容。"),
                                          Run("强调", "kai")))]))
    p = paragraph_with(document, "一、")
    assert [east_asia(r) for r in runs(p)] == ["测试黑体", "测试黑体", None, "测试楷体"]


def test_run_in_heading_takes_the_level_font_and_the_rest_stays_body() -> None:
    document = open_docx(render([Item(2, (Run("联席会议制度。各方每年召开一次会议。"),)),
                                 Item(2, (Run("本协议未尽事宜，由各方协商解决。"),))]))
    p = paragraph_with(document, "（一）")
    assert [(r.text, east_asia(r)) for r in runs(p)] == [
        ("（一）", "测试楷体"), ("联席会议制度。", "测试楷体"), ("各方每年召开一次会议。", None)]
    plain = paragraph_with(document, "（二）")
    assert [east_asia(r) for r in runs(plain)] == ["测试楷体", None]


def test_word_opens_it_as_native() -> None:
    data = render([Chapter("总则"), Heading(1, (Run("原则"),)), Heading(2, (Run("分项"),)),
                   Heading(3, (Run("细目"),))])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        settings = z.read("word/settings.xml").decode()
        fonts = z.read("word/fontTable.xml").decode()
        theme = z.read("word/theme/theme1.xml").decode()
        styles = z.read("word/styles.xml").decode()
        body = z.read("word/document.xml").decode()
    assert 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" ' \
        'w:val="15"' in settings
    assert "Jpan" not in theme and "ＭＳ" not in fonts
    assert 'w:styleId="Heading1"' not in styles and "Calibri" not in styles
    assert re.findall(r'<w:outlineLvl w:val="(\d)"/>', body) == ["0", "1", "2"]


def test_font_table_names_chinese_alternates() -> None:
    from pbctl.document.native import font_entries

    entries = dict(font_entries(Fonts()))
    assert entries["仿宋_GB2312"].alt == "仿宋" and entries["楷体_GB2312"].alt == "楷体"
    assert entries["方正小标宋简体"].alt == "华文中宋" and entries["华文中宋"].alt == "宋体"
    assert all(info.charset == "86" for name, info in entries.items() if not name.isascii())


@pytest.mark.parametrize("level", [0, 5])
def test_bad_level_is_refused(level: int) -> None:
    with pytest.raises(ValueError, match="level"):
        render([Heading(level, (Run("x"),))])


# -- paragraphs ------------------------------------------------------------------------------


def test_paragraph_alignment_and_indent() -> None:
    document = open_docx(render([
        Paragraph((Run("缩进"),)),
        Paragraph((Run("居中"),), align="center"),
        Paragraph((Run("不缩进"),), indent=False),
    ]))
    indented = paragraph_with(document, "缩进")
    assert attr(indented, "w:pPr/w:jc", "val") == "both"
    assert attr(indented, "w:pPr/w:ind", "firstLineChars") == "200"
    centred = paragraph_with(document, "居中")
    assert attr(centred, "w:pPr/w:jc", "val") == "center"
    assert attr(centred, "w:pPr/w:ind", "firstLineChars") == "0"
    assert attr(paragraph_with(document, "不缩进"), "w:pPr/w:ind", "firstLine") == "0"


def test_signoff_right_aligned_two_chars_in_after_blank_line() -> None:
    document = open_docx(render([Paragraph((Run("正文"),)),
                                 Signoff(("某某联建联席会议", "2024年12月3日"))]))
    texts = [text_of(p) for p in body_paragraphs(document)]
    assert texts == ["正文", "", "某某联建联席会议", "2024年12月3日"]
    for p in body_paragraphs(document)[2:]:
        assert attr(p, "w:pPr/w:jc", "val") == "right"
        assert attr(p, "w:pPr/w:ind", "rightChars") == "200"
        assert attr(p, "w:pPr/w:ind", "right") == "640"


def test_attachment_new_page_label_title_and_fresh_numbering() -> None:
    document = open_docx(render([
        Article((Run("正文"),)), Article((Run("正文"),)),
        Attachment("附件1", "成员单位名单"), Article((Run("附件条款"),)),
    ]))
    label = paragraph_with(document, "附件1")
    assert attr(label, "w:pPr/w:pageBreakBefore", "val") == "1"
    assert attr(label, "w:pPr/w:jc", "val") == "left"
    assert attr(label, "w:pPr/w:ind", "firstLineChars") == "0"
    assert east_asia(runs(label)[0]) == "测试黑体"
    title = paragraph_with(document, "成员单位名单")
    assert attr(title, "w:pPr/w:jc", "val") == "center"
    assert east_asia(runs(title)[0]) == "测试标题体"
    assert size(runs(title)[0]) == "44"
    assert text_of(body_paragraphs(document)[-1]) == "第一条" + SPACE + "附件条款"


def test_page_break_goes_to_the_next_paragraph() -> None:
    document = open_docx(render([Paragraph((Run("前"),)), PageBreak(), Paragraph((Run("后"),)),
                                 PageBreak()]))
    after = paragraph_with(document, "后")
    assert attr(after, "w:pPr/w:pageBreakBefore", "val") == "1"
    assert attr(paragraph_with(document, "前"), "w:pPr/w:pageBreakBefore", "val") is None
    last = body_paragraphs(document)[-1]
    assert attr(last, "w:r/w:br", "type") == "page"


def test_newline_is_a_line_break_and_illegal_characters_are_dropped() -> None:
    document = open_docx(render([Title("第一行\n第二行"), Paragraph((Run("a\x00b\x0bc\ufffed"),))]))
    title = body_paragraphs(document)[0]
    assert title.find(f".//{qn('w:br')}") is not None
    assert text_of(title) == "第一行第二行"
    assert text_of(paragraph_with(document, "ab")) == "abcd"


# -- tables ---------------------------------------------------------------------------------


def _cells(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_table_header_borders_widths_and_wrapping() -> None:
    long = "很长的没有空格的文字" * 20 + "x" * 300
    document = open_docx(render([Table(
        header=((Run("序号"),), (Run("单位"),), (Run("备注"),)),
        rows=(((Run("1"),), (Run("甲单位"),), (Run(long),)),
              ((Run("2"),), (Run("乙单位"),))),  # a short row is padded
    )]))
    table = document.tables[0]
    assert _cells(table) == [["序号", "单位", "备注"], ["1", "甲单位", long], ["2", "乙单位", ""]]
    tbl = table._tbl
    assert attr(tbl, "w:tblPr/w:tblLayout", "type") == "fixed"
    assert attr(tbl, "w:tblPr/w:tblW", "w") == str(11906 - 1587 - 1474)
    grid = [int(c.get(qn("w:w"))) for c in tbl.iter(qn("w:gridCol"))]
    assert sum(grid) == 11906 - 1587 - 1474 and min(grid) > 0
    borders = tbl.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"single"}
    rows = tbl.findall(qn("w:tr"))
    assert rows[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert rows[1].find(qn("w:trPr")) is None or \
        rows[1].find(qn("w:trPr")).find(qn("w:tblHeader")) is None
    header_run = runs(rows[0])[0]
    assert east_asia(header_run) == "测试黑体"
    assert size(header_run) == "28"


def test_empty_table_is_skipped() -> None:
    document = open_docx(render([Table(header=(), rows=())]))
    assert document.tables == []


def _signature_table(parties: int, columns: int = 0) -> Any:
    block = Signatures(tuple(Party(stem_label(i), f"第{i}个党组织的很长很长的全称委员会")
                             for i in range(parties)), columns)
    document = open_docx(render([Paragraph((Run("正文"),)), block]))
    unit = document.tables[0].rows[0].cells[0]  # the signing unit: one unsplittable row
    return unit, unit.tables[0]


@pytest.mark.parametrize(("parties", "columns", "expected"),
                         [(2, 0, 2), (3, 0, 3), (4, 0, 2), (5, 0, 3), (1, 0, 3), (7, 0, 3),
                          (5, 4, 3)])
def test_signature_columns(parties: int, columns: int, expected: int) -> None:
    _, table = _signature_table(parties, columns)
    assert len(table.columns) == expected
    assert len(table.rows) == -(-parties // expected)


def test_signature_table_borderless_with_every_party_and_line() -> None:
    unit, table = _signature_table(5)
    assert unit.paragraphs[0].text == ""  # the blank line before the table
    tbl = table._tbl
    borders = tbl.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    assert len(borders) == 6 and {b.get(qn("w:val")) for b in borders} == {"nil"}
    for tr in tbl.findall(qn("w:tr")):
        assert tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
    cells = [cell for row in table.rows for cell in row.cells]
    for i, cell in enumerate(cells[:5]):
        label = "甲乙丙丁戊"[i] + "方"
        assert [p.text for p in cell.paragraphs] == [
            f"{label}（盖章）：", f"第{i}个党组织\n的很长很长\n的全称委员会", "负责人（签字）：",
            "日期：　　年　　月　　日",
        ]
    assert [c.text for c in cells[5:]] == [""]
    assert attr(tbl, "w:tblPr/w:tblLayout", "type") == "fixed"


@pytest.mark.parametrize("parties", [2, 3, 7])
def test_signatures_in_body_size_with_room_for_a_seal(parties: int) -> None:
    _, table = _signature_table(parties)
    for cell in table.rows[0].cells[:1]:
        assert {size(r) for p in cell.paragraphs for r in runs(p._p)} == {"32"}
    assert all(int(attr(row._tr, "w:trPr/w:trHeight", "val")) >= Mm(40).twips
               for row in table.rows)
    assert all(c.width.mm >= 40 for c in table.rows[0].cells)


def test_printed_signing_date_means_no_date_line_per_party() -> None:
    block = Signatures((Party("甲方", "甲单位党委"), Party("乙方", "乙单位党委")))
    document = open_docx(render([block, Paragraph((Run("签订日期：2024年12月3日"),))]))
    unit = document.tables[0].rows[0].cells[0]
    texts = [p.text for row in unit.tables[0].rows for c in row.cells for p in c.paragraphs]
    assert "负责人（签字）：" in texts and not any(t.startswith("日期") for t in texts)
    assert unit.paragraphs[-1].text == "签订日期：2024年12月3日"  # on the signatures' page


def test_unit_names_break_between_words() -> None:
    block = Signatures((Party("甲方", "柳州两面针股份有限公司党委"),
                        Party("乙方", "广西科技大学党委"), Party("丙方", "柳州市鱼峰区委组织部")))
    document = open_docx(render([block]))
    cell = document.tables[0].rows[0].cells[0].tables[0].rows[0].cells[0]
    assert cell.paragraphs[1].text == "柳州两面针\n股份有限公司党委"


# -- footers --------------------------------------------------------------------------------


@pytest.mark.slow
def test_odd_and_even_page_number_footers() -> None:
    data = render([Paragraph((Run("正文"),))])
    document = open_docx(data)
    assert document.settings.element.find(qn("w:evenAndOddHeaders")) is not None
    refs = {r.get(qn("w:type")) for r in
            document.sections[0]._sectPr.findall(qn("w:footerReference"))}
    assert refs == {"default", "even"}
    section = document.sections[0]
    for footer, side, indent in ((section.footer, "right", "rightChars"),
                                 (section.even_page_footer, "left", "leftChars")):
        p = footer.paragraphs[0]._p
        assert attr(p, "w:pPr/w:jc", "val") == side
        assert attr(p, "w:pPr/w:ind", indent) == "100"
        assert attr(p, "w:pPr/w:ind", "firstLine") == "0"
        assert text_of(p) == "\u2014 1 \u2014"
        instr = "".join(i.text for i in p.iter(qn("w:instrText")))
        assert instr.strip() == "PAGE"
        kinds = [f.get(qn("w:fldCharType")) for f in p.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        for run in runs(p):
            assert east_asia(run) == "测试页码体"
            assert attr(run, "w:rPr/w:rFonts", "ascii") == "测试页码体"
            assert size(run) == "28"
    # the footer sits about 7 mm below the text area (35 mm from the bottom edge)
    assert Mm(20) < section.footer_distance < Mm(28)


# -- properties, safety, determinism ----------------------------------------------------------


def test_core_properties_from_the_spec() -> None:
    data = render([Title("标题")], title="某章程", author="某联建", subject="章程",
                  keywords="党建, 联建", created="2024-12-03T08:00:00+08:00")
    props = open_docx(data).core_properties
    assert (props.title, props.author, props.subject, props.keywords) == (
        "某章程", "某联建", "章程", "党建, 联建")
    assert props.last_modified_by == "某联建"
    assert props.revision == 1
    assert props.created.isoformat().startswith("2024-12-03T00:00:00")
    assert props.modified == props.created
    assert props.comments == ""


def test_bad_created_date_is_refused() -> None:
    with pytest.raises(ValueError, match="ISO 8601"):
        render([Title("x")], created="yesterday")


def test_hostile_strings_survive_literally() -> None:
    data = render([
        Title(HOSTILE), Chapter(HOSTILE), Article((Run(HOSTILE),)),
        Paragraph((Run(HOSTILE, "hei"),)), Table(header=((Run(HOSTILE),),), rows=()),
        Signatures((Party("甲方", HOSTILE),)), Signoff((HOSTILE,)), Attachment("附件1", HOSTILE),
    ], title=HOSTILE, author=HOSTILE)
    document = open_docx(data)
    all_text = [text_of(p) for p in document.element.body.iter(qn("w:p"))]
    assert sum(HOSTILE in t for t in all_text) == 8
    assert document.core_properties.title == HOSTILE
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "A&amp;B &lt;x&gt;" in xml and "{{ 7*7 }}" in xml


@pytest.mark.slow
def test_same_spec_same_bytes() -> None:
    first = write_docx(sample_spec(), Fonts())
    time.sleep(1.1)
    second = write_docx(sample_spec(), Fonts())
    assert first == second
    archive = zipfile.ZipFile(io.BytesIO(first))
    names = archive.namelist()
    assert names[0] == "[Content_Types].xml"
    assert not any("thumbnail" in n or "customXml" in n or "stylesWithEffects" in n
                   for n in names)
    for info in archive.infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert info.external_attr == 0o100644 << 16
        content = archive.read(info.filename)
        assert b"rsid" not in content
        assert b"docId" not in content


def test_sample_document_opens() -> None:
    document = open_docx(write_docx(sample_spec(), Fonts()))
    # two data tables and the signing unit, a row for each of its two signature tables
    assert len(document.tables) == 3
    assert [len(row.cells[0].tables) for row in document.tables[1].rows] == [1, 1]
    texts = [text_of(p) for p in body_paragraphs(document)]
    assert "第二十五条" in "".join(texts)


# -- property test ----------------------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(), body=st.text(), label=st.text(max_size=20), name=st.text())
def test_any_text_gives_a_docx(title: str, body: str, label: str, name: str) -> None:
    data = render(
        [Title(title), Paragraph((Run(body), Run(body, "kai"))), Article((Run(body),)),
         Table(header=((Run(title),),), rows=(((Run(body),),),)),
         Signatures((Party(label, name), Party(name, label))), Signoff((body,))],
        title=title, author=name or "x", subject=body,
    )
    assert zipfile.is_zipfile(io.BytesIO(data))
    document = open_docx(data)
    assert document.tables
    assert len(document.paragraphs) >= 4


@pytest.mark.parametrize("text", ["附件：成员单位名单", "出席：甲公司党委张三"])
def test_a_blank_line_before_attachment_notes_and_attendance(text: str) -> None:
    document = open_docx(render([Paragraph((Run("正文最后一段。"),)), Paragraph((Run(text),))]))
    texts = [text_of(p) for p in body_paragraphs(document)]
    assert texts[texts.index(text) - 1] == ""
    assert texts[texts.index(text) - 2] == "正文最后一段。"


def test_the_last_body_paragraph_keeps_with_the_attachment_note() -> None:
    """附件：… never stands alone at the top of a page: the paragraph before it (and the
    blank line between) keep with it; attendance in minutes does not bind the text above.
    (The annex table at the end keeps the closing-lines rule of pagination out of it.)"""
    annex = [PageBreak(), Table(header=((Run("序号"),), (Run("成员单位"),)),
                                rows=(((Run("1"),), (Run("甲公司党委"),)),))]
    for last in (Paragraph((Run("本章程自公布之日起施行。"),)),
                 Article((Run("本章程自公布之日起施行。"),))):
        document = open_docx(render([last, Paragraph((Run("附件：成员单位名单"),)), *annex]))
        body = paragraph_with(document, "本章程自公布之日起施行") if isinstance(
            last, Paragraph) else paragraph_with(document, "第一条")
        assert body.find(f"{{{NS}}}pPr/{{{NS}}}keepNext") is not None
    document = open_docx(render([Paragraph((Run("会议议程。"),)),
                                 Paragraph((Run("出席：甲公司党委张三"),)), *annex]))
    assert paragraph_with(document, "会议议程").find(f"{{{NS}}}pPr/{{{NS}}}keepNext") is None


NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
