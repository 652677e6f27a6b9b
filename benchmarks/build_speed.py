"""Benchmark: `xl-dashboard build` as a user feels it, against python-calamine's bare parse.

Target (issue 7): the whole `xl-dashboard build` process (start-up and imports included) takes at
most 1.5 x a whole process that only imports python-calamine and parses the same workbook (every
sheet, `to_python()`), on a large extract (List 1 >= 60,000 rows), best of 3 each, in one run.
`--help` and `--version` should answer in a fraction of a second.

Both are timed as separate processes, interleaved (baseline, build, baseline, build, ...) after
one warm-up run each (file in the page cache, bytecode cached as in an installed package), so a
busy machine slows both alike. Run: `.venv/bin/python benchmarks/build_speed.py`; it prints a
Markdown row for benchmarks/RESULTS.md."""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

TARGET = 1.5
BIN = Path(sys.executable).parent
XL_DASHBOARD = str(BIN / "xl-dashboard")
POPULATION = "171830"  # as the benchmark always used: rates per 10,000 children

BARE_PARSE = """
import sys
import python_calamine
book = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
for name in book.sheet_names:
    book.get_sheet_by_name(name).to_python()
"""


def environment() -> dict[str, str]:
    """The environment of the timed processes: bytecode is cached, as in an installed package
    (a sandbox's PYTHONDONTWRITEBYTECODE would make every run compile xl_dashboard's source)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run(argv: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def best(times: list[tuple[float, float]]) -> tuple[float, float]:
    return min(times)


def count_rows(workbook: Path) -> dict[str, int]:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(workbook))
    return {n: book.get_sheet_by_name(n).height - 1 for n in book.sheet_names}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="Runs of each (best is kept).")
    parser.add_argument("--workbook", type=Path, help="Use this Annex A workbook instead.")
    parser.add_argument("--label", default="", help="A note for the Markdown row.")
    args = parser.parse_args()
    env = environment()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        annex = args.workbook or tmpdir / "annex_a_large.xlsx"
        if args.workbook is None:
            subprocess.run(
                [XL_DASHBOARD, "synth", "-o", str(annex), "--scale", "large", "-q"],
                env=env,
                check=True,
            )
        rows = count_rows(annex)
        print(f"workbook: {annex.stat().st_size / 1e6:.1f} MB, rows {rows}")
        out = tmpdir / "dashboard.xlsx"
        commands = {
            "bare parse": [sys.executable, "-c", BARE_PARSE, str(annex)],
            "build": [
                XL_DASHBOARD,
                *("build", "--annex-a", str(annex), "--population", POPULATION),
                *("-o", str(out), "-q"),
            ],
            "--help": [XL_DASHBOARD, "--help"],
            "--version": [XL_DASHBOARD, "--version"],
        }
        for argv in commands.values():  # warm-up: page cache, bytecode
            run(argv, env)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, argv in commands.items():
                times[name].append(run(argv, env))
    for name, runs in times.items():
        walls = ", ".join(f"{w:.2f}" for w, _ in runs)
        wall, cpu = best(runs)
        print(f"{name:>10}: best {wall:.2f} s (CPU {cpu:.2f} s); all runs {walls}")
    parse, build = best(times["bare parse"])[0], best(times["build"])[0]
    ratio = build / parse
    verdict = "meets" if ratio <= TARGET else "MISSES"
    print(f"ratio {ratio:.2f} ({verdict} the {TARGET} target)")
    load = os.getloadavg()[0]
    print(
        f"| {time.strftime('%Y-%m-%d')} | {os.cpu_count()} | {platform.python_version()} | "
        f"{rows.get('List 1', 0):,} | {parse:.2f} s | {build:.2f} s | {ratio:.2f} | "
        f"{best(times['--help'])[0]:.2f} s | {best(times['--version'])[0]:.2f} s | "
        f"{load:.1f} | {args.label} |"
    )


if __name__ == "__main__":
    main()
