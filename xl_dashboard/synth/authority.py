"""The synthetic authority: its window, working-day calendar, children and case records.

The list generators (front_door, child_protection, looked_after, children_in_need,
leavers_adoption, workers) fill the records in dependency order; see annex_a.build_authority.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .codes import ETHNIC_P, GENDER_P, NO, YES
from .dates import DAY, NAT, Calendar, Window, add_months, age, date_parts, days, uniform_dates
from .draws import choice, seeded
from .scales import Scale

Records = dict[str, np.ndarray]  # one list's records: equal-length arrays by field


class Children:
    """Synthetic children: ID, gender, ethnicity, date of birth and disability, shared by lists."""

    def __init__(self, rng: np.random.Generator, w1: np.datetime64) -> None:
        self._rng = rng
        self._w1 = w1
        self._parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        self.n = 0

    def dobs(self, ages: np.ndarray, n: int, *, unborn: float = 0.0) -> np.ndarray:
        """Dates of birth for children whose age at the window end follows weights `ages`."""
        years = choice(self._rng, ages / ages.sum(), n)
        dob = self._w1 - days(years * 365.25 + self._rng.integers(0, 365, n))
        return np.where(self._rng.random(n) < unborn, NAT, dob)

    def add(
        self,
        dob: np.ndarray,
        *,
        disabled: float | np.ndarray = 0.06,
        ethnicity: np.ndarray | None = None,
    ) -> np.ndarray:
        """Register children with these dates of birth; return their indices."""
        n = len(dob)
        rng = self._rng
        gender = choice(rng, GENDER_P, n)
        eth = choice(rng, ETHNIC_P if ethnicity is None else ethnicity, n)
        r = rng.random(n)
        dis = np.where(r < disabled, YES, np.where(r < 0.97, NO, -1))
        dis = np.where(np.asarray(disabled) >= 1, YES, dis)
        self._parts.append((np.asarray(dob, dtype="M8[D]"), gender, eth, dis))
        self.n += n
        return np.arange(self.n - n, self.n)

    def dob_of(self, child: np.ndarray) -> np.ndarray:
        """Dates of birth of registered children (usable before `finish`)."""
        return np.concatenate([part[0] for part in self._parts])[child]

    def finish(self) -> None:
        """Fix the attribute arrays and draw unique alphanumeric IDs."""
        self.dob = np.concatenate([p[0] for p in self._parts])
        self.gender = np.concatenate([p[1] for p in self._parts])
        self.ethnicity = np.concatenate([p[2] for p in self._parts])
        self.disability = np.concatenate([p[3] for p in self._parts])
        numbers = self._rng.choice(9_000_000, self.n, replace=False) + 1_000_000
        self.ids = np.array([f"SY{v}" for v in numbers.tolist()], dtype=object)
        self.age = age(self.dob, self._w1)


class Authority:
    """The case records of one synthetic authority over and before the window."""

    contacts: Records  # List 1
    eh: Records  # List 2
    contact_rate: np.ndarray  # contacts a day of each child the contacts registered
    referrals: Records  # List 3
    referral_history: Records  # the referred children's referrals from h0 to s0
    assess: Records  # List 4
    s47: Records  # List 5
    cin: Records  # List 6
    cwd_children: np.ndarray  # children with disabilities among the long-running CIN cases
    cp: Records  # List 7
    lac: Records  # List 8
    leavers: Records  # List 9
    adoption: Records  # List 10
    adopters: Records  # List 11
    matched_families: np.ndarray  # adopter families with a match
    worker: np.ndarray  # allocated worker per child
    team: np.ndarray  # allocated team per child

    def __init__(self, scale: Scale, win: Window, seed: int) -> None:
        self.sc = scale
        self.win = win
        self.seed = seed
        self.w0, self.w1 = win.w0, win.w1
        self.s0 = self.w0 - 150 * DAY  # the event stream starts before the window
        # Referrals from h0 to s0 are kept as dates only, for the 12-month look-back.
        self.h0 = add_months(np.array([self.s0]), -13)[0]
        y1 = date_parts(self.w1)[0]
        self.cal = Calendar(y1 - 8, y1 + 1)
        self.kids = Children(seeded(seed, 2), self.w1)

    def rng(self, stream: int) -> np.random.Generator:
        """The random stream of one generation step."""
        return seeded(self.seed, 100 + stream)

    def dates_in_window(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """`n` dates drawn uniformly from the window."""
        return uniform_dates(rng, np.repeat(self.w0, n), np.repeat(self.w1, n))

    def age_at(self, child: np.ndarray, at: np.ndarray | np.datetime64) -> np.ndarray:
        """Approximate age in years at `at` (NaN where the date of birth is unknown)."""
        dob = self.kids.dob_of(child)
        years = (at - dob).astype("int64") / 365.25
        return np.where(np.isnat(dob), np.nan, years)

    def open_at_end(self, rows: Records) -> np.ndarray:
        """Children whose episode in `rows` is still open at the window end."""
        return rows["child"][np.isnat(rows["end"]) & (rows["start"] <= self.w1)]

    def episodes_in_window(
        self, child: np.ndarray, start: np.ndarray, end: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """End dates with those after the window blanked (still open), and the mask of episodes
        open during the window that do not overlap an earlier episode of the same child."""
        end = np.where(end > self.w1, NAT, end)
        keep = (start <= self.w1) & (np.isnat(end) | (end >= self.w0))
        keep &= ~_overlaps(child, start, end)
        return end, keep


def _overlaps(child: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Mask of episodes that start while an earlier episode of the same child is still open."""
    far = np.datetime64("2200-01-01", "D")
    frame = pd.DataFrame(
        {
            "child": child,
            "start": start.astype("int64"),
            "end": np.where(np.isnat(end), far, end).astype("int64"),
        }
    )
    frame = frame.sort_values(["child", "start"], kind="stable")
    prev = frame.groupby("child")["end"].cummax().groupby(frame["child"]).shift()
    bad = (frame["start"] <= prev).fillna(False).to_numpy(dtype=bool)
    out = np.zeros(len(child), dtype=bool)
    out[frame.index.to_numpy()] = bad
    return out


def first_per_child(child: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The first of `rows` (indices into `child`) for each child, in row order."""
    _, first = np.unique(child[rows], return_index=True)
    return rows[np.sort(first)]
