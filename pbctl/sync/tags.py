"""Tags on both sides: refuse any that differ, take the remote's new ones, push pbctl's.

The remote's tags are fetched into ``refs/pbctl/remote-tags/<remote>/`` (see
:func:`pbctl.sync.remote.fetch`) and compared here with ``refs/tags/``. A tag is the proof
of which revision was signed (``<alliance>/<doc>/signed-r<N>``), so one that exists on both
sides with different objects is never resolved automatically: sync refuses before merging
or pushing anything and names each such tag with both commits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pbctl.errors import RecordsError
from pbctl.i18n import _, ngettext
from pbctl.records import git
from pbctl.sync.remote import REMOTE_TAGS

#: the tags ``pbctl sign`` makes (see pbctl.records.signing.tag_name)
PBCTL_TAG = re.compile(r"^[^/\s]+/[^/\s]+/signed-r[1-9][0-9]*$")


@dataclass(frozen=True)
class TagRef:
    #: the tag object (annotated) or commit (lightweight) the ref holds
    object: str
    #: the commit it points at
    commit: str


@dataclass(frozen=True)
class TagClash:
    name: str
    local: TagRef
    remote: TagRef

    def describe(self, remote: str) -> str:
        return _("{tag}: here {mine}, on {remote} {theirs}").format(
            tag=self.name, mine=_which(self.local), remote=remote, theirs=_which(self.remote))


def _which(ref: TagRef) -> str:
    if ref.object == ref.commit:
        return _("commit {commit}").format(commit=ref.commit[:12])
    return _("commit {commit} (tag object {object})").format(commit=ref.commit[:12],
                                                           object=ref.object[:12])


@dataclass
class TagPlan:
    #: tags only the remote has: name → object, to create here
    incoming: dict[str, str] = field(default_factory=dict)
    #: pbctl's tags only we have, to push
    outgoing: list[str] = field(default_factory=list)
    clashes: list[TagClash] = field(default_factory=list)


def read_refs(root: Path, prefix: str) -> dict[str, TagRef]:
    """Tags under ``prefix`` (``refs/tags/``), by name relative to it."""
    text = git.output(root, "for-each-ref", "--format=%(refname) %(objectname) %(*objectname)",
                      prefix)
    refs: dict[str, TagRef] = {}
    for line in text.splitlines():
        parts = line.split(" ")
        if len(parts) < 2 or not parts[0].startswith(prefix):
            continue
        peeled = parts[2] if len(parts) > 2 and parts[2] else parts[1]
        refs[parts[0][len(prefix):]] = TagRef(parts[1], peeled)
    return refs


def compare(root: Path, remote: str) -> TagPlan:
    local = read_refs(root, "refs/tags/")
    theirs = read_refs(root, REMOTE_TAGS.format(remote=remote))
    plan = TagPlan()
    for name, ref in sorted(theirs.items()):
        mine = local.get(name)
        if mine is None:
            plan.incoming[name] = ref.object
        elif mine.object != ref.object:
            plan.clashes.append(TagClash(name, mine, ref))
    plan.outgoing = sorted(n for n in local if n not in theirs and PBCTL_TAG.match(n))
    return plan


def refuse(plan: TagPlan, remote: str) -> None:
    """Raise, naming every tag that differs between here and ``remote``."""
    if not plan.clashes:
        return
    names = ", ".join(c.name for c in plan.clashes)
    lines = "; ".join(c.describe(remote) for c in plan.clashes)
    raise RecordsError(
        ngettext("REFUSED: the tag {names} differs between this workspace and {remote} "
                 "({details}). A signed revision's tag must never change; nothing was merged "
                 "or pushed",
                 "REFUSED: the tags {names} differ between this workspace and {remote} "
                 "({details}). A signed revision's tag must never change; nothing was merged "
                 "or pushed", len(plan.clashes)).format(names=names, remote=remote,
                                                        details=lines),
        hint=_("find out who changed it and which one is right ({show}; {list}); if yours is "
               "wrong, delete it ({delete}) and sync again; if {remote}'s is wrong, whoever has "
               "the right one restores it there ({push})").format(
            show=f"git show {plan.clashes[0].name}",
            list=f"git ls-remote {remote} 'refs/tags/*'", delete="git tag -d NAME",
            remote=remote, push=f"git push --force {remote} refs/tags/NAME"))


def create(root: Path, incoming: dict[str, str]) -> list[str]:
    """Create the remote's new tags here (never overwriting one); their names."""
    if not incoming:
        return []
    commands = "".join(f"create refs/tags/{name} {obj}\n" for name, obj in incoming.items())
    git.run(root, "update-ref", "--stdin", input=commands.encode("utf-8"))
    return sorted(incoming)
