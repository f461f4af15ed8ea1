"""JSON Schema export of definitions and records, for editors (yaml-language-server)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

SCHEMA_KINDS = ("alliance", "meeting", "activity", "settings", "plan", "lists")


def json_schema(kind: str = "alliance") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of pbctl file."""
    from pydantic import BaseModel

    from pbctl.definition.model import Activity, Alliance, Meeting
    from pbctl.definition.plan import ListsFile, Plan
    from pbctl.definition.settings import Settings

    models: dict[str, type[BaseModel]] = {
        "alliance": Alliance, "meeting": Meeting, "activity": Activity, "settings": Settings,
        "plan": Plan, "lists": ListsFile,
    }
    model = models[kind]
    schema: dict[str, Any] = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://pbctl.invalid/schema/{kind}.json"
    return schema


#: Where ``pbctl init`` and ``pbctl schema --write`` keep the schemas, below the workspace.
SCHEMA_FOLDER = "schemas"
#: The first line of a definition ``pbctl new alliance`` writes (alliances/<id>/alliance.yaml).
ALLIANCE_SCHEMA_LINE = (
    f"# yaml-language-server: $schema=../../{SCHEMA_FOLDER}/alliance.schema.json")


def schema_text(kind: str) -> str:
    """The JSON of ``json_schema(kind)`` as written to a file."""
    import json

    return json.dumps(json_schema(kind), ensure_ascii=False, indent=1) + "\n"


def schema_files(root: Path) -> dict[Path, str]:
    """``schemas/<kind>.schema.json`` below the workspace ``root``, with its text, each kind."""
    return {root / SCHEMA_FOLDER / f"{kind}.schema.json": schema_text(kind)
            for kind in SCHEMA_KINDS}


def stale_schemas(root: Path) -> dict[Path, str]:
    """The schemas below the workspace ``root`` that are missing or differ, with their
    current text."""
    out = {}
    for path, text in schema_files(root).items():
        try:
            same = path.read_text(encoding="utf-8") == text
        except OSError:
            same = False
        if not same:
            out[path] = text
    return out
