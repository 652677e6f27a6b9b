"""The indicator catalogue, as data: every id of the contract, declared once.

The renderer, the Definitions sheet, the UDFs and the data output all read this table; the
compute functions are registered to ids in the section modules (see `registry`)."""

from __future__ import annotations

from dataclasses import dataclass

SECTIONS = {
    1: "Contacts and Initial Assessments",
    2: "Early Help and Children in Need",
    3: "Child Protection",
    4: "Looked-After Children",
}

UNIT_LABELS = {"count": "count", "%": "%", "per 10k": "per 10,000 aged 0-17"}

# Contact source groups in the reference dashboard's table order, and the CIN census codes in each.
SOURCE_GROUPS: dict[str, tuple[str, ...]] = {
    "Police": ("6",),
    "Health": ("3A", "3B", "3C", "3D", "3E", "3F"),
    "Education/School": ("2A", "2B"),
    "Other legal agency": ("7",),
    "Individual": ("1A", "1B", "1C", "1D"),
    "LA Services - External": ("5C",),
    "LA Services - Internal": ("5A", "5B", "5D"),
    "Housing": ("4",),
    "Other": ("8", "10"),
    "Anonymous": ("9",),
}
SOURCE_GROUP_OF = {code: group for group, codes in SOURCE_GROUPS.items() for code in codes}

EH_OUTCOMES = (
    "Needs met",
    "Stepped up to social care",
    "Family disengaged",
    "Moved out of area",
    "Other",
)
CIN_PLAN_TEAMS = ("CIN teams", "CWD teams")


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    section: int
    unit: str  # count | % | per 10k
    polarity: str  # up | down | none
    source: str  # annex_a | figures | either
    definition: str
    numerator: str = ""
    denominator: str = ""
    settings: tuple[str, ...] = ()  # the Timescales fields its definition uses
    latest_only: bool = False  # computed for the reporting month only (latest-value fields)
    rate_of: str = ""  # per-10k indicators: the count they are a rate of
    breakdowns: tuple[str, ...] = ()  # ordered breakdown labels, when it has some

    @property
    def computable(self) -> bool:
        return self.source in ("annex_a", "either")


def _i(*args: object, **kw: object) -> Indicator:
    return Indicator(*args, **kw)  # type: ignore[arg-type]


CATALOGUE: tuple[Indicator, ...] = (
    _i(
        "contacts",
        "Initial contacts",
        1,
        "count",
        "none",
        "annex_a",
        "List 1 rows with Date of Contact in the month, by source group.",
        numerator="Contacts in the month",
        breakdowns=tuple(SOURCE_GROUPS),
    ),
    _i(
        "contact_conversion",
        "Conversion of contacts to referrals",
        1,
        "%",
        "none",
        "annex_a",
        "Contacts in the month for which the same child has a List 3 referral on or after the "
        "contact date within the working-day window.",
        numerator="Contacts followed by a referral of the same child within the window",
        denominator="Contacts in the month",
        settings=("contact_to_referral",),
        breakdowns=tuple(SOURCE_GROUPS),
    ),
    _i(
        "referrals",
        "Referrals",
        1,
        "count",
        "none",
        "annex_a",
        "List 3 rows with Date of referral in the month.",
        numerator="Referrals in the month",
    ),
    _i(
        "re_referrals",
        "Percentage of re-referrals",
        1,
        "%",
        "down",
        "either",
        "Referrals in the month where the child had a previous referral in the 12 months before "
        "(Number of Referrals in Last 12 Months >= 1; when blank, an earlier List 3 referral "
        "of the same child within 12 calendar months).",
        numerator="Referrals with a previous referral in the last 12 months",
        denominator="Referrals in the month",
    ),
    _i(
        "assessments_completed",
        "Assessments completed",
        1,
        "count",
        "none",
        "annex_a",
        "List 4 rows with Continuous Assessment Date of Authorisation in the month.",
        numerator="Assessments authorised in the month",
    ),
    _i(
        "assessments_in_timescale",
        "Assessments completed in timescale",
        1,
        "%",
        "up",
        "either",
        "Assessments authorised in the month within the timescale (working days from start to "
        "authorisation).",
        numerator="Authorised within the timescale",
        denominator="Assessments authorised in the month",
        settings=("assessment",),
    ),
    _i(
        "eh_assessments_started",
        "Family support plans initiated",
        2,
        "count",
        "none",
        "either",
        "List 2 rows with Assessment start date in the month.",
        numerator="Early help assessments started in the month",
    ),
    _i(
        "eh_outcomes",
        "Outcomes of family support plans closed",
        2,
        "count",
        "none",
        "figures",
        "Family support plans closed in the month, by outcome.",
        numerator="Plans closed in the month",
        breakdowns=EH_OUTCOMES,
    ),
    _i(
        "cin_open",
        "Children in need",
        2,
        "count",
        "none",
        "either",
        "Distinct children with a List 6 episode open at the month end.",
        numerator="Children in need at the month end",
    ),
    _i(
        "cin_rate",
        "Rate of children in need per 10,000 under-18 population",
        2,
        "per 10k",
        "none",
        "either",
        "Children in need at the month end per 10,000 children aged 0-17.",
        numerator="Children in need at the month end",
        denominator="Population aged 0-17",
        rate_of="cin_open",
    ),
    _i(
        "cin_closed",
        "CIN episodes closed",
        2,
        "count",
        "none",
        "annex_a",
        "List 6 episodes with CIN Closure Date in the month.",
        numerator="CIN episodes closed in the month",
    ),
    _i(
        "cin_with_plan",
        "Section 17 children in need with an up-to-date CIN plan",
        2,
        "%",
        "up",
        "figures",
        "s17 children in need with a CIN plan started or reviewed within the review window.",
        numerator="With an up-to-date CIN plan",
        denominator="s17 children in need",
        settings=("cin_plan_review",),
        breakdowns=CIN_PLAN_TEAMS,
    ),
    _i(
        "cin_allocated_qualified",
        "Children in need allocated to a qualified social worker",
        2,
        "%",
        "up",
        "either",
        "Children in need (not on a CP plan, not looked after) at the month end whose allocated "
        "worker is a qualified social worker (Workers sheet).",
        numerator="Allocated to a qualified worker",
        denominator="Children in need (not CP or CLA)",
        latest_only=True,
    ),
    _i(
        "cwd_reviewed_6_weeks",
        "CIN allocated to CWD teams reviewed within 6 weeks",
        2,
        "%",
        "up",
        "figures",
        "Children in need allocated to CWD teams reviewed within 6 weeks.",
        numerator="Reviewed within 6 weeks",
        denominator="CIN allocated to CWD teams",
    ),
    _i(
        "cp_open",
        "Children on a child protection plan",
        3,
        "count",
        "none",
        "either",
        "Distinct children with a List 7 plan open at the month end.",
        numerator="Children on a CP plan at the month end",
    ),
    _i(
        "cp_rate",
        "Rate of children on a CP plan per 10,000 under-18 population",
        3,
        "per 10k",
        "none",
        "either",
        "Children on a CP plan at the month end per 10,000 children aged 0-17.",
        numerator="Children on a CP plan at the month end",
        denominator="Population aged 0-17",
        rate_of="cp_open",
    ),
    _i(
        "cp_allocated_qualified",
        "Children in child protection teams allocated to a qualified social worker",
        3,
        "%",
        "up",
        "either",
        "Children on a CP plan at the month end whose allocated worker is a qualified social "
        "worker (Workers sheet).",
        numerator="Allocated to a qualified social worker",
        denominator="Children on a CP plan",
        latest_only=True,
    ),
    _i(
        "cp_visits_in_timescale",
        "Social worker visits to children on a CP plan in timescale",
        3,
        "%",
        "up",
        "either",
        "Children on a CP plan at the month end last visited (or, with no visit, whose plan "
        "started) within the visit timescale before the month end.",
        numerator="Visited within the timescale",
        denominator="Children on a CP plan",
        settings=("cp_visit",),
        latest_only=True,
    ),
    _i(
        "cp_seen_alone",
        "Children on a CP plan seen alone",
        3,
        "%",
        "up",
        "annex_a",
        "Children on a CP plan at the month end recorded as seen alone at the last visit.",
        numerator="Seen alone",
        denominator="Children on a CP plan",
        latest_only=True,
    ),
    _i(
        "cp_duration_2y_plus",
        "% children on a CP plan for 2+ years",
        3,
        "%",
        "down",
        "either",
        "Children on a CP plan at the month end whose plan started 2 years or more before.",
        numerator="Plan started on or before the month end less 2 years",
        denominator="Children on a CP plan",
    ),
    _i(
        "cp_duration_18m_2y",
        "% children on a CP plan for 18 months - 2 years",
        3,
        "%",
        "down",
        "either",
        "Children on a CP plan at the month end whose plan started between 18 months and 2 years "
        "before.",
        numerator="Plan started 18 months to 2 years before the month end",
        denominator="Children on a CP plan",
    ),
    _i(
        "cp_second_subsequent",
        "% children starting a CP plan for a 2nd/subsequent time",
        3,
        "%",
        "down",
        "either",
        "CP plans starting in the month whose child had a previous CP plan.",
        numerator="Plans with Number of Previous Child Protection Plans >= 1",
        denominator="CP plans starting in the month (with a valid number of previous plans)",
    ),
    _i(
        "icpc_in_timescale",
        "ICPCs within 15 working days of strategy discussion",
        3,
        "%",
        "up",
        "either",
        "ICPCs held in the month within the timescale of the strategy discussion (ICPCs dated "
        "before their strategy discussion are left out).",
        numerator="ICPC within the timescale",
        denominator="ICPCs held in the month",
        settings=("icpc",),
    ),
    _i(
        "s47_assessments_in_timescale",
        "Section 47 core assessments completed in timescale",
        3,
        "%",
        "up",
        "figures",
        "Section 47 (core) assessments completed within the timescale.",
        numerator="Completed within the timescale",
        denominator="Section 47 assessments completed",
        settings=("s47",),
    ),
    _i(
        "lac_open",
        "Number of looked-after children",
        4,
        "count",
        "none",
        "either",
        "Distinct children with a List 8 episode open at the month end, excluding legal status "
        "V3/V4 (short breaks).",
        numerator="Looked-after children at the month end",
    ),
    _i(
        "lac_rate",
        "Rate of LAC per 10,000 under-18 population",
        4,
        "per 10k",
        "none",
        "either",
        "Looked-after children at the month end per 10,000 children aged 0-17.",
        numerator="Looked-after children at the month end",
        denominator="Population aged 0-17",
        rate_of="lac_open",
    ),
    _i(
        "lac_allocated_qualified",
        "Looked-after children allocated to a qualified social worker",
        4,
        "%",
        "up",
        "either",
        "Looked-after children at the month end whose allocated worker is a qualified social "
        "worker (Workers sheet).",
        numerator="Allocated to a qualified social worker",
        denominator="Looked-after children",
        latest_only=True,
    ),
    _i(
        "lac_health_assessment",
        "Health assessments up to date",
        4,
        "%",
        "up",
        "either",
        "Children looked after for 12 months or more at the month end with a health assessment "
        "in the last 6 months if under 5 at the month end, in the last 12 months if 5 or over "
        "(statutory guidance; a blank date of birth takes the 12-month rule).",
        numerator="Health assessment within 6 months (under 5) or 12 months (5 and over)",
        denominator="Looked after 12 months or more",
        settings=("health_under_5", "health_5_and_over"),
        latest_only=True,
    ),
    _i(
        "lac_dental_check",
        "Dental checks up to date",
        4,
        "%",
        "up",
        "either",
        "Children looked after for 12 months or more at the month end with a dental check in "
        "the last 12 months.",
        numerator="Dental check in the last 12 months",
        denominator="Looked after 12 months or more",
        latest_only=True,
    ),
    _i(
        "lac_immunisations",
        "Immunisations up to date",
        4,
        "%",
        "up",
        "figures",
        "Looked-after children with up-to-date immunisations.",
    ),
    _i(
        "lac_development_checks",
        "Development checks up to date",
        4,
        "%",
        "up",
        "figures",
        "Looked-after children under 5 with up-to-date development checks.",
    ),
    _i(
        "lac_care_plan",
        "Up-to-date care plans",
        4,
        "%",
        "up",
        "figures",
        "Looked-after children with an up-to-date care plan.",
    ),
    _i(
        "lac_pathway_plan",
        "Up-to-date pathway plans",
        4,
        "%",
        "up",
        "figures",
        "Eligible care leavers / young people with an up-to-date pathway plan.",
    ),
    _i(
        "lac_pep",
        "Up-to-date personal education plans",
        4,
        "%",
        "up",
        "figures",
        "Looked-after children of school age with an up-to-date personal education plan.",
    ),
)

BY_ID: dict[str, Indicator] = {ind.id: ind for ind in CATALOGUE}


def get(indicator_id: str) -> Indicator:
    return BY_ID[indicator_id]
