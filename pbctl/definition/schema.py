"""JSON Schema export of definitions and records, for editors (yaml-language-server)."""

from __future__ import annotations

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
