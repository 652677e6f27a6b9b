"""Publication mode: small numbers suppressed, as the DfE publishes local authority tables.

Government Statistical Service practice (and the DfE's children in need and looked-after
releases): a count from 1 to [5] is shown as `c`, and so is any percentage or rate resting on
one (its numerator or denominator). Zero is a true zero and is shown. Secondary suppression:
where a headline is the sum of its breakdown (contacts by source, say), a single suppressed
breakdown row could be worked out as the headline minus the others, so the next smallest
breakdown row of that month is suppressed too. Each family of breakdown rows that sums to the
headline is treated alone: a breakdown named `Family: name` belongs to that family (the team
rows, `Team: ...`, are one), the others to the indicator's own breakdown (source groups, say)."""

from __future__ import annotations

import numpy as np
import pandas as pd

SUPPRESSED = "c"  # the DfE's symbol for a figure withheld for confidentiality
NUMBERS = ("numerator", "denominator", "value")


def suppress(data: pd.DataFrame, largest_small: int = 5) -> pd.DataFrame:
    """The results table with a `suppressed` column; suppressed rows have no numbers left, so
    no output can show them by mistake."""
    num, den = data["numerator"].astype(float), data["denominator"].astype(float)
    small = _is_small(num, largest_small) | _is_small(den, largest_small)
    counts = data["unit"] == "count"
    small |= counts & _is_small(data["value"].astype(float), largest_small)
    secondary = _secondary(data, small)
    out = data.assign(suppressed=small | secondary)
    out.loc[out["suppressed"], list(NUMBERS)] = np.nan
    return out


def _is_small(values: pd.Series, largest_small: int) -> pd.Series:
    return (values >= 1) & (values <= largest_small)


def _secondary(data: pd.DataFrame, primary: pd.Series) -> pd.Series:
    """Breakdown rows to withhold so that no suppressed row can be derived from its headline:
    in each indicator, month and family of breakdown rows (teams, or the others) with a shown
    headline, while exactly one row is withheld, withhold the smallest other non-zero one."""
    extra = pd.Series(False, index=data.index)
    parts = data[data["breakdown"] != ""]
    headline_shown = (
        data[(data["breakdown"] == "") & ~primary].set_index(["indicator_id", "period"]).index
    )
    family = parts["breakdown"].astype(str).str.extract(r"^([^:]*): ", expand=False).fillna("")
    for key, rows in parts.groupby(["indicator_id", "period", family], sort=False):
        if key[:2] not in headline_shown or len(rows) < 2:
            continue
        hidden = primary[rows.index]
        if hidden.sum() != 1:
            continue
        size = rows["denominator"].where(rows["denominator"].notna(), rows["numerator"])
        candidates = size[~hidden & (size > 0)]
        if len(candidates):
            extra[candidates.astype(float).idxmin()] = True
    return extra
