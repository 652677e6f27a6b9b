"""xl_dashboard in xlwings Lite: the monthly children's social care dashboard, refreshed inside
this workbook with no Python installed (Lite runs Python in the add-in).

Paste this file into the xlwings Lite pane's main.py tab, and requirements.txt into its
requirements.txt tab (then restart xlwings Lite: ☰ > Restart). The scripts below then show in
the pane's Run list (and as buttons in App Mode):

- Refresh dashboard: reads the Annex A lists (sheets List 1 … List 8) and the input sheets,
  computes every indicator as `xl-dashboard build` does, and writes the sheets
  'Indicator data' (a table) and 'Data quality' (counts only, no case-level text), and fills
  the sheet 'Dashboard data' that the dashboard pages of the template ('Dashboard' and the
  four page sheets) read: their figures, colours and charts follow.
- Check data: writes the 'Data quality' summary only.
- Clear results: empties what Refresh dashboard wrote (the pages keep their formulas and
  charts); the input sheets are left as they are.

Each one's message is the first cell of 'Data quality' (and the cell named XLD_Status, if the
workbook has one).

The XLD_* functions work in cells as on the desktop (=XLD_WORKDAYS(A2, B2), …), with one
difference: a Lite function never sees the workbook, so XLD_INDICATOR takes the Indicator data
table as its fourth argument, e.g. =XLD_INDICATOR("contacts", "2024-09", "", IndicatorData[#All]).

The code itself is the `xl_dashboard` package; this file only names what the pane shows."""

from xl_dashboard.excel.lite import check, clear, refresh
from xl_dashboard.excel.lite_functions import (
    XLD_ADD_WORKDAYS,
    XLD_CATALOGUE,
    XLD_INDICATOR,
    XLD_RAG,
    XLD_RATE_PER_10K,
    XLD_SOURCE_GROUP,
    XLD_WORKDAYS,
)

__all__ = [
    "XLD_ADD_WORKDAYS",
    "XLD_CATALOGUE",
    "XLD_INDICATOR",
    "XLD_RAG",
    "XLD_RATE_PER_10K",
    "XLD_SOURCE_GROUP",
    "XLD_WORKDAYS",
    "check",
    "clear",
    "refresh",
]
