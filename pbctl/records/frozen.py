"""Whether a path is a signed (frozen) document of the workspace, which ``-o`` must not
replace.

Apart from :mod:`pbctl.records.signing` so that ``pbctl render … -o`` asks this without
importing the signing and store machinery (~10 ms); the records are read only for a path
inside an alliance's documents folder.
"""

from __future__ import annotations

from pathlib import Path

from pbctl.definition.workspace import Workspace, display_path
from pbctl.errors import RecordsError
from pbctl.i18n import _


def refuse_signed_output(workspace: Workspace, path: Path, *, amend: bool) -> None:
    """A RecordsError when ``path`` is a signed document of this workspace (its .docx or
    PDF): no path, ``-o`` included, replaces a signed file without ``--amend``."""
    if amend:
        return
    target = (path if path.is_absolute() else Path.cwd() / path).resolve()
    for aid in workspace.alliance_ids():
        folder = workspace.documents_dir(aid).resolve()
        if target.parent != folder:
            continue
        from pbctl.records import registry as reg

        registry = reg.load(workspace.alliance_dir(aid))
        for kind, record in registry.documents.items():
            signature = record.signature()
            names = (record.file, Path(record.file).with_suffix(".pdf").name)
            if signature is not None and target.name in names:
                raise RecordsError(
                    _("{path} is {kind} r{revision} of {alliance}, signed on {date}; -o would "
                      "replace it").format(path=display_path(path), kind=kind,
                                           revision=record.revision, alliance=aid,
                                           date=signature.date.isoformat()),
                    hint=_("write elsewhere, or render with --amend to make a new revision"))
