"""A year of an alliance's work, for the plan, lists and evaluation tests.

Alliance ``yearly`` (founded 2024-06-01): alpha (lead), beta, gamma.

Plan 2025 (8 items)                       owner  due         done
  1 学习       partners beta              alpha  2025Q1      2025-03-20 on time
  2 阵地                                  alpha  2025-04     2025-05-10 late
  3 实践                                  beta   2025-06-30  2025-06-30 on time
  4 人才                                  beta   2025Q3      —          overdue at year end
  5 志愿                                  gamma  2025-09     2025-09-15 on time
  6 科研                                  gamma  2025Q4      —          open (due 12-31)
  7 品牌                                  alpha  —           2025-11-01 on time
  8 交流                                  beta   2025-12-31  2026-01-05 (after the year)

Meetings: 1 2024-12-01 host alpha, alpha          1.1 alpha due 2025-01-31 done 01-20
          2 2025-01-10 host alpha, alpha beta gamma [plan.2025.1]
                       2.1 alpha due 02-28 done 02-20 (on time); 2.2 beta due 03-31 done 04-15
          3 2025-06-15 host beta, alpha beta (gamma absent) [plan.2025.3]
                       3.1 gamma due 08-31 done 08-01; 3.2 alpha due 09-30 never done
          4 2025-11-20 host gamma, beta gamma [plan.2025.6, plan.2025.8]
                       4.1 beta no due, done 12-01
Activities: 1 2025-04-20 host alpha, members alpha beta [plan.2025.2]
            2 2025-09-10 host gamma, members beta [plan.2025.5]
Needs: 1 beta 02-01, claimed alpha 02-10, due 2025-05, done 04-30
       2 gamma 03-01, claimed beta 03-05, due 06-30, open → overdue
       3 alpha 05-01, not claimed
       4 alpha 07-01, claimed gamma 07-02, done 08-01
       5 beta 08-01, claimed alpha 08-05, due 2025Q4
Resources: 1 alpha 01-05.  Services: 1 beta 01-05, claimed gamma 02-01, done 03-01.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from helpers import run_cli

ALLIANCE = """\
id: yearly
name: 年度测试党建联建
short_name: 年度联建
founded: 2024-06-01
areas:
  - name: 共学理论
    items: [联合开展理论学习, 轮流讲授专题党课]
  - name: 共办活动
    items: [联合开展志愿服务]
projects:
  - name: 红色研学
    owner: beta
members:
  - id: alpha
    name: 甲公司党委
    short_name: 甲公司
  - id: beta
    name: 乙大学党委
    short_name: 乙大学
  - id: gamma
    name: 丙街道党工委
    short_name: 丙街道
lead: alpha
"""

PLAN = """\
year: 2025
title: 年度联建2025年度工作计划
items:
  - {text: 联合开展理论学习, area: 共学理论, owner: alpha, partners: [beta], due: 2025Q1}
  - {text: 共享党建阵地, area: 共学理论, owner: alpha, due: 2025-04}
  - {text: 共办实践活动, area: 共办活动, owner: beta, due: 2025-06-30}
  - {text: 联合培养人才, area: 共办活动, owner: beta, due: 2025Q3}
  - {text: 开展志愿服务, area: 共办活动, owner: gamma, due: 2025-09}
  - {text: 联合科研攻关, owner: gamma, due: 2025Q4}
  - {text: 打造红色研学品牌, project: 红色研学, owner: alpha}
  - {text: 开展年终交流, owner: beta, due: 2025-12-31}
"""

MEETINGS = {
    1: """\
number: 1
date: 2024-12-01
host: alpha
attendees: [{member: alpha}]
decisions:
  - {text: 起草年度计划, owner: alpha, due: 2025-01-31, done: {date: 2025-01-20}}
""",
    2: """\
number: 2
date: 2025-01-10
host: alpha
attendees: [{member: alpha}, {member: beta}, {member: gamma}]
plan_items: [plan.2025.1]
decisions:
  - text: 建立联络员制度
    owner: alpha
    due: 2025-02-28
  - text: 编制资源清单
    owner: beta
    due: 2025-03-31
""",
    3: """\
number: 3
date: 2025-06-15
host: beta
attendees: [{member: alpha}, {member: beta}]
absent: [{member: gamma}]
plan_items: [plan.2025.3]
decisions:
  - text: 组织志愿服务
    owner: gamma
    due: 2025-08-31
  - text: 共建实践基地
    owner: alpha
    due: 2025-09-30
""",
    4: """\
number: 4
date: 2025-11-20
host: gamma
attendees: [{member: beta}, {member: gamma}]
plan_items: [plan.2025.6, plan.2025.8]
decisions:
  - text: 总结全年工作
    owner: beta
""",
}

ACTIVITIES = {
    1: """\
number: 1
kind: observation
date: 2025-04-20
host: alpha
members: [alpha, beta]
plan_items: [plan.2025.2]
""",
    2: """\
number: 2
kind: volunteer
date: 2025-09-10
host: gamma
members: [beta]
plan_items: [plan.2025.5]
""",
}


def ok(*args: str, cwd: Path) -> str:
    result = run_cli(*args, cwd=cwd)
    assert result.exit_code == 0, result.output
    return result.output


def build_year(root: Path, settings: str = "", *, git: bool = False) -> Path:
    """The workspace of the year above, built through the commands where there is one;
    with ``git``, a records workspace made by ``pbctl init`` (each step a commit)."""
    if git:
        ok("init", str(root), cwd=root.parent)
    root.mkdir(parents=True, exist_ok=True)
    (root / "pbctl.yaml").write_text(settings, encoding="utf-8")
    folder = root / "alliances" / "yearly"
    folder.mkdir(parents=True, exist_ok=True)
    if git:
        (root.parent / "yearly.yaml").write_text(ALLIANCE, encoding="utf-8")
        ok("new", "alliance", "--from", str(root.parent / "yearly.yaml"), cwd=root)
    else:
        (folder / "alliance.yaml").write_text(ALLIANCE, encoding="utf-8")
    for kind, records in (("meetings", MEETINGS), ("activities", ACTIVITIES)):
        (folder / kind).mkdir()
        for number, text in records.items():
            (folder / kind / f"{number:03d}.yaml").write_text(textwrap.dedent(text),
                                                               encoding="utf-8")
    plan_file = root.parent / "plan-2025.yaml"
    plan_file.write_text(PLAN, encoding="utf-8")
    ok("plan", "new", "yearly", "2025", "--file", str(plan_file), cwd=root)
    for ref, date in (("plan.2025.1", "2025-03-20"), ("plan.2025.2", "2025-05-10"),
                      ("plan.2025.3", "2025-06-30"), ("plan.2025.5", "2025-09-15"),
                      ("plan.2025.7", "2025-11-01"), ("plan.2025.8", "2026-01-05"),
                      ("2.1", "2025-02-20"), ("2.2", "2025-04-15"), ("3.1", "2025-08-01"),
                      ("4.1", "2025-12-01")):
        ok("done", "yearly", ref, "--date", date, cwd=root)
    for kind, text, member, date, due in (
            ("needs", "需要实习基地", "beta", "2025-02-01", "2025-05"),
            ("needs", "需要检测服务", "gamma", "2025-03-01", "2025-06-30"),
            ("needs", "需要党课师资", "alpha", "2025-05-01", None),
            ("needs", "需要志愿者", "alpha", "2025-07-01", None),
            ("needs", "需要场地", "beta", "2025-08-01", None),
            ("resources", "党建馆", "alpha", "2025-01-05", None),
            ("services", "政策宣讲", "beta", "2025-01-05", None)):
        ok("list", "add", "yearly", kind, text, "--member", member, "--date", date,
           *(("--due", due) if due else ()), cwd=root)
    for ref, by, date, due in (("needs.1", "alpha", "2025-02-10", None),
                               ("needs.2", "beta", "2025-03-05", None),
                               ("needs.4", "gamma", "2025-07-02", None),
                               ("needs.5", "alpha", "2025-08-05", "2025Q4"),
                               ("services.1", "gamma", "2025-02-01", None)):
        ok("list", "claim", "yearly", ref, "--by", by, "--date", date,
           *(("--due", due) if due else ()), cwd=root)
    for ref, date in (("needs.1", "2025-04-30"), ("needs.4", "2025-08-01"),
                      ("services.1", "2025-03-01")):
        ok("done", "yearly", ref, "--date", date, "--note", "已办结", cwd=root)
    return root
