import datetime as dt

import holidays
import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from xl_dashboard.calendar import add_wd, bank_holidays, month_end, parse_month, wd

# Independent of the code under test: the holidays package itself.
HOLIDAYS = set(holidays.country_holidays("GB", subdiv="ENG", years=range(2000, 2041)))


def naive_wd(a: dt.date, b: dt.date) -> int:
    """Day by day: weekdays that are not bank holidays, from a (inclusive) to b (exclusive)."""
    n, day = 0, a
    while day < b:
        if day.weekday() < 5 and day not in HOLIDAYS:
            n += 1
        day += dt.timedelta(days=1)
    return n


def test_known_working_days() -> None:
    assert wd("2024-08-05", "2024-08-05") == 0  # same day
    assert wd("2024-08-05", "2024-08-06") == 1  # Monday to Tuesday
    assert wd("2024-08-23", "2024-08-27") == 1  # over the August bank holiday
    assert wd("2024-03-28", "2024-04-02") == 1  # Good Friday and Easter Monday
    assert wd("2024-12-23", "2024-12-27") == 2  # Christmas Day and Boxing Day
    assert wd("2024-12-20", "2025-01-14") == 14


def test_add_working_days() -> None:
    assert add_wd("2024-12-20", 15) == np.datetime64("2025-01-15")
    assert add_wd("2024-03-28", 45) == np.datetime64("2024-06-05")


def test_missing_dates_give_nan() -> None:
    out = wd(
        pd.Series(pd.to_datetime(["2024-01-02", None])),
        pd.Series(pd.to_datetime(["2024-01-05"] * 2)),
    )
    assert out[0] == 3 and np.isnan(out[1])


def test_bank_holidays_include_england_only_days() -> None:
    assert dt.date(2024, 4, 1) in HOLIDAYS  # Easter Monday
    assert dt.date(2024, 8, 26) in HOLIDAYS  # summer bank holiday (England)
    assert dt.date(2024, 8, 5) not in HOLIDAYS  # Scotland's summer bank holiday


@settings(max_examples=300, deadline=None)
@given(
    st.dates(dt.date(2012, 1, 1), dt.date(2030, 12, 31)),
    st.integers(min_value=0, max_value=400),
)
def test_wd_matches_a_day_by_day_count(a: dt.date, span: int) -> None:
    b = a + dt.timedelta(days=span)
    assert wd(a, b) == naive_wd(a, b)


def test_months() -> None:
    m = parse_month("2014-08")
    assert month_end(m) == pd.Timestamp("2014-08-31")
    assert parse_month(dt.date(2014, 8, 17)) == m


def test_the_bank_holiday_table_is_what_the_holidays_package_says() -> None:
    for first, last in ((2000, 2040), (2023, 2026)):
        package = holidays.country_holidays("GB", subdiv="ENG", years=range(first, last + 1))
        assert [pd.Timestamp(d).date() for d in bank_holidays(first, last)] == sorted(package)
    assert dt.date(2023, 5, 8) in HOLIDAYS  # the coronation's extra bank holiday
    assert len(bank_holidays(1995, 1999)) > 0  # outside the table: from the package
