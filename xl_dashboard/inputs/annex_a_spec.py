"""Ofsted's Annex A lists as data, each header written once: every column of each list in the
template's order, the columns the reader reads with their key, kind, aliases and pattern.
`LISTS` (the read columns) and `ANNEX_A_HEADERS` (every header) are derived from it.

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

# Headers of columns the reader leaves alone, used in several lists.
GENDER_HEADER = "Gender"
ETHNICITY_HEADER = "Ethnicity"
DISABILITY_HEADER = "Does the Child have a Disability"
_FAMILY_ID = "Family identifier"
_ADOPTION_ORDER = "Date of Adoption Order"

Entry = Column | str  # a column the reader reads, or the header of one it leaves alone


def _header(entry: Entry) -> str:
    return entry.header if isinstance(entry, Column) else entry


@dataclass(frozen=True)
class AnnexAList:
    """One list of Ofsted's template: every column in the template's order (annex_a.md 1.4),
    the ones the reader reads as `Column`s, the others by header alone.

    `read_order` is the order the reader tries the read columns in: a column's pattern can
    only claim a header that the columns before it have not claimed, and the first column a
    reason names is the one reported."""

    entries: tuple[Entry, ...]
    read_order: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        keys = [e.key for e in self.entries if isinstance(e, Column)]
        if len(set(keys)) != len(keys) or sorted(keys) != sorted(self.read_order):
            raise ValueError(f"read_order {self.read_order} does not list the read columns {keys}")

    @property
    def headers(self) -> list[str]:
        """Every header, in the template's order."""
        return [_header(e) for e in self.entries]

    @property
    def columns(self) -> tuple[Column, ...]:
        """The columns the reader reads, in the order it tries them."""
        by_key = {e.key: e for e in self.entries if isinstance(e, Column)}
        return tuple(by_key[key] for key in self.read_order)


def _child(dob: Column = DATE_OF_BIRTH_CHECKED) -> tuple[Entry, ...]:
    """The child's columns that open Lists 1-9."""
    return (CHILD_ID, GENDER_HEADER, ETHNICITY_HEADER, dob, AGE)


# Every list of Ofsted's template, every column in order: the template's List sheets and the
# synthetic extracts write all of them; the reader reads the `Column`s (Lists 1-8).
ANNEX_A_LISTS: dict[int, AnnexAList] = {
    1: AnnexAList(
        (
            *_child(),
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
        ),
        ("child_id", "contact_date", "source", "dob", "age"),
    ),
    2: AnnexAList(
        (
            *_child(),
            Column(
                "eh_start",
                "Assessment start date",
                "date",
                ("Early Help Assessment Start Date",),
                "assessment.*start",
            ),
            Column("eh_end", "Assessment completion date", "date", (), "assessment.*complet"),
            "Organisation completing assessment",
        ),
        ("child_id", "eh_start", "eh_end", "dob", "age"),
    ),
    3: AnnexAList(
        (
            *_child(),
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
            "Referral NFA?",
            Column(
                "referrals_12m",
                "Number of Referrals in Last 12 Months",
                "int",
                ("Number of Referrals in the Last 12 Months", "Referrals in Last 12 Months"),
                "referrals.*12",
            ),
            TEAM,
            WORKER.header,
        ),
        ("child_id", "referral_date", "source", "referrals_12m", "dob", "age", "team"),
    ),
    4: AnnexAList(
        (
            *_child(),
            DISABILITY_HEADER,
            Column(
                "start",
                "Continuous Assessment Start Date",
                "date",
                ("Assessment Start Date",),
                "assessment.*start.*date|start.*date.*assessment",
            ),
            "Child Seen During Continuous Assessment",
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
            "Was the child assessed as requiring LA children's social care support?",
            TEAM,
            WORKER.header,
        ),
        ("child_id", "start", "authorised", "dob", "age", "team"),
    ),
    5: AnnexAList(
        (
            *_child(),
            DISABILITY_HEADER,
            Column(
                "strategy_date",
                "Strategy discussion initiating Section 47 Enquiry Start Date",
                "date",
                ("Strategy Discussion Date", "Section 47 Enquiry Start Date", "S47 Start Date"),
                "strategy",
            ),
            "Was an Initial Child Protection Conference deemed unnecessary?",
            Column(
                "icpc_date",
                "Date of Initial Child Protection Conference",
                "date",
                ("ICPC Date", "Date of ICPC"),
                "^date.*(initialchildprotectionconference|icpc)|^icpc.*date",
            ),
            "Did the Initial Child Protection Conference Result in a Child Protection Plan",
            "Number of Section 47 Enquiries in the last 12 months",
            "Number of ICPCs in the last 12 months",
            TEAM,
            WORKER.header,
        ),
        ("child_id", "strategy_date", "icpc_date", "dob", "age", "team"),
    ),
    6: AnnexAList(
        (
            *_child(),
            DISABILITY_HEADER,
            Column(
                "start",
                "CIN Start Date",
                "date",
                ("Child in Need Start Date",),
                "^(cin|childinneed).*start",
            ),
            Column(
                "primary_need",
                "Primary Need Code",
                "code",
                ("Primary Need", "CIN Primary Need Code"),
                "primaryneed",
                optional=True,
            ),
            "Date Child Was Last Seen",
            Column(
                "end",
                "CIN Closure Date",
                "date",
                ("CIN End Date", "Child in Need Closure Date"),
                "^(cin|childinneed).*(clos|end)",
            ),
            "Reason for Closure",
            Column("case_status", "Case Status", "code", (), "casestatus"),
            TEAM,
            WORKER,
        ),
        ("child_id", "start", "end", "case_status", "worker", "team", "dob", "age", "primary_need"),
    ),
    7: AnnexAList(
        (
            *_child(),
            DISABILITY_HEADER,
            Column(
                "start",
                "Child Protection Plan Start Date",
                "date",
                ("CP Plan Start Date",),
                "^(childprotection|cp)plan.*start",
            ),
            "Initial Category of Abuse",
            "Latest Category of Abuse",
            Column(
                "last_visit",
                "Date of the Last Statutory Visit",
                "date",
                ("Date of Last Statutory Visit", "Last Statutory Visit Date"),
                "laststatutoryvisit",
            ),
            Column(
                "seen_alone",
                "Was the Child Seen Alone?",
                "yesno",
                ("Child Seen Alone",),
                "seenalone",
            ),
            Column(
                "review",
                "Date of latest review conference",
                "date",
                ("Date of Latest CP Review Conference", "Latest Review Conference Date"),
                "reviewconference",
                optional=True,
            ),
            Column(
                "end",
                "Child Protection Plan End Date",
                "date",
                ("CP Plan End Date",),
                "^(childprotection|cp)plan.*end",
            ),
            "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six "
            "Months (Y/N)",
            Column(
                "previous_plans",
                "Number of Previous Child Protection Plans",
                "int",
                ("Number of Previous CP Plans", "Previous Child Protection Plans"),
                "previous.*(childprotection|cp)plan",
            ),
            TEAM,
            WORKER,
        ),
        (
            "child_id",
            "start",
            "end",
            "last_visit",
            "seen_alone",
            "previous_plans",
            "worker",
            "team",
            "dob",
            "age",
            "review",
        ),
    ),
    8: AnnexAList(
        (
            *_child(DATE_OF_BIRTH),
            "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
            DISABILITY_HEADER,
            Column(
                "start",
                "Date Started to be Looked After",
                "date",
                ("Date Started to be LAC", "Date Started Looked After", "Date Became Looked After"),
                "^date.*(started|became).*(lookedafter|lac)",
            ),
            Column(
                "category_of_need",
                "Child's Category of Need",
                "code",
                ("Category of Need", "CLA Category of Need"),
                "categoryofneed",
                optional=True,
            ),
            "Is this a second or subsequent period of being a Looked After Child within the last "
            "12 months (Y/N)",
            "Start date of current legal status",
            Column(
                "legal_status",
                "Child's Legal Status",
                "code",
                ("Legal Status",),
                "^(childs)?(current)?legalstatus$",
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
            "What is the permanence plan for this child?",
            Column(
                "iro_visit",
                "Date of Last IRO Visit / Contact to the Child",
                "date",
                ("Date of Last IRO Visit", "Date of Last IRO Contact"),
                "irovisit|iro(contact|visit)|lastiro",
                optional=True,
            ),
            Column(
                "health_assessment",
                "Date of Last Health Assessment",
                "date",
                (),
                "health.*assessment",
            ),
            Column("dental_check", "Date of Last Dental Check", "date", (), "dental"),
            "Number of Placements in the Last 12 months",
            Column(
                "end",
                "Date Ceased to be Looked After",
                "date",
                ("Date Ceased to be LAC", "Date Ceased Looked After"),
                "^date.*ceased",
            ),
            Column(
                "reason_ceased",
                "Reason Ceased to be Looked After",
                "code",
                ("Reason Ceased", "Reason Episode Ceased"),
                "^reason.*ceased",
                optional=True,
            ),
            "Start Date of Most Recent Placement",
            Column(
                "placement_type",
                "Placement Type",
                "code",
                ("Type of Placement", "Placement Type Code"),
                "^placementtype|^typeofplacement",
                optional=True,
            ),
            "Placement Provider",
            "Placement postcode",
            "URN of Placement",
            "Placement Location",
            "LA of Placement",
            "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 "
            "months",
            "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 "
            "months",
            "Was the child offered a Return Interview after their last missing episode (Y/N)?",
            "Did the child accept a Return Interview after their last missing episode (Y/N)?",
            TEAM,
            WORKER,
        ),
        (
            "child_id",
            "dob",
            "start",
            "end",
            "legal_status",
            "health_assessment",
            "dental_check",
            "worker",
            "team",
            "age",
            "category_of_need",
            "review",
            "sw_visit",
            "iro_visit",
            "reason_ceased",
            "placement_type",
        ),
    ),
    9: AnnexAList(
        (
            *map(_header, (*_child(), DISABILITY_HEADER, TEAM, WORKER)),
            "Eligibility Category",
            "LA in Touch",
            "Type of Accommodation",
            "Suitability of Accommodation",
            "Activity Status",
            "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
            "Allocated Personal Advisor",
            "Latest Pathway Plan Review Date",
            "Latest Date of Contact",
        )
    ),
    10: AnnexAList(
        (
            CHILD_ID.header,
            _FAMILY_ID,
            *map(_header, _child()[1:]),
            DISABILITY_HEADER,
            "Date the Child Entered Care",
            "Date of Decision that Child Should be Placed for Adoption",
            "Date of Placement Order",
            "Date of Matching Child and Prospective Adopters",
            "Date Placed for Adoption",
            _ADOPTION_ORDER,
            "Date of Decision that Child Should No Longer be Placed for Adoption",
            "Reason Why Child No Longer Placed for Adoption",
            "Date the child was placed for fostering in FFA or concurrent planning placement",
        )
    ),
    11: AnnexAList(
        (
            "Individual adopter identifier",
            _FAMILY_ID,
            GENDER_HEADER,
            ETHNICITY_HEADER,
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
            _ADOPTION_ORDER,
            "Date of leaving adoption process",
            "Reason for leaving adoption process",
        )
    ),
}


def sheet_name(list_no: int) -> str:
    return f"List {list_no}"


# The columns the reader reads, per list (Lists 1-8), in the order it tries them.
LISTS: dict[int, tuple[Column, ...]] = {
    n: spec.columns for n, spec in ANNEX_A_LISTS.items() if spec.read_order
}
# Every header of Ofsted's template, in order, per sheet: the template's List sheets and the
# synthetic extracts write these.
ANNEX_A_HEADERS: dict[str, list[str]] = {
    sheet_name(n): spec.headers for n, spec in ANNEX_A_LISTS.items()
}


def header(list_no: int, key: str) -> str:
    """Ofsted's header of a column the reader reads."""
    return next(c.header for c in LISTS[list_no] if c.key == key)


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
