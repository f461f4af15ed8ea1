"""``pbctl log meeting|activity ALLIANCE``: record a numbered joint meeting or activity."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from pbctl import words as W
from pbctl.cli import Options, options
from pbctl.cli.choice import Choice


@click.group()
def log() -> None:
    """Record a joint meeting or a joint activity (one numbered file, one commit)."""


def _common(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("-m", "--message",
                        help="Reason recorded with the revision (as git commit -m).")(func)
    func = click.option("--file", "file", metavar="FILE",
                        help="Read the record from a YAML file ('-': stdin).")(func)
    func = click.option("--plan-item", "plan_items", multiple=True, metavar="REF",
                        help="Repeatable. A plan item it carries out (对应计划事项), e.g. "
                             "plan.2025.3.")(func)
    return func


@log.command("meeting")
@options.alliance("alliance")
@click.option("--date", help="Date of the meeting, e.g. 2025-03-01 (required with flags).")
@click.option("--time", help="Start time, e.g. 14:30.")
@click.option("--venue", help="Where it was held (地点).")
@click.option("--title", help="Title (default: 第N次联席会议).")
@click.option("--chair", help="Who chaired it (主持人).")
@click.option("--host", metavar="MEMBER-ID", help="Member id of the host unit (承办).")
@click.option("--attendee", "attendees", multiple=True, metavar="ID[:NAMES]",
              help='Repeatable. Present (出席): "member-id:张三,李四" (names optional).')
@click.option("--absent", "absent", multiple=True, metavar="ID[:NAMES]",
              help="Repeatable. On leave (请假), as --attendee.")
@click.option("--observer", "observers", multiple=True, metavar="TEXT",
              help='Repeatable. Sat in (列席): "name, unit".')
@click.option("--topic", "topics", multiple=True, metavar="TEXT", help="Repeatable. 议题.")
@click.option("--speech", "speeches", multiple=True, metavar="SPEC",
              help='Repeatable. "member-id;speaker=林某;summary=发言要点".')
@click.option("--decision", "decisions", multiple=True, metavar="SPEC",
              help='Repeatable. 议定事项: "text;owner=member-id;due=2025-03-01" '
                   "(owner required, due optional).")
@click.option("--summary", help="Summary of the meeting (会议综述).")
@click.option("--recorder", help="Who took the minutes (记录人).")
@click.option("--group", metavar="GROUP-ID", help="A group's own meeting (联组会议): "
              "numbered per group in meetings/<group>-NNN.yaml, named GROUP-N.")
@_common
@click.pass_obj
def meeting(opts: Options, /, alliance: str, file: str | None, message: str | None,
            group: str | None, **flags: Any) -> None:
    """Record the next joint meeting (联席会议) of ALLIANCE in meetings/NNN.yaml.

    Input comes from the flags, from --file FILE (YAML; '-' reads stdin), or, on a
    terminal with neither, from $EDITOR opened on a prefilled form (an empty or unchanged
    form records nothing). pbctl assigns the number; the record is checked against the
    alliance (member ids, dates) before anything is written.

    \b
    Example:
      pbctl log meeting health-chain --date 2025-03-01 --venue 两面针学堂 \\
        --attendee liangmianzhen:林钻煌 --topic 审议年度工作计划 \\
        --decision "联合申报课题;owner=gxust-shenghua;due=2025-06-30"
    """
    from pbctl.cli.editing import record
    from pbctl.records.forms import meeting_data

    record(opts.workspace(), "meeting", alliance, meeting_data(flags), file, message,
           group=group)


@log.command("activity")
@options.alliance("alliance")
@click.option("--kind", type=Choice(["observation", "symposium", "study", "volunteer",
                                     "training", "other"], W.ACTIVITY_ALIASES),
              help="observation 观摩, symposium 座谈, study 共学, volunteer, training, other.")
@click.option("--date", help="Date of the activity, e.g. 2025-03-01 (required with flags).")
@click.option("--title", help="Name of the activity.")
@click.option("--place", help="Where it took place.")
@click.option("--host", metavar="MEMBER-ID", help="Member id of the host unit.")
@click.option("--member", "members", multiple=True, metavar="MEMBER-ID",
              help="Repeatable. A member unit that took part.")
@click.option("--headcount", type=click.IntRange(min=0), help="How many people took part.")
@click.option("--summary", help="What happened.")
@click.option("--outcome", "outcomes", multiple=True, metavar="TEXT",
              help="Repeatable. An outcome (成效).")
@click.option("--recorder", help="Who recorded it.")
@_common
@click.pass_obj
def activity(opts: Options, /, alliance: str, file: str | None, message: str | None,
             **flags: Any) -> None:
    """Record the next joint activity of ALLIANCE in activities/NNN.yaml.

    Input comes from the flags (--kind and --date at least), from --file FILE (YAML; '-'
    reads stdin), or, on a terminal with neither, from $EDITOR opened on a prefilled form
    (an empty or unchanged form records nothing). pbctl assigns the number.
    """
    from pbctl.cli.editing import record
    from pbctl.records.forms import activity_data

    record(opts.workspace(), "activity", alliance, activity_data(flags), file, message)
