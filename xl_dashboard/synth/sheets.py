"""From case records to Annex A columns: every list cut from the synthetic authority."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..inputs.annex_a_spec import (
    AGE,
    CHILD_ID,
    DATE_OF_BIRTH,
    DISABILITY_HEADER,
    ETHNICITY_HEADER,
    GENDER_HEADER,
    TEAM,
    WORKER,
)
from ..inputs.annex_a_spec import ANNEX_A_HEADERS as HEADERS
from .codes import (
    ABUSE,
    CASE_STATUS,
    CLOSURE,
    ELIGIBILITY,
    ETHNICITY,
    GENDER,
    IN_TOUCH,
    LEGAL,
    NEED,
    NO,
    PERMANENCE,
    REASON_CEASED,
    SOURCES,
    SUITABILITY,
    UNKNOWN_SOURCES,
    YES,
    YESNO,
    Codes,
)

if TYPE_CHECKING:
    from .authority import Authority, Records


@dataclass
class Col:
    """One Annex A column: its values and which kinds of messiness it may carry."""

    header: str
    kind: str  # "id" | "code" | "date" | "int" | "text"
    values: np.ndarray  # codes: int (-1 blank); dates: datetime64[D]; ints: float (NaN blank)
    codes: Codes | None = None
    key: bool = False  # the list's main field: never replaced by a placeholder
    bad_dates: bool = False  # may hold impossible dates such as 31/02/2024
    formula: bool = False  # a few cells written as formulas with cached values
    error_formula: bool = False  # a cell or two holding =NA() with cached #N/A
    unknown: tuple[str, ...] = ()  # unrecognised codes
    invalid: tuple[str, ...] = ()  # non-numeric text in a count column


def _common(a: Authority, child: np.ndarray, *, disability: bool) -> list[Col]:
    """The child's columns that open most lists."""
    k = a.kids
    cols = [
        Col(CHILD_ID.header, "id", k.ids[child], key=True),
        Col(GENDER_HEADER, "code", k.gender[child], GENDER),
        Col(ETHNICITY_HEADER, "code", k.ethnicity[child], ETHNICITY),
        Col(DATE_OF_BIRTH.header, "date", k.dob[child]),
        Col(AGE.header, "int", k.age[child]),
    ]
    if disability:
        cols.append(Col(DISABILITY_HEADER, "code", k.disability[child], YESNO))
    return cols


def _allocation(a: Authority, child: np.ndarray, blank: np.ndarray | None = None) -> list[Col]:
    """Allocated Team and Worker; `blank` rows have no worker and every other one no team."""
    worker = a.worker[child].copy()
    team = a.team[child].copy()
    if blank is not None:
        worker[blank] = None
        team[blank & (np.arange(len(child)) % 2 == 0)] = None
    return [Col(TEAM.header, "text", team), Col(WORKER.header, "text", worker)]


def _sorted(rows: Records, by: str, keep: np.ndarray | None = None) -> Records:
    """The kept rows (all by default), ordered by a date column then by child."""
    idx = np.arange(len(rows["child"])) if keep is None else np.flatnonzero(keep)
    idx = idx[np.lexsort((rows["child"][idx], rows[by][idx]))]
    return {name: values[idx] for name, values in rows.items()}


def _inside(a: Authority, d: np.ndarray) -> np.ndarray:
    """Mask of dates within the window."""
    return (d >= a.w0) & (d <= a.w1)


def sheets(a: Authority) -> dict[str, list[Col]]:
    """Cut every Annex A list from the synthetic authority's records."""
    rng = a.rng(20)  # drawn by Lists 3 and 6, in that order
    out = {
        "List 1": _list_1(a),
        "List 2": _list_2(a),
        "List 3": _list_3(a, rng),
        "List 4": _list_4(a),
        "List 5": _list_5(a),
        "List 6": _list_6(a, rng),
        "List 7": _list_7(a),
        "List 8": _list_8(a),
        "List 9": _list_9(a),
        "List 10": _list_10(a),
        "List 11": _list_11(a),
    }
    for name, cols in out.items():
        headers = [col.header for col in cols]
        if headers != HEADERS[name]:  # pragma: no cover - guards the column tables above
            raise AssertionError(f"{name} columns out of step with HEADERS")
    return out


def _list_1(a: Authority) -> list[Col]:
    """List 1: contacts in the window."""
    c = _sorted(a.contacts, "date", _inside(a, a.contacts["date"]))
    cols = _common(a, c["child"], disability=False)
    for col in cols:
        if col.header == ETHNICITY_HEADER:
            col.error_formula = True
    return cols + [
        Col("Date of Contact", "date", c["date"], key=True, bad_dates=True, formula=True),
        Col("Contact Source", "code", c["source"], SOURCES, formula=True, unknown=UNKNOWN_SOURCES),
    ]


def _list_2(a: Authority) -> list[Col]:
    """List 2: early help assessments started by the window end."""
    e = _sorted(a.eh, "start", a.eh["start"] <= a.w1)
    return _common(a, e["child"], disability=False) + [
        Col("Assessment start date", "date", e["start"], key=True, bad_dates=True),
        Col("Assessment completion date", "date", e["completed"]),
        Col("Organisation completing assessment", "text", e["org"]),
    ]


def _list_3(a: Authority, rng: np.random.Generator) -> list[Col]:
    """List 3: referrals in the window; a quarter of those closed NFA have no worker."""
    r = _sorted(a.referrals, "date", _inside(a, a.referrals["date"]))
    unallocated = (r["nfa"] == YES) & (rng.random(len(r["child"])) < 0.25)
    return (
        _common(a, r["child"], disability=False)
        + [
            Col("Date of referral", "date", r["date"], key=True, bad_dates=True, formula=True),
            Col("Referral Source", "code", r["source"], SOURCES, unknown=UNKNOWN_SOURCES),
            Col("Referral NFA?", "code", r["nfa"], YESNO),
            Col("Number of Referrals in Last 12 Months", "int", r["last_12m"]),
        ]
        + _allocation(a, r["child"], unallocated)
    )


def _list_4(a: Authority) -> list[Col]:
    """List 4: assessments open at some point in the window."""
    s = a.assess
    s = _sorted(s, "start", (s["start"] <= a.w1) & (np.isnat(s["auth"]) | (s["auth"] >= a.w0)))
    return (
        _common(a, s["child"], disability=True)
        + [
            Col("Continuous Assessment Start Date", "date", s["start"], key=True, bad_dates=True),
            Col("Child Seen During Continuous Assessment", "code", s["seen"], YESNO),
            Col("Continuous Assessment Date of Authorisation", "date", s["auth"], bad_dates=True),
            Col(
                "Was the child assessed as requiring LA children's social care support?",
                "code",
                s["support"],
                YESNO,
            ),
        ]
        + _allocation(a, s["child"])
    )


def _list_5(a: Authority) -> list[Col]:
    """List 5: strategy discussions in the window."""
    q = _sorted(a.s47, "strat", _inside(a, a.s47["strat"]))
    return (
        _common(a, q["child"], disability=True)
        + [
            Col(
                "Strategy discussion initiating Section 47 Enquiry Start Date",
                "date",
                q["strat"],
                key=True,
                bad_dates=True,
                formula=True,
            ),
            Col(
                "Was an Initial Child Protection Conference deemed unnecessary?",
                "code",
                q["unnecessary"],
                YESNO,
            ),
            Col("Date of Initial Child Protection Conference", "date", q["icpc"], bad_dates=True),
            Col(
                "Did the Initial Child Protection Conference Result in a Child Protection Plan",
                "code",
                q["plan"],
                YESNO,
            ),
            Col("Number of Section 47 Enquiries in the last 12 months", "int", q["s47_count"]),
            Col("Number of ICPCs in the last 12 months", "int", q["icpc_count"]),
        ]
        + _allocation(a, q["child"])
    )


def _list_6(a: Authority, rng: np.random.Generator) -> list[Col]:
    """List 6: children in need episodes; a few open cases have no worker."""
    n6 = _sorted(a.cin, "start")
    unallocated = (n6["status"] == 2) & (rng.random(len(n6["child"])) < 0.02)
    return (
        _common(a, n6["child"], disability=True)
        + [
            Col("CIN Start Date", "date", n6["start"], key=True, bad_dates=True),
            Col("Primary Need Code", "code", n6["need"], NEED),
            Col("Date Child Was Last Seen", "date", n6["seen"]),
            Col("CIN Closure Date", "date", n6["end"]),
            Col("Reason for Closure", "code", n6["reason"], CLOSURE),
            Col("Case Status", "code", n6["status"], CASE_STATUS),
        ]
        + _allocation(a, n6["child"], unallocated)
    )


def _list_7(a: Authority) -> list[Col]:
    """List 7: child protection plans."""
    p = _sorted(a.cp, "start")
    return (
        _common(a, p["child"], disability=True)
        + [
            Col(
                "Child Protection Plan Start Date",
                "date",
                p["start"],
                key=True,
                bad_dates=True,
                formula=True,
            ),
            Col("Initial Category of Abuse", "code", p["initial"], ABUSE),
            Col("Latest Category of Abuse", "code", p["latest"], ABUSE),
            Col("Date of the Last Statutory Visit", "date", p["visit"]),
            Col("Was the Child Seen Alone?", "code", p["alone"], YESNO),
            Col("Date of latest review conference", "date", p["review"]),
            Col("Child Protection Plan End Date", "date", p["end"]),
            Col(HEADERS["List 7"][13], "code", p["epo"], YESNO),
            Col(
                "Number of Previous Child Protection Plans",
                "int",
                p["previous"],
                formula=True,
                invalid=("unknown", "Not known", "TBC"),
            ),
        ]
        + _allocation(a, p["child"])
    )


def _list_8(a: Authority) -> list[Col]:
    """List 8: children looked after."""
    lac = _sorted(a.lac, "start")
    common8 = _common(a, lac["child"], disability=True)
    common8[2].error_formula = True
    h8 = HEADERS["List 8"]
    return (
        common8[:5]
        + [Col(h8[5], "code", np.where(lac["uasc"], YES, NO), YESNO), common8[5]]
        + [
            Col(h8[7], "date", lac["start"], key=True, bad_dates=True, formula=True),
            Col(h8[8], "code", lac["need"], NEED),
            Col(h8[9], "code", np.where(lac["second"], YES, NO), YESNO),
            Col(h8[10], "date", lac["legal_start"]),
            Col(h8[11], "code", lac["legal"], LEGAL),
            Col(h8[12], "date", lac["review"]),
            Col(h8[13], "date", lac["sw_visit"]),
            Col(h8[14], "code", lac["plan"], PERMANENCE),
            Col(h8[15], "date", lac["iro"]),
            Col(h8[16], "date", lac["health"]),
            Col(h8[17], "date", lac["dental"]),
            Col(h8[18], "int", lac["placements"]),
            Col(h8[19], "date", lac["end"]),
            Col(h8[20], "code", lac["reason"], REASON_CEASED),
            Col(h8[21], "date", lac["placed"]),
            Col(h8[22], "text", lac["ptype"]),
            Col(h8[23], "text", lac["provider"]),
            Col(h8[24], "text", lac["postcode"]),
            Col(h8[25], "text", lac["urn"]),
            Col(h8[26], "text", lac["location"]),
            Col(h8[27], "text", lac["la"]),
            Col(h8[28], "int", lac["missing"]),
            Col(h8[29], "int", lac["absent"]),
            Col(h8[30], "code", lac["offered"], YESNO),
            Col(h8[31], "code", lac["accepted"], YESNO),
        ]
        + _allocation(a, lac["child"])
    )


def _list_9(a: Authority) -> list[Col]:
    """List 9: care leavers, by child ID."""
    cl = a.leavers
    order = np.argsort(a.kids.ids[cl["child"]], kind="stable")
    cl = {k: v[order] for k, v in cl.items()}
    h9 = HEADERS["List 9"]
    return (
        _common(a, cl["child"], disability=True)
        + _allocation(a, cl["child"])
        + [
            Col(h9[8], "code", cl["category"], ELIGIBILITY, key=True),
            Col(h9[9], "code", cl["touch"], IN_TOUCH),
            Col(h9[10], "text", cl["accommodation"]),
            Col(h9[11], "code", cl["suitable"], SUITABILITY),
            Col(h9[12], "text", cl["activity"]),
            Col(h9[13], "code", cl["uasc"], YESNO),
            Col(h9[14], "text", cl["pa"]),
            Col(h9[15], "date", cl["pathway"]),
            Col(h9[16], "date", cl["contact"]),
        ]
    )


def _list_10(a: Authority) -> list[Col]:
    """List 10: children with adoption decisions."""
    ad = _sorted(a.adoption, "decision")
    common10 = _common(a, ad["child"], disability=True)
    h10 = HEADERS["List 10"]
    rd = np.where(ad["rd"] >= 0, np.array(["RD1", "RD2", "RD3", "RD4"])[ad["rd"]], None)
    return (
        common10[:1]
        + [Col(h10[1], "text", ad["family"])]
        + common10[1:]
        + [
            Col(h10[7], "date", ad["entered"]),
            Col(h10[8], "date", ad["decision"], key=True),
            Col(h10[9], "date", ad["order"]),
            Col(h10[10], "date", ad["match"]),
            Col(h10[11], "date", ad["placed"]),
            Col(h10[12], "date", ad["adopted"]),
            Col(h10[13], "date", ad["no_longer"]),
            Col(h10[14], "text", rd.astype(object)),
            Col(h10[15], "date", ad["ffa"]),
        ]
    )


def _list_11(a: Authority) -> list[Col]:
    """List 11: adopters."""
    ap = a.adopters
    h11 = HEADERS["List 11"]
    st = ap["stage"]
    return [
        Col(h11[0], "id", ap["id"], key=True),
        Col(h11[1], "text", ap["family"]),
        Col(h11[2], "code", ap["gender"], GENDER),
        Col(h11[3], "code", ap["ethnicity"], ETHNICITY),
        Col(h11[4], "code", ap["disability"], YESNO),
        Col(h11[5], "code", ap["ffa"], YESNO),
        Col(h11[6], "date", st[:, 0], key=True),
        Col(h11[7], "date", st[:, 1]),
        Col(h11[8], "date", st[:, 2]),
        Col(h11[9], "date", st[:, 3]),
        Col(h11[10], "date", st[:, 4]),
        Col(h11[11], "date", ap["submitted"]),
        Col(h11[12], "date", st[:, 5]),
        Col(h11[13], "date", st[:, 6]),
        Col(h11[14], "date", st[:, 7]),
        Col(h11[15], "int", ap["children"]),
        Col(h11[16], "date", st[:, 8]),
        Col(h11[17], "date", ap["leaving"]),
        Col(h11[18], "text", ap["reason"]),
    ]
