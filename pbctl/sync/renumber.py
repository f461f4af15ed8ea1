"""Settle record numbers before a merge: renumber our unpublished records that clash.

A clash is a record file (``alliances/<id>/meetings/NNN.yaml`` or ``…/activities/NNN.yaml``)
that both sides added since their merge base under the same name with different content.
In each folder with a clash, the records *we* added from the first clashing number on move,
in their order, to the numbers after the highest one in use on either side. Only their
``number:`` line changes (and a ``title:`` equal to the old number's default title); the
rest of each file is kept byte for byte. Minutes rendered here for a moved meeting are
removed (see :mod:`pbctl.sync`). Everything is one commit made with :meth:`Store.commit`.
A group's own meetings (``meetings/<group>-NNN.yaml``) are numbered per group: they clash
and move only among that group's meetings, never with the joint meetings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal

from pbctl import constants as C
from pbctl.definition import numbering
from pbctl.errors import RecordsError
from pbctl.i18n import _
from pbctl.records import git
from pbctl.records.store import Store
from pbctl.records.writing import Change, writing

if TYPE_CHECKING:  # imported when renumbering (pydantic models cost ~0.1 s to import)
    from pbctl.records import registry as reg

RecordKind = Literal["meeting", "activity"]
RECORD_PATH = re.compile(
    rf"^{C.ALLIANCES_DIR}/([^/]+)/({C.MEETINGS_DIR}|{C.ACTIVITIES_DIR})/([^/]+)$")
_NUMBER_LINE = re.compile(r"^(number:[ \t]*)(['\"]?)([0-9]+)\2(?=[ \t]*(?:#.*)?$)", re.M)
_TITLE_LINE = re.compile(r"^title:[ \t]*(.*?)[ \t]*$", re.M)


@dataclass(frozen=True)
class Move:
    alliance: str
    kind: RecordKind
    old: int
    new: int
    old_path: str  # relative to the repository top, '/' separators
    new_path: str
    group: str | None = None  # a group's own meeting: numbered per group

    def __str__(self) -> str:
        return f"{self.kind} {self.old_ref} → {self.new_ref} ({self.alliance})"

    @property
    def old_ref(self) -> str:
        return f"{self.group}-{self.old}" if self.group else str(self.old)

    @property
    def minutes_kind(self) -> str:
        """The minutes of the meeting before the move: ``minutes-003``, ``minutes-g-003``."""
        if self.group:
            return f"minutes-{self.group}-{self.old:03d}"
        return C.minutes_kind(self.old)

    @property
    def new_ref(self) -> str:
        return f"{self.group}-{self.new}" if self.group else str(self.new)


@dataclass
class Renumbering:
    moves: list[Move] = field(default_factory=list)
    #: files of minutes rendered here for moved meetings, removed (relative paths)
    removed: list[str] = field(default_factory=list)
    #: (alliance, new meeting number or GROUP-N) whose minutes should be rendered again
    rerender: list[tuple[str, int | str]] = field(default_factory=list)
    commit: str | None = None


def record_of(path: str) -> tuple[str, RecordKind, int] | None:
    """``(alliance, kind, number)`` of a record file's path, else None."""
    match = RECORD_PATH.match(path)
    if not match:
        return None
    number = numbering.number_of(match.group(3))
    if number is None:
        return None
    kind: RecordKind = "meeting" if match.group(2) == C.MEETINGS_DIR else "activity"
    return match.group(1), kind, number


def series_of(path: str) -> tuple[str, str | None, int] | None:
    """``(folder, group, number)`` of any numbered record file, group meetings included:
    records in one series share their numbers."""
    info = record_of(path)
    folder = str(PurePosixPath(path).parent)
    if info is not None:
        return folder, None, info[2]
    match = RECORD_PATH.match(path)
    if match and match.group(2) == C.MEETINGS_DIR:
        named = numbering.group_number_of(match.group(3))
        if named is not None:
            return folder, named[0], named[1]
    return None


def added_records(root: Path, old: str, new: str) -> dict[str, str]:
    """Record files added between commits ``old`` and ``new``: path → blob sha."""
    out = git.run(root, "diff-tree", "-r", "-z", "--no-renames", "--diff-filter=A", old, new,
                  "--", C.ALLIANCES_DIR).stdout.decode("utf-8", "surrogateescape")
    fields = out.split("\0")
    added: dict[str, str] = {}
    for meta, path in zip(fields[0::2], fields[1::2], strict=False):
        parts = meta.split()
        if len(parts) >= 4 and series_of(path) is not None:
            added[path] = parts[3]
    return added


Series = tuple[str, str | None]  # (folder, group or None)


def _numbers_in(root: Path, commit: str, series: Iterable[Series]) -> dict[Series, set[int]]:
    wanted = sorted(set(series), key=lambda k: (k[0], k[1] or ""))
    found: dict[Series, set[int]] = {k: set() for k in wanted}
    if not wanted:
        return found
    text = git.output(root, "ls-tree", "-z", "--name-only", commit, "--",
                      *sorted({f"{f}/" for f, _ in wanted}))
    for path in text.split("\0"):
        info = series_of(path) if path else None
        if info is not None and (info[0], info[1]) in found:
            found[(info[0], info[1])].add(info[2])
    return found


def plan(root: Path, base: str, ours: str, theirs: str) -> list[Move]:
    """The moves that settle numbering between ``ours`` and ``theirs`` (common ``base``)."""
    mine = added_records(root, base, ours)
    other = added_records(root, base, theirs)
    first_clash: dict[Series, int] = {}
    for path, blob in mine.items():
        if path in other and other[path] != blob:
            info = series_of(path)
            assert info is not None
            key = (info[0], info[1])
            first_clash[key] = min(info[2], first_clash.get(key, info[2]))
    if not first_clash:
        return []
    in_theirs = _numbers_in(root, theirs, first_clash)
    in_ours = _numbers_in(root, ours, first_clash)
    moves: list[Move] = []
    for key, first in sorted(first_clash.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        folder, group = key
        ours_added = sorted(
            (info[2], path) for path in mine
            if (info := series_of(path)) is not None and (info[0], info[1]) == key
            and info[2] >= first)
        moving = {n for n, _ in ours_added}
        taken = in_theirs[key] | (in_ours[key] - moving)
        following = max(taken, default=0) + 1
        alliance = PurePosixPath(folder).parent.name
        kind: RecordKind = "meeting" if PurePosixPath(folder).name == C.MEETINGS_DIR \
            else "activity"
        for number, path in ours_added:
            name = numbering.group_file_name(group, following) if group \
                else numbering.file_name(following)
            moves.append(Move(alliance, kind, number, following, path, f"{folder}/{name}",
                              group))
            following += 1
    return moves


def renumbered_text(text: str, move: Move) -> str:
    """The record's text with its new number (and default title); all else unchanged."""
    new_text, count = _NUMBER_LINE.subn(lambda m: f"{m.group(1)}{move.new}", text, count=1)
    if count != 1:
        raise RecordsError(_("{path} has no 'number: {number}' line to renumber").format(
                               path=move.old_path, number=move.old),
                           hint=_("fix the record (pbctl check), commit it and sync again"))
    if move.group:  # a group's default title: 第一次软件联组会议 → 第三次软件联组会议,
        # 第一联组第一次会议 → 第一联组第三次会议
        from pbctl.numerals import cn_number

        match = _TITLE_LINE.search(new_text)
        old_head, new_head = f"第{cn_number(move.old)}次", f"第{cn_number(move.new)}次"
        title = match.group(1).strip("'\"") if match else ""
        if match and title.endswith("会议") and (
                title.startswith(old_head) or (title.startswith("第") and old_head in title)):
            line = match.group(0).replace(old_head, new_head, 1)
            new_text = new_text[:match.start()] + line + new_text[match.end():]
    elif move.kind == "meeting":
        from pbctl.words import meeting_title

        old_title, new_title = meeting_title(move.old, None), meeting_title(move.new, None)
        match = _TITLE_LINE.search(new_text)
        if match and match.group(1).strip("'\"") == old_title:
            line = match.group(0).replace(old_title, new_title)
            new_text = new_text[:match.start()] + line + new_text[match.end():]
    return new_text


def _minutes(store: Store, moves: list[Move]
             ) -> tuple[list[str], dict[str, reg.Registry], list[Move]]:
    """For moved meetings with minutes rendered here: their files (present in HEAD), the
    alliances' records.yaml without their entries, and the moves concerned."""
    from pbctl.records import registry as reg

    meetings = [m for m in moves if m.kind == "meeting"]
    candidates = [f"{_docs(m.alliance)}/{m.minutes_kind}{ext}"
                  for m in meetings for ext in (".docx", ".pdf")]
    if not candidates:
        return [], {}, []
    present = store.git("ls-tree", "-z", "--name-only", "HEAD", "--", *candidates)
    files = sorted(p for p in present.split("\0") if p)
    alliances = sorted({m.alliance for m in meetings})
    rels = [f"{C.ALLIANCES_DIR}/{a}/{C.RECORDS_FILE}" for a in alliances]
    registries: dict[str, reg.Registry] = {}
    concerned: list[Move] = []
    for alliance, rel, data in zip(alliances, rels, store.read_blobs([f"HEAD:{r}" for r in rels]),
                                   strict=True):
        registry = reg.parse(data.decode("utf-8"), rel) if data is not None else reg.Registry()
        mine = [m for m in meetings if m.alliance == alliance]
        kinds = {m.minutes_kind for m in mine}
        for move in mine:
            record = registry.documents.get(move.minutes_kind)
            if record is not None and record.signed:
                raise RecordsError(
                    _("meeting {number} of {alliance} was also logged on the remote under the "
                      "same number, and its minutes ({kind}) are signed here; sync will not "
                      "renumber a meeting with signed minutes; nothing was changed").format(
                        number=move.old, alliance=alliance, kind=move.minutes_kind),
                    hint=_("agree with your colleagues which record keeps the number, settle "
                           "it by hand (git merge), then run pbctl sync"))
            if record is not None or any(f.startswith(f"{_docs(alliance)}/"
                                                      f"{move.minutes_kind}.")
                                         for f in files):
                concerned.append(move)
        kept = {k: v for k, v in registry.documents.items() if k not in kinds}
        if len(kept) != len(registry.documents):
            registries[rel] = reg.Registry(documents=kept)
    return files, registries, concerned


def _docs(alliance: str) -> str:
    return f"{C.ALLIANCES_DIR}/{alliance}/{C.DOCUMENTS_DIR}"


def _check_clean(store: Store, rels: list[str]) -> None:
    """Refuse when the user has uncommitted changes to files renumbering rewrites."""
    dirty = store.git("status", "--porcelain", "-z", "--untracked-files=all", "--", *rels)
    paths = [entry[3:] for entry in dirty.split("\0") if len(entry) > 3]
    if paths:
        raise RecordsError(
            _("sync must renumber records that clash with the remote's, but these files have "
              "uncommitted changes: {files}; nothing was changed").format(files=", ".join(paths)),
            hint=_("commit them (or undo them: git restore FILE) and run pbctl sync again"))


def apply(store: Store, moves: list[Move], *, message: str | None) -> Renumbering:
    """Rewrite, move and commit; minutes of moved meetings are removed with them."""
    from pbctl.records import registry as reg

    result = Renumbering(moves=list(moves))
    if not moves:
        return result
    removed, registries, concerned = _minutes(store, moves)
    olds = [m.old_path for m in moves]
    news = [m.new_path for m in moves]
    rels = sorted({*olds, *news, *removed, *registries})
    _check_clean(store, rels)
    contents = dict(zip(olds, store.read_blobs([f"HEAD:{p}" for p in olds]), strict=True))
    texts = {}
    for move in moves:
        data = contents[move.old_path]
        if data is None:  # pragma: no cover - listed from HEAD's tree
            raise RecordsError(f"{move.old_path} is missing from HEAD")
        texts[move.new_path] = renumbered_text(data.decode("utf-8"), move)
    paths = [store.toplevel / r for r in rels]
    subject = _subject(moves)
    reason = [message.strip(), ""] if message and message.strip() else []
    body = "\n".join([*reason, *(f"{m.old_path} → {m.new_path}" for m in moves),
                      *(f"removed {r} (rendered for the old number)" for r in removed)])
    files: dict[Path, str | bytes | None] = {
        store.toplevel / rel: None for rel in sorted({*olds, *removed} - set(news))}
    files.update((store.toplevel / rel, text) for rel, text in texts.items())
    files.update((store.toplevel / rel, reg.dumps(registry))
                 for rel, registry in registries.items())
    with writing(store) as writer:
        result.commit = writer.record(Change(files, subject, message=body, also=paths,
                                             trailers=[("Pbctl-Command", "sync")]))
    result.removed = removed
    result.rerender = [(m.alliance, m.new_ref if m.group else m.new) for m in concerned]
    return result


def _subject(moves: list[Move]) -> str:
    by_alliance: dict[tuple[str, str], list[Move]] = {}
    for move in moves:
        by_alliance.setdefault((move.alliance, move.kind), []).append(move)
    parts = []
    for (alliance, kind), group in by_alliance.items():
        plural = {"meeting": "meetings", "activity": "activities"}[kind]
        shown = ", ".join(f"{m.old_ref} → {m.new_ref}" for m in group[:3])
        more = f" and {len(group) - 3} more" if len(group) > 3 else ""
        parts.append(f"{kind if len(group) == 1 else plural} {shown}{more} ({alliance})")
    return "sync: renumber " + "; ".join(parts)
