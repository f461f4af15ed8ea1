"""A sample document exercising every block the writer lays out.

``build_sample_spec()`` gives a charter-like DocumentSpec: title, subtitle, two chapters
with 25 articles, numbered items and headings, a table, 3- and 5-party signature blocks, a
signoff and an attachment. Run as a script to write /tmp/sample.docx (and, with ``--pdf``,
/tmp/sample.pdf).
"""

from __future__ import annotations

import sys
from pathlib import Path

from pbctl.definition.settings import Fonts
from pbctl.document.blocks import (
    Article,
    Attachment,
    Block,
    Chapter,
    DocumentSpec,
    Heading,
    Item,
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

MEMBERS = (
    "中共某某集团有限公司委员会",
    "中共某某大学机械工程学院委员会",
    "中共某某市生态环境局机关委员会",
    "中共某某科技股份有限公司支部委员会",
    "中共某某街道综合党委",
)


def _runs(text: str) -> tuple[Run, ...]:
    return (Run(text),)


def build_sample_spec() -> DocumentSpec:
    """A 章程 with every kind of block, long enough to span several pages."""
    blocks: list[Block] = [
        Title("产业链党建联建章程"),
        Subtitle((Run("（2024年12月3日第一次联席会议审议通过）"),)),
        Chapter("总则"),
    ]
    for i in range(12):
        blocks.append(Article(_runs(
            "本联建（以下简称“联建”）坚持以习近平新时代中国特色社会主义思想为指导，"
            "围绕产业链发展需要开展组织共建、资源共享、活动共办、人才共育，"
            f"这是第{i + 1}条示例条款，共建单位每年召开1—2次联席会议。"
        )))
        if i == 3:
            for level_text in ("组织共建", "资源共享"):
                blocks.append(Item(1, (Run(level_text, "hei"),
                                       Run("。各成员单位互派党员骨干交流学习，共享阵地资源。"))))
                blocks.append(Item(2, _runs("建立联席会议制度，每半年召开一次。")))
                blocks.append(Item(2, _runs("设立秘书处，负责日常工作。")))
                blocks.append(Item(3, _runs("秘书处设在链主单位。")))
                blocks.append(Item(4, _runs("联络员由各单位指定。")))
                blocks.append(Item(4, _runs("联络员变更应书面告知秘书处。")))
    blocks.append(Chapter("成员单位"))
    for i in range(13):
        blocks.append(Article(_runs(
            "成员单位享有参加联建活动、提出意见建议的权利，"
            f"履行遵守本章程、完成联建任务的义务。（第{i + 13}条）"
        )))
        if i == 2:
            blocks.append(Heading(1, _runs("权利")))
            blocks.append(Heading(2, _runs("参与权")))
            blocks.append(Paragraph(_runs("成员单位有权参加联席会议并参与表决。")))
            blocks.append(Heading(1, _runs("义务")))
    blocks.append(Paragraph(_runs("成员单位名单如下：")))
    blocks.append(Table(
        header=(_runs("序号"), _runs("单位名称"), _runs("层级"), _runs("联络员")),
        rows=tuple(
            (_runs(str(i + 1)), _runs(name), _runs("党委"), _runs("张三 13800000000"))
            for i, name in enumerate(MEMBERS)
        ),
    ))
    blocks.append(Paragraph(_runs("本章程自各方签字盖章之日起生效。本协议一式叁份，各执一份。")))
    blocks.append(Signatures(tuple(Party(stem_label(i), n) for i, n in enumerate(MEMBERS[:3]))))
    blocks.append(Signatures(tuple(Party(stem_label(i), n) for i, n in enumerate(MEMBERS))))
    blocks.append(Signoff(("产业链党建联建联席会议", "2024年12月3日")))
    blocks.append(Attachment("附件1", "成员单位联络员名单"))
    blocks.append(Table(
        header=(_runs("单位"), _runs("联络员"), _runs("职务"), _runs("电话")),
        rows=tuple((_runs(n), _runs("李四"), _runs("党务专员"), _runs("0571-88888888"))
                   for n in MEMBERS),
    ))
    return DocumentSpec(
        title="产业链党建联建章程",
        author="产业链党建联建联席会议",
        subject="联建章程",
        keywords="党建联建, 章程",
        created="2024-12-03T00:00:00Z",
        blocks=blocks,
    )


def main(argv: list[str]) -> int:
    out = Path("/tmp/sample.docx")
    out.write_bytes(write_docx(build_sample_spec(), Fonts()))
    print(out)
    if "--pdf" in argv:
        from pbctl.document.pdf import to_pdf

        for pdf in to_pdf([out], out.parent):
            print(pdf)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
