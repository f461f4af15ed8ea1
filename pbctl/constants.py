"""File names, defaults and other constants shared across pbctl."""

from __future__ import annotations

WORKSPACE_FILE = "pbctl.yaml"
ALLIANCES_DIR = "alliances"
ALLIANCE_FILE = "alliance.yaml"
MEETINGS_DIR = "meetings"
ACTIVITIES_DIR = "activities"
DOCUMENTS_DIR = "documents"
TEMPLATES_DIR = "templates"
RECORDS_FILE = "records.yaml"

MAX_YAML_BYTES = 1024 * 1024
#: Dates later than this many years after today are taken for typos.
FAR_FUTURE_YEARS = 20

DOCUMENT_KINDS = ("charter", "agreement", "integrity-pact")


def minutes_kind(number: int) -> str:
    """The document kind (and file stem) of a meeting's minutes: ``minutes-003``."""
    return f"minutes-{number:03d}"
