"""Benchmark case: ``pbctl verify`` on 200 signed documents, against hashing them.

verify checks each signature against its records entry, its tag, the tagged commit, the file
then and now (and the PDF): a fixed handful of git processes for all documents together,
plus one sha256 per file. The baseline is what a script checking the same files would do:
``sha256sum`` on each file (one process per file). Target: within 2x of it.

    python bench/bench_verify.py       # standalone: both medians and the ratio
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
BIN = Path(sys.executable).parent
DOCUMENTS = 200
SIZE = 40_000  # bytes of a typical rendered .docx
MAX_RATIO = 2.0
_VERSION = "1"

ALLIANCE = """\
id: demo
name: 基准测试党建联建
founded: 2020-01-01
members:
- id: m01
  name: 第一党支部
- id: m02
  name: 第二党支部
lead: m01
"""


def workspace() -> Path:
    return WORK / f"verify-{DOCUMENTS}"


def documents() -> list[Path]:
    folder = workspace() / "alliances" / "demo" / "documents"
    return sorted(folder.glob("*.docx"))


def _build() -> None:
    import shutil

    from pbctl.definition.workspace import Workspace
    from pbctl.records.api import init_workspace, record_new_alliance, sign, write_documents

    root = workspace()
    shutil.rmtree(root, ignore_errors=True)
    init_workspace(root)
    ws = Workspace(root.resolve())
    path = ws.alliance_file("demo")
    path.parent.mkdir(parents=True)
    path.write_text(ALLIANCE, encoding="utf-8")
    record_new_alliance(ws, "demo", path, None)
    rng = random.Random(11)
    outputs = {f"doc-{i:03d}": rng.randbytes(SIZE) for i in range(1, DOCUMENTS + 1)}
    write_documents(ws, "demo", outputs, message=None)
    for kind in outputs:
        sign(ws, "demo", kind, "2024-03-05", message=None)


def setup() -> None:
    stamp = workspace() / ".git" / "bench-stamp"
    if not (stamp.is_file() and stamp.read_text() == _VERSION):
        env_before = dict(os.environ)
        os.environ.update({"GIT_AUTHOR_NAME": "bench", "GIT_COMMITTER_NAME": "bench",
                           "GIT_AUTHOR_EMAIL": "bench@localhost",
                           "GIT_COMMITTER_EMAIL": "bench@localhost"})
        try:
            _build()
        finally:
            os.environ.clear()
            os.environ.update(env_before)
        stamp.write_text(_VERSION)


def verify_command() -> list[str]:
    return [str(BIN / "pbctl"), "-C", str(workspace()), "verify"]


def baseline_command() -> list[str]:
    folder = workspace() / "alliances" / "demo" / "documents"
    return ["sh", "-c", f'cd "{folder}" && for f in *.docx; do sha256sum "$f"; done >/dev/null']


def cases() -> list[dict[str, Any]]:
    return [
        {"name": f"sha256sum-{DOCUMENTS}", "run": baseline_command(), "setup": setup,
         "about": f"baseline: sha256sum on each of {DOCUMENTS} signed files"},
        {"name": f"verify-{DOCUMENTS}", "run": verify_command(),
         "baseline": f"sha256sum-{DOCUMENTS}", "setup": setup, "max_ratio": MAX_RATIO,
         "about": f"`pbctl verify` on {DOCUMENTS} signed documents (tags, commits, files)"},
    ]


def _median(command: list[str], runs: int = 5) -> float:
    subprocess.run(command, check=True, capture_output=True)
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    setup()
    run: Callable[[list[str]], float] = _median
    base, verify = run(baseline_command()), run(verify_command())
    print(f"sha256sum-{DOCUMENTS:<6} median {base:.3f} s")
    print(f"verify-{DOCUMENTS:<9} median {verify:.3f} s")
    print(f"ratio {verify / base:.2f}x (target <= {MAX_RATIO}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
