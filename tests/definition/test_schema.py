"""``pbctl schema``: the exported JSON Schema agrees with pbctl on real files."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from helpers import BIN, EXAMPLES, MINIMAL, ROOT, run_cli, write_yaml

from pbctl.definition.model import Activity, Alliance, Meeting

pytestmark = pytest.mark.usefixtures("in_tmp")

CHECK_JSONSCHEMA = BIN / "check-jsonschema"


def export(kind: str | None = None) -> dict:
    args = ["schema"] if kind is None else ["schema", "--record", kind]
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def save_schema(kind: str | None = None) -> Path:
    path = Path(f"{kind or 'alliance'}.schema.json")
    path.write_text(json.dumps(export(kind), ensure_ascii=False), encoding="utf-8")
    return path


def check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *map(str, files)],
        capture_output=True, text=True, timeout=60, check=False,
    )


def test_alliance_schema_is_draft_2020_12_and_requires_the_essentials() -> None:
    schema = export()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://pbctl.invalid/schema/alliance.json"
    assert schema["required"] == ["id", "name", "founded", "members", "lead"]
    assert schema["additionalProperties"] is False  # unknown keys are errors in editors too
    assert set(schema["properties"]) == set(Alliance.model_fields)
    assert schema["properties"]["members"]["minItems"] == 2
    member = schema["$defs"]["Member"]
    assert member["properties"]["level"]["enum"] == [
        "党委", "党总支", "党支部", "联合党支部", "综合党委", "党组", "党工委",
    ]


@pytest.mark.parametrize(("kind", "model"), [("meeting", Meeting), ("activity", Activity)])
def test_record_schema_describes_the_record(kind: str, model: type) -> None:
    schema = export(kind)
    assert schema["$id"] == f"https://pbctl.invalid/schema/{kind}.json"
    assert set(schema["properties"]) == set(model.model_fields)
    assert "number" in schema["required"]


def test_settings_schema_is_exported() -> None:
    assert "fonts" in export("settings")["properties"]


def test_unknown_record_kind_is_a_usage_error() -> None:
    result = run_cli("schema", "--record", "minutes")
    assert result.exit_code == 2
    assert "'minutes' is not one of 'alliance', 'meeting', 'activity', 'settings'" \
        in result.output


@pytest.mark.slow
def test_check_jsonschema_reads_unquoted_yaml_dates_as_strings() -> None:
    """pbctl's schema types dates as strings; check-jsonschema must see them that way."""
    schema = Path("date.schema.json")
    schema.write_text(json.dumps({"properties": {"d": {"type": "string"}}}), encoding="utf-8")
    data = write_yaml(Path("d.yaml"), "d: 2024-03-01\n")
    result = check_jsonschema(schema, data)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_examples_and_minimal_alliance_validate_against_the_exported_schema() -> None:
    examples = sorted(EXAMPLES.glob("*/alliance.yaml"))
    assert len(examples) >= 5
    minimal = write_yaml(Path("minimal.yaml"), MINIMAL.replace(
        "    level: 党委\n", "    level: 党委\n    secretary: NO\n") + "venue: 12:30\n")
    result = check_jsonschema(save_schema(), *examples, minimal)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


@pytest.mark.slow
def test_records_validate_against_their_exported_schemas() -> None:
    meeting = write_yaml(Path("001.yaml"), """\
        number: 1
        date: 2024-06-01
        time: 12:30
        attendees:
          - member: alpha
            names: [张三]
        decisions:
          - text: 开展结对共建
            owner: beta
            due: 2024-12-31
        """)
    activity = write_yaml(Path("a001.yaml"),
                          "number: 1\nkind: volunteer\ndate: 2024-05-01\nmembers: [alpha]\n")
    assert check_jsonschema(save_schema("meeting"), meeting).returncode == 0
    assert check_jsonschema(save_schema("activity"), activity).returncode == 0


@pytest.mark.slow
def test_known_bad_file_fails_the_exported_schema() -> None:
    bad = write_yaml(Path("bad.yaml"), MINIMAL.replace("level: 党总支", "lvl: 党总支")
                     .replace("kind: enterprise", "kind: univercity"))
    result = check_jsonschema(save_schema(), bad)
    assert result.returncode == 1
    assert "'lvl' was unexpected" in result.stdout
    assert "'univercity' is not one of" in result.stdout


@pytest.mark.slow
def test_a_single_member_fails_the_exported_schema() -> None:
    one = write_yaml(Path("one.yaml"), MINIMAL.replace(
        "  - id: beta\n    name: 乙大学党委\n    kind: university\n    level: 党总支\n", ""))
    result = check_jsonschema(save_schema(), one)
    assert result.returncode == 1
    assert "is too short" in result.stdout


@pytest.mark.parametrize("kind", ["alliance", "meeting", "activity", "settings", "plan",
                                  "lists"])
def test_the_schemas_in_docs_are_up_to_date(kind: str) -> None:
    """docs/<kind>.schema.json (what the examples' yaml-language-server lines point at) is
    what `pbctl schema --record KIND` prints; regenerate with that command when it fails."""
    from pbctl.definition.schema import json_schema

    committed = json.loads((ROOT / "docs" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(kind)


@pytest.mark.slow
def test_plan_and_lists_schemas_accept_a_real_year_and_refuse_a_bad_owner(in_tmp: Path) -> None:
    from year_helpers import build_year

    ws = build_year(in_tmp / "ws")
    folder = ws / "alliances" / "yearly"
    plan = folder / "plans" / "2025.yaml"
    for kind, path in (("plan", plan), ("lists", folder / "lists.yaml")):
        result = check_jsonschema(save_schema(kind), path)
        assert result.returncode == 0, result.stdout
    bad = write_yaml(Path("bad-plan.yaml"), "year: 2025\nitems:\n  - {text: 甲, owner: 1}\n")
    result = check_jsonschema(save_schema("plan"), bad)
    assert result.returncode == 1
