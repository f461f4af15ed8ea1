"""``render --renew`` in a workspace: the next term of an alliance, recorded as a revision.

The new term is worked out first (:func:`next_term`, nothing written) so a document that
fails to render leaves the definition as it was; :func:`record_renewal` then writes and
commits the definition, before the renewed documents are recorded.
"""

from __future__ import annotations

from pathlib import Path

from pbctl.definition.renewal import Renewal, renew
from pbctl.definition.workspace import Workspace, display_path
from pbctl.errors import PbctlError
from pbctl.i18n import _

RENEWABLE = ("agreement", "integrity-pact", "all")


def next_term(workspace: Workspace, source: Path, alliance_id: str) -> Renewal:
    """The alliance defined at ``source`` moved to its next term. Only a definition in the
    workspace's records can be renewed (the change is a revision of it)."""
    if source.resolve() != workspace.alliance_file(alliance_id).resolve():
        raise PbctlError(_("{path} is not an alliance of this workspace").format(
                             path=display_path(source)),
                         hint=_("--renew changes the definition in the records"))
    return renew(source, display_path(source))


def record_renewal(workspace: Workspace, renewal: Renewal, message: str | None
                   ) -> str | None:
    """Write the renewed definition, one commit ``renew(<id>): term <start>/<end>``."""
    from pbctl.records.api import record_files

    alliance_id = renewal.alliance.id
    term = f"{renewal.start.isoformat()}/{renewal.end.isoformat()}"
    return record_files(workspace, {renewal.path: renewal.text},
                        f"renew({alliance_id}): term {term}", message=message,
                        trailers={"Pbctl-Alliance": alliance_id, "Pbctl-Renewal": term})
