"""All YAML goes through here: safe, line-tracked loading and plain dumping.

Loading builds Python data from the parser's *events* rather than PyYAML's constructor, so that:

* every value and key keeps its line and column (``Document.position``);
* duplicate keys, anchors/aliases and non-standard tags are errors, never silent;
* scalars are resolved by the YAML 1.2 core schema, not YAML 1.1: ``NO``, ``on`` and
  ``12:30`` stay strings (no Norway problem, no sexagesimal numbers), dates stay strings
  for the model to parse, and an integer with a leading zero (a phone number) stays text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from pbctl.constants import MAX_YAML_BYTES
from pbctl.definition import typing_habits
from pbctl.errors import ValidationError
from pbctl.i18n import _

try:  # the C parser where libyaml is present
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the build of PyYAML
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

PathKey = tuple[str | int, ...]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "!",
}
_CONFLICT = re.compile(r"^<<<<<<< ", re.MULTILINE)
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(\.[0-9]*)?[eE][-+]?[0-9]+)\Z")


@dataclass
class Document:
    """Data loaded from one YAML file, with the position of every value and key."""

    path: str
    data: Any
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: PathKey, *, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the value at ``loc``, or of its nearest ancestor.

        With ``key=True`` the position of the mapping key itself is preferred (used for
        unknown-key errors, which are about the key, not its value).
        """
        if key and loc in self.key_positions:
            return self.key_positions[loc]
        probe = tuple(loc)
        while True:
            if probe in self.positions:
                return self.positions[probe]
            if not probe:
                return (None, None)
            probe = probe[:-1]


def format_path(loc: PathKey) -> str:
    """``("members", 2, "level")`` → ``members[2].level``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _resolve_plain(value: str) -> Any:
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value) and any(ch.isdigit() for ch in value):
        return float(value)
    return value


def _resolve_tagged(tag: str, value: str, doc: Document, line: int, col: int) -> Any:
    if tag in ("tag:yaml.org,2002:str", "!"):
        return value
    resolved = _resolve_plain(value)
    expected_by_tag: dict[str, type | tuple[type, ...]] = {
        "tag:yaml.org,2002:int": int,
        "tag:yaml.org,2002:float": (int, float),
        "tag:yaml.org,2002:bool": bool,
        "tag:yaml.org,2002:null": type(None),
    }
    expected = expected_by_tag[tag]
    if not isinstance(resolved, expected) or (
        tag != "tag:yaml.org,2002:bool" and isinstance(resolved, bool)
    ):
        raise ValidationError.single(
            doc.path, _("value {value!r} does not match its tag {tag}").format(
                value=value, tag=tag.replace("tag:yaml.org,2002:", "!!", 1)), line=line, column=col
        )
    return resolved


class _Builder:
    """Turns a parser event stream into data plus positions."""

    def __init__(self, doc: Document, loader: Any) -> None:
        self.doc = doc
        # The parser's own queue, called directly: a generator and a peek wrapper around it
        # made loading a third slower.
        self.next = loader.get_event
        self.peek = loader.peek_event

    def fail(self, event: Any, message: str, hint: str | None = None) -> ValidationError:
        mark = event.start_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        return ValidationError.single(self.doc.path, message, line=line, column=col, hint=hint)

    def check_node(self, event: Any) -> None:
        if getattr(event, "anchor", None):
            raise self.fail(
                event,
                _("anchors (&{anchor}) are not allowed").format(anchor=event.anchor),
                _("write the value out in full; pbctl files must read the same to a person"),
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _STANDARD_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!", 1)  # as the user wrote it
            raise self.fail(event, _("the tag {tag} is not allowed").format(tag=shown),
                            _("remove the tag"))

    def build(self, loc: PathKey) -> Any:
        event = self.next()
        if isinstance(event, yaml.AliasEvent):
            raise self.fail(
                event,
                _("aliases (*{anchor}) are not allowed").format(anchor=event.anchor),
                _("write the value out in full"),
            )
        self.check_node(event)
        mark = event.start_mark
        self.doc.positions[loc] = (mark.line + 1, mark.column + 1)
        if len(loc) > MAX_DEPTH:
            raise self.fail(event, f"nested more than {MAX_DEPTH} levels deep",
                            "pbctl files are a few levels deep; check the brackets")
        if isinstance(event, yaml.ScalarEvent):
            plain = not event.style and event.implicit[0]
            try:
                if event.tag not in (None, "!"):
                    return _resolve_tagged(event.tag, event.value, self.doc, mark.line + 1,
                                           mark.column + 1)
                return _resolve_plain(event.value) if plain else event.value
            except ValueError:  # an integer of more than 4,300 digits
                raise self.fail(event, f"a number of {len(event.value):,} digits is too "
                                "large", "no count or number in pbctl is that large") from None
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while True:
                if isinstance(self.peek(), yaml.SequenceEndEvent):
                    self.next()
                    return items
                items.append(self.build((*loc, len(items))))
        if isinstance(event, yaml.MappingStartEvent):
            mapping: dict[str, Any] = {}
            while True:
                if isinstance(self.peek(), yaml.MappingEndEvent):
                    self.next()
                    return mapping
                key_event = self.next()
                if not isinstance(key_event, yaml.ScalarEvent):
                    raise self.fail(key_event, _("a mapping key must be a plain word"))
                self.check_node(key_event)
                key = key_event.value
                kmark = key_event.start_mark
                if key in mapping:
                    first = self.doc.key_positions[(*loc, key)]
                    raise self.fail(
                        key_event,
                        _("duplicate key {key!r} (first given on line {line})").format(
                            key=key, line=first[0]),
                        _("a key may appear only once in a mapping"),
                    )
                self.doc.key_positions[(*loc, key)] = (
                    (kmark.line + 1, kmark.column + 1) if kmark is not None else (0, 0)
                )
                mapping[key] = self.build((*loc, key))
        raise self.fail(event, _("unexpected YAML event {name}").format(
            name=type(event).__name__))


#: Deepest nesting of lists and mappings a file may have (pbctl's files need about 5).
MAX_DEPTH = 64


def loads(text: str, path: str = "<string>") -> Document:
    """Parse YAML text into a :class:`Document`; raise :class:`ValidationError` if malformed."""
    doc = Document(path=path, data=None)
    marker = _CONFLICT.search(text)
    if marker:
        raise ValidationError.single(
            path, _("unresolved merge conflict (a '<<<<<<<' line)"),
            line=text.count("\n", 0, marker.start()) + 1, column=1,
            hint=_("keep the right lines, delete the markers, git add the file and run "
                   "'pbctl sync' again"),
        )
    loader = None
    try:
        loader = _Loader(text)  # PyYAML's reader checks the characters here
        builder = _Builder(doc, loader)
        builder.next()  # StreamStart
        if isinstance(builder.peek(), yaml.StreamEndEvent):
            return doc
        builder.next()  # DocumentStart
        doc.data = builder.build(())
        builder.next()  # DocumentEnd
        extra = builder.next()
        if not isinstance(extra, yaml.StreamEndEvent):
            raise builder.fail(
                extra, _("a second YAML document ('---') is not allowed"),
                _("one definition a file")
            )
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. U+0001
        char = exc.character
        code = char if isinstance(char, int) else ord(char)
        # libyaml counts UTF-8 bytes, PyYAML characters.
        before = (text.encode("utf-8")[: exc.position].decode("utf-8", "replace")
                  if _Loader.__module__ == "yaml.cyaml" else text[: exc.position])
        raise ValidationError.single(
            path, _("the character U+{code} is not allowed in a YAML file").format(
                code=f"{code:04X}"),
            line=before.count("\n") + 1, column=len(before) - before.rfind("\n"),
            hint=_("remove it"),
        ) from None
    except yaml.MarkedYAMLError as exc:
        typed = typing_habits.full_width_problem(text, path)
        if typed is not None:
            raise typed from None
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "malformed YAML"
        if exc.context_mark is not None and "quoted scalar" in (exc.context or ""):
            mark = exc.context_mark  # an unclosed quote: point where it opens, not at the end
            reason = "a quote opened here is never closed"
        raise ValidationError.single(
            path,
            _("YAML syntax error: {reason}").format(reason=reason),
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint=typing_habits.quote_hint(text, mark.line) if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise ValidationError.single(path, _("YAML error: {error}").format(error=exc)) from None
    finally:
        if loader is not None:
            loader.dispose()
    return doc


def _too_large(name: str, size: int | None = None) -> ValidationError:
    if size is not None:
        said = _("file is {size} bytes; pbctl reads YAML files of at most 1 MiB").format(size=size)
    else:
        said = _("more than 1 MiB; pbctl reads YAML files of at most 1 MiB")
    return ValidationError.single(name, said)


def read_bounded(stream: BinaryIO, name: str) -> bytes:
    """At most 1 MiB from ``stream`` (stdin, a pipe); ValidationError when there is more."""
    raw = stream.read(MAX_YAML_BYTES + 1)
    if len(raw) > MAX_YAML_BYTES:
        raise _too_large(name)
    return raw


def decode(raw: bytes, name: str) -> Document:
    """Parse UTF-8 bytes as YAML (see :func:`loads`)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ValidationError.single(
            name, _("not UTF-8 text"), line=line, hint=_("save the file as UTF-8")
        ) from None
    return loads(text, name)


def check_readable(text: str, name: str) -> Document:
    """Before writing ``text`` as a pbctl YAML file: it must read back, within the reader's
    own limits (size, nesting, syntax); else a ValidationError and nothing is written. The
    document it reads back as is returned (to compare with what was meant)."""
    size = len(text.encode("utf-8"))
    if size > MAX_YAML_BYTES:
        raise ValidationError.single(
            name, _("would be {size} bytes; pbctl reads YAML files of at most 1 MiB, so it is "
                    "not written").format(size=f"{size:,}"),
            hint=_("shorten the longest texts"))
    return loads(text, name)


def load(path: Path, display: str | None = None, *, stream: bool = False) -> Document:
    """Read and parse a YAML file (UTF-8, at most 1 MiB). Only a regular file is read,
    unless ``stream`` (a file the user named, e.g. a pipe): then at most 1 MiB of it."""
    name = display or str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode) and not stream:
            raise ValidationError.single(
                name, _("is not a regular file (a FIFO or device); not read"),
                hint=_("pbctl reads its YAML from files"))
        if info.st_size > MAX_YAML_BYTES:
            raise _too_large(name, info.st_size)
        with path.open("rb") as fh:
            raw = read_bounded(fh, name)
    except FileNotFoundError:
        raise ValidationError.single(name, _("no such file")) from None
    except IsADirectoryError:
        raise ValidationError.single(name, _("is a folder, not a YAML file")) from None
    except OSError as exc:
        raise ValidationError.single(name, _("cannot read: {reason}").format(
            reason=exc.strerror)) from None
    return decode(raw, name)


class _PlainDumper(_Dumper):
    """Writes YAML as pbctl reads it: never anchors/aliases (an object seen twice, e.g. one
    date for two keys, is written out twice; pbctl refuses aliases), and date-like text
    unquoted (``date: 2024-01-02``), since pbctl reads dates from text anyway."""

    def ignore_aliases(self, data: Any) -> bool:  # noqa: ARG002 - PyYAML API
        return True


_PlainDumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Dumper.yaml_implicit_resolvers.items()
}
# Text the reader would take for a number (YAML 1.2 reads 1e5 and -.5 as floats, YAML 1.1
# does not) is written quoted, so that what is dumped reads back as it was.
_PlainDumper.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+.0123456789"))


def _date_as_text(dumper: Any, value: dt.date) -> Any:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value.isoformat())


_PlainDumper.add_representer(dt.date, _date_as_text)


def dumps(data: Any) -> str:
    """Dump plain data as block-style, UTF-8 YAML keeping key order."""
    return yaml.dump(
        data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False,
        default_flow_style=False, width=100,
    )


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector paused while many records are read and kept (a roster
    merged, a workspace's records loaded): no reference cycles among them, so collections
    would only rescan them and every loaded module as they grow (~30 ms for 1,000 roster
    rows). What the pause made then moves to the oldest generation unscanned (freeze,
    unfreeze); reference counting frees it as ever."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if not gc.get_freeze_count():  # unless someone froze objects (before a fork):
            gc.freeze()  # what the pause made moves to the oldest generation, unscanned
            gc.unfreeze()
        if enabled:
            gc.enable()
