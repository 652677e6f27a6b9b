"""The Annex A columns the indicators use, as data: list, key, header, kind, aliases.

Headers follow Ofsted's template (liia-tools / Data to Insight spellings); matching is
case-insensitive and ignores spaces and punctuation, so only real drift needs an alias."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Column:
    key: str  # our name for it in the code
    header: str  # Ofsted's header text
    kind: str  # text | code | date | yesno | int
    aliases: tuple[str, ...] = ()
    # Last resort, as liia-tools does: a regex over the normalised header (lower case, letters
    # and digits only), tried only when no header or alias matches exactly.
    pattern: str = ""
    # Read when present; when absent, no missing-column warning (only validation reads it, and
    # reports once which of its checks could not run; or it only adds team rows).
    optional: bool = False


CHILD_ID = Column(
    "child_id", "Child Unique ID", "text", ("Child ID", "Unique Child ID"), pattern="^child.*id"
)
DATE_OF_BIRTH = Column(
    "dob",
    "Date of Birth",
    "date",
    ("DOB", "Child's Date of Birth"),
    pattern="^(childs)?dateofbirth|^dob$",
)
# Lists 1-7: the date of birth only validation reads (List 8's is read by the indicators).
DATE_OF_BIRTH_CHECKED = replace(DATE_OF_BIRTH, optional=True)
AGE = Column(
    "age",
    "Age of Child (Years)",
    "int",
    ("Age", "Age of Child", "Age (Years)", "Child's Age"),
    pattern="^age|^childsage",
    optional=True,
)
WORKER = Column(
    "worker",
    "Allocated Worker",
    "text",
    ("Allocated Social Worker", "Worker"),
    pattern="allocated.*worker|^socialworker$",
)
# Lists 3-8: the team holding the case, for the indicators shown by team (absent: no team rows,
# no warning).
TEAM = Column(
    "team",
    "Allocated Team",
    "text",
    ("Team", "Allocated Social Work Team"),
    pattern="allocated.*team",
    optional=True,
)

LISTS: dict[int, tuple[Column, ...]] = {
    1: (
        CHILD_ID,
        Column(
            "contact_date",
            "Date of Contact",
            "date",
            ("Contact Date",),
            "date.*contact|contact.*date",
        ),
        Column(
            "source",
            "Contact Source",
            "code",
            ("Source of Contact", "Source"),
            "contact.*source|source.*contact",
        ),
        DATE_OF_BIRTH_CHECKED,
        AGE,
    ),
    2: (
        CHILD_ID,
        Column(
            "eh_start",
            "Assessment start date",
            "date",
            ("Early Help Assessment Start Date",),
            "assessment.*start",
        ),
        Column("eh_end", "Assessment completion date", "date", (), "assessment.*complet"),
        DATE_OF_BIRTH_CHECKED,
        AGE,
    ),
    3: (
        CHILD_ID,
        Column(
            "referral_date",
            "Date of referral",
            "date",
            ("Referral Date",),
            "^date.*referral|^referral.*date",
        ),
        Column(
            "source",
            "Referral Source",
            "code",
            ("Source of Referral",),
            "referral.*source|source.*referral",
        ),
        Column(
            "referrals_12m",
            "Number of Referrals in Last 12 Months",
            "int",
            ("Number of Referrals in the Last 12 Months", "Referrals in Last 12 Months"),
            "referrals.*12",
        ),
        DATE_OF_BIRTH_CHECKED,
        AGE,
        TEAM,
    ),
    4: (
        CHILD_ID,
        Column(
            "start",
            "Continuous Assessment Start Date",
            "date",
            ("Assessment Start Date",),
            "assessment.*start.*date|start.*date.*assessment",
        ),
        Column(
            "authorised",
            "Continuous Assessment Date of Authorisation",
            "date",
            (
                "Assessment Date of Authorisation",
                "Date of Authorisation",
                "Assessment Authorisation Date",
            ),
            "authori[sz]",
        ),
        DATE_OF_BIRTH_CHECKED,
        AGE,
        TEAM,
    ),
    5: (
        CHILD_ID,
        Column(
            "strategy_date",
            "Strategy discussion initiating Section 47 Enquiry Start Date",
            "date",
            ("Strategy Discussion Date", "Section 47 Enquiry Start Date", "S47 Start Date"),
            "strategy",
        ),
        Column(
            "icpc_date",
            "Date of Initial Child Protection Conference",
            "date",
            ("ICPC Date", "Date of ICPC"),
            "^date.*(initialchildprotectionconference|icpc)|^icpc.*date",
        ),
        DATE_OF_BIRTH_CHECKED,
        AGE,
        TEAM,
    ),
    6: (
        CHILD_ID,
        Column(
            "start",
            "CIN Start Date",
            "date",
            ("Child in Need Start Date",),
            "^(cin|childinneed).*start",
        ),
        Column(
            "end",
            "CIN Closure Date",
            "date",
            ("CIN End Date", "Child in Need Closure Date"),
            "^(cin|childinneed).*(clos|end)",
        ),
        Column("case_status", "Case Status", "code", (), "casestatus"),
        WORKER,
        TEAM,
        DATE_OF_BIRTH_CHECKED,
        AGE,
        Column(
            "primary_need",
            "Primary Need Code",
            "code",
            ("Primary Need", "CIN Primary Need Code"),
            "primaryneed",
            optional=True,
        ),
    ),
    7: (
        CHILD_ID,
        Column(
            "start",
            "Child Protection Plan Start Date",
            "date",
            ("CP Plan Start Date",),
            "^(childprotection|cp)plan.*start",
        ),
        Column(
            "end",
            "Child Protection Plan End Date",
            "date",
            ("CP Plan End Date",),
            "^(childprotection|cp)plan.*end",
        ),
        Column(
            "last_visit",
            "Date of the Last Statutory Visit",
            "date",
            ("Date of Last Statutory Visit", "Last Statutory Visit Date"),
            "laststatutoryvisit",
        ),
        Column(
            "seen_alone", "Was the Child Seen Alone?", "yesno", ("Child Seen Alone",), "seenalone"
        ),
        Column(
            "previous_plans",
            "Number of Previous Child Protection Plans",
            "int",
            ("Number of Previous CP Plans", "Previous Child Protection Plans"),
            "previous.*(childprotection|cp)plan",
        ),
        WORKER,
        TEAM,
        DATE_OF_BIRTH_CHECKED,
        AGE,
        Column(
            "review",
            "Date of latest review conference",
            "date",
            ("Date of Latest CP Review Conference", "Latest Review Conference Date"),
            "reviewconference",
            optional=True,
        ),
    ),
    8: (
        CHILD_ID,
        DATE_OF_BIRTH,
        Column(
            "start",
            "Date Started to be Looked After",
            "date",
            ("Date Started to be LAC", "Date Started Looked After", "Date Became Looked After"),
            "^date.*(started|became).*(lookedafter|lac)",
        ),
        Column(
            "end",
            "Date Ceased to be Looked After",
            "date",
            ("Date Ceased to be LAC", "Date Ceased Looked After"),
            "^date.*ceased",
        ),
        Column(
            "legal_status",
            "Child's Legal Status",
            "code",
            ("Legal Status",),
            "^(childs)?(current)?legalstatus$",
        ),
        Column(
            "health_assessment", "Date of Last Health Assessment", "date", (), "health.*assessment"
        ),
        Column("dental_check", "Date of Last Dental Check", "date", (), "dental"),
        WORKER,
        TEAM,
        AGE,
        Column(
            "category_of_need",
            "Child's Category of Need",
            "code",
            ("Category of Need", "CLA Category of Need"),
            "categoryofneed",
            optional=True,
        ),
        Column(
            "review",
            "Date of Latest Statutory Review",
            "date",
            ("Date of Last Statutory Review", "Latest Statutory Review Date"),
            "statutoryreview",
            optional=True,
        ),
        Column(
            "sw_visit",
            "Date of Last Social Work Visit",
            "date",
            ("Date of Last Social Worker Visit", "Last Social Work Visit Date"),
            "socialwork(er)?visit",
            optional=True,
        ),
        Column(
            "iro_visit",
            "Date of Last IRO Visit / Contact to the Child",
            "date",
            ("Date of Last IRO Visit", "Date of Last IRO Contact"),
            "irovisit|iro(contact|visit)|lastiro",
            optional=True,
        ),
        Column(
            "reason_ceased",
            "Reason Ceased to be Looked After",
            "code",
            ("Reason Ceased", "Reason Episode Ceased"),
            "^reason.*ceased",
            optional=True,
        ),
        Column(
            "placement_type",
            "Placement Type",
            "code",
            ("Type of Placement", "Placement Type Code"),
            "^placementtype|^typeofplacement",
            optional=True,
        ),
    ),
}

# The dated events of each list that the indicators read (Date of Birth is not an event): the
# extract's last date is the latest of them, and coverage starts at the earliest in List 1 (else
# List 3, else Lists 2, 4 and 5).
DATED_EVENTS: dict[int, tuple[str, ...]] = {
    1: ("contact_date",),
    2: ("eh_start",),
    3: ("referral_date",),
    4: ("start", "authorised"),
    5: ("strategy_date", "icpc_date"),
    6: ("start", "end"),
    7: ("start", "end", "last_visit"),
    8: ("start", "end", "health_assessment", "dental_check"),
}
# The date that places a row of Lists 1-5 in its month.
EVENT_DATES = {1: "contact_date", 2: "eh_start", 3: "referral_date", 4: "start", 5: "strategy_date"}


def sheet_name(list_no: int) -> str:
    return f"List {list_no}"


# Every column of Ofsted's template, in order (annex_a.md 1.4): the template's List sheets and
# the synthetic extracts use these; the reader needs only the columns in LISTS above.
_COMMON = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
DISABILITY_HEADER = "Does the Child have a Disability"
_TEAM_WORKER = ["Allocated Team", "Allocated Worker"]
_MISSING = (
    "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months"
)
_ABSENT = (
    "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months"
)

ANNEX_A_HEADERS: dict[str, list[str]] = {
    "List 1": _COMMON + ["Date of Contact", "Contact Source"],
    "List 2": _COMMON
    + [
        "Assessment start date",
        "Assessment completion date",
        "Organisation completing assessment",
    ],
    "List 3": _COMMON
    + [
        "Date of referral",
        "Referral Source",
        "Referral NFA?",
        "Number of Referrals in Last 12 Months",
    ]
    + _TEAM_WORKER,
    "List 4": _COMMON
    + [
        DISABILITY_HEADER,
        "Continuous Assessment Start Date",
        "Child Seen During Continuous Assessment",
        "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children's social care support?",
    ]
    + _TEAM_WORKER,
    "List 5": _COMMON
    + [
        DISABILITY_HEADER,
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?",
        "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months",
        "Number of ICPCs in the last 12 months",
    ]
    + _TEAM_WORKER,
    "List 6": _COMMON
    + [
        DISABILITY_HEADER,
        "CIN Start Date",
        "Primary Need Code",
        "Date Child Was Last Seen",
        "CIN Closure Date",
        "Reason for Closure",
        "Case Status",
    ]
    + _TEAM_WORKER,
    "List 7": _COMMON
    + [
        DISABILITY_HEADER,
        "Child Protection Plan Start Date",
        "Initial Category of Abuse",
        "Latest Category of Abuse",
        "Date of the Last Statutory Visit",
        "Was the Child Seen Alone?",
        "Date of latest review conference",
        "Child Protection Plan End Date",
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six "
        "Months (Y/N)",
        "Number of Previous Child Protection Plans",
    ]
    + _TEAM_WORKER,
    "List 8": _COMMON
    + [
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
        DISABILITY_HEADER,
        "Date Started to be Looked After",
        "Child's Category of Need",
        "Is this a second or subsequent period of being a Looked After Child within the last "
        "12 months (Y/N)",
        "Start date of current legal status",
        "Child's Legal Status",
        "Date of Latest Statutory Review",
        "Date of Last Social Work Visit",
        "What is the permanence plan for this child?",
        "Date of Last IRO Visit / Contact to the Child",
        "Date of Last Health Assessment",
        "Date of Last Dental Check",
        "Number of Placements in the Last 12 months",
        "Date Ceased to be Looked After",
        "Reason Ceased to be Looked After",
        "Start Date of Most Recent Placement",
        "Placement Type",
        "Placement Provider",
        "Placement postcode",
        "URN of Placement",
        "Placement Location",
        "LA of Placement",
        _MISSING,
        _ABSENT,
        "Was the child offered a Return Interview after their last missing episode (Y/N)?",
        "Did the child accept a Return Interview after their last missing episode (Y/N)?",
    ]
    + _TEAM_WORKER,
    "List 9": _COMMON
    + [DISABILITY_HEADER]
    + _TEAM_WORKER
    + [
        "Eligibility Category",
        "LA in Touch",
        "Type of Accommodation",
        "Suitability of Accommodation",
        "Activity Status",
        "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
        "Allocated Personal Advisor",
        "Latest Pathway Plan Review Date",
        "Latest Date of Contact",
    ],
    "List 10": [
        "Child Unique ID",
        "Family identifier",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        DISABILITY_HEADER,
        "Date the Child Entered Care",
        "Date of Decision that Child Should be Placed for Adoption",
        "Date of Placement Order",
        "Date of Matching Child and Prospective Adopters",
        "Date Placed for Adoption",
        "Date of Adoption Order",
        "Date of Decision that Child Should No Longer be Placed for Adoption",
        "Reason Why Child No Longer Placed for Adoption",
        "Date the child was placed for fostering in FFA or concurrent planning placement",
    ],
    "List 11": [
        "Individual adopter identifier",
        "Family identifier",
        "Gender",
        "Ethnicity",
        "Disability",
        "Is the (prospective) adopter fostering for adoption?",
        "Date enquiry received",
        "Date Stage 1 started",
        "Date Stage 1 ended",
        "Date Stage 2 started",
        "Date Stage 2 ended",
        "Date application submitted",
        "Date application approved",
        "Date adopter matched with child(ren)",
        "Date child/children placed with adopter(s)",
        "No. of children placed",
        "Date of Adoption Order",
        "Date of leaving adoption process",
        "Reason for leaving adoption process",
    ],
}
