"""Signatures that hold: each way of faking or losing a signature fails ``verify`` naming the
document, and a signed file is replaced by no path without ``--amend``."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from helpers import run_cli
from records_helpers import (  # noqa: F401  (isolated_git is an autouse fixture)
    git,
    isolated_git,
    make_docx,
    records_workspace,
    trailers,
)

from pbctl.definition import yamlio
from pbctl.definition.workspace import Workspace
from pbctl.errors import RecordsError
from pbctl.records.api import write_documents

AGREEMENT = make_docx("共建协议书", "第一条 甲乙双方")
FORGED = make_docx("共建协议书", "第一条 甲方独享")
PDF = b"%PDF-1.4 signed agreement\n%%EOF\n"
DOC = "alliances/demo/documents/agreement.docx"
PDF_PATH = "alliances/demo/documents/agreement.pdf"
RECORDS = "alliances/demo/records.yaml"
TAG = "demo/agreement/signed-r1"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    workspace = records_workspace(tmp_path / "ws")
    monkeypatch.chdir(workspace.root)
    write_documents(workspace, "demo", {"agreement": AGREEMENT, "charter": make_docx("章程")},
                    message=None, extra={"agreement.pdf": PDF})
    signed = run_cli("sign", "demo", "agreement", "--date", "2024-03-05")
    assert signed.exit_code == 0, signed.output
    assert run_cli("verify").exit_code == 0
    return workspace


def failing(expected: str = DOC) -> str:
    result = run_cli("verify")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"{expected}: " in result.output, result.output
    return result.output


def commit_all(root: Path, message: str = "edit") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def test_the_tag_and_the_commit_carry_document_revision_and_hashes(ws: Workspace) -> None:
    message = git(ws.root, "cat-file", "tag", TAG)
    assert "demo agreement r1 signed 2024-03-05" in message
    assert f"Pbctl-Sha256: {sha(AGREEMENT)}" in message
    assert f"Pbctl-Pdf-Sha256: {sha(PDF)}" in message
    assert "Pbctl-Document: agreement" in message and "Pbctl-Revision: 1" in message
    said = dict(trailers(ws.root, TAG))
    assert said["Pbctl-Sha256"] == sha(AGREEMENT) and said["Pbctl-Pdf-Sha256"] == sha(PDF)
    record = yamlio.load(ws.root / RECORDS).data["documents"]["agreement"]["signed"][0]
    assert record["pdf_sha256"] == sha(PDF)


def test_removing_the_signed_entry_fails_and_render_is_refused(ws: Workspace) -> None:
    path = ws.root / RECORDS
    data = yamlio.load(path).data
    del data["documents"]["agreement"]["signed"]
    path.write_text(yamlio.dumps(data), encoding="utf-8")
    commit_all(ws.root)
    assert "records.yaml has no such signature" in failing()
    with pytest.raises(RecordsError, match="tagged as signed"):
        write_documents(ws, "demo", {"agreement": FORGED}, message=None)
    assert (ws.root / DOC).read_bytes() == AGREEMENT


def test_dropping_the_sign_commit_fails(ws: Workspace) -> None:
    git(ws.root, "reset", "-q", "--hard", "HEAD~1")
    failing()


def test_removing_the_file_fails(ws: Workspace) -> None:
    (ws.root / DOC).unlink()
    assert "is missing" in failing()


def test_tampered_file_with_rewritten_records_and_a_remade_tag_fails(ws: Workspace) -> None:
    (ws.root / DOC).write_bytes(FORGED)
    text = (ws.root / RECORDS).read_text(encoding="utf-8").replace(sha(AGREEMENT), sha(FORGED))
    (ws.root / RECORDS).write_text(text, encoding="utf-8")
    commit_all(ws.root, "sign(demo): agreement r1\n\nPbctl-Document: agreement\n"
                        f"Pbctl-Sha256: {sha(FORGED)}")
    assert "disagree on sha256" in failing()
    message = git(ws.root, "cat-file", "tag", TAG).split("\n\n", 1)[1]
    git(ws.root, "tag", "-f", "-a", "-m", message.replace(sha(AGREEMENT), sha(FORGED)), TAG,
        "HEAD")
    assert "does not point at the commit that recorded this signature" in failing()


def test_rewritten_records_alone_fail(ws: Workspace) -> None:
    text = (ws.root / RECORDS).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    signed_at = next(i for i, line in enumerate(lines) if "signed:" in line)
    for i in range(signed_at, len(lines)):
        if "sha256:" in lines[i] and "pdf" not in lines[i]:
            lines[i] = lines[i].replace(sha(AGREEMENT), sha(FORGED))
            break
    (ws.root / RECORDS).write_text("".join(lines), encoding="utf-8")
    assert "disagree on sha256" in failing()


def test_a_tag_force_moved_to_another_commit_fails(ws: Workspace) -> None:
    message = git(ws.root, "cat-file", "tag", TAG).split("\n\n", 1)[1]
    (ws.root / "note.txt").write_text("x", encoding="utf-8")
    commit_all(ws.root)
    git(ws.root, "tag", "-f", "-a", "-m", message, TAG, "HEAD")
    assert "does not point at the commit that recorded this signature" in failing()


def test_a_remade_sign_commit_holding_another_file_fails(ws: Workspace) -> None:
    """The file now matches the signature, but the tag was re-made on a look-alike sign
    commit holding other bytes: the tagged file is compared, not taken from the file now."""
    message = git(ws.root, "cat-file", "tag", TAG).split("\n\n", 1)[1]
    (ws.root / DOC).write_bytes(FORGED)
    records = ws.root / RECORDS
    records.write_text(records.read_text(encoding="utf-8") + "# re-made\n", encoding="utf-8")
    commit_all(ws.root, "sign(demo): agreement r1\n\nPbctl-Document: agreement\n"
                        f"Pbctl-Revision: 1\nPbctl-Sha256: {sha(AGREEMENT)}")
    git(ws.root, "tag", "-f", "-a", "-m", message, TAG, "HEAD")
    (ws.root / DOC).write_bytes(AGREEMENT)
    assert "the file in the tagged commit demo/agreement/signed-r1 differs" in failing()


def test_a_tag_name_with_a_line_break_in_records_fails_cleanly(ws: Workspace) -> None:
    """git's batch protocol is one name a line: a name holding a line break is never sent."""
    path = ws.root / RECORDS
    data = yamlio.load(path).data
    data["documents"]["agreement"]["signed"][0]["tag"] = f"{TAG}\nrefs/tags/{TAG}"
    path.write_text(yamlio.dumps(data), encoding="utf-8")
    assert "pbctl tags it demo/agreement/signed-r1" in failing()


def test_a_lightweight_tag_in_its_place_fails(ws: Workspace) -> None:
    git(ws.root, "tag", "-f", TAG, "HEAD")
    assert "not the annotated tag pbctl makes" in failing()


def test_a_tag_with_no_records_entry_fails(ws: Workspace) -> None:
    git(ws.root, "tag", "-a", "-m", "demo charter r1 signed 2024-03-05",
        "demo/charter/signed-r1", "HEAD")
    output = failing("alliances/demo/documents/charter.docx")
    assert "demo/charter/signed-r1 says r1 was signed" in output


def test_a_records_entry_with_no_tag_fails(ws: Workspace) -> None:
    git(ws.root, "tag", "-d", TAG)
    assert "is missing" in failing()


def test_a_changed_signed_pdf_fails(ws: Workspace) -> None:
    (ws.root / PDF_PATH).write_bytes(PDF + b"% changed\n")
    assert "its PDF alliances/demo/documents/agreement.pdf differs" in failing()
    (ws.root / PDF_PATH).unlink()
    assert "signed PDF" in failing()


def test_a_new_pdf_for_a_signed_document_is_refused_without_amend(ws: Workspace) -> None:
    with pytest.raises(RecordsError, match="frozen"):
        write_documents(ws, "demo", {"agreement": AGREEMENT}, message=None,
                        extra={"agreement.pdf": PDF + b"% regenerated\n"})
    assert (ws.root / PDF_PATH).read_bytes() == PDF


def test_render_o_onto_a_signed_file_is_refused(ws: Workspace) -> None:
    before = (ws.root / DOC).read_bytes()
    result = run_cli("render", "agreement", "demo", "-o", DOC)
    assert result.exit_code == 1, result.output
    assert "signed on 2024-03-05; -o would replace it" in result.output
    folder = run_cli("render", "agreement", "demo", "-o", "alliances/demo/documents")
    assert folder.exit_code == 1
    assert (ws.root / DOC).read_bytes() == before
    assert run_cli("verify").exit_code == 0


def _ssh_signing(root: Path, tmp: Path) -> Path:
    import subprocess

    key = tmp / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    allowed = tmp / "allowed_signers"
    allowed.write_text(f"tester@example.org {(tmp / 'key.pub').read_text().strip()}\n",
                       encoding="utf-8")
    git(root, "config", "gpg.format", "ssh")
    git(root, "config", "user.signingkey", str(tmp / "key.pub"))
    git(root, "config", "gpg.ssh.allowedSignersFile", str(allowed))
    return allowed


def test_with_a_signing_key_the_tag_is_signed_and_verified(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    workspace = records_workspace(tmp_path / "ws")
    monkeypatch.chdir(workspace.root)
    allowed = _ssh_signing(workspace.root, tmp_path)
    write_documents(workspace, "demo", {"agreement": AGREEMENT}, message=None)
    assert run_cli("sign", "demo", "agreement", "--date", "2024-03-05").exit_code == 0
    assert "-----BEGIN SSH SIGNATURE-----" in git(workspace.root, "cat-file", "tag", TAG)
    assert run_cli("verify").exit_code == 0
    # a key that is not among the allowed signers: the tag no longer verifies
    allowed.write_text("", encoding="utf-8")
    assert "the signature of the tag demo/agreement/signed-r1 does not verify" in failing()


def test_a_forgery_is_named_in_the_users_language(ws: Workspace,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    git(ws.root, "tag", "-f", TAG, "HEAD")
    monkeypatch.setenv("PBCTL_LANG", "zh")
    assert ("标签 demo/agreement/signed-r1 不是 pbctl 生成的附注标签（是手工打的轻量标签？）"
            in failing())
    monkeypatch.setenv("PBCTL_LANG", "en")
    assert ("the tag demo/agreement/signed-r1 is not the annotated tag pbctl makes "
            "(a lightweight tag, made by hand?)" in failing())
