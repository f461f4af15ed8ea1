"""Messages in Chinese under a zh locale and in English otherwise, with the same locations."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import MINIMAL, run_cli, write_yaml

from pbctl.definition import yamlio
from pbctl.errors import ValidationError

pytestmark = pytest.mark.usefixtures("in_tmp")

ZH = "zh_CN.UTF-8"
EN = "en_US.UTF-8"


def _check(lang: str, *args: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setenv("LANG", lang)
    result = run_cli("check", *args)
    return result.exit_code, result.output


def test_an_error_with_location_and_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    write_yaml(Path("a.yaml"), MINIMAL.replace("level: 党总支", "level: 党支部委员会"))
    code, zh = _check(ZH, "a.yaml", monkeypatch=monkeypatch)
    assert code == 1
    assert ("错误 a.yaml:12:12: members[1].level: '党支部委员会' 不是可选的值，可选：党委、党总支、"
            "党支部、联合党支部、综合党委、党组、党工委（您是不是要写 '党支部'？）") in zh
    assert "✗ 已检查 1 个文件，发现 1 个问题" in zh
    code, en = _check(EN, "a.yaml", monkeypatch=monkeypatch)
    assert ("error a.yaml:12:12: members[1].level: '党支部委员会' is not one of: 党委, 党总支, "
            "党支部, 联合党支部, 综合党委, 党组, 党工委 (did you mean '党支部'?)") in en
    assert "✗ 1 file checked, 1 problem found" in en


def test_a_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    write_yaml(Path("a.yaml"), MINIMAL)
    assert "✓ 已检查 1 个文件，没有问题" in _check(ZH, "a.yaml", monkeypatch=monkeypatch)[1]
    assert "✓ 1 file checked, no problems" in _check(EN, "a.yaml", monkeypatch=monkeypatch)[1]


def test_json_keeps_english_keys_and_carries_the_translated_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_yaml(Path("a.yaml"), MINIMAL.replace("lead: alpha", "lead: alhpa"))
    _code, out = _check(ZH, "--format", "json", "a.yaml", monkeypatch=monkeypatch)
    problem = json.loads(out)["problems"][0]
    assert problem["field"] == "lead"
    assert problem["message"] == "没有 id 为 'alhpa' 的成员"
    assert problem["hint"] == "您是不是要写 'alpha'？"


def test_a_domain_error_and_its_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", ZH)
    run_cli("init")
    result = run_cli("render", "charter", "nope")
    assert result.exit_code == 1
    assert "错误 本工作区中没有联建 'nope'" in result.output
    assert "提示： 可用 pbctl new alliance 新建一个" in result.output


def _yaml_error(text: str) -> str:
    with pytest.raises(ValidationError) as info:
        yamlio.loads(text, "a.yaml")
    return str(info.value)


@pytest.mark.parametrize(("text", "zh", "en"), [
    ("id: x\nlead：x\nname: y\n",
     "a.yaml:2:5: 这里用了全角冒号“：”，请改为半角冒号“:”",
     "a.yaml:2:5: a full-width colon “：” is used here; change it to the ASCII colon “:”"),
    ("id: x\nmembers:\n  - a\n\u3000 - b\n",
     "a.yaml:4:1: 这里的缩进用了全角空格，请改用半角空格缩进",
     "a.yaml:4:1: a full-width space is used in the indent here; indent with ASCII spaces"),
    ("members:\n  - a\n  － b\n",
     "a.yaml:3:3: 这里用了全角的“－”，列表项请以半角“-”开头",
     "a.yaml:3:3: a full-width dash “－” is used here; start a list entry with the ASCII “-”"),
    ("id: x\ntopic: 议题: 内容\n",
     "a.yaml:2:10: YAML 语法错误：mapping values are not allowed in this context"
     "（含有“: ”的文字必须加引号，例如 topic: \"议题: 内容\"）",
     "a.yaml:2:10: YAML syntax error: mapping values are not allowed in this context "
     "(text that contains ': ' must be quoted, e.g. topic: \"议题: 内容\")"),
])
def test_full_width_marks_are_named_at_their_line_and_column(
    text: str, zh: str, en: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pbctl import i18n

    i18n.set_language("zh")
    assert _yaml_error(text) == zh
    i18n.set_language("en")
    assert _yaml_error(text) == en


def test_flags_take_chinese_names_and_choices_get_did_you_mean() -> None:
    run_cli("init")
    result = run_cli("new", "alliance", "demo", "--name", "联建", "--founded", "2024.3.1",
                     "--member", "id=alpha,name=甲公司党委,kind=企业",
                     "--member", "id=beta,name=乙大学党委,kind=高校", "--lead", "alpha",
                     "--frequency", "每季度", "--convener", "轮值")
    assert result.exit_code == 0, result.output
    text = Path("alliances/demo/alliance.yaml").read_text(encoding="utf-8")
    assert "  frequency: quarterly" in text
    assert "convener: rotating" in text
    assert "founded: 2024-03-01" in text
    bad = run_cli("render", "agrement", "demo")
    assert bad.exit_code == 2
    assert "'agrement' is not one of 'charter', 'agreement', 'integrity-pact', 'all', " \
           "'minutes', 'plan', 'supplement', 'signin', 'record', 'news'. Did you mean " \
           "'agreement'?" \
        in bad.output


def test_a_choice_error_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", ZH)
    result = run_cli("new", "alliance", "demo", "--frequency", "每季")
    assert result.exit_code == 2
    assert ("错误：'--frequency' 的值无效：'每季' 不是可选的值，可选：'monthly', 'quarterly', "
            "'half-yearly', 'yearly'。您是不是要输入 '每季度'？") in result.output


@pytest.mark.slow
def test_a_warning_in_chinese_and_english(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A font lister that lists no Chinese font: the PDF would show empty boxes."""
    fake = in_tmp / "bin"
    fake.mkdir()
    (fake / "fc-list").write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    (fake / "fc-list").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    write_yaml(Path("a.yaml"), MINIMAL)
    monkeypatch.setenv("LANG", ZH)
    zh = run_cli("render", "charter", "a.yaml", "-o", "out-zh", "--pdf")
    assert ("警告 没有安装中文（CJK）字体：PDF 中的文字会显示为方框；请安装 fonts-noto-cjk"
            "（Debian/Ubuntu）或其他中文字体") in zh.stderr
    monkeypatch.setenv("LANG", EN)
    en = run_cli("render", "charter", "a.yaml", "-o", "out-en", "--pdf")
    assert ("warning no Chinese (CJK) font is installed: the PDF would show empty boxes; "
            "install fonts-noto-cjk (Debian/Ubuntu) or another CJK font") in en.stderr


def test_a_usage_question_and_a_summary_of_done(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", ZH)
    assert run_cli("init").exit_code == 0
    assert run_cli("new", "alliance", "--from", "health-chain").exit_code == 0
    result = run_cli("render", "minutes", "health-chain")
    assert result.exit_code == 1
    assert "哪一次会议？pbctl render minutes health-chain N" in result.output
    monkeypatch.setenv("LANG", EN)
    result = run_cli("render", "minutes", "health-chain")
    assert "which meeting? pbctl render minutes health-chain N" in result.output
    monkeypatch.setenv("LANG", ZH)
    assert run_cli("list", "add", "health-chain", "needs", "需要场地", "--member",
                   "liangmianzhen", "--date", "2025-01-02").exit_code == 0
    result = run_cli("done", "health-chain", "needs.1", "--date", "2025-02-03")
    assert result.exit_code == 0, result.output
    assert "的清单事项 needs.1（需要场地）：已于 2025-02-03 完成" in result.output


@pytest.mark.parametrize(("tail", "en", "zh"), [
    ("meetings: quarterly\n",
     "a.yaml:14:11: meetings: expected a mapping of keys and values, got 'quarterly' "
     "(write it as: meetings: {frequency: quarterly})",
     "a.yaml:14:11: meetings: 应为一组“键: 值”，这里是'quarterly'（应写成：meetings: "
     "{frequency: quarterly}）"),
    ("meetings: 每季度\n", "(write it as: meetings: {frequency: 每季度})",
     "（应写成：meetings: {frequency: 每季度}）"),
    ("term: 3\n", "(write it as: term: {start: …})", "（应写成：term: {start: …}）"),
    ("pairings: {a: alpha, b: beta}\n", "(write it as: pairings: [{a: …, b: …}])",
     "（应写成：pairings: [{a: …, b: …}]）"),
])
def test_a_value_of_the_wrong_shape_shows_the_expected_shape(
        tail: str, en: str, zh: str, monkeypatch: pytest.MonkeyPatch) -> None:
    write_yaml(Path("a.yaml"), MINIMAL + tail)
    code, out = _check(EN, "a.yaml", monkeypatch=monkeypatch)
    assert code == 1 and en in out, out
    assert zh in _check(ZH, "a.yaml", monkeypatch=monkeypatch)[1]


@pytest.mark.parametrize(("lang", "lines"), [
    ("zh", ["# 填好后保存。以“#”开头的行不会读取；空白或未改动的表单不会记录任何内容。",
            "# 会议由 pbctl 自动编号（下一次：3）。", "#", "# 成员单位 id："]),
    ("en", ["# Fill in and save. Lines starting with '#' are ignored; an empty or unchanged",
            "# form records nothing. pbctl numbers the meeting (next: 3).", "#",
            "# Member ids:"]),
])
def test_the_editor_form_says_how_to_fill_it_in_the_users_language(
        lang: str, lines: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from pbctl.definition.loading import load_alliance
    from pbctl.records.forms import meeting_form

    monkeypatch.setenv("PBCTL_LANG", lang)
    write_yaml(Path("a.yaml"), MINIMAL)
    form = meeting_form(load_alliance(Path("a.yaml")), dt.date(2025, 1, 2), 3)
    assert form.splitlines()[1:5] == lines


def test_help_of_every_option_and_its_headings_in_chinese(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """Options declared through pbctl's shared helpers are translated too, and a Chinese
    heading ends in a full-width colon (选项：) as 用法： does."""
    monkeypatch.setenv("LANG", ZH)
    out = run_cli("ledger", "--help").output
    assert "--from DATE           起始日。" in out and "--to DATE             截止日。" in out
    assert "\n选项：\n" in out and "选项:" not in out
    assert "--as-of DATE          显示这一天的状态（默认：今天）。" in run_cli("status",
                                                                          "--help").output
    monkeypatch.setenv("LANG", EN)
    out = run_cli("ledger", "--help").output
    assert "--from DATE           First day." in out and "\nOptions:\n" in out
