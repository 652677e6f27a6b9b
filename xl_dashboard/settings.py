"""Settings: who the dashboard is for, which month, and the timescales the definitions use."""

from __future__ import annotations

import dataclasses
import datetime as dt
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

    def replace(self, **changes: object) -> Settings:
        """A copy with some fields changed; `None` values leave the field as it is."""
        kept = {k: v for k, v in changes.items() if v is not None}
        timescale_changes = {k: kept.pop(k) for k in list(kept) if k in TIMESCALE_FIELDS}
        if timescale_changes:
            kept["timescales"] = dataclasses.replace(self.timescales, **timescale_changes)
        return dataclasses.replace(self, **kept)


TIMESCALE_FIELDS = {f.name for f in dataclasses.fields(Timescales)}

# Settings sheet labels (normalised: lower case, letters and digits only) → Settings field.
SETTING_LABELS: dict[str, str] = {
    "localauthority": "la_name",
    "la": "la_name",
    "reportingmonth": "reporting_month",
    "region": "region_name",
    "statisticalneighbours": "statistical_neighbours",
    "annexastart": "annex_a_start",
    "population": "population",
    "contacttoreferralworkingdays": "contact_to_referral",
    "assessmenttimescaleworkingdays": "assessment",
    "icpctimescaleworkingdays": "icpc",
    "cpvisittimescaleworkingdays": "cp_visit",
    "cinplanreviewworkingdays": "cin_plan_review",
    "s47timescaleworkingdays": "s47",
    "dashboardmonths": "dashboard_months",
}
