"""The one Jinja factory: sandboxed, StrictUndefined, markup-escaping, with pbctl's filters.

User templates are untrusted: they run in Jinja's sandbox, can only load other templates
from the template folders, and every value they print is escaped for the markup, so a
member named ``A&B <x> **y** {{ 7*7 }}`` comes out exactly as typed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pbctl.constants import DOCUMENTS
from pbctl.errors import TemplateError

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

#: Built-in templates: package data (``pbctl/rendering/templates``, shipped in the wheel), found
#: through importlib.resources like any resource. Jinja's loader needs a folder on disk, which
#: every installed form of pbctl (checkout, editable, wheel) provides.
BUILTIN_TEMPLATES = Path(str(resources.files("pbctl.rendering") / "templates"))

#: Document kind → template path below a templates folder (from the one table, constants).
TEMPLATE_NAMES = {name: kind.template for name, kind in DOCUMENTS.items()}

_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
class Markup(str):
    """Text that is already markup: printed by templates without escaping."""

    __slots__ = ()


def escape(value: Any) -> str:
    """Escape a value for the template markup: it will read back as exactly its text."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    text = str(value)
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " ")
    return _MD_SPECIAL.sub(r"\\\1", text.strip())


def _cn_date(value: Any) -> str:
    from pbctl.numerals import cn_date

    return cn_date(value)


def _cn_num(value: int) -> str:
    from pbctl.numerals import cn_number

    return cn_number(int(value))


def _cn_upper(value: int) -> str:
    from pbctl.numerals import cn_upper

    return cn_upper(int(value))


def _party(index: int) -> str:
    from pbctl.numerals import stem_label

    return stem_label(int(index))


def _cn_join(values: Iterable[Any], sep: str = "、") -> str:
    return sep.join(str(v) for v in values if v is not None and str(v) != "")


def _bytecode_cache() -> Any:
    """Compiled templates cached in the user's cache folder (keyed by the template's
    source checksum, so an edited template is recompiled); None if it cannot be written."""
    import os

    from jinja2 import FileSystemBytecodeCache

    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = root / "pbctl" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


def environment(search_path: list[Path]) -> SandboxedEnvironment:
    """A sandboxed environment loading templates from ``search_path`` (first wins)."""
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    from pbctl import words

    env = SandboxedEnvironment(
        loader=FileSystemLoader([str(p) for p in search_path]),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=escape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update(
        cn_date=_cn_date,
        cn_num=_cn_num,
        cn_upper=_cn_upper,
        party=_party,
        cn_join=_cn_join,
        frequency=lambda v: words.FREQUENCY_LABELS[str(v)],
        kind_label=lambda v: words.KIND_LABELS.get(str(v), str(v)),
        activity_label=words.activity_label,
        raw_markup=Markup,
    )
    return env


def search_path(workspace_templates: Path | None) -> list[Path]:
    """The workspace's templates/ first (overrides by name), then the built-in ones."""
    paths = []
    if workspace_templates is not None and workspace_templates.is_dir():
        paths.append(workspace_templates)
    paths.append(BUILTIN_TEMPLATES)
    return paths


def _template_line(tb: Any) -> tuple[str | None, int | None]:
    """The innermost template frame of a traceback: (file, line)."""
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_template(name: str, context: dict[str, Any],
                    workspace_templates: Path | None = None) -> tuple[str, str]:
    """Render a template by name; return (text, the template file used).

    Any error names the template file and line: a missing field (StrictUndefined), a
    syntax error, or something the sandbox refused.
    """
    import jinja2
    from jinja2.exceptions import SecurityError

    folders = search_path(workspace_templates)
    env = environment(folders)
    try:
        template = env.get_template(name)
    except UnicodeDecodeError as exc:
        found = next((str(f / name) for f in folders if (f / name).is_file()), name)
        raise TemplateError(f"not UTF-8 text (byte {exc.start})", file=found,
                            hint="save the template as UTF-8 (e.g. not GBK)") from None
    except jinja2.TemplateNotFound:
        looked = ", ".join(map(str, folders))
        raise TemplateError("no such template", file=name, hint=f"looked in {looked}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.message}",
                            file=exc.filename or name, line=exc.lineno) from None
    filename = template.filename or name
    try:
        return template.render(context), filename
    except jinja2.UndefinedError as exc:
        file, line = _template_line(sys.exc_info()[2])
        raise TemplateError(f"{exc.message}", file=file or filename, line=line,
                            hint="the template refers to a field the data does not have"
                            ) from None
    except SecurityError as exc:
        file, line = _template_line(sys.exc_info()[2])
        raise TemplateError(f"refused by the template sandbox: {exc}",
                            file=file or filename, line=line) from None
    except jinja2.TemplateError as exc:
        file, line = _template_line(sys.exc_info()[2])
        raise TemplateError(str(exc), file=file or filename, line=line) from None
    except (TypeError, ValueError, KeyError, AttributeError, ZeroDivisionError) as exc:
        file, line = _template_line(sys.exc_info()[2])
        raise TemplateError(f"{type(exc).__name__}: {exc}", file=file or filename,
                            line=line) from None
