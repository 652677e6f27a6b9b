"""Benchmark: each XLD_* function that takes ranges, on a column of 100,000 cells.

Target (issue 11): at most 0.1 s a call in CPython, for each function, through both doors:
- `desktop`: the classic/xlwings Server function (`udfs`) with its arguments as xlwings' own
  converter hands them over (lists of rows; dates as datetimes); xlwings' conversion itself is
  not timed (on Windows it is COM's, outside Python);
- `lite`: the xlwings Lite function (`lite_functions`) called through xlwings' own
  `custom_functions_call`, as Lite calls it, with the arguments as Office.js sends them
  (serial numbers, "" for empty cells): everything the user waits for on the Python side.
Each call is timed best of 7 (and the median shown; CPU time in the Markdown rows): the
machine is shared, so the best is the call's own cost. A whole process is timed once per
function too: Python's start-up, the import of `lite_functions` and one Lite call, as the first
call of a session costs.

Run: `.venv/bin/python benchmarks/udf_speed.py`; it prints a table and Markdown rows for
benchmarks/RESULTS.md, and exits 1 when a call is over the target."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # xlwings' own test key
os.environ["XLWINGS_ON_SERVER"] = "true"  # the real custom-function decorators

TARGET = 0.1  # seconds per call
ROWS = 100_000
RUNS = 7
EPOCH = dt.date(1899, 12, 30)


def columns(seed: int = 0) -> dict[str, list[list[Any]]]:
    """Synthetic columns of ROWS cells: dates over three years (serial numbers, datetimes and
    dd/mm/yyyy text), whole numbers of days, counts, source codes, months."""
    rng = random.Random(seed)
    first = dt.date(2022, 4, 1)
    days = [first + dt.timedelta(days=rng.randrange(1100)) for _ in range(ROWS)]
    later = [d + dt.timedelta(days=rng.randrange(90)) for d in days]
    codes = ["q) 6: Police", "3a", "1", "5D", "p1) 5D: LA services - Early help", "9", ""]
    return {
        "starts": [[float((d - EPOCH).days)] for d in days],
        "ends": [[float((d - EPOCH).days)] for d in later],
        "start_datetimes": [[dt.datetime.combine(d, dt.time())] for d in days],
        "end_datetimes": [[dt.datetime.combine(d, dt.time())] for d in later],
        "start_texts": [[d.strftime("%d/%m/%Y")] for d in days],
        "days": [[float(rng.randrange(0, 60))] for _ in range(ROWS)],
        "counts": [[float(rng.randrange(0, 900))] for _ in range(ROWS)],
        "codes": [[rng.choice(codes)] for _ in range(ROWS)],
        "months": [[f"{d.year}-{d.month:02d}"] for d in days],
    }


TABLE = [["indicator_id", "breakdown", "period", "value"]] + [
    ["referrals", "", f"{y}-{m:02d}", float(100 + m)]
    for y in (2022, 2023, 2024, 2025)
    for m in range(1, 13)
]

# (function, label, desktop arguments, Lite arguments): names of `columns` or plain values.
CASES: list[tuple[str, str, list[Any], list[Any]]] = [
    ("XLD_WORKDAYS", "dates", ["start_datetimes", "end_datetimes"], ["starts", "ends"]),
    ("XLD_WORKDAYS", "dd/mm/yyyy text", ["start_texts", "end_datetimes"], ["start_texts", "ends"]),
    ("XLD_ADD_WORKDAYS", "dates", ["start_datetimes", "days"], ["starts", "days"]),
    ("XLD_RATE_PER_10K", "", ["counts", 165_800.0], ["counts", 165_800.0]),
    ("XLD_RAG", "", ["counts", 450.0, 50.0, "up"], ["counts", 450.0, 50.0, "up"]),
    ("XLD_SOURCE_GROUP", "", ["codes"], ["codes"]),
    ("XLD_INDICATOR", "a table", ["!referrals", "months", None, "!TABLE"], []),
]


def arguments(names: list[Any], data: dict[str, list[list[Any]]]) -> list[Any]:
    out = []
    for n in names:
        if n == "!TABLE":
            out.append(TABLE)
        elif isinstance(n, str) and n.startswith("!"):
            out.append(n[1:])
        elif isinstance(n, str) and n in data:
            out.append(data[n])
        else:
            out.append(n)
    return out


def lite_call(name: str, args: list[Any]) -> Any:
    """A custom-function call as xlwings Lite makes it (single values as [[value]])."""
    import xlwings as xw
    import xlwings.server as xs

    from xl_dashboard.excel import lite_functions

    data = {
        "client": "Office.js",
        "version": xw.__version__,
        "runtime": "1.4",
        "func_name": name,
        "args": [a if isinstance(a, list) else [[a]] for a in args],
    }
    return asyncio.run(xs.custom_functions_call(data, lite_functions))


def timed(call: Callable[[], Any]) -> tuple[float, float, float]:
    """Best and median wall time of RUNS calls, and the best CPU time, in seconds."""
    times, cpu = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(times), statistics.median(times), min(cpu)


WHOLE_PROCESS = """
import json, os, sys, time
started = time.perf_counter()
sys.path.insert(0, {bench!r})
import udf_speed
data = udf_speed.columns()
built = time.perf_counter()
from xl_dashboard.excel import lite_functions
imported = time.perf_counter()
udf_speed.lite_call({name!r}, udf_speed.arguments({names!r}, data))
done = time.perf_counter()
print(json.dumps({{"data": built - started, "import": imported - built, "call": done - imported}}))
"""


def whole_process(name: str, names: list[Any]) -> dict[str, float]:
    """Python start-up + import of lite_functions + one Lite call, in a new process (the
    synthetic columns' making is measured and taken off)."""
    code = WHOLE_PROCESS.format(
        bench=os.path.dirname(os.path.abspath(__file__)), name=name, names=names
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True
    )
    wall = time.perf_counter() - start
    parts = json.loads(done.stdout.strip().splitlines()[-1])
    return {"whole": wall - parts["data"], "import": parts["import"], "call": parts["call"]}


def main() -> int:
    from xl_dashboard.excel import udfs

    data = columns()
    rows = []
    for name, label, desktop_names, lite_names in CASES:
        lite_names = lite_names or desktop_names
        desktop = arguments(desktop_names, data)
        lite = arguments(lite_names, data)
        function = getattr(udfs, name)
        d_best, d_median, d_cpu = timed(lambda: function(*desktop))  # noqa: B023 (at once)
        l_best, l_median, l_cpu = timed(lambda: lite_call(name, lite))  # noqa: B023
        process = whole_process(name, lite_names)
        rows.append((name, label, d_best, d_median, l_best, l_median, process, d_cpu, l_cpu))

    over = [r for r in rows if max(r[2], r[4]) > TARGET]
    print(f"{ROWS:,} cells a call; best (median) of {RUNS}; target {TARGET:.2f} s a call")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} (2 vCPUs shared)\n")
    header = ("function", "desktop call", "Lite call", "process: whole / import / call")
    print(f"{header[0]:<36} {header[1]:>16} {header[2]:>16}   {header[3]}")
    for name, label, d_best, d_median, l_best, l_median, p, _, _ in rows:
        title = f"{name} ({label})" if label else name
        print(
            f"{title:<36} {d_best:6.3f} ({d_median:.3f}) {l_best:6.3f} ({l_median:.3f})   "
            f"{p['whole']:.2f} / {p['import']:.2f} / {p['call']:.3f} s"
        )
    print("\nMarkdown rows for benchmarks/RESULTS.md:")
    day = dt.date.today().isoformat()
    load = os.getloadavg()[0]
    for name, label, d_best, _, l_best, _, p, d_cpu, l_cpu in rows:
        title = f"`{name}`" + (f" ({label})" if label else "")
        print(
            f"| {day} | {platform.python_version()} | {title} | {d_best:.3f} s ({d_cpu:.3f}) | "
            f"{l_best:.3f} s ({l_cpu:.3f}) | {p['whole']:.2f} s ({p['import']:.2f} s import) "
            f"| {load:.1f} |"
        )
    if over:
        print(f"\nOver the target ({TARGET} s): " + ", ".join(r[0] for r in over))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
