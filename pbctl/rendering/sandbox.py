"""The fence around templates: where they load from, and how much they may compute.

* :class:`ConfinedLoader` loads only from the built-in and the workspace template folders:
  no absolute path, no ``..``, no link that resolves outside its folder, nothing over
  1 MiB, and a workspace template only once this user has trusted its content
  (:mod:`pbctl.rendering.trust`).
* :class:`BoundedSandbox` is Jinja's immutable sandbox with its arithmetic checked before
  it runs (``10 ** (10 ** 10)``, ``'a' * 10 ** 9``), and numbers handed to methods and
  filters bounded (``'x'.center(10 ** 9)``).
* :func:`limits` bounds a render in time (a timer) and memory (an address-space cap), so
  what slips through the checks above still ends as a one-line error.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, TemplateNotFound
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment

from pbctl.errors import TemplateError
from pbctl.i18n import _

#: Longest text one operation may build, and the largest number a method or filter takes.
MAX_SIZE = 1_000_000
#: Largest number (in bits) arithmetic may produce: far beyond any count or date.
MAX_BITS = 4096
#: Most characters a document's template may output.
MAX_OUTPUT = 10_000_000
#: Extra address space a render may take on top of what the process already uses.
MEMORY_HEADROOM = 1024 * 1024 * 1024


class RenderLimit(Exception):
    """A template went past a bound (time, size, memory)."""


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


def _bits(value: Any) -> int:
    if isinstance(value, bool):
        return 1
    if isinstance(value, int):
        return value.bit_length()
    return 64


def _check_numbers(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
            raise SecurityError(_("number too large for a template ({digits}…)").format(
                digits=str(value)[:20]))


_WIDE_FORMAT = re.compile(r"%[-#0 +]*(?:\d{7,}|\*)|%[-#0 +]*\d*\.(?:\d{7,}|\*)")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with arithmetic and arguments that cannot blow up."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "//", "/"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(right, (int, float)) and isinstance(left, (int, float)):
                exponent = abs(right)
                if exponent > MAX_BITS or (isinstance(left, int) and isinstance(right, int)
                                           and _bits(left) * exponent > MAX_BITS):
                    raise SecurityError(_("power too large for a template"))
        elif operator == "*":
            for seq, count in ((left, right), (right, left)):
                size = _size(seq)
                if size is not None and isinstance(count, int) and size * count > MAX_SIZE:
                    raise SecurityError(_("repetition too long for a template"))
            if isinstance(left, int) and isinstance(right, int) and (
                    _bits(left) + _bits(right) > MAX_BITS):
                raise SecurityError(_("number too large for a template"))
        elif operator == "+":
            a, b = _size(left), _size(right)
            if a is not None and b is not None and a + b > MAX_SIZE:
                raise SecurityError(_("text too long for a template"))
        elif operator == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
            raise SecurityError(_("format width too large for a template"))
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any,
             **kwargs: Any) -> Any:
        _check_numbers(args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)


def bounded_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose number arguments are bounded (``center(10 ** 9)``)."""

    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        _check_numbers(args[1:], kwargs)
        return function(*args, **kwargs)

    return checked


class ConfinedLoader(BaseLoader):
    """Templates from these folders only; the workspace's only once trusted."""

    def __init__(self, folders: list[Path], workspace: Path | None) -> None:
        self.folders = folders
        self.workspace = workspace  # the workspace templates folder, if among the folders

    def get_source(self, environment: Environment, template: str  # noqa: ARG002
                   ) -> tuple[str, str, Callable[[], bool]]:
        from pbctl.rendering import trust

        if template.startswith(("/", "\\")) or "\\" in template or ":" in template:
            raise TemplateNotFound(template)
        pieces = split_template_path(template)  # refuses ".."
        name = "/".join(pieces)
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            if not (path.is_file() or path.is_symlink()):
                continue
            display = str(path)
            real = path.resolve()
            if not real.is_relative_to(folder.resolve()) or not real.is_file():
                raise TemplateError(_("a link to a file outside the template folders; refused"),
                                    file=display, hint=_("copy the template into templates/"))
            size = real.stat().st_size
            if size > trust.MAX_TEMPLATE_BYTES:
                raise TemplateError(_("larger than 1 MiB; refused"), file=display)
            data = real.read_bytes()
            if folder == self.workspace and not trust.is_trusted(folder.parent, name, data):
                raise TemplateError(
                    _("not trusted: a workspace template runs only once you have trusted its "
                      "content (it is new, or changed since)"), file=display,
                    hint=_("review it, then run: {command}").format(
                        command=trust.trust_command(name)))
            try:
                source = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise TemplateError(_("not UTF-8 text (byte {offset})").format(offset=exc.start),
                                    file=display,
                                    hint=_("save the template as UTF-8 (e.g. not GBK)")
                                    ) from None
            return source, str(path), lambda: False
        raise TemplateNotFound(template)


def _address_space() -> int | None:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


@contextlib.contextmanager
def _memory_cap() -> Iterator[None]:
    """Cap the address space at what is used now plus :data:`MEMORY_HEADROOM`."""
    try:
        import resource
    except ImportError:  # not on POSIX
        yield
        return
    used = _address_space()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = None if used is None else used + MEMORY_HEADROOM
    if cap is not None and hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if cap is None or (soft != resource.RLIM_INFINITY and soft <= cap):
        yield
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextlib.contextmanager
def _timer(seconds: float) -> Iterator[None]:
    """Raise :class:`RenderLimit` in the running template after ``seconds``."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
            signal, "setitimer"):
        yield
        return

    def expired(signum: int, frame: Any) -> None:  # noqa: ARG001 (a signal handler)
        raise RenderLimit(_("took longer than {seconds:g} s").format(seconds=seconds))

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_bounded(chunks: Callable[[], Iterator[str]], seconds: float) -> str:
    """Join the output of a template, bounded in time, size and memory.

    Raises :class:`RenderLimit` on an overrun (and lets RecursionError/MemoryError through
    for the caller to name).
    """
    deadline = time.monotonic() + seconds
    out: list[str] = []
    total = 0
    limit = sys.getrecursionlimit()
    with _memory_cap(), _timer(seconds):
        sys.setrecursionlimit(min(limit, 3000))
        try:
            for chunk in chunks():
                total += len(chunk)
                if total > MAX_OUTPUT:
                    raise RenderLimit(_("output longer than {count:,} characters").format(
                        count=MAX_OUTPUT))
                if time.monotonic() > deadline:
                    raise RenderLimit(_("took longer than {seconds:g} s").format(
                        seconds=seconds))
                out.append(chunk)
        finally:
            sys.setrecursionlimit(limit)
    return "".join(out)
