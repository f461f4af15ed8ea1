"""The command line shell: light start-up, exit codes, the error handler, help texts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from helpers import ROOT, run_cli, run_pbctl

import pbctl
from pbctl.cli import COMMANDS, cli

HEAVY = ("docx", "git", "jinja2", "pydantic", "openpyxl", "rich")


def _python(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=60,
        env={**os.environ, "NO_COLOR": "1"}, check=False,
    )


def test_help_imports_no_heavy_library() -> None:
    script = (
        "import sys, runpy\n"
        "sys.argv = ['pbctl', '--help']\n"
        "try:\n"
        "    runpy.run_module('pbctl', run_name='__main__')\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, None), exc.code\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    result = _python("-c", script)
    assert result.returncode == 0, result.stderr
    assert "Usage: pbctl [OPTIONS] COMMAND [ARGS]..." in result.stdout
    assert result.stdout.splitlines()[-1] == "HEAVY="


def test_the_probe_above_would_see_a_heavy_import() -> None:
    """Guard against a probe that cannot fail: importing pydantic is seen."""
    script = (
        "import sys; import pbctl.definition.model\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})[:1])\n"
    )
    assert _python("-c", script).stdout.strip() == "['pydantic']"


def test_python_dash_m_pbctl_help_works() -> None:
    result = _python("-m", "pbctl", "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: pbctl [OPTIONS] COMMAND [ARGS]...")


@pytest.mark.slow
def test_python_dash_m_pbctl_exit_codes_are_2_for_usage_and_1_for_domain_errors(
    tmp_path: Path,
) -> None:
    usage = _python("-m", "pbctl", "check", "--format", "xml", cwd=tmp_path)
    assert usage.returncode == 2
    domain = _python("-m", "pbctl", "check", "nope.yaml", cwd=tmp_path)
    assert domain.returncode == 1
    assert "error nope.yaml: no such file or folder" in domain.stdout


def test_version_option() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.output == f"pbctl, version {pbctl.__version__}\n"


@pytest.mark.parametrize(("args", "message"), [
    (("nosuch",), "Error: No such command 'nosuch'."),
    (("check", "--format", "xml"),
     "Error: Invalid value for '--format': 'xml' is not one of 'text', 'json', 'github'."),
    (("-C", "no/such/folder", "check"), "no/such/folder"),
    (("new", "alliance", "--term-years", "0"), "Invalid value for '--term-years'"),
])
def test_usage_error_exits_2(args: tuple[str, ...], message: str) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_usage_error_exits_2_in_a_real_process() -> None:
    result = run_pbctl("check", "--format", "xml")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.usefixtures("in_tmp")
def test_domain_error_exits_1_in_a_real_process(in_tmp: Path) -> None:
    result = run_pbctl("check", "nope.yaml", cwd=in_tmp)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "error nope.yaml: no such file or folder", "✗ 0 files checked, 1 problem found",
    ]
    result = run_pbctl("new", "alliance", cwd=in_tmp)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "error ID is required (there is no terminal to ask on)"


@pytest.mark.usefixtures("in_tmp")
def test_unexpected_error_exits_3_and_writes_the_traceback_to_a_log(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import pbctl.definition.check

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(pbctl.definition.check, "check_paths", boom)
    result = run_cli("check", ".")
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    log = tmp_path / "cache/pbctl/pbctl-crash.log"
    assert result.stderr.splitlines() == [
        "pbctl hit an unexpected error: boom",
        f"The details are in {log}; please attach it to a bug report.",
    ]
    assert "RuntimeError: boom" in log.read_text(encoding="utf-8")


@pytest.mark.usefixtures("in_tmp")
def test_interrupt_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    import pbctl.definition.check

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pbctl.definition.check, "check_paths", interrupted)
    result = run_cli("check", ".")
    assert result.exit_code == 130
    assert result.stderr == "interrupted\n"


def _listed_commands() -> list[str]:
    result = run_cli("--help")
    assert result.exit_code == 0
    lines = result.output.split("Commands:\n", 1)[1].splitlines()
    listed = [line.split(maxsplit=1) for line in lines if line.startswith("  ")]
    assert all(len(parts) == 2 for parts in listed), "a command without a one-line help"
    return [parts[0] for parts in listed]


def test_help_lists_the_commands_of_this_issue() -> None:
    listed = _listed_commands()
    assert {"new", "check", "schema"} <= set(listed)
    assert set(listed) <= set(COMMANDS)


def _walk(command: click.Command, path: tuple[str, ...]) -> list[tuple[str, ...]]:
    found = [path]
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None
            found += _walk(sub, (*path, name))
    return found


@pytest.mark.parametrize("path", _walk(cli, ())[1:], ids=" ".join)
def test_every_command_has_help_text(path: tuple[str, ...]) -> None:
    result = run_cli(*path, "--help")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: pbctl {' '.join(path)} ")
    description = result.output.split("\n\n", 2)[1].strip()
    assert len(description) > 15, f"pbctl {' '.join(path)} has no help text"
    if len(path) == 1:
        assert path[0] in _listed_commands()
        assert COMMANDS[path[0]][1].strip()

