"""Benchmark cases for scale (#16): a whole workspace rendered at once, and a big roster.

* ``render-all-60``: ``pbctl render all --all`` over 60 alliances (a process pool over the
  cores), against ``render-each-60``: 60 separate ``pbctl render all ID`` processes, one after
  the other, as a script would have done. Both run in the steady state (documents already
  recorded, so neither commits): the time is loading, rendering and comparing. Target: at
  least 4x faster (ratio <= 0.25).
* ``import-1000``: ``pbctl import members demo roster-1000.xlsx --dry-run`` (read, map,
  validate every cell, merge, validate the new definition; nothing written so every run does
  the same work) against ``openpyxl-1000``: a process that only loads the same .xlsx with
  openpyxl and reads its rows. Target: <= 2x.

Data lives in bench/.work/scale-*/ (made once, from fixed names).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
BIN = Path(sys.executable).parent
PYTHON = sys.executable
RENDER_WS = WORK / "scale-render-60"
IMPORT_WS = WORK / "scale-import-1000"
ROSTER = IMPORT_WS / "roster-1000.xlsx"
N_ALLIANCES = 60
N_ROWS = 1000
_VERSION = "1"

_DEFINITION = """\
id: {id}
name: 第{i}号产业链党建联建
founded: 2024-03-01
principles: [坚持党建引领, 坚持优势互补]
areas:
  - name: 组织共建
    items: [定期召开联席会议, 共同开展主题党日]
  - name: 发展共促
    items: [共建实践基地, 联合攻关项目]
members:
{members}lead: m01
"""


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def _pbctl(*args: str) -> None:
    subprocess.run([str(BIN / "pbctl"), *args], check=True, capture_output=True)


def make_render_workspace() -> Path:
    stamp = RENDER_WS / ".stamp"
    if stamp.is_file() and stamp.read_text() == _VERSION:
        return RENDER_WS
    shutil.rmtree(RENDER_WS, ignore_errors=True)
    _pbctl("init", str(RENDER_WS))
    for i in range(1, N_ALLIANCES + 1):
        members = "".join(f"  - id: m{m:02d}\n    name: 第{i}号联建成员单位{m}党委\n"
                          f"    kind: enterprise\n    level: 党委\n" for m in range(1, 7))
        path = RENDER_WS / "alliances" / f"chain-{i:03d}" / "alliance.yaml"
        path.parent.mkdir(parents=True)
        path.write_text(_DEFINITION.format(id=f"chain-{i:03d}", i=i, members=members),
                        encoding="utf-8")
    _git(RENDER_WS, "add", "alliances")
    _git(RENDER_WS, "commit", "-q", "-m", "bench: 60 alliances")
    _pbctl("-C", str(RENDER_WS), "render", "all", "--all")  # the steady state
    stamp.write_text(_VERSION)
    return RENDER_WS


def make_import_workspace() -> Path:
    stamp = IMPORT_WS / ".stamp"
    if stamp.is_file() and stamp.read_text() == _VERSION:
        return IMPORT_WS
    shutil.rmtree(IMPORT_WS, ignore_errors=True)
    _pbctl("init", str(IMPORT_WS))
    members = "".join(f"  - id: m{m:02d}\n    name: 第{m}号成员单位党委\n" for m in (1, 2))
    path = IMPORT_WS / "alliances" / "demo" / "alliance.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(_DEFINITION.format(id="demo", i=1, members=members), encoding="utf-8")
    _git(IMPORT_WS, "add", "alliances")
    _git(IMPORT_WS, "commit", "-q", "-m", "bench: one alliance")
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "成员单位"
    ws.append(["成员单位名册"])
    ws.append(["序号", "党组织名称", "单位名称", "党组织类别", "单位性质", "书记", "书记职务",
               "联系人", "联系电话", "所属联组", "备注"])
    kinds = ["民营企业", "国有企业", "大学", "街道", "商会", "社区"]
    levels = ["党支部", "党委", "党总支", "联合党支部"]
    for n in range(1, N_ROWS + 1):
        company = f"示例第{n}号科技有限公司"
        ws.append([str(n), f"{company}{levels[n % 4]}", company, levels[n % 4], kinds[n % 6],
                   f"书记{n}", "党支部书记", f"联络员{n}", f"0731-8{n:07d}",
                   f"第{n % 5 + 1}联组", "虚构示例"])
    wb.save(ROSTER)
    stamp.write_text(_VERSION)
    return IMPORT_WS


def read_only(path: str) -> int:
    """The baseline's body: load the workbook with openpyxl and read every row."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = sum(1 for sheet in wb for _ in sheet.iter_rows(values_only=True))
    wb.close()
    return rows


def _each_script() -> list[str]:
    ids = " ".join(f"chain-{i:03d}" for i in range(1, N_ALLIANCES + 1))
    return ["bash", "-c", f'for id in {ids}; do "{BIN / "pbctl"}" -C "{RENDER_WS}" render all '
            f'"$id" >/dev/null || exit 1; done']


def cases() -> list[dict[str, Any]]:
    return [
        {"name": f"render-each-{N_ALLIANCES}", "run": _each_script(), "baseline": None,
         "setup": make_render_workspace, "runs": 3,
         "about": f"baseline: {N_ALLIANCES} separate `pbctl render all ID` processes"},
        {"name": f"render-all-{N_ALLIANCES}",
         "run": [str(BIN / "pbctl"), "-C", str(RENDER_WS), "render", "all", "--all"],
         "baseline": f"render-each-{N_ALLIANCES}", "setup": make_render_workspace, "runs": 3,
         "max_ratio": 0.25,
         "about": f"`pbctl render all --all` over {N_ALLIANCES} alliances (process pool)"},
        {"name": f"openpyxl-{N_ROWS}",
         "run": [PYTHON, str(Path(__file__).resolve()), "--read", str(ROSTER)],
         "baseline": None, "setup": make_import_workspace, "runs": 5,
         "about": f"baseline: openpyxl loading a {N_ROWS}-row roster and reading its rows"},
        {"name": f"import-{N_ROWS}",
         "run": [str(BIN / "pbctl"), "-C", str(IMPORT_WS), "import", "members", "demo",
                 str(ROSTER), "--dry-run"],
         "baseline": f"openpyxl-{N_ROWS}", "setup": make_import_workspace, "runs": 5,
         "max_ratio": 2.0,
         "about": f"`pbctl import members` of a {N_ROWS}-row roster (--dry-run)"},
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--read"]:
        read_only(sys.argv[2])
        sys.exit(0)
    sys.exit("run through bench/bench.py --only render-all-60 / --only import-1000")
