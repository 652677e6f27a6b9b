"""Allocation to a qualified social worker: Annex A Allocated Worker + the Workers sheet."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..inputs import worker_key
from .base import Context


def qualified(ctx: Context, list_no: int, episodes: pd.DataFrame) -> np.ndarray:
    """True where the row's allocated worker is a qualified social worker.

    Blank worker = unallocated (not qualified). A worker missing from the Workers sheet counts
    as not qualified and is reported once per name."""
    names = episodes["worker"]
    keys = names.map(worker_key, na_action="ignore")
    known = keys.map(ctx.workers, na_action="ignore")
    unknown = keys.notna() & known.isna()
    if unknown.any():
        first = episodes[unknown].drop_duplicates("worker")
        ctx.issues.add(
            "unknown-worker",
            "warning",
            ctx.annex.sheet(list_no),
            [
                f"Allocated Worker '{w}' is not on the Workers sheet: counted as not qualified."
                for w in first["worker"]
            ],
            rows=first["row"].to_numpy(),
            column="Allocated Worker",
        )
    return known.eq(True).to_numpy()  # unknown or blank worker: not qualified
