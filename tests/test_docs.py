"""The docs tell the truth: the README walkthrough runs, every command is documented."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from helpers import ROOT, run_cli

from pbctl.cli import COMMANDS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def walkthrough_commands(readme: str = README, heading: str = "## Walkthrough"
                         ) -> list[list[str]]:
    """The pbctl command lines of the README's walkthrough block, continuations joined."""
    section = readme.split(heading, 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    lines: list[str] = []
    pending = ""
    for raw in section.splitlines():
        line = raw.split(" # ", 1)[0].rstrip() if not raw.strip().startswith("#") else ""
        if not line and not pending:
            continue
        pending += line.rstrip("\\").strip() + " "
        if not line.endswith("\\"):
            lines.append(pending.strip())
            pending = ""
    # "pbctl init DIR && cd DIR" is one line of the walkthrough: keep the pbctl part.
    return [shlex.split(line.split(" && ")[0]) for line in lines if line.startswith("pbctl ")]


@pytest.mark.slow
def test_the_readme_walkthrough_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _run_walkthrough(walkthrough_commands(), tmp_path, monkeypatch)


@pytest.mark.slow
def test_the_chinese_readme_walkthrough_runs(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.zh-CN.md").read_text(encoding="utf-8")
    commands = walkthrough_commands(readme, "## 上手示例")
    english = [c for c in walkthrough_commands() if c[1:3] != ["new", "alliance"]]
    assert len(commands) == len(walkthrough_commands())  # the same steps, in Chinese
    assert [c[:2] for c in commands if c[1:3] != ["new", "alliance"]] == [c[:2] for c in english]
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    _run_walkthrough(commands, tmp_path, monkeypatch)


def test_the_readmes_link_each_other() -> None:
    assert "[中文说明](README.zh-CN.md)" in README.split("\n## ", 1)[0]
    assert "[English](README.md)" in (ROOT / "README.zh-CN.md").read_text(encoding="utf-8")


def _run_walkthrough(commands: list[list[str]], tmp_path: Path,
                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(commands) >= 15
    monkeypatch.chdir(tmp_path)
    ran = 0
    for argv in commands:
        args = argv[1:]
        if args[:2] == ["new", "alliance"] and "--from" not in args:
            continue  # the alternatives to --from: prompts, or flags for another definition
        args = [str(ROOT / "examples" / a.removeprefix("../examples/"))
                if a.startswith("../examples/") else a for a in args]
        if args[0] == "attach":  # the walkthrough's photo
            Path(args[4]).write_bytes(b"\xff\xd8\xff\xe0 a photo")
        if "--pdf" in args and not _has_soffice():
            args.remove("--pdf")
        result = run_cli(*args)
        assert result.exit_code == 0, f"pbctl {' '.join(args)}\n{result.output}"
        if args[0] == "init":
            monkeypatch.chdir(tmp_path / args[1])
        ran += 1
    assert ran >= 15
    assert (Path("alliances/health-chain/documents/agreement.docx")).is_file()
    assert (Path("due.ics")).read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def _has_soffice() -> bool:
    import shutil

    return shutil.which("soffice") is not None or shutil.which("libreoffice") is not None


def test_every_command_is_in_the_readme() -> None:
    mentioned = set(re.findall(r"pbctl ([a-z-]+)", README))
    missing = [name for name in COMMANDS if name not in mentioned and name != "textconv"]
    assert not missing, f"commands not in README.md: {missing}"


def cli_reference() -> str:
    """docs/cli.md: the --help of every command, in the order of `pbctl --help`."""
    import click

    from pbctl.cli import cli

    sections = ["# pbctl command reference", "",
                "Generated from `--help`; `UPDATE_DOCS=1 make test` rewrites it.", ""]

    def add(path: list[str], command: click.Command) -> None:
        result = run_cli(*path, "--help")
        assert result.exit_code == 0, result.output
        sections.extend([f"## pbctl {' '.join(path)}".rstrip(), "", "```", result.output.rstrip(),
                         "```", ""])
        if isinstance(command, click.Group):
            ctx = click.Context(command)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None
                add([*path, name], sub)

    add([], cli)
    return "\n".join(sections)


def test_the_cli_reference_is_up_to_date(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setenv("COLUMNS", "100")
    expected = cli_reference()
    target = ROOT / "docs" / "cli.md"
    if os.environ.get("UPDATE_DOCS"):
        target.write_text(expected, encoding="utf-8")
    assert target.read_text(encoding="utf-8") == expected, \
        "docs/cli.md is stale: run UPDATE_DOCS=1 make test"


def _schema_keys(node: object, out: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            out.add(key)
            _schema_keys(value, out)
        for value in node.values():
            _schema_keys(value, out)
    elif isinstance(node, list):
        for value in node:
            _schema_keys(value, out)
    return out


@pytest.mark.parametrize("name", ["reference.md", "reference.zh-CN.md"])
def test_every_schema_key_is_in_both_references(name: str) -> None:
    from pbctl.definition.schema import SCHEMA_KINDS, json_schema

    text = (ROOT / "docs" / name).read_text(encoding="utf-8")
    keys: set[str] = set()
    for kind in SCHEMA_KINDS:
        _schema_keys(json_schema(kind), keys)
    missing = sorted(k for k in keys if not re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", text))
    assert not missing, f"docs/{name} does not mention: {missing}"
