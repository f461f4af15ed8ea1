"""Load YAML into the model and say precisely what is wrong: file, line, column, field.

``load_alliance`` and ``load_record`` raise :class:`~pbctl.errors.ValidationError` carrying
every problem found in the file; ``validate_*`` return the problems instead, for ``check``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

import pydantic

from pbctl import constants as C
from pbctl import yamlio
from pbctl.constants import FAR_FUTURE_YEARS
from pbctl.errors import Problem, ValidationError
from pbctl.model import Activity, Alliance, Meeting
from pbctl.yamlio import Document, PathKey, format_path

M = TypeVar("M", bound=pydantic.BaseModel)

#: Chinese words users type for a member's ``kind``.
_KIND_WORDS = {
    "企业": "enterprise", "公司": "enterprise", "国企": "enterprise", "高校": "university",
    "大学": "university", "学院": "university", "机关": "government", "政府": "government",
    "事业单位": "institution", "协会": "association", "商会": "association",
    "社区": "community", "街道": "community", "其他": "other",
}
#: Earliest plausible date: the founding of the Communist Party of China.
EARLIEST = dt.date(1921, 7, 1)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a YAML boolean)"
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _unwrap(annotation: Any) -> Any:
    """The model class an annotation leads to (through Optional, list, Annotated)."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated or origin in (list, tuple):
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            models = [a for a in typing.get_args(annotation) if _is_model(_unwrap(a))]
            return _unwrap(models[0]) if models else None
        else:
            return annotation


def _is_model(obj: Any) -> bool:
    return isinstance(obj, type) and issubclass(obj, pydantic.BaseModel)


def _model_at(root: type[pydantic.BaseModel], loc: PathKey) -> type[pydantic.BaseModel] | None:
    model: Any = root
    for part in loc:
        if isinstance(part, int):
            continue
        if not _is_model(model) or part not in model.model_fields:
            return None
        model = _unwrap(model.model_fields[part].annotation)
    return model if _is_model(model) else None


def _data_loc(data: Any, loc: tuple[Any, ...]) -> PathKey:
    """Drop pydantic's internal loc parts (union tags) that are not keys in the data."""
    out: list[str | int] = []
    current = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(current, dict) and isinstance(part, str):
            if part in current:
                out.append(part)
                current = current[part]
            elif last or (not part.startswith(("function-", "constrained-", "list[")) and (
                "[" not in part
            )):
                out.append(part)
                current = None
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            out.append(part)
            current = current[part]
        elif isinstance(part, int):
            out.append(part)
    return tuple(out)


def suggest(word: str, options: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _did_you_mean(word: str, options: Iterable[str]) -> str | None:
    match = suggest(word, options)
    return f"did you mean {match!r}?" if match else None


def _problem_from_error(
    doc: Document, root: type[pydantic.BaseModel], err: Any
) -> Problem:
    loc = _data_loc(doc.data, tuple(err["loc"]))
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    hint: str | None = None
    field = format_path(loc)
    line, col = doc.position(loc, key=kind == "extra_forbidden")
    if kind == "missing":
        message = "is required but not given"
        if loc and len(loc) > 1:
            line, col = doc.position(loc[:-1])
    elif kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        model = _model_at(root, loc[:-1])
        options = list(model.model_fields) if model else []
        message = f"unknown key {key!r}"
        hint = _did_you_mean(key, options) or (
            f"allowed keys: {', '.join(options)}" if options else None
        )
    elif kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        message = f"{_describe(value)} is not one of: {', '.join(options)}"
        if isinstance(value, str):
            mapped = _KIND_WORDS.get(value.strip())
            if mapped in options:
                hint = f"did you mean {mapped!r}?"
            else:
                hint = _did_you_mean(value, options)
        if isinstance(value, bool):
            hint = "quote the value: YAML read it as a boolean"
    elif kind == "string_pattern_mismatch":
        message = (
            f"{value!r} is not a valid id: use 2-64 lower-case letters, digits and '-', "
            "starting with a letter or digit"
        )
        if isinstance(value, str):
            fixed = re.sub(r"[^a-z0-9-]+", "-", value.lower()).strip("-")
            if 2 <= len(fixed) <= 64 and fixed != value:
                hint = f"for example {fixed!r}"
    elif kind == "string_type":
        message = f"expected text, got {_describe(value)}"
        if isinstance(value, bool | int | float | type(None)):
            hint = "quote the value to keep it as text"
    elif kind == "too_short" and isinstance(value, list):
        message = f"needs at least {ctx.get('min_length')} entries, got {len(value)}"
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        message = f"expected a whole number, got {_describe(value)}"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        message = f"expected a mapping of keys and values, got {_describe(value)}"
    elif kind == "list_type":
        message = f"expected a list, got {_describe(value)}"
        if isinstance(value, str):
            hint = "write each entry on its own line starting with '- '"
    elif kind == "value_error":
        message = str(ctx.get("error") or err["msg"]).removeprefix("Value error, ")
    else:
        message = err["msg"][:1].lower() + err["msg"][1:]
    return Problem(doc.path, message, line, col, field or None, hint)


def validate_model(doc: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    if doc.data is None:
        return None, [Problem(doc.path, "the file is empty", 1, 1)]
    if not isinstance(doc.data, dict):
        line, col = doc.position(())
        return None, [
            Problem(doc.path, f"expected a mapping of keys and values, got "
                    f"{_describe(doc.data)}", line, col)
        ]
    try:
        return model.model_validate(doc.data), []
    except pydantic.ValidationError as exc:
        problems = [_problem_from_error(doc, model, e) for e in exc.errors(include_url=False)]
        # One problem per field is enough (a union reports each branch).
        seen: set[tuple[int | None, str | None]] = set()
        unique = []
        for p in problems:
            if (p.line, p.field) not in seen:
                seen.add((p.line, p.field))
                unique.append(p)
        return None, unique


class _Refs:
    """Collects cross-reference problems against one document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, loc: PathKey, message: str, hint: str | None = None) -> None:
        line, col = self.doc.position(loc)
        self.problems.append(Problem(self.doc.path, message, line, col, format_path(loc), hint))

    def member(self, loc: PathKey, member_id: str | None, ids: list[str]) -> None:
        if member_id is not None and member_id not in ids:
            self.add(loc, f"no member has the id {member_id!r}",
                     _did_you_mean(member_id, ids) or f"member ids: {', '.join(ids)}")

    def date(self, loc: PathKey, value: dt.date | None, today: dt.date,
             earliest: dt.date = EARLIEST, what: str = "1921-07-01") -> None:
        if value is None:
            return
        if value < earliest:
            self.add(loc, f"{value.isoformat()} is before {what}")
        elif value.year > today.year + FAR_FUTURE_YEARS:
            self.add(loc, f"{value.isoformat()} is too far in the future",
                     "check the year")


def _unique(refs: _Refs, values: list[str], loc_of: Any, what: str) -> None:
    first: dict[str, int] = {}
    for i, value in enumerate(values):
        if value in first:
            other = format_path(loc_of(first[value]))
            refs.add(loc_of(i), f"duplicate {what} {value!r} (also at {other})")
        else:
            first[value] = i


_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")


def _slug(value: Any) -> str | None:
    return value if isinstance(value, str) and _SLUG.match(value) else None


def _day(value: Any) -> dt.date | None:
    from pbctl.numerals import parse_date

    try:
        return parse_date(value) if value is not None else None
    except ValueError:
        return None


def _items(data: Any, key: str) -> list[Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def check_alliance_refs(doc: Document, today: dt.date) -> list[Problem]:
    """Cross-references and dates of a definition, read leniently from the raw data so
    that they are reported together with any structural problems. A check whose inputs
    are themselves invalid is skipped (that problem is reported once, structurally)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    refs = _Refs(doc)
    members = _items(data, "members")
    raw_ids = [_slug(_get(m, "id")) for m in members]
    _unique(refs, [i for i in raw_ids if i], lambda i: ("members", _nth(raw_ids, i), "id"),
            "member id")
    names = [n if isinstance(n := _get(m, "name"), str) else None for m in members]
    _unique(refs, [n for n in names if n], lambda i: ("members", _nth(names, i), "name"),
            "member name")
    # References are checked only when every member id is readable.
    ids = [i for i in raw_ids if i] if members and all(raw_ids) else None

    def member(loc: PathKey, value: Any) -> None:
        if ids is not None and _slug(value) is not None:
            refs.member(loc, value, ids)

    member(("lead",), data.get("lead"))
    member(("secretariat",), data.get("secretariat"))
    groups = _items(data, "groups")
    group_ids = [_slug(_get(g, "id")) for g in groups]
    _unique(refs, [g for g in group_ids if g], lambda i: ("groups", _nth(group_ids, i), "id"),
            "group id")
    for gi, group in enumerate(groups):
        group_members = _items(group, "members")
        for mi, member_id in enumerate(group_members):
            member(("groups", gi, "members", mi), member_id)
        lead = _slug(_get(group, "lead"))
        member(("groups", gi, "lead"), lead)
        if ids is not None and lead in ids and group_members and lead not in group_members:
            refs.add(("groups", gi, "lead"),
                     f"{lead!r} leads the group but is not among its members")
    for pi, pairing in enumerate(_items(data, "pairings")):
        a_loc: str | int
        b_loc: str | int
        if isinstance(pairing, list) and len(pairing) == 2:
            (a, a_loc), (b, b_loc) = (pairing[0], 0), (pairing[1], 1)
        elif isinstance(pairing, dict):
            (a, a_loc), (b, b_loc) = (pairing.get("a"), "a"), (pairing.get("b"), "b")
        else:
            continue
        member(("pairings", pi, a_loc), a)
        member(("pairings", pi, b_loc), b)
        if _slug(a) is not None and a == b:
            refs.add(("pairings", pi), f"a member cannot be paired with itself ({a!r})")
    for pi, project in enumerate(_items(data, "projects")):
        member(("projects", pi, "owner"), _get(project, "owner"))
    founded = _day(data.get("founded"))
    refs.date(("founded",), founded, today)
    refs.date(("ceremony", "date"), _day(_get(data, "ceremony", "date")), today)
    if founded is not None:
        refs.date(("term", "start"), _day(_get(data, "term", "start")), today, founded,
                  f"the founding date {founded.isoformat()}")
    return refs.problems


def _nth(values: list[Any], n: int) -> int:
    """The index in ``values`` of its n-th truthy entry."""
    return [i for i, v in enumerate(values) if v][n]


def validate_alliance(doc: Document, today: dt.date | None = None, *,
                      path: Path | None = None) -> tuple[Alliance | None, list[Problem]]:
    """The model and every problem: structural ones and, read leniently beside them,
    cross-references and dates (each field reported once). Given the file's ``path``, a
    definition at ``alliances/<folder>/alliance.yaml`` must have the id ``<folder>``."""
    alliance, problems = validate_model(doc, Alliance)
    if isinstance(doc.data, dict):
        seen = {(p.line, p.field) for p in problems}
        problems += [p for p in check_alliance_refs(doc, today or dt.date.today())
                     if (p.line, p.field) not in seen]
    if alliance is not None and path is not None and path.name == C.ALLIANCE_FILE \
            and path.parent.parent.name == C.ALLIANCES_DIR and path.parent.name != alliance.id:
        line, col = doc.position(("id",))
        problems.append(Problem(doc.path, f"the id {alliance.id!r} does not match its folder "
                                f"{path.parent.name!r}", line, col, "id",
                                "rename the folder or change the id"))
    if problems:
        alliance = None
    return alliance, problems


def check_record_refs(doc: Document, model: type[Meeting] | type[Activity],
                      alliance: Alliance, today: dt.date) -> list[Problem]:
    """A record's member references and dates against its (valid) alliance, read leniently
    from the raw data like :func:`check_alliance_refs`."""
    data = doc.data if isinstance(doc.data, dict) else {}
    refs = _Refs(doc)
    ids = [m.id for m in alliance.members]

    def member(loc: PathKey, value: Any) -> None:
        if _slug(value) is not None:
            refs.member(loc, value, ids)

    date = _day(data.get("date"))
    refs.date(("date",), date, today, alliance.founded,
              f"the alliance was founded ({alliance.founded.isoformat()})")
    member(("host",), data.get("host"))
    for key in ("attendees", "absent", "speeches"):
        for i, item in enumerate(_items(data, key)):
            member((key, i, "member"), _get(item, "member"))
    for i, decision in enumerate(_items(data, "decisions")):
        member(("decisions", i, "owner"), _get(decision, "owner"))
        due = _day(_get(decision, "due"))
        if date is not None and due is not None and due < date:
            refs.add(("decisions", i, "due"),
                     f"due {due.isoformat()} is before the meeting itself")
    if model is Activity:  # an activity names its participating members by id
        for i, member_id in enumerate(_items(data, "members")):
            member(("members", i), member_id)
    return refs.problems


def validate_record(doc: Document, model: type[Meeting] | type[Activity],
                    alliance: Alliance | None, today: dt.date | None = None, *,
                    path: Path | None = None
                    ) -> tuple[Meeting | Activity | None, list[Problem]]:
    """A record and every problem; given the file's ``path``, its number must match the
    number in the file name (``003.yaml``)."""
    from pbctl.numbering import number_of

    record, problems = validate_model(doc, model)
    if record is not None and path is not None and \
            number_of(path.name) not in (None, record.number):
        line, col = doc.position(("number",))
        problems.append(Problem(doc.path, f"number {record.number} does not match the file "
                                f"name {path.name}", line, col, "number"))
    if alliance is not None and isinstance(doc.data, dict):
        seen = {(p.line, p.field) for p in problems}
        problems += [p for p in check_record_refs(doc, model, alliance,
                                                         today or dt.date.today())
                     if (p.line, p.field) not in seen]
    if problems:
        record = None
    return record, problems


def load_alliance(path: str | Path, *, display: str | None = None) -> Alliance:
    """Load and validate an alliance definition; raise ValidationError with every problem."""
    doc = yamlio.load(Path(path), display)
    alliance, problems = validate_alliance(doc, path=Path(path))
    if alliance is None:
        raise ValidationError(problems)
    return alliance


def load_record(path: str | Path, model: type[Meeting] | type[Activity], alliance: Alliance,
                *, display: str | None = None) -> Meeting | Activity:
    """Load and validate a meeting or activity record of ``alliance``."""
    doc = yamlio.load(Path(path), display)
    record, problems = validate_record(doc, model, alliance, path=Path(path))
    if record is None:
        raise ValidationError(problems)
    return record


def _optional(doc: Document, model: type[M]) -> M:
    if doc.data is None:
        return model()
    result, problems = validate_model(doc, model)
    if result is None:
        raise ValidationError(problems)
    return result


def optional_from_text(text: str, model: type[M], display: str) -> M:
    """A settings-like model from YAML text (pbctl.yaml, records.yaml); empty text gives the
    model's defaults, anything wrong a ValidationError naming file, line and field."""
    return _optional(yamlio.loads(text, display), model)


def load_optional(path: Path, model: type[M], display: str | None = None) -> M:
    """Load a settings-like file that may be missing or empty (then: the model's defaults)."""
    if not path.exists():
        return model()
    return _optional(yamlio.load(path, display), model)


def model_from_data(data: dict[str, Any], model: type[M], display: str) -> M:
    """Validate data built in code (flags, prompts) with the same messages as files."""
    doc = yamlio.loads(yamlio.dumps(data), display)
    result, problems = validate_model(doc, model)
    if result is None:
        raise ValidationError(problems)
    return result
