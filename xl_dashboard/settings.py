"""Settings: who the dashboard is for, which month, and the timescales the definitions use."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Timescales:
    """Working-day timescales named in the catalogue's definitions (contract defaults)."""

    contact_to_referral: int = 5
    assessment: int = 45
    icpc: int = 15
    cp_visit: int = 20
    cin_plan_review: int = 30
    s47: int = 35
    # Months (not working days): statutory guidance reviews looked-after children's health
    # every six months under five and every twelve months from five.
    health_under_5: int = 6
    health_5_and_over: int = 12


@dataclass(frozen=True)
class Settings:
    """Everything a build needs besides the data. `None` means "work it out from the data"."""

    la_name: str = "Local authority"
    reporting_month: pd.Period | None = None
    region_name: str = "Region"
    statistical_neighbours: str = ""
    annex_a_start: dt.date | None = None
    population: float | None = None
    timescales: Timescales = field(default_factory=Timescales)
    dashboard_months: int = 6
    sources_differ_pct: float = 5.0  # Monthly figures vs Annex A: a warning beyond this
    protective_marking: str = "OFFICIAL"  # printed in every page's header and footer
    # Statistical process control (spc.py): the last `spc_max_points` months at most, no process
    # limits from fewer than `spc_min_points`, runs and trends of `spc_run_length` points.
    spc_max_points: int = 24
    spc_min_points: int = 12
    spc_run_length: int = 7
    # Publication mode (`--publish`): counts 1 to `largest_small` and figures resting on them
    # are shown as `c` (disclosure.py). Not on the Settings sheet: a choice made per build.
    publish: bool = False
    largest_small: int = 5
    # The day of the build: event dates after it are errors and never decide the extract's
    # last date. Not on the Settings sheet; tests pin it.
    build_date: dt.date = field(default_factory=dt.date.today)

    def replace(self, **changes: object) -> Settings:
        """A copy with some fields changed; `None` values leave the field as it is."""
        kept = {k: v for k, v in changes.items() if v is not None}
        timescale_changes = {k: kept.pop(k) for k in list(kept) if k in TIMESCALE_FIELDS}
        if timescale_changes:
            kept["timescales"] = dataclasses.replace(self.timescales, **timescale_changes)
        return dataclasses.replace(self, **kept)


TIMESCALE_FIELDS = {f.name for f in dataclasses.fields(Timescales)}
# Settings given as a whole number of at least 1 (days, months, points).
WHOLE_NUMBER_FIELDS = TIMESCALE_FIELDS | {
    "dashboard_months",
    "spc_max_points",
    "spc_min_points",
    "spc_run_length",
}

# The Settings sheet, declared once: field, label on the sheet, what it is (shown in the template).
SETTINGS_SHEET: tuple[tuple[str, str, str], ...] = (
    ("la_name", "Local authority", "Your authority's name, printed on the dashboard."),
    (
        "reporting_month",
        "Reporting month",
        "YYYY-MM. Blank: the latest complete month in the data.",
    ),
    (
        "region_name",
        "Region",
        "The region's name for the regional comparator (e.g. East of England).",
    ),
    ("statistical_neighbours", "Statistical neighbours", "Their names, printed as a footnote."),
    (
        "annex_a_start",
        "Annex A start",
        "First day the Annex A extract covers. Blank: worked out from the lists.",
    ),
    (
        "population",
        "Population",
        "Population aged 0-17 for every month (instead of the Population sheet).",
    ),
    ("contact_to_referral", "Contact to referral working days", "Default 5."),
    ("assessment", "Assessment timescale working days", "Default 45."),
    ("icpc", "ICPC timescale working days", "Default 15."),
    ("cp_visit", "CP visit timescale working days", "Default 20."),
    ("cin_plan_review", "CIN plan review working days", "Default 30."),
    ("s47", "S47 timescale working days", "Default 35."),
    ("health_under_5", "Health assessment months under 5", "Default 6."),
    ("health_5_and_over", "Health assessment months 5 and over", "Default 12."),
    ("dashboard_months", "Dashboard months", "Months in the trend tables and charts. Default 6."),
    (
        "protective_marking",
        "Protective marking",
        "Printed on every page, e.g. OFFICIAL or OFFICIAL-SENSITIVE. Default OFFICIAL.",
    ),
    (
        "sources_differ_pct",
        "Sources differ warning %",
        "Warn where Monthly figures and Annex A give a month figures further apart. Default 5.",
    ),
    (
        "spc_max_points",
        "SPC months",
        "Months (at most) the process limits and signals are worked out from. Default 24.",
    ),
    (
        "spc_min_points",
        "SPC minimum months",
        "Months a series needs, without a gap, before it gets process limits. Default 12.",
    ),
    (
        "spc_run_length",
        "SPC run length",
        "Points on one side of the mean, or rising or falling, that make a signal. Default 7.",
    ),
)
SETTING_LABEL = {name: label for name, label, _ in SETTINGS_SHEET}


def setting_field(label: str) -> str | None:
    """The Settings field a sheet label names, ignoring case, spaces and punctuation."""
    key = re.sub(r"[^0-9a-z]", "", label.lower())
    return _FIELD_BY_KEY.get(key)


_FIELD_BY_KEY = {re.sub(r"[^0-9a-z]", "", label.lower()): name for name, label, _ in SETTINGS_SHEET}
_FIELD_BY_KEY["la"] = "la_name"
