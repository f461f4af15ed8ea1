"""``pbctl render``: the whole pipeline from a definition file to .docx (and PDF)."""

from __future__ import annotations

import io
import shutil
import time
import zipfile
from pathlib import Path

import docx
import pytest
from helpers import EXAMPLES, MINIMAL, run_cli, trust_templates, write_yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pbctl.definition.loading import load_alliance
from pbctl.rendering.render import render_alliance_document

HOSTILE = 'A&B <x> "q" {{ 7*7 }} {% raw %} **b** # 1. | \\ `c`'
DOCS = ("charter", "agreement", "integrity-pact")


def document_text(data: bytes) -> str:
    """All text of a .docx: paragraphs and table cells."""
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def hostile_definition(path: Path) -> None:
    text = MINIMAL.replace("name: 甲公司党委", f"name: {_quoted(HOSTILE + '党委')}")
    text = text.replace("name: 测试党建联建", f"name: {_quoted('测试' + HOSTILE + '联建')}")
    write_yaml(path, text)


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.slow
def test_render_all_writes_three_documents_with_identical_bytes_twice(tmp_path: Path
                                                                       ) -> None:
    out1, out2 = tmp_path / "one", tmp_path / "two"
    result = run_cli("render", "all", str(EXAMPLES / "health-chain" / "alliance.yaml"), "-o",
                     str(out1))
    assert result.exit_code == 0, result.output
    assert "not recorded" in result.output
    time.sleep(1.1)  # a clock-dependent timestamp would now differ
    assert run_cli("render", "all", str(EXAMPLES / "health-chain" / "alliance.yaml"), "-o",
                   str(out2)).exit_code == 0
    for kind in DOCS:
        first = (out1 / f"{kind}.docx").read_bytes()
        assert first == (out2 / f"{kind}.docx").read_bytes(), kind
        assert zipfile.ZipFile(io.BytesIO(first)).testzip() is None
    text = document_text((out1 / "agreement.docx").read_bytes())
    for member in load_alliance(EXAMPLES / "health-chain" / "alliance.yaml").members:
        assert member.name in text


def test_a_bad_definition_is_reported_like_check_and_nothing_is_written(tmp_path: Path
                                                                         ) -> None:
    bad = tmp_path / "bad.yaml"
    write_yaml(bad, MINIMAL.replace("    level: 党委\n", "    level: 党委会\n", 1))
    out = tmp_path / "out"
    result = run_cli("render", "all", str(bad), "-o", str(out))
    assert result.exit_code == 1
    assert f"{bad}:8:12: members[0].level: '党委会' is not one of" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.slow
def test_hostile_names_come_out_literally_in_every_document(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    hostile_definition(path)
    alliance = load_alliance(path)
    for kind in DOCS:
        text = document_text(render_alliance_document(kind, alliance).data)
        assert HOSTILE + "党委" in text, kind
        assert "49" not in text  # {{ 7*7 }} was never evaluated


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.text(min_size=1, max_size=80).filter(
    lambda s: s.strip() and not any(0xD800 <= ord(c) <= 0xDFFF or ord(c) in (0xFFFE, 0xFFFF)
                                    or (ord(c) < 32 and c not in "\t\n") for c in s)))
@example(name="0\x850")  # U+0085 is a line break to str.splitlines, not to CommonMark
@example(name="甲\u2028乙\u2029丙")
def test_any_unicode_member_name_renders_a_document_that_opens(name: str) -> None:
    from pbctl.definition.model import Alliance

    alliance = Alliance.model_validate({
        "id": "demo", "name": "测试联建", "founded": "2024-03-01", "lead": "aa",
        "members": [{"id": "aa", "name": name}, {"id": "bb", "name": "乙单位党委"}],
    })
    data = render_alliance_document("agreement", alliance).data
    text = document_text(data)
    # Whitespace inside a value folds into one line; everything else survives.
    assert " ".join(name.split()) in " ".join(text.split())


def test_a_workspace_template_overrides_the_built_in_one(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    (ws / "templates" / "charter").mkdir(parents=True)
    (ws / "pbctl.yaml").write_text("", encoding="utf-8")
    (ws / "templates" / "charter" / "charter.md.j2").write_text(
        "# {{ alliance.name }}章程（本单位格式）\n\n## 总则\n\n+ 本章程自签订之日起施行。\n",
        encoding="utf-8")
    write_yaml(ws / "a.yaml", MINIMAL)
    trust_templates(ws)
    result = run_cli("-C", str(ws), "render", "charter", "a.yaml", "-o", "out.docx")
    assert result.exit_code == 0, result.output
    text = document_text((ws / "out.docx").read_bytes())
    assert "测试党建联建章程（本单位格式）" in text
    assert "第一条　本章程自签订之日起施行。" in text


def test_a_template_referring_to_a_missing_field_names_its_file_and_line(tmp_path: Path
                                                                          ) -> None:
    ws = tmp_path / "ws"
    (ws / "templates" / "charter").mkdir(parents=True)
    (ws / "pbctl.yaml").write_text("", encoding="utf-8")
    template = ws / "templates" / "charter" / "charter.md.j2"
    template.write_text("# 章程\n\n{{ alliance.nickname }}\n", encoding="utf-8")
    write_yaml(ws / "a.yaml", MINIMAL)
    trust_templates(ws)
    result = run_cli("-C", str(ws), "render", "charter", "a.yaml", "-o", "out.docx")
    assert result.exit_code == 1
    assert f"{template}:3: " in result.output and "nickname" in result.output
    assert not (ws / "out.docx").exists()


@pytest.mark.slow
def test_pdf_without_libreoffice_says_how_to_install_it(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    result = run_cli("render", "charter", str(EXAMPLES / "health-chain" / "alliance.yaml"), "-o",
                     str(tmp_path / "out"), "--pdf")
    assert result.exit_code == 1
    assert "LibreOffice" in result.output and "apt-get install" in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_without_a_cjk_font_warns_before_rendering(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    # A real fontconfig that knows no fonts at all: fc-list finds no Chinese font.
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?>\n<fontconfig><dir>/nonexistent</dir>'
                     f"<cachedir>{tmp_path}/cache</cachedir></fontconfig>\n", encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(empty))
    result = run_cli("render", "charter", str(EXAMPLES / "health-chain" / "alliance.yaml"), "-o",
                     str(tmp_path / "out"), "--pdf")
    assert "no Chinese (CJK) font is installed" in result.output


def test_minutes_need_a_meeting_number_that_exists(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert run_cli("init", str(ws)).exit_code == 0
    assert run_cli("-C", str(ws), "new", "alliance", "--from",
                   str(EXAMPLES / "health-chain" / "alliance.yaml")).exit_code == 0
    result = run_cli("-C", str(ws), "render", "minutes", "health-chain")
    assert result.exit_code == 1 and "which meeting?" in result.output
    result = run_cli("-C", str(ws), "render", "minutes", "health-chain", "7")
    assert result.exit_code == 1 and "health-chain has no meeting 7" in result.output
    result = run_cli("-C", str(ws), "render", "charter", "health-chain", "7")
    assert result.exit_code == 2 and "N is only for minutes" in result.output


@pytest.mark.slow
def test_a_record_given_for_an_alliance_is_named_as_such(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert run_cli("init", str(ws)).exit_code == 0
    assert run_cli("-C", str(ws), "new", "alliance", "--from",
                   str(EXAMPLES / "health-chain" / "alliance.yaml")).exit_code == 0
    assert run_cli("-C", str(ws), "log", "meeting", "health-chain", "--date",
                   "2025-01-02").exit_code == 0
    result = run_cli("-C", str(ws), "render", "all",
                     "alliances/health-chain/meetings/001.yaml")
    assert result.exit_code == 1
    assert "alliances/health-chain/meetings/001.yaml is a meeting record, not an alliance " \
           "definition" in result.output
    assert "name the alliance (health-chain) instead" in result.output


@pytest.mark.slow
def test_render_checks_the_id_against_its_folder_like_check(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert run_cli("init", str(ws)).exit_code == 0
    assert run_cli("-C", str(ws), "new", "alliance", "--from",
                   str(EXAMPLES / "health-chain" / "alliance.yaml")).exit_code == 0
    definition = ws / "alliances/health-chain/alliance.yaml"
    definition.write_text(definition.read_text(encoding="utf-8").replace(
        "id: health-chain", "id: health-chain-2"), encoding="utf-8")
    message = "id: the id 'health-chain-2' does not match its folder 'health-chain'"
    for args in (("render", "charter", "health-chain"), ("check",)):
        result = run_cli("-C", str(ws), *args)
        assert result.exit_code == 1
        assert message in result.output
    assert not (ws / "alliances/health-chain/documents").exists()


def test_a_template_saved_in_gbk_is_named_not_a_crash(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    (ws / "templates" / "charter").mkdir(parents=True)
    (ws / "pbctl.yaml").write_text("", encoding="utf-8")
    template = ws / "templates" / "charter" / "charter.md.j2"
    template.write_bytes("# 章程\n\n+ 本章程自签订之日起施行。\n".encode("gbk"))
    write_yaml(ws / "a.yaml", MINIMAL)
    trust_templates(ws)
    result = run_cli("-C", str(ws), "render", "charter", "a.yaml", "-o", "out.docx")
    assert result.exit_code == 1
    assert f"{template}: not UTF-8 text (byte 2)" in result.output
    assert "save the template as UTF-8" in result.output
    assert not (ws / "out.docx").exists()


@pytest.mark.slow
def test_an_output_that_cannot_be_written_is_named_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_cli("render", "charter", str(EXAMPLES / "health-chain" / "alliance.yaml"), "-o",
                     str(blocker / "charter.docx"))
    assert result.exit_code == 1
    assert f"cannot write {blocker / 'charter.docx'}: " in result.output  # + the OS's reason
    assert "Traceback" not in result.output and "unexpected error" not in result.output
    assert blocker.read_text(encoding="utf-8") == "not a folder"
