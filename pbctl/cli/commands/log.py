"""``pbctl log meeting|activity ALLIANCE``: record a numbered joint meeting or activity."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pbctl import words as W
from pbctl.cli import Options, completion
from pbctl.cli.choice import Choice
from pbctl.errors import PbctlError
from pbctl.i18n import _

if TYPE_CHECKING:
    from pbctl.definition.workspace import Workspace
    from pbctl.records.logbook import RecordKind



def _interactive() -> bool:
    return sys.stdin.isatty()


@click.group()
def log() -> None:
    """Record a joint meeting or a joint activity (one numbered file, one commit)."""


def _common(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("-m", "--message",
                        help="Reason recorded with the revision (as git commit -m).")(func)
    func = click.option("--file", "file", metavar="FILE",
                        help="Read the record from a YAML file ('-': stdin).")(func)
    return func


@log.command("meeting")
@click.argument("alliance", shell_complete=completion.alliances)
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
@_common
@click.pass_obj
def meeting(opts: Options, /, alliance: str, file: str | None, message: str | None,
            **flags: Any) -> None:
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
    from pbctl.records import forms

    data = forms.drop_empty({
        **{k: flags[k] for k in ("date", "time", "venue", "title", "chair", "host", "summary",
                                 "recorder")},
        "attendees": [forms.parse_attendance(s) for s in flags["attendees"]],
        "absent": [forms.parse_attendance(s, "--absent") for s in flags["absent"]],
        "observers": list(flags["observers"]),
        "topics": list(flags["topics"]),
        "speeches": [forms.parse_speech(s) for s in flags["speeches"]],
        "decisions": [forms.parse_decision(s) for s in flags["decisions"]],
    })
    _record(opts, "meeting", alliance, data, file, message)


@log.command("activity")
@click.argument("alliance", shell_complete=completion.alliances)
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
    from pbctl.records import forms

    data = forms.drop_empty({
        **{k: flags[k] for k in ("kind", "date", "title", "place", "host", "headcount",
                                 "summary", "recorder")},
        "members": list(flags["members"]),
        "outcomes": list(flags["outcomes"]),
    })
    _record(opts, "activity", alliance, data, file, message)


def _record(opts: Options, kind: RecordKind, alliance_id: str, data: dict[str, Any],
            file: str | None, message: str | None) -> None:
    from pbctl.cli import ui
    from pbctl.definition import yamlio
    from pbctl.definition.workspace import display_path
    from pbctl.records import logbook

    workspace = opts.workspace()
    draft: Path | None = None
    if file is not None:
        if data:
            raise click.UsageError(_("give the record either as flags or with --file, not both"))
        if file == "-":
            source: Any = yamlio.loads(sys.stdin.read(), "<stdin>")
        else:
            source = yamlio.load(Path(file), display_path(Path(file)))
    elif data:
        if "date" not in data:
            raise PbctlError(_("--date is required"), hint=f"pbctl log {kind} {alliance_id} "
                             "--date 2025-03-01 …")
        source = data
    elif _interactive():
        draft, source = _from_editor(workspace, kind, alliance_id)
    else:
        raise PbctlError(
            _("no {kind} given, and there is no terminal to open an editor on").format(
                kind=_(kind)),
            hint=_("pass --date and the other flags (pbctl log {kind} --help), or --file FILE")
            .format(kind=kind),
        )
    try:
        logged = logbook.log_record(workspace, alliance_id, kind, source, message=message)
    except PbctlError as exc:
        if draft is None:
            raise
        ui.show_error(exc)
        ui.info(_("your form is kept in {path}; fix it and run: {command}").format(
            path=display_path(draft),
            command=f"pbctl log {kind} {alliance_id} --file {display_path(draft)}"))
        raise SystemExit(1) from None
    if draft is not None:
        draft.unlink(missing_ok=True)
    for notice in logged.notices:
        ui.warning(notice)
    title = getattr(logged.record, "title", None) or getattr(logged.record, "kind", "")
    text = _("{kind} {number} ({title}) written to {path}").format(
        kind=_(kind), number=logged.record.number, title=title, path=display_path(logged.path))
    if logged.commit:
        ui.success(_("{text}; recorded as {commit}").format(text=text, commit=logged.commit[:10]))
    else:
        ui.success(text)
        ui.warning(_("not a git workspace: nothing was recorded in history ('pbctl init')"))


def _editor() -> str | None:
    """$VISUAL or $EDITOR; without either, nano where installed (else click's default, vi
    or notepad), saying which editor opens and how to leave it."""
    import os
    import shutil

    from pbctl.cli import ui

    if os.environ.get("VISUAL") or os.environ.get("EDITOR"):
        return None  # click uses them
    if sys.platform == "win32":
        ui.info(_("opening the form in Notepad: fill it in, save (Ctrl+S) and close the window"))
        return None
    if shutil.which("nano"):
        ui.info(_("opening the form in nano: fill it in, save with Ctrl+O, Enter, and leave "
                  "with Ctrl+X (set $EDITOR to use another editor)"))
        return "nano"
    ui.info(_("opening the form in vi: press i to type, then Esc and :wq Enter to save and "
              "leave (set $EDITOR to use another editor)"))
    return None


def _from_editor(workspace: Workspace, kind: RecordKind, alliance_id: str) -> tuple[Path, Any]:
    """Open $EDITOR on the prefilled form; the saved form (kept as a draft) as a Document."""
    import datetime as dt
    import tempfile

    from pbctl.definition import numbering, yamlio
    from pbctl.definition.loading import load_alliance
    from pbctl.definition.workspace import display_path
    from pbctl.records import forms, logbook
    from pbctl.records.store import Store

    definition = workspace.resolve_alliance(alliance_id)
    alliance = load_alliance(definition, display=display_path(definition))
    folder = logbook.records_folder(workspace, alliance_id, kind)
    number = numbering.next_number(folder)
    make = forms.meeting_form if kind == "meeting" else forms.activity_form
    form = make(alliance, dt.date.today(), number)
    edited = click.edit(form, editor=_editor(), extension=".yaml", require_save=True)
    if edited is None or edited == form:
        raise PbctlError(_("the form was not changed; no {kind} was recorded").format(
            kind=_(kind)))
    store = Store.open(workspace)
    folder_for_draft = store.git_dir if store else Path(tempfile.gettempdir())
    draft = folder_for_draft / f"PBCTL_{kind.upper()}.yaml"
    draft.write_text(edited, encoding="utf-8")
    doc = yamlio.loads(edited, display_path(draft))
    if forms.form_is_empty(doc.data):
        draft.unlink(missing_ok=True)
        raise PbctlError(_("the form is empty; no {kind} was recorded").format(kind=_(kind)))
    return draft, doc
