"""Drafted commentary: for a page with no commentary typed for the reporting month, a few plain
English sentences written from its figures, for the author to edit before publishing.

One sentence per notable indicator of the page (catalogue `section`, headline figures only),
naming its figures as the pack prints them:

    Re-referrals rose to 23.9% in August, from 21.0% in July, now above England's 22.4%, the
    third month in a row above the mean of 21.2%.

An indicator is notable for any of these, and its sentence's place on the page is its most
important one, in this order (`PRIORITY`):

1. special-cause variation on the reporting month that is a concern (spc.py, by polarity);
2. a RAG status worse than last month's (status.rag against the Targets sheet);
3. special-cause variation that is an improvement;
4. a RAG status better than last month's;
5. England or the statistical neighbours crossed since last month (now above or below);
6. special-cause variation in a volume (polarity none);
7. a change in a count of at least `VOLUME_CHANGE_PCT` % since last month.

Ties go to the larger change (volumes) and then to catalogue order; a page gets at most
`MAX_SENTENCES`. The same figures always give the same text.

**A withheld figure is never quoted.** The figures come from `signals.shown_data`, where a
withheld (`c`) month has none: an indicator whose reporting month is withheld gets no sentence;
one whose previous month is withheld is said to be at its figure, with no rise or fall, no
percentage change, no RAG change and no comparator crossed (each would tell something of the
withheld month). SPC clauses use the SPC table only where its points are the shown figures
(signals.spc_of computes it from them), so no mean or limit rests on a withheld month."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from .indicators.catalogue import CATALOGUE, SECTIONS, Indicator
from .indicators.results import Results
from .indicators.signals import number_or_none, shown_data, targets_of
from .settings import Settings
from .status import rag

__all__ = ["DRAFT_LABEL", "MAX_SENTENCES", "PRIORITY", "draft", "typed"]

DRAFT_LABEL = "Draft commentary (generated): edit before publishing"
MAX_SENTENCES = 5
VOLUME_CHANGE_PCT = 10.0  # a count's month-on-month change worth a sentence
RUN_MENTION = 3  # months in a row on one side of the mean worth a clause
CROSSED_COMPARATORS = ("England", "Statistical neighbours")
PRIORITY = (
    "special cause, concerning",
    "RAG worse",
    "special cause, improving",
    "RAG better",
    "comparator crossed",
    "special cause in a volume",
    "volume change",
)
CONCERN, WORSE, IMPROVING, BETTER, CROSSED, SPECIAL, VOLUME = range(len(PRIORITY))
NOTHING = (
    "No figure on this page shows special-cause variation, a change of RAG status, a "
    "comparator crossed or a large change in volume in {month}."
)
WITHHELD_NOTE = " Figures withheld for confidentiality are left out."

_RAG_NAMES = {"G": "green", "A": "amber", "R": "red"}
_RAG_RANK = {"R": 0, "A": 1, "G": 2}
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
             "tenth", "eleventh", "twelfth")  # fmt: skip
_SIGNAL_TIERS = {"concern": CONCERN, "improvement": IMPROVING, "neither": SPECIAL}
_SIGNAL_WORDS = {"concern": "concerning", "improvement": "improving", "neither": ""}


# --- typed commentary ---------------------------------------------------------------------------


def typed(results: Results, section: int) -> tuple[str, ...]:
    """The section's paragraphs typed on the Commentary sheet for the reporting month, in order
    (a row with no month counts for every month; `section` is 1-4 or the page name)."""
    c = results.commentary
    if c is None or c.empty:
        return ()
    names = {name.lower(): n for n, name in SECTIONS.items()}
    month = str(results.settings.reporting_month)
    out = []
    for sec, when, text in zip(c["section"], c["month"], c["text"], strict=True):
        if not isinstance(text, str) or not text.strip():
            continue
        if _section_number(sec, names) != section:
            continue
        if isinstance(when, str) and when.strip() and when.strip()[:7] != month:
            continue
        out.append(text.strip())
    return tuple(out)


def _section_number(section: object, names: dict[str, int]) -> int | None:
    text = str(section).strip()
    number = number_or_none(text)
    return int(number) if number is not None else names.get(text.lower())


# --- formatting as the pack prints ---------------------------------------------------------------


def _rounded(x: float, places: int) -> Decimal:
    """Rounded half away from zero, as Excel displays a number."""
    return Decimal(repr(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def figure_text(x: float, unit: str, *, with_unit: bool = True) -> str:
    """A figure as the pack's number formats print it: counts `1,234`, percentages `23.9%`,
    rates `41.2 per 10,000` (`with_unit=False`: `41.2`)."""
    if unit == "count":
        return f"{int(_rounded(x, 0)):,}"
    text = str(_rounded(x, 1))
    if unit == "%":
        return f"{text}%"
    return f"{text} per 10,000" if with_unit else text


def _again(x: float, unit: str) -> str:
    """A figure after the sentence has named its unit: a rate without `per 10,000`."""
    return figure_text(x, unit, with_unit=False)


def short_name(ind: Indicator, settings: Settings) -> str:
    """The indicator's title as a sentence's subject: `Percentage of re-referrals` →
    `Re-referrals`, `Rate of LAC per 10,000 ...` → `The rate of LAC`."""
    title = ind.title_for(settings)
    for pattern, replacement in (
        (r"^Percentage of (.+)$", r"\1"),
        (r"^% (.+)$", r"\1"),
        (r"^Rate of (.+?) per 10,000.*$", r"The rate of \1"),
        (r"^Number of (.+)$", r"The number of \1"),
    ):
        if re.match(pattern, title):
            title = re.sub(pattern, replacement, title)
            break
    return title[:1].upper() + title[1:]


def _ordinal(n: int) -> str:
    if n <= len(_ORDINALS):
        return _ORDINALS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# --- one indicator --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """A drafted sentence and where it goes: its most important fact (`PRIORITY`), then the
    size of its change (volumes), then the indicator's catalogue position."""

    tier: int
    size: float
    position: int
    text: str

    @property
    def order(self) -> tuple[int, float, int]:
        return (self.tier, -self.size, self.position)


@dataclass(frozen=True)
class Page:
    """What every sentence of a build needs besides its own indicator's figures."""

    results: Results
    shown: pd.DataFrame  # headline rows as shown, indexed by (indicator_id, period)
    spc: dict[str, pd.DataFrame]  # the SPC rows of each indicator whose points are shown
    targets: dict[str, tuple[float | None, float | None]]
    comparators: dict[str, dict[str, float]]  # indicator → comparator → latest value
    month: pd.Period

    def value(self, indicator_id: str, period: pd.Period) -> float | None:
        key = (indicator_id, str(period))
        return number_or_none(self.shown.at[key, "value"]) if key in self.shown.index else None

    def withheld(self, indicator_id: str, period: pd.Period) -> bool:
        key = (indicator_id, str(period))
        return key in self.shown.index and bool(self.shown.at[key, "withheld"])


def _sentence(page: Page, ind: Indicator, position: int, quiet: set[str]) -> Sentence | None:
    """The indicator's sentence, or None when nothing about it stands out (or its reporting
    month is withheld). `quiet`: indicators whose special cause is told by another's sentence."""
    month, previous = page.month, page.month - 1
    this, last = page.value(ind.id, month), page.value(ind.id, previous)
    if this is None:
        return None
    tiers: list[int] = []
    clauses: list[str] = []
    size = 0.0

    head = _movement(short_name(ind, page.results.settings), ind.unit, this, last, month, previous)
    if last is not None and ind.unit == "count" and last > 0:
        change = 100 * (this - last) / last
        if abs(change) >= VOLUME_CHANGE_PCT:
            tiers.append(VOLUME)
            size = abs(change)

    target, tolerance = page.targets.get(ind.id, (None, None))
    now, before = (rag(v, target, tolerance, ind.polarity) for v in (this, last))
    if now and before and now != before and target is not None:
        tiers.append(WORSE if _RAG_RANK[now] < _RAG_RANK[before] else BETTER)
        clauses.append(
            f"turning {_RAG_NAMES[now]} against its {_again(target, ind.unit)} target "
            f"({_RAG_NAMES[before]} in {previous.strftime('%B')})"
        )

    crossed = _crossed(page.comparators.get(ind.id, {}), this, last, ind.unit)
    if crossed:
        tiers.append(CROSSED)
        clauses.append(crossed)

    rows = page.spc.get(ind.id)
    if rows is not None and ind.id not in quiet:
        tier, spc_clauses = _spc_clauses(rows, month, ind.unit)
        if tier is not None:
            tiers.append(tier)
        if tiers:  # a run is worth telling beside other news, not alone
            clauses += spc_clauses
    if not tiers:
        return None
    return Sentence(min(tiers), size, position, head + "".join(f", {c}" for c in clauses) + ".")


def _movement(
    name: str, unit: str, this: float, last: float | None, month: pd.Period, previous: pd.Period
) -> str:
    """`Referrals rose 18% to 1,234 in August, from 1,046 in July`; with no figure for last
    month, `Referrals stood at 1,234 in August` (no rise or fall: last month may be withheld)."""
    now = figure_text(this, unit)
    if last is None:
        return f"{name} stood at {now} in {month.strftime('%B')}"
    before = _again(last, unit)
    if figure_text(last, unit) == now:
        return f"{name} stayed at {now} in {month.strftime('%B')}"
    verb = "rose" if this > last else "fell"
    by = ""
    if unit == "count" and last > 0:
        change = int(_rounded(abs(100 * (this - last) / last), 0))
        by = f" {change}%" if change >= 1 else ""
    then, was = month.strftime("%B"), previous.strftime("%B")
    return f"{name} {verb}{by} to {now} in {then}, from {before} in {was}"


def _crossed(comparators: dict[str, float], this: float, last: float | None, unit: str) -> str:
    """`now above England's 22.4% and statistical neighbours' 20.8%` for the comparators the
    figure has moved across since last month (strictly from one side to the other)."""
    if last is None:
        return ""
    passed = []
    for name in CROSSED_COMPARATORS:
        value = comparators.get(name.lower())
        if value is None or np.sign(this - value) * np.sign(last - value) >= 0:
            continue  # on the same side, or on the comparator: not crossed
        owner = "England's" if name == "England" else "statistical neighbours'"
        passed.append((this > value, f"{owner} {_again(value, unit)}"))
    if not passed:
        return ""
    side = "above" if passed[0][0] else "below"
    return f"now {side} " + " and ".join(text for _, text in passed)


def _spc_clauses(rows: pd.DataFrame, month: pd.Period, unit: str) -> tuple[int | None, list[str]]:
    """The tier of the reporting month's special cause (None for common cause) and the clauses
    telling it and any run on one side of the mean of `RUN_MENTION` months or more."""
    last = rows.iloc[-1]
    if last["period"] != str(month) or pd.isna(last["mean"]):
        return None, []
    limited = rows[rows["mean"].notna()]
    values, mean = limited["value"].to_numpy(dtype=float), float(last["mean"])
    side = np.sign(values - mean)
    run = _trailing(side == side[-1]) if side[-1] != 0 else 0
    above = "above" if side[-1] > 0 else "below"
    run_clause = f"the {_ordinal(run)} month in a row {above} the mean of {_again(mean, unit)}"

    signal, colour = str(last["signal"]), str(last["polarity_colour"])
    clauses = []
    if signal == "outside":
        high = last["value"] > last["upper"]
        limit = float(last["upper"] if high else last["lower"])
        # "just" where the figure and the limit print alike (24.21 beyond 24.20)
        just = "just " if _again(limit, unit) == _again(float(last["value"]), unit) else ""
        clauses.append(
            f"{just}{'above' if high else 'below'} its {'upper' if high else 'lower'} process "
            f"limit of {_again(limit, unit)}"
        )
    elif signal == "trend":
        rising = values[-1] > values[-2]
        steps = np.diff(values)
        count = _trailing(steps > 0 if rising else steps < 0)
        clauses.append(f"the {_ordinal(count)} {'rise' if rising else 'fall'} in a row")
    elif signal == "two_of_three":
        edge = "upper" if side[-1] > 0 else "lower"
        clauses.append(f"near its {edge} process limit in two of the last three months")
    elif signal == "shift":
        clauses.append(run_clause)
    if signal:
        words = _SIGNAL_WORDS[colour]
        clauses[-1] += f" (special cause{': ' + words if words else ''})"
    if signal != "shift" and run >= RUN_MENTION:
        clauses.append(run_clause)
    return (_SIGNAL_TIERS[colour] if signal else None), clauses


def _trailing(flags: np.ndarray) -> int:
    """How many of the last flags in a row are true."""
    return int(np.argmin(flags[::-1])) if not flags.all() else len(flags)


# --- a build --------------------------------------------------------------------------------------


def draft(results: Results, spc: pd.DataFrame) -> dict[int, tuple[str, ...]]:
    """Drafted sentences for each page (SECTIONS) with no commentary typed for the reporting
    month; a page with typed commentary is not in the answer, one with no figures for the month
    has no sentences. `spc` is `signals.spc_of` of the same results: rows whose points are not
    the figures shown are not used."""
    page = _page(results, spc)
    quiet = _told_by_their_count(page)
    drafts: dict[int, tuple[str, ...]] = {}
    for section in SECTIONS:
        if typed(results, section):
            continue
        found = [
            s
            for position, ind in enumerate(CATALOGUE)
            if ind.section == section and (s := _sentence(page, ind, position, quiet))
        ]
        texts = tuple(s.text for s in sorted(found, key=lambda s: s.order)[:MAX_SENTENCES])
        drafts[section] = texts or _nothing_new(page, section)
    return drafts


def _nothing_new(page: Page, section: int) -> tuple[str, ...]:
    """The draft of a page where nothing stands out: one sentence saying so (and that withheld
    figures were not looked at, when some were), or none when the page has no figures at all
    for the month."""
    on_page = [ind.id for ind in CATALOGUE if ind.section == section]
    if not any(
        page.value(i, page.month) is not None or page.withheld(i, page.month) for i in on_page
    ):
        return ()
    withheld = any(page.withheld(i, m) for i in on_page for m in (page.month, page.month - 1))
    return (
        NOTHING.format(month=f"{page.month.strftime('%B')}") + (WITHHELD_NOTE if withheld else ""),
    )


def _page(results: Results, spc: pd.DataFrame) -> Page:
    data = shown_data(results)
    headline = data[data["breakdown"].fillna("").astype(str) == ""]
    hidden = (
        headline["suppressed"].fillna(False).astype(bool)
        if "suppressed" in headline
        else pd.Series(False, index=headline.index)
    )
    shown = pd.DataFrame(
        {
            "value": pd.to_numeric(headline["value"], errors="coerce").to_numpy(dtype=float),
            "withheld": hidden.to_numpy(),
        },
        index=pd.MultiIndex.from_arrays(
            [headline["indicator_id"].astype(str), headline["period"].astype(str)]
        ),
    )
    shown = shown[~shown.index.duplicated(keep="first")]
    month = results.settings.reporting_month
    assert month is not None, "the reporting month is resolved by the engine"
    return Page(
        results=results,
        shown=shown,
        spc=_spc_on_shown(spc, shown),
        targets=targets_of(results),
        comparators=_comparators(results.benchmarks),
        month=month,
    )


def _spc_on_shown(spc: pd.DataFrame, shown: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The SPC rows by indicator, keeping only indicators every point of which is a figure
    shown (so an SPC table computed before suppression can never leak into a sentence)."""
    if spc is None or spc.empty:
        return {}
    if "breakdown" in spc:  # the headline series only: sentences are about headline figures
        spc = spc[spc["breakdown"].fillna("").astype(str) == ""]
    keys = list(zip(spc["indicator_id"].astype(str), spc["period"].astype(str), strict=True))
    figures = shown["value"].reindex(keys).to_numpy(dtype=float)
    points = spc["value"].to_numpy(dtype=float)
    agrees = pd.Series(np.isclose(points, figures, rtol=0, atol=1e-9), index=spc.index)
    good = agrees.groupby(spc["indicator_id"]).transform("all")
    return {
        str(i): rows.reset_index(drop=True)
        for i, rows in spc[good].groupby("indicator_id", sort=False)
    }


def _comparators(benchmarks: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Indicator → comparator (lower case) → value, the last row of each winning (as on the
    Summary)."""
    found: dict[str, dict[str, float]] = {}
    if benchmarks is None or benchmarks.empty:
        return found
    for indicator_id, comparator, value in zip(
        benchmarks["indicator_id"], benchmarks["comparator"], benchmarks["value"], strict=True
    ):
        v = number_or_none(value)
        if v is not None:
            found.setdefault(str(indicator_id), {})[str(comparator).strip().lower()] = v
    return found


def _told_by_their_count(page: Page) -> set[str]:
    """Rates whose count has special cause on the reporting month: the rate is the same series
    over the population, so its own signal would repeat the count's."""
    month = str(page.month)

    def signalled(indicator_id: str) -> bool:
        rows = page.spc.get(indicator_id)
        return rows is not None and bool(((rows["period"] == month) & (rows["signal"] != "")).any())

    return {ind.id for ind in CATALOGUE if ind.rate_of and signalled(ind.rate_of)}
