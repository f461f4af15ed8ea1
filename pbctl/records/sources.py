"""Every revision has its source: a definition is recorded before anything uses it.

``render``, ``sign``, ``log``, ``done`` and ``ledger`` act on an alliance's ``alliance.yaml``.
If that file is new or was edited by hand since the last commit, a document signed or a
record logged from it would have no source in history (``history X alliance`` would say "no
revisions"). So, under the write lock and just before their own commit, these commands first
record the definition as a revision of its own, whose message says why.
"""

from __future__ import annotations

from pbctl.definition.workspace import Workspace
from pbctl.i18n import _
from pbctl.records.store import Store


def record_definition(store: Store, workspace: Workspace, alliance_id: str,
                      command: str) -> str | None:
    """Commit ``alliances/<id>/alliance.yaml`` if it is new or changed; the sha or None."""
    path = workspace.alliance_file(alliance_id)
    if not path.is_file():
        return None
    rel = store.rel(path)
    status = store.git("status", "--porcelain=v1", "--untracked-files=all", "--", rel)
    if not status.strip():
        return None
    state = "new" if status.lstrip().startswith(("??", "A")) else "edited by hand"
    subject = f"define({alliance_id}): alliance definition ({state}), recorded before {command}"
    body = (f"alliance.yaml was {state} and not yet recorded; pbctl {command} uses it, so it "
            "is recorded first as its own revision.")
    sha = store.commit([path], subject, body=body, trailers=[("Pbctl-Alliance", alliance_id)])
    if sha is not None:
        store.notices.append(
            (_("recorded the new definition {path} first ({commit})") if state == "new" else
             _("recorded the definition {path}, edited by hand, first ({commit})")).format(
                path=rel, commit=sha[:10]))
    return sha
