"""The message catalogue: complete, compiled, cheap to load, and chosen by the locale."""

from __future__ import annotations

import gettext
import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from pbctl import i18n

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "pbctl/locale/zh_CN/LC_MESSAGES/pbctl.po"
MO = PO.with_suffix(".mo")


def _catalogue() -> dict[str, str]:
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="zh_CN")
    out = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        value = message.string if isinstance(message.string, str) else message.string[0]
        if value:
            out[key] = value
    return out


def _extracted() -> set[str]:
    """The msgids ``make extract-messages`` finds (the same mapping as babel.cfg)."""
    method_map = [("pbctl/cli/**.py", "pbctl.cli.helptexts:extract"), ("pbctl/**.py", "python")]
    found = extract_from_dir(str(ROOT / "pbctl"), [(p.removeprefix("pbctl/"), m)
                                                    for p, m in method_map],
                             keywords={"_": None, "ngettext": (1, 2), "N_": None})
    ids: set[str] = set()
    for _file, _line, message, _comments, _context in found:
        ids.add(message if isinstance(message, str) else message[0])
    return ids


def test_every_message_in_the_source_is_translated() -> None:
    missing = sorted(_extracted() - set(_catalogue()))
    assert not missing, f"not translated in {PO.name} (run make messages): {missing}"


def test_the_compiled_catalogue_matches_the_po() -> None:
    with MO.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for msgid, msgstr in _catalogue().items():
        assert compiled.gettext(msgid) == msgstr, f"{MO.name} is stale (make compile-messages)"


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_TW.Big5"}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
    ({"LC_ALL": "zh_CN.GBK", "LANG": "en_US.UTF-8"}, "zh"),
    ({"LC_MESSAGES": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"PBCTL_LANG": "en", "LC_ALL": "zh_CN.UTF-8"}, "en"),
    ({"PBCTL_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),
])
def test_the_language_follows_the_locale(env: dict[str, str], expected: str) -> None:
    if not env and sys.platform == "win32":
        pytest.skip("Windows falls back to the UI language")
    assert i18n.detect_language(env) == expected


def _pbctl(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "PBCTL_LANG")}
    return subprocess.run([sys.executable, "-c", "from pbctl.cli import main; main()", *args],
                          capture_output=True, text=True, encoding="utf-8",
                          env={**clean, "PYTHONIOENCODING": "utf-8", **env})


def test_help_in_chinese_and_english() -> None:
    zh = _pbctl("check", "--help", LANG="zh_CN.UTF-8").stdout
    assert "  检查联建定义和记录（默认：整个工作区）。" in zh
    assert "--summary                    同时列出所检查联建的汇总表。" in zh
    en = _pbctl("check", "--help", LANG="en_US.UTF-8").stdout
    assert "  Validate alliance definitions and records (default: the whole workspace)." in en
    group = _pbctl("--lang", "zh", "--help", LANG="en_US.UTF-8").stdout
    assert "  init      建立记录工作区（一个 git 仓库）。" in group
    nested = _pbctl("--lang", "zh", "log", "meeting", "--help").stdout
    assert "会议日期，如 2025-03-01（用选项录入时必填）。" in nested


def test_a_usage_error_in_chinese() -> None:
    result = _pbctl("rendr", LANG="zh_CN.UTF-8")
    assert result.returncode == 2
    assert "错误：没有命令 'rendr'。您是不是要输入 'render'？" in result.stderr


def test_loading_the_catalogue_imports_nothing_heavy() -> None:
    code = ("import sys\nfrom pbctl.cli import main\nsys.argv = ['pbctl', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = {'rich', 'pydantic', 'yaml', 'jinja2', 'docx', 'babel'}\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "LANG": "zh_CN.UTF-8"})
    assert result.stdout.strip().splitlines()[-1] == "[]"
