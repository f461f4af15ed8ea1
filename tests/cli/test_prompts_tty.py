"""On a terminal: prompts in the user's language that take Chinese names, and a progress
line (run in a real pseudo-terminal, as a clerk would type)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")


def _on_terminal(args: list[str], answers: list[str], cwd: Path, lang: str,
                 term: str = "dumb") -> str:
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env.update({"LANG": lang, "NO_COLOR": "1", "COLUMNS": "100", "TERM": term,
                "PBCTL_LANG": lang[:2]})
    proc = subprocess.Popen([sys.executable, "-c", "from pbctl.cli import main; main()", *args],
                            stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env)
    os.close(slave)
    os.write(master, "".join(a + "\n" for a in answers).encode("utf-8"))
    chunks = []
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


ANSWERS = ["demo", "测试联建", "2024年3月1日",
           "alpha", "甲公司党委", "企业", "", "",
           "beta", "乙大学党委", "大专院校", "高校", "党总支", "",
           "否", ""]


@pytest.mark.slow
def test_prompts_in_chinese_take_chinese_names(tmp_path: Path) -> None:
    (tmp_path / "pbctl.yaml").write_text("", encoding="utf-8")
    out = _on_terminal(["new", "alliance"], ANSWERS, tmp_path, "zh_CN.UTF-8")
    assert "联建 id（文件夹名，如 health-chain）: " in out
    assert ("  单位类型 [enterprise/university/government/institution/association/community/"
            "other] (enterprise): ") in out
    assert "'大专院校' 不是可选的值，可选：enterprise、university、" in out
    assert "请重新输入" in out
    assert "再添加一个成员？ [y/n] (n): " in out
    assert "()" not in out  # no empty default shown for an optional answer
    text = (tmp_path / "alliances/demo/alliance.yaml").read_text(encoding="utf-8")
    assert "    kind: enterprise" in text and "    kind: university" in text
    assert "founded: 2024-03-01" in text


@pytest.mark.slow
def test_prompts_in_english(tmp_path: Path) -> None:
    (tmp_path / "pbctl.yaml").write_text("", encoding="utf-8")
    out = _on_terminal(["new", "alliance"], ANSWERS, tmp_path, "en_US.UTF-8")
    assert "Alliance id (folder name, e.g. health-chain): " in out
    assert "Add another member? [y/n] (n): " in out
    assert (tmp_path / "alliances/demo/alliance.yaml").is_file()


@pytest.mark.slow
def test_a_progress_line_while_rendering(tmp_path: Path) -> None:
    from helpers import MINIMAL

    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    out = _on_terminal(["render", "all", "a.yaml", "-o", "out"], [], tmp_path, "zh_CN.UTF-8",
                       term="xterm")
    assert "正在生成 demo 的文书" in out
    assert "✓ 已写出 out/charter.docx" in out


@pytest.mark.slow
def test_a_progress_line_while_libreoffice_works(tmp_path: Path) -> None:
    import shutil

    from helpers import MINIMAL

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    out = _on_terminal(["render", "charter", "a.yaml", "-o", "out", "--pdf"], [], tmp_path,
                       "zh_CN.UTF-8", term="xterm")
    assert "正在用 LibreOffice 生成 PDF…" in out
    assert "✓ 已写出 out/charter.pdf" in out


@pytest.mark.slow
def test_without_editor_nano_opens_with_a_word_on_how_to_leave_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracking_helpers import git_workspace

    root = git_workspace(tmp_path / "ws")
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "nano").write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")  # leaves unchanged
    (fake / "nano").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    out = _on_terminal(["log", "activity", "demo"], [], root, "zh_CN.UTF-8")
    assert ("正在用 nano 打开表单：填好后按 Ctrl+O、回车保存，按 Ctrl+X 退出（设置 $EDITOR 可改用"
            "其他编辑器）") in out
    assert "表单没有改动，没有登记活动" in out
