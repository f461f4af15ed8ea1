"""The one Jinja factory: sandboxed, StrictUndefined, markup-escaping, with pbctl's filters.

User templates are untrusted: they run in Jinja's immutable sandbox on plain data
(:mod:`pbctl.rendering.plain`), load only from the template folders and only once trusted,
and are bounded in time, size and memory (:mod:`pbctl.rendering.sandbox`). Every value they
print is escaped for the markup, so a member named ``A&B <x> **y** {{ 7*7 }}`` comes out
exactly as typed.
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
from pbctl.i18n import _

if TYPE_CHECKING:
    from pbctl.rendering.sandbox import BoundedSandbox

#: Seconds a document's template may run (``render_timeout`` in pbctl.yaml).
DEFAULT_TIMEOUT = 10.0

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


def environment(search_path: list[Path], workspace: Path | None = None) -> BoundedSandbox:
    """A sandboxed environment loading templates from ``search_path`` (first wins);
    ``workspace`` (one of them) holds templates that run only once trusted."""
    from jinja2 import StrictUndefined

    from pbctl import words
    from pbctl.rendering.sandbox import BoundedSandbox, ConfinedLoader, bounded_filter

    env = BoundedSandbox(
        loader=ConfinedLoader(search_path, workspace),
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
    env.filters = {name: bounded_filter(f) for name, f in env.filters.items()}
    env.globals = {name: value for name, value in env.globals.items()
                   if name in ("range", "dict", "namespace", "cycler", "joiner")}
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
                    workspace_templates: Path | None = None, *,
                    timeout: float = DEFAULT_TIMEOUT) -> tuple[str, str]:
    """Render a template by name; return (text, the template file used).

    The context is made plain data first. Any error names the template file and line: a
    missing field (StrictUndefined), a syntax error, something the sandbox refused, an
    untrusted or escaping template, or a bound overrun (time, size, recursion, memory).
    """
    import jinja2
    from jinja2.exceptions import SecurityError

    from pbctl.rendering.plain import plain_context
    from pbctl.rendering.sandbox import RenderLimit, run_bounded

    folders = search_path(workspace_templates)
    workspace = folders[0] if len(folders) > 1 else None
    env = environment(folders, workspace)
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        looked = ", ".join(map(str, folders))
        raise TemplateError(_("no such template"), file=name,
                            hint=_("looked in {folders}").format(folders=looked)) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(_("template syntax error: {error}").format(error=exc.message),
                            file=exc.filename or name, line=exc.lineno) from None
    filename = template.filename or name
    data = plain_context(context)
    try:
        return run_bounded(lambda: template.generate(data), timeout), filename
    except TemplateError:
        raise
    except jinja2.UndefinedError as exc:
        file, line = _template_line(sys.exc_info()[2])
        raise TemplateError(f"{exc.message}", file=file or filename, line=line,
                            hint=_("the template refers to a field the data does not have")
                            ) from None
    except SecurityError as exc:
        file, line = _template_line(sys.exc_info()[2])
        raise TemplateError(_("refused by the template sandbox: {reason}").format(reason=exc),
                            file=file or filename, line=line) from None
    except jinja2.TemplateNotFound as exc:
        file, line = _template_line(sys.exc_info()[2])
        raise TemplateError(_("no such template to include: {name}").format(name=exc.name),
                            file=file or filename, line=line) from None
    except jinja2.TemplateError as exc:
        file, line = _template_line(sys.exc_info()[2])
        raise TemplateError(str(exc), file=file or filename, line=line) from None
    except RenderLimit as exc:
        file, line = _template_line(sys.exc_info()[2])
        raise TemplateError(_("stopped: {reason}").format(reason=exc), file=file or filename,
                            line=line, hint=_("a template must finish within its bounds")
                            ) from None
    except RecursionError:
        file, line = _template_line(sys.exc_info()[2])
        raise TemplateError(_("stopped: recursion too deep"), file=file or filename,
                            line=line) from None
    except MemoryError:
        file, line = _template_line(sys.exc_info()[2])
        raise TemplateError(_("stopped: used too much memory"), file=file or filename,
                            line=line) from None
    except (TypeError, ValueError, KeyError, AttributeError, ZeroDivisionError,
            OverflowError, IndexError) as exc:
        file, line = _template_line(sys.exc_info()[2])
        raise TemplateError(f"{type(exc).__name__}: {str(exc)[:200]}", file=file or filename,
                            line=line) from None
