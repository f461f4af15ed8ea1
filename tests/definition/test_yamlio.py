"""pbctl.definition.yamlio: safe, line-tracked loading; YAML 1.1 traps; refused constructs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pbctl.definition import yamlio
from pbctl.errors import ValidationError


def _error(text: str) -> str:
    with pytest.raises(ValidationError) as info:
        yamlio.loads(text, "x.yaml")
    assert len(info.value.problems) == 1
    return str(info.value.problems[0])


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        ("NO", "NO"),  # the Norway problem: YAML 1.1 reads a boolean
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("yes", "yes"),
        ("Y", "Y"),
        ("12:30", "12:30"),  # YAML 1.1 reads 750 (sexagesimal)
        ("2024-03-01", "2024-03-01"),  # dates stay text for the model to parse
        ("07712345678", "07712345678"),  # a phone number keeps its leading zero
        ("0o17", "0o17"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("42", 42),
        ("-7", -7),
        ("3.5", 3.5),
        ("1e3", 1000.0),
        ("'on'", "on"),
        ('"12"', "12"),
    ],
)
def test_plain_scalars_resolve_by_yaml_1_2_core_schema(scalar: str, expected: object) -> None:
    value = yamlio.loads(f"k: {scalar}\n").data["k"]
    assert value == expected
    assert type(value) is type(expected)


def test_empty_text_loads_as_no_data() -> None:
    assert yamlio.loads("").data is None
    assert yamlio.loads("# only a comment\n").data is None


def test_positions_of_values_and_keys_are_one_based_line_and_column() -> None:
    doc = yamlio.loads("a: 1\nmembers:\n  - id: x\n    level: 党委\n")
    assert doc.position(("members", 0, "level")) == (4, 12)
    assert doc.position(("members", 0, "level"), key=True) == (4, 5)
    assert doc.position(("members", 0)) == (3, 5)
    # an absent path falls back to its nearest ancestor
    assert doc.position(("members", 0, "kind")) == (3, 5)
    assert doc.position(("nowhere",)) == (1, 1)


def test_format_path_joins_keys_with_dots_and_indexes_with_brackets() -> None:
    assert yamlio.format_path(("members", 2, "level")) == "members[2].level"
    assert yamlio.format_path(("pairings", 0, 1)) == "pairings[0][1]"
    assert yamlio.format_path(()) == ""


def test_duplicate_key_is_reported_at_the_second_with_the_line_of_the_first() -> None:
    assert _error("a: 1\nb: 2\na: 3\n") == (
        "x.yaml:3:1: duplicate key 'a' (first given on line 1) "
        "(a key may appear only once in a mapping)"
    )


def test_duplicate_key_in_a_nested_mapping_is_reported() -> None:
    assert _error("m:\n  - id: a\n    name: x\n    name: y\n") == (
        "x.yaml:4:5: duplicate key 'name' (first given on line 3) "
        "(a key may appear only once in a mapping)"
    )


def test_anchor_is_refused() -> None:
    assert _error("a: &x 1\nb: 2\n") == (
        "x.yaml:1:4: anchors (&x) are not allowed "
        "(write the value out in full; pbctl files must read the same to a person)"
    )


def test_alias_is_refused() -> None:
    assert _error("a: 1\nb: *x\n") == (
        "x.yaml:2:4: aliases (*x) are not allowed (write the value out in full)"
    )


def test_merge_key_with_alias_is_refused() -> None:
    assert "anchors (&base) are not allowed" in _error("base: &base {a: 1}\nc:\n  <<: *base\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: !!python/object:os.system echo\n",
         "x.yaml:1:4: the tag !!python/object:os.system is not allowed (remove the tag)"),
        ("a: !!python/object/apply:os.system [ls]\n",
         "x.yaml:1:4: the tag !!python/object/apply:os.system is not allowed (remove the tag)"),
        ("a: !!binary aGVsbG8=\n",
         "x.yaml:1:4: the tag !!binary is not allowed (remove the tag)"),
        ("a: !local x\n", "x.yaml:1:4: the tag !local is not allowed (remove the tag)"),
        ("!!set {a}\n", "x.yaml:1:1: the tag !!set is not allowed (remove the tag)"),
    ],
)
def test_non_standard_tags_are_refused(text: str, expected: str) -> None:
    assert _error(text) == expected


def test_standard_tags_are_honoured() -> None:
    data = yamlio.loads("a: !!str 12\nb: !!int '7'\nc: !!float 1\n").data
    assert data == {"a": "12", "b": 7, "c": 1}
    assert isinstance(data["a"], str)


def test_standard_tag_that_does_not_fit_its_value_is_an_error() -> None:
    assert _error("a: !!int x\n") == "x.yaml:1:4: value 'x' does not match its tag !!int"


def test_syntax_error_names_line_and_column() -> None:
    assert _error("a: 1\n b: 2\n") == (
        "x.yaml:2:3: YAML syntax error: mapping values are not allowed in this context"
    )


def test_tab_indentation_is_a_syntax_error_with_position() -> None:
    assert _error("a:\n\tb: 1\n") == (
        "x.yaml:2:1: YAML syntax error: found character that cannot start any token"
    )


def test_second_document_is_refused() -> None:
    assert _error("a: 1\n---\nb: 2\n") == (
        "x.yaml:2:1: a second YAML document ('---') is not allowed (one definition a file)"
    )


def test_complex_mapping_key_is_refused() -> None:
    assert _error("? [a, b]\n: 1\n") == "x.yaml:1:3: a mapping key must be a plain word"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: b\x01c\n", "x.yaml:1:5: the character U+0001 is not allowed in a YAML file"),
        # libyaml counts bytes; the column must count characters
        ("名称: 甲乙\x07\n", "x.yaml:1:7: the character U+0007 is not allowed in a YAML file"),
        ("a: 1\nb: '\x1b'\n", "x.yaml:2:5: the character U+001B is not allowed in a YAML file"),
    ],
)
def test_raw_control_character_is_refused_with_its_position(text: str, expected: str) -> None:
    assert _error(text) == expected + " (remove it)"


def test_raw_control_character_position_is_the_same_with_the_pure_python_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(yamlio, "_Loader", yaml.SafeLoader)
    assert _error("名称: 甲乙\x07\n") == (
        "x.yaml:1:7: the character U+0007 is not allowed in a YAML file (remove it)"
    )


def test_pure_python_parser_gives_the_same_data_and_positions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "a: NO\nm:\n  - [x, 12:30]\n  - {k: 1}\n"
    fast = yamlio.loads(text)
    monkeypatch.setattr(yamlio, "_Loader", yaml.SafeLoader)
    slow = yamlio.loads(text)
    assert slow.data == fast.data == {"a": "NO", "m": [["x", "12:30"], {"k": 1}]}
    assert slow.positions == fast.positions
    assert slow.key_positions == fast.key_positions


def test_load_refuses_a_file_over_one_mebibyte(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (1024 * 1024) + b"\n")
    with pytest.raises(ValidationError) as info:
        yamlio.load(big, "big.yaml")
    assert str(info.value) == (
        "big.yaml: file is 1048580 bytes; pbctl reads YAML files of at most 1 MiB"
    )


def test_load_accepts_a_file_of_exactly_one_mebibyte(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_bytes(b"a: " + b"x" * (1024 * 1024 - 4) + b"\n")
    assert path.stat().st_size == 1024 * 1024
    assert len(yamlio.load(path).data["a"]) == 1024 * 1024 - 4


def test_load_refuses_non_utf8_text_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("id: demo\nname: 测试党建联建\n".encode("gbk"))
    with pytest.raises(ValidationError) as info:
        yamlio.load(path, "gbk.yaml")
    assert str(info.value) == "gbk.yaml:2: not UTF-8 text (save the file as UTF-8)"


def test_load_accepts_a_utf8_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffid: demo\n".encode())
    assert yamlio.load(path).data == {"id": "demo"}


def test_load_of_a_missing_file_and_of_a_folder_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as missing:
        yamlio.load(tmp_path / "nope.yaml", "nope.yaml")
    assert str(missing.value) == "nope.yaml: no such file"
    with pytest.raises(ValidationError) as folder:
        yamlio.load(tmp_path, "d")
    assert str(folder.value) == "d: is a folder, not a YAML file"


def test_dumps_round_trips_text_that_yaml_1_1_would_change() -> None:
    data = {"secretary": "NO", "time": "12:30", "level": "on", "phone": "0771", "n": 3,
            "名称": "甲公司党委", "list": ["a", "b"]}
    text = yamlio.dumps(data)
    assert "甲公司党委" in text  # not \u-escaped
    assert list(yamlio.loads(text).data) == list(data)
    assert yamlio.loads(text).data == data


def test_dumps_quotes_text_that_yaml_1_2_reads_as_a_number() -> None:
    # YAML 1.1 (PyYAML's dumper) does not take these for floats; pbctl's reader does
    data = {"texts": ["1e5", "-.5", "+.5", "1.5e3", "2E10", "1.E5"], "numbers": [1.5, -2.0, 3]}
    text = yamlio.dumps(data)
    assert "- '1e5'\n" in text and "- 1.5\n" in text
    assert yamlio.loads(text).data == data


def test_unresolved_merge_conflict_markers_are_named_with_their_line() -> None:
    text = "id: demo\n<<<<<<< HEAD\nname: 甲\n=======\nname: 乙\n>>>>>>> origin/main\n"
    with pytest.raises(ValidationError) as caught:
        yamlio.loads(text, "a.yaml")
    assert str(caught.value.problems[0]) == (
        "a.yaml:2:1: unresolved merge conflict (a '<<<<<<<' line) (keep the right lines, "
        "delete the markers, git add the file and run 'pbctl sync' again)"
    )
