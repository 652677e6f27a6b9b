"""Random draws: one seeded stream per purpose, weighted choices and rows to alter."""

from __future__ import annotations

import numpy as np

from .codes import NO, YES


def seeded(seed: int, stream: int) -> np.random.Generator:
    """An independent random stream per purpose, so one list's draws never shift another's."""
    return np.random.default_rng(np.random.SeedSequence([seed, stream]))


def choice(rng: np.random.Generator, p: np.ndarray, n: int) -> np.ndarray:
    """`n` indices into the weights `p` (which sum to 1)."""
    return rng.choice(len(p), n, p=p)


def pick(rng: np.random.Generator, n: int, rate: float, minimum: int = 0) -> np.ndarray:
    """Row indices to alter: about `rate` of `n`, at least `minimum` (up to a tenth of the rows)."""
    k = int(rng.binomial(n, rate)) if n else 0
    k = min(n, max(k, min(minimum, n // 10)))
    return np.sort(rng.choice(n, k, replace=False)) if k else np.zeros(0, dtype=int)


def yes_no(rng: np.random.Generator, p: float, n: int) -> np.ndarray:
    """`n` YESNO codes: Yes with probability `p`, else No."""
    return np.where(rng.random(n) < p, YES, NO)
