"""``pbctl status``: the state at fixed --as-of dates, as JSON and as text."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from helpers import run_cli
from tracking_helpers import build_workspace


@pytest.fixture
def ws(in_tmp: Path) -> Path:
    return build_workspace(in_tmp / "ws")


def status_json(ws: Path, *args: str) -> dict[str, Any]:
    result = run_cli("status", "--format", "json", *args, cwd=ws)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def demo(ws: Path, as_of: str) -> dict[str, Any]:
    data = status_json(ws, "demo", "--as-of", as_of)
    assert [a["id"] for a in data["alliances"]] == ["demo"]
    alliance: dict[str, Any] = data["alliances"][0]
    return alliance


def states(alliance: dict[str, Any]) -> dict[str, str]:
    return {d["ref"]: d["state"] for d in alliance["decisions"]["items"]}


def test_whole_workspace_lists_every_alliance(ws: Path) -> None:
    data = status_json(ws, "--as-of", "2024-07-01")
    assert data["as_of"] == "2024-07-01"
    assert [a["id"] for a in data["alliances"]] == ["demo", "other"]
    other = data["alliances"][1]
    # no meeting yet: the first is due one half-year after the founding (2023-01-10)
    assert other["meetings"]["last"] is None
    assert other["meetings"]["next_due"] == "2023-07-10"
    assert other["meetings"]["state"] == "overdue"
    assert data["summary"]["overdue_meetings"] == 1
    assert data["summary"]["overdue_decisions"] == 1
    assert data["summary"]["attention"] is True


def test_before_the_second_meeting(ws: Path) -> None:
    a = demo(ws, "2024-04-01")
    assert a["meetings"]["held"] == 1
    assert a["meetings"]["last"] == "2024-03-15"
    assert a["meetings"]["next_due"] == "2024-06-15"  # quarterly
    # 1.1 is done only on 2024-04-20: open on 2024-04-01
    assert states(a) == {"1.1": "open", "1.2": "open"}
    assert a["activities"]["held"] == 0


def test_one_decision_overdue_by_one_day(ws: Path) -> None:
    a = demo(ws, "2024-07-01")
    assert a["meetings"]["next_due"] == "2024-09-20"
    assert a["meetings"]["state"] == "scheduled"
    assert a["meetings"]["days"] == 81
    assert states(a) == {"1.1": "done", "1.2": "overdue", "2.1": "open", "2.2": "open"}
    assert a["decisions"]["open"] == 3
    assert a["decisions"]["done"] == 1
    assert a["decisions"]["overdue"] == 1
    overdue = next(d for d in a["decisions"]["items"] if d["ref"] == "1.2")
    assert overdue["days_overdue"] == 1
    assert overdue["owner_name"] == "乙大学党委"
    assert a["overdue"] is True


def test_meeting_due_soon_then_overdue(ws: Path) -> None:
    soon = demo(ws, "2024-09-01")["meetings"]
    assert (soon["state"], soon["days"]) == ("due-soon", 19)
    late = demo(ws, "2024-10-01")
    assert late["meetings"]["state"] == "overdue"
    assert late["meetings"]["days"] == -11
    assert states(late)["2.1"] == "overdue"
    assert late["decisions"]["overdue"] == 2


def test_decision_done_late_counts_from_its_date(ws: Path) -> None:
    a = demo(ws, "2024-10-10")
    item = next(d for d in a["decisions"]["items"] if d["ref"] == "2.1")
    assert item["state"] == "done"
    assert item["done"] == "2024-10-08"
    assert item["note"] == "已开展"


def test_recent_records_newest_first(ws: Path) -> None:
    a = demo(ws, "2024-10-01")
    assert [(r["kind"], r["number"]) for r in a["recent"]] == [
        ("study", 2), ("meeting", 2), ("observation", 1), ("meeting", 1)]
    assert a["recent"][1]["title"] == "第二次联席会议"


@pytest.mark.parametrize(("as_of", "state", "days_left"), [
    ("2024-12-29", "active", 61),
    ("2024-12-30", "renewal-due", 60),  # 60 days before the end of the term
    ("2025-02-28", "renewal-due", 0),  # the last day of the term
    ("2025-03-01", "expired", -1),
])
def test_term_renewal_and_expiry(ws: Path, as_of: str, state: str, days_left: int) -> None:
    term = demo(ws, as_of)["term"]
    assert term["end"] == "2025-02-28"
    assert (term["state"], term["days_left"]) == (state, days_left)


def test_renewal_days_setting(ws: Path) -> None:
    (ws / "pbctl.yaml").write_text("renewal_days: 90\n", encoding="utf-8")
    assert demo(ws, "2024-12-01")["term"]["state"] == "renewal-due"


def test_strict_exit_codes(ws: Path) -> None:
    assert run_cli("status", "demo", "--as-of", "2024-05-01", "--strict", cwd=ws).exit_code == 0
    assert run_cli("status", "demo", "--as-of", "2024-07-01", "--strict", cwd=ws).exit_code == 1
    # without --strict, overdue items still exit 0
    assert run_cli("status", "--as-of", "2024-07-01", cwd=ws).exit_code == 0


def test_text_table_says_states_in_words(ws: Path) -> None:
    result = run_cli("status", "--as-of", "2024-10-01", cwd=ws)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "demo" in out and "other" in out
    assert "overdue by" in out
    assert "not rendered" in out
    assert "need attention" in out


def test_detail_lists_open_decisions(ws: Path) -> None:
    result = run_cli("status", "demo", "--as-of", "2024-10-01", cwd=ws)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Open decisions" in out
    assert "共建实践基地" in out and "overdue by 93 days" in out
    assert "编制资源清单" in out and "no due date" in out
    assert "建立联络员制度" not in out.split("Open decisions")[1].split("Recent")[0]
    assert "党建阵地观摩" in out


def _registry(ws: Path, text: str) -> None:
    (ws / "alliances" / "demo" / "records.yaml").write_text(text, encoding="utf-8")


def test_document_states(ws: Path) -> None:
    docs = ws / "alliances" / "demo" / "documents"
    docs.mkdir()
    (docs / "charter.docx").write_bytes(b"draft bytes")
    agreement = b"signed agreement"
    (docs / "agreement.docx").write_bytes(agreement)
    (docs / "integrity-pact.docx").write_bytes(b"r2")
    sha = hashlib.sha256(agreement).hexdigest()
    other = "0" * 64
    _registry(ws, f"""\
documents:
  agreement:
    file: agreement.docx
    revision: 3
    sha256: {sha}
    date: 2024-12-03
    signed:
      - revision: 3
        date: 2024-12-03
        sha256: {sha}
        tag: demo/agreement/signed-r3
  integrity-pact:
    file: integrity-pact.docx
    revision: 2
    sha256: {other}
    date: 2025-01-05
    signed:
      - revision: 1
        date: 2024-12-03
        sha256: {other}
        tag: demo/integrity-pact/signed-r1
""")
    a = demo(ws, "2025-01-10")
    docs_state = {d["kind"]: d for d in a["documents"]}
    assert docs_state["charter"]["state"] == "draft"
    assert docs_state["agreement"]["state"] == "signed"
    assert docs_state["agreement"]["revision"] == 3
    assert docs_state["agreement"]["signed_on"] == "2024-12-03"
    assert docs_state["agreement"]["verified"] is True
    assert docs_state["integrity-pact"]["state"] == "changed"
    assert docs_state["integrity-pact"]["signed_revision"] == 1
    text = run_cli("status", "demo", "--as-of", "2025-01-10", cwd=ws).output
    assert "signed r3 on 2024-12-03" in text
    assert "changed since signing" in text

    (docs / "agreement.docx").write_bytes(b"tampered")
    a = demo(ws, "2024-05-01")
    agreement_state = next(d for d in a["documents"] if d["kind"] == "agreement")
    assert agreement_state["state"] == "verify-failed"
    assert a["verify_failed"] is True
    result = run_cli("status", "demo", "--as-of", "2024-05-01", "--strict", cwd=ws)
    assert result.exit_code == 1
    assert "fails verification" in result.output


def test_invalid_record_is_an_error_with_file_and_line(ws: Path) -> None:
    path = ws / "alliances" / "demo" / "meetings" / "003.yaml"
    path.write_text("number: 3\ndate: 2024-11-01\ndecisions:\n  - text: x\n    owner: zeta\n",
                    encoding="utf-8")
    result = run_cli("status", cwd=ws)
    assert result.exit_code == 1
    assert "alliances/demo/meetings/003.yaml:5:12" in result.output
    assert "zeta" in result.output


def test_duplicate_numbers_and_misnamed_files_are_errors(ws: Path) -> None:
    meetings = ws / "alliances" / "demo" / "meetings"
    (meetings / "007.yaml").write_text("number: 2\ndate: 2024-11-01\n", encoding="utf-8")
    result = run_cli("status", "demo", cwd=ws)
    assert result.exit_code == 1
    assert "number 2 does not match the file name 007.yaml" in result.output


def test_unknown_alliance_and_bad_date(ws: Path) -> None:
    result = run_cli("status", "dmeo", cwd=ws)
    assert result.exit_code == 1
    assert "did you mean 'demo'?" in result.output
    result = run_cli("status", "--as-of", "2024-13-01", cwd=ws)
    assert result.exit_code == 2
    assert "not a real date" in result.output


def test_outside_a_workspace(in_tmp: Path) -> None:
    result = run_cli("status", cwd=in_tmp)
    assert result.exit_code == 1
    assert "not in a pbctl workspace" in result.output


def test_empty_workspace(in_tmp: Path) -> None:
    (in_tmp / "pbctl.yaml").write_text("", encoding="utf-8")
    result = run_cli("status", cwd=in_tmp)
    assert result.exit_code == 0
    assert "no alliances" in result.output
    assert json.loads(run_cli("status", "--format", "json", cwd=in_tmp).output)[
        "alliances"] == []


def test_no_progress_bar_when_piped(ws: Path) -> None:
    # Two alliances: on a terminal a bar would be drawn; piped, stderr stays empty and the
    # whole output (stdout and stderr together) is one JSON document.
    result = run_cli("status", "--format", "json", cwd=ws)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert [a["id"] for a in json.loads(result.output)["alliances"]] == ["demo", "other"]
