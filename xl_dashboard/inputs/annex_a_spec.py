"""The Annex A columns the indicators use, as data: list, key, header, kind, aliases.

Headers follow Ofsted's template (liia-tools / Data to Insight spellings); matching is
case-insensitive and ignores spaces and punctuation, so only real drift needs an alias."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str  # our name for it in the code
    header: str  # Ofsted's header text
    kind: str  # text | code | date | yesno | int
    aliases: tuple[str, ...] = ()


CHILD_ID = Column("child_id", "Child Unique ID", "text", ("Child ID", "Unique Child ID", "ChildID"))
WORKER = Column("worker", "Allocated Worker", "text", ("Allocated Social Worker", "Worker"))

LISTS: dict[int, tuple[Column, ...]] = {
    1: (
        CHILD_ID,
        Column("contact_date", "Date of Contact", "date", ("Contact Date",)),
        Column("source", "Contact Source", "code", ("Source of Contact", "Source")),
    ),
    2: (
        CHILD_ID,
        Column("eh_start", "Assessment start date", "date", ("Early Help Assessment Start Date",)),
        Column("eh_end", "Assessment completion date", "date", ()),
    ),
    3: (
        CHILD_ID,
        Column("referral_date", "Date of referral", "date", ("Referral Date",)),
        Column("source", "Referral Source", "code", ("Source of Referral",)),
        Column(
            "referrals_12m",
            "Number of Referrals in Last 12 Months",
            "int",
            ("Number of Referrals in the Last 12 Months", "Referrals in Last 12 Months"),
        ),
    ),
    4: (
        CHILD_ID,
        Column("start", "Continuous Assessment Start Date", "date", ("Assessment Start Date",)),
        Column(
            "authorised",
            "Continuous Assessment Date of Authorisation",
            "date",
            (
                "Assessment Date of Authorisation",
                "Date of Authorisation",
                "Assessment Authorisation Date",
            ),
        ),
    ),
    5: (
        CHILD_ID,
        Column(
            "strategy_date",
            "Strategy discussion initiating Section 47 Enquiry Start Date",
            "date",
            ("Strategy Discussion Date", "Section 47 Enquiry Start Date", "S47 Start Date"),
        ),
        Column(
            "icpc_date",
            "Date of Initial Child Protection Conference",
            "date",
            ("ICPC Date", "Date of ICPC"),
        ),
    ),
    6: (
        CHILD_ID,
        Column("start", "CIN Start Date", "date", ("Child in Need Start Date",)),
        Column("end", "CIN Closure Date", "date", ("CIN End Date", "Child in Need Closure Date")),
        Column("case_status", "Case Status", "code", ()),
        WORKER,
    ),
    7: (
        CHILD_ID,
        Column("start", "Child Protection Plan Start Date", "date", ("CP Plan Start Date",)),
        Column("end", "Child Protection Plan End Date", "date", ("CP Plan End Date",)),
        Column(
            "last_visit",
            "Date of the Last Statutory Visit",
            "date",
            ("Date of Last Statutory Visit", "Last Statutory Visit Date"),
        ),
        Column("seen_alone", "Was the Child Seen Alone?", "yesno", ("Child Seen Alone",)),
        Column(
            "previous_plans",
            "Number of Previous Child Protection Plans",
            "int",
            ("Number of Previous CP Plans", "Previous Child Protection Plans"),
        ),
        WORKER,
    ),
    8: (
        CHILD_ID,
        Column(
            "start",
            "Date Started to be Looked After",
            "date",
            ("Date Started to be LAC", "Date Started Looked After", "Date Became Looked After"),
        ),
        Column(
            "end",
            "Date Ceased to be Looked After",
            "date",
            ("Date Ceased to be LAC", "Date Ceased Looked After"),
        ),
        Column("legal_status", "Child's Legal Status", "code", ("Legal Status",)),
        Column("health_assessment", "Date of Last Health Assessment", "date", ()),
        Column("dental_check", "Date of Last Dental Check", "date", ()),
        WORKER,
    ),
}

LIST_TITLES = {
    1: "Contacts",
    2: "Early help",
    3: "Referrals",
    4: "Assessments",
    5: "Section 47 enquiries and ICPCs",
    6: "Children in need",
    7: "Child protection",
    8: "Children in care",
}

# The date that places a row in its month (coverage start and the default reporting month).
EVENT_DATES = {1: "contact_date", 2: "eh_start", 3: "referral_date", 4: "start", 5: "strategy_date"}


def sheet_name(list_no: int) -> str:
    return f"List {list_no}"
