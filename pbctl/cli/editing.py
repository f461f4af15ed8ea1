"""``pbctl log``'s input: flags, a file, stdin, or a form opened in $EDITOR.

The editor form is the interactive side of the command line; a form that fails to record
is kept as a draft and its path named, so nothing typed is lost.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pbctl.errors import PbctlError
from pbctl.i18n import _

if TYPE_CHECKING:
    from pbctl.definition.workspace import Workspace
    from pbctl.records.logbook import RecordKind


def interactive() -> bool:
    return sys.stdin.isatty()


def record(workspace: Workspace, kind: RecordKind, alliance_id: str, data: dict[str, Any],
           file: str | None, message: str | None, *, group: str | None = None) -> None:
    """Record from flags (``data``), --file, or the editor form; say what was recorded."""
    from pbctl.cli import ui
    from pbctl.definition import yamlio
    from pbctl.definition.workspace import display_path
    from pbctl.records import logbook

    draft: Path | None = None
    if file is not None:
        if data:
            raise click.UsageError(_("give the record either as flags or with --file, not both"))
        if file == "-":
            source: Any = yamlio.decode(yamlio.read_bounded(sys.stdin.buffer, "<stdin>"),
                                        "<stdin>")
        else:
            source = yamlio.load(Path(file), display_path(Path(file)), stream=True)
    elif data:
        if "date" not in data:
            raise PbctlError(_("--date is required"), hint=f"pbctl log {kind} {alliance_id} "
                             "--date 2025-03-01 …")
        source = data
    elif interactive():
        draft, source = from_editor(workspace, kind, alliance_id, group)
    else:
        raise PbctlError(
            _("no {kind} given, and there is no terminal to open an editor on").format(
                kind=_(kind)),
            hint=_("pass --date and the other flags (pbctl log {kind} --help), or --file FILE")
            .format(kind=kind),
        )
    try:
        logged = logbook.log_record(workspace, alliance_id, kind, source, message=message,
                                    group=group)
    except PbctlError as exc:
        if draft is None:
            raise
        exc.add_note(_("your form is kept in {path}; fix it and run: {command}").format(
            path=display_path(draft),
            command=f"pbctl log {kind} {alliance_id} --file {display_path(draft)}"))
        raise
    if draft is not None:
        draft.unlink(missing_ok=True)
    for notice in logged.notices:
        ui.warning(notice)
    title = getattr(logged.record, "title", None) or getattr(logged.record, "kind", "")
    ref = getattr(logged.record, "ref", logged.record.number)
    text = _("{kind} {number} ({title}) written to {path}").format(
        kind=_(kind), number=ref, title=title, path=display_path(logged.path))
    if logged.commit:
        ui.success(_("{text}; recorded as {commit}").format(text=text, commit=logged.commit[:10]))
    else:
        ui.success(text)
        ui.warning(_("not a git workspace: nothing was recorded in history ('pbctl init')"))


def from_editor(workspace: Workspace, kind: RecordKind, alliance_id: str,
                group: str | None = None) -> tuple[Path, Any]:
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
    number = numbering.next_group_number(folder, group) if group \
        else numbering.next_number(folder)
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
