"""``pbctl new alliance``: flags, refusals, --from, and a real terminal session."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import pty
import select
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest
from helpers import BIN, EXAMPLES, make_workspace, run_cli

from pbctl.definition.check import check_paths
from pbctl.definition.loading import load_alliance

pytestmark = pytest.mark.usefixtures("in_tmp")

TARGET = Path("alliances/demo/alliance.yaml")
ALPHA = "id=alpha,name=甲公司党委,kind=enterprise,level=党委,secretary=NO"
BETA = "id=beta,name=乙大学党委,kind=university,level=党总支,secretary=李四"
FLAGS = ("--name", "测试党建联建", "--founded", "2024-03-01",
         "--member", ALPHA, "--member", BETA, "--lead", "alpha")


@pytest.fixture(autouse=True)
def workspace(in_tmp: Path) -> Path:
    return make_workspace(in_tmp)


def new(*args: str) -> object:
    return run_cli("new", "alliance", *args)


def assert_passes_check(path: Path) -> None:
    result = check_paths([path])
    assert [str(p) for p in result.problems] == []
    assert len(result.files) == 1


def test_flags_write_a_definition_that_passes_check() -> None:
    result = run_cli("new", "alliance", "demo", *FLAGS)
    assert result.exit_code == 0, result.output
    assert result.stdout == "✓ wrote alliances/demo/alliance.yaml; check it with 'pbctl check'\n"
    assert_passes_check(TARGET)
    assert run_cli("check").exit_code == 0
    alliance = load_alliance(TARGET)
    assert alliance.id == "demo"
    assert alliance.name == "测试党建联建"
    assert alliance.founded == dt.date(2024, 3, 1)
    assert [(m.id, m.name, m.kind, m.level, m.secretary) for m in alliance.members] == [
        ("alpha", "甲公司党委", "enterprise", "党委", "NO"),
        ("beta", "乙大学党委", "university", "党总支", "李四"),
    ]
    assert alliance.lead == "alpha"
    assert alliance.secretariat == "alpha"
    assert alliance.term_start == alliance.founded


def test_written_file_is_commented_and_points_at_the_schema() -> None:
    assert run_cli("new", "alliance", "demo", *FLAGS).exit_code == 0
    text = TARGET.read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../schemas/alliance.schema.json\n"
    )
    assert "# 成员单位: kind is one of enterprise" in text
    assert "# areas:" in text


def test_every_optional_flag_reaches_the_definition() -> None:
    result = run_cli(
        "new", "alliance", "demo", *FLAGS, "--short-name", "测试联建", "--theme", "党建引领",
        "--venue", "会议室", "--secretariat", "beta", "--convener", "rotating",
        "--frequency", "quarterly", "--term-years", "5",
        "--principle", "优势互补", "--principle", "共同发展",
    )
    assert result.exit_code == 0, result.output
    alliance = load_alliance(TARGET)
    assert (alliance.short_name, alliance.theme) == ("测试联建", "党建引领")
    assert alliance.venue == "会议室"
    assert (alliance.secretariat, alliance.convener) == ("beta", "rotating")
    assert (alliance.meetings.frequency, alliance.term.years) == ("quarterly", 5)
    assert alliance.principles == ["优势互补", "共同发展"]


@pytest.mark.parametrize("text", [
    "NO", "on", "yes", "12:30", "null", "~", "123", "1e3", "0771", "a: b", "a #b", "#a", "'a'",
    '"a"', "- a", "[a]", "{a}", "@a", "`a", "%a", "!a", "*a", "&a", "a\\b", "? a", "a, b",
    " lead", "trail ", "“党建+”",
])
def test_text_that_yaml_would_misread_round_trips_exactly(text: str) -> None:
    result = run_cli("new", "alliance", "demo", *FLAGS, "--theme", text, "--venue", text)
    assert result.exit_code == 0, result.output
    alliance = load_alliance(TARGET)
    assert (alliance.theme, alliance.venue) == (text, text)


def test_member_name_may_contain_commas() -> None:
    result = run_cli("new", "alliance", "demo", "--name", "联建", "--founded", "2024-03-01",
                     "--member", "id=alpha,name=甲公司党委,第一支部,kind=enterprise",
                     "--member", BETA, "--lead", "beta")
    assert result.exit_code == 0, result.output
    assert load_alliance(TARGET).members[0].name == "甲公司党委,第一支部"


def test_refuses_to_overwrite_an_existing_alliance() -> None:
    assert run_cli("new", "alliance", "demo", *FLAGS).exit_code == 0
    before = TARGET.read_bytes()
    result = run_cli("new", "alliance", "demo", "--name", "另一个", "--founded", "2025-01-01",
                     "--member", ALPHA, "--member", BETA, "--lead", "beta")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error alliances/demo/alliance.yaml already exists; pbctl new never overwrites an "
        "alliance",
        "hint: edit that file, or choose another id",
    ]
    assert TARGET.read_bytes() == before


@pytest.mark.parametrize(("drop", "flag"), [
    ("ID", "ID"), ("--name", "--name"), ("--founded", "--founded"),
    ("--member", "--member"), ("--lead", "--lead"),
])
def test_without_a_terminal_a_missing_answer_fails_naming_the_flag(drop: str, flag: str) -> None:
    args = ["demo", *FLAGS] if drop != "ID" else list(FLAGS)
    while drop in args:
        i = args.index(drop)
        del args[i:i + 2]
    result = run_cli("new", "alliance", *args)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error {flag} is required (there is no terminal to ask on)",
        f"hint: pass {flag} …, or run pbctl new alliance on a terminal",
    ]
    assert not Path("alliances").exists()


@pytest.mark.parametrize(("spec", "message"), [
    ("alpha", "--member: cannot read 'alpha': expected key=value with keys id, name, "
              "organization, short_name, kind, level, secretary"),
    ("id=alpha,name=甲公司党委,levl=党委",
     "--member: unknown key 'levl' in 'id=alpha,name=甲公司党委,levl=党委' "
     "(did you mean 'level'?)"),
    ("id=alpha,name=甲公司党委,colour=red",
     "--member: unknown key 'colour' in 'id=alpha,name=甲公司党委,colour=red' (keys: id, name, "
     "organization, short_name, kind, level, secretary)"),
    ("id=alpha", "--member: 'id=alpha' needs at least id=… and name=…"),
    ("name=甲公司党委", "--member: 'name=甲公司党委' needs at least id=… and name=…"),
])
def test_bad_member_spec_is_refused_with_a_message(spec: str, message: str) -> None:
    result = run_cli("new", "alliance", "demo", "--name", "联建", "--founded", "2024-03-01",
                     "--member", spec, "--member", BETA, "--lead", "beta")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"error {message}")
    assert lines[-1] == "nothing was written"
    assert not TARGET.exists()


def test_bad_values_in_a_member_spec_are_refused_with_did_you_mean() -> None:
    result = run_cli("new", "alliance", "demo", "--name", "联建", "--founded", "2024-03-01",
                     "--member", "id=alpha,name=甲公司党委,kind=民营企业", "--member", BETA,
                     "--lead", "alpha")
    assert result.exit_code == 1
    assert "members[0].kind: '民营企业' is not one of:" in result.stderr
    assert "(did you mean '企业'?)" in result.stderr
    assert not TARGET.exists()


@pytest.mark.parametrize(("args", "message"), [
    (("--founded", "2024-13-01"),
     "error --founded: '2024-13-01' is not a real date (month must be in 1..12)"),
    (("--founded", "2024-3-1x"),
     "error --founded: expected a date like 2024-12-03, got '2024-3-1x'"),
    (("--lead", "gamma"),
     "lead: no member has the id 'gamma' (member ids: alpha, beta)"),
])
def test_bad_flag_values_are_refused_and_nothing_is_written(args: tuple[str, str],
                                                            message: str) -> None:
    result = run_cli("new", "alliance", "demo", *FLAGS, *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert not TARGET.exists()


def test_bad_id_argument_is_refused() -> None:
    result = run_cli("new", "alliance", "Demo", *FLAGS)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "error ID: use 2-64 lower-case letters, digits and '-', starting with a letter or digit"
    )


def test_from_an_example_with_a_new_id_passes_check() -> None:
    example = sorted(EXAMPLES.glob("*/alliance.yaml"))[0]
    result = run_cli("new", "alliance", "copied", "--from", str(example))
    assert result.exit_code == 0, result.output
    target = Path("alliances/copied/alliance.yaml")
    assert_passes_check(target)
    assert load_alliance(target).id == "copied"
    original = example.read_text(encoding="utf-8").splitlines()
    copied = target.read_text(encoding="utf-8").splitlines()
    # The example's relative $schema line means nothing at the new place: it points at the
    # workspace's schema instead.
    assert original[0].startswith("# yaml-language-server:")
    assert copied[0] == "# yaml-language-server: $schema=../../schemas/alliance.schema.json"
    original, copied = original[1:], copied[1:]
    changed = [(a, b) for a, b in zip(original, copied, strict=True) if a != b]
    assert len(changed) == 1  # only the id line; other comments are kept
    assert changed[0][1] == "id: copied"


def test_from_an_example_keeps_its_id_when_none_is_given() -> None:
    example = sorted(EXAMPLES.glob("*/alliance.yaml"))[0]
    result = run_cli("new", "alliance", "--from", str(example))
    assert result.exit_code == 0, result.output
    alliance_id = load_alliance(example).id
    assert_passes_check(Path("alliances", alliance_id, "alliance.yaml"))


def test_from_refuses_an_existing_id() -> None:
    assert run_cli("new", "alliance", "demo", *FLAGS).exit_code == 0
    example = sorted(EXAMPLES.glob("*/alliance.yaml"))[0]
    before = TARGET.read_bytes()
    result = run_cli("new", "alliance", "demo", "--from", str(example))
    assert result.exit_code == 1
    assert "already exists; pbctl new never overwrites an alliance" in result.stderr
    assert TARGET.read_bytes() == before


def test_from_a_broken_file_reports_its_problems_and_writes_nothing(in_tmp: Path) -> None:
    broken = in_tmp / "broken.yaml"
    broken.write_text("id: demo\nname: x\n", encoding="utf-8")
    result = run_cli("new", "alliance", "--from", str(broken))
    assert result.exit_code == 1
    assert "founded: is required but not given" in result.stderr
    assert not TARGET.exists()


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*/alliance.yaml")),
                         ids=lambda p: p.parent.name)
def test_every_example_copied_with_from_passes_check(example: Path) -> None:
    result = run_cli("new", "alliance", "fresh-copy", "--from", str(example))
    assert result.exit_code == 0, result.output
    assert_passes_check(Path("alliances/fresh-copy/alliance.yaml"))


# ----------------------------------------------------------------- a real terminal


class Terminal:
    """``pbctl`` on a pseudo-terminal, driven like a person would."""

    def __init__(self, *args: str, cwd: Path) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
        env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}
        self.proc = subprocess.Popen(
            [str(BIN / "pbctl"), *args], stdin=slave, stdout=slave, stderr=slave, cwd=cwd,
            env=env, close_fds=True, start_new_session=True,
        )
        os.close(slave)
        self.pending = ""
        self.transcript = ""

    def expect(self, text: str, timeout: float = 15) -> str:
        """Everything printed up to and including ``text``."""
        deadline = time.monotonic() + timeout
        while text not in self.pending:
            ready, _, _ = select.select([self.master], [], [], deadline - time.monotonic())
            if not ready:
                raise AssertionError(f"timed out waiting for {text!r}; got {self.pending!r}")
            try:
                chunk = os.read(self.master, 4096).decode(errors="replace")
            except OSError:  # the child closed the terminal
                raise AssertionError(f"{text!r} never came; got {self.pending!r}") from None
            self.pending += chunk
            self.transcript += chunk
        end = self.pending.index(text) + len(text)
        seen, self.pending = self.pending[:end], self.pending[end:]
        return seen

    def answer(self, text: str) -> None:
        os.write(self.master, text.encode() + b"\n")

    def close(self) -> int:
        try:
            return self.proc.wait(timeout=15)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            os.close(self.master)


@pytest.mark.slow
def test_terminal_session_asks_again_at_once_and_writes_a_valid_file(in_tmp: Path) -> None:
    term = Terminal("new", "alliance", cwd=in_tmp)
    try:
        term.expect("Alliance id")
        term.answer("Bad Id")
        seen = term.expect("Alliance id")  # asked again before anything else
        assert "use 2-64 lower-case letters" in seen
        term.answer("demo")
        term.expect("Full name")
        term.answer("测试党建联建")
        term.expect("Founding date")
        term.answer("2024-13-01")
        seen = term.expect("Founding date")  # the bad date is asked again at once
        assert "'2024-13-01' is not a real date (month must be in 1..12) - try again" in seen
        assert "Member" not in seen
        term.answer("2024-03-01")
        term.expect("Member 1")
        term.expect("id (e.g. lmz)")
        term.answer("alpha")
        term.expect("party organization")
        term.answer("甲公司党委")
        term.expect("kind")
        term.answer("")  # the default, enterprise
        term.expect("level")
        term.answer("党员")  # not a level
        seen = term.expect("level")
        assert ("'党员' is not one of: 党委, 党总支, 党支部, 联合党支部, 综合党委, 党组, 党工委"
                " - try again") in seen
        assert "secretary" not in seen
        term.answer("党委")
        term.expect("secretary")
        term.answer("NO")
        term.expect("Member 2")
        term.expect("id (e.g. lmz)")
        term.answer("alpha")  # taken
        seen = term.expect("id (e.g. lmz)")
        assert "the id 'alpha' is taken - try again" in seen
        term.answer("beta")
        term.expect("party organization")
        term.answer("乙大学党委")
        term.expect("kind")
        term.answer("university")
        term.expect("level")
        term.answer("党总支")
        term.expect("secretary")
        term.answer("")
        term.expect("Add another member")
        term.answer("n")
        term.expect("Lead unit")
        term.answer("beta")
        term.expect("wrote alliances/demo/alliance.yaml")
    finally:
        code = term.close()
    assert code == 0, term.transcript
    assert "Traceback" not in term.transcript
    path = in_tmp / TARGET
    assert_passes_check(path)
    alliance = load_alliance(path)
    assert alliance.founded == dt.date(2024, 3, 1)
    assert [(m.id, m.kind, m.level, m.secretary) for m in alliance.members] == [
        ("alpha", "enterprise", "党委", "NO"), ("beta", "university", "党总支", None),
    ]
    assert alliance.lead == "beta"


def test_scaffold_rules_are_library_functions(tmp_path: Path) -> None:
    from pbctl.definition import scaffold
    from pbctl.errors import ValidationError, WorkspaceError

    assert scaffold.check_slug("health-chain") == "health-chain"
    with pytest.raises(ValueError, match="use 2-64 lower-case letters"):
        scaffold.check_slug("Health")
    with pytest.raises(ValidationError, match="ID: use 2-64"):
        scaffold.check_id("x")
    existing = tmp_path / "alliance.yaml"
    scaffold.refuse_existing(existing)
    existing.write_text("id: x\n", encoding="utf-8")
    with pytest.raises(WorkspaceError, match="pbctl new never overwrites an alliance"):
        scaffold.refuse_existing(existing)


def test_from_accepts_an_example_by_name() -> None:
    result = run_cli("new", "alliance", "--from", "health-chain")
    assert result.exit_code == 0, result.output
    shipped = EXAMPLES / "health-chain" / "alliance.yaml"
    assert_passes_check(Path("alliances", load_alliance(shipped).id, "alliance.yaml"))


def test_from_accepts_an_example_folder() -> None:
    result = run_cli("new", "alliance", "folder", "--from", str(EXAMPLES / "health-chain"))
    assert result.exit_code == 0, result.output
    assert load_alliance(Path("alliances/folder/alliance.yaml")).id == "folder"


def test_from_a_misspelt_example_name_suggests_the_example() -> None:
    result = run_cli("new", "alliance", "--from", "health-chian")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "error --from: 'health-chian' is neither a file, a folder nor an example's name"
        " (did you mean 'health-chain'?)")
    assert not Path("alliances").exists() or not any(Path("alliances").iterdir())


def test_from_an_unknown_name_lists_the_examples() -> None:
    result = run_cli("new", "alliance", "--from", "zzzz")
    assert result.exit_code == 1
    assert "(examples: anhui-env-association, dongfanghong-two-new, health-chain," \
        in result.stderr


def test_from_a_folder_without_a_definition_is_refused(in_tmp: Path) -> None:
    (in_tmp / "empty").mkdir()
    result = run_cli("new", "alliance", "--from", str(in_tmp / "empty"))
    assert result.exit_code == 1
    assert "this folder has no alliance.yaml" in result.stderr


def test_the_shipped_examples_are_the_repositorys() -> None:
    """pbctl/examples (package data in the wheel) is the repository's examples/ folder."""
    from pbctl.definition.scaffold import example_names, examples_folder

    assert examples_folder().resolve() == EXAMPLES.resolve()
    assert example_names() == sorted(p.parent.name for p in EXAMPLES.glob("*/alliance.yaml"))
    assert "health-chain" in example_names()


def test_the_wheel_ships_every_example_definition() -> None:
    """pyproject's package-data patterns, applied below pbctl/, cover each example's files."""
    import tomllib

    root = EXAMPLES.parent
    patterns = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["setuptools"]["package-data"]["pbctl"]
    shipped = {p.relative_to(root / "pbctl" / "examples")
               for pattern in patterns if pattern.startswith("examples/")
               for p in (root / "pbctl").glob(pattern)}
    wanted = {p.relative_to(EXAMPLES) for p in EXAMPLES.glob("*/**/*.yaml")}
    assert wanted and wanted == shipped
