"""Benchmark: `build` on a large synthetic Annex A extract against python-calamine's bare parse.

Target (issue 2): build time <= 1.5 x the time python-calamine alone takes to parse the same
workbook (every sheet, `to_python()`). Run: `.venv/bin/python benchmarks/build_speed.py`.
Prints a Markdown row for benchmarks/RESULTS.md."""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import tempfile
import time
from pathlib import Path

import python_calamine as calamine

from xl_dashboard.api import build
from xl_dashboard.synth import synthesise_annex_a

TARGET = 1.5


def bare_parse(path: Path) -> int:
    """Parse every sheet with python-calamine and nothing else; returns the cell count."""
    book = calamine.CalamineWorkbook.from_path(str(path))
    cells = 0
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        cells += sum(len(r) for r in rows[:1]) * len(rows)
    return cells


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="large")
    parser.add_argument("--months", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workbook", type=Path, help="Use this Annex A workbook instead.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        annex = args.workbook or tmpdir / "annex_a_large.xlsx"
        if args.workbook is None:
            rows = synthesise_annex_a(annex, end="2024-09", months=args.months, scale=args.scale)
            print(f"synthetic workbook: {annex.stat().st_size / 1e6:.1f} MB, rows {rows}")
        out = tmpdir / "dashboard.xlsx"
        cells = bare_parse(annex)  # warm the file cache once
        parse = timed(lambda: bare_parse(annex), args.repeat)
        run = timed(
            lambda: build(None, out, annex_a=annex, reporting_month=None, population=171830),
            args.repeat,
        )
    p, b = statistics.median(parse), statistics.median(run)
    ratio = b / p
    verdict = "meets" if ratio <= TARGET else "MISSES"
    print(f"cells parsed: {cells:,}")
    print(f"calamine bare parse: median {p:.2f} s (min {min(parse):.2f})")
    print(f"build (read + compute + write): median {b:.2f} s (min {min(run):.2f})")
    print(f"ratio {ratio:.2f} ({verdict} the {TARGET} target)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process (synthesis, parse and builds): {peak:.0f} MB")
    print(
        f"| {time.strftime('%Y-%m-%d')} | {platform.python_version()} | {args.scale} x "
        f"{args.months} months | {cells:,} | {p:.2f} s | {b:.2f} s | {ratio:.2f} |"
    )


if __name__ == "__main__":
    main()
