"""Write examples/dongfanghong-two-new/roster.xlsx: the street committee's roster at full size.

Seed 002 (湖南日报, 2024-11-22) says the 东方红街道两新综合党委 took over 191 two-new party
organizations and put them into 3 联组; it names only a few. This script lists those few as
the report gives them and makes up the rest, plainly: every made-up name starts with 示例 and
its 备注 says 虚构示例. Deterministic: the same script writes the same bytes.

    .venv/bin/python examples/make_roster.py      # (pbctl installed: it normalises the zip)
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from pbctl.fsutil import normalize_zip

OUT = Path(__file__).resolve().parent / "dongfanghong-two-new" / "roster.xlsx"
TOTAL = 191
GROUPS = G1, G2, G3 = ("第一联组", "第二联组", "第三联组")
HEADER = ("序号", "党组织名称", "单位名称", "党组织类别", "单位性质", "书记", "书记职务",
          "所属联组", "上级党组织", "备注")
FICTIONAL = "虚构示例"

#: (name, organization, level, kind, secretary, title, group, parent, note) as in
#: alliance.yaml: the report's names, then the fictional members already listed there.
LISTED = [
    ("中电软件园联合党支部", "中电软件园", "联合党支部", "民营企业", "刘娜",
     "东方红街道两新综合党委第一联组组长、中电软件园联合党支部书记", "第一联组", None, "报道所载"),
    ("中电产业园党支部", "中电产业园", "党支部", "民营企业", None, None, "第一联组", None,
     "报道所载"),
    ("湖南草花互动网络科技有限公司党支部", "湖南草花互动网络科技有限公司", "党支部", "民营企业",
     None, None, "第一联组", None, "报道所载（简称草花互动党支部）"),
    ("创星科技股份有限公司党支部", "创星科技股份有限公司", "党支部", "民营企业", "尹中贵",
     "党支部书记", "第二联组", None, "报道所载"),
    ("北斗产业安全技术研究院党支部", "北斗产业安全技术研究院", "党支部", "事业单位", None, None,
     "第三联组", None, "报道所载"),
]
_EXISTING_FICTIONAL = [  # in alliance.yaml already: (name, organization, level, kind, group)
    ("示例星途软件有限公司党支部", "示例星途软件有限公司", "党支部", "民营企业", G1),
    ("示例云栈信息技术有限公司党支部", "示例云栈信息技术有限公司", "党支部", "民营企业", G1),
    ("示例光影动漫科技有限公司党支部", "示例光影动漫科技有限公司", "党支部", "民营企业", G1),
    ("示例软件行业促进会党支部", "示例软件行业促进会", "党支部", "协会", G1),
    ("示例芯城科技园企业联合党支部", "示例芯城科技园企业", "联合党支部", "民营企业", G2),
    ("示例微电子有限公司党支部", "示例微电子有限公司", "党支部", "民营企业", G2),
    ("示例网安科技有限公司党支部", "示例网安科技有限公司", "党支部", "民营企业", G2),
    ("示例数据安全技术有限公司党支部", "示例数据安全技术有限公司", "党支部", "民营企业", G2),
    ("示例智能终端有限公司党支部", "示例智能终端有限公司", "党支部", "民营企业", G2),
    ("示例人力资源服务有限公司党支部", "示例人力资源服务有限公司", "党支部", "民营企业", G2),
    ("示例环创企业广场联合党支部", "示例环创企业广场入驻企业", "联合党支部", "民营企业", G3),
    ("示例导航定位技术有限公司党支部", "示例导航定位技术有限公司", "党支部", "民营企业", G3),
    ("示例卫星应用科技有限公司党支部", "示例卫星应用科技有限公司", "党支部", "民营企业", G3),
    ("示例社会工作服务中心党支部", "示例社会工作服务中心", "党支部", "其他", G3),
    ("示例律师事务所党支部", "示例律师事务所", "党支部", "其他", G3),
    ("示例会计师事务所党支部", "示例会计师事务所", "党支部", "其他", G3),
]
LISTED += [(n, o, lv, k, None, None, g, None, FICTIONAL) for n, o, lv, k, g in _EXISTING_FICTIONAL]

BRANDS = ("晨曦", "青禾", "远帆", "星河", "麓谷", "湘韵", "岳麓", "橘洲", "云帆", "启明",
          "辰光", "天乐", "恒信", "博远", "景行", "致远", "明德", "嘉禾", "瑞丰", "华章")
#: by group: (industry, organization suffix, kind) — the parks the report names
TRADES = {
    "第一联组": [("软件", "软件有限公司", "民营企业"), ("网络", "网络科技有限公司", "民营企业"),
                 ("动漫", "动漫文化有限公司", "民营企业")],
    "第二联组": [("芯片", "芯片设计有限公司", "民营企业"), ("信息安全", "信息安全技术有限公司",
                                                       "民营企业"),
                 ("电子", "电子科技有限公司", "外资企业")],
    "第三联组": [("导航", "导航科技有限公司", "民营企业"), ("物业", "物业服务有限公司", "国有企业"),
                 ("商会", "商会", "商会")],
}
#: fictional groups of companies with a 党总支 over some of their branches (the hierarchy)
HOLDINGS = {"第一联组": "示例麓谷数字集团", "第二联组": "示例芯城半导体集团",
            "第三联组": "示例北斗时空集团"}


def rows() -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = list(LISTED)
    names = {r[0] for r in out}
    for group, holding in HOLDINGS.items():  # a 党总支 and two branches under it
        head = f"{holding}有限公司党总支"
        out.append((head, f"{holding}有限公司", "党总支", "民营企业", None, None, group, None,
                    FICTIONAL))
        for part in ("研发中心", "运营中心"):
            out.append((f"{holding}有限公司{part}党支部", f"{holding}有限公司{part}", "党支部",
                        "民营企业", None, None, group, head, FICTIONAL))
        names.update(r[0] for r in out)
    brand_index = 0
    while len(out) < TOTAL:
        for group in GROUPS:
            _, suffix, kind = TRADES[group][brand_index % 3]
            brand = BRANDS[(brand_index // 3) % len(BRANDS)]
            serial = brand_index // (3 * len(BRANDS))
            company = f"示例{brand}{'' if not serial else '第' + '二三四五'[serial - 1]}{suffix}"
            level = "联合党支部" if brand_index % 11 == 5 else "党支部"
            name = f"{company}{level}"
            if name not in names and len(out) < TOTAL:
                names.add(name)
                out.append((name, company, level, kind, None, None, group, None, FICTIONAL))
        brand_index += 1
    return out


def workbook_bytes() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "成员单位"
    ws.append(["东方红街道两新综合党委成员单位名册（报道所载名称以外均为虚构示例）"])
    ws.append(list(HEADER))
    for n, row in enumerate(rows(), start=1):
        ws.append([str(n), *row])
    for line in ws.iter_rows():
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    for letter, width in zip("ABCDEFGHIJ", (6, 40, 34, 12, 10, 8, 30, 10, 34, 22),
                             strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A3"
    import datetime as dt

    wb.properties.creator = wb.properties.lastModifiedBy = "examples/make_roster.py"
    wb.properties.created = wb.properties.modified = dt.datetime(2024, 11, 22)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return normalize_zip(buffer.getvalue())


def main() -> None:
    OUT.write_bytes(workbook_bytes())
    print(f"wrote {OUT} ({len(rows())} organizations)")


if __name__ == "__main__":
    main()
