"""``pbctl render KIND --all``: every alliance of the workspace, rendered in parallel.

Rendering (load, template, .docx bytes) is pure and runs in a process pool over the
machine's cores; writing stays in this process, under one workspace lock held for the
whole run, one commit per alliance (history stays per alliance), unchanged documents
neither rewritten nor committed. An alliance that fails (an invalid definition, a template
error) is reported and the others are still written.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pbctl.definition.workspace import Workspace
from pbctl.errors import PbctlError, Problem, ValidationError
from pbctl.records.documents import DocumentsResult, record_documents
from pbctl.records.store import Store
from pbctl.records.writing import writing
from pbctl.rendering.render import Rendered

#: kinds ``--all`` accepts: the documents an alliance keeps
BATCH_KINDS = ("charter", "agreement", "integrity-pact", "all")


@dataclass
class BatchResult:
    results: list[DocumentsResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # invalid definitions
    failed: list[tuple[str, str]] = field(default_factory=list)  # (alliance id, message)
    #: alliances that keep none of the documents asked for
    keep_none: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.problems or self.failed)


Outcome = tuple[str, list[Rendered] | None, list[Problem] | str]


def render_one(root: str, alliance_id: str, kind: str) -> Outcome:
    """Render one alliance's documents (in a worker process): the rendered documents, or
    its problems, or an error message."""
    from pbctl.definition.loading import load_alliance
    from pbctl.definition.workspace import display_path
    from pbctl.rendering.render import ALLIANCE_DOCUMENTS, render_alliance_document

    workspace = Workspace(Path(root))
    try:
        source = workspace.alliance_file(alliance_id)
        alliance = load_alliance(source, display=display_path(source))
        kinds = [k for k in ALLIANCE_DOCUMENTS if alliance.keeps(k)] if kind == "all" \
            else [kind]
        settings, templates = workspace.settings(), workspace.templates_dir()
        return alliance_id, [render_alliance_document(k, alliance, settings=settings,
                                                      templates=templates)
                             for k in kinds], []
    except ValidationError as exc:
        return alliance_id, None, exc.problems
    except PbctlError as exc:
        return alliance_id, None, str(exc)


def _outcomes(workspace: Workspace, ids: list[str], kind: str, jobs: int) -> Iterator[Outcome]:
    root = str(workspace.root)
    if jobs <= 1 or len(ids) <= 1:
        yield from (render_one(root, i, kind) for i in ids)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: the workers start with pbctl already imported (no second start-up per worker)
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=min(jobs, len(ids)),
                             mp_context=multiprocessing.get_context(method)) as pool:
        yield from pool.map(render_one, [root] * len(ids), ids, [kind] * len(ids))


def render_workspace(workspace: Workspace, kind: str, *, message: str | None = None,
                     amend: bool = False, jobs: int | None = None,
                     extra: Callable[[str, list[Rendered]], dict[str, bytes]] | None = None,
                     on_progress: Callable[[int, int], None] | None = None) -> BatchResult:
    """Render ``kind`` for every alliance and record each alliance's changes as one
    commit. ``extra(alliance_id, rendered)`` may add files (the PDFs)."""
    ids = workspace.alliance_ids()
    batch = BatchResult()
    jobs = jobs or os.cpu_count() or 1
    with writing(Store.open(workspace)) as writer:
        for done, (alliance_id, rendered, trouble) in enumerate(
                _outcomes(workspace, ids, kind, jobs), start=1):
            if rendered is None:
                if isinstance(trouble, str):
                    batch.failed.append((alliance_id, trouble))
                else:
                    batch.problems.extend(trouble)
            elif not rendered:
                batch.keep_none.append(alliance_id)
            else:
                try:
                    files = extra(alliance_id, rendered) if extra is not None else {}
                    batch.results.append(record_documents(
                        writer, workspace, alliance_id, {r.kind: r.data for r in rendered},
                        message=message, amend=amend, extra=files))
                except PbctlError as exc:  # e.g. a signed document this render would change
                    batch.failed.append((alliance_id, exc.message))
            if on_progress is not None:
                on_progress(done, len(ids))
    return batch
