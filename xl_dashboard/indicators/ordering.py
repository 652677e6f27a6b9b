"""The order results are kept in: catalogue, then breakdown (headline first), then month."""

from __future__ import annotations

import pandas as pd

from .catalogue import CATALOGUE


def ordered(data: pd.DataFrame) -> pd.DataFrame:
    """Catalogue order, then breakdown order (headline first), then period; numbers as floats,
    breakdowns and periods as text."""
    order = {ind.id: i for i, ind in enumerate(CATALOGUE)}
    bd_rank = {(ind.id, b): j + 1 for ind in CATALOGUE for j, b in enumerate(ind.breakdowns)}
    data = data.assign(
        _i=data["indicator_id"].map(order),
        _b=[
            0 if b == "" else bd_rank.get((i, b), 999)
            for i, b in zip(data["indicator_id"], data["breakdown"], strict=True)
        ],
    )
    data = data.sort_values(["_i", "_b", "breakdown", "period"], kind="stable")
    data = data.drop(columns=["_i", "_b"]).reset_index(drop=True)
    for col in ("numerator", "denominator", "value"):
        data[col] = pd.to_numeric(data[col], errors="coerce").astype(float)
    data["breakdown"] = data["breakdown"].fillna("").astype(str)
    data["period"] = data["period"].astype(str)
    return data
