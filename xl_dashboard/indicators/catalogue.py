"""The indicator catalogue, as data: every indicator of the contract, declared once.

Each entry names its compute function (in the section modules) and the Annex A columns that
function reads; the engine, the renderer, the Definitions sheet, the UDFs, the template's
drop-down and the data output all read this table. `by_team=True` adds the reporting month's
figure per Allocated Team (the timeliness and allocation indicators have it). Titles may name
Timescales settings in braces ("ICPCs within {icpc} working days"): show them with
`title_for(settings)`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field

import pandas as pd

from ..inputs.annex_a import AnnexA
from ..settings import Settings
from . import child_protection, children_in_need, early_help, front_door, looked_after
from .base import Context
from .groups import CIN_PLAN_TEAMS, EH_OUTCOMES, SOURCE_GROUP_OF, SOURCE_GROUPS

__all__ = [
    "BY_ID",
    "CATALOGUE",
    "CIN_PLAN_TEAMS",
    "EH_OUTCOMES",
    "POLARITY_TEXT",
    "SECTIONS",
    "SOURCE_GROUPS",
    "SOURCE_GROUP_OF",
    "STANDARD_COMPARATORS",
    "UNIT_LABELS",
    "Indicator",
    "get",
]

SECTIONS = {
    1: "Contacts and Initial Assessments",
    2: "Early Help and Children in Need",
    3: "Child Protection",
    4: "Looked-After Children",
}

UNIT_LABELS = {"count": "count", "%": "%", "per 10k": "per 10,000 aged 0-17"}
POLARITY_TEXT = {
    "up": "Higher is better",
    "down": "Lower is better",
    "none": "No good or bad direction (volume or context): direction of travel only",
}
# The comparators the pages and the Summary show, in column order (Benchmarks sheet names).
STANDARD_COMPARATORS = ("England", "Statistical neighbours", "Region")

SOURCES = ("annex_a", "figures", "either")  # where an indicator's figures may come from
EPISODE = ("start", "end", "child_id")  # what every open-at-the-month-end count reads

ComputeFn = Callable[[Context], pd.DataFrame]


@dataclass(frozen=True, kw_only=True)
class Indicator:
    id: str
    title: str  # may name Timescales fields in braces: see title_for
    section: int
    unit: str  # count | % | per 10k
    polarity: str  # up | down | none
    source: str  # annex_a | figures | either
    definition: str
    numerator: str = ""
    denominator: str = ""
    settings: tuple[str, ...] = ()  # the Timescales fields its definition uses
    latest_only: bool = False  # computed for the reporting month only (latest-value fields)
    rate_of: str = ""  # per-10k indicators: the count they are a rate of (engine._add_rates)
    breakdowns: tuple[str, ...] = ()  # ordered breakdown labels, when it has some
    compute: ComputeFn | None = None  # annex_a / either: its figures from the Annex A lists
    needs: Mapping[int, tuple[str, ...]] = field(default_factory=dict, hash=False)  # list: keys
    needs_workers: bool = False  # reads the Workers sheet (allocation to a qualified worker)
    # Also computed per Allocated Team for the reporting month (breakdowns `Team: <name>`, see
    # teams.py), when its list has that column (Lists 3-8).
    by_team: bool = False

    def computable(self, annex: AnnexA, workers: Mapping[str, bool]) -> bool:
        """Computed from Annex A: declared so, with a function, and every column it needs read
        (and the Workers sheet given, when it needs it)."""
        return (
            self.compute is not None
            and self.source in ("annex_a", "either")
            and all(annex.has(n, *keys) for n, keys in self.needs.items())
            and (bool(workers) or not self.needs_workers)
        )

    def title_for(self, settings: Settings) -> str:
        """The title with the build's timescales filled in."""
        return self.title.format(**asdict(settings.timescales))


CATALOGUE: tuple[Indicator, ...] = (
    Indicator(
        id="contacts",
        title="Initial contacts",
        section=1,
        unit="count",
        polarity="none",
        source="annex_a",
        definition="List 1 rows with Date of Contact in the month, by source group.",
        numerator="Contacts in the month",
        breakdowns=tuple(SOURCE_GROUPS),
        compute=front_door.contacts,
        needs={1: ("contact_date", "source")},
    ),
    Indicator(
        id="contact_conversion",
        title="Conversion of contacts to referrals",
        section=1,
        unit="%",
        polarity="none",
        source="annex_a",
        definition=(
            "Contacts in the month for which the same child has a List 3 referral on or after the "
            "contact date within the working-day window."
        ),
        numerator="Contacts followed by a referral of the same child within the window",
        denominator="Contacts in the month",
        settings=("contact_to_referral",),
        breakdowns=tuple(SOURCE_GROUPS),
        compute=front_door.contact_conversion,
        needs={1: ("contact_date", "child_id", "source"), 3: ("referral_date", "child_id")},
    ),
    Indicator(
        id="referrals",
        title="Referrals",
        section=1,
        unit="count",
        polarity="none",
        source="annex_a",
        definition="List 3 rows with Date of referral in the month.",
        numerator="Referrals in the month",
        compute=front_door.referrals,
        needs={3: ("referral_date",)},
    ),
    Indicator(
        id="re_referrals",
        title="Percentage of re-referrals",
        section=1,
        unit="%",
        polarity="down",
        source="either",
        definition=(
            "Referrals in the month where the child had a previous referral in the 12 months before"
            " (Number of Referrals in Last 12 Months >= 1; when blank, an earlier List 3 referral "
            "of the same child within 12 calendar months)."
        ),
        numerator="Referrals with a previous referral in the last 12 months",
        denominator="Referrals in the month",
        compute=front_door.re_referrals,
        needs={3: ("referral_date", "child_id", "referrals_12m")},
    ),
    Indicator(
        id="assessments_completed",
        title="Assessments completed",
        section=1,
        unit="count",
        polarity="none",
        source="annex_a",
        definition="List 4 rows with Continuous Assessment Date of Authorisation in the month.",
        numerator="Assessments authorised in the month",
        compute=front_door.assessments_completed,
        needs={4: ("authorised",)},
    ),
    Indicator(
        id="assessments_in_timescale",
        title="Assessments completed in timescale",
        section=1,
        unit="%",
        polarity="up",
        source="either",
        definition=(
            "Assessments authorised in the month within the timescale (working days from start to "
            "authorisation)."
        ),
        numerator="Authorised within the timescale",
        denominator="Assessments authorised in the month",
        settings=("assessment",),
        compute=front_door.assessments_in_timescale,
        needs={4: ("start", "authorised")},
        by_team=True,
    ),
    Indicator(
        id="eh_assessments_started",
        title="Family support plans initiated",
        section=2,
        unit="count",
        polarity="none",
        source="either",
        definition="List 2 rows with Assessment start date in the month.",
        numerator="Early help assessments started in the month",
        compute=early_help.eh_assessments_started,
        needs={2: ("eh_start",)},
    ),
    Indicator(
        id="eh_outcomes",
        title="Outcomes of family support plans closed",
        section=2,
        unit="count",
        polarity="none",
        source="figures",
        definition="Family support plans closed in the month, by outcome.",
        numerator="Plans closed in the month",
        breakdowns=EH_OUTCOMES,
    ),
    Indicator(
        id="cin_open",
        title="Children in need",
        section=2,
        unit="count",
        polarity="none",
        source="either",
        definition="Distinct children with a List 6 episode open at the month end.",
        numerator="Children in need at the month end",
        compute=children_in_need.cin_open,
        needs={6: ("start", "end", "child_id")},
    ),
    Indicator(
        id="cin_rate",
        title="Rate of children in need per 10,000 under-18 population",
        section=2,
        unit="per 10k",
        polarity="none",
        source="either",
        definition="Children in need at the month end per 10,000 children aged 0-17.",
        numerator="Children in need at the month end",
        denominator="Population aged 0-17",
        rate_of="cin_open",
    ),
    Indicator(
        id="cin_closed",
        title="CIN episodes closed",
        section=2,
        unit="count",
        polarity="none",
        source="annex_a",
        definition="List 6 episodes with CIN Closure Date in the month.",
        numerator="CIN episodes closed in the month",
        compute=children_in_need.cin_closed,
        needs={6: ("end",)},
    ),
    Indicator(
        id="cin_with_plan",
        title="Section 17 children in need with an up-to-date CIN plan",
        section=2,
        unit="%",
        polarity="up",
        source="figures",
        definition=(
            "s17 children in need with a CIN plan started or reviewed within the review window."
        ),
        numerator="With an up-to-date CIN plan",
        denominator="s17 children in need",
        settings=("cin_plan_review",),
        breakdowns=CIN_PLAN_TEAMS,
    ),
    Indicator(
        id="cin_allocated_qualified",
        title="Children in need allocated to a qualified social worker",
        section=2,
        unit="%",
        polarity="up",
        source="either",
        definition=(
            "Children in need (not on a CP plan, not looked after) at the month end whose allocated"
            " worker is a qualified social worker (Workers sheet)."
        ),
        numerator="Allocated to a qualified worker",
        denominator="Children in need (not CP or CLA)",
        latest_only=True,
        compute=children_in_need.cin_allocated_qualified,
        needs={6: ("start", "end", "child_id", "case_status", "worker")},
        needs_workers=True,
        by_team=True,
    ),
    Indicator(
        id="cwd_reviewed_6_weeks",
        title="CIN allocated to CWD teams reviewed within 6 weeks",
        section=2,
        unit="%",
        polarity="up",
        source="figures",
        definition="Children in need allocated to CWD teams reviewed within 6 weeks.",
        numerator="Reviewed within 6 weeks",
        denominator="CIN allocated to CWD teams",
    ),
    Indicator(
        id="cp_open",
        title="Children on a child protection plan",
        section=3,
        unit="count",
        polarity="none",
        source="either",
        definition="Distinct children with a List 7 plan open at the month end.",
        numerator="Children on a CP plan at the month end",
        compute=child_protection.cp_open,
        needs={7: EPISODE},
    ),
    Indicator(
        id="cp_rate",
        title="Rate of children on a CP plan per 10,000 under-18 population",
        section=3,
        unit="per 10k",
        polarity="none",
        source="either",
        definition="Children on a CP plan at the month end per 10,000 children aged 0-17.",
        numerator="Children on a CP plan at the month end",
        denominator="Population aged 0-17",
        rate_of="cp_open",
    ),
    Indicator(
        id="cp_allocated_qualified",
        title="Children in child protection teams allocated to a qualified social worker",
        section=3,
        unit="%",
        polarity="up",
        source="either",
        definition=(
            "Children on a CP plan at the month end whose allocated worker is a qualified social "
            "worker (Workers sheet)."
        ),
        numerator="Allocated to a qualified social worker",
        denominator="Children on a CP plan",
        latest_only=True,
        compute=child_protection.cp_allocated_qualified,
        needs={7: (*EPISODE, "worker")},
        needs_workers=True,
        by_team=True,
    ),
    Indicator(
        id="cp_visits_in_timescale",
        title="Social worker visits to children on a CP plan in timescale",
        section=3,
        unit="%",
        polarity="up",
        source="either",
        definition=(
            "Children on a CP plan at the month end last visited (or, with no visit, whose plan "
            "started) within the visit timescale before the month end."
        ),
        numerator="Visited within the timescale",
        denominator="Children on a CP plan",
        settings=("cp_visit",),
        latest_only=True,
        compute=child_protection.cp_visits_in_timescale,
        needs={7: (*EPISODE, "last_visit")},
        by_team=True,
    ),
    Indicator(
        id="cp_seen_alone",
        title="Children on a CP plan seen alone",
        section=3,
        unit="%",
        polarity="up",
        source="annex_a",
        definition=(
            "Children on a CP plan at the month end recorded as seen alone at the last visit."
        ),
        numerator="Seen alone",
        denominator="Children on a CP plan",
        latest_only=True,
        compute=child_protection.cp_seen_alone,
        needs={7: (*EPISODE, "seen_alone")},
    ),
    Indicator(
        id="cp_duration_2y_plus",
        title="% children on a CP plan for 2+ years",
        section=3,
        unit="%",
        polarity="down",
        source="either",
        definition=(
            "Children on a CP plan at the month end whose plan started 2 years or more before."
        ),
        numerator="Plan started on or before the month end less 2 years",
        denominator="Children on a CP plan",
        compute=child_protection.cp_duration_2y_plus,
        needs={7: EPISODE},
    ),
    Indicator(
        id="cp_duration_18m_2y",
        title="% children on a CP plan for 18 months - 2 years",
        section=3,
        unit="%",
        polarity="down",
        source="either",
        definition=(
            "Children on a CP plan at the month end whose plan started between 18 months and 2 "
            "years before."
        ),
        numerator="Plan started 18 months to 2 years before the month end",
        denominator="Children on a CP plan",
        compute=child_protection.cp_duration_18m_2y,
        needs={7: EPISODE},
    ),
    Indicator(
        id="cp_second_subsequent",
        title="% children starting a CP plan for a 2nd/subsequent time",
        section=3,
        unit="%",
        polarity="down",
        source="either",
        definition="CP plans starting in the month whose child had a previous CP plan.",
        numerator="Plans with Number of Previous Child Protection Plans >= 1",
        denominator="CP plans starting in the month (with a valid number of previous plans)",
        compute=child_protection.cp_second_subsequent,
        needs={7: ("start", "previous_plans")},
    ),
    Indicator(
        id="icpc_in_timescale",
        title="ICPCs within {icpc} working days of strategy discussion",
        section=3,
        unit="%",
        polarity="up",
        source="either",
        definition=(
            "ICPCs held in the month within the timescale of the strategy discussion (ICPCs dated "
            "before their strategy discussion are left out)."
        ),
        numerator="ICPC within the timescale",
        denominator="ICPCs held in the month",
        settings=("icpc",),
        compute=child_protection.icpc_in_timescale,
        needs={5: ("strategy_date", "icpc_date")},
        by_team=True,
    ),
    Indicator(
        id="s47_assessments_in_timescale",
        title="Section 47 core assessments completed in timescale",
        section=3,
        unit="%",
        polarity="up",
        source="figures",
        definition="Section 47 (core) assessments completed within the timescale.",
        numerator="Completed within the timescale",
        denominator="Section 47 assessments completed",
        settings=("s47",),
    ),
    Indicator(
        id="lac_open",
        title="Number of looked-after children",
        section=4,
        unit="count",
        polarity="none",
        source="either",
        definition=(
            "Distinct children with a List 8 episode open at the month end, excluding legal status "
            "V3/V4 (short breaks)."
        ),
        numerator="Looked-after children at the month end",
        compute=looked_after.lac_open,
        needs={8: EPISODE},
    ),
    Indicator(
        id="lac_rate",
        title="Rate of LAC per 10,000 under-18 population",
        section=4,
        unit="per 10k",
        polarity="none",
        source="either",
        definition="Looked-after children at the month end per 10,000 children aged 0-17.",
        numerator="Looked-after children at the month end",
        denominator="Population aged 0-17",
        rate_of="lac_open",
    ),
    Indicator(
        id="lac_allocated_qualified",
        title="Looked-after children allocated to a qualified social worker",
        section=4,
        unit="%",
        polarity="up",
        source="either",
        definition=(
            "Looked-after children at the month end whose allocated worker is a qualified social "
            "worker (Workers sheet)."
        ),
        numerator="Allocated to a qualified social worker",
        denominator="Looked-after children",
        latest_only=True,
        compute=looked_after.lac_allocated_qualified,
        needs={8: (*EPISODE, "worker")},
        needs_workers=True,
        by_team=True,
    ),
    Indicator(
        id="lac_health_assessment",
        title="Health assessments up to date",
        section=4,
        unit="%",
        polarity="up",
        source="either",
        definition=(
            "Children looked after for 12 months or more at the month end with a health assessment "
            "in the last 6 months if under 5 at the month end, in the last 12 months if 5 or over "
            "(statutory guidance; a blank date of birth takes the 12-month rule)."
        ),
        numerator="Health assessment within 6 months (under 5) or 12 months (5 and over)",
        denominator="Looked after 12 months or more",
        settings=("health_under_5", "health_5_and_over"),
        latest_only=True,
        compute=looked_after.lac_health_assessment,
        needs={8: (*EPISODE, "health_assessment")},
        by_team=True,
    ),
    Indicator(
        id="lac_dental_check",
        title="Dental checks up to date",
        section=4,
        unit="%",
        polarity="up",
        source="either",
        definition=(
            "Children looked after for 12 months or more at the month end with a dental check in "
            "the last 12 months."
        ),
        numerator="Dental check in the last 12 months",
        denominator="Looked after 12 months or more",
        latest_only=True,
        compute=looked_after.lac_dental_check,
        needs={8: (*EPISODE, "dental_check")},
        by_team=True,
    ),
    Indicator(
        id="lac_immunisations",
        title="Immunisations up to date",
        section=4,
        unit="%",
        polarity="up",
        source="figures",
        definition="Looked-after children with up-to-date immunisations.",
    ),
    Indicator(
        id="lac_development_checks",
        title="Development checks up to date",
        section=4,
        unit="%",
        polarity="up",
        source="figures",
        definition="Looked-after children under 5 with up-to-date development checks.",
    ),
    Indicator(
        id="lac_care_plan",
        title="Up-to-date care plans",
        section=4,
        unit="%",
        polarity="up",
        source="figures",
        definition="Looked-after children with an up-to-date care plan.",
    ),
    Indicator(
        id="lac_pathway_plan",
        title="Up-to-date pathway plans",
        section=4,
        unit="%",
        polarity="up",
        source="figures",
        definition="Eligible care leavers / young people with an up-to-date pathway plan.",
    ),
    Indicator(
        id="lac_pep",
        title="Up-to-date personal education plans",
        section=4,
        unit="%",
        polarity="up",
        source="figures",
        definition=(
            "Looked-after children of school age with an up-to-date personal education plan."
        ),
    ),
)

BY_ID: dict[str, Indicator] = {ind.id: ind for ind in CATALOGUE}


def get(indicator_id: str) -> Indicator:
    return BY_ID[indicator_id]
