"""The four pages of the reference (shared/spec/layout.md) as block specs, in its order.

Each page is a sequence of declarative blocks (blocks.py builds them). Tables show months as
columns with the counts and percentages the reference printed; every reference chart is here,
and every table with a trend gets a chart of the same rows beside it. Titles are templates over
the settings (`{la}`, `{assessment}`, `{icpc}` ...)."""

from __future__ import annotations

from ..indicators.catalogue import CIN_PLAN_TEAMS, EH_OUTCOMES, SOURCE_GROUPS
from .blocks import (
    ByCategory,
    ByTeam,
    CommentaryBlock,
    Comparison,
    CountAndPercent,
    Measure,
    Outcomes,
    Ratio,
    RatioGroup,
    Spec,
    Trend,
)

PAGE_SHEETS = {
    1: "Contacts & Assessments",
    2: "Early Help & CIN",
    3: "Child Protection",
    4: "Looked-After Children",
}
INDIVIDUALS_NOTE = "* Individuals are comprised of: Stranger/Family/Carer/Neighbour/Self"
ALL_SOURCES = "All sources"
SOURCES = tuple((g, g) for g in SOURCE_GROUPS)


def _cin_plan_group(team: str, name: str) -> RatioGroup:
    return RatioGroup(
        Measure("cin_with_plan", team, team),
        (f"No. {name} Children in Need", f"No. {name} with CIN Plan", "% with a CIN Plan"),
        without=f"No. {name} without a CIN Plan",
    )


CONTACTS_PAGE: tuple[Spec, ...] = (
    ByCategory(
        "Initial Contacts by Source",
        "contacts",
        SOURCES,
        "Contacts by source",
        note=INDIVIDUALS_NOTE,
        table=True,
    ),
    ByCategory(
        "Conversion of Contacts to Referrals by Source",
        "contact_conversion",
        (*SOURCES, (ALL_SOURCES, "")),
        "Conversion of Contacts to Referrals by Source",
        note=INDIVIDUALS_NOTE,
    ),
    Comparison(
        "Percentage of Re-Referrals",
        "re_referrals",
        "{la}",
        "% re-referrals against comparators",
        corner="Re-Referrals",
        target=True,
        name="Re-referrals",
    ),
    CountAndPercent(
        "Initial Assessments Completed in Timescales",
        Measure("assessments_completed", "Assessments completed"),
        Measure("assessments_in_timescale", "% within {assessment} working days"),
    ),
    ByTeam((Measure("assessments_in_timescale", "% within {assessment} working days"),)),
    CommentaryBlock(1, ("* {la}'s Statistical Neighbours are: {neighbours}",)),
)

EARLY_HELP_PAGE: tuple[Spec, ...] = (
    Trend("Family Support Plans Initiated", (Measure("eh_assessments_started", "Plans"),)),
    Outcomes("eh_outcomes", EH_OUTCOMES, "Outcomes of Family Support Plans closed {months}"),
    Ratio(
        "Section 17 Children in Need in CIN & CWD Teams with an up-to-date* CIN Plan",
        tuple(
            _cin_plan_group(team, name)
            for team, name in zip(CIN_PLAN_TEAMS, ("s17", "CWD"), strict=True)
        ),
        "% with an up-to-date CIN plan",
        note="* To count as having a CIN Plan, any existing plan must have been started or "
        "reviewed within the last {cin_plan_review} working days",
    ),
    Ratio(
        "Children in Need Allocated to a Qualified Social Worker",
        (
            RatioGroup(
                Measure("cin_allocated_qualified", ""),
                (
                    "No. Children in Need (not CP or CLA)",
                    "No. Allocated to Qualified Worker",
                    "% Allocated to Qualified Worker",
                ),
            ),
        ),
        "% allocated to a qualified worker",
    ),
    Trend(
        "CIN Allocated to CWD Teams Reviewed within 6 Weeks",
        (Measure("cwd_reviewed_6_weeks", "% reviewed within 6 weeks"),),
    ),
    Comparison(
        "Rate of Children in Need per 10,000 Under-18 Population",
        "cin_rate",
        "{la} (Current)",
        "Rate per 10,000 against comparators",
        counts=(
            Measure("cin_open", "Children in need at the month end"),
            Measure("cin_closed", "CIN episodes closed in the month"),
        ),
    ),
    ByTeam((Measure("cin_allocated_qualified", "% allocated to a qualified worker"),)),
    CommentaryBlock(2),
)

CHILD_PROTECTION_PAGE: tuple[Spec, ...] = (
    Ratio(
        "Children in Child Protection Teams Allocated to a Qualified Social Worker",
        (
            RatioGroup(
                Measure("cp_allocated_qualified", ""),
                (
                    "No. Children on CP Plan",
                    "No. Allocated to Qualified Social Worker",
                    "% Allocated to Qualified Social Worker",
                ),
            ),
        ),
        "% allocated to a qualified social worker",
        short=True,
    ),
    Trend(
        "Social Worker visits to Children on a Child Protection Plan in Timescales",
        (
            Measure("cp_visits_in_timescale", "% visited within {cp_visit} working days"),
            Measure("cp_seen_alone", "% seen alone"),
        ),
    ),
    Comparison(
        "Rate of Children on a CP Plan per 10,000 Under-18 Population",
        "cp_rate",
        "{la} (Current)",
        "Rate per 10,000 against comparators",
    ),
    Ratio(
        "Section 47 Core Assessments Completed in Timescales",
        (
            RatioGroup(
                Measure("s47_assessments_in_timescale", ""),
                (
                    "No. Section 47 Core Assessments Completed",
                    "No. Completed within {s47} Working Days",
                    "% Completed within {s47} Working Days",
                ),
            ),
        ),
        "Section 47 Core Assessments Completed in Timescales",
        short=True,
    ),
    Trend("% Children on a CP Plan for 2+ Years", (Measure("cp_duration_2y_plus", "% 2+ years"),)),
    Trend(
        "% Children on a CP Plan for 18 months – 2 Years",
        (Measure("cp_duration_18m_2y", "% 18 months – 2 years"),),
    ),
    Trend(
        "% Children Starting CP Plan for 2nd/Subsequent Time",
        (Measure("cp_second_subsequent", "% 2nd/subsequent plan"),),
    ),
    Trend(
        "ICPCs within {icpc} Working Days of Strategy Discussion",
        (Measure("icpc_in_timescale", "% ICPCs in timescale"),),
    ),
    ByTeam(
        (
            Measure("cp_visits_in_timescale", "% visited within {cp_visit} working days"),
            Measure("icpc_in_timescale", "% ICPCs within {icpc} working days"),
        )
    ),
    CommentaryBlock(3),
)

LOOKED_AFTER_PAGE: tuple[Spec, ...] = (
    CountAndPercent(
        "Looked-After Children allocated to a Qualified Social Worker",
        Measure("lac_open", "Looked-after children", label="Number"),
        Measure("lac_allocated_qualified", "% Allocated to Qualified Social Worker"),
        table_id="lac_allocated",
    ),
    Trend(
        "Health of Looked-After Children",
        (
            Measure("lac_health_assessment", "Health assessments"),
            Measure("lac_immunisations", "Immunisations"),
            Measure("lac_dental_check", "Dental checks"),
            Measure("lac_development_checks", "Development checks"),
        ),
    ),
    Trend("Number of Looked-After Children", (Measure("lac_open", "Looked-after children"),)),
    Trend(
        "Care Plans, Pathway Plans & Personal Education Plans",
        (
            Measure("lac_care_plan", "Care plans"),
            Measure("lac_pathway_plan", "Pathway plans"),
            Measure("lac_pep", "Personal education plans"),
        ),
    ),
    Trend("Rate of LAC per 10,000 Under-18 Population", (Measure("lac_rate", "{la}"),)),
    ByTeam(
        (
            Measure("lac_allocated_qualified", "% allocated to a qualified social worker"),
            Measure("lac_health_assessment", "% health assessments up to date"),
        )
    ),
    CommentaryBlock(4),
)

PAGES: dict[int, tuple[Spec, ...]] = {
    1: CONTACTS_PAGE,
    2: EARLY_HELP_PAGE,
    3: CHILD_PROTECTION_PAGE,
    4: LOOKED_AFTER_PAGE,
}
