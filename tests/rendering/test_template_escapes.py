"""Templates that cannot escape: no model object, no file outside the template folders, no
unbounded computation, and no workspace template that this user has not trusted."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import MINIMAL, run_cli, trust_templates, write_yaml

from pbctl.definition.loading import load_alliance
from pbctl.errors import TemplateError
from pbctl.rendering.context import alliance_context
from pbctl.rendering.templating import TEMPLATE_NAMES, render_template

SECRET = "TOP-SECRET-3141"


def workspace(tmp_path: Path, template: str, *, trusted: bool = True,
              settings: str = "") -> Path:
    ws = tmp_path / "ws"
    (ws / "templates" / "charter").mkdir(parents=True)
    (ws / "pbctl.yaml").write_text(settings, encoding="utf-8")
    (ws / "templates" / "charter" / "charter.md.j2").write_text(template, encoding="utf-8")
    write_yaml(ws / "a.yaml", MINIMAL)
    if trusted:
        trust_templates(ws)
    return ws


def render(ws: Path) -> tuple[int, str]:
    result = run_cli("-C", str(ws), "render", "charter", "a.yaml", "-o", "out.docx")
    assert "Traceback" not in result.output
    return result.exit_code, result.output


class _Touch:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.path}",))


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def test_pydantic_parse_raw_cannot_unpickle_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Touch(marker), protocol=0).decode("latin-1")
    ws = workspace(tmp_path, "# 章程\n\n{{ alliance.parse_raw(" + _literal(payload) +
                   ", content_type='application/pickle', allow_pickle=True) }}\n")
    code, output = render(ws)
    assert code == 1 and "charter.md.j2:3" in output
    assert not marker.exists()
    assert not (ws / "out.docx").exists()


@pytest.mark.parametrize("expression", [
    "alliance.parse_file(secret)", "alliance.lead.parse_file(secret)",
    "lead.parse_file(secret)", "members[0].parse_file(secret)",
    "member(lead.id).parse_file(secret)", "parties[0].member.parse_file(secret)",
    "groups.__class__", "signatures.__call__.__globals__", "alliance.model_fields",
    "alliance.founded.__class__.__subclasses__()", "lipsum.__globals__",
    "member.__self__",
])
def test_no_object_in_the_context_reads_files(tmp_path: Path, expression: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    ws = workspace(tmp_path, "# 章程\n\n{% set secret = " + _literal(str(secret)) + " %}"
                   "{{ " + expression + " }}\n")
    code, output = render(ws)
    assert code == 1, output
    assert SECRET not in output and not (ws / "out.docx").exists()


def test_the_context_is_plain_data() -> None:
    from pbctl.rendering.plain import Helper, Record, plain_context

    alliance = load_alliance(_alliance_file())
    context = plain_context(alliance_context(alliance))
    seen: list[object] = []

    def walk(value: object) -> None:
        if isinstance(value, Record):
            for key in value:
                walk(value[key])
        elif isinstance(value, tuple):
            for item in value:
                walk(item)
        else:
            seen.append(value)

    for value in context.values():
        walk(value)
    allowed = (str, int, float, bool, type(None), Helper, __import__("datetime").date)
    assert all(isinstance(v, allowed) for v in seen), {type(v) for v in seen}
    assert not hasattr(context["alliance"], "parse_raw")


def _alliance_file() -> Path:
    import tempfile

    folder = Path(tempfile.mkdtemp())
    return write_yaml(folder / "a.yaml", MINIMAL)


def test_a_template_that_is_a_link_outside_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(f"# {SECRET}\n", encoding="utf-8")
    ws = workspace(tmp_path, "")
    target = ws / "templates" / "charter" / "charter.md.j2"
    target.unlink()
    target.symlink_to(secret)
    code, output = render(ws)
    assert code == 1 and "a link to a file outside the template folders" in output
    assert SECRET not in output and not (ws / "out.docx").exists()


@pytest.mark.parametrize("include", ["'secret.md.j2'", "'/etc/passwd'", "'../../secret.md'",
                                     "'charter/../../secret.md'"])
def test_an_include_cannot_reach_outside(tmp_path: Path, include: str) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(f"# {SECRET}\n", encoding="utf-8")
    ws = workspace(tmp_path, "# 章程\n\n{% include " + include + " %}\n", trusted=False)
    (ws / "templates" / "secret.md.j2").symlink_to(secret)
    trust_templates(ws)
    code, output = render(ws)
    assert code == 1, output
    assert SECRET not in output and not (ws / "out.docx").exists()


@pytest.mark.parametrize(("body", "message"), [
    ("{{ 10 ** (10 ** 10) }}", "power too large"),
    ("{% set x = 2 ** 99999 %}", "power too large"),
    ("{{ 'a' * 10 ** 9 }}", "repetition too long"),
    ("{{ ['a'] * 10 ** 9 }}", "repetition too long"),
    ("{% for i in range(10 ** 9) %}{% endfor %}", "number too large"),
    ("{{ 'x'.center(10 ** 9) }}", "number too large"),
    ("{{ 'x'|center(10 ** 9) }}", "number too large"),
    ("{{ '%999999999d' % 1 }}", "format width too large"),
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "recursion too deep"),
])
def test_unbounded_templates_stop_with_one_line(tmp_path: Path, body: str, message: str
                                                ) -> None:
    ws = workspace(tmp_path, "# 章程\n\n" + body + "\n")
    started = time.monotonic()
    code, output = render(ws)
    assert time.monotonic() - started < 20
    assert code == 1, output
    assert message in output and "charter.md.j2" in output
    assert not (ws / "out.docx").exists()


def _run_limited(ws: Path, memory: int) -> subprocess.CompletedProcess[str]:
    script = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))\n"
        "from pbctl.cli import main\n"
        "sys.argv = ['pbctl', 'render', 'charter', 'a.yaml', '-o', 'out.docx']\n"
        "main()\n")
    return subprocess.run([sys.executable, "-c", script], cwd=ws, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})


@pytest.mark.slow
@pytest.mark.parametrize("body", [
    "{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}{{ ns.s|length }}",
    "{% set ns = namespace(s=['ab']) %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}"
    "{% endfor %}{{ ns.s|length }}",
    "{% for i in range(99999) %}{{ 'x' * 999999 }}{% endfor %}",
])
def test_growing_templates_stop_under_a_memory_limit(tmp_path: Path, body: str) -> None:
    ws = workspace(tmp_path, "# 章程\n\n" + body + "\n")
    result = _run_limited(ws, 3 * 1024 ** 3)
    assert result.returncode == 1, result.stderr + result.stdout
    assert "Traceback" not in result.stderr and "charter.md.j2" in result.stderr
    assert not (ws / "out.docx").exists()


@pytest.mark.slow
def test_a_template_that_runs_too_long_is_stopped_at_the_setting(tmp_path: Path) -> None:
    ws = workspace(tmp_path, "# 章程\n\n{% for i in range(99999) %}{% for j in range(99999) %}"
                   "{% endfor %}{% endfor %}\n", settings="render_timeout: 1\n")
    started = time.monotonic()
    code, output = render(ws)
    assert time.monotonic() - started < 15
    assert code == 1 and "took longer than 1 s" in output and "charter.md.j2" in output


# ---------------------------------------------------------------------------- trust


def test_an_untrusted_workspace_template_is_refused_naming_the_command(tmp_path: Path) -> None:
    ws = workspace(tmp_path, "# 本单位章程\n", trusted=False)
    code, output = render(ws)
    assert code == 1
    assert "templates/charter/charter.md.j2: not trusted" in output
    assert "pbctl trust charter/charter.md.j2" in output
    assert not (ws / "out.docx").exists()


def test_trust_lists_without_a_terminal_and_trusts_with_yes(tmp_path: Path) -> None:
    ws = workspace(tmp_path, "# 本单位章程\n", trusted=False)
    listed = run_cli("-C", str(ws), "trust")
    assert listed.exit_code == 1
    assert "templates/charter/charter.md.j2: new" in listed.output
    assert render(ws)[0] == 1
    trusted = run_cli("-C", str(ws), "trust", "templates/charter/charter.md.j2", "--yes")
    assert trusted.exit_code == 0, trusted.output
    assert "+# 本单位章程" in trusted.output
    assert render(ws)[0] == 0
    # the store is the user's, not the workspace's: nothing in the repository changed
    assert sorted(p.name for p in Path(os.environ["PBCTL_TRUST_DIR"]).iterdir())
    assert not any("trust" in p.name for p in ws.rglob("*"))
    assert run_cli("-C", str(ws), "trust").exit_code == 0


def test_an_edited_template_must_be_trusted_again_and_shows_its_diff(tmp_path: Path) -> None:
    ws = workspace(tmp_path, "# 本单位章程\n\n第一段\n")
    assert render(ws)[0] == 0
    template = ws / "templates" / "charter" / "charter.md.j2"
    template.write_text("# 本单位章程\n\n第二段\n", encoding="utf-8")
    code, output = render(ws)
    assert code == 1 and "not trusted" in output
    trusted = run_cli("-C", str(ws), "trust", "charter/charter.md.j2", "-y")
    assert "changed since you trusted it" in trusted.output
    assert "-第一段" in trusted.output and "+第二段" in trusted.output
    assert render(ws)[0] == 0


def test_trust_is_per_workspace(tmp_path: Path) -> None:
    ws = workspace(tmp_path, "# 本单位章程\n")
    other = tmp_path / "other"
    ws.rename(other)
    code, output = render(other)
    assert code == 1 and "not trusted" in output


def test_an_untrusted_included_template_is_refused(tmp_path: Path) -> None:
    ws = workspace(tmp_path, "# 章程\n\n{% include 'part.md.j2' %}\n")
    (ws / "templates" / "part.md.j2").write_text("正文\n", encoding="utf-8")
    code, output = render(ws)
    assert code == 1 and "part.md.j2: not trusted" in output
    assert "pbctl trust part.md.j2" in output


def test_render_template_refuses_untrusted_directly(tmp_path: Path) -> None:
    (tmp_path / "templates" / "charter").mkdir(parents=True)
    (tmp_path / "templates" / "charter" / "charter.md.j2").write_text("# x\n", encoding="utf-8")
    alliance = load_alliance(_alliance_file())
    with pytest.raises(TemplateError, match="not trusted"):
        render_template(TEMPLATE_NAMES["charter"], alliance_context(alliance),
                        tmp_path / "templates")


def test_trust_at_a_terminal_asks_for_each_template(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    ws = workspace(tmp_path, "# 本单位章程\n", trusted=False)
    (ws / "templates" / "part.md.j2").write_text("正文\n", encoding="utf-8")
    monkeypatch.setattr("pbctl.cli.commands.trust._interactive", lambda: True)
    result = run_cli("-C", str(ws), "trust", input="n\ny\n")  # part.md.j2 comes first
    assert result.exit_code == 1  # one was refused
    assert "+# 本单位章程" in result.output and "+正文" in result.output
    assert "trusted templates/charter/charter.md.j2" in result.output
    assert "trusted templates/part.md.j2" not in result.output
    listed = run_cli("-C", str(ws), "trust")
    assert "templates/part.md.j2: new" in listed.output
    assert "charter.md.j2" not in listed.output
