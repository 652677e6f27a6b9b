"""Contacts, referrals and assessments on tiny hand-made lists with known answers."""

from conftest import d, figure, issues_of

ID, DOC, SRC = "Child Unique ID", "Date of Contact", "Contact Source"


def contact(child: str, date: object, source: object) -> dict:
    return {ID: child, DOC: date, SRC: source}


def test_contacts_by_source_with_messy_cells(run) -> None:
    contacts = [
        contact("C1", d("2024-07-31"), "q) 6: Police"),  # July, last day
        contact("C2", d("2024-08-01"), "q) 6: Police"),  # August, first day
        contact("C3", 45535.0, "6"),  # serial date 2024-08-31, unprefixed code
        contact("C4", "15/08/2024", "a) 1A: Family member"),  # text date
        contact("C5", "16/08/2024", "3a"),  # lower-case code
        contact("C6", d("2024-08-20"), "ZZ"),  # unknown code → Other + warning
        contact("C7", d("2024-08-21"), "#N/A"),  # missing code → Other + warning
        contact("C8", d("2024-09-01"), "6"),  # September: not in August
        contact("C9", "not a date", "6"),  # invalid date: left out, reported
        contact("C2", d("2024-08-01"), "q) 6: Police"),  # exact duplicate: counted once
        {},  # blank row: ignored
        contact("C10", d("2024-08-02"), "10"),  # 10 → Other
    ]
    r = run({1: contacts}, start="2024-07-01")
    assert figure(r, "contacts", "2024-08") == (7.0, None, 7.0)
    assert figure(r, "contacts", "2024-07") == (1.0, None, 1.0)
    assert figure(r, "contacts", "2024-08", "Police")[2] == 2
    assert figure(r, "contacts", "2024-08", "Individual")[2] == 1
    assert figure(r, "contacts", "2024-08", "Health")[2] == 1
    assert figure(r, "contacts", "2024-08", "Other")[2] == 3
    assert figure(r, "contacts", "2024-08", "Anonymous")[2] == 0  # zero rows are shown
    assert len(issues_of(r, "duplicate-row")) == 1
    assert len(issues_of(r, "unknown-source")) == 2
    bad = issues_of(r, "invalid-date")
    assert bad["row"].tolist() == [10] and bad["column"].tolist() == [DOC]
    accounts = r.issues.accounting().set_index("sheet")
    assert accounts.loc["List 1", "rows read"] == 12
    assert accounts.loc["List 1", "blank rows ignored"] == 1
    assert accounts.loc["List 1", "exact duplicates counted once"] == 1
    assert accounts.loc["List 1", "rows used"] == 10


def test_contact_conversion_within_five_working_days(run) -> None:
    contacts = [
        contact("C1", d("2024-08-23"), "6"),  # referral 02/09: 5 WD over the bank holiday
        contact("C2", d("2024-08-23"), "6"),  # referral 03/09: 6 WD
        contact("C3", d("2024-08-05"), "2A"),  # referral the same day: 0 WD
        contact("C4", d("2024-08-06"), "2A"),  # referral the day before: not a conversion
        contact("C5", d("2024-08-07"), "2A"),  # no referral
    ]
    referrals = [
        {ID: "C1", "Date of referral": d("2024-09-02")},
        {ID: "C2", "Date of referral": d("2024-09-03")},
        {ID: "C3", "Date of referral": d("2024-08-05")},
        {ID: "C4", "Date of referral": d("2024-08-05")},
    ]
    r = run({1: contacts, 3: referrals}, start="2024-08-01")
    assert figure(r, "contact_conversion", "2024-08") == (2.0, 5.0, 40.0)
    assert figure(r, "contact_conversion", "2024-08", "Police") == (1.0, 2.0, 50.0)
    assert figure(r, "contact_conversion", "2024-08", "Education/School")[:2] == (1.0, 3.0)
    assert figure(r, "contact_conversion", "2024-08", "Housing") == (0.0, 0.0, None)


def test_re_referrals_field_then_earlier_referrals(run) -> None:
    n12 = "Number of Referrals in Last 12 Months"
    ref = "Date of referral"
    referrals = [
        {ID: "R1", ref: d("2024-08-10"), n12: 1},  # one referral before the list: re-referral
        {ID: "R2", ref: d("2024-08-11"), n12: 0},
        {ID: "R3", ref: d("2024-08-12"), n12: None},  # earlier referral in March
        {ID: "R3", ref: d("2024-03-15"), n12: 0},
        {ID: "R4", ref: d("2024-08-13"), n12: "#N/A"},  # earlier one 12 months and a day before
        {ID: "R4", ref: d("2023-08-12"), n12: 0},
        {ID: "R5", ref: d("2024-08-13"), n12: None},  # earlier one exactly 12 months before
        {ID: "R5", ref: d("2023-08-13"), n12: 0},
        {ID: "R6", ref: d("2024-08-14"), n12: None},  # no earlier referral
        {ID: "R7", ref: d("2024-08-14"), n12: "x"},  # invalid: no evidence; same day is not
        {ID: "R7", ref: d("2024-08-14"), n12: 0},  # "another referral before"
        {ID: None, ref: d("2024-08-15"), n12: 3},  # no child: left out, reported
    ]
    r = run({3: referrals}, start="2024-03-01")
    assert figure(r, "referrals", "2024-08")[2] == 9
    assert figure(r, "re_referrals", "2024-08")[:2] == (3.0, 8.0)
    assert figure(r, "re_referrals", "2024-03") == (0.0, 1.0, 0.0)
    assert issues_of(r, "left-out")["row"].tolist() == [13]


def _worked_example(n12_child_6: tuple[int, int], n12_child_7: tuple[int, int]) -> dict:
    n12, ref = "Number of Referrals in Last 12 Months", "Date of referral"
    return {
        3: [
            {ID: "6", ref: d("2024-04-12"), n12: n12_child_6[0]},
            {ID: "6", ref: d("2024-04-25"), n12: n12_child_6[1]},
            {ID: "7", ref: d("2024-04-08"), n12: n12_child_7[0]},
            {ID: "7", ref: d("2024-04-18"), n12: n12_child_7[1]},
        ]
    }


def test_re_referrals_contract_worked_example(run) -> None:
    # Ofsted fills the field per child (referrals in the 12 months before the latest one): child
    # 6's field says 2 where the list shows 1 before 25 Apr, so one fell before the list and
    # both April referrals are re-referrals; child 7's 8 Apr is not, 18 Apr is.
    per_child = run(_worked_example((2, 2), (1, 1)), month="2024-04", start="2024-04-01")
    assert figure(per_child, "re_referrals", "2024-04")[:2] == (3.0, 4.0)
    # A system that fills it per row (referrals before that row's date) gives the same answer.
    per_row = run(_worked_example((1, 2), (0, 1)), month="2024-04", start="2024-04-01")
    assert figure(per_row, "re_referrals", "2024-04")[:2] == (3.0, 4.0)


def test_assessments_in_45_working_days(run) -> None:
    start, auth = "Continuous Assessment Start Date", "Continuous Assessment Date of Authorisation"
    rows = [
        {ID: "A1", start: d("2024-06-03"), auth: d("2024-08-05")},  # 45 WD
        {ID: "A2", start: d("2024-06-03"), auth: d("2024-08-06")},  # 46 WD
        {ID: "A3", start: None, auth: d("2024-08-07")},  # no start: left out of timescale
        {ID: "A4", start: d("2024-08-01"), auth: None},  # still open
        {ID: "A5", start: d("2024-08-01"), auth: d("2024-08-01")},  # same day
        {ID: "A6", start: d("2024-08-01"), auth: d("2024-09-01")},  # September
    ]
    r = run({4: rows}, start="2024-06-01")
    assert figure(r, "assessments_completed", "2024-08")[2] == 4
    assert figure(r, "assessments_in_timescale", "2024-08") == (2.0, 3.0, 200 / 3)
    left = issues_of(r, "left-out")
    assert left["row"].tolist() == [4]
    assert "assessments_in_timescale" in left["message"].iloc[0]
