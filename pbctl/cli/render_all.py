"""``pbctl render KIND --all``: the progress bar and the summary of a workspace render."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from pbctl.i18n import _

if TYPE_CHECKING:
    from pbctl.cli import Options
    from pbctl.rendering.render import Rendered


def render_every(opts: Options, kind: str, others: tuple[object, ...], *, pdf: bool,
                 pdfa: bool, amend: bool, jobs: int | None, message: str | None) -> None:
    """``others``: the arguments and options that name one alliance or record (none may be
    given with --all)."""
    from pbctl.cli import ui
    from pbctl.errors import ValidationError
    from pbctl.records.batch import BATCH_KINDS, render_workspace

    if any(others):
        raise click.UsageError(_("--all renders every alliance's own documents: give no "
                                 "ALLIANCE, N, --pairing, --member, -o or --renew with it"))
    if kind not in BATCH_KINDS:
        raise click.UsageError(_("--all renders {kinds}; {kind} names one record of one "
                                 "alliance").format(kinds=", ".join(BATCH_KINDS), kind=kind))
    workspace = opts.workspace()
    extra = None
    if pdf:
        from pbctl.rendering.export import pdf_bytes, stale_pdfs

        def extra(alliance_id: str, rendered: list[Rendered]) -> dict[str, bytes]:
            folder = workspace.documents_dir(alliance_id)
            return pdf_bytes(stale_pdfs(folder, rendered, pdfa=pdfa), pdfa=pdfa)

    con = ui.console(stderr=True)
    total = len(workspace.alliance_ids())
    if con.is_terminal and total > 1:
        from rich.progress import Progress

        with Progress(console=con, transient=True) as bar:
            task = bar.add_task(_("rendering the workspace"), total=total)
            batch = render_workspace(workspace, kind, message=message, amend=amend,
                                     jobs=jobs, extra=extra,
                                     on_progress=lambda done, _: bar.update(task,
                                                                            completed=done))
    else:
        batch = render_workspace(workspace, kind, message=message, amend=amend, jobs=jobs,
                                 extra=extra)
    changed = [r for r in batch.results if r.commit or (not r.recorded and r.changed)]
    for result in changed:
        revised = ", ".join(f"{d.kind} r{d.revision}" if d.revision else d.kind
                            for d in result.changed) or _("documents")
        where = f" ({result.commit[:10]})" if result.commit else ""
        ui.info(f"{result.alliance}: {revised}{where}")
    for alliance_id, problem in batch.failed:
        ui.warning(f"{alliance_id}: {problem}")
    unchanged = len(batch.results) - len(changed)
    ui.success(_("{total} alliances: {changed} changed, {unchanged} unchanged").format(
        total=total, changed=len(changed), unchanged=unchanged)
               + (_(", {count} keep none of these documents").format(count=len(batch.keep_none))
                  if batch.keep_none else "")
               + (f", {len(batch.failed) + len({p.file for p in batch.problems})} failed"
                  if not batch.ok else ""))
    if batch.problems:
        raise ValidationError(batch.problems)
    if batch.failed:
        from pbctl.errors import PbctlError

        raise PbctlError(f"{len(batch.failed)} alliance(s) could not be rendered")
