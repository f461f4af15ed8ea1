"""Baseline for the render benchmark: a bare python-docx script writing the same text.

Reads the paragraphs of a reference document (extracted once into a JSON file by
bench.py) and writes them with python-docx with no validation, templates or layout
rules beyond fonts and sizes: what anyone would write by hand.

    python bench/bare_docx.py paragraphs.json out.docx
"""

from __future__ import annotations

import json
import sys

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt


def main(source: str, target: str) -> None:
    with open(source, encoding="utf-8") as fh:
        paragraphs = json.load(fh)
    document = Document()
    for text in paragraphs:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.font.size = Pt(16)
        run.font.name = "Times New Roman"
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    document.save(target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
