"""What templates may touch: plain, immutable data and pbctl's own helpers.

A template is untrusted code. It is handed no model object (pydantic models carry class
methods such as ``parse_raw``/``parse_file`` that read files or unpickle), no dataclass, no
bound method: :func:`plain` turns the context into :class:`Record` (read-only fields, no
methods), tuples, strings, numbers and dates; the only callables are :class:`Helper`\\ s,
which pbctl wraps around its own functions and whose results are made plain in turn.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from pydantic import BaseModel


class Record:
    """Read-only named fields: ``r.name`` and ``r["name"]``, and nothing else.

    Fields shadow everything (a field called ``items`` is the field); there are no public
    methods for a template to call, and no attribute can be set.
    """

    __slots__ = ("_fields", "_text")

    def __init__(self, fields: Mapping[str, Any], text: str | None = None) -> None:
        object.__setattr__(self, "_fields", types.MappingProxyType(dict(fields)))
        object.__setattr__(self, "_text", text)

    def __str__(self) -> str:
        """What the model printed as (a person is its name), else the repr."""
        text = object.__getattribute__(self, "_text")
        return text if text is not None else repr(self)

    def __getattribute__(self, name: str) -> Any:
        fields = object.__getattribute__(self, "_fields")
        if name in fields:
            return fields[name]
        if name.startswith("__") or name in ("_fields", "_text"):
            return object.__getattribute__(self, name)
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("read-only")

    def __getitem__(self, key: str) -> Any:
        return object.__getattribute__(self, "_fields")[key]

    def __contains__(self, key: object) -> bool:
        return key in object.__getattribute__(self, "_fields")

    def __iter__(self) -> Iterator[str]:
        return iter(object.__getattribute__(self, "_fields"))

    def __len__(self) -> int:
        return len(object.__getattribute__(self, "_fields"))

    def __bool__(self) -> bool:
        return True

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        mine = object.__getattribute__(self, "_fields")
        theirs = object.__getattribute__(other, "_fields")
        return bool(mine == theirs)

    def __hash__(self) -> int:
        return hash(tuple(object.__getattribute__(self, "_fields")))

    def __repr__(self) -> str:
        return f"Record({', '.join(object.__getattribute__(self, '_fields'))})"


class Helper:
    """One of pbctl's own functions offered to templates; what it returns is made plain."""

    __slots__ = ("_function",)

    def __init__(self, function: Callable[..., Any]) -> None:
        object.__setattr__(self, "_function", function)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return plain(object.__getattribute__(self, "_function")(*args, **kwargs))

    def __getattribute__(self, name: str) -> Any:
        if name.startswith("__"):
            return object.__getattribute__(self, name)
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("read-only")

    def __repr__(self) -> str:
        return "Helper()"


_SCALARS = (str, int, float, bool, dt.date, dt.time, type(None))


def _properties(cls: type) -> list[str]:
    return sorted({name for klass in cls.__mro__ for name, value in vars(klass).items()
                   if isinstance(value, property) and not name.startswith("_")})


def plain(value: Any, memo: dict[int, tuple[Any, Any]] | None = None) -> Any:
    """``value`` as plain, immutable data a template may be given.

    Models and dataclasses become :class:`Record` s of their fields and public properties
    (a property that fails is left out), lists and sets tuples, mappings with text keys
    records, other mappings read-only mappings. Anything else, a callable above all, is a
    programming error (TypeError), never silently passed on.
    """
    memo = {} if memo is None else memo
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, enum.Enum):
        return plain(value.value, memo)
    if isinstance(value, (Record, Helper)):
        return value
    key = id(value)
    if key in memo:
        return memo[key][1]
    result: Any
    if isinstance(value, BaseModel):
        fields: dict[str, Any] = {}
        for name in type(value).model_fields:
            fields[name] = plain(getattr(value, name), memo)
        for name in _properties(type(value)):
            try:
                fields[name] = plain(getattr(value, name), memo)
            except Exception:
                continue
        own_text = type(value).__str__ is not BaseModel.__str__
        result = Record(fields, str(value) if own_text else None)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: plain(getattr(value, f.name), memo)
                  for f in dataclasses.fields(value)}
        for name in _properties(type(value)):
            try:
                fields.setdefault(name, plain(getattr(value, name), memo))
            except Exception:
                continue
        result = Record(fields)
    elif isinstance(value, Mapping):
        items = {k: plain(v, memo) for k, v in value.items()}
        if all(isinstance(k, str) for k in items):
            result = Record(items)
        else:
            result = types.MappingProxyType({plain(k, memo): v for k, v in items.items()})
    elif isinstance(value, (list, tuple, set, frozenset)):
        ordered = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        result = tuple(plain(v, memo) for v in ordered)
    else:
        raise TypeError(f"not plain data for a template: {type(value).__name__}")
    memo[key] = (value, result)  # the value is kept alive so that its id is not reused
    return result


def plain_context(context: Mapping[str, Any]) -> dict[str, Any]:
    """A template context made plain: names to plain values and helpers."""
    memo: dict[int, tuple[Any, Any]] = {}
    return {name: plain(value, memo) for name, value in context.items()}
