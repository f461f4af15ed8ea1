"""Members under members (``parent``, 上级党组织): check refuses cycles and unknown parents,
the member annexes show the tree, status groups by parent."""

from __future__ import annotations

from pathlib import Path

from helpers import minimal_alliance, run_cli, write_yaml

from pbctl.definition import yamlio
from pbctl.definition.loading import load_alliance
from pbctl.document.blocks import Table
from pbctl.rendering.context import alliance_context
from pbctl.rendering.markup import parse
from pbctl.rendering.templating import TEMPLATE_NAMES, render_template

CYCLE = """\
id: demo
name: 测试党建联建
founded: 2024-03-01
members:
  - id: alpha
    name: 甲公司党委
  - id: beta
    name: 乙大学党委
    parent: gamma
  - id: gamma
    name: 丙党委
    parent: delta
  - id: delta
    name: 丁党委
    parent: beta
  - id: eps
    name: 戊党委
    parent: zeta
lead: alpha
"""


def test_a_parent_cycle_is_refused_at_its_line(tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "alliance.yaml", CYCLE)
    result = run_cli("check", str(path))
    assert result.exit_code == 1
    assert (f"{path}:9:13: members[1].parent: the parents of the members form a cycle: "
            "beta → gamma → delta → beta (a member cannot be above itself)") in result.output
    assert f"{path}:18:13: members[4].parent: no member has the id 'zeta'" in result.output
    assert "2 problems found" in result.output


def test_a_member_cannot_be_its_own_parent(tmp_path: Path) -> None:
    data = minimal_alliance()
    data["members"][1]["parent"] = "beta"
    path = write_yaml(tmp_path / "alliance.yaml", yamlio.dumps(data))
    result = run_cli("check", str(path))
    assert result.exit_code == 1
    assert "members[1].parent: the parents of the members form a cycle: beta → beta" \
        in result.output


def _tree_alliance(tmp_path: Path, n: int = 12) -> Path:
    data = minimal_alliance()
    data["members"] += [{"id": f"m{i:02d}", "name": f"成员{i:02d}公司党支部",
                         **({"parent": "m01"} if i in (3, 4) else {}),
                         **({"parent": "m03"} if i == 5 else {})}
                        for i in range(1, n + 1)]
    return write_yaml(tmp_path / "alliance.yaml", yamlio.dumps(data))


def test_member_tree_depth_first(tmp_path: Path) -> None:
    data = minimal_alliance()
    data["members"] = [{"id": "cc", "name": "丙", "parent": "aa"}, {"id": "aa", "name": "甲"},
                       {"id": "bb", "name": "乙", "parent": "cc"}, {"id": "dd", "name": "丁"}]
    data["lead"] = "aa"
    alliance = load_alliance(write_yaml(tmp_path / "alliance.yaml", yamlio.dumps(data)))
    assert [(m.id, d) for m, d in alliance.member_tree()] == [
        ("aa", 0), ("cc", 1), ("bb", 2), ("dd", 0)]


def _annex_rows(kind: str, path: Path) -> list[str]:
    alliance = load_alliance(path)
    text, _ = render_template(TEMPLATE_NAMES[kind], alliance_context(alliance))
    tables = [b for b in parse(text) if isinstance(b, Table)]
    return ["".join(run.text for run in row[1]) for row in tables[-1].rows]


def test_annexes_show_the_tree(tmp_path: Path) -> None:
    path = _tree_alliance(tmp_path)
    for kind in ("charter", "agreement"):
        names = _annex_rows(kind, path)
        at = names.index("成员01公司党支部")
        assert names[at:at + 5] == ["成员01公司党支部", "└─成员03公司党支部",
                                    "└───成员05公司党支部", "└─成员04公司党支部",
                                    "成员02公司党支部"], kind


def test_status_json_groups_by_parent(tmp_path: Path) -> None:
    import json

    from helpers import make_workspace

    root = make_workspace(tmp_path / "ws")
    path = _tree_alliance(tmp_path)
    target = root / "alliances" / "demo" / "alliance.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("-C", str(root), "status", "--format", "json", "--as-of", "2024-06-01")
    assert result.exit_code == 0, result.output
    (status,) = json.loads(result.output)["alliances"]
    assert status["members_by_parent"] == [
        {"parent": "m01", "name": "成员01公司党支部", "members": ["m03", "m04"]},
        {"parent": "m03", "name": "成员03公司党支部", "members": ["m05"]},
    ]
