"""records.yaml is read without pydantic, yet every problem reads like the model's: file,
line, column, field and a did-you-mean, all at once."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from pbctl.definition import yamlio
from pbctl.definition.registry import DocumentRecord, Registry, Signature, validate_registry
from pbctl.errors import ValidationError
from pbctl.records import registry as reg

SHA = "a" * 64
PDF = "b" * 64
GOOD = f"""\
documents:
  agreement:
    file: agreement.docx
    revision: 2
    sha256: {SHA}
    date: 2024-12-03
    signed:
    - revision: 1
      date: 2024年3月5日
      sha256: {SHA}
      tag: demo/agreement/signed-r1
      pdf_sha256: {PDF}
"""


def problems(text: str) -> list[str]:
    registry, found = validate_registry(yamlio.loads(text, "records.yaml"))
    assert (registry is None) == bool(found)
    return [str(p) for p in found]


def test_a_good_file_gives_the_records_and_dumps_back_to_the_same_data() -> None:
    registry = reg.parse(GOOD, "records.yaml")
    signature = Signature(revision=1, date=dt.date(2024, 3, 5), sha256=SHA,
                          tag="demo/agreement/signed-r1", pdf_sha256=PDF)
    assert registry == Registry(documents={"agreement": DocumentRecord(
        file="agreement.docx", revision=2, sha256=SHA, date=dt.date(2024, 12, 3),
        signed=[signature])})
    assert registry.documents["agreement"].signature(1) == signature
    assert registry.documents["agreement"].signature() is None
    assert reg.parse(reg.dumps(registry), "again") == registry
    assert "pdf_sha256" not in reg.dumps(Registry(documents={"c": DocumentRecord(
        file="c.docx", revision=1, sha256=SHA, date=dt.date(2024, 1, 1), signed=[
            Signature(revision=1, date=dt.date(2024, 1, 2), sha256=SHA, tag="t")])}))


def test_an_empty_file_is_no_records_yet() -> None:
    assert reg.parse("", "records.yaml") == Registry()
    assert reg.parse("# only a comment\n", "records.yaml") == Registry()


@pytest.mark.parametrize(("text", "expected"), [
    ("- a\n", "records.yaml:1:1: expected a mapping of keys and values, got a list"),
    ("documnets: {}\n", "records.yaml:1:1: documnets: unknown key 'documnets' "
                        "(did you mean 'documents'?)"),
    ("documents: {charter: 3}\n",
     "records.yaml:1:22: documents.charter: expected a mapping of keys and values, got 3"),
    (GOOD.replace("    revision: 2\n", ""),
     "records.yaml:3:5: documents.agreement.revision: is required but not given"),
    (GOOD.replace("file: agreement.docx", "file: ''"),
     "records.yaml:3:11: documents.agreement.file: '' is not the name of a .docx in the "
     "documents folder (such as agreement.docx)"),
    (GOOD.replace("file: agreement.docx", "file: ../../../etc/x.docx"),
     "records.yaml:3:11: documents.agreement.file: '../../../etc/x.docx' is not the name "
     "of a .docx in the documents folder (such as agreement.docx)"),
    (GOOD.replace("revision: 2", "revision: '2'"),
     "records.yaml:4:15: documents.agreement.revision: expected a whole number, got '2'"),
    (GOOD.replace("revision: 2", "revision: 0"),
     "records.yaml:4:15: documents.agreement.revision: a revision number starts at 1, got 0"),
    (GOOD.replace("revision: 2", "revision: true"),
     "records.yaml:4:15: documents.agreement.revision: expected a whole number, got true "
     "(a YAML boolean)"),
    (GOOD.replace(f"    sha256: {SHA}", "    sha256: 5f0c"),
     "records.yaml:5:13: documents.agreement.sha256: '5f0c' is not a sha256 digest "
     "(64 characters 0-9 and a-f)"),
    (GOOD.replace("2024-12-03", "2024-13-03"),
     "records.yaml:6:11: documents.agreement.date: '2024-13-03' is not a real date "
     "(month must be in 1..12)"),
    (GOOD.replace("    signed:\n", "    signed: 7\n    sined:\n"),
     "records.yaml:7:13: documents.agreement.signed: expected a list, got 7"),
    (GOOD.replace("      tag: demo", "      tagg: demo"),
     "records.yaml:11:7: documents.agreement.signed[0].tagg: unknown key 'tagg' "
     "(did you mean 'tag'?)"),
    (GOOD.replace("demo/agreement/signed-r1", "[1]"),
     "records.yaml:11:12: documents.agreement.signed[0].tag: expected text, got a list "
     "(quote the value to keep it as text)"),
    (GOOD.replace(f"pdf_sha256: {PDF}", "pdf_sha256: 7"),
     "records.yaml:12:19: documents.agreement.signed[0].pdf_sha256: 7 is not a sha256 "
     "digest (64 characters 0-9 and a-f)"),
])
def test_each_problem_is_named_at_its_line_and_column(text: str, expected: str) -> None:
    assert expected in problems(text)
    with pytest.raises(ValidationError):
        reg.parse(text, "records.yaml")


def test_every_problem_of_the_file_is_reported_at_once() -> None:
    text = GOOD.replace("revision: 2", "revision: 0").replace("2024-12-03", "x")
    text = text.replace("      tag: demo/agreement/signed-r1\n", "")
    assert [line.split(": ", 2)[1] for line in problems(text)] == [
        "documents.agreement.signed[0].tag", "documents.agreement.revision",
        "documents.agreement.date"]


def test_reading_records_imports_no_pydantic() -> None:
    code = ("import sys; from pbctl.records import registry as reg; "
            f"reg.parse({GOOD!r}, 'x'); print('pydantic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


def test_a_records_file_that_names_no_document_is_a_message_not_a_crash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """records.yaml comes through sync: an empty or path-like file name used to end verify
    and render -o in a traceback (exit 3)."""
    from helpers import run_cli

    ws = tmp_path / "ws"
    assert run_cli("init", str(ws)).exit_code == 0
    monkeypatch.chdir(ws)
    assert run_cli("new", "alliance", "--from", "health-chain").exit_code == 0
    assert run_cli("render", "agreement", "health-chain").exit_code == 0
    records = ws / "alliances/health-chain/records.yaml"
    records.write_text(records.read_text(encoding="utf-8").replace(
        "file: agreement.docx", "file: ''"), encoding="utf-8")
    for args in (("verify",), ("check",), ("render", "agreement", "health-chain", "-o",
                                          "alliances/health-chain/documents/agreement.docx")):
        result = run_cli(*args)
        assert result.exit_code == 1, (args, result.output)
        assert "records.yaml:" in result.output and "documents.agreement.file: ''" in \
            result.output, (args, result.output)
