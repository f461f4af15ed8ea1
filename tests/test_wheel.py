"""pbctl installed from its wheel (not editable, not the checkout) renders documents.

The built-in templates are package data read through importlib.resources: a wheel that
lacked them would install fine and fail at the first render with "no such template".
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import EXAMPLES, ROOT


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                          check=False, timeout=540, env=env)
    assert proc.returncode == 0, f"{args}: {proc.stdout}\n{proc.stderr}"
    return proc


@pytest.mark.slow
def test_the_wheel_renders_an_example_in_a_fresh_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, ROOT, cwd=tmp_path)
    [wheel] = dist.glob("pbctl-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "pbctl/rendering/templates/agreement/agreement.md.j2" in names
    assert "pbctl/py.typed" in names

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    _run(python, "-m", "pip", "install", "-q", wheel, cwd=tmp_path)
    # Not the checkout: the installed package lives in the new venv's site-packages.
    located = _run(python, "-c", "import pbctl; print(pbctl.__file__)", cwd=tmp_path)
    assert str(venv) in located.stdout and str(ROOT) not in located.stdout

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    out = tmp_path / "out"
    _run(venv / "bin" / "pbctl", "render", "all", EXAMPLES / "health-chain" / "alliance.yaml",
         "-o", out, cwd=tmp_path, env=env)
    made = sorted(p.name for p in out.iterdir())
    assert made == ["agreement.docx", "charter.docx", "integrity-pact.docx"]
    with zipfile.ZipFile(out / "agreement.docx") as docx:
        assert "产学研融通赋能大健康产业创新链党建联建" in docx.read("word/document.xml").decode()

    # A user's type checker sees the installed package's real signatures (py.typed).
    snippet = tmp_path / "snippet.py"
    snippet.write_text("from pbctl import load_alliance\nreveal_type(load_alliance)\n",
                       encoding="utf-8")
    typed = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir",
                            os.devnull, "--python-executable", str(python), str(snippet)],
                           cwd=tmp_path, capture_output=True, text=True, check=False)
    revealed = re.findall(r'Revealed type is "(.*)"', typed.stdout)
    assert revealed and revealed[0].endswith("-> pbctl.definition.model.Alliance"), typed.stdout
