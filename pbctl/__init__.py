"""pbctl: the paperwork of party-building alliances (党建联建), as a library and a CLI.

The public API is imported lazily so that ``import pbctl`` (and ``pbctl --help``) stays
light, and re-exported under ``TYPE_CHECKING`` so type checkers see the real signatures::

    from pbctl import Workspace, load_alliance, render_document
    alliance = load_alliance("alliances/health-chain/alliance.yaml")
    rendered = render_document("agreement", alliance)

``docs/api.md`` documents it with a runnable example.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # what type checkers see; at run time __getattr__ imports on first use
    from pbctl.definition.check import CheckResult, check_paths
    from pbctl.definition.loading import load_alliance, load_record
    from pbctl.definition.model import Activity, Alliance, Meeting
    from pbctl.definition.schema import json_schema
    from pbctl.definition.settings import Settings
    from pbctl.definition.workspace import Workspace
    from pbctl.document.blocks import DocumentSpec
    from pbctl.document.writer import write_docx
    from pbctl.errors import PbctlError, Problem, ValidationError
    from pbctl.records.api import (
        DocumentsResult,
        InitResult,
        Logged,
        Revision,
        SignResult,
        VerifyProblem,
        history,
        init_workspace,
        log_activity,
        log_meeting,
        sign,
        verify,
        write_documents,
    )
    from pbctl.rendering.render import Rendered, render_document
    from pbctl.sync.api import SyncResult, sync

_API = {
    "load_alliance": "pbctl.definition.loading",
    "load_record": "pbctl.definition.loading",
    "check_paths": "pbctl.definition.check",
    "CheckResult": "pbctl.definition.check",
    "json_schema": "pbctl.definition.schema",
    "Alliance": "pbctl.definition.model",
    "Meeting": "pbctl.definition.model",
    "Activity": "pbctl.definition.model",
    "Settings": "pbctl.definition.settings",
    "Workspace": "pbctl.definition.workspace",
    "DocumentSpec": "pbctl.document.blocks",
    "write_docx": "pbctl.document.writer",
    "render_document": "pbctl.rendering.render",
    "Rendered": "pbctl.rendering.render",
    "init_workspace": "pbctl.records.api",
    "InitResult": "pbctl.records.api",
    "write_documents": "pbctl.records.api",
    "DocumentsResult": "pbctl.records.api",
    "log_meeting": "pbctl.records.api",
    "log_activity": "pbctl.records.api",
    "Logged": "pbctl.records.api",
    "sign": "pbctl.records.api",
    "SignResult": "pbctl.records.api",
    "verify": "pbctl.records.api",
    "VerifyProblem": "pbctl.records.api",
    "history": "pbctl.records.api",
    "Revision": "pbctl.records.api",
    "sync": "pbctl.sync.api",
    "SyncResult": "pbctl.sync.api",
    "PbctlError": "pbctl.errors",
    "ValidationError": "pbctl.errors",
    "Problem": "pbctl.errors",
}

__all__ = [
    "Activity", "Alliance", "CheckResult", "DocumentSpec", "DocumentsResult", "InitResult",
    "Logged", "Meeting", "PbctlError", "Problem", "Rendered", "Revision", "Settings",
    "SignResult", "SyncResult", "ValidationError", "VerifyProblem", "Workspace",
    "check_paths", "history", "init_workspace", "json_schema", "load_alliance", "load_record",
    "log_activity", "log_meeting", "render_document", "sign", "sync", "verify",
    "write_documents", "write_docx",
]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'pbctl' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next access skips __getattr__
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
