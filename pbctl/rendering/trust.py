"""Trust in workspace templates, as direnv trusts an ``.envrc``.

A template in a workspace's ``templates/`` folder is code that can arrive from a colleague
through ``pbctl sync``. It runs only once this user has trusted its exact content with
``pbctl trust``. The store lives per user, outside every repository (so it never syncs):
``$PBCTL_TRUST_DIR``, else ``$XDG_DATA_HOME/pbctl/trust``, else
``~/.local/share/pbctl/trust``. Each trusted template is kept there as a copy of its
trusted text, named by a hash of the workspace folder and the template's name, so a
changed template is shown as a diff against what was trusted.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from pbctl.errors import WriteError
from pbctl.i18n import _

#: Environment variable naming the trust store folder (tests, several users' setups).
TRUST_DIR_ENV = "PBCTL_TRUST_DIR"
#: A template longer than this is not read (nor trusted): no document needs it.
MAX_TEMPLATE_BYTES = 1024 * 1024


def trust_dir() -> Path:
    """The folder of this user's trusted templates."""
    explicit = os.environ.get(TRUST_DIR_ENV)
    if explicit:
        return Path(explicit)
    data = os.environ.get("XDG_DATA_HOME")
    base = Path(data) if data else Path.home() / ".local" / "share"
    return base / "pbctl" / "trust"


def _key(workspace_root: Path, name: str) -> str:
    where = f"{workspace_root.resolve()}\0{name}".encode("utf-8", "surrogateescape")
    return hashlib.sha256(where).hexdigest()


def _stored(workspace_root: Path, name: str) -> Path:
    return trust_dir() / f"{_key(workspace_root, name)}.j2"


def trusted_text(workspace_root: Path, name: str) -> bytes | None:
    """The content last trusted for this template (None: never trusted)."""
    try:
        return _stored(workspace_root, name).read_bytes()
    except OSError:
        return None


def is_trusted(workspace_root: Path, name: str, content: bytes) -> bool:
    """Whether this user has trusted exactly ``content`` for this template."""
    previous = trusted_text(workspace_root, name)
    return previous is not None and (
        hashlib.sha256(previous).digest() == hashlib.sha256(content).digest())


def trust_command(name: str) -> str:
    """The command that trusts one template, as messages quote it."""
    return f"pbctl trust {name}"


@dataclass(frozen=True)
class TemplateState:
    """One workspace template and whether it may run."""

    name: str  # below templates/, with / separators
    path: Path
    content: bytes
    previous: bytes | None  # the text last trusted, None if never

    @property
    def trusted(self) -> bool:
        return self.previous is not None and self.previous == self.content

    def diff(self) -> str:
        """What changed since the last trusted version (all of it for a new template)."""
        old = (self.previous or b"").decode("utf-8", "replace").splitlines(keepends=True)
        new = self.content.decode("utf-8", "replace").splitlines(keepends=True)
        before = f"trusted/{self.name}" if self.previous is not None else "/dev/null"
        lines = difflib.unified_diff(old, new, before, f"templates/{self.name}")
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _names(templates: Path) -> list[str]:
    """Every regular file below ``templates`` (links not followed), as template names."""
    found = []
    for folder, dirs, files in os.walk(templates, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            if file.startswith("."):
                continue
            path = Path(folder) / file
            found.append(path.relative_to(templates).as_posix())
    return found


def name_of(templates: Path, ref: str) -> str:
    """A template name from what a user typed: ``charter/charter.md.j2`` (below
    templates/) or a path to the file (``templates/charter/charter.md.j2``)."""
    path = Path(ref)
    if not path.is_absolute():
        if (templates / path).is_file():
            return path.as_posix()
        path = Path.cwd() / path
    try:
        return Path(os.path.normpath(path)).relative_to(
            Path(os.path.normpath(templates.absolute()))).as_posix()
    except ValueError:
        return path.as_posix()


def states(templates: Path, names: list[str] | None = None) -> list[TemplateState]:
    """The state of these workspace templates (default: all of them)."""
    from pbctl.errors import WorkspaceError

    root = templates.parent
    chosen = _names(templates) if names is None else names
    result = []
    for name in chosen:
        path = templates / name
        if ".." in Path(name).parts or Path(name).is_absolute() or not path.is_file():
            raise WorkspaceError(_("{name}: no such template in {folder}").format(
                name=name, folder=templates))
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            raise WorkspaceError(_("{path}: larger than 1 MiB; not a template").format(
                path=f"templates/{name}"))
        result.append(TemplateState(name, path, path.read_bytes(), trusted_text(root, name)))
    return result


def trust(templates: Path, state: TemplateState) -> None:
    """Record that this user trusts ``state.content`` for its template."""
    from pbctl.fsutil import atomic_write

    target = _stored(templates.parent, state.name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, state.content)
    except OSError as exc:
        raise WriteError(target, exc) from None
