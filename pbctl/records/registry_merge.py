"""A git merge driver for ``alliances/<id>/records.yaml`` (the documents' revisions).

Both sides change records.yaml when both render offline. Merged per document kind: a kind
changed on one side only is taken from that side (added, revised, signed or dropped); a
kind changed identically on both is kept; a kind changed differently on both is a true
conflict (its .docx conflicts too): the file then holds every cleanly merged kind once and
the conflicting ones between git's conflict markers, and the driver exits 1 so git reports
the conflict.

git runs it as ``python -m pbctl.records.registry_merge %O %A %B %P`` (see :func:`configure`,
which sync and ``pbctl init --from`` call; the driver and the attribute live in the clone's
``.git/config`` and ``.git/info/attributes``, as git does not run drivers named by files it
fetched). A file that is not a valid registry falls back to git's line merge.

Clones made before 0.1 name the old path ``pbctl.sync.registry_merge`` in ``.git/config``;
that module stays as a shim until :func:`configure` (run by every sync) rewrites it.
"""

from __future__ import annotations

import shlex
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from pbctl import constants as C
from pbctl.fsutil import with_line
from pbctl.records import git

if TYPE_CHECKING:
    from pbctl.records.registry import DocumentRecord

DRIVER = "pbctl-records"
ATTRIBUTE = f"{C.ALLIANCES_DIR}/*/{C.RECORDS_FILE} merge={DRIVER}"


def driver_command() -> str:
    return f"{shlex.quote(sys.executable)} -m pbctl.records.registry_merge %O %A %B %P"


def configure(root: Path, *, textconv_command: str | None = None) -> None:
    """Set up the merge driver (and the .docx diff driver when missing) in this clone."""
    from pbctl.records.initialize import DIFF_DRIVER, default_textconv_command

    proc = git.run(root, "config", "--local", "--get-regexp",
                   rf"^(merge\.{DRIVER}|diff\.{DIFF_DRIVER})\.", check=False)
    have = dict(line.split(" ", 1) for line in
                proc.stdout.decode("utf-8", "replace").splitlines() if " " in line)
    wanted = {f"merge.{DRIVER}.name": "pbctl: merge records.yaml by document kind",
              f"merge.{DRIVER}.driver": driver_command()}
    textconv_key = f"diff.{DIFF_DRIVER}.textconv"
    if textconv_command is not None or textconv_key not in have:
        wanted[textconv_key] = textconv_command or default_textconv_command()
    for key, value in wanted.items():
        if have.get(key) != value:
            git.run(root, "config", "--local", key, value)
    attributes = Path(git.output(root, "rev-parse", "--path-format=absolute", "--git-path",
                                 "info/attributes"))
    text = with_line(attributes, ATTRIBUTE, "pbctl sync: merge documents' records by kind")
    if text is not None:
        attributes.parent.mkdir(parents=True, exist_ok=True)
        attributes.write_text(text, encoding="utf-8")


def _parse(text: str, label: str) -> dict[str, DocumentRecord] | None:
    """The documents of a registry text, by kind; None when it is not a valid registry."""
    from pbctl.errors import PbctlError
    from pbctl.records.registry import parse

    try:
        return dict(parse(text, label).documents)
    except PbctlError:
        return None


def _dump(documents: dict[str, DocumentRecord]) -> str:
    from pbctl.records.registry import Registry, dumps

    return dumps(Registry(documents=dict(sorted(documents.items()))))


def merge_texts(base: str, ours: str, theirs: str) -> tuple[str, list[str]] | None:
    """The merged registry text and the kinds in conflict; None when a side is not a valid
    registry (the caller falls back to a line merge)."""
    o, a, b = (_parse(t, n) for t, n in ((base, "base"), (ours, "ours"), (theirs, "theirs")))
    if o is None or a is None or b is None:
        return None
    merged: dict[str, DocumentRecord] = {}
    conflicts: list[str] = []
    for kind in sorted({*o, *a, *b}):
        base_v, ours_v, theirs_v = o.get(kind), a.get(kind), b.get(kind)
        if ours_v == theirs_v or theirs_v == base_v:
            value = ours_v
        elif ours_v == base_v:
            value = theirs_v
        else:
            conflicts.append(kind)
            value = ours_v
        if value is not None:
            merged[kind] = value
    if not conflicts:
        return _dump(merged), []
    sides = []
    for side in (a, o, b):
        version = dict(merged)
        for kind in conflicts:
            version.pop(kind, None)
            if kind in side:
                version[kind] = side[kind]
        sides.append(_dump(version))
    return _line_merge(*sides), conflicts


def _line_merge(ours: str, base: str, theirs: str) -> str:
    """git merge-file's result (with conflict markers) for three texts."""
    with tempfile.TemporaryDirectory(prefix="pbctl-merge-") as tmp:
        folder = Path(tmp)
        names = []
        for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            (folder / name).write_text(text, encoding="utf-8")
            names.append(name)
        proc = git.run(folder, "merge-file", "-p", "-L", "ours (this workspace)", "-L", "base",
                       "-L", "theirs (the remote)", *names, check=False)
        if proc.returncode < 0 or proc.returncode > 127:  # pragma: no cover - git broke
            raise RuntimeError(proc.stderr.decode("utf-8", "replace"))
        return proc.stdout.decode("utf-8")


def main(argv: list[str]) -> int:
    """``%O %A %B [%P]``: write the result to %A; 0 when clean, 1 on conflict."""
    if len(argv) < 3:
        print("usage: python -m pbctl.records.registry_merge BASE OURS THEIRS [PATH]",
              file=sys.stderr)
        return 2
    base, ours, theirs = (Path(a) for a in argv[:3])
    label = argv[3] if len(argv) > 3 else "records.yaml"
    texts = [p.read_text(encoding="utf-8") if p.exists() else "" for p in (base, ours, theirs)]
    result = merge_texts(*texts)
    if result is None:
        merged = _line_merge(texts[1], texts[0], texts[2])
        clean = "\n<<<<<<< " not in f"\n{merged}"
    else:
        merged, conflicts = result
        clean = not conflicts
        if conflicts:
            print(f"pbctl: {label}: {', '.join(conflicts)} changed on both sides",
                  file=sys.stderr)
    ours.write_text(merged, encoding="utf-8")
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
