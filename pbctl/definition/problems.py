"""Problems from validation: pydantic errors turned into file:line:col, field and a
did-you-mean, for every problem at once."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pbctl import words as W
from pbctl.definition.yamlio import Document, PathKey, format_path, load, loads
from pbctl.errors import Problem, Shown, ValidationError, quoted
from pbctl.i18n import _

if TYPE_CHECKING:
    import pydantic

# pydantic is imported only when a model is validated: records.yaml is read without it
# (see pbctl.definition.registry), and verify, history and the merge driver never need it.
M = TypeVar("M", bound="pydantic.BaseModel")

#: Chinese names of enumerated values (accepted on load; offered as did-you-mean).
_ALIASES = {**W.KIND_ALIASES, **W.FREQUENCY_ALIASES, **W.CONVENER_ALIASES, **W.ACTIVITY_ALIASES}
#: Earliest plausible date: the founding of the Communist Party of China.
EARLIEST = dt.date(1921, 7, 1)


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return _("{value} (a YAML boolean)").format(value=str(value).lower())
    if value is None:
        return _("nothing (null)")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    return quoted(value)


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
    import pydantic

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


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    match = suggest(word, options)
    return _("did you mean {match!r}?").format(match=match) if match else None


def _shape(root: type[pydantic.BaseModel], loc: PathKey, value: Any, *,
           listed: bool = False) -> str | None:
    """The expected shape as a line of YAML to copy (``meetings: {frequency: quarterly}``):
    the model's required keys (or its first), a wrong scalar placed under the key whose
    choices hold it."""
    key = loc[-1] if loc else None
    model = _model_at(root, loc) if key is not None else None
    if model is None:
        return None
    fields = model.model_fields
    keys = [name for name, info in fields.items() if info.is_required()][:3] or list(fields)[:1]
    example = dict.fromkeys(keys, "…")
    if isinstance(value, str):
        for name, info in fields.items():
            choices = _choices(info.annotation)
            if value in choices or _ALIASES.get(value) in choices:
                example = {name: value}
                break
    inner = "{" + ", ".join(f"{name}: {shown}" for name, shown in example.items()) + "}"
    if isinstance(key, int):  # an entry of a list
        snippet = f"- {inner}"
    else:
        snippet = f"{key}: [{inner}]" if listed else f"{key}: {inner}"
    return _("write it as: {snippet}").format(snippet=snippet)


def _choices(annotation: Any) -> tuple[Any, ...]:
    """The values of a Literal annotation (through Annotated and Optional), else none."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            return tuple(c for a in typing.get_args(annotation) for c in _choices(a))
        elif origin is typing.Literal:
            return typing.get_args(annotation)
        else:
            return ()


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
        message = _("is required but not given")
        if loc and len(loc) > 1:
            line, col = doc.position(loc[:-1])
    elif kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        model = _model_at(root, loc[:-1])
        options = list(model.model_fields) if model else []
        message = _("unknown key {key!r}").format(key=key)
        hint = did_you_mean(key, options) or (
            _("allowed keys: {keys}").format(keys=_(", ").join(options)) if options else None
        )
    elif kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        message = _("{value} is not one of: {options}").format(
            value=describe(value), options=_(", ").join(options))
        if isinstance(value, str):  # from both vocabularies: 党支部委员会 → 党支部, 国有企业 → 企业
            names = [alias for alias, code in _ALIASES.items() if code in options]
            hint = did_you_mean(value, options) or did_you_mean(value, names)
        if isinstance(value, bool):
            hint = _("quote the value: YAML read it as a boolean")
    elif kind == "string_pattern_mismatch":
        message = _(
            "{value!r} is not a valid id: use 2-64 lower-case letters, digits and '-', "
            "starting with a letter or digit"
        ).format(value=Shown(value))
        if isinstance(value, str):
            fixed = re.sub(r"[^a-z0-9-]+", "-", value.lower()).strip("-")
            if 2 <= len(fixed) <= 64 and fixed != value:
                hint = _("for example {example!r}").format(example=fixed)
    elif kind == "string_type":
        message = _("expected text, got {value}").format(value=describe(value))
        if isinstance(value, bool | int | float | type(None)):
            hint = _("quote the value to keep it as text")
    elif kind == "too_short" and isinstance(value, list):
        message = _("needs at least {min} entries, got {count}").format(
            min=ctx.get("min_length"), count=len(value))
    elif kind == "string_too_short":
        message = _("must not be empty")
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        message = _("expected a whole number, got {value}").format(value=describe(value))
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        message = _("expected a mapping of keys and values, got {value}").format(
            value=describe(value))
        hint = _shape(root, loc, value)
    elif kind == "list_type":
        message = _("expected a list, got {value}").format(value=describe(value))
        hint = _shape(root, loc, value, listed=True)
        if hint is None and isinstance(value, str):
            hint = _("write each entry on its own line starting with '- '")
    elif kind == "value_error":
        message = str(ctx.get("error") or err["msg"]).removeprefix("Value error, ")
    else:
        message = err["msg"][:1].lower() + err["msg"][1:]
    return Problem(doc.path, message, line, col, field or None, hint)


def validate_model(doc: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    if doc.data is None:
        return None, [Problem(doc.path, _("the file is empty"), 1, 1)]
    if not isinstance(doc.data, dict):
        line, col = doc.position(())
        return None, [
            Problem(doc.path, _("expected a mapping of keys and values, got {value}").format(
                value=describe(doc.data)), line, col)
        ]
    import pydantic

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
    return _optional(loads(text, display), model)


def load_optional(path: Path, model: type[M], display: str | None = None) -> M:
    """Load a settings-like file that may be missing or empty (then: the model's defaults)."""
    if not path.exists():
        return model()
    return _optional(load(path, display), model)
