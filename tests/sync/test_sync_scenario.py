"""Offline work in several clones, synced in several orders: every record everywhere,
numbered 1..N the same way in every clone, none lost; over a path and over git://."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from helpers import run_cli
from records_helpers import git, isolated_git  # noqa: F401
from sync_helpers import (
    ACTIVITIES,
    MEETINGS,
    activity,
    assert_numbered,
    bare_remote,
    clone,
    fsck,
    git_daemon,
    meeting,
    ref,
    seeded,
    synced,
)

from pbctl.definition.workspace import Workspace


def work_offline(clones: list[Workspace], rounds: int, meetings: int, activities: int,
                 *, cli_clone: int | None = None) -> tuple[set[str], set[str], int]:
    """Each round every clone logs records (interleaved), then they sync in a new order.
    The meetings and activities logged (by key), and how many records sync renumbered."""
    renumbered = 0
    orders = itertools.cycle(itertools.permutations(range(len(clones))))
    logged_meetings: set[str] = set()
    logged_activities: set[str] = set()
    for r in range(rounds):
        for i in range(max(meetings, activities)):
            for c, ws in enumerate(clones):
                day = f"2024-{(r % 9) + 4:02d}-{(i % 27) + 1:02d}"
                if i < meetings:
                    venue = f"clone{c}-round{r}-m{i}"
                    meeting(ws, venue, day, topic=f"议题{r}-{i}")
                    logged_meetings.add(f"{day}|{venue}|None|['议题{r}-{i}']")
                if i < activities:
                    summary = f"clone{c}-round{r}-a{i}"
                    activity(ws, summary, day)
                    logged_activities.add(f"{day}|None|{summary}|None")
        for c in next(orders):
            if c == cli_clone:
                out = run_cli("sync", cwd=clones[c].root)
                assert out.exit_code == 0, out.output
            else:
                renumbered += len(synced(clones[c]).renumbered)
    return logged_meetings, logged_activities, renumbered


def converge(clones: list[Workspace]) -> None:
    for ws in clones:
        synced(ws)
    for ws in clones:
        assert synced(ws).up_to_date


def assert_everywhere(clones: list[Workspace], remote: Path,
                      logged: tuple[set[str], set[str], int]) -> None:
    meetings = assert_numbered(clones[0], MEETINGS)
    activities = assert_numbered(clones[0], ACTIVITIES)
    assert set(meetings.values()) == logged[0] and len(meetings) == len(logged[0])
    assert set(activities.values()) == logged[1] and len(activities) == len(logged[1])
    for ws in clones:
        assert assert_numbered(ws, MEETINGS) == meetings
        assert assert_numbered(ws, ACTIVITIES) == activities
        assert ref(ws.root) == ref(remote)
        assert git(ws.root, "status", "--porcelain") == ""
        fsck(ws.root)
    fsck(remote)


@pytest.mark.slow
def test_three_clones_many_records_over_a_path(tmp_path: Path) -> None:
    remote, a = seeded(tmp_path)
    clones = [a, clone(remote, tmp_path / "b"), clone(remote, tmp_path / "c")]
    logged = work_offline(clones, rounds=4, meetings=3, activities=2, cli_clone=1)
    assert len(logged[0]) + len(logged[1]) == 60
    assert logged[2] >= 20  # most offline numbers clashed and were settled at sync
    converge(clones)
    assert_everywhere(clones, remote, logged)


@pytest.mark.slow
def test_two_clones_over_the_git_protocol(tmp_path: Path) -> None:
    served = tmp_path / "served"
    remote = bare_remote(served / "team.git")
    with git_daemon(served) as base_url:  # started and stopped here
        url = base_url + "team.git"
        _, a = seeded(tmp_path, url, remote=remote)
        b = clone(url, tmp_path / "b")
        assert git(b.root, "remote", "get-url", "origin").strip() == url
        logged = work_offline([a, b], rounds=3, meetings=3, activities=2)
        assert logged[2] > 0
        converge([a, b])
        assert_everywhere([a, b], remote, logged)
