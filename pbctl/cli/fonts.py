"""The one warning before PDFs are made: no Chinese font at all, or which official fonts
the PDF shows in a free stand-in (render, ledger and report say it the same way)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pbctl.i18n import _

if TYPE_CHECKING:
    from pbctl.definition.settings import Fonts


def warn_about_pdf_fonts(fonts: Fonts) -> None:
    """Warn when no Chinese font is installed, else say once which official fonts the PDF
    shows in a stand-in."""
    from pbctl.cli import ui
    from pbctl.document.pdf import cjk_fonts_available, stand_ins

    if not cjk_fonts_available():
        ui.warning(_("no Chinese (CJK) font is installed: the PDF would show empty boxes; "
                     "install fonts-noto-cjk (Debian/Ubuntu) or another CJK font"))
        return
    used = stand_ins([fonts.body, fonts.title, fonts.hei, fonts.kai, fonts.page_number])
    if used:
        pairs = _(", ").join(f"{name} → {stand_in}" for name, stand_in in used.items())
        ui.warning(_("the PDF uses stand-in fonts (the official ones are not installed): "
                     "{pairs}; the .docx keeps the official names").format(pairs=pairs))
