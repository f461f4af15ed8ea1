"""The message catalogue: every sentence pbctl prints, in Simplified Chinese or English.

Messages are written in English in the source, wrapped in ``_()`` (or ``ngettext`` for a
count, ``N_`` to mark a text translated later). The Chinese catalogue is a gettext ``.po``
file under ``pbctl/locale``, compiled to the ``.mo`` shipped in the package and read here
with the standard library alone, so loading it costs no heavy import.

The language: ``PBCTL_LANG`` (or ``--lang``) if set, else the first of ``LC_ALL``,
``LC_MESSAGES``, ``LANG`` that is set (any ``zh*`` locale is Chinese), else on Windows the
user's UI language, else English.
"""

from __future__ import annotations

import gettext as _gettext
import os
import sys
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "pbctl"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("zh", "en")

_language: str | None = None
_translation: _gettext.NullTranslations | None = None


def _windows_ui_language() -> str | None:  # pragma: no cover - Windows only
    try:
        import ctypes

        langid = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return None
    return "zh" if int(langid) & 0x3FF == 0x04 else "en"  # LANG_CHINESE is 0x04


def detect_language(environ: Mapping[str, str] | None = None) -> str:
    """``zh`` or ``en``, from ``PBCTL_LANG`` or the locale variables (see the module doc)."""
    env = os.environ if environ is None else environ
    explicit = env.get("PBCTL_LANG", "").strip().lower()
    if explicit:
        return "zh" if explicit.startswith("zh") else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip().lower()
        if value:
            return "zh" if value.startswith("zh") else "en"
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return _windows_ui_language() or "en"
    return "en"


def set_language(language: str | None) -> None:
    """Use ``language`` (``zh``/``en``) from now on; ``None`` decides again from the
    environment."""
    global _language, _translation
    _language = None if language is None else ("zh" if language.startswith("zh") else "en")
    _translation = None


def language() -> str:
    """The language messages are given in now: ``zh`` or ``en``."""
    global _language
    if _language is None:
        _language = detect_language()
    return _language


def _catalogue() -> _gettext.NullTranslations:
    global _translation
    if _translation is None:
        if language() == "zh":
            _translation = _gettext.translation(
                DOMAIN, localedir=LOCALE_DIR, languages=["zh_CN"], fallback=True
            )
        else:
            _translation = _gettext.NullTranslations()
    return _translation


def _(message: str) -> str:
    """``message`` (English, as written in the source) in the current language."""
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count`` things, in the current language."""
    return _catalogue().ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it yet (a constant's text,
    translated with ``_()`` where it is shown)."""
    return message
