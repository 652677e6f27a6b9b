"""The synthetic Annex A and input workbook generator, read back as a user's software would."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import holidays
import numpy as np
import openpyxl
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from xl_dashboard.cli import main
from xl_dashboard.indicators.catalogue import CATALOGUE
from xl_dashboard.synth import (
    HEADERS,
    SCALES,
    synthesise_annex_a,
    synthesise_input_workbook,
    worker_names,
)
from xl_dashboard.synth.annex_a import authority_of
from xl_dashboard.synth.authority import Authority
from xl_dashboard.synth.county_report import county_report

LISTS = [f"List {i}" for i in range(1, 12)]
NBSP = "\xa0"
PLACEHOLDERS = {"#N/A", "N/A", "-"}
INPUT_HEADERS = {
    "Settings": ["Setting", "Value"],
    "Population": ["Year", "Population aged 0-17"],
    "Monthly figures": [
        "indicator_id",
        "breakdown",
        "period",
        "numerator",
        "denominator",
        "value",
        "note",
    ],
    "Benchmarks": ["indicator_id", "comparator", "period_label", "value"],
    "Targets": ["indicator_id", "target", "amber tolerance"],
    "Commentary": ["section", "month", "text"],
    "Workers": ["Allocated Worker", "Qualified social worker"],
}


def sheets(path: Path) -> dict[str, list[list[object]]]:
    """Every sheet as rows of cached cell values (blank cells are '')."""
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def norm(header: object) -> str:
    text = re.sub(r"[^a-z0-9]", "", str(header).lower())
    return {"age": "ageofchildyears"}.get(text, text)


def column(rows: list[list[object]], header: str) -> list[object]:
    j = [norm(h) for h in rows[0]].index(norm(header))
    return [r[j] for r in rows[1:] if any(c != "" for c in r)]


ISO_TEXT = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:[ T]\d\d:\d\d(?::\d\d)?)?")


def as_date(value: object) -> dt.date | None:
    """A cell as a date: real date, Excel serial number, dd/mm/yyyy text or ISO yyyy-mm-dd
    text (perhaps with a time); else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and value > 0:
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    if isinstance(value, str):
        try:
            iso = ISO_TEXT.fullmatch(value.strip())
            if iso:
                return dt.date(*map(int, iso.groups()))
            return dt.datetime.strptime(value.strip(), "%d/%m/%Y").date()
        except ValueError:
            return None
    return None


def workers_in(book: dict[str, list[list[object]]]) -> set[str]:
    names = set()
    for rows in book.values():
        if "allocatedworker" in [norm(h) for h in rows[0]]:
            for value in column(rows, "Allocated Worker"):
                text = str(value).strip()
                if text and text not in PLACEHOLDERS:
                    names.add(text)
    return names


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("synth") / "small.xlsx"
    return path, synthesise_annex_a(path, end="2024-09", months=6, scale="small", seed=11)


@pytest.fixture(scope="module")
def small_clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synth") / "clean.xlsx"
    synthesise_annex_a(path, end="2024-09", months=6, scale="small", seed=11, messy=False)
    return path


def test_sheets_headers_and_row_counts(small: tuple[Path, dict[str, int]]) -> None:
    path, counts = small
    book = sheets(path)
    assert list(book) == LISTS
    assert list(counts) == LISTS
    for name, rows in book.items():
        assert [norm(h) for h in rows[0]] == [norm(h) for h in HEADERS[name]], name
        filled = [r for r in rows[1:] if any(c != "" for c in r)]
        assert len(filled) == counts[name], name
    assert counts["List 1"] > 1500  # six months of about 300 contacts
    # Header drift as in real extracts, and spelled as Ofsted's template elsewhere.
    assert "Date of Referral" in book["List 3"][0]
    assert "Age" in book["List 4"][0]
    assert "CHILD UNIQUE ID" in book["List 6"][0]
    assert any(NBSP in str(h) for rows in book.values() for h in rows[0])
    assert book["List 8"][0] == HEADERS["List 8"]


def test_messiness_is_present_at_low_rates(small: tuple[Path, dict[str, int]]) -> None:
    path, counts = small
    book = sheets(path)
    l1 = book["List 1"]
    cells = [c for rows in book.values() for r in rows[1:] for c in r if isinstance(c, str)]
    gender = column(l1, "Gender")
    source = column(l1, "Contact Source")
    assert "b) Female" in gender and "q) 6: Police" in source
    assert {"Female", "Male"} & set(gender) and "6" in source
    yes_no = {c for c in cells if c in {"Yes", "Y", "yes", "No", "N", "no"}}
    assert len(yes_no) >= 3
    assert any(c.startswith(NBSP) or c.endswith(NBSP) for c in cells)
    for placeholder in PLACEHOLDERS:
        assert placeholder in cells

    contact = column(l1, "Date of Contact")
    serials = [c for c in contact if isinstance(c, float)]
    texts = [c for c in contact if isinstance(c, str) and re.fullmatch(r"\d\d/\d\d/\d{4}", c)]
    real = [c for c in contact if isinstance(c, dt.date)]
    assert 0.005 * len(contact) <= len(serials) <= 0.05 * len(contact)
    assert 0.005 * len(contact) <= len(texts) <= 0.05 * len(contact)
    assert len(real) > 0.9 * len(contact)
    assert all(40000 < s < 50000 for s in serials)
    assert any(isinstance(c, str) and as_date(c) is None for c in contact)
    assert any(re.fullmatch(r"3[01]/02/\d{4}", c) for c in cells)  # impossible dates
    codes = re.compile(r"^(?:[a-z]1?\) )?(?:1[ABCD]|2[AB]|3[A-F]|4|5[A-D]|6|7|8|9|10)(?::.*)?$")
    unknown = [s for s in source if s and str(s).strip() not in PLACEHOLDERS]
    assert any(not codes.match(str(s).strip()) for s in unknown)

    rows = [tuple(r) for r in l1[1:] if any(c != "" for c in r)]
    duplicates = sum(n - 1 for n in Counter(rows).values() if n > 1)
    assert 1 <= duplicates <= 0.02 * len(rows)
    middle = l1[1:-1]
    assert any(all(c == "" for c in r) for r in middle)

    # Formulas keep their cached values: openpyxl sees the formula, calamine the value (an
    # error value such as =NA()'s #N/A comes back as a blank cell).
    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    found = 0
    for name in LISTS:
        for row in formulas[name].iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                found += 1
                cached = book[name][cell.row - 1][cell.column - 1]
                if cell.value == "=NA()":
                    assert values[name][cell.coordinate].value == "#N/A"
                    continue
                assert cached != "", (name, cell.coordinate, cell.value)
                if cell.value.startswith("=DATE("):
                    y, m, d = map(int, re.findall(r"\d+", cell.value))
                    assert cached == dt.date(y, m, d)
    assert found >= 5


def test_clean_workbook_has_none_of_it(small_clean: Path) -> None:
    book = sheets(small_clean)
    for name, rows in book.items():
        assert rows[0] == HEADERS[name], name
        body = [tuple(r) for r in rows[1:]]
        assert all(any(c != "" for c in r) for r in body), name
        assert max(Counter(body).values()) == 1, name
    for header in ("Date of Contact", "Date of Birth"):
        values = [v for v in column(book["List 1"], header) if v != ""]
        assert all(isinstance(v, dt.date) for v in values)
    cells = [c for rows in book.values() for r in rows for c in r if isinstance(c, str)]
    assert not any(NBSP in c for c in cells)
    assert not PLACEHOLDERS & set(cells)
    ws = openpyxl.load_workbook(small_clean, read_only=True)["List 1"]
    assert not any(isinstance(c.value, str) and c.value.startswith("=") for r in ws.rows for c in r)


def _working_days(a: dt.date, b: dt.date) -> int:
    days = holidays.country_holidays("GB", subdiv="ENG", years=range(2023, 2026))
    return int(np.busday_count(a, b, holidays=sorted(days)))


def test_records_hang_together(small_clean: Path) -> None:
    book = sheets(small_clean)
    ids = {n: {r[0] for r in rows[1:]} for n, rows in book.items()}
    every = set().union(*(ids[f"List {i}"] for i in range(1, 11)))
    assert all(re.fullmatch(r"[A-Z]{2}\d+", i) for i in every)
    # Every child on a plan or in care has a CIN episode; referrals come from contacts.
    assert ids["List 7"] <= ids["List 6"] and ids["List 8"] <= ids["List 6"]
    assert len(ids["List 3"] & ids["List 1"]) > 0.9 * len(ids["List 3"])

    # About 25-35% of contacts lead to a referral of the same child 0-7 working days later.
    referrals: dict[str, list[dt.date]] = {}
    l3 = book["List 3"]
    for child, day in zip(
        column(l3, "Child Unique ID"), column(l3, "Date of referral"), strict=True
    ):
        referrals.setdefault(child, []).append(day)
    l1 = book["List 1"]
    contacts = list(zip(column(l1, "Child Unique ID"), column(l1, "Date of Contact"), strict=True))
    converted = sum(
        any(0 <= _working_days(day, r) <= 7 and r >= day for r in referrals.get(child, []))
        for child, day in contacts
    )
    assert 0.25 <= converted / len(contacts) <= 0.35

    l5 = book["List 5"]
    strategy = column(l5, "Strategy discussion initiating Section 47 Enquiry Start Date")
    icpc = column(l5, "Date of Initial Child Protection Conference")
    held = [(s, c) for s, c in zip(strategy, icpc, strict=True) if c != ""]
    assert 0.3 <= len(held) / len(strategy) <= 0.7
    assert any(c < s for s, c in held), "a few ICPCs dated before the strategy discussion"

    l7 = book["List 7"]
    end = dt.date(2024, 9, 30)
    visits = column(l7, "Date of the Last Statutory Visit")
    assert any(v != "" and v > end for v in visits) and "" in visits
    starts = column(l7, "Child Protection Plan Start Date")
    assert any(s <= dt.date(2022, 9, 30) for s in starts)
    assert "" in column(l3, "Number of Referrals in Last 12 Months")
    l8 = book["List 8"]
    assert any(str(s).startswith(("V3", "V4")) for s in column(l8, "Child's Legal Status"))
    assert max(Counter(column(l8, "Child Unique ID")).values()) == 2


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("synth") / "county.xlsx"
    return path, synthesise_annex_a(path, scale="county", seed=2)


def test_county_contacts_per_month(county: tuple[Path, dict[str, int]]) -> None:
    path, counts = county
    assert 900 <= counts["List 8"] <= 1400  # children in care at the end or during the window
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("List 1").to_python()
    months = Counter(
        (d.year, d.month) for d in map(as_date, column(rows, "Date of Contact")) if d is not None
    )
    assert sorted(months) == [(2024, m) for m in range(4, 10)]
    for month, n in months.items():
        assert 0.8 * 3000 <= n <= 1.2 * 3000, (month, n)
    sources = Counter(str(s).strip() for s in column(rows, "Contact Source"))
    police = sum(n for s, n in sources.items() if s in {"q) 6: Police", "6"})
    assert 0.25 <= police / sum(sources.values()) <= 0.35


def _referral_dates(path: Path) -> tuple[Authority, dict[str, list[dt.date]]]:
    """The county a workbook was cut from, and every referral date of each child in its records
    (the year before the event stream included), by Child Unique ID."""
    la = authority_of(path)
    assert la is not None
    every: dict[str, list[dt.date]] = {}
    for part in (la.referral_history, la.referrals):
        for child, day in zip(part["child"].tolist(), part["date"].tolist(), strict=True):
            every.setdefault(str(la.kids.ids[child]), []).append(day)
    return la, every


def _in_year_before(dates: list[dt.date], day: dt.date) -> int:
    """How many of `dates` fall in [day - 12 months, day)."""
    start = (pd.Timestamp(day) - pd.DateOffset(months=12)).date()
    return sum(start <= d < day for d in dates)


def test_referral_count_is_per_child(small_clean: Path) -> None:
    """Number of Referrals in Last 12 Months as Ofsted defines it: for each child, the referrals
    in the 12 months before the child's latest listed referral L (those before the extract
    window included), the same on each of the child's rows."""
    l3 = sheets(small_clean)["List 3"]
    rows: dict[str, list[tuple[dt.date, object]]] = {}
    for child, day, n in zip(
        column(l3, "Child Unique ID"),
        column(l3, "Date of referral"),
        column(l3, "Number of Referrals in Last 12 Months"),
        strict=True,
    ):
        rows.setdefault(str(child), []).append((day, n))
    _, every = _referral_dates(small_clean)
    several = [c for c, r in rows.items() if len(r) > 1]
    assert len(several) >= 20
    differ = [c for c in several if len({n for _, n in rows[c] if n != ""}) > 1]
    assert len(differ) <= 2, differ  # the couple of children counted per row, as some systems do
    agree = before_list = 0
    for child, listed in rows.items():
        latest = max(day for day, _ in listed)
        given = {n for day, n in listed if day == latest and n != ""}
        truth = _in_year_before(every[child], latest)
        agree += given == {truth} or not given
        before_list += truth > _in_year_before([day for day, _ in listed], latest)
    assert agree >= 0.97 * len(rows)  # a few are one out, as in real extracts
    assert before_list >= 0.05 * len(rows)  # referrals from before the window count


def test_county_counts_re_referrals_by_the_contract(small_clean: Path) -> None:
    """The county's own re-referral figures: a referral is a re-referral when the child had
    another referral in the 12 months before it; about 22% of referrals, as in England."""
    la, every = _referral_dates(small_clean)
    report = county_report(la, {})
    expected: Counter[tuple[str, bool]] = Counter()
    r = la.referrals
    for child, day in zip(r["child"].tolist(), r["date"].tolist(), strict=True):
        month = f"{day.year}-{day.month:02d}"
        if month in report.re_referrals:
            expected[month, _in_year_before(every[str(la.kids.ids[child])], day) > 0] += 1
    assert set(report.re_referrals) >= set(report.window)
    for month, (again, referrals) in report.re_referrals.items():
        assert (again, referrals) == (
            expected[month, True],
            expected[month, True] + expected[month, False],
        )
    total = np.array(list(report.re_referrals.values())).sum(axis=0)
    assert 0.18 <= total[0] / total[1] <= 0.26


def test_some_dates_are_iso_text(small: tuple[Path, dict[str, int]]) -> None:
    """As SQL reports write them: yyyy-mm-dd text, with or without a time part."""
    book = sheets(small[0])
    for name, header in (("List 1", "Date of Contact"), ("List 8", "Date of Birth")):
        cells = column(book[name], header)
        iso = [c for c in cells if isinstance(c, str) and ISO_TEXT.fullmatch(c)]
        assert 0.005 * len(cells) <= len(iso) <= 0.05 * len(cells), (name, len(iso))
        assert all(as_date(c) is not None for c in iso)
    every = [
        c
        for rows in book.values()
        for r in rows[1:]
        for c in r
        if isinstance(c, str) and ISO_TEXT.fullmatch(c)
    ]
    assert any(len(c) == 10 for c in every) and any(len(c) > 10 for c in every)
    assert any("T" in c for c in every) and any(" " in c for c in every)


def test_under_fives_in_care(county: tuple[Path, dict[str, int]]) -> None:
    """About a fifth of the children in care are under 5, with their Date of Birth; their last
    health assessment is mostly within 6 months, some 6-12 months old (due every 6 months)."""
    l8 = sheets(county[0])["List 8"]
    end = dt.date(2024, 9, 30)
    under_5, in_care, no_dob, ages = 0, 0, 0, []
    for dob, start, ceased, health in zip(
        *(
            map(as_date, column(l8, h))
            for h in (
                "Date of Birth",
                "Date Started to be Looked After",
                "Date Ceased to be Looked After",
                "Date of Last Health Assessment",
            )
        ),
        strict=True,
    ):
        if start is None or start > end or (ceased is not None and ceased <= end):
            continue
        in_care += 1
        no_dob += dob is None
        if dob is None or pd.Timestamp(dob) + pd.DateOffset(years=5) <= pd.Timestamp(end):
            continue
        under_5 += 1
        if start <= dt.date(2023, 9, 30) and health is not None:
            ages.append((end - health).days)
    assert 0.15 <= under_5 / in_care <= 0.3
    assert no_dob <= 0.02 * in_care  # a stray placeholder or two
    assert len(ages) >= 30
    within_6 = sum(a <= 182 for a in ages)
    assert within_6 >= 0.7 * len(ages)
    assert sum(182 < a <= 365 for a in ages) >= 0.05 * len(ages)


@pytest.mark.slow
def test_large_scale_has_sixty_thousand_contacts(tmp_path: Path) -> None:
    counts = synthesise_annex_a(tmp_path / "large.xlsx", scale="large", seed=1)
    assert counts["List 1"] >= 60_000
    assert SCALES["large"].contacts_per_month >= 11_000


def test_same_arguments_same_bytes(tmp_path: Path) -> None:
    a, b, c = (tmp_path / f"{x}.xlsx" for x in "abc")
    assert synthesise_annex_a(a, scale="small", seed=4) == synthesise_annex_a(
        b, scale="small", seed=4
    )
    synthesise_annex_a(c, scale="small", seed=5)
    assert a.read_bytes() == b.read_bytes() != c.read_bytes()
    x, y = tmp_path / "x.xlsx", tmp_path / "y.xlsx"
    synthesise_input_workbook(x, seed=4, annex_a_path=a)
    synthesise_input_workbook(y, seed=4, annex_a_path=a)
    assert x.read_bytes() == y.read_bytes()


def test_input_workbook(small: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    annex, _ = small
    path = tmp_path / "inputs.xlsx"
    synthesise_input_workbook(path, end="2024-09", months=6, seed=11, annex_a_path=annex)
    book = sheets(path)
    assert list(book) == list(INPUT_HEADERS)
    for name, headers in INPUT_HEADERS.items():
        assert book[name][0] == headers, name
        assert len(book[name]) > 1, name

    settings = {r[0]: r[1] for r in book["Settings"][1:]}
    assert settings["Local authority"] == "Synthshire"
    assert settings["Reporting month"] == "2024-09"
    assert settings["Annex A start"] == dt.date(2024, 4, 1)
    assert [r[0] for r in book["Population"][1:]][-1] == 2024

    # Workers: every name used in the lists, about 90% qualified.
    used = workers_in(sheets(annex))
    workers = {str(r[0]): r[1] for r in book["Workers"][1:]}
    assert used and used <= set(workers)
    assert set(workers.values()) == {"Yes", "No"}
    assert 0.8 <= list(workers.values()).count("Yes") / len(workers) <= 0.97
    # Without the Annex A file the sheet lists every worker name of the seed.
    alone = tmp_path / "alone.xlsx"
    synthesise_input_workbook(alone, seed=11)
    listed = {str(r[0]) for r in sheets(alone)["Workers"][1:]}
    assert listed == set(worker_names(11)) and used <= listed

    figures = book["Monthly figures"][1:]
    window = [f"2024-{m:02d}" for m in range(4, 10)]
    for indicator in (i.id for i in CATALOGUE if i.source == "figures"):
        periods = {r[2] for r in figures if r[0] == indicator}
        assert set(window) <= periods, indicator
        assert min(periods) < window[0], indicator
    for r in figures:
        if r[3] != "" and r[5] != "":  # value given with its counts: must agree
            assert abs(100 * r[3] / r[4] - r[5]) <= 0.05
    targets = {r[0] for r in book["Targets"][1:]}
    assert targets == {i.id for i in CATALOGUE if i.polarity in ("up", "down")}
    comparators = {(r[0], r[1]) for r in book["Benchmarks"][1:]}
    for indicator in ("re_referrals", "cin_rate", "cp_rate", "lac_rate"):
        for comparator in ("England", "Statistical neighbours", "Region"):
            assert (indicator, comparator) in comparators
    commentary = book["Commentary"][1:]
    assert {r[1] for r in commentary} == {"2024-09"}
    # Typed for the first page only: the demo shows the other pages drafted.
    assert len({r[0] for r in commentary}) == 1 and all(len(r[2]) > 40 for r in commentary)


def test_worker_names_are_shared_and_stable() -> None:
    names = worker_names(3)
    assert names == worker_names(3) != worker_names(4)
    assert len(set(names)) == len(names) >= SCALES["large"].workers
    assert SCALES["county"].workers == 80


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"end": "2024-9"}, "YYYY-MM"), ({"scale": "city"}, "scale"), ({"months": 0}, "months")],
)
def test_bad_arguments(tmp_path: Path, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        synthesise_annex_a(tmp_path / "x.xlsx", **kwargs)  # type: ignore[arg-type]


def test_an_annex_a_workbook_names_the_county_it_was_cut_from(
    small_clean: Path, tmp_path: Path
) -> None:
    """The input workbook rebuilds the county from the workbook's document properties."""
    county = authority_of(small_clean)
    assert county is not None
    in_window = (county.contacts["date"] >= county.w0) & (county.contacts["date"] <= county.w1)
    listed = CalamineWorkbook.from_path(str(small_clean)).get_sheet_by_name("List 1").to_python()
    assert int(in_window.sum()) == len(column(listed, "Date of Contact"))
    other = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(other)
    assert authority_of(other) is None
    assert authority_of(tmp_path / "missing.xlsx") is None


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    assert main(["demo", "-o", str(folder), "--quiet"]) == 0
    return folder


def test_demo_shows_no_step_where_figures_give_way_to_annex_a(demo: Path) -> None:
    """Each count the demo shows from both sources (a count indicator, or the number of
    children a percentage is of) runs on from its last Monthly figures month into its first
    Annex A month (issue 7: children in need once jumped 2,555 → 3,601 there)."""
    data = pd.read_csv(demo / "indicator_data.csv", dtype={"breakdown": str}, keep_default_na=False)
    switched = []
    for (indicator, breakdown), rows in data.groupby(["indicator_id", "breakdown"]):
        count = pd.to_numeric(rows["value" if rows["unit"].iloc[0] == "count" else "denominator"])
        rows = rows.assign(count=count).dropna(subset=["count"])
        annex = rows[rows["source"] == "annex_a"].sort_values("period")
        figures = rows[(rows["source"] == "figures") & (rows["period"] < annex["period"].min())]
        if annex.empty or figures.empty:
            continue
        last, first = figures.sort_values("period").iloc[-1], annex.iloc[0]
        assert pd.Period(first["period"], freq="M") - 1 == pd.Period(last["period"], freq="M")
        step = first["count"] / last["count"]
        assert 0.9 <= step <= 1.1, (indicator, breakdown, last, first)
        # ... and by no more than the series moves from one Annex A month to the next.
        counts = annex["count"].to_numpy()
        if len(counts) > 1:
            usual = np.abs(np.log(counts[1:] / counts[:-1])).max()
            assert abs(np.log(step)) <= usual, (indicator, breakdown, step, usual)
        switched.append(indicator)
    assert {"cin_open", "cp_open", "lac_open", "cin_allocated_qualified", "re_referrals"} <= set(
        switched
    )
    # The re-referral rate too runs on: the county's own figures count re-referrals as the
    # contract does, from the same referrals Annex A lists.
    rates = data[data["indicator_id"] == "re_referrals"].set_index("period")
    first = rates[rates["source"] == "annex_a"].index.min()
    last = rates[(rates["source"] == "figures") & (rates.index < first)].index.max()
    step = float(rates.loc[first, "value"]) - float(rates.loc[last, "value"])
    assert abs(step) <= 4, (last, first, step)


def test_demo_figures_agree_with_annex_a_where_both_give_a_month(demo: Path) -> None:
    data = pd.read_csv(demo / "indicator_data.csv", dtype={"breakdown": str}, keep_default_na=False)
    annex = data[data["source"] == "annex_a"]
    annex = annex.assign(computed=pd.to_numeric(annex["value"]))
    figures = pd.read_excel(demo / "inputs.xlsx", sheet_name="Monthly figures", engine="calamine")
    figures["breakdown"] = figures["breakdown"].fillna("").astype(str)
    percent = figures["indicator_id"].map({i.id: i.unit for i in CATALOGUE}) == "%"
    from_counts = (100 * figures["numerator"] / figures["denominator"]).where(
        percent, figures["numerator"]
    )
    figures["given"] = figures["value"].fillna(from_counts)
    both = figures.merge(annex, on=["indicator_id", "breakdown", "period"])
    assert len(both) >= 3 * 5  # three open-case counts in five months of the extract at least
    ratio = both["computed"] / both["given"]
    assert ratio.between(0.95, 1.05).all(), both.loc[~ratio.between(0.95, 1.05)]


def test_demo_summary_has_spc_icons_for_every_monthly_indicator(demo: Path) -> None:
    """Issue 10: with the demo's two-year history every monthly indicator has process limits,
    so the Summary shows its variation icon, and an assurance icon wherever it has a target."""
    import openpyxl

    ws = openpyxl.load_workbook(demo / "dashboard.xlsx")["Summary"]
    header = {ws.cell(5, c).value: c for c in range(1, ws.max_column + 1)}
    variation, assurance, target = header["Variation"], header["Assurance"], header["Target"]
    rows = [
        r
        for r in range(6, ws.max_row + 1)
        if ws.cell(r, 2).value is not None and ws.cell(r, 3).value is not None
    ]
    assert len(rows) >= 30
    for r in rows:
        title = ws.cell(r, 1).value
        assert ws.cell(r, variation).value not in (None, "", "–"), title
        if isinstance(ws.cell(r, target).value, int | float):
            assert ws.cell(r, assurance).value not in (None, "", "–"), title
