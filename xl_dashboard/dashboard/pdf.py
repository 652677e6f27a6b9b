"""PDF and PNG previews of the dashboard through LibreOffice headless.

LibreOffice keeps the cached formula results of an xlsxwriter file unless told to recalculate,
so every call runs with its own throw-away profile that sets the OOXML recalculation mode to
"always" (shared/research/verify.md §1.2). The printed dashboard is the first few sheets (the
Summary and the four pages), each set to fit one A4 landscape sheet, so the PDF has one page
per sheet."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import XlDashboardError
from ..outputs import replacing

TIMEOUT_S = 180
RECALC_PROFILE = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    + "".join(
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
        f'<prop oor:name="{mode}" oor:op="fuse"><value>0</value></prop></item>'
        for mode in ("OOXMLRecalcMode", "ODFRecalcMode")
    )
    + "</oor:items>"
)


class ExportError(XlDashboardError):
    """The PDF or the page images could not be made (LibreOffice missing or failing)."""

    exit_code = 1


def soffice() -> str:
    """The LibreOffice command, or a clear error saying how to get it."""
    found = os.environ.get("XL_DASHBOARD_SOFFICE") or shutil.which("soffice")
    found = found or shutil.which("libreoffice")
    if not found:
        raise ExportError(
            "LibreOffice is not installed (no 'soffice' command found), so no PDF or page "
            "images can be made. Install it (on Debian/Ubuntu: apt-get install "
            "libreoffice-calc-nogui) or build without --pdf/--png."
        )
    return found


def convert(source: Path, target_filter: str, outdir: Path, timeout: float = TIMEOUT_S) -> Path:
    """Convert `source` with LibreOffice (recalculating every formula) into `outdir`.

    `target_filter` is a `--convert-to` argument such as `xlsx` or `pdf:calc_pdf_Export:{...}`.
    Returns the file written."""
    command = soffice()
    extension = target_filter.split(":", 1)[0]
    out = outdir / f"{source.stem}.{extension}"
    if out.resolve() == source.resolve():
        raise ValueError("the output folder must not be the source's folder")
    out.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="xl-dashboard-lo-") as profile:
        user = Path(profile) / "user"
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(RECALC_PROFILE, encoding="utf-8")
        args = [
            command,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target_filter,
            "--outdir",
            str(outdir),
            str(source),
        ]
        proc = subprocess.Popen(
            args,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # soffice forks soffice.bin: kill the whole group on timeout
        )
        try:
            log, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise ExportError(
                f"LibreOffice did not finish converting '{source.name}' within {timeout:.0f} s."
            ) from None
    if proc.returncode or not out.exists():
        raise ExportError(
            f"LibreOffice could not convert '{source.name}' (exit code {proc.returncode}): "
            f"{log.strip()[-400:]}"
        )
    return out


def export_pdf(workbook: Path, pdf: Path, pages: int) -> Path:
    """The first `pages` sheets of the workbook as a PDF, one A4 page each."""
    pdf_filter = (
        'pdf:calc_pdf_Export:{"PageRange":{"type":"string","value":"1-' + str(pages) + '"}}'
    )
    with tempfile.TemporaryDirectory(prefix="xl-dashboard-pdf-") as tmp:
        written = convert(Path(workbook), pdf_filter, Path(tmp))
        with replacing(pdf) as out:
            shutil.copyfile(written, out)
    return Path(pdf)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def export_png(pdf: Path, folder: Path, names: Sequence[str], dpi: int = 110) -> list[Path]:
    """One PNG per PDF page, named `1-summary.png`, `2-contacts-assessments.png`, ..."""
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        raise ExportError(
            "The page images need 'pdftoppm' (poppler-utils), which is not installed: install "
            "it (apt-get install poppler-utils) or build without --png."
        )
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    with tempfile.TemporaryDirectory(prefix="xl-dashboard-png-") as tmp:
        subprocess.run(
            [pdftoppm, "-png", "-r", str(dpi), str(pdf), str(Path(tmp) / "page")],
            check=True,
            capture_output=True,
            timeout=TIMEOUT_S,
        )
        made = sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        for i, (image, name) in enumerate(zip(made, names, strict=False), start=1):
            target = folder / f"{i}-{slug(name)}.png"
            shutil.copyfile(image, target)
            out.append(target)
    return out


def export_pages(
    workbook: Path, pdf: Path | None = None, png_dir: Path | None = None
) -> tuple[Path | None, list[Path]]:
    """The printed dashboard of a built workbook as a PDF and/or one PNG per page."""
    from .build import printed_sheets

    names = printed_sheets(workbook)
    with tempfile.TemporaryDirectory(prefix="xl-dashboard-pages-") as tmp:
        target = pdf if pdf is not None else Path(tmp) / "pages.pdf"
        export_pdf(Path(workbook), target, len(names))
        images = export_png(target, png_dir, names) if png_dir is not None else []
    return pdf, images
