"""``pbctl import members`` / ``export members``: rosters from .xlsx and .csv (UTF-8, GBK),
every bad cell reported at once, nothing written on error, export → import a round trip."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from helpers import run_cli
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    commit_count,
    git,
    isolated_git,
    records_workspace,
    subjects,
)

from pbctl.definition import yamlio
from pbctl.definition.loading import load_alliance

EVERY_HEADER = ["党组织名称", "单位名称", "党组织类别", "单位性质", "书记", "书记职务",
                "联系人", "联系电话", "邮箱", "所属联组", "上级党组织", "序号"]
ROWS = [
    ["丙软件有限公司党支部", "丙软件有限公司", "党支部", "民营企业", "张三", "党支部书记、总经理",
     "李四", "13800000001", "bing@example.org", "软件联组", "甲公司党委", "1"],
    ["丁学院党委", "丁学院", "党委", "学院", "王五", None, None, None, None, "ruanjianlianzu",
     None, "2"],
    ["甲公司党委", None, None, "国有企业", None, None, None, "0731-8888888", None, None, None,
     "3"],
]


def _xlsx(path: Path, header: list[str], rows: list[list[str | None]], *,
          sheet: str = "成员单位", title: bool = True) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    if title:
        ws.append(["2024年成员单位名册"])
        ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    for cells in ws.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # as an office types it: text, not a formula
    wb.save(path)
    return path


def _csv(path: Path, header: list[str], rows: list[list[str | None]], encoding: str) -> Path:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["成员单位名册"])
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def _check_imported(root: Path) -> None:
    alliance = load_alliance(root / "alliances" / "demo" / "alliance.yaml")
    by_name = {m.name: m for m in alliance.members}
    bing = by_name["丙软件有限公司党支部"]
    assert bing.id == "bingruanjian"
    assert (bing.organization, bing.level, bing.kind) == ("丙软件有限公司", "党支部",
                                                          "enterprise")
    assert (bing.secretary_name, bing.secretary_title) == ("张三", "党支部书记、总经理")
    assert (bing.contact.name, bing.contact.phone, bing.contact.email) == (
        "李四", "13800000001", "bing@example.org")
    assert bing.parent == "alpha"
    ding = by_name["丁学院党委"]
    assert (ding.id, ding.kind, ding.level) == ("dingxueyuan", "university", "党委")
    alpha = by_name["甲公司党委"]  # updated; empty cells left it as it was
    assert (alpha.id, alpha.level, alpha.contact.phone) == ("alpha", "党委", "0731-8888888")
    assert [m.name for m in alliance.members].count("甲公司党委") == 1
    (group,) = alliance.groups
    assert (group.id, group.name, group.members) == ("ruanjianlianzu", "软件联组",
                                                     ["bingruanjian", "dingxueyuan"])


def test_import_xlsx_every_header(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    roster = _xlsx(tmp_path / "roster.xlsx", EVERY_HEADER, ROWS)
    before = commit_count(ws.root)
    result = run_cli("-C", str(ws.root), "import", "members", "demo", str(roster))
    assert result.exit_code == 0, result.output
    assert "added bingruanjian: 丙软件有限公司党支部" in result.output
    assert "created group ruanjianlianzu: 软件联组" in result.output
    assert "columns ignored: 序号" in result.output
    assert "2 added, 1 updated, 0 unchanged" in result.output
    assert commit_count(ws.root) == before + 1
    assert subjects(ws.root)[0].startswith("import(demo): members from roster.xlsx")
    _check_imported(ws.root)
    # the same roster again changes nothing and records nothing
    again = run_cli("-C", str(ws.root), "import", "members", "demo", str(roster))
    assert again.exit_code == 0, again.output
    assert "0 added, 0 updated, 3 unchanged; nothing to change" in again.output
    assert commit_count(ws.root) == before + 1


def test_import_csv_utf8_and_gbk(tmp_path: Path) -> None:
    for encoding in ("utf-8", "gbk"):
        ws = records_workspace(tmp_path / encoding)
        roster = _csv(tmp_path / f"{encoding}.csv", EVERY_HEADER, ROWS, encoding)
        result = run_cli("-C", str(ws.root), "import", "members", "demo", str(roster))
        assert result.exit_code == 0, result.output
        _check_imported(ws.root)


def test_map_sheet_and_dry_run(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表填写说明"])
    other = wb.create_sheet("名单")
    other.append(["支部名称", "单位名称", "党组织类别", "单位性质"])
    other.append(["戊协会党支部", "戊协会", "党支部", "商会"])
    wb.save(tmp_path / "r.xlsx")
    before = (ws.root / "alliances/demo/alliance.yaml").read_text(encoding="utf-8")
    dry = run_cli("-C", str(ws.root), "import", "members", "demo", str(tmp_path / "r.xlsx"),
                  "--sheet", "名单", "--map", "支部名称=name", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "would be added wuxiehui: 戊协会党支部" in dry.output
    assert (ws.root / "alliances/demo/alliance.yaml").read_text(encoding="utf-8") == before
    bad_map = run_cli("-C", str(ws.root), "import", "members", "demo",
                      str(tmp_path / "r.xlsx"), "--map", "支部名称=nmae")
    assert bad_map.exit_code == 2
    assert "'nmae' is not a member field" in bad_map.output
    assert "did you mean name?" in bad_map.output


BAD_ROWS = [
    ["甲公司党委", "支部", "国有企业", "张三", None, "13800000001", "a@b.cn", None, None],
    ["乙一公司党支部", "党支部", "外星企业x", None, None, None, None, None, None],
    ["乙二公司党支部", "党支部", None, None, "党支部书记", None, None, None, None],
    ["乙三公司党支部", "党支部", None, None, None, "电话号码", None, None, None],
    ["乙四公司党支部", "党支部", None, None, None, None, "不是邮箱", None, None],
    ["乙五公司党支部", "党支部", None, None, None, None, None, "2024年13月40日", None],
    ["乙六公司党支部", "党总", None, None, None, None, None, None, "不存在的党委"],
    ["乙七" * 260 + "党支部", "党支部", None, None, None, None, None, None, None],
    ["乙八公司党支部", "党支部", None, None, None, None, None, None, None],
    ["乙八公司党支部", "党支部", None, None, None, None, None, None, None],
]


def test_ten_bad_cells_all_reported_nothing_written(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    header = ["序号", "党组织名称", "党组织类别", "单位性质", "书记", "书记职务", "联系电话",
              "邮箱", "加入日期", "上级党组织"]
    roster = _xlsx(ws.root / "roster.xlsx", header,
                   [[str(i), *row] for i, row in enumerate(BAD_ROWS, start=1)], title=False)
    # the header is on row 1, BAD_ROWS from row 2; columns A 序号, B 党组织名称 …
    before = commit_count(ws.root)
    text = (ws.root / "alliances/demo/alliance.yaml").read_text(encoding="utf-8")
    result = run_cli("import", "members", "demo", roster.name, cwd=ws.root)
    assert result.exit_code == 1
    lines = [line.removeprefix("error ") for line in result.output.splitlines()
             if "roster.xlsx" in line]
    assert lines == [
        "roster.xlsx:成员单位!C2: level: '支部' is not one of 党委, 党总支, 党支部, 联合党支部, "
        "综合党委, 党组, 党工委 (did you mean 党支部?)",
        "roster.xlsx:成员单位!D3: kind: '外星企业x' is not a kind of unit (did you mean 外资企业?)",
        "roster.xlsx:成员单位!F4: secretary_title: a title (书记职务) but no secretary (书记)",
        "roster.xlsx:成员单位!G5: phone: '电话号码' is not a phone number",
        "roster.xlsx:成员单位!H6: email: '不是邮箱' is not an email address",
        "roster.xlsx:成员单位!I7: joined: '2024年13月40日' is not a date "
        "(e.g. 2024-05-01 or 2024年5月1日)",
        "roster.xlsx:成员单位!C8: level: '党总' is not one of 党委, 党总支, 党支部, 联合党支部, "
        "综合党委, 党组, 党工委 (did you mean 党总支?)",
        "roster.xlsx:成员单位!B9: name: longer than 500 characters",
        "roster.xlsx:成员单位!B11: name: '乙八公司党支部' is listed twice "
        "(also at roster.xlsx:成员单位!B10)",
        "roster.xlsx:成员单位!J8: parent: no member is named '不存在的党委'",
    ]
    assert "10 problems; nothing was written" in result.output
    assert commit_count(ws.root) == before
    assert (ws.root / "alliances/demo/alliance.yaml").read_text(encoding="utf-8") == text


def test_csv_problem_location(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    roster = _csv(tmp_path / "roster.csv", ["党组织名称", "党组织类别", "单位性质"],
                  [["丙公司党支部", "支部", "企业"]], "utf-8")
    result = run_cli("-C", str(ws.root), "import", "members", "demo", str(roster))
    assert result.exit_code == 1
    assert "roster.csv:3:B: level: '支部' is not one of" in result.output


def test_no_header_row(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    roster = _csv(tmp_path / "r.csv", ["名称", "类别"], [["丙", "党支部"]], "utf-8")
    result = run_cli("-C", str(ws.root), "import", "members", "demo", str(roster))
    assert result.exit_code == 1
    assert "r.csv: no header row found" in result.output


def test_export_then_import_changes_nothing(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    roster = _xlsx(tmp_path / "roster.xlsx", EVERY_HEADER, [
        *ROWS, ["=1+1 公司党支部", None, "联合党支部", "社区", None, None, None, None, None,
                "软件联组、第二联组", "丁学院党委", None]])
    assert run_cli("-C", str(ws.root), "import", "members", "demo", str(roster)).exit_code == 0
    definition = ws.root / "alliances/demo/alliance.yaml"
    text = definition.read_text(encoding="utf-8")
    before = commit_count(ws.root)
    out = tmp_path / "out.xlsx"
    exported = run_cli("-C", str(ws.root), "export", "members", "demo", "-o", str(out))
    assert exported.exit_code == 0, exported.output
    sheet = openpyxl.load_workbook(out)["成员单位"]
    formula = [c for row in sheet.iter_rows() for c in row if c.value == "=1+1 公司党支部"]
    assert formula and formula[0].data_type == "s"  # text, never a formula
    again = run_cli("-C", str(ws.root), "import", "members", "demo", str(out))
    assert again.exit_code == 0, again.output
    assert "0 added, 0 updated, 5 unchanged; nothing to change" in again.output
    assert definition.read_text(encoding="utf-8") == text
    assert commit_count(ws.root) == before
    data = yamlio.loads(text).data
    assert [g["name"] for g in data["groups"]] == ["软件联组", "第二联组"]


def test_comments_outside_members_kept(tmp_path: Path) -> None:
    text = ("# 联建定义\nid: demo\nname: 测试党建联建  # 名称\nfounded: 2024-03-01\n"
            "members:\n  - id: alpha\n    name: 甲公司党委\n    level: 党委\n"
            "  - id: beta\n    name: 乙大学党委\n\n# 牵头单位\nlead: alpha\n")
    ws = records_workspace(tmp_path / "ws", text=text)
    roster = _csv(tmp_path / "r.csv", ["党组织名称", "党组织类别", "单位性质"],
                  [["丙公司党支部", "党支部", "企业"]], "utf-8")
    assert run_cli("-C", str(ws.root), "import", "members", "demo", str(roster)).exit_code == 0
    new = (ws.root / "alliances/demo/alliance.yaml").read_text(encoding="utf-8")
    assert new.startswith("# 联建定义\nid: demo\nname: 测试党建联建  # 名称\n")
    assert new.endswith("kind: enterprise\n\n# 牵头单位\nlead: alpha\n")
    assert "git" not in git(ws.root, "status", "--porcelain")


def test_member_count_stays_at_least_the_roster(tmp_path: Path) -> None:
    from helpers import MINIMAL

    ws = records_workspace(tmp_path / "ws", text=MINIMAL + "member_count: 2  # 共两个\n")
    roster = _csv(tmp_path / "r.csv", ["党组织名称", "党组织类别", "单位性质"],
                  [["丙公司党支部", "党支部", "企业"]], "utf-8")
    result = run_cli("-C", str(ws.root), "import", "members", "demo", str(roster))
    assert result.exit_code == 0, result.output
    assert "member_count raised from 2 to 3" in result.output
    alliance = load_alliance(ws.root / "alliances/demo/alliance.yaml")
    assert alliance.member_count == 3


def test_groups_untouched_keep_their_comments(tmp_path: Path) -> None:
    from helpers import MINIMAL

    text = MINIMAL + "groups:\n  # 第一联组: 园区企业\n  - id: g1\n    name: 第一联组\n"
    ws = records_workspace(tmp_path / "ws", text=text)
    roster = _csv(tmp_path / "r.csv", ["党组织名称", "党组织类别", "单位性质"],
                  [["丙公司党支部", "党支部", "企业"]], "utf-8")
    assert run_cli("-C", str(ws.root), "import", "members", "demo", str(roster)).exit_code == 0
    new = (ws.root / "alliances/demo/alliance.yaml").read_text(encoding="utf-8")
    assert new.endswith("groups:\n  # 第一联组: 园区企业\n  - id: g1\n    name: 第一联组\n")
    assert "name: 丙公司党支部" in new


def test_ids_read_polyphonic_names_as_words(tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    roster = _csv(tmp_path / "r.csv", ["党组织名称", "党组织类别", "单位性质"],
                  [["中国建设银行长沙分行党委", "党委", "国有企业"],
                   ["重庆银行股份有限公司党委", "党委", "国有企业"]], "utf-8")
    result = run_cli("-C", str(ws.root), "import", "members", "demo", str(roster), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would be added zhongguojiansheyinhangchangshafenhang: 中国建设银行长沙分行党委" \
        in result.output
    assert "would be added chongqingyinhang: 重庆银行股份有限公司党委" in result.output


def test_a_problem_of_the_merged_definition_is_reported_at_its_roster_row(
        tmp_path: Path) -> None:
    # 甲公司 党委 is not 甲公司党委 to the roster, so it is added; but it is the same name to
    # a reader, which check refuses: reported at the roster's row, not at a line of a
    # definition that was never written
    ws = records_workspace(tmp_path / "ws")
    roster = _xlsx(ws.root / "roster.xlsx", ["党组织名称", "党组织类别", "单位性质"],
                   [["丙公司党支部", "党支部", "企业"], ["甲公司　党委", "党委", "企业"]],
                   title=False)
    text = (ws.root / "alliances/demo/alliance.yaml").read_text(encoding="utf-8")
    for dry in ([], ["--dry-run"]):
        result = run_cli("import", "members", "demo", roster.name, *dry, cwd=ws.root)
        assert result.exit_code == 1, result.output
        assert ("error roster.xlsx:成员单位!3: members[3].name: duplicate member name "
                "'甲公司\\u3000党委' (also at members[0].name; the same name once spaces, "
                "full-width forms and invisible characters are set aside)") in result.output
        assert (ws.root / "alliances/demo/alliance.yaml").read_text(encoding="utf-8") == text


def test_a_dry_run_past_the_size_pbctl_reads_is_refused_like_the_import(
        tmp_path: Path) -> None:
    ws = records_workspace(tmp_path / "ws")
    rows = [[f"{'长' * 400}{n}号公司党支部", f"{'沙' * 400}{n}号公司", "党支部", "企业"]
            for n in range(460)]
    roster = _csv(tmp_path / "r.csv", ["党组织名称", "单位名称", "党组织类别", "单位性质"],
                  rows, "utf-8")
    for dry in (["--dry-run"], []):
        result = run_cli("-C", str(ws.root), "import", "members", "demo", str(roster), *dry)
        assert result.exit_code == 1, result.output
        assert "pbctl reads YAML files of at most 1 MiB, so it is not written" in result.output


def test_import_leaves_the_garbage_collector_as_it_was(tmp_path: Path) -> None:
    import gc

    ws = records_workspace(tmp_path / "ws")
    roster = _csv(tmp_path / "r.csv", ["党组织名称", "党组织类别", "单位性质"],
                  [["丙公司党支部", "党支部", "企业"]], "utf-8")
    assert gc.isenabled()
    assert run_cli("-C", str(ws.root), "import", "members", "demo", str(roster)).exit_code == 0
    assert gc.isenabled()
    gc.disable()
    try:
        bad = _csv(tmp_path / "bad.csv", ["党组织名称", "党组织类别", "单位性质"],
                   [["丁公司党支部", "支部", "企业"]], "utf-8")
        assert run_cli("-C", str(ws.root), "import", "members", "demo",
                       str(bad)).exit_code == 1
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_import_summary_speaks_the_users_language(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from helpers import run_cli
    from records_helpers import records_workspace

    ws = records_workspace(tmp_path / "ws")
    roster = tmp_path / "r.csv"
    roster.write_text("党组织名称,党组织类别,单位性质,序号\n示例甲公司党支部,党支部,企业,1\n",
                      encoding="utf-8")
    monkeypatch.setenv("PBCTL_LANG", "zh")
    result = run_cli("-C", str(ws.root), "import", "members", "demo", str(roster), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "将添加 shilijiagongsi：示例甲公司党支部" in result.output
    assert "未识别而忽略的列：序号" in result.output
    assert "试运行：新增 1 个，更新 0 个，0 个不变；未写入任何内容" in result.output
