"""Benchmark cases for tracking: ``pbctl status`` against merely loading the same files.

A workspace of 500 alliances with 20 joint meetings (2–3 decisions each) and 5 activities
each is generated under bench/.work/tracking-200x20/ (once, from a fixed seed). Two cases:

* ``load-200x20`` (baseline): a process that loads and validates every definition,
  meeting and activity with ``pbctl.definition.loading`` (``load_alliance`` + ``load_record``);
* ``status-200x20``: ``pbctl -C <workspace> status --format json`` in a process.

Both pay the same interpreter start-up and imports, so the ratio shows what status costs
beyond loading (target: at most 1.5x).

Interface for bench/bench.py: :func:`cases` returns one dict per case whose keys match
``register()``'s parameters (``name``, ``run``, ``baseline``, ``setup``, ``about``, ``runs``)
plus ``max_ratio`` for its ``Target``::

    for case in bench_tracking.cases():
        register(**{k: v for k, v in case.items() if k != "max_ratio"},
                 target=Target(case["max_ratio"]) if case["max_ratio"] else None)

Run on its own, ``python bench/bench_tracking.py`` times both (in processes, interleaved)
and prints the medians and their ratio; ``--load DIR`` is the baseline's body.
"""

from __future__ import annotations

import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
ALLIANCES = 500
MEETINGS = 20
ACTIVITIES = 5
WORKSPACE = WORK / f"tracking-{ALLIANCES}x{MEETINGS}"
BIN = Path(sys.executable).parent
PYTHON = sys.executable
_VERSION = "2"

_NAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
_TOPICS = ["学习贯彻党的二十届三中全会精神", "研究年度联建工作计划", "交流党建与业务融合经验",
           "审议资源清单和需求清单", "部署主题党日联合活动", "通报议定事项落实情况"]
_DECISIONS = ["建立联络员制度", "共建实践基地", "联合开展主题党日活动", "编制资源清单",
              "开展党员志愿服务", "举办专题党课", "推进产学研合作项目"]
_KINDS = ["observation", "symposium", "study", "volunteer", "training"]


def _alliance(i: int, rng: random.Random) -> tuple[str, list[str], int]:
    n = rng.randint(3, 8)
    ids = [f"m{m + 1:02d}" for m in range(n)]
    year = rng.randint(2019, 2021)
    lines = [f"id: track-{i:04d}", f"name: 第{i}号产业链党建联建", f"founded: {year - 1}-12-01",
             "members:"]
    for m, mid in enumerate(ids):
        lines += [f"  - id: {mid}", f"    name: 第{i}号联建成员单位{m + 1}党委"]
    lines += [f"lead: {ids[0]}", "meetings:",
              f"  frequency: {rng.choice(['quarterly', 'half-yearly'])}",
              "term:", "  years: 3"]
    return "\n".join(lines) + "\n", ids, year


def _meeting(number: int, day: str, ids: list[str], rng: random.Random) -> str:
    lines = [f"number: {number}", f"date: {day}", "venue: 联建单位会议室",
             f"chair: {rng.choice(_NAMES)}{rng.choice(_NAMES)}", f"host: {rng.choice(ids)}",
             "attendees:"]
    for mid in rng.sample(ids, max(2, len(ids) - 1)):
        lines += [f"  - member: {mid}", f"    names: [{rng.choice(_NAMES)}某]"]
    lines.append("topics:")
    lines += [f"  - {t}" for t in rng.sample(_TOPICS, 2)]
    lines.append("decisions:")
    year, month, dd = (int(p) for p in day.split("-"))
    for d in range(rng.randint(2, 3)):
        due_month = month + 2 if month <= 10 else month - 10
        due_year = year if month <= 10 else year + 1
        lines += [f"  - text: {rng.choice(_DECISIONS)}", f"    owner: {rng.choice(ids)}",
                  f"    due: {due_year}-{due_month:02d}-{dd:02d}"]
        if rng.random() < 0.6:
            lines += ["    done:", f"      date: {due_year}-{due_month:02d}-01",
                      f"      note: 已落实{d + 1}"]
    lines.append(f"recorder: {rng.choice(_NAMES)}某")
    return "\n".join(lines) + "\n"


def _activity(number: int, day: str, ids: list[str], rng: random.Random) -> str:
    return "\n".join([
        f"number: {number}", f"kind: {rng.choice(_KINDS)}", f"date: {day}",
        "place: 党建活动中心", f"host: {ids[0]}", f"members: [{', '.join(ids[:3])}]",
        f"headcount: {rng.randint(10, 60)}", "summary: 联合开展活动，交流经验做法",
    ]) + "\n"


def make_workspace() -> Path:
    """Generate the workspace once (remade when the generator changes)."""
    stamp = WORKSPACE / ".stamp"
    if stamp.is_file() and stamp.read_text() == _VERSION:
        return WORKSPACE
    shutil.rmtree(WORKSPACE, ignore_errors=True)
    rng = random.Random(20250101)
    (WORKSPACE / "alliances").mkdir(parents=True)
    (WORKSPACE / "pbctl.yaml").write_text("renewal_days: 60\n", encoding="utf-8")
    for i in range(ALLIANCES):
        text, ids, year = _alliance(i, rng)
        folder = WORKSPACE / "alliances" / f"track-{i:04d}"
        (folder / "meetings").mkdir(parents=True)
        (folder / "activities").mkdir()
        (folder / "alliance.yaml").write_text(text, encoding="utf-8")
        for n in range(1, MEETINGS + 1):
            month = (n - 1) % 4 * 3 + 2
            day = f"{year + (n - 1) // 4}-{month:02d}-{rng.randint(1, 28):02d}"
            (folder / "meetings" / f"{n:03d}.yaml").write_text(_meeting(n, day, ids, rng),
                                                               encoding="utf-8")
        for n in range(1, ACTIVITIES + 1):
            day = f"{year + n - 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            (folder / "activities" / f"{n:03d}.yaml").write_text(
                _activity(n, day, ids, rng), encoding="utf-8")
    stamp.write_text(_VERSION)
    return WORKSPACE


def load_only(root: Path) -> int:
    """The baseline's body: load and validate every file, nothing else. Returns a count."""
    from pbctl.definition.loading import load_alliance, load_record
    from pbctl.definition.model import Activity, Meeting

    count = 0
    for folder in sorted((root / "alliances").iterdir()):
        alliance = load_alliance(folder / "alliance.yaml")
        count += 1
        for kind, model in (("meetings", Meeting), ("activities", Activity)):
            for path in sorted((folder / kind).glob("*.yaml")):
                load_record(path, model, alliance)
                count += 1
    return count


def cases() -> list[dict[str, Any]]:
    """The benchmark cases (see the module docstring for the keys)."""
    return [
        {"name": f"load-{ALLIANCES}x{MEETINGS}",
         "run": [PYTHON, str(Path(__file__).resolve()), "--load", str(WORKSPACE)],
         "baseline": None, "setup": make_workspace, "runs": 3, "max_ratio": None,
         "about": f"baseline: load and validate {ALLIANCES} definitions with "
                  f"{MEETINGS} meetings and {ACTIVITIES} activities each"},
        {"name": f"status-{ALLIANCES}x{MEETINGS}",
         "run": [str(BIN / "pbctl"), "-C", str(WORKSPACE), "status", "--format", "json"],
         "baseline": f"load-{ALLIANCES}x{MEETINGS}", "setup": make_workspace, "runs": 3,
         "max_ratio": 1.5,
         "about": f"`pbctl status` over {ALLIANCES} alliances x {MEETINGS} meetings"},
    ]


def _time(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    if argv[:1] == ["--load"]:
        load_only(Path(argv[1]))
        return 0
    make_workspace()
    base, case = cases()
    _time(base["run"])  # warm-up (disk cache, .pyc)
    _time(case["run"])
    load_times, status_times = [], []
    for _ in range(int(argv[0]) if argv else 3):
        load_times.append(_time(base["run"]))
        status_times.append(_time(case["run"]))
    load, status = statistics.median(load_times), statistics.median(status_times)
    print(f"{base['name']:18} {load:.3f} s")
    print(f"{case['name']:18} {status:.3f} s   ratio {status / load:.2f}x "
          f"(target <= {case['max_ratio']}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
