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
            raise click.UsageError("give the record either as flags or with --file, not both")
        if file == "-":
            source: Any = yamlio.loads(sys.stdin.read(), "<stdin>")
        else:
            source = yamlio.load(Path(file), display_path(Path(file)))
    elif data:
        if "date" not in data:
            raise PbctlError("--date is required", hint=f"pbctl log {kind} {alliance_id} "
                             "--date 2025-03-01 …")
        source = data
    elif interactive():
        draft, source = from_editor(workspace, kind, alliance_id, group)
    else:
        raise PbctlError(
            f"no {kind} given, and there is no terminal to open an editor on",
            hint=f"pass --date and the other flags (pbctl log {kind} --help), or --file FILE",
        )
    try:
        logged = logbook.log_record(workspace, alliance_id, kind, source, message=message,
                                    group=group)
    except PbctlError as exc:
        if draft is None:
            raise
        exc.add_note(f"your form is kept in {display_path(draft)}; fix it and run: pbctl log "
                     f"{kind} {alliance_id} --file {display_path(draft)}")
        raise
    if draft is not None:
        draft.unlink(missing_ok=True)
    for notice in logged.notices:
        ui.warning(notice)
    title = getattr(logged.record, "title", None) or getattr(logged.record, "kind", "")
    ref = getattr(logged.record, "ref", logged.record.number)
    text = f"{kind} {ref} ({title}) written to {display_path(logged.path)}"
    if logged.commit:
        ui.success(f"{text}; recorded as {logged.commit[:10]}")
    else:
        ui.success(text)
        ui.warning("not a git workspace: nothing was recorded in history ('pbctl init')")


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
    edited = click.edit(form, extension=".yaml", require_save=True)
    if edited is None or edited == form:
        raise PbctlError(f"the form was not changed; no {kind} was recorded")
    store = Store.open(workspace)
    folder_for_draft = store.git_dir if store else Path(tempfile.gettempdir())
    draft = folder_for_draft / f"PBCTL_{kind.upper()}.yaml"
    draft.write_text(edited, encoding="utf-8")
    doc = yamlio.loads(edited, display_path(draft))
    if forms.form_is_empty(doc.data):
        draft.unlink(missing_ok=True)
        raise PbctlError(f"the form is empty; no {kind} was recorded")
    return draft, doc
