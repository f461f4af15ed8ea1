"""Member rosters (成员单位名册) as party offices keep them: read an .xlsx or .csv, find its
header row, map its columns to member fields, and merge it into a definition's raw data.

Every bad cell becomes one :class:`~pbctl.errors.Problem` located as the office sees it
(``roster.xlsx:成员单位!C14`` or ``roster.csv:14:C``); all of them are collected in one run.
Nothing here writes: :mod:`pbctl.records.roster` records the merged definition.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from pbctl.errors import UsageError, ValidationError

#: The member fields a column can fill.
KEYS = ("id", "name", "organization", "short_name", "level", "kind", "secretary",
        "secretary_title", "contact", "phone", "email", "group", "parent", "joined")

#: Headers offices use → field (compared without spaces, ``*`` and line breaks).
HEADERS: dict[str, str] = {
    "编号": "id", "成员编号": "id", "id": "id",
    "党组织名称": "name", "党组织全称": "name", "成员单位党组织": "name",
    "单位名称": "organization", "所在单位": "organization", "成员单位": "organization",
    "简称": "short_name", "党组织简称": "short_name",
    "党组织类别": "level", "组织类别": "level", "层级": "level", "党组织层级": "level",
    "单位类型": "kind", "单位性质": "kind",
    "书记": "secretary", "党组织书记": "secretary", "书记姓名": "secretary",
    "书记职务": "secretary_title",
    "联系人": "contact", "联络员": "contact",
    "联系电话": "phone", "电话": "phone", "手机": "phone", "手机号码": "phone",
    "邮箱": "email", "电子邮箱": "email",
    "所属联组": "group", "联组": "group",
    "上级党组织": "parent",
    "加入日期": "joined", "加入时间": "joined",
}

#: What offices write for a unit's kind → ``kind``. The first word of each kind is the one
#: an export writes.
KIND_WORDS: dict[str, str] = {
    "企业": "enterprise", "国有企业": "enterprise", "国企": "enterprise",
    "民营企业": "enterprise", "私营企业": "enterprise", "非公企业": "enterprise",
    "外资企业": "enterprise", "公司": "enterprise", "两新组织": "enterprise",
    "高校": "university", "大学": "university", "学院": "university", "学校": "university",
    "机关": "government", "街道": "government", "政府部门": "government",
    "党政机关": "government", "乡镇": "government",
    "事业单位": "institution", "医院": "institution", "科研院所": "institution",
    "社会组织": "association", "商会": "association", "协会": "association",
    "行业协会": "association", "学会": "association",
    "社区": "community", "村": "community", "居委会": "community", "村委会": "community",
    "其他": "other",
}
KIND_LABELS: dict[str, str] = {}
for _word, _kind_of in KIND_WORDS.items():
    KIND_LABELS.setdefault(_kind_of, _word)

SPLIT = re.compile(r"[、,，;；/]+")
_HEADER_NOISE = re.compile(r"[\s*＊:：（）()]+")
MAX_HEADER_SCAN = 30
MAX_ROWS = 20_000
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
_NOT_IN_ID = re.compile(r"[^a-z0-9]+")
_SUFFIXES = re.compile(r"(联合党支部|综合党委|党总支|党支部|党委|党组|党工委|"
                       r"股份有限公司|有限责任公司|有限公司|委员会)+$")


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _header_key(text: str) -> str:
    return _HEADER_NOISE.sub("", text)


class Cell(NamedTuple):
    """A non-empty cell's text and where it is, as the office sees it (a named tuple: a
    roster makes ten thousand of them, at half the cost of a frozen dataclass)."""

    text: str
    where: str


@dataclass
class Sheet:
    """The rows of one roster sheet, mapped: one dict ``key → Cell`` per non-empty row."""

    file: str
    rows: list[dict[str, Cell]]
    columns: dict[str, str]  # header → key
    ignored: list[str]  # headers not mapped
    row_where: list[str]  # where each row is (for problems about a whole row)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def parse_mapping(pairs: Iterable[str]) -> dict[str, str]:
    """``--map 'HEADER=key'`` options as a dict (header normalised)."""
    out: dict[str, str] = {}
    for pair in pairs:
        header, sep, key = pair.partition("=")
        key = key.strip()
        if not sep or not header.strip():
            raise UsageError(f"--map {pair!r}: expected HEADER=key")
        if key not in KEYS:
            from pbctl.definition.problems import suggest  # imports pydantic: only here

            match = suggest(key, KEYS)
            raise UsageError(f"--map {pair!r}: {key!r} is not a member field",
                             hint=f"did you mean {match}?" if match else
                             f"fields: {', '.join(KEYS)}")
        out[_header_key(header)] = key
    return out


def _raw_rows(path: Path, display: str, sheet: str | None
              ) -> Iterator[tuple[str, Iterator[list[Any]], bool]]:
    """(sheet name or '', rows, is_xlsx) for each candidate sheet of the file."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl

        try:
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise ValidationError.single(display, f"cannot read as .xlsx: {exc}") from None
        names = list(wb.sheetnames)
        if sheet is not None and sheet not in names:
            from pbctl.definition.problems import suggest

            match = suggest(sheet, names)
            raise ValidationError.single(display, f"no sheet named {sheet!r}",
                                         hint=f"did you mean {match}?" if match
                                         else f"sheets: {', '.join(names)}")
        try:
            for name in [sheet] if sheet is not None else names:
                yield name, (list(r) for r in wb[name].iter_rows(values_only=True)), True
        finally:
            wb.close()  # a read-only workbook keeps its file open until closed
        return
    if suffix in (".csv", ".txt"):
        if sheet is not None:
            raise UsageError("--sheet applies to .xlsx files only")
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:  # pragma: no cover - gb18030 decodes nearly anything
            raise ValidationError.single(display, "neither UTF-8 nor GBK text")
        yield "", (list(r) for r in csv.reader(io.StringIO(text, newline=""))), False
        return
    raise ValidationError.single(display, f"cannot read {path.suffix or 'this file'} as a roster",
                                 hint="save it as .xlsx or .csv")


def read_roster(path: Path, display: str, *, sheet: str | None = None,
                mapping: dict[str, str] | None = None) -> Sheet:
    """The roster's rows, mapped. The header row is the first holding at least three
    recognised headers; rows above it (titles) and empty rows are skipped."""
    headers = {_header_key(k): v for k, v in HEADERS.items()}
    headers.update(mapping or {})
    if not path.is_file():
        raise ValidationError.single(display, "no such file")
    for name, rows, is_xlsx in _raw_rows(path, display, sheet):
        header_at = None
        columns: dict[int, str] = {}
        titles: list[str] = []
        out: list[dict[str, Cell]] = []
        row_where: list[str] = []
        cells: list[tuple[int, str, str]] = []  # column, key, letter
        prefix = f"{display}:{name}!" if is_xlsx else f"{display}:"
        for number, values in enumerate(rows, start=1):
            if header_at is None:
                if number > MAX_HEADER_SCAN:
                    break
                texts = [_text(v) for v in values]
                found = {j: headers[_header_key(t)] for j, t in enumerate(texts)
                         if t and _header_key(t) in headers}
                if len(found) >= 3:
                    header_at, columns, titles = number, found, texts
                    cells = [(j, key, column_letter(j)) for j, key in columns.items()]
                continue
            if number - header_at > MAX_ROWS:
                raise ValidationError.single(display, f"more than {MAX_ROWS} rows")
            row: dict[str, Cell] = {}
            width = len(values)
            for j, key, letter in cells:
                value = values[j] if j < width else None
                text = value.strip() if type(value) is str else _text(value)
                if text:
                    row[key] = Cell(text, f"{prefix}{letter}{number}" if is_xlsx
                                    else f"{prefix}{number}:{letter}")
            if row:
                out.append(row)
                row_where.append(f"{display}:{name}!{number}" if is_xlsx
                                 else f"{display}:{number}")
        if header_at is None:
            continue
        ignored = [t for j, t in enumerate(titles) if t and j not in columns]
        keys = list(columns.values())
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise ValidationError.single(display, f"more than one column for {', '.join(dupes)}",
                                         hint="drop a column or use --map")
        if "name" not in keys:
            raise ValidationError.single(display, "no column names the party organization "
                                         "(党组织名称)", hint="--map 'HEADER=name'")
        return Sheet(display, out, {titles[j]: k for j, k in columns.items()}, ignored,
                     row_where)
    raise ValidationError.single(display, "no header row found (a row with at least three of "
                                 "党组织名称, 单位名称, 党组织类别, 单位性质, 书记 …)",
                                 hint="--map 'HEADER=key' names other headers")


def make_id(name: str, taken: set[str]) -> str:
    """A member id from a name: its pinyin without the level and company suffixes, made
    unique against ``taken`` with -2, -3 …; deterministic. The pinyin is pypinyin's
    (:mod:`pbctl.definition.pinyin`), so 银行 reads yinhang and 重庆 chongqing."""
    from pbctl.definition.pinyin import readings

    core = _SUFFIXES.sub("", name) or name
    base = _NOT_IN_ID.sub("", "".join(readings(core)).lower())[:40] or "member"
    if len(base) < 2:
        base = f"m-{base}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate
