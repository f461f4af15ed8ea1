"""PDF through LibreOffice: .docx files in, .pdf files out, one soffice run a batch.

Each run gets a private LibreOffice profile (``-env:UserInstallation``), so parallel pbctl
processes, or a LibreOffice the user has open, never collide over the profile lock. The
PDFs are written into a scratch folder inside ``out_dir`` and moved into place with
``os.replace``: a reader sees either the old file or the complete new one. Where the
official-document fonts (仿宋_GB2312, 黑体, 方正小标宋简体 …) are missing, the run gets a
fontconfig file that maps them to free stand-ins (Noto CJK), so headings, title and body
still look different in the PDF; the .docx keeps the real names.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from pbctl.errors import PbctlError, ToolMissingError
from pbctl.i18n import N_, _

INSTALL_HINT = N_(
    "install LibreOffice and a Chinese font: sudo apt-get install libreoffice-writer-nogui "
    "fonts-noto-cjk (Fedora: sudo dnf install libreoffice-writer google-noto-sans-cjk-fonts; "
    "macOS: brew install --cask libreoffice; Windows: install LibreOffice and put its "
    "program folder on PATH)"
)
_FAILED_HINT = N_("open the .docx in LibreOffice to see what it reports")
#: Seconds one soffice run may take before it is killed (a first start builds a profile).
DEFAULT_TIMEOUT = 300.0
_PDF_FILTER = "pdf:writer_pdf_Export"
#: Filter options (JSON, LibreOffice >= 7.4) for PDF/A-2b.
_PDFA_OPTIONS = '{"SelectPdfVersion":{"type":"long","value":"2"}}'
_MACOS_SOFFICE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
_SYSTEM_FONTCONFIG = "/etc/fonts/fonts.conf"

_SERIF = ("Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN")
#: Free stand-ins for the fonts of Chinese official documents: (names a document may ask
#: for, candidates in order of preference, whether to ask for the bold face). Without them
#: fontconfig gives every missing font the same fallback, and 黑体 headings, the 小标宋
#: title and 仿宋 body text all look alike in the PDF.
STAND_INS: tuple[tuple[tuple[str, ...], tuple[str, ...], bool], ...] = (
    (("方正小标宋简体", "方正小标宋_GBK", "方正小标宋", "小标宋", "华文中宋", "STZhongsong"),
     _SERIF, True),
    (("黑体", "SimHei", "方正黑体_GBK", "方正黑体简体", "STHeiti"),
     ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei"),
     False),
    (("楷体_GB2312", "楷体", "KaiTi", "KaiTi_GB2312", "方正楷体_GBK", "方正楷体简体", "STKaiti"),
     ("AR PL UKai CN", "AR PL KaitiM GB", *_SERIF), False),
    (("仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312", "方正仿宋_GBK", "方正仿宋简体",
      "STFangsong"), _SERIF, False),
    (("宋体", "SimSun", "NSimSun", "新宋体", "STSong"), _SERIF, False),
)


def find_soffice() -> str:
    """The LibreOffice executable: ``soffice`` or ``libreoffice`` on PATH (or the macOS
    application bundle). Raises :class:`ToolMissingError` with an install hint."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if os.path.isfile(_MACOS_SOFFICE) and os.access(_MACOS_SOFFICE, os.X_OK):
        return _MACOS_SOFFICE
    raise ToolMissingError(_("LibreOffice (soffice) is needed to make PDFs and was not found"),
                           hint=_(INSTALL_HINT))


def _fc_list(pattern: str) -> str | None:
    """The font families fontconfig lists for ``pattern``; None without a working fc-list."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        result = subprocess.run([fc_list, pattern, "family"], capture_output=True,
                                encoding="utf-8", errors="replace", timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def cjk_fonts_available() -> bool:
    """Whether fontconfig knows a font covering Chinese (``fc-list :lang=zh``): without
    Chinese fonts a PDF shows empty boxes (tofu). True when there is no working fc-list
    (Windows, macOS without fontconfig): pbctl cannot tell, and a false alarm misleads."""
    listed = _fc_list(":lang=zh")
    return listed is None or bool(listed.strip())


def to_pdf(docx_paths: list[Path], out_dir: Path, *, pdfa: bool = False,
           timeout: float = DEFAULT_TIMEOUT) -> list[Path]:
    """Convert .docx files to PDF in ``out_dir`` (created if missing) with one soffice run.

    Returns the PDF paths in the order of ``docx_paths`` (``name.docx`` → ``name.pdf``).
    ``pdfa`` makes PDF/A-2b. Raises :class:`ToolMissingError` without LibreOffice,
    FileNotFoundError for a missing input, ValueError for two inputs with the same name
    (their PDFs would collide), and :class:`PbctlError` when the conversion fails or
    times out; nothing is placed in ``out_dir`` then.
    """
    if not docx_paths:
        return []
    sources = [Path(p).resolve() for p in docx_paths]
    for source in sources:
        if not source.is_file():
            raise FileNotFoundError(source)
    names = [source.stem + ".pdf" for source in sources]
    clashes = sorted({name for name in names if names.count(name) > 1})
    if clashes:
        raise ValueError(f"inputs share the same file name, so their PDFs would overwrite "
                         f"each other: {', '.join(clashes)}")
    soffice = find_soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pbctl-lo-") as profile, \
            tempfile.TemporaryDirectory(prefix=".pbctl-pdf-", dir=out_dir) as scratch:
        target = _PDF_FILTER + (":" + _PDFA_OPTIONS if pdfa else "")
        command = [
            soffice, f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault",
            "--nologo", "--convert-to", target, "--outdir", scratch,
            *(str(s) for s in sources),
        ]
        env = _font_environment(Path(profile))
        output = _run(command, timeout, env)
        produced = [Path(scratch) / name for name in names]
        missing = [p.name for p in produced if not p.is_file() or p.stat().st_size == 0]
        if missing:
            raise PbctlError(_("LibreOffice did not produce {files}: {said}").format(
                files=", ".join(missing), said=_last_line(output)), hint=_(_FAILED_HINT))
        results = []
        for pdf in produced:
            destination = out_dir / pdf.name
            os.replace(pdf, destination)
            results.append(destination)
    return results


def docx_bytes_to_pdf(documents: dict[str, bytes], *, pdfa: bool = False) -> dict[str, bytes]:
    """Convert .docx files given as {file name: bytes} in one soffice run, in a private
    temporary folder; returns {name.pdf: bytes}. Raises as :func:`to_pdf` does."""
    if not documents:
        return {}
    with tempfile.TemporaryDirectory(prefix="pbctl-pdf-") as tmp:
        folder = Path(tmp)
        paths = []
        for name, data in documents.items():
            path = folder / name
            path.write_bytes(data)
            paths.append(path)
        return {p.name: p.read_bytes() for p in to_pdf(paths, folder / "out", pdfa=pdfa)}


def _installed_families() -> set[str] | None:
    """Font families fontconfig knows (lower case), or None without fc-list."""
    listing = _fc_list(":")
    if listing is None:
        return None
    return {name.strip().lower() for line in listing.splitlines()
            for name in line.split(",") if name.strip()}


def stand_ins(fonts: Iterable[str], installed: set[str] | None = None) -> dict[str, str]:
    """Which of ``fonts`` a PDF made here sets in a stand-in: {official name: stand-in},
    for the names fontconfig does not know but :data:`STAND_INS` maps to an installed free
    font. Empty without fc-list (nothing is known then)."""
    if installed is None:
        installed = _installed_families()
        if installed is None:
            return {}
    found: dict[str, str] = {}
    for font in fonts:
        if font.lower() in installed or font in found:
            continue
        for names, candidates, _bold in STAND_INS:
            if font in names:
                available = [c for c in candidates if c.lower() in installed]
                if available:
                    found[font] = available[0]
                break
    return found


def fontconfig_stand_ins(installed: set[str], include: str) -> str | None:
    """A fontconfig file that includes ``include`` (the system configuration) and maps
    each missing official-document font to its first installed stand-in (bold for the
    title font), or None when nothing needs mapping."""
    rules = []
    for names, candidates, bold in STAND_INS:
        available = [c for c in candidates if c.lower() in installed]
        if not available:
            continue
        families = "".join(f"<string>{escape(c)}</string>" for c in available)
        weight = ('<edit name="weight" mode="assign" binding="strong"><const>bold</const>'
                  "</edit>") if bold else ""
        for name in names:
            if name.lower() in installed:
                continue
            rules.append(
                f'<match target="pattern"><test qual="any" name="family"><string>'
                f"{escape(name)}</string></test>"
                f'<edit name="family" mode="append" binding="strong">{families}</edit>'
                f"{weight}</match>"
            )
    if not rules:
        return None
    body = "\n  ".join(rules)
    return (f'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
            f'  <include ignore_missing="yes">{escape(include)}</include>\n  {body}\n'
            "</fontconfig>\n")


def _font_environment(profile: Path) -> dict[str, str] | None:
    """The environment for soffice: on a fontconfig system whose fonts lack the
    official-document fonts, FONTCONFIG_FILE points to stand-ins (see :data:`STAND_INS`).
    None (inherit) elsewhere."""
    include = os.environ.get("FONTCONFIG_FILE", _SYSTEM_FONTCONFIG)
    if not os.path.isfile(include):
        return None
    installed = _installed_families()
    if installed is None:
        return None
    config = fontconfig_stand_ins(installed, include)
    if config is None:
        return None
    path = profile / "fonts.conf"
    path.write_text(config, encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(path)}


def _run(command: Sequence[str], timeout: float, env: dict[str, str] | None = None) -> str:
    """Run soffice in its own process group, so a timeout kills it and its children."""
    with subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, encoding="utf-8", errors="replace",
                          env=env,
                          start_new_session=True) as process:
        try:
            output, _stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            process.communicate()
            raise PbctlError(_("LibreOffice took longer than {seconds} s to convert to PDF")
                             .format(seconds=f"{timeout:g}"),
                             hint=_("try again; an overloaded machine or a huge document "
                                    "can be slow")) from None
    if process.returncode != 0:
        raise PbctlError(_("LibreOffice failed (exit {code}): {said}").format(
            code=process.returncode, said=_last_line(output)), hint=_(_FAILED_HINT))
    return output


def _kill_group(process: subprocess.Popen[str]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        process.kill()


def _last_line(output: str) -> str:
    lines = [line for line in output.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no output"
