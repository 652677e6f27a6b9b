"""The headless door: `xl-dashboard build | check | synth | demo`.

Commands import what they use when they run (pandas alone takes about 0.4 s), so `--help` and
`--version` answer at once, and `build` and `check` start parsing the Annex A lists before
those imports (see `readahead`)."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import signal
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__, readahead
from .errors import EXIT_INTERRUPTED, TargetError, XlDashboardError, terminated
from .progress import Progress

if TYPE_CHECKING:
    import pandas as pd

    from .outputs import BuildRequest

EXIT_OK, EXIT_ERRORS, EXIT_UNUSABLE, EXIT_BUG = 0, 1, 2, 3


def _month(value: str | None) -> pd.Period | None:
    """The --month given, as a month (parsed in the command, after `_begin_reading`: the
    parser needs pandas)."""
    if value is None:
        return None
    from .calendar import parse_month

    return parse_month(value)


def _begin_reading(input_workbook: Path | None, annex_a: Path | None) -> None:
    """First thing in `build` and `check`, before their heavy imports: start parsing the lists
    of the workbook they come from in a background thread (see `readahead`), and pause the
    cyclic garbage collector. A build makes millions of objects (the cells) and no garbage
    worth collecting: the collector would spend a tenth of the build walking them, and the
    peak memory is the same without it. Both are undone when the command ends, however."""
    ctx = click.get_current_context()
    ahead = readahead.start_lists(annex_a if annex_a is not None else input_workbook)
    if ahead is not None:
        ctx.call_on_close(ahead.close)
    if gc.isenabled():
        gc.disable()
        ctx.call_on_close(gc.enable)


input_arg = click.argument("input_workbook", required=False, type=click.Path(path_type=Path))
annex_opt = click.option(
    "--annex-a",
    type=click.Path(path_type=Path),
    help="Annex A workbook, or a folder of CSV files named 'List 1.csv' ...",
)
quiet_opt = click.option("--quiet", "-q", is_flag=True, help="No progress messages.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="xl-dashboard")
def cli() -> None:
    """Children's social care performance dashboards from Annex A lists and monthly figures."""


@cli.command()
@input_arg
@annex_opt
@click.option(
    "--month",
    help="Reporting month, YYYY-MM (default: Settings, "
    "else the latest complete month in the data).",
)
@click.option("--population", type=click.FloatRange(min=1), help="Population aged 0-17.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The dashboard workbook to write (.xlsx).",
)
@click.option(
    "--data-csv", type=click.Path(path_type=Path), help="Also write the indicator data as CSV."
)
@click.option(
    "--pdf",
    "pdf_path",
    type=click.Path(path_type=Path),
    help="Also write a PDF of the summary and the four pages (needs LibreOffice).",
)
@click.option(
    "--png",
    "png_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Also write one PNG image per page into this folder (needs LibreOffice, pdftoppm).",
)
@click.option(
    "--history",
    "history_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A CSV file keeping every month's figures between builds (created if missing): "
    "months the lists and Monthly figures no longer give come from it.",
)
@click.option(
    "--quality-report",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the row-level data-quality report (.xlsx, OFFICIAL-SENSITIVE: it holds "
    "case-level detail).",
)
@click.option(
    "--publish",
    is_flag=True,
    help="Publication mode: counts of 1 to 5, and figures resting on them, shown as c.",
)
@quiet_opt
def build(
    input_workbook: Path | None,
    annex_a: Path | None,
    month: str | None,
    population: float | None,
    output: Path,
    data_csv: Path | None,
    pdf_path: Path | None,
    png_dir: Path | None,
    history_path: Path | None,
    quality_report: Path | None,
    publish: bool,
    quiet: bool,
) -> None:
    """Compute every indicator and write the dashboard workbook."""
    request = _request(
        output=output,
        input_workbook=input_workbook,
        annex_a=annex_a,
        data_csv=data_csv,
        history=history_path,
        pdf=pdf_path,
        png_dir=png_dir,
        quality_report=quality_report,
        publish=publish,
    )
    _begin_reading(input_workbook, annex_a)
    overrides = {"reporting_month": _month(month), "population": population}
    from .api import run_build

    progress = Progress(quiet)
    what = ", ".join(t.path.name for t in request.targets())
    with progress.step(f"Building {what}"):
        results = run_build(dataclasses.replace(request, overrides=overrides))
    errors, warnings = results.issues.count("error"), results.issues.count("warning")
    progress.say(
        f"{results.settings.la_name}, {results.settings.reporting_month}: "
        f"{len(results.data)} figures; {errors} data-quality errors, {warnings} warnings "
        f"(see the 'Data quality' sheet)."
    )


def _request(**paths: object) -> BuildRequest:
    """The build's request, its outputs checked before anything is read."""
    from .outputs import BuildRequest, check_request

    request = BuildRequest(**paths)  # type: ignore[arg-type]
    check_request(request)
    return request


@cli.command()
@input_arg
@annex_opt
@click.option("--month", help="Reporting month, YYYY-MM (as for build).")
@click.option("--limit", default=40, show_default=True, help="Issues to list (0 = all).")
@click.option(
    "--quality-report",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write every issue to a workbook (.xlsx, OFFICIAL-SENSITIVE).",
)
@quiet_opt
def check(
    input_workbook: Path | None,
    annex_a: Path | None,
    month: str | None,
    limit: int,
    quality_report: Path | None,
    quiet: bool,
) -> None:
    """Report data-quality issues; exit 0 if none are errors, 1 if some are, 2 if unusable."""
    if quality_report is not None:
        from .outputs import Target, check_targets

        paths = [p for p in (input_workbook, annex_a) if p is not None]
        check_targets([Target(quality_report, "xlsx", "--quality-report")], paths)
    _begin_reading(input_workbook, annex_a)
    reporting_month = _month(month)
    from .api import compute, load_inputs, print_report, write_quality

    progress = Progress(quiet)
    with progress.step("Reading inputs"):
        inputs = load_inputs(input_workbook, annex_a, reporting_month=reporting_month)
    with progress.step("Checking"):
        results = compute(inputs)
    print_report(results, limit=limit)
    if quality_report is not None:
        with progress.step(f"Writing {quality_report.name}"):
            write_quality(results, quality_report)
    if results.issues.count("error"):
        raise SystemExit(EXIT_ERRORS)


@cli.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True)
@click.option("--end", default="2024-09", show_default=True, help="Last month, YYYY-MM.")
@click.option("--months", default=6, show_default=True, type=click.IntRange(1, 36))
@click.option(
    "--scale", type=click.Choice(["small", "county", "large"]), default="county", show_default=True
)
@click.option("--seed", default=0, show_default=True, type=int)
@quiet_opt
def synth(output: Path, end: str, months: int, scale: str, seed: int, quiet: bool) -> None:
    """Write a synthetic Annex A workbook (never real children's data)."""
    from .api import synthesise
    from .calendar import parse_month
    from .outputs import Target, check_targets

    parse_month(end)
    check_targets([Target(output, "xlsx", "-o")], [])
    with Progress(quiet).step(f"Writing {output.name}"):
        rows = synthesise(output, end=end, months=months, scale=scale, seed=seed)
    Progress(quiet).say(", ".join(f"{k}: {v}" for k, v in rows.items()))


@cli.command()
@click.option(
    "-o", "--output-dir", type=click.Path(path_type=Path), default=Path("demo"), show_default=True
)
@click.option(
    "--scale", type=click.Choice(["small", "county", "large"]), default="county", show_default=True
)
@quiet_opt
def demo(output_dir: Path, scale: str, quiet: bool) -> None:
    """Synthesise an Annex A workbook, an input workbook and a stored history of the two years
    before, and build the dashboard."""
    from .api import BuildRequest, run_build, synthesise, synthesise_history

    progress = Progress(quiet)
    if output_dir.exists() and not output_dir.is_dir():
        raise TargetError(f"-o '{output_dir}' is a file: the demo needs a folder to write into.")
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TargetError(f"The folder '{output_dir}' could not be made: {exc.strerror}.") from None
    annex, inputs_path = output_dir / "annex_a_synthetic.xlsx", output_dir / "inputs.xlsx"
    out, history = output_dir / "dashboard.xlsx", output_dir / "history.csv"
    with progress.step("Synthesising an Annex A extract"):
        synthesise(annex, inputs_path, scale=scale)
    with progress.step("Synthesising the stored history of earlier months"):
        synthesise_history(inputs_path, annex, history)
    request = BuildRequest(
        output=out,
        input_workbook=inputs_path,
        annex_a=annex,
        data_csv=output_dir / "indicator_data.csv",
        history=history,
    )
    with progress.step(f"Building {out}"):
        run_build(request)
    progress.say(f"Dashboard: {out}")


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("workbook_templates") / "xl_dashboard.xlsm",
    show_default=True,
    help="The template to write (.xlsm).",
)
@quiet_opt
def template(output: Path, quiet: bool) -> None:
    """Write the Excel input-workbook template: input sheets, buttons and their macros."""
    from .excel.template import build_template

    with Progress(quiet).step(f"Writing {output.name}"):
        build_template(output)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (errors are one sentence, no traceback).

    Called without arguments, as the `xl-dashboard` command is, the process ends here: every
    output is written and closed by then, and the interpreter's teardown (freeing a build's
    objects one by one) would add a tenth to a build for nothing."""
    code = _run(argv)
    if argv is None:
        _exit(code)
    return code


def _exit(code: int) -> None:
    """End the process now, output flushed, without the interpreter's teardown."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`| head`) or stream
            stream.flush()
    os._exit(code)


def _run(argv: Sequence[str] | None) -> int:
    with contextlib.suppress(ValueError):  # only the main thread may set handlers
        signal.signal(signal.SIGTERM, terminated)
    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="xl-dashboard",
            standalone_mode=False,
        )
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show(file=sys.stderr)
        return EXIT_UNUSABLE
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("Stopped: nothing was written.", err=True)
        return EXIT_INTERRUPTED
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_ERRORS
    except XlDashboardError as exc:
        click.echo(f"Error: {exc}", err=True)
        return exc.exit_code
    except Exception as exc:  # a bug: say so plainly, keep the traceback for a debug run
        if os.environ.get("XL_DASHBOARD_DEBUG"):
            traceback.print_exc()
        click.echo(
            f"Error: something went wrong that xl_dashboard did not expect "
            f"({type(exc).__name__}: {exc}). Please report it; set "
            f"XL_DASHBOARD_DEBUG=1 for details.",
            err=True,
        )
        return EXIT_BUG
    return EXIT_OK
