"""A Babel extractor for click help: command docstrings and ``help=`` texts.

``pybabel extract`` finds ``_()`` calls by itself, but the help of commands and options is
written as plain docstrings and ``help="..."`` arguments, translated when a command is
loaded (``pbctl.cli.translate_help``). This extractor (named in ``babel.cfg``) puts them in
the catalogue too. pbctl never imports it at run time.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from typing import IO, Any

#: click's own texts pbctl shows (click looks them up through the catalogue: see
#: ``pbctl.cli``), listed here so that they are extracted and translated too.
CLICK_MESSAGES = (
    "Usage:", "Options", "Commands", "Show this message and exit.",
    "Show the version and exit.", "Error: {message}", "Try '{command} {option}' for help.",
    "Missing argument", "Missing option", "Missing parameter",
    "Invalid value for {param_hint}: {message}", "Invalid value: {message}",
    "No such option: {name}", "Missing command.", "default: {default}", "Aborted!",
    "{name} {filename!r} does not exist.", "Choose from:\n\t{choices}",
    "{value!r} is not a valid {number_type}.", "required",
)
CLICK_PLURALS = (
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
)


def _is_click_call(node: ast.expr) -> bool:
    func = node.func if isinstance(node, ast.Call) else node
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and (
        func.value.id in ("click", "options")  # click's own, and pbctl's shared options
    )


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
            ) -> Iterator[tuple[Any, ...]]:
    """Yield ``(line, funcname, message, comments)`` as Babel's extractors do: the ``_()``
    calls (Babel's own Python extractor) and then the help texts."""
    from babel.messages.extract import extract_python  # a dev dependency, as is pybabel

    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_click_call(node):
            for kw in node.keywords:
                if kw.arg in ("help", "short_help") and isinstance(kw.value, ast.Constant) \
                        and isinstance(kw.value.value, str):
                    yield kw.value.lineno, "", inspect.cleandoc(kw.value.value), []
        elif isinstance(node, ast.FunctionDef) and any(
            _is_click_call(d) for d in node.decorator_list
        ):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.lineno, "", doc.split("\f", 1)[0], []
    if fileobj.name.replace("\\", "/").endswith("pbctl/cli/helptexts.py"):
        for text in CLICK_MESSAGES:
            yield 1, "", text, []
        for forms in CLICK_PLURALS:
            yield 1, "ngettext", forms, []
