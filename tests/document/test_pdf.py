"""PDF through LibreOffice: real conversions where soffice is installed, fakes otherwise."""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from pbctl.definition.settings import Fonts
from pbctl.document import pdf
from pbctl.document.blocks import DocumentSpec, Paragraph, Party, Run, Signatures, Title
from pbctl.document.writer import write_docx
from pbctl.errors import PbctlError, ToolMissingError

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is not installed")
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="poppler-utils (pdftotext) is not installed")

TITLE = "产业链党建联建协议书"
PARTIES = ("中共某某集团有限公司委员会", "中共某某大学机械工程学院委员会")


def make_docx(path: Path, title: str = TITLE) -> Path:
    spec = DocumentSpec(title=title, author="测试", blocks=[
        Title(title),
        Paragraph((Run("经协商一致，签订本协议。"),)),
        Signatures(tuple(Party(label, name) for label, name in zip(("甲方", "乙方"), PARTIES,
                                                                   strict=True))),
    ])
    path.write_bytes(write_docx(spec, Fonts()))
    return path


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def fake_soffice(bin_dir: Path, script: str) -> None:
    bin_dir.mkdir(exist_ok=True)
    exe = bin_dir / "soffice"
    exe.write_text("#!/bin/sh\n" + script + "\n")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


# -- real LibreOffice ---------------------------------------------------------------------------


@pytest.mark.slow
@needs_soffice
@needs_pdftotext
def test_converts_a_chinese_document(tmp_path: Path) -> None:
    source = make_docx(tmp_path / "agreement.docx")
    out_dir = tmp_path / "out" / "nested"
    results = pdf.to_pdf([source], out_dir)
    assert results == [out_dir / "agreement.pdf"]
    assert results[0].read_bytes().startswith(b"%PDF-")
    text = pdf_text(results[0])
    assert TITLE in text
    for name in PARTIES:
        assert name in text
    assert "甲方（盖章）：" in text
    assert sorted(p.name for p in out_dir.iterdir()) == ["agreement.pdf"]  # no scratch left


@pytest.mark.slow
@needs_soffice
@needs_pdftotext
def test_one_run_converts_a_batch_in_order(tmp_path: Path) -> None:
    sources = [make_docx(tmp_path / f"{name}.docx", title=f"{name}标题")
               for name in ("charter", "agreement", "pact")]
    results = pdf.to_pdf(sources, tmp_path)
    assert [p.name for p in results] == ["charter.pdf", "agreement.pdf", "pact.pdf"]
    for name, result in zip(("charter", "agreement", "pact"), results, strict=True):
        assert f"{name}标题" in pdf_text(result)


@pytest.mark.slow
@needs_soffice
def test_pdfa_has_pdfaid_in_its_xmp_metadata(tmp_path: Path) -> None:
    source = make_docx(tmp_path / "pact.docx")
    (result,) = pdf.to_pdf([source], tmp_path / "out", pdfa=True)
    data = result.read_bytes()
    xmp = re.search(rb"<x:xmpmeta.*?</x:xmpmeta>", data, re.S)
    assert xmp is not None
    assert re.search(rb"pdfaid:part(>|=\")2", xmp.group(0))
    assert re.search(rb"pdfaid:conformance(>|=\")B", xmp.group(0))
    (plain,) = pdf.to_pdf([source], tmp_path / "plain")
    assert b"pdfaid:part" not in plain.read_bytes()


@pytest.mark.slow
@needs_soffice
def test_parallel_runs_do_not_collide(tmp_path: Path) -> None:
    sources = [make_docx(tmp_path / f"doc{i}.docx") for i in range(2)]
    results: dict[int, list[Path]] = {}
    errors: list[BaseException] = []

    def convert(i: int) -> None:
        try:
            results[i] = pdf.to_pdf([sources[i]], tmp_path / f"out{i}")
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=convert, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(results[i][0].is_file() for i in range(2))


@pytest.mark.slow
@needs_soffice
def test_replaces_an_existing_pdf(tmp_path: Path) -> None:
    source = make_docx(tmp_path / "doc.docx")
    (tmp_path / "doc.pdf").write_bytes(b"old")
    (result,) = pdf.to_pdf([source], tmp_path)
    assert result.read_bytes().startswith(b"%PDF-")


# -- without LibreOffice ------------------------------------------------------------------------


def test_missing_soffice_raises_tool_missing_with_hint(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(pdf, "_MACOS_SOFFICE", str(tmp_path / "nowhere"))
    source = tmp_path / "doc.docx"
    source.write_bytes(b"x")
    with pytest.raises(ToolMissingError) as info:
        pdf.to_pdf([source], tmp_path)
    assert info.value.hint is not None
    assert "sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk" in info.value.hint
    assert "brew" in info.value.hint


def test_empty_batch_needs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert pdf.to_pdf([], tmp_path) == []


def test_missing_input_and_clashing_names(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        pdf.to_pdf([tmp_path / "absent.docx"], tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "same.docx").write_bytes(b"x")
    with pytest.raises(ValueError, match="same file name"):
        pdf.to_pdf([tmp_path / "a" / "same.docx", tmp_path / "b" / "same.docx"], tmp_path)


@pytest.mark.slow
def test_timeout_kills_soffice_and_places_nothing(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    fake_soffice(tmp_path / "bin", "sleep 30")
    monkeypatch.setenv("PATH", str(tmp_path / "bin") + ":/usr/bin:/bin")
    source = tmp_path / "doc.docx"
    source.write_bytes(b"x")
    out_dir = tmp_path / "out"
    with pytest.raises(PbctlError, match="longer than"):
        pdf.to_pdf([source], out_dir, timeout=0.5)
    assert list(out_dir.iterdir()) == []


def test_soffice_that_writes_nothing_is_an_error(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    fake_soffice(tmp_path / "bin", "echo 'Error: source file could not be loaded'")
    monkeypatch.setenv("PATH", str(tmp_path / "bin") + ":/usr/bin:/bin")
    source = tmp_path / "doc.docx"
    source.write_bytes(b"x")
    with pytest.raises(PbctlError, match="could not be loaded"):
        pdf.to_pdf([source], tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def test_soffice_failure_exit_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_soffice(tmp_path / "bin", "echo boom; exit 3")
    monkeypatch.setenv("PATH", str(tmp_path / "bin") + ":/usr/bin:/bin")
    source = tmp_path / "doc.docx"
    source.write_bytes(b"x")
    with pytest.raises(PbctlError, match=r"exit 3\): boom"):
        pdf.to_pdf([source], tmp_path / "out")


# -- fonts --------------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig is not installed")
def test_cjk_fonts_available_here() -> None:
    assert pdf.cjk_fonts_available() is True


def test_cjk_fonts_unknown_without_fc_list(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert pdf.cjk_fonts_available() is True  # cannot tell: no false alarm


def test_stand_ins_map_missing_fonts_to_installed_ones() -> None:
    config = pdf.fontconfig_stand_ins({"noto sans cjk sc", "noto serif cjk sc", "黑体"},
                                      "/etc/fonts/fonts.conf")
    assert config is not None
    assert '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>' in config
    by_name = dict(re.findall(r'(?s)<match target="pattern"><test qual="any" name="family">'
                              r"<string>(.*?)</string>(.*?)</match>", config))
    assert "黑体" not in by_name  # installed: left alone
    assert "<string>Noto Sans CJK SC</string>" in by_name["SimHei"]
    assert "<string>Noto Serif CJK SC</string>" in by_name["仿宋_GB2312"]
    assert "<const>bold</const>" in by_name["方正小标宋简体"]
    assert "bold" not in by_name["仿宋_GB2312"]


def test_no_stand_ins_without_candidates() -> None:
    assert pdf.fontconfig_stand_ins({"dejavu sans"}, "/etc/fonts/fonts.conf") is None
