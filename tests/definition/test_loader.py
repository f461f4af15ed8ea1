"""pbctl.definition.loading and .check: every error kind, with its exact message and position."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pydantic
import pytest
from helpers import BAD_ALLIANCES, MINIMAL, alliance_text, make_workspace, write_yaml

from pbctl.definition import yamlio
from pbctl.definition.check import check_paths
from pbctl.definition.loading import load_alliance, load_record, validate_alliance
from pbctl.definition.model import Meeting
from pbctl.errors import ValidationError

pytestmark = pytest.mark.usefixtures("in_tmp")


def problems(*paths: Path | str) -> list[str]:
    return [str(p) for p in check_paths([Path(p) for p in paths]).problems]


def problems_of(text: str, name: str = "bad.yaml") -> list[str]:
    write_yaml(Path(name), text)
    return problems(name)


# ------------------------------------------------------------------ good definitions


def test_minimal_alliance_is_valid_and_gets_documented_defaults() -> None:
    write_yaml(Path("a.yaml"), MINIMAL)
    alliance = load_alliance("a.yaml")
    assert alliance.id == "demo"
    assert alliance.founded == dt.date(2024, 3, 1)
    assert alliance.secretariat_member.id == "alpha"  # defaults to the lead
    assert alliance.convener == "lead"
    assert alliance.meetings.frequency == "half-yearly"
    assert alliance.term.years == 3
    assert alliance.term_start == dt.date(2024, 3, 1)
    assert alliance.term_end == dt.date(2027, 2, 28)
    assert alliance.copy_count == 2
    assert alliance.members[0].unit == "甲公司党委"  # organization defaults to the name


def test_loaded_alliance_is_frozen() -> None:
    write_yaml(Path("a.yaml"), MINIMAL)
    alliance = load_alliance("a.yaml")
    with pytest.raises(pydantic.ValidationError):
        alliance.name = "改名"  # type: ignore[misc]


def test_secretary_no_stays_the_text_no() -> None:
    write_yaml(Path("a.yaml"), MINIMAL.replace("    level: 党委\n",
                                                "    level: 党委\n    secretary: NO\n"))
    assert load_alliance("a.yaml").members[0].secretary == "NO"


def test_unquoted_time_like_value_stays_text() -> None:
    write_yaml(Path("a.yaml"), MINIMAL + "venue: 12:30\n")
    assert load_alliance("a.yaml").venue == "12:30"


def test_phone_number_keeps_its_leading_zero() -> None:
    text = MINIMAL.replace("    level: 党委\n", "    level: 党委\n    contact:\n"
                           "      name: 张三\n      phone: 07712345678\n")
    write_yaml(Path("a.yaml"), text)
    assert load_alliance("a.yaml").members[0].contact.phone == "07712345678"


def test_chinese_date_and_quoted_date_are_accepted() -> None:
    write_yaml(Path("a.yaml"), MINIMAL.replace("founded: 2024-03-01", "founded: 2024年3月1日"))
    assert load_alliance("a.yaml").founded == dt.date(2024, 3, 1)
    write_yaml(Path("b.yaml"), MINIMAL.replace("founded: 2024-03-01", "founded: '2024-03-01'"))
    assert load_alliance("b.yaml").founded == dt.date(2024, 3, 1)


def test_pairings_accept_a_list_of_two_or_a_mapping_with_a_note() -> None:
    write_yaml(Path("a.yaml"), MINIMAL + "pairings:\n  - [alpha, beta]\n"
               "  - {a: beta, b: alpha, note: 校企结对}\n")
    pairings = load_alliance("a.yaml").pairings
    assert [(p.a, p.b, p.note) for p in pairings] == [
        ("alpha", "beta", None), ("beta", "alpha", "校企结对"),
    ]


def test_projects_accept_a_bare_name() -> None:
    write_yaml(Path("a.yaml"), MINIMAL + "projects:\n  - 红色驿站\n  - name: 共建课堂\n"
               "    owner: beta\n")
    projects = load_alliance("a.yaml").projects
    assert [(p.name, p.owner) for p in projects] == [("红色驿站", None), ("共建课堂", "beta")]


def test_minimal_alliance_dict_from_helpers_is_valid() -> None:
    doc = yamlio.loads(alliance_text(), "a.yaml")
    alliance, found = validate_alliance(doc)
    assert found == []
    assert alliance is not None


def test_far_future_is_measured_from_today() -> None:
    doc = yamlio.loads(MINIMAL.replace("2024-03-01", "2030-03-01"), "a.yaml")
    assert validate_alliance(doc, today=dt.date(2025, 1, 1))[1] == []
    late = validate_alliance(doc, today=dt.date(2009, 1, 1))[1]
    assert [str(p) for p in late] == [
        "a.yaml:3:10: founded: 2030-03-01 is too far in the future (check the year)"
    ]


def test_earliest_date_is_the_founding_of_the_party() -> None:
    write_yaml(Path("a.yaml"), MINIMAL.replace("2024-03-01", "1921-07-01"))
    assert load_alliance("a.yaml").founded == dt.date(1921, 7, 1)


# ------------------------------------------------------------------- bad definitions


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _, t, e in BAD_ALLIANCES],
                         ids=[i for i, _, _ in BAD_ALLIANCES])
def test_bad_definition_reports_exact_problem(text: str, expected: list[str]) -> None:
    assert problems_of(text) == expected


def test_load_alliance_raises_with_every_problem_of_the_file() -> None:
    text = (MINIMAL.replace("kind: university", "kind: univercity")
            .replace("level: 党委", "lvl: 党委").replace("founded: 2024-03-01\n", ""))
    write_yaml(Path("a.yaml"), text)
    with pytest.raises(ValidationError) as info:
        load_alliance("a.yaml")
    assert [(p.line, p.field) for p in info.value.problems] == [
        (1, "founded"), (7, "members[0].lvl"), (10, "members[1].kind"),
    ]
    assert str(info.value).endswith("(and 2 more)")


def test_all_reference_problems_are_reported_together() -> None:
    text = MINIMAL.replace("lead: alpha", "lead: alhpa") + "secretariat: gamma\n"
    assert problems_of(text) == [
        "bad.yaml:13:7: lead: no member has the id 'alhpa' (did you mean 'alpha'?)",
        "bad.yaml:14:14: secretariat: no member has the id 'gamma' (member ids: alpha, beta)",
    ]


def test_group_lead_must_be_among_the_group_members() -> None:
    text = MINIMAL + "groups:\n  - id: g-one\n    name: 第一联组\n    members: [alpha]\n" \
        "    lead: beta\n"
    assert problems_of(text) == [
        "bad.yaml:18:11: groups[0].lead: 'beta' leads the group but is not among its members"
    ]


def test_duplicate_group_ids_are_reported() -> None:
    text = MINIMAL + "groups:\n  - id: g-one\n    name: 一\n  - id: g-one\n    name: 二\n"
    assert problems_of(text) == [
        "bad.yaml:17:9: groups[1].id: duplicate group id 'g-one' (also at groups[0].id)"
    ]


def test_slug_without_a_usable_suggestion_gives_no_hint() -> None:
    assert problems_of(MINIMAL.replace("id: demo", "id: 测试联建")) == [
        "bad.yaml:1:5: id: '测试联建' is not a valid id: use 2-64 lower-case letters, "
        "digits and '-', starting with a letter or digit"
    ]


def test_a_number_where_text_is_expected_is_an_error_with_a_quoting_hint() -> None:
    # The schema says text; check agrees, so editors and check never disagree.
    assert problems_of(MINIMAL.replace("name: 测试党建联建", "name: 2024")) == [
        "bad.yaml:2:7: name: expected text, got 2024 (quote the value to keep it as text)"
    ]


def test_an_unquoted_phone_number_is_read_as_text() -> None:
    text = MINIMAL.replace(
        "    level: 党委\n", "    level: 党委\n    contact:\n      phone: 13800000000\n", 1
    )
    assert "13800000000" in text
    write_yaml(Path("a.yaml"), text)
    assert load_alliance("a.yaml").members[0].contact.phone == "13800000000"


def test_a_boolean_count_is_refused() -> None:
    problems = problems_of(MINIMAL + "copies: true\n")
    assert len(problems) == 1 and "copies" in problems[0]


def test_control_character_in_a_nested_field_names_the_field() -> None:
    text = MINIMAL + 'witnesses:\n  - name: 王五\n    title: "区委\\x0b书记"\n'
    assert problems_of(text) == [
        "bad.yaml:16:12: witnesses[0].title: contains the control character U+000B, "
        "which a document cannot hold"
    ]


# ------------------------------------------------------------------------ files


def test_file_over_one_mebibyte_is_refused() -> None:
    Path("big.yaml").write_text(MINIMAL + "# " + "x" * (1024 * 1024) + "\n", encoding="utf-8")
    size = Path("big.yaml").stat().st_size
    assert problems("big.yaml") == [
        f"big.yaml: file is {size} bytes; pbctl reads YAML files of at most 1 MiB"
    ]


def test_non_utf8_file_is_refused_with_the_line() -> None:
    Path("gbk.yaml").write_bytes(MINIMAL.encode("gbk"))
    assert problems("gbk.yaml") == ["gbk.yaml:2: not UTF-8 text (save the file as UTF-8)"]


def test_missing_path_is_reported() -> None:
    assert problems("nope.yaml") == ["nope.yaml: no such file or folder"]


def test_id_must_match_its_folder_under_alliances() -> None:
    write_yaml(Path("alliances/other/alliance.yaml"), MINIMAL)
    assert problems("alliances") == [
        "alliances/other/alliance.yaml:1:5: id: the id 'demo' does not match its folder "
        "'other' (rename the folder or change the id)"
    ]


def test_id_matching_its_folder_passes() -> None:
    write_yaml(Path("alliances/demo/alliance.yaml"), MINIMAL)
    assert problems("alliances") == []


def test_empty_workspace_settings_file_is_accepted() -> None:
    make_workspace(Path("."), "demo")
    assert problems(".") == []


def test_bad_workspace_settings_are_reported() -> None:
    make_workspace(Path("."))
    Path("pbctl.yaml").write_text("renewal_day: 30\n", encoding="utf-8")
    assert problems(".") == [
        "pbctl.yaml:1:1: renewal_day: unknown key 'renewal_day' (did you mean 'renewal_days'?)"
    ]


def test_check_skips_pre_commit_files() -> None:
    Path(".pre-commit-hooks.yaml").write_text("- id: x\n", encoding="utf-8")
    Path("pre").mkdir()
    Path("pre/.pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    result = check_paths([Path("."), Path("pre/.pre-commit-config.yaml")])
    assert result.files == []
    assert result.problems == []


# ---------------------------------------------------------------------- records

GOOD_MEETING = """\
number: 1
date: 2024-06-01
time: 14:30
host: alpha
attendees:
  - member: alpha
    names: [张三]
  - member: beta
decisions:
  - text: 开展结对共建
    owner: beta
    due: 2024-12-31
"""


@pytest.fixture
def demo() -> Path:
    make_workspace(Path("."), "demo")
    return Path("alliances/demo")


def test_good_meeting_and_activity_records_pass(demo: Path) -> None:
    write_yaml(demo / "meetings/001.yaml", GOOD_MEETING)
    write_yaml(demo / "activities/001.yaml",
               "number: 1\nkind: volunteer\ndate: 2024-05-01\nmembers: [alpha, beta]\n")
    result = check_paths([Path(".")])
    assert [str(p) for p in result.problems] == []
    assert result.files == [  # files before subfolders: a definition before its records
        "pbctl.yaml", "alliances/demo/alliance.yaml",
        "alliances/demo/activities/001.yaml", "alliances/demo/meetings/001.yaml",
    ]


def test_meeting_time_12_30_stays_text(demo: Path) -> None:
    write_yaml(demo / "meetings/001.yaml", GOOD_MEETING.replace("14:30", "12:30"))
    alliance = load_alliance(demo / "alliance.yaml")
    meeting = load_record(demo / "meetings/001.yaml", Meeting, alliance)
    assert isinstance(meeting, Meeting)
    assert meeting.time == "12:30"


def test_meeting_with_unknown_members_is_reported(demo: Path) -> None:
    write_yaml(demo / "meetings/001.yaml",
               GOOD_MEETING.replace("host: alpha", "host: alpah")
               .replace("  - member: beta", "  - member: gamma"))
    assert problems(demo) == [
        "alliances/demo/meetings/001.yaml:4:7: host: no member has the id 'alpah' "
        "(did you mean 'alpha'?)",
        "alliances/demo/meetings/001.yaml:8:13: attendees[1].member: no member has the id "
        "'gamma' (member ids: alpha, beta)",
    ]


def test_activity_with_unknown_member_is_reported(demo: Path) -> None:
    write_yaml(demo / "activities/001.yaml",
               "number: 1\nkind: volunteer\ndate: 2024-05-01\nmembers: [alpha, zeta]\n")
    assert problems(demo) == [
        "alliances/demo/activities/001.yaml:4:18: members[1]: no member has the id 'zeta' "
        "(did you mean 'beta'?)"
    ]


def test_meeting_before_the_founding_is_reported(demo: Path) -> None:
    write_yaml(demo / "meetings/001.yaml", GOOD_MEETING.replace("2024-06-01", "2024-01-15"))
    assert problems(demo) == [
        "alliances/demo/meetings/001.yaml:2:7: date: 2024-01-15 is before the alliance was "
        "founded (2024-03-01)"
    ]


def test_decision_without_owner_is_reported(demo: Path) -> None:
    write_yaml(demo / "meetings/001.yaml", GOOD_MEETING.replace("    owner: beta\n", ""))
    assert problems(demo) == [
        "alliances/demo/meetings/001.yaml:10:5: decisions[0].owner: is required but not given"
    ]


def test_decision_due_before_the_meeting_is_reported(demo: Path) -> None:
    write_yaml(demo / "meetings/001.yaml", GOOD_MEETING.replace("2024-12-31", "2024-05-01"))
    assert problems(demo) == [
        "alliances/demo/meetings/001.yaml:12:10: decisions[0].due: due 2024-05-01 is before "
        "the meeting itself"
    ]


def test_meeting_number_must_match_its_file_name(demo: Path) -> None:
    write_yaml(demo / "meetings/002.yaml", GOOD_MEETING)
    assert problems(demo) == [
        "alliances/demo/meetings/002.yaml:1:9: number: number 1 does not match the file "
        "name 002.yaml"
    ]


def test_meeting_time_out_of_range_is_reported(demo: Path) -> None:
    write_yaml(demo / "meetings/001.yaml", GOOD_MEETING.replace("14:30", "25:30"))
    assert problems(demo) == [
        "alliances/demo/meetings/001.yaml:3:7: time: expected a time like 14:30, got '25:30'"
    ]


def test_record_with_unknown_key_gets_did_you_mean(demo: Path) -> None:
    write_yaml(demo / "meetings/001.yaml", GOOD_MEETING + "sumary: 会议纪要\n")
    assert problems(demo) == [
        "alliances/demo/meetings/001.yaml:13:1: sumary: unknown key 'sumary' "
        "(did you mean 'summary'?)"
    ]


def test_references_are_checked_beside_structural_problems() -> None:
    text = MINIMAL.replace("    level: 党总支\n", "    level: 党总\n").replace(
        "lead: alpha", "lead: gamma")
    assert problems_of(text) == [
        "bad.yaml:12:12: members[1].level: '党总' is not one of: 党委, 党总支, 党支部, "
        "联合党支部, 综合党委, 党组, 党工委 (did you mean '党总支'?)",
        "bad.yaml:13:7: lead: no member has the id 'gamma' (member ids: alpha, beta)",
    ]


def test_references_are_not_checked_against_unreadable_member_ids() -> None:
    # members[1].id is invalid, so 'beta' cannot be known: no cascade of "no member" errors
    text = MINIMAL.replace("  - id: beta", "  - id: Beta").replace("lead: alpha", "lead: beta")
    problems = problems_of(text)
    assert len(problems) == 1 and "members[1].id" in problems[0]
