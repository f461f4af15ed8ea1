"""Merging a roster (:mod:`pbctl.definition.roster`) into a definition's raw data: members
matched by name and updated, others added with ids made from their names, groups named by
id or name. Every bad cell is collected as a problem; nothing here writes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pbctl.constants import XML_ILLEGAL
from pbctl.definition.fields import LEVELS, MEMBER_KINDS
from pbctl.definition.problems import suggest
from pbctl.definition.roster import KIND_WORDS, SLUG, SPLIT, Cell, Sheet, make_id
from pbctl.definition.yamlio import Document, PathKey
from pbctl.errors import Problem, ValidationError

_PHONE = re.compile(r"[0-9+\-() 转]{5,30}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass
class Merge:
    """What merging a roster into a definition changes."""

    data: dict[str, Any]
    added: list[tuple[str, str]] = field(default_factory=list)  # (id, name)
    updated: list[tuple[str, str, list[str]]] = field(default_factory=list)  # id, name, keys
    unchanged: int = 0
    groups: list[tuple[str, str]] = field(default_factory=list)  # new (id, name)
    problems: list[Problem] = field(default_factory=list)
    added_ids: set[str] = field(default_factory=set)
    #: member id → the roster row that names it ("roster.xlsx:成员单位!14")
    rows: dict[str, str] = field(default_factory=dict)
    #: member id → its keys in ``updated`` (the same list), for noting changes quickly
    updated_keys: dict[str, list[str]] = field(default_factory=dict, repr=False)
    #: member_count raised to the members listed: (was, now)
    count: tuple[int, int] | None = None

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.groups)


def _bad(merge: Merge, cell: Cell, key: str, message: str, hint: str | None = None) -> None:
    merge.problems.append(Problem(cell.where, message, field=key, hint=hint))


def _mean(word: str, options: Sequence[str]) -> str | None:
    match = suggest(word, options)
    return f"did you mean {match}?" if match else None


def _kind(merge: Merge, cell: Cell) -> str | None:
    word = cell.text
    if word in MEMBER_KINDS:
        return word
    if word in KIND_WORDS:
        return KIND_WORDS[word]
    for known, kind in KIND_WORDS.items():  # 民营科技企业, 湖南大学 …
        if len(known) > 1 and word.endswith(known):
            return kind
    _bad(merge, cell, "kind", f"{word!r} is not a kind of unit",
         _mean(word, list(KIND_WORDS)) or "e.g. 国有企业, 民营企业, 大学, 街道, 协会, 社区")
    return None


def _check_text(merge: Merge, cell: Cell, key: str) -> str | None:
    bad = XML_ILLEGAL.search(cell.text)
    if bad:
        _bad(merge, cell, key, f"contains the control character U+{ord(bad.group()):04X}")
        return None
    if len(cell.text) > 500:
        _bad(merge, cell, key, "longer than 500 characters")
        return None
    return cell.text


def merge_roster(data: dict[str, Any], sheet: Sheet) -> Merge:
    """Merge ``sheet`` into a copy of a definition's raw ``data``: members matched by name
    are updated (an empty cell leaves a field as it was, a value equal to the current one
    changes nothing), others added with generated ids; groups named by id or name, unknown
    ones created. Problems are collected in ``Merge.problems``."""
    import copy

    from pbctl.definition.model import Member

    defaults = {key: value.default for key, value in Member.model_fields.items()
                if not value.is_required()}
    data = copy.deepcopy(data)
    merge = Merge(data)
    members: list[dict[str, Any]] = data.setdefault("members", [])
    if not isinstance(members, list):
        raise ValidationError.single(sheet.file, "the definition's members are not a list")
    groups: list[dict[str, Any]] = data.get("groups") or []
    by_name = {m.get("name"): m for m in members if isinstance(m, dict)}
    taken: set[str] = {m["id"] for m in members
                       if isinstance(m, dict) and isinstance(m.get("id"), str)}
    group_ids = {g.get("id") for g in groups if isinstance(g, dict)}
    seen: dict[str, str] = {}
    pending_parents: list[tuple[dict[str, Any], Cell]] = []
    pending_groups: list[tuple[str, Cell]] = []

    for row, row_where in zip(sheet.rows, sheet.row_where, strict=True):
        name_cell = row.get("name")
        if name_cell is None:
            merge.problems.append(Problem(row_where, "no party organization name (党组织名称)",
                                          field="name"))
            continue
        name = _check_text(merge, name_cell, "name")
        if name is None:
            continue
        if name in seen:
            _bad(merge, name_cell, "name", f"{name!r} is listed twice (also at {seen[name]})")
            continue
        seen[name] = name_cell.where
        existing = by_name.get(name)
        if existing is None:
            id_cell = row.get("id")
            if id_cell is not None:
                if not SLUG.match(id_cell.text):
                    _bad(merge, id_cell, "id", f"{id_cell.text!r} is not an id",
                         "lowercase letters, digits and -, 2 to 64 characters")
                    continue
                if id_cell.text in taken:
                    _bad(merge, id_cell, "id", f"the id {id_cell.text!r} is taken")
                    continue
                member_id = id_cell.text
            else:
                member_id = make_id(name, taken)
            taken.add(member_id)
        member: dict[str, Any] = existing if existing is not None else {
            "id": member_id, "name": name}
        current = _effective(member, defaults)
        changes: list[str] = []

        def put(key: str, value: Any, member: dict[str, Any] = member,
                current: dict[str, Any] = current, changes: list[str] = changes) -> None:
            if value is not None and current.get(key) != value:
                member[key] = value
                changes.append(key)

        for key in ("organization", "short_name"):
            if key in row:
                put(key, _check_text(merge, row[key], key))
        if "level" in row:
            cell = row["level"]
            if cell.text in LEVELS:
                put("level", cell.text)
            else:
                _bad(merge, cell, "level", f"{cell.text!r} is not one of {', '.join(LEVELS)}",
                     _mean(cell.text, LEVELS))
        if "kind" in row:
            put("kind", _kind(merge, row["kind"]))
        if "joined" in row:
            from pbctl.numerals import parse_date

            try:
                put("joined", parse_date(row["joined"].text).isoformat())
            except ValueError:
                _bad(merge, row["joined"], "joined", f"{row['joined'].text!r} is not a date",
                     "e.g. 2024-05-01 or 2024年5月1日")
        _secretary(merge, row, member, current, changes)
        _contact(merge, row, member, changes)
        merge.rows[member["id"]] = row_where
        if "parent" in row:
            pending_parents.append((member, row["parent"]))
        if "group" in row:
            pending_groups.append((member["id"], row["group"]))
        if existing is None:
            members.append(member)
            by_name[name] = member
            merge.added.append((member["id"], name))
            merge.added_ids.add(member["id"])
        elif changes:
            merge.updated.append((member["id"], name, changes))
            merge.updated_keys[member["id"]] = changes
        else:
            merge.unchanged += 1

    ids = {m.get("id"): m for m in members if isinstance(m, dict)}
    for member, cell in pending_parents:
        target = by_name.get(cell.text) or ids.get(cell.text)
        if target is None:
            _bad(merge, cell, "parent", f"no member is named {cell.text!r}",
                 _mean(cell.text, [n for n in by_name if isinstance(n, str)]))
            continue
        if member.get("parent") != target["id"]:
            member["parent"] = target["id"]
            _note(merge, member, "parent")
    listed_in: dict[int, set[Any]] = {}  # id(group) → the members it lists
    for member_id, cell in pending_groups:
        wanted: list[str] = []
        for word in (w.strip() for w in SPLIT.split(cell.text)):
            if not word:
                continue
            group = next((g for g in groups if isinstance(g, dict)
                          and word in (g.get("id"), g.get("name"))), None)
            if group is None:
                group = {"id": make_id(word, {g for g in group_ids if isinstance(g, str)}),
                         "name": word, "members": []}
                group_ids.add(group["id"])
                groups.append(group)
                merge.groups.append((group["id"], word))
            wanted.append(group["id"])
        for group in groups:
            if not isinstance(group, dict):
                continue
            listed = group.setdefault("members", [])
            present = listed_in.get(id(group))  # a thousand rows: no scans of the lists
            if present is None:
                present = listed_in[id(group)] = set(listed)
            if group["id"] in wanted and member_id not in present:
                listed.append(member_id)
                present.add(member_id)
                _note(merge, ids[member_id], "group")
            elif group["id"] not in wanted and member_id in present:
                listed.remove(member_id)
                present.discard(member_id)
                _note(merge, ids[member_id], "group")
    if groups:
        data["groups"] = groups
    count = data.get("member_count")
    if type(count) is int and count < len(members):
        data["member_count"] = len(members)
        merge.count = (count, len(members))
    return merge


def _note(merge: Merge, member: dict[str, Any], key: str) -> None:
    """Count a change made after the row pass (parent, group)."""
    if member["id"] in merge.added_ids:
        return
    keys = merge.updated_keys.get(member["id"])
    if keys is not None:
        if key not in keys:
            keys.append(key)
        return
    keys = merge.updated_keys[member["id"]] = [key]
    merge.updated.append((member["id"], member["name"], keys))
    merge.unchanged -= 1


def _effective(member: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """The member's fields as the model reads them (``defaults`` filled), for comparing."""
    out = {**defaults, **member}
    joined = out.get("joined")
    if isinstance(joined, dt.date):
        out["joined"] = joined.isoformat()
    return out


def _secretary(merge: Merge, row: dict[str, Cell], member: dict[str, Any],
               current: dict[str, Any], changes: list[str]) -> None:
    name_cell, title_cell = row.get("secretary"), row.get("secretary_title")
    if name_cell is None and title_cell is None:
        return
    old = current.get("secretary")
    old_name = old.get("name") if isinstance(old, dict) else old
    old_title = old.get("title") if isinstance(old, dict) else None
    name = _check_text(merge, name_cell, "secretary") if name_cell else old_name
    title = _check_text(merge, title_cell, "secretary_title") if title_cell else old_title
    if name is None:
        if title_cell is not None and name_cell is None:
            _bad(merge, title_cell, "secretary_title", "a title (书记职务) but no secretary (书记)")
        return
    value: Any = {"name": name, "title": title} if title else name
    if value != old:
        member["secretary"] = value
        changes.append("secretary")


def _contact(merge: Merge, row: dict[str, Cell], member: dict[str, Any],
             changes: list[str]) -> None:
    raw = member.get("contact")
    old = dict(raw) if isinstance(raw, dict) else {}
    new = dict(old)
    for key, field_name in (("contact", "name"), ("phone", "phone"), ("email", "email")):
        cell = row.get(key)
        if cell is None:
            continue
        text = _check_text(merge, cell, key)
        if text is None:
            continue
        if key == "phone" and not _PHONE.fullmatch(text):
            _bad(merge, cell, "phone", f"{text!r} is not a phone number")
            continue
        if key == "email" and not _EMAIL.fullmatch(text):
            _bad(merge, cell, "email", f"{text!r} is not an email address")
            continue
        new[field_name] = text
    if new != old:
        member["contact"] = new
        changes.append("contact")


#: Lines from here on stand for roster rows in :func:`validate_merged` (no file is that long).
_ROW_LINES = 1_000_000_000


def validate_merged(doc: Document, merge: Merge, path: Path | None = None) -> list[Problem]:
    """Every problem of the definition the merge would make, found as ``check`` finds them
    (the model, cross-references, dates) in the merged data itself, with no YAML written
    and read again. A problem in a member the roster added or changed is reported at that
    member's roster row; any other at its place in the definition ``doc`` as it is."""
    from pbctl.definition.loading import validate_alliance

    touched = {member_id for member_id, _ in merge.added}
    touched.update(member_id for member_id, _, _ in merge.updated)
    rows: dict[int, str] = {}
    members = merge.data.get("members")
    for index, member in enumerate(members if isinstance(members, list) else []):
        if isinstance(member, dict) and member.get("id") in touched:
            rows[index] = merge.rows[member["id"]]

    def kept(loc: PathKey) -> bool:
        return not (len(loc) > 1 and loc[0] == "members" and loc[1] in rows)

    positions = {loc: at for loc, at in doc.positions.items() if kept(loc)}
    positions.update({("members", index): (_ROW_LINES + index, 1) for index in rows})
    key_positions = {loc: at for loc, at in doc.key_positions.items() if kept(loc)}
    merged = Document(doc.path, merge.data, positions, key_positions)
    _, problems = validate_alliance(merged, path=path)
    return [dataclasses.replace(p, file=rows[p.line - _ROW_LINES], line=None, column=None)
            if p.line is not None and p.line >= _ROW_LINES else p for p in problems]
