"""What ``pbctl render`` of an alliance's document imports: only what that document needs
(issue #9's render benchmark; each module costs start-up time in every run)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

#: Modules an alliance's charter, agreement or integrity pact never needs: the meeting and
#: activity models, the news release, the signing and store machinery, GitPython.
NOT_NEEDED = ("pbctl.definition.events", "pbctl.rendering.news", "pbctl.records.signing",
              "pbctl.records.store", "git")


def _imported_by(tmp_path: Path, *args: str) -> list[str]:
    script = (
        "import sys, runpy\n"
        f"sys.argv = ['pbctl', *{list(args)!r}]\n"
        "try:\n"
        "    runpy.run_module('pbctl', run_name='__main__')\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, None), exc.code\n"
        f"print('SEEN=' + ','.join(sorted(m for m in {NOT_NEEDED!r} if m in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60, env={**os.environ, "NO_COLOR": "1"},
                            check=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.docx").is_file()
    return result.stdout.splitlines()[-1].removeprefix("SEEN=").split(",")


@pytest.mark.slow
def test_render_agreement_to_a_file_imports_nothing_it_does_not_need(tmp_path: Path) -> None:
    example = ROOT / "examples" / "health-chain" / "alliance.yaml"
    assert _imported_by(tmp_path, "render", "agreement", str(example), "-o", "out.docx") == [""]


@pytest.mark.slow
def test_the_probe_above_sees_the_records_of_minutes(tmp_path: Path) -> None:
    """Guard against a probe that cannot fail: minutes need the meeting model."""
    example = ROOT / "examples" / "health-chain" / "alliance.yaml"
    seen = _imported_by(tmp_path, "render", "minutes", str(example), "1", "-o", "out.docx")
    assert "pbctl.definition.events" in seen
