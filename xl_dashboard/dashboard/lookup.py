"""Look-ups over the results for the layout: figures by key and month, comparators, targets,
commentary, and the month labels the reference prints."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..commentary import draft, typed
from ..indicators.catalogue import STANDARD_COMPARATORS
from ..indicators.engine import Results
from ..indicators.signals import number_or_none as _num
from ..indicators.signals import spc_of, targets_of
from ..indicators.teams import TEAM_PREFIX
from .model import WITHHELD, Key, Value

SOURCE_NAMES = {"annex_a": "Annex A", "figures": "monthly figures", "history": "history"}


def withheld_rows(data: pd.DataFrame) -> list[bool]:
    """Which result rows are withheld: the `suppressed` column of a published pack
    (disclosure.suppress); none without it."""
    if "suppressed" not in data:
        return [False] * len(data)
    return [bool(x) if pd.notna(x) else False for x in data["suppressed"]]


def month_label(period: pd.Period) -> str:
    """`Jun-14`, as the reference heads its columns."""
    return period.strftime("%b-%y")


def months_label(first: pd.Period, last: pd.Period) -> str:
    """`Sep 2024`, `Apr–Aug 2024` or `Nov 2023–Feb 2024`."""
    if first == last:
        return f"{first.strftime('%b %Y')}"
    if first.year == last.year:
        return f"{first.strftime('%b')}–{last.strftime('%b %Y')}"
    return f"{first.strftime('%b %Y')}–{last.strftime('%b %Y')}"


def sources_label(sources: list[tuple[pd.Period, str]]) -> str:
    """`Apr–Aug 2024 from monthly figures; Sep 2024 from Annex A` for months (in order) and
    their sources; a run of months ends where the source changes or a month is missing."""
    runs: list[tuple[pd.Period, pd.Period, str]] = []
    for period, source in sources:
        if runs and runs[-1][2] == source and runs[-1][1] + 1 == period:
            runs[-1] = (runs[-1][0], period, source)
        else:
            runs.append((period, period, source))
    return "; ".join(f"{months_label(a, b)} from {SOURCE_NAMES.get(s, s)}" for a, b, s in runs)


def ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def date_range_label(first: pd.Period, last: pd.Period) -> str:
    """`1st June – 31st August 2014` (the year once when both ends share it)."""
    start, end = first.start_time, last.end_time
    left = f"{ordinal(start.day)} {start.strftime('%B')}"
    if start.year != end.year:
        left += f" {start.year}"
    return f"{left} – {ordinal(end.day)} {end.strftime('%B %Y')}"


@dataclass(frozen=True)
class SpcPoint:
    mean: float | None
    lower: float | None
    upper: float | None
    signal: str  # '' for common cause, else the rule (spc.SIGNALS)
    colour: str  # improvement | concern | neither | ''


class Lookup:
    """The results, indexed for the layout."""

    def __init__(self, results: Results) -> None:
        self.results = results
        self.settings = results.settings
        month = results.settings.reporting_month
        assert month is not None, "the reporting month is resolved by the engine"
        self.month: pd.Period = month
        d = results.data
        withheld = withheld_rows(d)
        self._rows: dict[tuple[str, str, str], tuple[Value, Value, Value]] = {
            (str(i), str(b), str(p)): (WITHHELD,) * 3 if w else (_num(n), _num(den), _num(v))
            for i, b, p, n, den, v, w in zip(
                d["indicator_id"],
                d["breakdown"],
                d["period"],
                d["numerator"],
                d["denominator"],
                d["value"],
                withheld,
                strict=True,
            )
        }
        self._sources: dict[tuple[str, str, str], str] = {
            (str(i), str(b), str(p)): str(s)
            for i, b, p, s, v, w in zip(
                d["indicator_id"],
                d["breakdown"],
                d["period"],
                d["source"],
                d["value"],
                withheld,
                strict=True,
            )
            if w or _num(v) is not None
        }
        self._targets = targets_of(results)
        self._teams: dict[tuple[str, str], list[str]] = {}
        for i, b, p in zip(d["indicator_id"], d["breakdown"], d["period"], strict=True):
            if isinstance(b, str) and b.startswith(TEAM_PREFIX):
                self._teams.setdefault((str(i), str(p)), []).append(b)
        self.spc = spc_of(results)  # one row per month shown of each headline series
        spc = self.spc
        self._spc: dict[tuple[str, str, str], SpcPoint] = {
            (str(i), str(b), str(p)): SpcPoint(_num(m), _num(lo), _num(hi), str(sig), str(col))
            for i, b, p, m, lo, hi, sig, col in zip(
                spc["indicator_id"],
                spc["breakdown"],
                spc["period"],
                spc["mean"],
                spc["lower"],
                spc["upper"],
                spc["signal"],
                spc["polarity_colour"],
                strict=True,
            )
        }
        last = spc.groupby(["indicator_id", "breakdown"], sort=False).tail(1)
        self._icons: dict[tuple[str, str], tuple[str, str, str]] = {
            (str(i), str(b)): (str(v), str(a), str(r))
            for i, b, v, a, r in zip(
                last["indicator_id"],
                last["breakdown"],
                last["variation"],
                last["assurance"],
                last["reason"],
                strict=True,
            )
        }
        self.drafts = draft(results, self.spc)

    def teams(self, indicator_id: str, period: pd.Period) -> list[str]:
        """The team breakdowns ('Team: ...') the indicator has in the month."""
        return self._teams.get((indicator_id, str(period)), [])

    def spc_point(self, key: Key, period: pd.Period) -> SpcPoint | None:
        """The month's centre line, limits and signal, when the series has them."""
        return self._spc.get((key.indicator_id, key.breakdown, str(period)))

    def icons(self, key: Key) -> tuple[str, str, str]:
        """(variation, assurance, why none) of the series' last month: '' when it has no
        process limits (the reason says why) or no target (assurance)."""
        return self._icons.get((key.indicator_id, key.breakdown), ("", "", ""))

    def window(self, months: int) -> list[pd.Period]:
        """The reporting month and the months before it, oldest first."""
        return [self.month - k for k in range(months - 1, -1, -1)]

    def labels(self, periods: list[pd.Period]) -> tuple[str, ...]:
        return tuple(month_label(p) for p in periods)

    def get(self, key: Key, period: pd.Period, field: str = "value") -> Value:
        row = self._rows.get((key.indicator_id, key.breakdown, str(period)))
        if row is None:
            return None
        return row[("numerator", "denominator", "value").index(field)]

    def values(self, key: Key, periods: list[pd.Period], field: str = "value") -> tuple[Value, ...]:
        return tuple(self.get(key, p, field) for p in periods)

    def source_note(self, key: Key, periods: list[pd.Period]) -> str:
        """Which months of `periods` come from which source, when they come from more than one
        (e.g. `Apr–Aug 2024 from monthly figures; Sep 2024 from Annex A`); else ''."""
        sources = [
            (p, self._sources[k])
            for p in periods
            if (k := (key.indicator_id, key.breakdown, str(p))) in self._sources
        ]
        return sources_label(sources) if len({s for _, s in sources}) > 1 else ""

    # --- comparators and targets ----------------------------------------------------------

    def comparator_name(self, comparator: str) -> str:
        return self.settings.region_name if comparator == "Region" else comparator

    def comparators(self, indicator_id: str) -> list[tuple[str, float]]:
        """(label as printed, value) for each benchmark of the indicator, in input order."""
        b = self.results.benchmarks
        if b is None or b.empty:
            return []
        rows = b[b["indicator_id"] == indicator_id]
        out = []
        for comparator, period, value in zip(
            rows["comparator"], rows["period_label"], rows["value"], strict=True
        ):
            v = _num(value)
            if v is None:
                continue
            label = self.comparator_name(str(comparator))
            period_text = period.strip() if isinstance(period, str) else ""
            if period_text and not re.search(r"\d", label):
                label = f"{label} {period_text}"
            out.append((label, v))
        return out

    def standard_comparators(self, indicator_id: str) -> tuple[Value, ...]:
        """England, statistical neighbours and region values (the latest row of each)."""
        b = self.results.benchmarks
        found: dict[str, Value] = {}
        if b is not None and not b.empty:
            rows = b[b["indicator_id"] == indicator_id]
            for comparator, value in zip(rows["comparator"], rows["value"], strict=True):
                if _num(value) is not None:
                    found[str(comparator).strip().lower()] = _num(value)
        return tuple(found.get(c.lower()) for c in STANDARD_COMPARATORS)

    def target(self, indicator_id: str) -> tuple[Value, Value]:
        """(target, amber tolerance); (None, None) when none is given."""
        return self._targets.get(indicator_id, (None, None))

    # --- commentary ----------------------------------------------------------------------

    def commentary(self, section: int) -> tuple[str, ...]:
        """The section's paragraphs typed for the reporting month (rows with no month too)."""
        return typed(self.results, section)
