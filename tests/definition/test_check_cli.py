"""``pbctl check``: all problems of all files, formats, workspace discovery, no tracebacks."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from helpers import (
    BAD_ALLIANCES,
    EXAMPLES,
    MINIMAL,
    ROOT,
    make_workspace,
    run_cli,
    run_pbctl,
    write_yaml,
)

pytestmark = pytest.mark.usefixtures("in_tmp")

_KINDS = "enterprise, university, government, institution, association, community, other"
ENUM_ERROR = (f"bad.yaml:11:11: members[1].kind: 'univercity' is not one of: {_KINDS} "
              "(did you mean 'university'?)")
LEAD_ERROR = "other.yaml:13:7: lead: no member has the id 'alhpa' (did you mean 'alpha'?)"


@pytest.fixture
def two_bad_one_good(in_tmp: Path) -> None:
    write_yaml(Path("bad.yaml"), MINIMAL.replace("kind: university", "kind: univercity"))
    write_yaml(Path("other.yaml"), MINIMAL.replace("lead: alpha", "lead: alhpa")
               + "zzzzzz: 1\n")
    write_yaml(Path("good.yaml"), MINIMAL)


@pytest.mark.usefixtures("two_bad_one_good")
def test_check_reports_every_problem_of_every_file_in_one_run() -> None:
    result = run_cli("check", "bad.yaml", "good.yaml", "other.yaml")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"error {ENUM_ERROR}"
    # other.yaml: the unknown key (a model error) and, beside it, the unknown lead
    assert lines[1].startswith("error other.yaml:14:1: zzzzzz: unknown key 'zzzzzz'")
    assert lines[2] == f"error {LEAD_ERROR}"
    assert lines[-1] == "✗ 3 files checked, 3 problems found"
    assert len(lines) == 4


@pytest.mark.usefixtures("two_bad_one_good")
def test_check_of_a_folder_walks_it_and_reports_all_files() -> None:
    write_yaml(Path("other.yaml"), MINIMAL.replace("lead: alpha", "lead: alhpa"))
    result = run_cli("check", ".")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"error {ENUM_ERROR}",
        f"error {LEAD_ERROR}",
        "✗ 3 files checked, 2 problems found",
    ]


def test_clean_check_exits_0_with_a_summary() -> None:
    write_yaml(Path("a.yaml"), MINIMAL)
    write_yaml(Path("b.yaml"), MINIMAL.replace("id: demo", "id: demo-two"))
    result = run_cli("check", "a.yaml", "b.yaml")
    assert result.exit_code == 0, result.output
    assert result.output == "✓ 2 files checked, no problems\n"


def test_check_of_a_missing_path_exits_1() -> None:
    result = run_cli("check", "nope.yaml")
    assert result.exit_code == 1
    assert "error nope.yaml: no such file or folder" in result.stdout


@pytest.mark.usefixtures("two_bad_one_good")
def test_json_format_lists_problems_with_file_line_column_field() -> None:
    write_yaml(Path("other.yaml"), MINIMAL.replace("lead: alpha", "lead: alhpa"))
    result = run_cli("check", "--format", "json", ".")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["files"] == ["bad.yaml", "good.yaml", "other.yaml"]
    assert data["problems"] == [
        {"file": "bad.yaml", "line": 11, "column": 11, "field": "members[1].kind",
         "message": f"'univercity' is not one of: {_KINDS}",
         "hint": "did you mean 'university'?"},
        {"file": "other.yaml", "line": 13, "column": 7, "field": "lead",
         "message": "no member has the id 'alhpa'", "hint": "did you mean 'alpha'?"},
    ]


def test_json_format_of_a_clean_run() -> None:
    write_yaml(Path("a.yaml"), MINIMAL)
    result = run_cli("check", "--format", "json", "a.yaml")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"ok": True, "files": ["a.yaml"], "problems": []}


@pytest.mark.usefixtures("two_bad_one_good")
def test_github_format_prints_error_annotations_and_a_summary() -> None:
    write_yaml(Path("other.yaml"), MINIMAL.replace("lead: alpha", "lead: alhpa"))
    result = run_cli("check", "--format", "github", ".")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=bad.yaml,line=11,col=11,title=pbctl check::members[1].kind: "
        f"'univercity' is not one of: {_KINDS} (did you mean 'university'?)",
        "::error file=other.yaml,line=13,col=7,title=pbctl check::lead: no member has the id "
        "'alhpa' (did you mean 'alpha'?)",
        "pbctl check: 3 files checked, 2 problems found",
    ]


def test_github_summary_counts_problems_beyond_the_ten_annotations_shown() -> None:
    extra = "".join(f"unknown{i}: x\n" for i in range(12))
    write_yaml(Path("a.yaml"), MINIMAL + extra)
    result = run_cli("check", "--format", "github", "a.yaml")
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert sum(line.startswith("::error file=a.yaml,line=") for line in lines) == 12
    assert lines[-1] == "pbctl check: 1 file checked, 12 problems found"


def test_github_format_escapes_commas_and_colons_in_the_file_property() -> None:
    write_yaml(Path("a,b.yaml"), "")
    result = run_cli("check", "--format", "github", "a,b.yaml")
    assert result.stdout.splitlines()[0] == (
        "::error file=a%2Cb.yaml,line=1,col=1,title=pbctl check::the file is empty"
    )


def test_github_format_of_a_clean_run_prints_only_the_summary() -> None:
    write_yaml(Path("a.yaml"), MINIMAL)
    result = run_cli("check", "--format", "github", "a.yaml")
    assert result.exit_code == 0
    assert result.stdout == "pbctl check: 1 file checked, no problems\n"


def test_default_path_is_the_workspace_found_from_a_subfolder(in_tmp: Path) -> None:
    make_workspace(in_tmp / "ws", "demo")
    write_yaml(in_tmp / "ws/alliances/bad/alliance.yaml",
               MINIMAL.replace("id: demo", "id: bad").replace("lead: alpha", "lead: alhpa"))
    write_yaml(in_tmp / "outside.yaml", "not: checked\n")  # above the workspace
    sub = in_tmp / "ws/alliances/demo"
    result = run_cli("check", cwd=sub)
    assert result.exit_code == 1
    bad = in_tmp.resolve() / "ws/alliances/bad/alliance.yaml"
    assert result.stdout.splitlines() == [
        f"error {bad}:13:7: lead: no member has the id 'alhpa' (did you mean 'alpha'?)",
        "✗ 3 files checked, 1 problem found",
    ]


def test_without_pbctl_yaml_files_are_checked_when_named(in_tmp: Path) -> None:
    write_yaml(in_tmp / "here/a.yaml", MINIMAL)
    assert run_cli("check", cwd=in_tmp / "here").exit_code == 1  # not a workspace (issue #10)
    result = run_cli("check", "a.yaml", cwd=in_tmp / "here")
    assert result.exit_code == 0
    assert result.output == "✓ 1 file checked, no problems\n"


def test_dash_c_picks_the_workspace_and_paths_are_relative_to_it(in_tmp: Path) -> None:
    make_workspace(in_tmp / "ws", "demo")
    write_yaml(in_tmp / "ws/alliances/other/alliance.yaml", MINIMAL)
    result = run_cli("-C", "ws", "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "error alliances/other/alliance.yaml:1:5: id: the id 'demo' does not match its "
        "folder 'other' (rename the folder or change the id)",
        "✗ 3 files checked, 1 problem found",
    ]
    assert Path.cwd() == in_tmp  # -C does not leak out of the command


def test_dash_c_with_a_path_argument_resolves_it_inside_dir(in_tmp: Path) -> None:
    make_workspace(in_tmp / "ws", "demo")
    result = run_cli("-C", "ws", "check", "alliances/demo/alliance.yaml")
    assert result.exit_code == 0
    assert result.output == "✓ 1 file checked, no problems\n"


def _write_bytes(data: bytes) -> Callable[[], None]:
    return lambda: Path("bad.yaml").write_bytes(data)


_BYTE_CASES: list[tuple[str, Callable[[], None], str]] = [
    ("gbk-encoded", _write_bytes(MINIMAL.encode("gbk")),
     "bad.yaml:2: not UTF-8 text (save the file as UTF-8)"),
    ("over-one-mebibyte", _write_bytes(MINIMAL.encode() + b"#" * (1024 * 1024)),
     f"bad.yaml: file is {len(MINIMAL.encode()) + 1024 * 1024} bytes; "
     "pbctl reads YAML files of at most 1 MiB"),
    ("binary-garbage", _write_bytes(bytes(range(256))),
     "bad.yaml:2: not UTF-8 text (save the file as UTF-8)"),  # 0x80 comes after 0x0a
    ("folder-named-like-yaml", lambda: Path("bad.yaml").mkdir(), ""),
]


@pytest.mark.parametrize(
    ("write", "expected"),
    [(lambda t=t: write_yaml(Path("bad.yaml"), t), e[0]) for _, t, e in BAD_ALLIANCES]
    + [(w, e) for _, w, e in _BYTE_CASES],
    ids=[i for i, _, _ in BAD_ALLIANCES] + [i for i, _, _ in _BYTE_CASES],
)
def test_bad_input_gives_a_message_and_exit_1_never_a_traceback(
    write: Callable[[], None], expected: str
) -> None:
    write()
    target = "bad.yaml" if Path("bad.yaml").is_file() else "."
    if target == ".":  # a folder called bad.yaml holding one bad file
        write_yaml(Path("bad.yaml/x.yaml"), "- a list\n")
        expected = "bad.yaml/x.yaml:1:1: expected a mapping of keys and values, got a list"
    result = run_cli("check", target)
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert f"error {expected}" in result.stdout.splitlines()


@pytest.mark.slow
def test_real_process_over_all_bad_inputs_reports_each_and_never_a_traceback(
    in_tmp: Path,
) -> None:
    for case_id, text, _ in BAD_ALLIANCES:
        write_yaml(in_tmp / "bad" / f"{case_id}.yaml", text)
    (in_tmp / "bad/gbk.yaml").write_bytes(MINIMAL.encode("gbk"))
    result = run_pbctl("check", "bad", cwd=in_tmp)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    expected = sum(len(e) for _, _, e in BAD_ALLIANCES) + 1
    files = len(BAD_ALLIANCES) + 1
    assert result.stdout.splitlines()[-1] == (
        f"✗ {files} files checked, {expected} problems found"
    )
    for case_id, _, problems in BAD_ALLIANCES:
        for problem in problems:
            assert f"error bad/{case_id}.yaml:{problem.removeprefix('bad.yaml:')}" \
                in result.stdout


def test_pre_commit_hook_runs_pbctl_check_on_the_staged_yaml_files() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = (h for h in hooks if h["id"] == "pbctl-check")
    assert hook["entry"] == "pbctl check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert hook["entry"].split()[0] in scripts

    def selected(path: str) -> bool:
        return bool(re.search(hook["files"], path)) and not re.search(
            hook.get("exclude", "^$"), path)

    assert selected("alliances/demo/alliance.yaml")
    assert selected("alliances/demo/meetings/001.yml")
    assert selected("pbctl.yaml")
    assert not selected("README.md")
    assert not selected(".github/workflows/check.yml")
    assert not selected(".pre-commit-config.yaml")


def test_there_are_at_least_five_examples() -> None:
    assert len(sorted(EXAMPLES.glob("*/alliance.yaml"))) >= 5


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*/alliance.yaml")),
                         ids=lambda p: p.parent.name)
def test_every_example_passes_check_with_its_events(example: Path) -> None:
    result = run_cli("check", str(example.parent))
    assert result.exit_code == 0, result.output
    assert result.output == "✓ 2 files checked, no problems\n"


def test_check_of_the_examples_folder_passes_in_one_run() -> None:
    result = run_cli("check", str(EXAMPLES))
    count = len(sorted(EXAMPLES.glob("*/*.yaml")) + sorted(EXAMPLES.glob("*/*/*.yaml")))
    assert result.exit_code == 0, result.output
    assert result.output == f"✓ {count} files checked, no problems\n"


def test_check_accepts_a_workspace_with_rendered_documents(tmp_path: Path) -> None:
    """alliances/<id>/records.yaml (revisions, signatures) is checked as a registry, not
    mistaken for an alliance definition."""
    import shutil

    ws = tmp_path / "ws"
    assert run_cli("init", str(ws)).exit_code == 0
    shutil.copy(EXAMPLES / "health-chain" / "alliance.yaml", tmp_path / "hc.yaml")
    assert run_cli("-C", str(ws), "new", "alliance", "--from", str(tmp_path / "hc.yaml")
                   ).exit_code == 0
    rendered = run_cli("-C", str(ws), "render", "charter", "health-chain")
    assert rendered.exit_code == 0, rendered.output
    assert (ws / "alliances/health-chain/records.yaml").is_file()
    result = run_cli("-C", str(ws), "check")
    assert result.exit_code == 0, result.output
    (ws / "alliances/health-chain/records.yaml").write_text("documents: {charter: 3}\n",
                                                            encoding="utf-8")
    result = run_cli("-C", str(ws), "check")
    assert result.exit_code == 1
    assert "records.yaml:1:" in result.output and "documents.charter" in result.output


def test_a_record_reports_unknown_members_beside_structural_problems(in_tmp: Path) -> None:
    folder = Path("alliances/demo")
    write_yaml(folder / "alliance.yaml", MINIMAL)
    write_yaml(folder / "meetings" / "001.yaml",
               "number: 1\ndate: 2024-05-01\nvenue: 会议室\nmood: good\n"
               "decisions:\n  - text: 联合调研\n    owner: gamma\n")
    result = run_cli("check", ".")
    assert result.exit_code == 1
    out = result.stdout
    assert "alliances/demo/meetings/001.yaml:4:1: mood: unknown key 'mood'" in out
    assert ("alliances/demo/meetings/001.yaml:7:12: decisions[0].owner: no member has the id "
            "'gamma'") in out


def test_a_definition_is_checked_before_its_records(in_tmp: Path) -> None:
    """Files come before subfolders, so alliance.yaml is read (once) before activities/."""
    folder = Path("alliances/demo")
    write_yaml(folder / "alliance.yaml", MINIMAL)
    write_yaml(folder / "activities" / "001.yaml", "number: 1\nkind: study\ndate: 2024-05-01\n")
    write_yaml(folder / "meetings" / "001.yaml", "number: 1\ndate: 2024-05-02\n")
    result = run_cli("check", ".", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["files"] == [
        "alliances/demo/alliance.yaml", "alliances/demo/activities/001.yaml",
        "alliances/demo/meetings/001.yaml",
    ]
