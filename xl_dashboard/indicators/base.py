"""What compute functions share: the context they read and small helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..calendar import month_end
from ..inputs.annex_a import AnnexA
from ..inputs.annex_a_spec import LISTS
from ..issues import Issues
from ..settings import Settings
from .teams import children_by_team, team_counts

PART_COLUMNS = ["period", "breakdown", "numerator", "denominator"]

ComputeFn = Callable[["Context"], pd.DataFrame]


@dataclass
class Context:
    """The inputs a compute function reads, and where it reports the rows it leaves out."""

    annex: AnnexA
    settings: Settings
    months: list[pd.Period]  # the months this indicator is computed for
    workers: dict[str, bool]
    issues: Issues
    indicator_id: str = ""  # the indicator being computed (set by the engine)
    by_team: bool = False  # it is shown by team too (set by the engine from the catalogue)
    _left_out: list[pd.DataFrame] = field(default_factory=list)

    def list(self, list_no: int) -> pd.DataFrame:
        return self.annex.lists[list_no]

    @property
    def periods(self) -> list[str]:
        return [str(m) for m in self.months]

    @property
    def reporting_period(self) -> str:
        return str(self.settings.reporting_month)

    def teams_of(self, frame: pd.DataFrame) -> bool:
        """Team rows are due: the indicator is shown by team and the list has Allocated Team."""
        return self.by_team and "team" in frame

    def left_out(self, list_no: int, rows: pd.Series | np.ndarray, why: str) -> None:
        """Note rows left out of the indicator being computed (numerator and denominator
        alike), with the reason."""
        rows = np.asarray(rows)
        if len(rows):
            self._left_out.append(
                pd.DataFrame(
                    {"list": list_no, "row": rows, "why": why, "indicator": self.indicator_id}
                )
            )

    def report_left_out(self) -> None:
        """One data-quality issue per row and reason, naming every indicator it was left out of."""
        if not self._left_out:
            return
        df = pd.concat(self._left_out, ignore_index=True)
        grouped = (
            df.groupby(["list", "why", "row"], sort=True)["indicator"]
            .agg(lambda s: ", ".join(sorted(set(s))))
            .reset_index()
        )
        for (list_no, why), part in grouped.groupby(["list", "why"], sort=True):
            self.issues.add(
                "left-out",
                "warning",
                self.annex.sheet(int(list_no)),
                [f"{why}: left out of {ids}." for ids in part["indicator"]],
                rows=part["row"].to_numpy(),
                column=_header_in(int(list_no), str(why)),
            )
        self._left_out.clear()


def _header_in(list_no: int, why: str) -> str:
    """The Annex A header a reason names (reasons start 'No <header>' or similar)."""
    return next((c.header for c in LISTS[list_no] if c.header in why), "")


def month_of(dates: pd.Series, periods: Iterable[str]) -> pd.Series:
    """`YYYY-MM` of each date when it falls in one of `periods`, else missing."""
    months = dates.to_numpy().astype("datetime64[M]")
    wanted = np.array(list(periods), dtype="datetime64[M]")
    inside = np.isin(months, wanted)
    labels = np.full(len(months), None, dtype=object)
    if inside.any():
        labels[inside] = np.datetime_as_string(months[inside], unit="M").astype(object)
    return pd.Series(labels, index=dates.index, dtype=object)


def in_months(frame: pd.DataFrame, date: str, periods: list[str]) -> pd.DataFrame:
    """The rows whose `date` falls in one of `periods`, with that month as `period`."""
    period = month_of(frame[date], periods)
    inside = period.notna()
    return frame[inside].assign(period=period[inside])


def counts_by_month(
    period: pd.Series, periods: list[str], numerator: pd.Series | np.ndarray | None = None
) -> pd.DataFrame:
    """Denominator = rows per period; numerator = rows where `numerator` is true (or the count)."""
    index = pd.Index(periods).get_indexer(period)
    index = index[index >= 0] if numerator is None else index
    den = np.bincount(index[index >= 0], minlength=len(periods)).astype(float)
    if numerator is None:
        return pd.DataFrame(
            {"period": periods, "breakdown": "", "numerator": den, "denominator": np.nan}
        )
    flag = np.asarray(numerator, dtype=bool)
    num = np.bincount(index[(index >= 0) & flag], minlength=len(periods)).astype(float)
    return pd.DataFrame({"period": periods, "breakdown": "", "numerator": num, "denominator": den})


def tally(ctx: Context, rows: pd.DataFrame, numerator: object = None) -> pd.DataFrame:
    """Per month: the rows (denominator) and those flagged by `numerator` (else a plain count),
    `rows["period"]` placing each row; for an indicator shown by team, also the reporting month
    per team, each row in its own row's team."""
    flags = None if numerator is None else np.asarray(numerator, dtype=bool)
    months = counts_by_month(rows["period"], ctx.periods, flags)
    if not ctx.teams_of(rows):
        return months
    now = (rows["period"] == ctx.reporting_period).to_numpy()
    teams = team_counts(
        ctx.reporting_period, rows["team"].to_numpy()[now], None if flags is None else flags[now]
    )
    return pd.concat([months, teams], ignore_index=True)


def open_at(frame: pd.DataFrame, m1: pd.Timestamp) -> np.ndarray:
    """Episodes open at M1: start <= M1 and (end blank or end > M1)."""
    start, end = frame["start"], frame["end"]
    return ((start <= m1) & (end.isna() | (end > m1))).to_numpy()


def distinct(frame: pd.DataFrame, mask: np.ndarray | pd.Series) -> int:
    """Distinct children among the rows selected by mask (`child` = integer child code)."""
    codes = frame["child"].to_numpy()[np.asarray(mask, dtype=bool)]
    return int(np.count_nonzero(np.bincount(codes[codes >= 0]))) if len(codes) else 0


def snapshot(
    ctx: Context,
    list_no: int,
    measure: Callable[[pd.DataFrame, pd.Timestamp], tuple[np.ndarray, np.ndarray | None]],
) -> pd.DataFrame:
    """Per month: distinct children in the cohort (denominator) and in the numerator mask.

    `measure(episodes, M1)` returns (cohort mask, numerator mask or None for a plain count).
    Rows without a start date or a child id are left out and reported. For an indicator shown
    by team, the reporting month per team too (see teams.children_by_team)."""
    episodes = usable(ctx, list_no, ("start", "child_id"))
    out = []
    teams = []
    for month in ctx.months:
        m1 = month_end(month)
        cohort, numerator = measure(episodes, m1)
        den = distinct(episodes, cohort)
        if numerator is None:
            out.append((str(month), "", float(den), np.nan))
        else:
            out.append((str(month), "", float(distinct(episodes, cohort & numerator)), float(den)))
        if str(month) == ctx.reporting_period and ctx.teams_of(episodes):
            teams.append(children_by_team(episodes, cohort, numerator, str(month)))
    return pd.concat([pd.DataFrame(out, columns=PART_COLUMNS), *teams], ignore_index=True)


def usable(ctx: Context, list_no: int, keys: tuple[str, ...]) -> pd.DataFrame:
    """The list's rows that have every named field; the others are reported as left out."""
    frame = ctx.list(list_no)
    ok = np.ones(len(frame), dtype=bool)
    for key in keys:
        blank = frame[key].isna().to_numpy()
        if blank.any():
            ctx.left_out(list_no, frame.loc[blank & ok, "row"], f"No {_header(list_no, key)}")
        ok &= ~blank
    return frame[ok] if not ok.all() else frame


def _header(list_no: int, key: str) -> str:
    return next(c.header for c in LISTS[list_no] if c.key == key)
