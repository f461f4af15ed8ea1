"""Write a new alliance definition: a commented YAML file that passes ``pbctl check``."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pbctl.definition import yamlio
from pbctl.definition.schema import ALLIANCE_SCHEMA_LINE
from pbctl.definition.workspace import Workspace, display_path
from pbctl.errors import ValidationError, WorkspaceError
from pbctl.i18n import _

MEMBER_KEYS = ("id", "name", "organization", "short_name", "kind", "level", "secretary")


@dataclass
class NewAlliance:
    """The answers that make a new definition."""

    id: str
    name: str
    founded: dt.date
    members: list[dict[str, str]]
    lead: str
    short_name: str | None = None
    theme: str | None = None
    venue: str | None = None
    secretariat: str | None = None
    convener: str = "lead"
    frequency: str = "half-yearly"
    term_years: int = 3
    principles: list[str] = field(default_factory=list)


def parse_member_spec(spec: str) -> dict[str, str]:
    """``"id=a,name=某某党委,kind=enterprise"`` → dict. A part without ``=`` continues the
    previous value, so names containing commas survive."""
    out: dict[str, str] = {}
    last: str | None = None
    for part in spec.split(","):
        key, sep, value = part.partition("=")
        key = key.strip()
        if sep and key in MEMBER_KEYS:
            out[key] = value.strip()
            last = key
        elif sep and re.fullmatch(r"[A-Za-z_]+", key):  # a mistyped key, not part of a name
            from pbctl.definition.problems import suggest

            close = suggest(key, MEMBER_KEYS)
            raise ValidationError.single(
                "--member", _("unknown key {key!r} in {spec!r}").format(key=key, spec=spec),
                hint=_("did you mean {match!r}?").format(match=close) if close else
                _("keys: {keys}").format(keys=", ".join(MEMBER_KEYS)),
            )
        elif last is not None:
            out[last] += "," + part
        else:
            raise ValidationError.single(
                "--member", _("cannot read {part!r}: expected key=value with keys {keys}").format(
                    part=part, keys=", ".join(MEMBER_KEYS)),
            )
    if "id" not in out or "name" not in out:
        raise ValidationError.single(
            "--member", _("{spec!r} needs at least id=… and name=…").format(spec=spec)
        )
    return out


def _scalar(value: Any) -> str:
    """A YAML scalar that reads back as exactly ``value``: plain when safe, else quoted."""
    if isinstance(value, bool | int) or value is None:
        return json.dumps(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    try:
        if text and yamlio.loads(f"k: {text}\n").data == {"k": text} and "#" not in text:
            return text
    except ValidationError:
        pass
    return json.dumps(text, ensure_ascii=False)


def definition_text(a: NewAlliance) -> str:
    """The commented YAML of a new alliance."""
    s = _scalar
    lines = [
        ALLIANCE_SCHEMA_LINE,
        f"# Alliance definition made by 'pbctl new alliance' on {dt.date.today().isoformat()}.",
        "# Check it with 'pbctl check'; the keys are described in docs/reference.md.",
        "",
        f"id: {s(a.id)}                      # names the folder alliances/<id>/; do not change",
        f"name: {s(a.name)}",
    ]
    lines.append(f"short_name: {s(a.short_name)}" if a.short_name else
                 "# short_name: 简称                # used in running text")
    lines.append(f"theme: {s(a.theme)}" if a.theme else "# theme: 主题")
    lines.append(f"founded: {s(a.founded)}             # date of founding / signing")
    lines.append(f"venue: {s(a.venue)}" if a.venue else "# venue: 签约地点")
    lines += ["", "# 原则: one per line, e.g. 优势互补、注重实效、互利共赢、共同发展"]
    if a.principles:
        lines.append("principles:")
        lines += [f"  - {s(p)}" for p in a.principles]
    else:
        lines += ["principles:", "  - 优势互补", "  - 注重实效", "  - 互利共赢", "  - 共同发展"]
    lines += [
        "",
        "# 成员单位: kind is one of enterprise, university, government, institution,",
        "# association, community, other; level one of 党委, 党总支, 党支部, 联合党支部,",
        "# 综合党委, 党组, 党工委.",
        "members:",
    ]
    for m in a.members:
        lines.append(f"  - id: {s(m['id'])}")
        for key in MEMBER_KEYS[1:]:
            if m.get(key):
                lines.append(f"    {key}: {s(m[key])}")
    lines += [
        "",
        f"lead: {s(a.lead)}                    # 链主 / 牵头单位 (a member id)",
        f"secretariat: {s(a.secretariat or a.lead)}             # 秘书处 (a member id)",
        f"convener: {a.convener}                # lead, or rotating (轮值)",
        "meetings:",
        f"  frequency: {a.frequency}        # monthly, quarterly, half-yearly, yearly",
        "term:",
        f"  start: {s(a.founded)}",
        f"  years: {a.term_years}",
        "",
        "# 共建内容: each area with concrete undertakings, for example:",
        "# areas:",
        "#   - name: 组织共建",
        "#     items: [定期召开联席会议, 开展支部结对共建]",
        "# groups (联组/专委会), pairings (结对), witnesses (见证领导), projects (品牌项目)",
        "# and lists (三张清单: resources, services, needs) are optional; see the reference.",
    ]
    return "\n".join(lines) + "\n"


def new_alliance_text(workspace: Workspace, answers: NewAlliance) -> tuple[Path, str]:
    """Where ``alliances/<id>/alliance.yaml`` goes and its validated text; refused when it
    exists (the records layer writes it, under the lock, asking again)."""
    from pbctl.definition.loading import validate_alliance

    target = workspace.alliance_file(answers.id)
    refuse_existing(target)
    text = definition_text(answers)
    _validate_text(text, target, validate_alliance)
    return target, text


def examples_folder() -> Path:
    """The examples shipped with pbctl: ``pbctl/examples`` in a wheel (a link to the
    repository's ``examples/`` in a checkout), else the checkout's ``examples/`` itself."""
    package = Path(__file__).resolve().parent.parent
    shipped = package / "examples"
    return shipped if shipped.is_dir() else package.parent / "examples"


def example_names() -> list[str]:
    """The names ``--from`` accepts: each example folder holding an alliance.yaml."""
    folder = examples_folder()
    if not folder.is_dir():
        return []
    return sorted(p.parent.name for p in folder.glob("*/alliance.yaml"))


def resolve_source(value: str) -> Path:
    """What ``--from`` names: a definition file, a folder holding alliance.yaml, or the
    name of a shipped example (``health-chain``); otherwise a message with did-you-mean."""
    from pbctl.definition.problems import suggest

    path = Path(value)
    if path.is_file():
        return path
    if path.is_dir():
        inner = path / "alliance.yaml"
        if inner.is_file():
            return inner
        raise ValidationError.single(
            "--from", _("{path}: this folder has no alliance.yaml").format(path=value))
    names = example_names()
    if value in names:
        return examples_folder() / value / "alliance.yaml"
    match = suggest(value, names)
    hint = (_("did you mean {match!r}?").format(match=match) if match else
            _("examples: {names}").format(names=", ".join(names)))
    raise ValidationError.single(
        "--from", _("{value!r} is neither a file, a folder nor an example's name").format(
            value=value), hint=hint)


def copied_text(workspace: Workspace, source: Path, new_id: str | None
                ) -> tuple[Path, str, str]:
    """A definition started from an example file, keeping its comments: where it goes, its
    validated text and its id (written by the records layer, under the lock)."""
    from pbctl.definition.loading import validate_alliance

    doc = yamlio.load(source, display_path(source))
    old_id = doc.data.get("id") if isinstance(doc.data, dict) else None
    alliance_id = new_id or old_id
    if not isinstance(alliance_id, str):
        raise ValidationError.single(display_path(source), _("has no id"), field="id")
    text = source.read_text(encoding="utf-8-sig")
    # A relative schema path in the source means nothing at the new location: the copy
    # points at the workspace's schema instead.
    text = ALLIANCE_SCHEMA_LINE + "\n" + re.sub(r"(?m)^#\s*yaml-language-server:.*\n", "", text,
                                                count=1)
    if new_id and old_id != new_id:
        text, count = re.subn(r"(?m)^id:[ \t]*\S+", f"id: {_scalar(new_id)}", text, count=1)
        if not count:
            raise ValidationError.single(display_path(source), _("has no top-level id line"),
                                         field="id")
    target = workspace.alliance_file(alliance_id)
    refuse_existing(target)
    _validate_text(text, target, validate_alliance)
    return target, text, alliance_id


SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")


def check_slug(value: str) -> str:
    """An alliance or member id: 2-64 lower-case letters, digits and '-'."""
    if not SLUG.match(value):
        raise ValueError(_("use 2-64 lower-case letters, digits and '-', starting with a letter "
                           "or digit"))
    return value


def check_id(value: str) -> str:
    """``check_slug`` for the ID argument: a ValidationError naming it."""
    try:
        return check_slug(value)
    except ValueError as exc:
        raise ValidationError.single("ID", str(exc)) from None


def refuse_existing(target: Path) -> None:
    """pbctl new never overwrites an alliance (asked before any prompt, and again on write)."""
    if target.exists():
        raise WorkspaceError(
            _("{path} already exists; pbctl new never overwrites an alliance").format(
                path=display_path(target)),
            hint=_("edit that file, or choose another id"),
        )


def _validate_text(text: str, target: Path, validate: Any) -> None:
    doc = yamlio.loads(text, display_path(target))
    _, problems = validate(doc)
    if problems:
        raise ValidationError(problems)


def member_ids(members: Sequence[dict[str, str]]) -> list[str]:
    return [m["id"] for m in members]
