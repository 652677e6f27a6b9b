"""Writing the output workbook: deterministic, safely, from Results."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import xlsxwriter

from ..indicators.engine import Results
from ..safe_write import replacing
from .data_sheets import write_data_quality, write_indicator_data, write_settings_used

# Fixed document properties so the same inputs give a byte-identical workbook.
FIXED_CREATED = dt.datetime(2000, 1, 1)


def write_dashboard(results: Results, path: str | os.PathLike[str]) -> Path:
    """Write the output workbook to `path` (replaced only once it is complete)."""
    target = Path(path)
    with replacing(target) as tmp:
        book = xlsxwriter.Workbook(
            str(tmp), {"strings_to_formulas": False, "strings_to_urls": False}
        )
        book.set_properties(
            {
                "title": f"{results.settings.la_name} performance dashboard "
                f"{results.settings.reporting_month}",
                "author": "xl_dashboard",
                "created": FIXED_CREATED,
            }
        )
        write_indicator_data(book, results)
        write_data_quality(book, results)
        write_settings_used(book, results)
        book.close()
    return target
