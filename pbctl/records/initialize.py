"""``pbctl init``: make (or adopt) a git repository as a pbctl records workspace."""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pbctl.definition.schema import stale_schemas
from pbctl.definition.workspace import Workspace
from pbctl.errors import WorkspaceError
from pbctl.fsutil import with_line
from pbctl.i18n import _
from pbctl.records import git
from pbctl.records.store import Store
from pbctl.records.writing import Change, writing

DIFF_DRIVER = "pbctl-docx"
ATTRIBUTES_LINE = f"*.docx diff={DIFF_DRIVER}"
KEEP_FILE = ".gitkeep"


@dataclass
class InitResult:
    root: Path
    #: a new git repository was made (else an existing one was adopted)
    created_repo: bool
    #: files pbctl wrote (and committed)
    written: list[Path] = field(default_factory=list)
    commit: str | None = None
    notices: list[str] = field(default_factory=list)


def default_textconv_command() -> str:
    """The command git runs to turn a .docx into text: this Python's pbctl, so it works
    from a virtual environment that is not on PATH."""
    return f"{shlex.quote(sys.executable)} -m pbctl textconv"


def settings_text() -> str:
    """A commented ``pbctl.yaml`` showing every setting with its default."""
    from pbctl.definition.settings import Settings

    settings = Settings()
    fonts = settings.fonts
    return "\n".join([
        "# pbctl workspace settings. Every key is optional; the values shown are the",
        "# defaults. 'pbctl check pbctl.yaml' validates this file.",
        "",
        "# Fonts written into documents (GB/T 9704 practice); East Asian names are set on",
        "# w:eastAsia too. For PDF on Linux, Noto Serif/Sans CJK SC stand in when missing.",
        "fonts:",
        f"  title: {fonts.title}        # 标题 (小标宋, 2号)",
        f"  body: {fonts.body}            # 正文 (仿宋, 3号)",
        f"  kai: {fonts.kai}             # 二级标题 (楷体)",
        f"  hei: {fonts.hei}                    # 一级标题 (黑体)",
        f"  page_number: {fonts.page_number}            # 页码 (宋体, 4号)",
        f"  latin: {fonts.latin}     # Latin letters and digits",
        "",
        "# Days before the end of an alliance's term (换届) from which pbctl warns.",
        f"renewal_days: {settings.renewal_days}",
        "",
        "# Seconds a document's template may run before it is stopped.",
        f"render_timeout: {settings.render_timeout:g}",
        "",
        "# Author written into the documents' properties (default: the alliance).",
        "# author: ××党委办公室",
        "",
        "# Points per fact in the joint evaluation (成效联评, 'pbctl evaluate'); see",
        "# docs/reference.md for what each fact counts.",
        "evaluation:",
        "  weights:",
        *(f"    {key}: {_number(value)}"
          for key, value in settings.evaluation.weights.model_dump().items()),
        "",
        "# News releases and briefs ('pbctl render news'): 来源, 通讯员, 责编, 一审/二审/三审",
        "# and the brief's 编印单位 (default: the secretariat). Unset ones are left blank.",
        "# news:",
        "#   source: ××党委宣传部",
        "#   reporters: [张三, 李四]",
        "#   editor: 王五",
        "#   reviewers: [赵六, 钱七, 孙八]",
        "#   publisher: ××党建联建秘书处",
        "",
    ])


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _ensure_repo(root: Path, notices: list[str]) -> bool:
    """Make ``root`` a git work tree's top level; True when a new repository was made.

    A repository whose top level is ``root`` is adopted. A folder inside another
    repository's work tree gets a repository of its own: pbctl never records a workspace's
    revisions in an enclosing project (or home-folder) repository by surprise.
    """
    proc = git.run(root, "rev-parse", "--is-inside-work-tree", "--show-toplevel", check=False)
    lines = proc.stdout.decode("utf-8", "surrogateescape").split("\n")
    if proc.returncode == 0 and lines[0] == "true" and Path(lines[1]).resolve() == root:
        return False
    if proc.returncode == 0 and lines[0] != "true":
        raise WorkspaceError(_("{root} is inside a git directory, not a work tree").format(
                             root=root), hint=_("choose a folder outside .git"))
    if proc.returncode == 0:
        notices.append(_("{root} is inside the git repository {outer}; made a separate "
                         "repository for the workspace").format(root=root, outer=lines[1]))
    configured = git.run(root, "config", "--get", "init.defaultBranch", check=False)
    branch = [] if configured.stdout.strip() else ["--initial-branch=main"]
    git.run(root, "init", "-q", *branch)
    return True


def init_workspace(directory: Path, *, message: str | None = None,
                   textconv_command: str | None = None) -> InitResult:
    """Make ``directory`` a records workspace: a git repository (new or adopted) with
    ``pbctl.yaml``, ``alliances/``, the .docx diff driver, and a first commit of those files
    only. Running it again changes nothing that is already in place."""
    root = directory.resolve()
    if root.exists() and not root.is_dir():
        raise WorkspaceError(_("{directory} is a file, not a folder").format(
            directory=directory))
    root.mkdir(parents=True, exist_ok=True)
    notices: list[str] = []
    created = _ensure_repo(root, notices)
    result = InitResult(root=root, created_repo=created, notices=notices)
    workspace = Workspace(root)
    # The .docx diff driver, and the records.yaml merge driver that keeps a hand-run
    # git pull (and pbctl sync) merging document records by kind (git config, not files).
    from pbctl.records.registry_merge import configure

    configure(root, textconv_command=textconv_command or default_textconv_command())
    store = Store.for_new_workspace(root)
    with writing(store) as writer:  # the one write path, even for the first files
        files: dict[Path, str | bytes | None] = {}
        if not workspace.is_initialized:
            files[workspace.settings_file] = settings_text()
        alliances = workspace.alliances_dir
        if not alliances.is_dir() or not any(alliances.iterdir()):
            files[alliances / KEEP_FILE] = ""
        attributes = root / ".gitattributes"
        attributes_text = with_line(attributes, ATTRIBUTES_LINE, "pbctl: show the text of Word "
                                    "documents in git diff / git log -p")
        if attributes_text is not None:
            files[attributes] = attributes_text
        files.update(stale_schemas(root))
        result.written = list(files)
        result.commit = writer.record(Change(
            files, "init: pbctl records workspace", message=message,
            also=[workspace.settings_file, attributes],
            trailers=[("Pbctl-Command", "init")],
        ))
    result.notices += store.notices
    return result
