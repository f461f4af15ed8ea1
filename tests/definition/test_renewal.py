"""Renewing an agreement: term.start moves past the current term, a revision each."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from helpers import EXAMPLES, MINIMAL, run_cli, write_yaml

from pbctl.definition.loading import load_alliance
from pbctl.definition.renewal import renew


@pytest.mark.parametrize(
    ("term_text", "expected_line"),
    [
        ("term:\n  start: 2024-03-01  # signed at the ceremony\n  years: 2\n",
         "  start: 2026-03-01  # signed at the ceremony"),
        ("term:\n  years: 2\n", "  start: 2026-03-01"),
        ("term: {years: 2}\n", "term: {start: 2026-03-01, years: 2}"),
        ("", "  start: 2027-03-01"),  # no term: the default of three years from founding
    ],
)
def test_renew_moves_the_term_start_and_keeps_the_rest(tmp_path: Path, term_text: str,
                                                       expected_line: str) -> None:
    path = tmp_path / "a.yaml"
    write_yaml(path, "# my comment\n" + MINIMAL + term_text)
    renewal = renew(path, "a.yaml")
    assert expected_line in renewal.text.splitlines()
    assert renewal.text.startswith("# my comment\n")
    assert renewal.alliance.term_start == renewal.start
    assert renewal.end == renewal.start.replace(year=renewal.start.year
                                                + renewal.alliance.term.years) \
        - dt.timedelta(days=1)
    assert path.read_text(encoding="utf-8") != renewal.text  # nothing written yet


@pytest.mark.slow
def test_render_renew_records_the_term_then_amends_the_signed_agreement(tmp_path: Path
                                                                         ) -> None:
    ws = tmp_path / "ws"
    assert run_cli("init", str(ws)).exit_code == 0
    assert run_cli("-C", str(ws), "new", "alliance", "--from",
                   str(EXAMPLES / "health-chain" / "alliance.yaml")).exit_code == 0
    assert run_cli("-C", str(ws), "render", "agreement", "health-chain").exit_code == 0
    assert run_cli("-C", str(ws), "sign", "health-chain", "agreement", "--date",
                   "2024-12-03").exit_code == 0
    old = load_alliance(ws / "alliances/health-chain/alliance.yaml")

    result = run_cli("-C", str(ws), "render", "agreement", "health-chain", "--renew",
                     "-m", "续签")
    assert result.exit_code == 0, result.output
    new = load_alliance(ws / "alliances/health-chain/alliance.yaml")
    assert new.term_start == old.term_end + dt.timedelta(days=1)
    log = subprocess.run(["git", "-C", str(ws), "log", "--format=%s", "-3"],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert log[0] == "render(health-chain): agreement r2 (amends signed r1)"
    assert log[1].startswith("renew(health-chain): term 2027-12-03/2030-12-02")
    tags = subprocess.run(["git", "-C", str(ws), "tag"], capture_output=True, text=True,
                          check=True).stdout.split()
    assert tags == ["health-chain/agreement/signed-r1"]  # the signed revision stays tagged
    assert run_cli("-C", str(ws), "verify").exit_code == 0


def test_renew_is_only_for_the_agreement_and_not_with_output(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    write_yaml(path, MINIMAL)
    result = run_cli("render", "charter", str(path), "--renew")
    assert result.exit_code == 2 and "--renew renews the term" in result.output
    result = run_cli("render", "agreement", str(path), "--renew", "-o", str(tmp_path / "x"))
    assert result.exit_code == 2 and "cannot be used with -o" in result.output
