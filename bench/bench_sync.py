"""Benchmark cases for team sync: ``pbctl sync`` with nothing to do and with 100 incoming records.

A bare remote and three workspaces are made once under bench/.work/sync/ (stamped):
``seed`` pushed the base workspace and then 100 meetings, one commit each (as
``pbctl log meeting`` makes them); ``noop`` is a clone that already has everything;
``incoming`` is a clone that is reset to the base commit before every timed run, so each
run brings in the same 100 records.

* ``sync-noop``: ``pbctl -C noop sync`` (fetch, compare tags, nothing to merge or push),
  against ``help`` (``pbctl --help``, bench.py's start-up case): what sync costs beyond
  starting pbctl (target <= 4x);
* ``sync-100``: reset ``incoming``, then ``pbctl sync`` (a fast-forward of 100 commits),
  against ``sync-noop-reset``: the same reset, then the nothing-to-do sync of ``noop``. Both
  pay the same start-up and reset, so the ratio is what 100 incoming records add
  (target <= 1.5x).

Standalone, ``git pull --ff-only`` of the same 100 commits is timed too, for scale.

Interface for bench/bench.py: :func:`cases` returns dicts with ``register()``'s keys
(``name``, ``run``, ``baseline``, ``setup``, ``about``, ``runs``) plus ``max_ratio``.
Standalone: ``python bench/bench_sync.py`` prints the medians and ratios.
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
WORK = ROOT / "bench" / ".work" / "sync"
BIN = Path(sys.executable).parent
PBCTL = str(BIN / "pbctl")
INCOMING = 100
_VERSION = "1"
ALLIANCE = """\
id: bench
name: 同步基准产业链党建联建
founded: 2020-01-01
members:
  - id: m01
    name: 甲公司党委
  - id: m02
    name: 乙大学党委
lead: m01
"""


def _env() -> dict[str, str]:
    return {**os.environ, "LC_ALL": "C", "GIT_AUTHOR_NAME": "bench",
            "GIT_COMMITTER_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@localhost",
            "GIT_COMMITTER_EMAIL": "bench@localhost", "GIT_TERMINAL_PROMPT": "0"}


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], env=_env(), check=True,
                          capture_output=True, text=True).stdout.strip()


def _pbctl(*args: str) -> None:
    subprocess.run([PBCTL, *args], env=_env(), check=True, capture_output=True)


def _build() -> str:
    """Make the remote and the three workspaces; the base commit's sha."""
    from pbctl.definition.workspace import Workspace
    from pbctl.records.api import log_meeting, record_new_alliance

    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    remote = WORK / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "--initial-branch=main", str(remote)],
                   check=True, env=_env())
    seed = WORK / "seed"
    _pbctl("init", str(seed))
    workspace = Workspace(seed.resolve())
    definition = workspace.alliance_file("bench")
    definition.parent.mkdir(parents=True)
    definition.write_text(ALLIANCE, encoding="utf-8")
    record_new_alliance(workspace, "bench", definition, None)
    _git(seed, "remote", "add", "origin", str(remote))
    _pbctl("-C", str(seed), "sync")
    base = _git(seed, "rev-parse", "HEAD")
    for name in ("noop", "incoming"):
        if _has_from():
            _pbctl("init", "--from", str(remote), str(WORK / name))
        else:
            _git(WORK, "clone", "-q", str(remote), name)
    for n in range(1, INCOMING + 1):
        log_meeting(workspace, "bench", {
            "date": f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}", "venue": f"第{n}会议室",
            "topics": [f"审议第{n}项工作"],
            "decisions": [{"text": f"落实第{n}项任务", "owner": "m02", "due": "2025-06-30"}],
        }, message=None)
    _pbctl("-C", str(seed), "sync")
    _pbctl("-C", str(WORK / "noop"), "sync")
    return base


def _has_from() -> bool:
    """``pbctl init --from`` once it is wired; a plain git clone before."""
    proc = subprocess.run([PBCTL, "init", "--help"], capture_output=True, text=True,
                          check=False)
    return "--from" in proc.stdout


def _base() -> str:
    stamp = WORK / ".stamp"
    if stamp.is_file():
        version, _, sha = stamp.read_text().partition(" ")
        if version == _VERSION and (WORK / "incoming").is_dir():
            return sha.strip()
    base = _build()
    stamp.write_text(f"{_VERSION} {base}")
    return base


def setup() -> None:
    _base()


def _reset_incoming() -> None:
    base = (WORK / ".stamp").read_text().split()[1]
    incoming = WORK / "incoming"
    _git(incoming, "reset", "-q", "--hard", base)
    _git(incoming, "update-ref", "refs/remotes/origin/main", base)


def _after_reset(argv: list[str]) -> Callable[[], None]:
    def run() -> None:
        _reset_incoming()
        subprocess.run(argv, check=True, capture_output=True, env=_env())

    return run


def cases() -> list[dict[str, Any]]:
    noop = [PBCTL, "-C", str(WORK / "noop"), "sync"]
    return [
        {"name": "sync-noop", "run": noop, "baseline": "help", "setup": setup,
         "max_ratio": 4.0,
         "about": "`pbctl sync` with nothing to do (fetch, tags, nothing to push)"},
        {"name": "sync-noop-reset", "run": _after_reset(noop), "setup": setup,
         "about": "baseline: reset a clone, then `pbctl sync` with nothing to do"},
        {"name": f"sync-{INCOMING}",
         "run": _after_reset([PBCTL, "-C", str(WORK / "incoming"), "sync"]),
         "baseline": "sync-noop-reset", "setup": setup, "max_ratio": 1.5,
         "about": f"reset a clone, then `pbctl sync` bringing in {INCOMING} records"},
    ]


def git_pull() -> Callable[[], None]:
    return _after_reset(["git", "-C", str(WORK / "incoming"), "pull", "-q", "--ff-only",
                         "--no-tags", "origin", "main"])


def _median(run: list[str] | Callable[[], None], runs: int = 5) -> float:
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        if callable(run):
            run()
        else:
            subprocess.run(run, check=True, capture_output=True, env=_env())
        if i:  # the first run warms up
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    setup()
    noop, noop_reset, incoming = cases()
    start = _median([PBCTL, "--help"])
    t = {c["name"]: _median(c["run"]) for c in (noop, noop_reset, incoming)}
    pull = _median(git_pull())
    print(f"pbctl --help       {start:.3f} s")
    print(f"sync-noop          {t['sync-noop']:.3f} s   ratio {t['sync-noop'] / start:.2f}x "
          f"(target <= {noop['max_ratio']}x)")
    print(f"sync-noop-reset    {t['sync-noop-reset']:.3f} s")
    name = incoming["name"]
    print(f"{name:18} {t[name]:.3f} s   ratio {t[name] / t['sync-noop-reset']:.2f}x "
          f"(target <= {incoming['max_ratio']}x)")
    print(f"git-pull-{INCOMING} (for scale) {pull:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
