"""pbctl: the paperwork of party-building alliances (党建联建), as a library and a CLI.

The public API is imported lazily so that ``import pbctl`` (and ``pbctl --help``) stays light::

    from pbctl import load_alliance, check_paths
    alliance = load_alliance("alliances/health-chain/alliance.yaml")
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_API = {
    "load_alliance": "pbctl.definition.loading",
    "load_record": "pbctl.definition.loading",
    "check_paths": "pbctl.definition.check",
    "json_schema": "pbctl.definition.schema",
    "Alliance": "pbctl.definition.model",
    "Meeting": "pbctl.definition.model",
    "Activity": "pbctl.definition.model",
    "Workspace": "pbctl.definition.workspace",
    "PbctlError": "pbctl.errors",
    "ValidationError": "pbctl.errors",
    "Problem": "pbctl.errors",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'pbctl' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
