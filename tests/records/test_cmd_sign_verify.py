"""``pbctl sign`` and ``pbctl verify``: frozen revisions, tags, tampered files named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli, run_pbctl
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    changed_files,
    commit_count,
    git,
    isolated_git,
    make_docx,
    records_workspace,
    subjects,
    trailers,
)

from pbctl.definition import yamlio
from pbctl.definition.workspace import Workspace
from pbctl.records.api import write_documents

AGREEMENT = make_docx("共建协议书", "第一条 甲乙双方")
AMENDED = make_docx("共建协议书", "第一条 甲乙丙三方")
DOC = "alliances/demo/documents/agreement.docx"


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    workspace = records_workspace(tmp_path / "ws")
    monkeypatch.chdir(workspace.root)
    write_documents(workspace, "demo", {"agreement": AGREEMENT,
                                        "charter": make_docx("章程")}, message=None)
    return workspace


def test_sign_records_date_sha_and_tag(ws: Workspace) -> None:
    result = run_cli("sign", "demo", "agreement", "--date", "2024-03-05", "-m", "签约揭牌仪式")
    assert result.exit_code == 0, result.output
    assert "agreement r1 signed 2024-03-05; tagged demo/agreement/signed-r1" in result.output
    assert subjects(ws.root)[0] == "sign(demo): agreement r1, signed 2024-03-05"
    assert ("Pbctl-Signed", "2024-03-05") in trailers(ws.root)
    assert changed_files(ws.root) == ["alliances/demo/records.yaml"]
    record = yamlio.load(ws.alliance_dir("demo") / "records.yaml").data["documents"]["agreement"]
    import hashlib

    assert record["signed"] == [{"revision": 1, "date": "2024-03-05",
                                 "sha256": hashlib.sha256(AGREEMENT).hexdigest(),
                                 "tag": "demo/agreement/signed-r1"}]
    assert git(ws.root, "rev-parse", "demo/agreement/signed-r1^{commit}") == \
        git(ws.root, "rev-parse", "HEAD")
    assert git(ws.root, "cat-file", "-t", "demo/agreement/signed-r1").strip() == "tag"
    verified = run_cli("verify")
    assert verified.exit_code == 0 and "1 signed file matches its records" in verified.output


def test_sign_then_amend_then_verify(ws: Workspace) -> None:
    assert run_cli("sign", "demo", "agreement", "--date", "2024-03-05").exit_code == 0
    with pytest.raises(Exception, match="frozen"):
        write_documents(ws, "demo", {"agreement": AMENDED}, message=None)
    write_documents(ws, "demo", {"agreement": AMENDED}, message="新增成员", amend=True)
    result = run_cli("verify", "demo")
    assert result.exit_code == 0, result.output
    assert run_cli("sign", "demo", "agreement", "--date", "2024-09-01").exit_code == 0
    assert git(ws.root, "tag", "--list").split() == ["demo/agreement/signed-r1",
                                                      "demo/agreement/signed-r2"]
    assert run_cli("verify").exit_code == 0


def test_tampered_signed_file_is_named(ws: Workspace) -> None:
    run_cli("sign", "demo", "agreement", "--date", "2024-03-05")
    (ws.root / DOC).write_bytes(AGREEMENT + b"tampered")
    result = run_cli("verify")
    assert result.exit_code == 1
    assert f"{DOC}: differs from the signed revision r1 (2024-03-05)" in result.output
    as_json = json.loads(run_cli("verify", "--format", "json").output)
    assert not as_json["ok"] and as_json["problems"][0]["file"] == DOC
    (ws.root / DOC).unlink()
    result = run_cli("verify")
    assert result.exit_code == 1 and f"{DOC}: is missing" in result.output


def test_missing_tag_is_named(ws: Workspace) -> None:
    run_cli("sign", "demo", "agreement", "--date", "2024-03-05")
    git(ws.root, "tag", "-d", "demo/agreement/signed-r1")
    result = run_cli("verify")
    assert result.exit_code == 1
    assert f"{DOC}: the tag demo/agreement/signed-r1 of signed r1 is missing" in result.output


def test_strict_checks_unsigned_documents_too(ws: Workspace) -> None:
    charter = ws.root / "alliances/demo/documents/charter.docx"
    charter.write_bytes(b"edited")
    assert run_cli("verify").exit_code == 0
    result = run_cli("verify", "--strict")
    assert result.exit_code == 1
    assert "charter.docx: differs from the recorded revision r1" in result.output


@pytest.mark.parametrize(("args", "message"), [
    (("demo", "agreement", "--date", "2024-02-01"), "before the alliance was founded"),
    (("demo", "agreement", "--date", "2999-01-01"), "is in the future"),
    (("demo", "agreement", "--date", "2024-13-01"), "is not a real date"),
    (("demo", "integrity-pact", "--date", "2024-03-05"), "has no recorded revision"),
    (("demo", "../x", "--date", "2024-03-05"), "is not a document kind"),
    (("nope", "agreement", "--date", "2024-03-05"), "no alliance 'nope'"),
])
def test_sign_errors(ws: Workspace, args: tuple[str, ...], message: str) -> None:
    count = commit_count(ws.root)
    result = run_cli("sign", *args)
    assert result.exit_code == 1 and message in result.output, result.output
    assert commit_count(ws.root) == count


@pytest.mark.slow
def test_sign_twice_or_a_changed_file_is_refused(ws: Workspace) -> None:
    assert run_cli("sign", "demo", "agreement", "--date", "2024-03-05").exit_code == 0
    again = run_cli("sign", "demo", "agreement", "--date", "2024-03-06")
    assert again.exit_code == 1 and "is already signed (2024-03-05" in again.output
    (ws.root / "alliances/demo/documents/charter.docx").write_bytes(b"x")
    changed = run_cli("sign", "demo", "charter", "--date", "2024-03-05")
    assert changed.exit_code == 1 and "differs from charter r1 as recorded" in changed.output


def test_outside_a_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for args in (("verify",), ("sign", "x", "agreement", "--date", "2024-01-01"),
                 ("history", "x")):
        result = run_cli(*args)
        assert result.exit_code == 1 and "pbctl init" in result.output, args


@pytest.mark.parametrize(("lang", "lines"), [
    ("en", ["error --date: 2999-01-01 is in the future (sign records a signing that "
            "happened)", "nothing was written"]),
    ("zh", ["错误 --date: 2999-01-01 是将来的日期（sign 记录的是已经发生的签署）",
            "没有写入任何内容"]),
])
def test_a_records_error_speaks_the_users_language(ws: Workspace, lang: str,
                                                   lines: list[str]) -> None:
    result = run_pbctl("sign", "demo", "agreement", "--date", "2999-01-01", cwd=ws.root,
                       env={"PBCTL_LANG": lang})
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == lines
