"""Write the three lists as live items (``alliances/<id>/lists.yaml``): add an item, claim a
need (认领), seed the lists from the definition. Each change is validated, then one commit."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pbctl.definition.model import Alliance
from pbctl.definition.workspace import Workspace
from pbctl.errors import PbctlError, ValidationError, WorkspaceError
from pbctl.i18n import _, ngettext


@dataclass(frozen=True)
class ListChange:
    alliance_id: str
    refs: tuple[str, ...]  # the items added or claimed: needs.4 …
    path: Path
    commit: str | None


def _change(workspace: Workspace, alliance_id: str, subject: str, message: str | None,
            edit: Callable[[Alliance, dict[str, Any]], list[str]]) -> ListChange:
    """Load lists.yaml, let ``edit`` change its data (returning the refs it touched),
    validate and record it."""
    from pbctl.definition import yamlio
    from pbctl.definition.loading import load_alliance
    from pbctl.definition.plan import LIST_KINDS, lists_path, load_lists, validate_lists
    from pbctl.definition.workspace import display_path
    from pbctl.records.api import record_files

    definition = workspace.resolve_alliance(alliance_id)
    alliance = load_alliance(definition, display=display_path(definition))
    path = lists_path(definition.parent)
    shown = display_path(path)
    load_lists(definition.parent, alliance)  # the file as it is must be valid
    data: dict[str, Any] = {}
    if path.is_file():
        loaded = yamlio.load(path, shown).data
        data = json.loads(json.dumps(loaded)) if isinstance(loaded, dict) else {}
    refs = edit(alliance, data)
    ordered = {kind: data[kind] for kind in LIST_KINDS if data.get(kind)}
    text = yamlio.dumps(ordered)
    _lists, problems = validate_lists(yamlio.loads(text, shown), alliance)
    if problems:
        raise ValidationError(problems)
    commit = record_files(workspace, {path: text}, subject.format(id=alliance.id,
                                                                  refs=", ".join(refs)),
                          message=message, trailers={"Pbctl-Alliance": alliance.id})
    return ListChange(alliance.id, tuple(refs), path, commit)


def _member(alliance: Alliance, member_id: str, flag: str) -> None:
    from pbctl.definition.problems import suggest

    ids = [m.id for m in alliance.members]
    if member_id not in ids:
        close = suggest(member_id, ids)
        raise ValidationError.single(
            flag, (_("no member has the id {id!r}; did you mean {match!r}?") if close else
                   _("no member has the id {id!r} (member ids: {ids})")).format(
                id=member_id, match=close, ids=", ".join(ids)))


def add_item(workspace: Workspace, alliance_id: str, kind: str, text: str, *, member: str,
             date: dt.date, due: str | None = None, message: str | None = None) -> ListChange:
    """Append an item to list ``kind`` (resources, services, needs)."""
    def edit(alliance: Alliance, data: dict[str, Any]) -> list[str]:
        _member(alliance, member, "--member")
        item: dict[str, Any] = {"text": text, "member": member, "raised": date.isoformat()}
        if due:
            item["due"] = due
        data.setdefault(kind, []).append(item)
        return [f"{kind}.{len(data[kind])}"]

    return _change(workspace, alliance_id, "list({id}): add {refs}", message, edit)


def seed_from_definition(workspace: Workspace, alliance_id: str, *, date: dt.date,
                         message: str | None = None) -> ListChange:
    """Add the definition's list entries not yet present, each raised by the lead."""
    def edit(alliance: Alliance, data: dict[str, Any]) -> list[str]:
        refs: list[str] = []
        for kind in ("resources", "services", "needs"):
            present = {str(i.get("text")) for i in data.get(kind) or [] if isinstance(i, dict)}
            for text in getattr(alliance.lists, kind):
                if text not in present:
                    data.setdefault(kind, []).append(
                        {"text": text, "member": alliance.lead, "raised": date.isoformat()})
                    refs.append(f"{kind}.{len(data[kind])}")
        if not refs:
            raise PbctlError(_("every list entry of the definition is already in lists.yaml"))
        return refs

    return _change(workspace, alliance_id, "list({id}): seed from the definition", message,
                   edit)


def claim_item(workspace: Workspace, alliance_id: str, ref: str, *, by: str, date: dt.date,
               due: str | None = None, message: str | None = None) -> ListChange:
    """Record that member ``by`` took item ``ref`` (``needs.4``) on; a closed item or one
    already claimed refuses."""
    from pbctl.definition.plan import parse_tracked_ref

    try:
        kind, _major, index = parse_tracked_ref(ref)
    except ValueError as exc:
        raise PbctlError(str(exc)) from None
    if kind in ("decision", "plan"):
        raise PbctlError(_("{ref} is not a list item").format(ref=ref),
                         hint=_("claim needs.N, resources.N or services.N"))

    def edit(alliance: Alliance, data: dict[str, Any]) -> list[str]:
        items = data.get(kind) or []
        if not 1 <= index <= len(items):
            raise WorkspaceError(_("{alliance} has no item {item}").format(
                                     alliance=alliance.id, item=f"{kind}.{index}"),
                                 hint=ngettext("the {kind} list has {count} item",
                                               "the {kind} list has {count} items",
                                               len(items)).format(kind=kind, count=len(items)))
        item = items[index - 1]
        if item.get("done"):
            raise PbctlError(_("{item} was closed on {date}; a closed item cannot be claimed"
                               ).format(item=f"{kind}.{index}", date=item["done"].get("date")))
        if item.get("claimed"):
            raise PbctlError(_("{item} is already claimed by {member}").format(
                item=f"{kind}.{index}", member=item["claimed"].get("by")))
        _member(alliance, by, "--by")
        raised = dt.date.fromisoformat(str(item.get("raised")))
        if date < raised:
            raise PbctlError(_("{date} is before {item} was raised ({raised})").format(
                date=date.isoformat(), item=f"{kind}.{index}", raised=raised.isoformat()))
        item["claimed"] = {"by": by, "date": date.isoformat()}
        if due:
            item["due"] = due
        return [f"{kind}.{index}"]

    return _change(workspace, alliance_id, "list({id}): claim {refs}", message, edit)
