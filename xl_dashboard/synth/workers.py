"""Synthetic workers: names, teams and qualifications, personal advisers, and allocation of
one current worker to each child."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .codes import SHORT_BREAKS, words
from .draws import seeded

if TYPE_CHECKING:
    from .authority import Authority

MAX_WORKERS = 240

_FIRST_NAMES = words(
    "Aisha Alex Amelia Amir Anna Ben Beth Callum Charlotte Chloe Chris Claire Dan Deborah Ella "
    "Emma Ewan Fatima Faye Gemma George Grace Hannah Harry Imran Isla Jack Jade James Jess Joe "
    "Karen Kate Kieran Laura Leah Liam Lucy Marcus Maria Mark Megan Mia Nadia Natalie Neil Niamh "
    "Oliver Olivia Paul Priya Rachel Rebecca Rhys Rosie Ruth Ryan Sam Sarah Sean Sophie Stacey "
    "Steph Tom Tariq Vicky Will Yasmin Zara Zoe"
)
_SURNAMES = words(
    "Abbott Ahmed Allen Atkins Bailey Barker Bell Bennett Brooks Carter Chapman Clarke Collins "
    "Cooper Davies Dixon Doyle Edwards Ellis Evans Fisher Fletcher Foster Gibson Graham Green "
    "Hall Harper Hayes Hill Holmes Hughes Hussain Jackson Jenkins Kaur Kelly Khan Knight Lawson "
    "Lewis Marsh Mason Mills Moore Morgan Murphy Nash Newman Owen Parker Patel Pearce Price Quinn "
    "Reid Richards Rose Shaw Singh Stone Turner Walsh Ward Webb Wells Whitaker Young"
)
# Team categories in a repeating pattern so that any prefix of the list has every kind of team.
_WORKER_PATTERN = "AFFCAFWFCAFLFCAFCFLF"
# Workers who are not qualified social workers (family support workers, personal advisers), by
# position in an 80-worker cycle: about 89% of any prefix are qualified, few in care teams.
_UNQUALIFIED_SLOTS = frozenset({11, 17, 27, 38, 51, 57, 67, 73, 78})
_AREAS = ("North", "South", "East", "West")
_NAME_COMBINATIONS = len(_FIRST_NAMES) * len(_SURNAMES)


def _team_kind(i: int) -> str:
    """The kind of team of worker `i`: Assessment, Family support, Children in care,
    children With disabilities or Leaving care."""
    return _WORKER_PATTERN[i % len(_WORKER_PATTERN)]


def _full_name(pick: int) -> str:
    """One first name and surname combination, numbered over all combinations."""
    first, last = divmod(pick, len(_SURNAMES))
    return f"{_FIRST_NAMES[first]} {_SURNAMES[last]}"


def _team(kind: str, area: str) -> str:
    """The team name of a kind of team in an area."""
    return {
        "A": f"Assessment Team {area}",
        "F": f"Family Support Team {area}",
        "C": f"Children in Care Team {area}",
        "W": "Children with Disabilities Team",
        "L": "Leaving Care Team",
    }[kind]


def worker_names(seed: int) -> list[str]:
    """The synthetic Allocated Worker names for a seed; every scale uses a prefix of this list."""
    return [name for name, _, _ in worker_register(seed)]


def worker_register(seed: int) -> list[tuple[str, str, bool]]:
    """(name, team, qualified social worker) for each of the MAX_WORKERS synthetic workers."""
    rng = seeded(seed, 1)
    picks = rng.choice(_NAME_COMBINATIONS, MAX_WORKERS, replace=False)
    areas = rng.integers(0, len(_AREAS), MAX_WORKERS)
    out = []
    for i, pick in enumerate(picks.tolist()):
        team = _team(_team_kind(i), _AREAS[int(areas[i])])
        out.append((_full_name(pick), team, i % 80 not in _UNQUALIFIED_SLOTS))
    return out


def advisors(seed: int) -> list[str]:
    """Personal advisor names (care leavers): synthetic, distinct from the worker names."""
    taken = set(worker_names(seed))
    rng = seeded(seed, 3)
    out: list[str] = []
    for pick in rng.permutation(_NAME_COMBINATIONS).tolist():
        name = _full_name(pick)
        if name not in taken:
            out.append(name)
        if len(out) == 40:
            return out
    return out


def allocate(la: Authority) -> None:
    """One current worker per child, from the team that holds the child's case at the end."""
    rng = la.rng(14)
    register = worker_register(la.seed)[: la.sc.workers]
    kinds = np.array([_team_kind(i) for i in range(len(register))])
    qualified = np.array([q for _, _, q in register])
    n = la.kids.n
    kind = np.full(n, "A")
    open_cin = la.cin["child"][la.cin["status"] == 2]
    kind[open_cin] = "F"
    kind[la.cwd_children[np.isin(la.cwd_children, open_cin)]] = "W"
    kind[la.open_at_end(la.cp)] = "F"
    kind[la.leavers["child"]] = "L"
    lac_open = la.lac["child"][np.isnat(la.lac["end"])]
    short = la.lac["child"][np.isnat(la.lac["end"]) & np.isin(la.lac["legal"], SHORT_BREAKS)]
    kind[lac_open] = "C"
    kind[short] = "W"
    eligible = la.leavers["child"][la.leavers["category"] == 3]
    kind[eligible] = "C"
    on_plan = np.zeros(n, dtype=bool)
    on_plan[la.open_at_end(la.cp)] = True
    worker = np.zeros(n, dtype=int)
    for k in "AFCWL":
        pool = np.flatnonzero(kinds == k)
        who = np.flatnonzero(kind == k)
        worker[who] = pool[rng.integers(0, len(pool), len(who))]
        if k == "F":  # children on CP plans are nearly always held by qualified workers
            good = pool[qualified[pool]]
            plan_kids = who[on_plan[who] & (rng.random(len(who)) < 0.985)]
            worker[plan_kids] = good[rng.integers(0, len(good), len(plan_kids))]
    la.worker = np.array([name for name, _, _ in register], dtype=object)[worker]
    la.team = np.array([team for _, team, _ in register], dtype=object)[worker]
