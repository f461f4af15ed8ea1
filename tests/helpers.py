"""Shared builders for the tests: alliance data and text, files, and CLI runners."""

from __future__ import annotations

import contextlib
import copy
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from pbctl.cli import cli
from pbctl.definition import yamlio

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
#: The folder of the interpreter running the tests: the venv's bin/ under `make test`.
BIN = Path(sys.executable).parent

#: A valid alliance, as text, with known line numbers (used to pin exact error positions):
#:  1 id   2 name   3 founded   4 members   5-8 alpha (id, name, kind, level)
#:  9-12 beta (id, name, kind, level)   13 lead
MINIMAL = """\
id: demo
name: 测试党建联建
founded: 2024-03-01
members:
  - id: alpha
    name: 甲公司党委
    kind: enterprise
    level: 党委
  - id: beta
    name: 乙大学党委
    kind: university
    level: 党总支
lead: alpha
"""

_MINIMAL_DATA: dict[str, Any] = {
    "id": "demo",
    "name": "测试党建联建",
    "founded": "2024-03-01",
    "members": [
        {"id": "alpha", "name": "甲公司党委", "kind": "enterprise", "level": "党委"},
        {"id": "beta", "name": "乙大学党委", "kind": "university", "level": "党总支"},
    ],
    "lead": "alpha",
}


def minimal_alliance(**overrides: Any) -> dict[str, Any]:
    """The smallest valid alliance definition as data; keyword arguments replace keys
    (a value of ``None`` removes the key)."""
    data = copy.deepcopy(_MINIMAL_DATA)
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def alliance_text(**overrides: Any) -> str:
    """:func:`minimal_alliance` dumped as YAML."""
    return yamlio.dumps(minimal_alliance(**overrides))


def write_yaml(path: Path, text: str) -> Path:
    """Write ``text`` (dedented) as UTF-8, creating folders; return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def make_workspace(root: Path, alliance_id: str | None = None, text: str = MINIMAL) -> Path:
    """A workspace (an empty ``pbctl.yaml``), optionally with one alliance in it."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pbctl.yaml").write_text("", encoding="utf-8")
    if alliance_id is not None:
        write_yaml(root / "alliances" / alliance_id / "alliance.yaml",
                   text.replace("id: demo\n", f"id: {alliance_id}\n", 1))
    return root


def run_cli(*args: str, cwd: Path | None = None, input: str | None = None) -> Result:
    """Invoke ``pbctl ARGS`` in-process (no terminal: stdin is not a tty)."""
    runner = CliRunner()
    with contextlib.chdir(cwd) if cwd is not None else contextlib.nullcontext():
        return runner.invoke(cli, list(args), input=input, prog_name="pbctl")


def run_pbctl(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None
              ) -> subprocess.CompletedProcess[str]:
    """Run the installed ``pbctl`` console script in a real process."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [str(BIN / "pbctl"), *args], cwd=cwd, env=full_env, capture_output=True, text=True,
        timeout=60, check=False,
    )


# --------------------------------------------------------------------------- bad inputs

_KINDS = "enterprise, university, government, institution, association, community, other"
_LEVELS = "党委, 党总支, 党支部, 联合党支部, 综合党委, 党组, 党工委"
_ID_RULE = "use 2-64 lower-case letters, digits and '-', starting with a letter or digit"
_TOP_KEYS = (
    "id, name, short_name, theme, founded, venue, principles, goals, areas, members, lead, "
    "secretariat, convener, meetings, term, groups, pairings, witnesses, projects, lists, "
    "ceremony, integrity, copies, founders, member_count, supervisor, documents"
)
_BETA = "  - id: beta\n    name: 乙大学党委\n    kind: university\n    level: 党总支\n"
_GROUP = "groups:\n  - id: g-one\n    name: 第一联组\n"

#: (case id, file text, the exact problems ``pbctl check bad.yaml`` reports).
BAD_ALLIANCES: list[tuple[str, str, list[str]]] = [
    ("unknown-key-did-you-mean", MINIMAL.replace("level: 党总支", "lvl: 党总支"),
     ["bad.yaml:12:5: members[1].lvl: unknown key 'lvl' (did you mean 'level'?)"]),
    ("unknown-key-no-close-match", MINIMAL + "zzzzzz: 1\n",
     [f"bad.yaml:14:1: zzzzzz: unknown key 'zzzzzz' (allowed keys: {_TOP_KEYS})"]),
    ("enum-typo", MINIMAL.replace("kind: university", "kind: univercity"),
     [f"bad.yaml:11:11: members[1].kind: 'univercity' is not one of: {_KINDS} "
      "(did you mean 'university'?)"]),
    ("enum-chinese-word", MINIMAL.replace("kind: enterprise", "kind: 民营企业"),
     [f"bad.yaml:7:11: members[0].kind: '民营企业' is not one of: {_KINDS} "
      "(did you mean '企业'?)"]),
    ("level-on", MINIMAL.replace("level: 党委", "level: on"),
     [f"bad.yaml:8:12: members[0].level: 'on' is not one of: {_LEVELS}"]),
    ("level-yaml-true", MINIMAL.replace("level: 党委", "level: true"),
     [f"bad.yaml:8:12: members[0].level: true (a YAML boolean) is not one of: {_LEVELS} "
      "(quote the value: YAML read it as a boolean)"]),
    ("duplicate-key", MINIMAL + "lead: beta\n",
     ["bad.yaml:14:1: duplicate key 'lead' (first given on line 13) "
      "(a key may appear only once in a mapping)"]),
    ("anchor", MINIMAL.replace("name: 甲公司党委", "name: &unit 甲公司党委"),
     ["bad.yaml:6:11: anchors (&unit) are not allowed "
      "(write the value out in full; pbctl files must read the same to a person)"]),
    ("alias", MINIMAL.replace("name: 乙大学党委", "name: *unit"),
     ["bad.yaml:10:11: aliases (*unit) are not allowed (write the value out in full)"]),
    ("python-tag", MINIMAL + "venue: !!python/object:os.system echo\n",
     ["bad.yaml:14:8: the tag !!python/object:os.system is not allowed (remove the tag)"]),
    ("local-tag", MINIMAL + "venue: !secret x\n",
     ["bad.yaml:14:8: the tag !secret is not allowed (remove the tag)"]),
    ("bad-id-slug", MINIMAL.replace("id: demo", "id: Demo Alliance"),
     [f"bad.yaml:1:5: id: 'Demo Alliance' is not a valid id: {_ID_RULE} "
      "(for example 'demo-alliance')"]),
    ("missing-name", MINIMAL.replace("name: 测试党建联建\n", ""),
     ["bad.yaml:1:1: name: is required but not given"]),
    ("missing-founded", MINIMAL.replace("founded: 2024-03-01\n", ""),
     ["bad.yaml:1:1: founded: is required but not given"]),
    ("missing-lead", MINIMAL.replace("lead: alpha\n", ""),
     ["bad.yaml:1:1: lead: is required but not given"]),
    ("missing-member-name", MINIMAL.replace("    name: 乙大学党委\n", ""),
     ["bad.yaml:9:5: members[1].name: is required but not given"]),
    ("one-member", MINIMAL.replace(_BETA, ""),
     ["bad.yaml:5:3: members: needs at least 2 entries, got 1"]),
    ("month-13", MINIMAL.replace("2024-03-01", "2024-13-01"),
     ["bad.yaml:3:10: founded: '2024-13-01' is not a real date (month must be in 1..12)"]),
    ("february-30", MINIMAL.replace("2024-03-01", "2024-02-30"),
     ["bad.yaml:3:10: founded: '2024-02-30' is not a real date "
      "(day is out of range for month)"]),
    ("date-typo", MINIMAL.replace("2024-03-01", "2024-03-1O"),
     ["bad.yaml:3:10: founded: expected a date like 2024-12-03, got '2024-03-1O'"]),
    ("date-without-dashes", MINIMAL.replace("2024-03-01", "20240301"),
     ["bad.yaml:3:10: founded: expected a date like 2024-12-03, got 20240301"]),
    ("date-before-1921", MINIMAL.replace("2024-03-01", "1921-06-30"),
     ["bad.yaml:3:10: founded: 1921-06-30 is before 1921-07-01"]),
    ("date-far-future", MINIMAL.replace("2024-03-01", "2999-03-01"),
     ["bad.yaml:3:10: founded: 2999-03-01 is too far in the future (check the year)"]),
    ("term-before-founding", MINIMAL + "term:\n  start: 2024-02-29\n",
     ["bad.yaml:15:10: term.start: 2024-02-29 is before the founding date 2024-03-01"]),
    ("unknown-lead", MINIMAL.replace("lead: alpha", "lead: alhpa"),
     ["bad.yaml:13:7: lead: no member has the id 'alhpa' (did you mean 'alpha'?)"]),
    ("unknown-secretariat", MINIMAL + "secretariat: bta\n",
     ["bad.yaml:14:14: secretariat: no member has the id 'bta' (did you mean 'beta'?)"]),
    ("unknown-group-member", MINIMAL + _GROUP + "    members: [alpha, zzz]\n",
     ["bad.yaml:17:22: groups[0].members[1]: no member has the id 'zzz' "
      "(member ids: alpha, beta)"]),
    ("unknown-group-lead", MINIMAL + _GROUP + "    lead: alpah\n",
     ["bad.yaml:17:11: groups[0].lead: no member has the id 'alpah' (did you mean 'alpha'?)"]),
    ("unknown-pairing-member", MINIMAL + "pairings:\n  - [alpha, betta]\n",
     ["bad.yaml:15:13: pairings[0][1]: no member has the id 'betta' "
      "(did you mean 'beta'?)"]),
    ("unknown-pairing-member-mapping", MINIMAL + "pairings:\n  - {a: alfa, b: beta}\n",
     ["bad.yaml:15:9: pairings[0].a: no member has the id 'alfa' (did you mean 'alpha'?)"]),
    ("unknown-project-owner", MINIMAL + "projects:\n  - name: 红色驿站\n    owner: gamma\n",
     ["bad.yaml:16:12: projects[0].owner: no member has the id 'gamma' "
      "(member ids: alpha, beta)"]),
    ("duplicate-member-id", MINIMAL.replace("id: beta", "id: alpha"),
     ["bad.yaml:9:9: members[1].id: duplicate member id 'alpha' (also at members[0].id)"]),
    ("duplicate-member-name", MINIMAL.replace("乙大学党委", "甲公司党委"),
     ["bad.yaml:10:11: members[1].name: duplicate member name '甲公司党委' "
      "(also at members[0].name)"]),
    ("pairing-with-itself", MINIMAL + "pairings:\n  - [beta, beta]\n",
     ["bad.yaml:15:5: pairings[0]: a member cannot be paired with itself ('beta')"]),
    ("pairing-of-three", MINIMAL + "pairings:\n  - [alpha, beta, alpha]\n",
     ["bad.yaml:15:5: pairings[0]: a pairing names exactly two member ids, got 3"]),
    ("yaml-syntax-error", MINIMAL.replace("  - id: beta", " - id: beta"),
     ["bad.yaml:9:2: YAML syntax error: did not find expected key"]),
    ("yaml-unclosed-bracket", MINIMAL + "principles: [优势互补, 注重实效\n",
     ["bad.yaml:15:1: YAML syntax error: did not find expected ',' or ']'"]),
    ("empty-file", "", ["bad.yaml:1:1: the file is empty"]),
    ("comments-only", "# 待填写\n", ["bad.yaml:1:1: the file is empty"]),
    ("file-is-a-list", "- id: demo\n- name: 测试\n",
     ["bad.yaml:1:1: expected a mapping of keys and values, got a list"]),
    ("escaped-control-character", MINIMAL.replace("name: 乙大学党委", 'name: "乙大学\\x01党委"'),
     ["bad.yaml:10:11: members[1].name: contains the control character U+0001, "
      "which a document cannot hold"]),
    ("raw-control-character", MINIMAL.replace("乙大学党委", "乙大学\x01党委"),
     ["bad.yaml:10:14: the character U+0001 is not allowed in a YAML file (remove it)"]),
    ("two-documents", MINIMAL + "---\nid: other\n",
     ["bad.yaml:14:1: a second YAML document ('---') is not allowed (one definition a file)"]),
    ("name-is-null", MINIMAL.replace("name: 测试党建联建", "name:"),
     ["bad.yaml:2:6: name: expected text, got nothing (null) "
      "(quote the value to keep it as text)"]),
]


def trust_templates(workspace: Path) -> None:
    """Trust every template in ``workspace/templates`` as it is now (as ``pbctl trust --yes``)."""
    from pbctl.rendering import trust

    folder = workspace / "templates"
    for state in trust.states(folder):
        trust.trust(folder, state)


_PLACES = ("柳州", "南宁市", "合肥高新区", "苏州工业园区", "广西壮族自治区", "桂林", "江苏省",
           "浙江", "安徽", "上海市浦东新区")
_UNITS = (
    ("enterprise", "两面针股份有限公司党委"), ("university", "职业技术学院党委"),
    ("enterprise", "钢铁集团有限公司党委"), ("institution", "产品质量检验研究院党支部"),
    ("enterprise", "城市建设投资集团有限责任公司党委"), ("government", "市场监督管理局机关党委"),
    ("enterprise", "新能源汽车科技有限公司党支部"), ("university", "科技大学机械与交通学院党总支"),
    ("association", "智能制造行业协会党支部"), ("community", "城中街道综合党委"),
    ("enterprise", "生物医药产业园开发有限公司党委"), ("enterprise", "现代物流股份有限公司党支部"),
)


def generated_alliance(parties: int) -> dict[str, Any]:
    """A realistic alliance of ``parties`` members: long unit names of real words, contacts
    for every other member, witnesses and a ceremony venue (for layout tests)."""
    members = []
    for i in range(parties):
        kind, unit = _UNITS[i % len(_UNITS)]
        place = _PLACES[(i // len(_UNITS) + i) % len(_PLACES)]
        member: dict[str, Any] = {"id": f"unit-{i:02d}", "name": f"{place}{unit}",
                                  "kind": kind}
        if i % 2 == 0:
            member["contact"] = {"name": f"联络员{i}", "phone": f"0772-38{i:05d}"}
        members.append(member)
    return {
        "id": f"generated-{parties}",
        "name": "广西柳州螺蛳粉预包装食品产业链党建联建",
        "theme": "党建引领产业链，链上党建促发展",
        "founded": "2024-06-28",
        "members": members,
        "lead": "unit-00",
        "meetings": {"frequency": "quarterly"},
        "witnesses": [{"name": "张发钦", "title": "市委组织部副部长"},
                      {"name": "牟创", "title": "市产业集团党委委员、副总经理"}],
        "ceremony": {"date": "2024-06-28", "venue": "柳州市螺蛳粉产业学院报告厅"},
    }
