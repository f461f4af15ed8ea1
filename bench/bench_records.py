"""Benchmark cases for the records layer: ``pbctl log meeting`` with 0 and 9,000 prior
records (record numbers stop at 9,999).

The cost of recording a meeting must not grow with the records already kept: the next
number comes from one directory listing, and a commit reads HEAD's tree into a temporary
index, never the history. The two cases time the same command in a workspace with no
meetings and in one with 9,000 (committed in one commit); their ratio should stay close
to 1.

Interface (for bench/bench.py)::

    from bench_records import cases
    for case in cases():
        ratio = case.pop("max_ratio", None)
        register(**case, target=Target(ratio) if ratio else None)

``cases()`` returns dicts whose keys are ``register``'s parameters (``name``, ``run``,
``baseline``, ``setup``, ``about``, ``runs``) plus ``max_ratio``. ``run`` is an argv list;
``setup`` builds (once, under bench/.work/, reused while its stamp is current) and then
resets the workspace to its base commit, so every bench session starts from exactly 0 and
9,000 prior records. Standalone: ``python bench/bench_records.py`` prints both medians
and the ratio.
"""

from __future__ import annotations

import os
import shutil
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
PRIOR_COUNTS = (0, 9_000)
MAX_RATIO = 1.25
_VERSION = "1"

ALLIANCE = """\
id: demo
name: 基准测试产业链党建联建
founded: 2020-01-01
members:
{members}
lead: m01
secretariat: m02
"""
MEETING = """\
number: {n}
date: 2024-{month:02d}-{day:02d}
venue: 第{n}会议室
title: 第{n}次联席会议
host: m{host:02d}
attendees:
- member: m01
  names:
  - 张三
- member: m02
topics:
- 审议第{n}项工作
decisions:
- text: 落实第{n}项任务
  owner: m03
  due: 2025-06-30
recorder: 李四
"""


def workspace(prior: int) -> Path:
    return WORK / f"records-{prior}"


def _git(root: Path, *args: str) -> str:
    env = {**os.environ, "LC_ALL": "C", "GIT_AUTHOR_NAME": "bench", "GIT_COMMITTER_NAME": "bench",
           "GIT_AUTHOR_EMAIL": "bench@localhost", "GIT_COMMITTER_EMAIL": "bench@localhost"}
    return subprocess.run(["git", "-C", str(root), *args], env=env, check=True,
                          capture_output=True, text=True).stdout.strip()


def _build(prior: int) -> str:
    """Make the workspace with ``prior`` meetings in one commit; the base commit's sha."""
    root = workspace(prior)
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    subprocess.run([str(BIN / "pbctl"), "init", str(root)], check=True, capture_output=True)
    alliance_dir = root / "alliances" / "demo"
    members = "\n".join(f"- id: m{i:02d}\n  name: 第{i}党支部" for i in range(1, 11))
    (alliance_dir / "meetings").mkdir(parents=True)
    (alliance_dir / "alliance.yaml").write_text(ALLIANCE.format(members=members),
                                                encoding="utf-8")
    for n in range(1, prior + 1):
        text = MEETING.format(n=n, month=n % 12 + 1, day=n % 28 + 1, host=n % 10 + 1)
        (alliance_dir / "meetings" / f"{n:03d}.yaml").write_text(text, encoding="utf-8")
    _git(root, "add", "alliances")
    _git(root, "commit", "-q", "-m", f"bench: {prior} prior meetings")
    return _git(root, "rev-parse", "HEAD")


def setup(prior: int) -> Callable[[], None]:
    """Build once (stamped), then reset to the base commit before each bench session."""

    def run() -> None:
        root = workspace(prior)
        stamp = root / ".git" / "bench-stamp"
        base = None
        if stamp.is_file():
            version, _, sha = stamp.read_text().partition(" ")
            base = sha.strip() if version == _VERSION else None
        if base is None:
            base = _build(prior)
            stamp.write_text(f"{_VERSION} {base}")
        _git(root, "reset", "-q", "--hard", base)
        _git(root, "clean", "-fdq", "alliances")

    return run


def command(prior: int) -> list[str]:
    return [str(BIN / "pbctl"), "-C", str(workspace(prior)), "log", "meeting", "demo",
            "--date", "2025-03-01", "--venue", "会议室", "--attendee", "m01:张三,王五",
            "--topic", "审议年度计划", "--decision", "联合申报课题;owner=m02;due=2025-06-30",
            "-m", "bench"]


def cases() -> list[dict[str, Any]]:
    baseline, large = PRIOR_COUNTS
    return [
        {"name": f"log-meeting-{baseline}", "run": command(baseline),
         "setup": setup(baseline),
         "about": "baseline: `pbctl log meeting` in a workspace with no prior records"},
        {"name": f"log-meeting-{large}", "run": command(large),
         "baseline": f"log-meeting-{baseline}", "setup": setup(large), "max_ratio": MAX_RATIO,
         "about": f"`pbctl log meeting` with {large:,} prior records (one commit): ~1x"},
    ]


def main() -> int:
    results = {}
    for case in cases():
        case["setup"]()
        subprocess.run(case["run"], check=True, capture_output=True)  # warm-up
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(case["run"], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        results[case["name"]] = statistics.median(times)
        print(f"{case['name']:24} median {results[case['name']]:.3f} s")
    small, large = (results[f"log-meeting-{n}"] for n in PRIOR_COUNTS)
    print(f"ratio {large / small:.2f}x (target <= {MAX_RATIO}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
