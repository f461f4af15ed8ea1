"""A workspace with dated meetings, activities and decisions, for the tracking tests.

Alliance ``demo`` (founded 2024-03-01, quarterly meetings, a one-year term ending
2025-02-28) with two meetings and two activities:

=========  ==========  ==============================================================
meeting 1  2024-03-15  1.1 联络员制度 (alpha, due 2024-04-30, done 2024-04-20)
                       1.2 实践基地 (beta, due 2024-06-30, never done: overdue after it)
meeting 2  2024-06-20  2.1 主题党日 (alpha, due 2024-09-30, done late on 2024-10-08)
                       2.2 资源清单 (beta, no due date)
activity 1 2024-05-10  observation, alpha + beta, 30 people
activity 2 2024-09-15  study, hosted by beta
=========  ==========  ==============================================================

Alliance ``other`` (founded 2023-01-10, half-yearly, no records) sits beside it.
"""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

ALLIANCE = """\
id: demo
name: 测试党建联建
short_name: 测试联建
founded: 2024-03-01
members:
  - id: alpha
    name: 甲公司党委
    short_name: 甲公司
  - id: beta
    name: 乙大学党委
lead: alpha
meetings:
  frequency: quarterly
term:
  years: 1
"""

OTHER = """\
id: other
name: 另一党建联建
founded: 2023-01-10
members:
  - id: gamma
    name: 丙街道党工委
  - id: delta
    name: 丁社区党委
lead: gamma
"""

MEETING_1 = """\
number: 1
date: 2024-03-15
venue: 甲公司会议室
title: 第一次联席会议
chair: 张三
host: alpha
attendees:
  - member: alpha
    names: [张三, 李四]
  - member: beta
    names: [王五]
topics:
  - 审议联建章程
  - 研究年度工作计划
decisions:
  # 第一项已完成
  - text: 建立联络员制度
    owner: alpha
    due: 2024-04-30
    done:
      date: 2024-04-20
  - text: 共建实践基地
    owner: beta
    due: 2024-06-30
recorder: 赵六
"""

MEETING_2 = """\
number: 2
date: 2024-06-20
venue: 乙大学会议室
host: beta
attendees:
  - member: alpha
    names: [张三]
absent:
  - member: beta
topics:
  - 总结上半年工作
decisions:
  - text: 联合开展主题党日活动
    owner: alpha
    due: 2024-09-30
    done:
      date: 2024-10-08
      note: 已开展
  - text: 编制资源清单
    owner: beta  # 无时限
recorder: 赵六
"""

ACTIVITY_1 = """\
number: 1
kind: observation
date: 2024-05-10
title: 党建阵地观摩
place: 甲公司党建馆
host: alpha
members: [alpha, beta]
headcount: 30
summary: 参观党建阵地，交流经验
outcomes:
  - 形成交流材料一份
"""

ACTIVITY_2 = """\
number: 2
kind: study
date: 2024-09-15
host: beta
members: [beta]
summary: 联合学习党纪学习教育内容
"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def build_workspace(root: Path, *, other: bool = True) -> Path:
    """Write the workspace described above under ``root``; return ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pbctl.yaml").write_text("renewal_days: 60\n", encoding="utf-8")
    demo = root / "alliances" / "demo"
    _write(demo / "alliance.yaml", ALLIANCE)
    _write(demo / "meetings" / "001.yaml", MEETING_1)
    _write(demo / "meetings" / "002.yaml", MEETING_2)
    _write(demo / "activities" / "001.yaml", ACTIVITY_1)
    _write(demo / "activities" / "002.yaml", ACTIVITY_2)
    if other:
        _write(root / "alliances" / "other" / "alliance.yaml", OTHER)
    return root


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` with a fixed identity; return stdout."""
    env_args = ["-c", "user.name=测试", "-c", "user.email=test@example.org",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
    proc = subprocess.run(["git", *env_args, *args], cwd=root, capture_output=True,
                          text=True, check=True)
    return proc.stdout


def git_workspace(root: Path) -> Path:
    """:func:`build_workspace` in a git repository with everything committed."""
    build_workspace(root)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    return root
