"""Synthetic Ofsted Annex A and input workbooks for the demo, tests and benchmarks.

Everything here is invented from a seed: child IDs, worker names, dates and postcodes never come
from real records. The Annex A workbook imitates the structure, volumes and everyday messiness of
real local-authority extracts (prefixed and bare codes, serial, dd/mm/yyyy and ISO text dates,
`#N/A`, duplicate and blank rows, header drift, formulas) so that readers and indicators meet
realistic input.

Modules: scales (volumes), dates, draws (random streams), codes (Annex A code lists), workers,
authority (children and case records), front_door (Lists 1-5), referral_history (referrals
before the stream, re-referrals and the per-child 12-month count), children_in_need (List 6),
child_protection (List 7), looked_after (List 8), care_leavers_adoption (Lists 9-11), sheets
(records to columns), messiness, writer (xlsxwriter), annex_a (the Annex A workbook),
county_report (the county's own monthly figures), monthly_figures and input_workbook (the input
workbook).
"""

from __future__ import annotations

from ..inputs.annex_a_spec import ANNEX_A_HEADERS
from .annex_a import synthesise_annex_a
from .input_workbook import synthesise_input_workbook
from .scales import SCALES, Scale
from .workers import MAX_WORKERS as MAX_WORKERS
from .workers import worker_names, worker_register

HEADERS = ANNEX_A_HEADERS  # the Annex A column headers per list: inputs/annex_a_spec.py

__all__ = [
    "HEADERS",
    "SCALES",
    "Scale",
    "synthesise_annex_a",
    "synthesise_input_workbook",
    "worker_names",
    "worker_register",
]
